#!/usr/bin/env bash
# Whole-command throughput of `detente simulate` on the built-in scenario with 1 and 2
# MPI ranks (and 1 and 2 threads in one process, and 3 shards merged), and a check that
# every configuration prints the same JSON. Usage: bench/sim_mpi.sh [RUNS] (default 100000); needs a built
# build/detente and mpirun (openmpi-bin). The MPI figures include mpirun's start-up
# (≈ 0.3 s here): use 400000 runs or more to see the ranks' own throughput.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100000}
bin=build/detente
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mpi=(mpirun --allow-run-as-root --oversubscribe)

measure() {  # label, command…
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" > "$tmp/$label.json"
  end=$(date +%s.%N)
  awk -v l="$label" -v r="$runs" -v s="$start" -v e="$end" \
    'BEGIN { t = e - s; printf "%-22s %8.3f s  %10.0f runs/s\n", l, t, r / t }'
}

args=(simulate northeast-asia-2024 --runs "$runs" --seed 1 --format json)
measure threads-1 "$bin" "${args[@]}" --threads 1
measure threads-2 "$bin" "${args[@]}" --threads 2
measure mpi-ranks-1 "${mpi[@]}" -n 1 "$bin" "${args[@]}" --threads 1
measure mpi-ranks-2 "${mpi[@]}" -n 2 "$bin" "${args[@]}" --threads 1
shards() {  # three shards one after the other, then `detente merge`
  for i in 1 2 3; do
    "$bin" "${args[@]}" --threads 1 --shard "$i/3" --records "$tmp/shard-$i.json"
  done
  "$bin" merge "$tmp"/shard-{1,2,3}.json --format json
}
measure shards-3-merged shards
for f in threads-2 mpi-ranks-1 mpi-ranks-2 shards-3-merged; do
  cmp -s "$tmp/threads-1.json" "$tmp/$f.json" || { echo "output of $f differs" >&2; exit 1; }
done
echo "all five configurations printed identical JSON"
