#!/usr/bin/env bash
# Measures `trailgate logs` ingest and the canned investigations on a replicated organization-trail tree, side by
# side with DuckDB (Python duckdb, read_json_objects) and `zcat | jq` on the same tree and machine.
#
#   bench/logs-ingest.sh            # 180 copies of the Stratus dataset: 522,000 records, 659 MB of JSON
#   COPIES=345 bench/logs-ingest.sh # 1,000,500 records
#   BIN=/tmp/eventstore-benchmark-old bench/logs-ingest.sh # measure that build instead of building this tree's
#
# To compare two builds, alternate runs of each with BIN in one session: the machine's load varies from run to run.
#
# The tree is built once under $WORK (fresh event ids, fake accounts, one day per copy; timing data only) by
# ../shared/tools/duckdb_baseline.py --make-tree. The measured code is the eventstore-benchmark executable: the same
# EventIngester / EventQueryEngine / InvestigationCatalogue code path as `trailgate logs`, built in release mode
# without the CLI's HTTP stack (a release build of the whole trailgate binary takes over 12 minutes here).
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-180}
WORK=${WORK:-/tmp/trailgate-logs-bench}
TREE="$WORK/tree-$COPIES"
DB="$WORK/events.db"
SHARED=../shared
mkdir -p "$WORK"

python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
if [ -z "${BIN:-}" ]; then
    swift build -c release --product eventstore-benchmark --scratch-path .build-release-logs >/dev/null
    BIN=.build-release-logs/release/eventstore-benchmark
fi

if [ ! -d "$TREE" ]; then
    python3 "$SHARED/tools/duckdb_baseline.py" --make-tree "$TREE" --from "$SHARED/datasets/invictus-aws-stratus" --copies "$COPIES"
fi
FILES=$(find -L "$TREE" -name '*.json.gz' | wc -l)
[ "$FILES" -gt 0 ] || { echo "no .json.gz files under $TREE" >&2; exit 1; }
GZ_MB=$(du -smL "$TREE" | cut -f1)
echo "tree: $TREE ($FILES files, $GZ_MB MB gzip), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $BIN"

rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"
/usr/bin/time -v "$BIN" ingest "$DB" "$TREE" >"$WORK/ingest.out" 2>"$WORK/ingest.time"
cat "$WORK/ingest.out"
INGEST_S=$(sed -n 's/.*ingest_seconds=\([0-9.]*\).*/\1/p' "$WORK/ingest.out")
RECORDS=$(sed -n 's/.*records=\([0-9]*\) .*/\1/p' "$WORK/ingest.out" | head -1)
JSON_MB=$(sed -n 's/.*json_mb=\([0-9.]*\).*/\1/p' "$WORK/ingest.out")
PEAK_MB=$(awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$WORK/ingest.time")
CPU=$(awk -F': ' '/Percent of CPU/ {print $2}' "$WORK/ingest.time")
CPU_S=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$WORK/ingest.time")
echo "trailgate ingest: ${INGEST_S}s, peak RSS ${PEAK_MB} MB, CPU ${CPU} (200% = both cores), database $(du -m "$DB" | cut -f1) MB"

echo "investigations (each run on the ingested store, cold process):"
"$BIN" investigate "$DB" | tee "$WORK/investigate.out"

echo "SQLite alone on the same rows (bench/sqlite-floor.py: copy the ingested rows into a fresh store, build its indexes):"
python3 bench/sqlite-floor.py "$DB" "$WORK" | tee "$WORK/floor.out"
FLOOR_S=$(sed -n 's/.*total_seconds=\([0-9.]*\).*/\1/p' "$WORK/floor.out")

echo "DuckDB and zcat | jq on the same tree:"
# The baseline passes every file to one zcat command line: past about 10,000 files that exceeds the argument limit,
# so the 1M-record tree runs DuckDB only.
JQ_FLAG=--jq
[ "$FILES" -le 10000 ] || { JQ_FLAG=; echo "(zcat | jq skipped: $FILES files exceed one command line)"; }
python3 "$SHARED/tools/duckdb_baseline.py" "$TREE" $JQ_FLAG >"$WORK/duckdb.out" 2>&1 || { cat "$WORK/duckdb.out"; exit 1; }
grep -E "duckdb|load|Q1|Q2|Q3|jq" "$WORK/duckdb.out" | grep -v "top 5" || true
DUCK_MS=$(sed -n 's/.*load (read_json_objects + unnest + extract) *\([0-9.]*\) ms.*/\1/p' "$WORK/duckdb.out")
JQ_MS=$(sed -n 's/.*jq: Q1 (zcat | jq | sort | uniq -c) *\([0-9.]*\) ms.*/\1/p' "$WORK/duckdb.out")

python3 - "$INGEST_S" "$RECORDS" "$JSON_MB" "$DUCK_MS" "$JQ_MS" "$PEAK_MB" "$FLOOR_S" "$CPU_S" <<'PY'
import sys
ingest, records, mb, duck_ms, jq_ms, peak, floor, cpu = sys.argv[1:]
floor, cpu = float(floor), float(cpu)
ingest, records, mb = float(ingest), int(records), float(mb)
duck, jq = float(duck_ms) / 1000, (float(jq_ms) / 1000 if jq_ms else None)
print(f"\nsummary: {records} records, {mb:.0f} MB of JSON")
print(f"  trailgate ingest  {ingest:7.1f} s  {records / ingest:9.0f} records/s  {mb / ingest:6.1f} MB/s  peak RSS {peak} MB")
print(f"  duckdb load       {duck:7.1f} s  {records / duck:9.0f} records/s  {mb / duck:6.1f} MB/s")
if jq:
    print(f"  zcat | jq (count) {jq:7.1f} s  {records / jq:9.0f} records/s  {mb / jq:6.1f} MB/s")
    print(f"  ratio: trailgate ingest is {duck / ingest:.2f}x DuckDB's load and {jq / ingest:.2f}x one zcat | jq pass (target: 3x DuckDB)")
else:
    print(f"  ratio: trailgate ingest is {duck / ingest:.2f}x DuckDB's load (target: 3x DuckDB)")
print(f"  SQLite alone      {floor:7.1f} s  (insert the same rows and build the same indexes, no JSON work; one writer)")
print(f"  3x DuckDB allows  {duck / 3:7.1f} s: SQLite alone takes {floor / (duck / 3):.2f}x that on its one writer; "
      f"the ingest used {cpu:.1f} CPU-seconds, {cpu / (2 * duck / 3):.2f}x what both cores give in that time")
PY
