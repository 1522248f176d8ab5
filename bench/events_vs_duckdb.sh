#!/usr/bin/env bash
# Compares `detente events aggregate --period month` with DuckDB (read_csv + GROUP BY of the
# same query) on a ~1 GB GDELT 2.0 input made by concatenating the real 15-minute sample,
# plain and gzipped, and prints detente's rate on a directory of ZIPS zip files each holding
# the sample (GDELT's own shape) beside the decompression limit of all cores (libdeflate
# alone, from build/detente_bench when it is built).
#
# Usage: bench/events_vs_duckdb.sh [SIZE_MB]          (default 1000)
# Environment:
#   DETENTE      the detente binary              (default build/detente)
#   DATA         the GDELT 2.0 sample            (default ../shared/data/events/gdelt/gdelt2_20191024143000.export.CSV)
#   WORKDIR      where the big inputs are made   (default /tmp/detente-events-bench)
#   DUCKDB_DIR   npm prefix for @duckdb/node-api (default build/duckdb-node; installed with npm if missing)
#   THREADS      threads for both tools          (default: nproc)
#   REPEATS      runs per measurement, best kept (default 3)
#   ZIPS         zip files in the directory case  (default 1000)
#
# Both tools run on page-cached input (one warm-up read first). Figures are MB/s of the
# uncompressed input (1 MB = 10^6 bytes). DuckDB cannot read .zip, so the compressed
# comparison uses gzip for both (detente also reads the .zip).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-1000}
DETENTE=${DETENTE:-build/detente}
DATA=${DATA:-../shared/data/events/gdelt/gdelt2_20191024143000.export.CSV}
WORKDIR=${WORKDIR:-/tmp/detente-events-bench}
DUCKDB_DIR=${DUCKDB_DIR:-build/duckdb-node}
THREADS=${THREADS:-$(nproc)}
REPEATS=${REPEATS:-3}
ZIPS=${ZIPS:-1000}
mkdir -p "$WORKDIR"

big="$WORKDIR/big.CSV"
sample_bytes=$(stat -c %s "$DATA")
copies=$(( SIZE_MB * 1000000 / sample_bytes + 1 ))
if [[ ! -f "$big" || $(stat -c %s "$big") -ne $(( copies * sample_bytes )) ]]; then
  echo "making $big ($copies copies of the sample)" >&2
  for ((i = 0; i < copies; i++)); do cat "$DATA"; done > "$big"
  rm -f "$big.gz" "$WORKDIR/big.zip"
fi
[[ -f "$big.gz" ]] || { echo "gzip $big" >&2; gzip -1 -k -c "$big" > "$big.gz"; }
if [[ ! -f "$WORKDIR/big.zip" ]] && command -v zip >/dev/null; then
  echo "zip $big" >&2; (cd "$WORKDIR" && zip -q -1 big.zip big.CSV)
fi
# The same input as 8 compressed parts (GDELT comes as many small files): decompressed in
# parallel, one file per thread.
if [[ ! -f "$WORKDIR/parts/p7.CSV.gz" ]]; then
  echo "splitting into 8 gzip/zip parts" >&2
  rm -rf "$WORKDIR/parts"; mkdir -p "$WORKDIR/parts"
  split -n l/8 -d -a1 --additional-suffix=.CSV "$big" "$WORKDIR/parts/p"
  for f in "$WORKDIR"/parts/p?.CSV; do
    gzip -1 -k "$f"
    if command -v zip >/dev/null; then (cd "$WORKDIR/parts" && zip -q -1 "$(basename "$f" .CSV).zip" "$(basename "$f")"); fi
    rm "$f"
  done
fi
# GDELT's shape: one zip per 15-minute file, ZIPS of them.
if command -v zip >/dev/null && [[ ! -f "$WORKDIR/zips/$(printf 'z%05d' $((ZIPS - 1))).zip" ]]; then
  echo "making $ZIPS zip files" >&2
  rm -rf "$WORKDIR/zips"; mkdir -p "$WORKDIR/zips"
  cp "$DATA" "$WORKDIR/zips/sample.export.CSV"
  (cd "$WORKDIR/zips" && zip -q z00000.zip sample.export.CSV && rm sample.export.CSV)
  for ((i = 1; i < ZIPS; i++)); do cp "$WORKDIR/zips/z00000.zip" "$WORKDIR/zips/$(printf 'z%05d' "$i").zip"; done
fi
bytes=$(stat -c %s "$big")
cat "$big" "$big.gz" > /dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"

best() {  # best wall time in seconds of REPEATS runs of "$@"
  local b=""
  for ((r = 0; r < REPEATS; r++)); do
    local s e t
    s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [[ -z "$b" ]] || (( $(echo "$t < $b" | bc -l) )); then b=$t; fi
  done
  echo "$b"
}
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

printf '%-44s %9s %9s %10s\n' "run (input $((bytes / 1000000)) MB, $THREADS threads)" "seconds" "MB/s" "peak RSS"
declare -A mbps
measure() {  # measure TOOL LABEL BYTES CMD...: best time, MB/s of BYTES, peak RSS
  local tool=$1 label=$2 n=$3; shift 3
  local t r
  t=$(best "$@")
  r=$(echo "scale=0; $n / $t / 1000000" | bc -l)
  mbps["$tool $label"]=$r
  printf '%-44s %9.3f %9s %8s KB\n' "$tool $label" "$t" "$r" "$(peak_kb "$@")"
}
for input in "$big" "$big.gz" "$WORKDIR/big.zip" "$WORKDIR/parts/*.CSV.gz" "$WORKDIR/parts/*.zip"; do
  compgen -G "$input" > /dev/null || continue
  measure detente "${input#"$WORKDIR"/}" "$bytes" \
    "$DETENTE" events aggregate "$input" --period month --threads "$THREADS" -o "$WORKDIR/detente.csv"
done
if compgen -G "$WORKDIR/zips/*.zip" > /dev/null; then
  nzip=$(find "$WORKDIR/zips" -name '*.zip' | wc -l)
  measure detente "zips/ ($nzip zip files)" $((nzip * sample_bytes)) \
    "$DETENTE" events aggregate "$WORKDIR/zips" --period month --threads "$THREADS" -o "$WORKDIR/zips.csv"
  bench_bin="$(dirname "$DETENTE")/detente_bench"
  if [[ -x "$bench_bin" ]]; then
    # libdeflate alone on the zipped sample, on 1 thread and on $THREADS at once (GB/s).
    "$bench_bin" --benchmark_filter="BM_EventsInflateLimit/.*threads:($THREADS|1)\$" \
      --benchmark_format=csv 2>/dev/null | awk -F, '/BM_EventsInflateLimit/ {
        printf "%-44s %9s %9d\n", "inflate limit (" $1 ")", "", $(NF-4) / 1e6 }' | tr -d '"'
  fi
fi

if [[ ! -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]]; then
  mkdir -p "$DUCKDB_DIR"
  (cd "$DUCKDB_DIR" && npm install --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1) || {
    echo "DuckDB (@duckdb/node-api) could not be installed with npm; no comparison" >&2; exit 0; }
fi
runner="$DUCKDB_DIR/events_month.mjs"
cat > "$runner" <<'JS'
// Same measures as `detente events aggregate --period month` (directed dyads, both
// countries 3 letters, not domestic), written as CSV by DuckDB.
import { DuckDBInstance } from '@duckdb/node-api';
const [input, output, threads] = process.argv.slice(2);
const cols = [];
for (let i = 0; i < 61; i++) cols.push(`'c${i}': 'VARCHAR'`);
cols[1] = "'c1': 'INTEGER'"; cols[29] = "'c29': 'INTEGER'";
cols[30] = "'c30': 'DOUBLE'"; cols[31] = "'c31': 'BIGINT'";
const sql = `COPY (
  SELECT printf('%04d-%02d', c1 // 10000, (c1 // 100) % 100) AS period, c7 AS actor1, c17 AS actor2,
         count(*) AS events, round(sum(c30), 2) AS goldstein_sum, avg(c30) AS goldstein_mean,
         sum(c31) AS mentions,
         count(*) FILTER (WHERE c29 = 1) AS quad1, count(*) FILTER (WHERE c29 = 2) AS quad2,
         count(*) FILTER (WHERE c29 = 3) AS quad3, count(*) FILTER (WHERE c29 = 4) AS quad4
  FROM read_csv('${input}', delim = '\t', header = false, quote = '', escape = '',
                columns = {${cols.join(', ')}})
  WHERE length(c7) = 3 AND length(c17) = 3 AND c7 <> c17
  GROUP BY ALL ORDER BY period, actor1, actor2
) TO '${output}' (HEADER, DELIMITER ',')`;
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
await con.run(sql);
JS
echo "DuckDB $(node -p "require('$PWD/$DUCKDB_DIR/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null || echo '?') (@duckdb/node-api)"
for input in "$big" "$big.gz" "$WORKDIR/parts/*.CSV.gz"; do
  measure duckdb "${input#"$WORKDIR"/}" "$bytes" node "$runner" "$input" "$WORKDIR/duckdb.csv" "$THREADS"
done
for input in big.CSV big.CSV.gz "parts/*.CSV.gz"; do
  d=${mbps["detente $input"]:-0}; k=${mbps["duckdb $input"]:-0}
  (( k > 0 )) && printf '%-44s %9s %8.1fx\n' "detente / duckdb, $input" "" "$(echo "$d / $k" | bc -l)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Same groups and counts? (Goldstein sums printed differently: compare the count columns.)
cut -d, -f1-4,7-11 "$WORKDIR/detente.csv" | sort > "$WORKDIR/a.txt"
cut -d, -f1-4,7-11 "$WORKDIR/duckdb.csv" | sort > "$WORKDIR/b.txt"
if cmp -s "$WORKDIR/a.txt" "$WORKDIR/b.txt"; then echo "outputs agree (groups, events, mentions, quads)"
else echo "outputs DIFFER: diff $WORKDIR/a.txt $WORKDIR/b.txt"; fi
