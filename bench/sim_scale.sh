#!/usr/bin/env bash
# Throughput of `detente simulate` over actor counts, on synthetic scenarios
# (`detente scenarios --synthetic N`: 3 issues, ~6 relations per actor, 24 months, default
# dynamics), with runs/s, peak memory (max RSS, from /usr/bin/time) and the frustration
# method used (exact or heuristic, with its largest proven gap). Then the growth ratio
# rate(24)/rate(8) (the goal is ≥ 1/27, cubic) and, with --run, `detente run` (the main
# job, default runs, sensitivity included) on 50 and 193 actors.
# The synthetic scenario's own [dynamics] table (balance gain ~ N(0.5, 0.15), 2 substeps:
# the calm regime the built-in case judges) is dropped, so the runs use the calibrated
# defaults (docs/models/dynamics.md: one substep, no balance force); --scenario-dynamics
# keeps it.
# Usage: bench/sim_scale.sh [--run] [--scenario-dynamics] [THREADS] (default 2); needs
# build/detente.
# The machine is shared: the script prints the processor and `uptime` before and after;
# compare figures of one run.
# runs/cpu-s (runs per second of CPU time, user + system, all threads) is the figure that
# load on a shared machine distorts least; on an idle machine with T threads, runs/s is
# about T times it.
set -euo pipefail
cd "$(dirname "$0")/.."
main_job=0
own_dynamics=0
while [[ ${1:-} == --* ]]; do
  case $1 in
    --run) main_job=1 ;;
    --scenario-dynamics) own_dynamics=1 ;;
    *) echo "usage: $0 [--run] [--scenario-dynamics] [THREADS]" >&2; exit 1 ;;
  esac
  shift
done
threads=${1:-2}
bin=build/detente
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The machine and its load, before and after: figures of a loaded machine are low.
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores; $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "dynamics: $( (( own_dynamics )) && echo "the synthetic scenario's own" || echo 'calibrated defaults')"
echo "load before: $(uptime)"
printf "%6s %8s %9s %11s %13s %9s  %s\n" actors runs seconds runs/s runs/cpu-s peak_MB frustration
declare -A rate
for n in 8 16 24 32 50 100 193; do
  case $n in 8) runs=100000 ;; 16|24) runs=20000 ;; 32) runs=10000 ;; 50) runs=4000 ;;
    100) runs=600 ;; *) runs=120 ;; esac
  if (( own_dynamics )); then
    "$bin" scenarios --synthetic "$n" --seed 1 > "$tmp/s$n.toml"
  else
    "$bin" scenarios --synthetic "$n" --seed 1 | sed '/^\[dynamics\]$/,/^$/d' > "$tmp/s$n.toml"
  fi
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" \
    "$bin" simulate "$tmp/s$n.toml" --runs "$runs" --seed 1 --threads "$threads" --format json \
    > "$tmp/o$n.json"
  read -r secs kb user sys < "$tmp/time"
  method=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['variants'][0]['frustration_method']; print('exact' if m['exact'] else 'heuristic, max gap %.3g' % m['max_gap'])" "$tmp/o$n.json")
  rate[$n]=$(awk -v r="$runs" -v s="$secs" 'BEGIN { printf "%.1f", r / s }')
  printf "%6d %8d %9.2f %11.1f %13.1f %9.1f  %s\n" "$n" "$runs" "$secs" "${rate[$n]}" \
    "$(awk -v r="$runs" -v u="$user" -v s="$sys" 'BEGIN { print r / (u + s) }')" \
    "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$method"
done
awk -v a="${rate[24]}" -v b="${rate[8]}" \
  'BEGIN { printf "growth: rate(24)/rate(8) = 1/%.1f (goal: at least 1/27)\n", b / a }'
echo "load after the ensembles: $(uptime)"
if (( main_job )); then
  for n in 50 193; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" \
      "$bin" run "$tmp/s$n.toml" --out-dir "$tmp/run$n" -o "$tmp/run$n.txt" --threads "$threads" --quiet
    read -r secs kb < "$tmp/time"
    printf "detente run, %d actors: %.1f s, peak %.1f MB\n" "$n" "$secs" \
      "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
    python3 -c "import json,sys; a=json.load(open(sys.argv[1]))['sections']['alignment']; m=a['frustration_method']; print('  alignment split: %s, %d search nodes of %d, gap %.3g; landscape: %s' % ('exact' if m['exact'] else 'stopped at its node budget', m['search_nodes'], m['node_budget'], m['gap'], a['landscape']['method']))" "$tmp/run$n/summary.json"
  done
  echo "load after the main jobs: $(uptime)"
fi
