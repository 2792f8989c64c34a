#!/usr/bin/env bash
# Measures the streaming scan `trailgate logs investigate NAME --source PATH` (an investigation answered straight
# from a tree of CloudTrail .json.gz files, no database) against DuckDB on the same files, against ingesting the
# tree and querying the store (time to first answer), against `zcat | jq`, and against inflating the files alone,
# for four investigations, on the replicated trees bench/logs-ingest.sh builds (shared with it under $WORK).
#
#   bench/logs-scan.sh                     # tree-180 (522,000 records) and tree-345 (1,000,500 records)
#   TREES=180 bench/logs-scan.sh           # one tree only
#   BIN=/tmp/eventstore-benchmark-old bench/logs-scan.sh   # measure that build instead of building this tree's
#   JQ_MAX_COPIES=345 bench/logs-scan.sh   # zcat | jq on the 1M tree too (about 40 s per investigation here)
#   KEEP_DB=1 bench/logs-scan.sh           # keep the ingested stores ($WORK/scan-N/events.db)
#   RUNS=3 bench/logs-scan.sh              # trailgate scan and DuckDB 3 times each, alternating, and the floor 3
#                                          # times; keep the fastest of each
#
# Every measure is one cold process timed by /usr/bin/time -v, with the tree's files already in the page cache:
#   trailgate scan    eventstore-benchmark scan NAME TREE [--principal KEY]: the scan of `logs investigate --source`
#   duckdb            Python duckdb, all threads, the same WHERE / GROUP BY / ORDER BY / LIMIT over read_json_objects
#                     of the gz files (each file parsed once with from_json into the fields needed)
#   ingest + query    eventstore-benchmark ingest DB TREE once per tree, then investigate DB NAME per investigation;
#                     what a first answer costs through the store
#   zcat | jq         the same filter over every file; listings are sorted and cut to 1000 rows, grouped
#                     investigations only count matching records and distinct groups (no aggregates)
#   inflate floor     eventstore-benchmark inflate TREE: libdeflate over the same files on all cores, nothing parsed
# Rows are printed side by side so a reader sees the answers agree in size. The machine's load varies from run to
# run: compare within one run, and rerun when the load average printed per tree is high.
#
# The measured code is the eventstore-benchmark executable (Sources/EventStoreBenchmark): the same scan, ingest and
# InvestigationCatalogue code paths as `trailgate logs`, built in release mode without the CLI's HTTP stack.
# The trees are made once by ../shared/tools/duckdb_baseline.py --make-tree (fresh event ids, fake accounts, one day
# per copy; timing data only). Output and the per-run files (DuckDB's answers, jq's, /usr/bin/time's) go to
# $WORK/scan-N/.
set -euo pipefail
cd "$(dirname "$0")/.."
TREES=${TREES:-"180 345"}
WORK=${WORK:-/tmp/trailgate-logs-bench}
JQ_MAX_COPIES=${JQ_MAX_COPIES:-180}
RUNS=${RUNS:-1}
SHARED=../shared
INVESTIGATIONS="cloudtrail-changes principal-activity errors-by-source unusual-regions"
# principal-activity's --principal: the long-term access key of IAM user benjamin in the Stratus dataset. Chosen as
# the AKIA key with a modest share of the records: 43 of the dataset's 2,900 (per copy: 7,740 records in tree-180,
# 14,835 in tree-345), 4 of them errors. The other keys appear in 2,104 records (bert-jan's, most of the dataset)
# or in fewer than 110 (short-lived ASIA session keys).
PRINCIPAL=AKIATFQR7NSCUXC3DDDP
mkdir -p "$WORK"

python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
if [ -z "${BIN:-}" ]; then
    swift build -c release --product eventstore-benchmark --scratch-path .build-release-logs >/dev/null
    BIN=.build-release-logs/release/eventstore-benchmark
fi
HAVE_JQ=1
command -v jq >/dev/null || { HAVE_JQ=; echo "(jq not found: zcat | jq skipped)"; }

# DuckDB: one investigation per cold process. `actor` is the store's: the first of userIdentity.arn,
# sessionContext.sessionIssuer.arn, invokedBy, principalId, type. from_json on the whole file object into
# {"Records": [STRUCT]} parses each file once; extracting Records[*] first and parsing each record again took about
# 1.4x as long here, and read_json(columns={'Records': ...}) about 9x.
DUCK_PY="$WORK/logs-scan-duckdb.py"
cat >"$DUCK_PY" <<'PY'
import glob, os, sys, time
import duckdb

name, tree, principal, out = sys.argv[1:5]
started = time.perf_counter()
files = sorted(f for f in glob.glob(os.path.join(tree, "**", "*.json.gz"), recursive=True)
               if "CloudTrail-Digest" not in f and "CloudTrail-Insight" not in f)
SPEC = ('{"eventID":"VARCHAR","eventTime":"VARCHAR","eventSource":"VARCHAR","eventName":"VARCHAR",'
        '"awsRegion":"VARCHAR","sourceIPAddress":"VARCHAR","userAgent":"VARCHAR","errorCode":"VARCHAR",'
        '"eventType":"VARCHAR","recipientAccountId":"VARCHAR",'
        '"userIdentity":{"type":"VARCHAR","principalId":"VARCHAR","arn":"VARCHAR","accessKeyId":"VARCHAR",'
        '"invokedBy":"VARCHAR","sessionContext":{"sessionIssuer":{"arn":"VARCHAR"}}},'
        '"requestParameters":"JSON"}')
EVENTS = f"""
SELECT r.eventTime AS eventtime, r.eventID AS eventid, r.recipientAccountId AS account, r.awsRegion AS awsregion,
       coalesce(r.userIdentity.arn, r.userIdentity.sessionContext.sessionIssuer.arn, r.userIdentity.invokedBy,
                r.userIdentity.principalId, r.userIdentity.type) AS actor,
       r.eventSource AS eventsource, r.eventName AS eventname, r.sourceIPAddress AS sourceipaddress,
       r.errorCode AS errorcode, r.eventType AS eventtype, r.userAgent AS useragent,
       r.userIdentity.accessKeyId AS accesskeyid, r.userIdentity.sessionContext.sessionIssuer.arn AS sessionissuer_arn,
       r.requestParameters AS requestparameters
FROM (SELECT unnest(from_json(json, '{{"Records":[{SPEC}]}}').Records) AS r
      FROM read_json_objects($files, format = 'unstructured', maximum_object_size = 536870912))"""
LISTING = "eventtime, account, awsregion, actor, eventsource, eventname, sourceipaddress, errorcode"
QUERIES = {
    "cloudtrail-changes": f"""
        SELECT {LISTING}, requestparameters ->> '$.name' AS trail FROM events
        WHERE eventsource = 'cloudtrail.amazonaws.com'
          AND eventname IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors',
                            'CreateTrail', 'StartLogging', 'DeleteEventDataStore')
        ORDER BY eventtime, eventid LIMIT 1000""",
    "principal-activity": f"""
        SELECT {LISTING}, accesskeyid, useragent FROM events
        WHERE actor = $principal OR sessionissuer_arn = $principal OR accesskeyid = $principal
        ORDER BY eventtime, eventid LIMIT 1000""",
    "errors-by-source": """
        SELECT eventsource, eventname, errorcode, count(*) AS events, count(DISTINCT actor) AS actors FROM events
        WHERE errorcode IS NOT NULL
        GROUP BY eventsource, eventname, errorcode
        ORDER BY events DESC, eventsource, eventname, errorcode LIMIT 1000""",
    "unusual-regions": """
        SELECT awsregion, actor, count(*) AS events, count(DISTINCT eventname) AS apis,
               min(eventtime) AS first_seen, max(eventtime) AS last_seen FROM events
        WHERE awsregion IS NOT NULL AND eventtype <> 'AwsServiceEvent'
        GROUP BY awsregion, actor
        ORDER BY events ASC, awsregion, actor LIMIT 1000""",
}
con = duckdb.connect(":memory:")
params = {"files": files}
if name == "principal-activity":
    params["principal"] = principal
cursor = con.execute(f"WITH events AS ({EVENTS}) {QUERIES[name]}", params)
columns = [d[0] for d in cursor.description]
rows = cursor.fetchall()
seconds = time.perf_counter() - started
threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
with open(out, "w") as fh:
    print(*columns, sep="\t", file=fh)
    for row in rows:
        print(*("" if v is None else v for v in row), sep="\t", file=fh)
print(f"duckdb_seconds={seconds:.2f} rows={len(rows)} files={len(files)} threads={threads} duckdb={duckdb.__version__}")
PY

# jq: the same conditions; `actor` as above (jq's // skips null and false, as coalesce skips NULL).
JQ_ACTOR='def actor: .userIdentity as $u
    | ($u.arn // $u.sessionContext.sessionIssuer.arn // $u.invokedBy // $u.principalId // $u.type);'
jq_filter() {
    case "$1" in
    cloudtrail-changes) echo '.Records[]
        | select(.eventSource == "cloudtrail.amazonaws.com" and (.eventName | IN("StopLogging", "DeleteTrail",
            "UpdateTrail", "PutEventSelectors", "PutInsightSelectors", "CreateTrail", "StartLogging",
            "DeleteEventDataStore")))
        | [.eventTime, .eventID, .recipientAccountId, .awsRegion, actor, .eventSource, .eventName, .sourceIPAddress,
           .errorCode, .requestParameters.name] | @tsv' ;;
    principal-activity) echo '.Records[]
        | select(actor == $p or .userIdentity.sessionContext.sessionIssuer.arn == $p
                 or .userIdentity.accessKeyId == $p)
        | [.eventTime, .eventID, .recipientAccountId, .awsRegion, actor, .eventSource, .eventName, .sourceIPAddress,
           .errorCode, .userIdentity.accessKeyId, .userAgent] | @tsv' ;;
    errors-by-source) echo '.Records[] | select(.errorCode != null) | [.eventSource, .eventName, .errorCode] | @tsv' ;;
    unusual-regions) echo '.Records[]
        | select(.awsRegion != null and .eventType != null and .eventType != "AwsServiceEvent")
        | [.awsRegion, actor] | @tsv' ;;
    esac
}
jq_tail() { # print matching records and rows: listings sorted by eventTime, eventID and cut to 1000; grouped: groups
    case "$1" in
    cloudtrail-changes | principal-activity) echo "LC_ALL=C sort | awk 'NR <= 1000 { r++ } END { print NR, r + 0 }'" ;;
    *) echo "awk '{ n++; g[\$0] } END { print n + 0, length(g) }'" ;;
    esac
}

for COPIES in $TREES; do
    TREE="$WORK/tree-$COPIES"
    RUN="$WORK/scan-$COPIES"
    DB="$RUN/events.db"
    mkdir -p "$RUN"
    rm -f "$RUN"/*.out "$RUN"/*.time "$RUN"/*.tsv
    if [ ! -d "$TREE" ]; then
        python3 "$SHARED/tools/duckdb_baseline.py" --make-tree "$TREE" --from "$SHARED/datasets/invictus-aws-stratus" \
            --copies "$COPIES"
    fi
    FILES=$(find -L "$TREE" -name '*.json.gz' | wc -l)
    [ "$FILES" -gt 0 ] || { echo "no .json.gz files under $TREE" >&2; exit 1; }
    find -L "$TREE" -name '*.json.gz' -print0 | xargs -0 cat >/dev/null # into the page cache for every tool alike
    echo
    echo "== tree-$COPIES: $TREE ($FILES files, $(du -smL --apparent-size "$TREE" | cut -f1) MB gzip), $(nproc) cores," \
        "load average $(cut -d' ' -f1-3 /proc/loadavg), $BIN"
    echo "$(cut -d' ' -f1 /proc/loadavg)" >"$RUN/load-start.out"

    for R in $(seq "$RUNS"); do
        /usr/bin/time -v "$BIN" inflate "$TREE" >"$RUN/inflate.$R.out" 2>"$RUN/inflate.$R.time" ||
            { cat "$RUN/inflate.$R.out" "$RUN/inflate.$R.time"; exit 1; }
        echo "inflate floor: $(grep -h 'inflate_seconds=' "$RUN/inflate.$R.out")"
    done

    rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"
    /usr/bin/time -v "$BIN" ingest "$DB" "$TREE" >"$RUN/ingest.out" 2>"$RUN/ingest.time" ||
        { cat "$RUN/ingest.out" "$RUN/ingest.time"; exit 1; }
    echo "ingest (once): $(grep -h 'ingest_seconds=' "$RUN/ingest.out"); $(grep -h '^files=' "$RUN/ingest.out")"

    RUN_JQ=$HAVE_JQ
    if [ -n "$RUN_JQ" ] && [ "$COPIES" -gt "$JQ_MAX_COPIES" ]; then
        RUN_JQ=
        echo "(zcat | jq skipped: $COPIES copies > JQ_MAX_COPIES=$JQ_MAX_COPIES; about 40 s per investigation on the" \
            "1M-record tree here)"
    fi
    for NAME in $INVESTIGATIONS; do
        ARGS=()
        [ "$NAME" != principal-activity ] || ARGS=(--principal "$PRINCIPAL")
        echo "-- $NAME ${ARGS[*]}"

        for R in $(seq "$RUNS"); do # alternate the two, so a change of load hits both
            S="$RUN/scan-$NAME.$R"
            /usr/bin/time -v "$BIN" scan "$NAME" "$TREE" "${ARGS[@]}" >"$S.out" 2>"$S.time" ||
                { tail -5 "$S.out"; cat "$S.time"; exit 1; }
            grep -q 'scan_seconds=' "$S.out" ||
                { echo "no scan_seconds= line from $BIN scan" >&2; tail -5 "$S.out"; exit 1; }
            echo "   trailgate scan:  $(grep -h 'scan_seconds=' "$S.out" | tail -1)"

            D="$RUN/duckdb-$NAME.$R"
            /usr/bin/time -v python3 "$DUCK_PY" "$NAME" "$TREE" "$PRINCIPAL" "$RUN/duckdb-$NAME.tsv" \
                >"$D.out" 2>"$D.time" || { cat "$D.time"; exit 1; }
            echo "   duckdb:          $(cat "$D.out")"
        done

        /usr/bin/time -v "$BIN" investigate "$DB" "$NAME" "${ARGS[@]}" >"$RUN/query-$NAME.out" \
            2>"$RUN/query-$NAME.time" || { cat "$RUN/query-$NAME.out" "$RUN/query-$NAME.time"; exit 1; }
        grep -q "^investigation=$NAME " "$RUN/query-$NAME.out" ||
            { echo "no investigation=$NAME line from $BIN investigate DB NAME" >&2; cat "$RUN/query-$NAME.out"; exit 1; }
        echo "   store query:     $(grep -h "^investigation=$NAME " "$RUN/query-$NAME.out")"

        if [ -n "$RUN_JQ" ]; then
            /usr/bin/time -v bash -c "find -L \"\$1\" -name '*.json.gz' -print0 | xargs -0 zcat \
                | jq -r --arg p \"\$2\" '$JQ_ACTOR $(jq_filter "$NAME")' | $(jq_tail "$NAME")" jq-scan "$TREE" \
                "$PRINCIPAL" >"$RUN/jq-$NAME.out" 2>"$RUN/jq-$NAME.time" || { cat "$RUN/jq-$NAME.time"; exit 1; }
            echo "   zcat | jq:       $(cat "$RUN/jq-$NAME.out") (matching records, rows)"
        fi
    done
    echo "$(cut -d' ' -f1 /proc/loadavg)" >"$RUN/load-end.out"
    [ -n "${KEEP_DB:-}" ] || rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"

    python3 - "$RUN" "$COPIES" "$INVESTIGATIONS" <<'PY'
import glob, os, re, sys
run, copies, names = sys.argv[1], sys.argv[2], sys.argv[3].split()

def fields(path, must=None):
    """key=value tokens of the last line of path holding `must` (or of the whole file)."""
    if not os.path.exists(path):
        return {}
    lines = [l for l in open(path) if must is None or must in l]
    out = {}
    for line in (lines[-1:] if must else lines):
        out.update(kv.split("=", 1) for kv in line.split() if "=" in kv)
    return out

def cpu(path):
    """User + system seconds from /usr/bin/time -v."""
    return sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): (\S+)", open(path).read()))

def timev(path):
    """Wall seconds and peak RSS (MB) from /usr/bin/time -v."""
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return seconds, rss

def fastest(prefix):
    """Wall seconds, peak RSS and file prefix of the fastest of the RUNS runs prefix.N.out / prefix.N.time."""
    return min((*timev(t), t[:-len(".time")]) for t in glob.glob(f"{prefix}.*.time"))

inflate = min((fields(f, "inflate_seconds=") for f in glob.glob(f"{run}/inflate.*.out")),
              key=lambda f: float(f["inflate_seconds"]))
ingest = fields(f"{run}/ingest.out")
ingest_wall, ingest_rss = timev(f"{run}/ingest.time")
floor_s = float(inflate["inflate_seconds"])
gz_mb, json_mb = int(inflate["gz_bytes"]) / 1e6, int(inflate["json_bytes"]) / 1e6
load = open(f"{run}/load-start.out").read().strip() + " .. " + open(f"{run}/load-end.out").read().strip()
print(f"\nsummary tree-{copies}: {int(ingest.get('records', 0)):,} records, {gz_mb:.0f} MB gzip, {json_mb:.0f} MB JSON; "
      f"load average {load}")
print(f"  inflate floor {floor_s:.2f} s ({gz_mb / floor_s:.0f} MB/s gzip, {json_mb / floor_s:.0f} MB/s JSON); "
      f"ingest {ingest_wall:.1f} s wall once (ingest_seconds={ingest.get('ingest_seconds')}, peak RSS {ingest_rss:.0f} MB)")
print("  seconds are wall seconds of a cold process (scan, duckdb and the floor: the fastest of RUNS); "
      "x = that tool's seconds / trailgate scan's; MB/s and floor from scan_seconds")
head = (f"  {'investigation':<19} {'scan s':>6} {'rows':>5} | {'duckdb s':>8} {'rows':>5} {'x':>5} | "
        f"{'ingest+query s':>14} {'rows':>5} {'x':>5} | {'jq s':>6} {'rows':>13} {'x':>5} | "
        f"{'gz MB/s':>7} {'JSON MB/s':>9} {'floor':>5} | {'RSS MB':>6} | agree")
print(head)
print("  " + "-" * (len(head) - 2))
rss_lines = []
for name in names:
    scan_wall, scan_rss, best = fastest(f"{run}/scan-{name}")
    scan, scan_cpu = fields(f"{best}.out", "scan_seconds="), cpu(f"{best}.time")
    duck_wall, duck_rss, best = fastest(f"{run}/duckdb-{name}")
    duck, duck_cpu = fields(f"{best}.out"), cpu(f"{best}.time")
    query = fields(f"{run}/query-{name}.out", f"investigation={name} ")
    query_wall, _ = timev(f"{run}/query-{name}.time")
    first = ingest_wall + query_wall
    s = float(scan["scan_seconds"])
    jq_cell, jq_rows = f"{'skipped':>6} {'':>13} {'':>5}", None
    if os.path.exists(f"{run}/jq-{name}.out"):
        jq_wall, _ = timev(f"{run}/jq-{name}.time")
        matches, jq_rows = map(int, open(f"{run}/jq-{name}.out").read().split())
        shown = f"{jq_rows} of {matches}"
        jq_cell = f"{jq_wall:6.1f} {shown:>13} {jq_wall / scan_wall:5.1f}"
    rows = {int(scan["rows"]), int(duck["rows"]), int(query["rows"])} | ({jq_rows} if jq_rows is not None else set())
    print(f"  {name:<19} {scan_wall:6.2f} {scan['rows']:>5} | {duck_wall:8.2f} {duck['rows']:>5} "
          f"{duck_wall / scan_wall:5.1f} | {first:14.1f} {query['rows']:>5} {first / scan_wall:5.1f} | {jq_cell} | "
          f"{int(scan['gz_bytes']) / 1e6 / s:7.0f} {int(scan['json_bytes']) / 1e6 / s:9.0f} "
          f"{floor_s / s:5.0%} | {scan_rss:6.0f} | {'yes' if len(rows) == 1 else 'NO'}")
    rss_lines.append(f"{name} {scan_rss:.0f} {duck_rss:.0f} {scan.get('peak_rss_mb', '-')} {ingest.get('records', 0)}")
    print(f"  {'':<19} scan_seconds={scan['scan_seconds']} files={scan.get('files')} "
          f"files_parsed={scan.get('files_parsed')} records_mapped={scan.get('records_mapped')}; "
          f"store query {float(query['ms']) / 1000:.2f} s in process, {query_wall:.2f} s wall; "
          f"CPU seconds: scan {scan_cpu:.1f}, duckdb {duck_cpu:.1f}")
print("  jq rows read 'rows of matching records': listings sorted by eventTime, eventID and cut to 1000; grouped ones "
      "count distinct groups, no aggregates computed")
with open(f"{run}/rss.out", "w") as fh:
    fh.write("\n".join(rss_lines) + "\n")
PY
done

python3 - "$WORK" "$TREES" "$INVESTIGATIONS" <<'PY'
import sys
work, trees, names = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
rss = {}
for copies in trees:
    for line in open(f"{work}/scan-{copies}/rss.out"):
        name, scan, duck, own, records = line.split()
        rss[copies, name] = (float(scan), float(duck), own, int(records))
print("\npeak RSS in MB (/usr/bin/time -v) as the tree grows: trailgate scan (its own peak_rss_mb), duckdb")
print(f"  {'investigation':<19}" + "".join(f" | {'tree-' + c + ', ' + format(rss[c, names[0]][3], ',') + ' records':>30}"
                                          for c in trees))
for name in names:
    print(f"  {name:<19}" + "".join(f" | {rss[c, name][0]:>8.0f} ({rss[c, name][2]:>5}) duckdb {rss[c, name][1]:>6.0f}"
                                    for c in trees))
PY
