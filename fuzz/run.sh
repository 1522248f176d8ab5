#!/usr/bin/env bash
# Runs every libFuzzer target of a build directory for SECONDS each, one after another
# (one core), and prints the executions of each. A finding (crash, sanitizer report,
# escaped exception, timeout, memory above the limit) stops the run with exit status 1
# and leaves the input in BUILD/fuzz-findings/.
#
#   fuzz/run.sh BUILD_DIR SECONDS [TARGET...]      (make fuzz FUZZ_SECONDS=60)
#   FUZZ_RUNS=1000000 fuzz/run.sh BUILD_DIR 0 ...  (make fuzz FUZZ_RUNS=1000000): a fixed
#                                                  number of executions per target instead
#                                                  of a time.
#   FUZZ_KEEP_GOING=1: run the remaining targets after a finding (still exit 1 at the end).
set -euo pipefail
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/fuzz_*; do [ -x "$f" ] && targets+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no fuzz_* targets in $build" >&2; exit 1; }
mkdir -p "$build/fuzz-corpus" "$build/fuzz-findings" "$build/fuzz-logs"
total=0
findings=0
for t in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$t"
  mkdir -p "$corpus"
  seeds=("$src/fuzz/corpus/$t")
  case $t in
    scenario_toml) seeds+=("$src/tests/fixtures/scenarios" "$src/data/scenarios") ;;
    events_files) seeds+=("$src/fuzz/corpus/events_auto") ;;
  esac
  existing=()
  for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$s"); done
  log="$build/fuzz-logs/$t.log"
  if [ -n "${FUZZ_RUNS:-}" ]; then budget=(-runs="$FUZZ_RUNS"); what="runs"
  else budget=(-max_total_time="$seconds"); what="${seconds}s"; fi
  start=$SECONDS
  if ! "$build/fuzz_$t" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 \
      -malloc_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-findings/$t-" "$corpus" "${existing[@]}" >"$log" 2>&1; then
    echo "fuzz: $t: FINDING (see $log and $build/fuzz-findings/)" >&2
    grep -E 'ERROR|SUMMARY|terminate|what\(\)' "$log" | head -5 >&2 || true
    [ -n "${FUZZ_KEEP_GOING:-}" ] || exit 1
    findings=$((findings + 1))
    continue
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  total=$((total + ${runs:-0}))
  printf 'fuzz: %-20s %12s executions in %ss (%s)\n' "$t" "${runs:-?}" "$((SECONDS - start))" "$what"
done
printf 'fuzz: %-20s %12s executions\n' "total" "$total"
[ "$findings" -eq 0 ] || { echo "fuzz: $findings target(s) with findings" >&2; exit 1; }
