#!/bin/sh
# Times `detente calibrate` and `detente backtest --events` on KEDS Levant (1979–2011),
# the targets of docs/models/calibration.md (≤ 30 s and ≤ 60 s on 2 cores). Prints the
# machine load first: on a shared machine the wall time is not the CPU time.
#   bench/calibrate_levant.sh [build/detente] [path/to/keds_levant.cameo.tsv]
set -eu
BIN=${1:-build/detente}
DATA=${2:-${DETENTE_TESTDATA:-$(dirname "$0")/../../shared/data}/events/keds/keds_levant.cameo.tsv}
ACTORS=EGY,ISR,JOR,LBN,PAL,SYR,USA
[ -f "$DATA" ] || { echo "KEDS Levant not found at $DATA" >&2; exit 1; }
echo "load: $(uptime)"
OUT=$(mktemp -d)
/usr/bin/time -f "calibrate: %e s wall, %U s user, %S s sys" \
  "$BIN" calibrate --events "$DATA" --actors $ACTORS --to 2011-12-31 -o "$OUT/dynamics.toml" >/dev/null
/usr/bin/time -f "backtest --events: %e s wall, %U s user, %S s sys" \
  "$BIN" backtest --events "$DATA" --actors $ACTORS --from 1990-01-01 --threads 2 \
  --format json -o "$OUT/backtest.json"
rm -rf "$OUT"
