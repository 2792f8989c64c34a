#!/usr/bin/env bash
# Measures digest-chain validation (trailgate validate-logs --local --compat) against the AWS CLI's own
# `aws cloudtrail validate-logs` code on the same generated trail, in the same run.
#
#   bench/validate-logs.sh            # generates the tree once (about 3 minutes), then times both tools
#   DATA=/path/to/tree bench/validate-logs.sh
#   JOBS=2 REPEATS=3 bench/validate-logs.sh
#
# The tree is gen_trail_fixture.py --accounts 2 --regions us-east-1,us-west-2 --hours 48 --records-per-file 500
# --seed 42: 4 chains, 192 digests, 2,304 log files, 205 MB compressed / 1.6 GB of JSON. TrailGate is measured
# through the integrity-benchmark executable (Sources/IntegrityBenchmark): the code path of validate-logs --local
# (scope from describe-trails.json, keys from list-public-keys.json, the chain walk and every log check) without
# the CLI's HTTP stack, so its release build does not need async-http-client. Both inflaters are measured: libdeflate
# (when libdeflate0 is installed) and zlib. Needs python3 with cryptography and awscli (v1).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared/tools
DATA=${DATA:-${TMPDIR:-/tmp}/trailgate-bench-validate-logs}
JOBS=${JOBS:-$(nproc)}
REPEATS=${REPEATS:-3}

if [[ ! -f "$DATA/manifest.json" ]]; then
    echo "generating $DATA ..."
    python3 "$SHARED/gen_trail_fixture.py" "$DATA" --force --accounts 2 --regions us-east-1,us-west-2 --hours 48 \
        --records-per-file 500 --seed 42 | tail -1
fi

echo "building integrity-benchmark (release) ..."
swift build -c release --product integrity-benchmark --scratch-path .build-release-vl 2>&1 | tail -1
BENCH=$(swift build -c release --product integrity-benchmark --scratch-path .build-release-vl --show-bin-path)/integrity-benchmark

read -r ARN START END ACCOUNTS < <(python3 - "$DATA" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))
e = m["expected"]
accounts = sorted({x["account"] for x in e})
print(e[0]["trailArn"], min(x["startTime"] for x in e), max(x["endTime"] for x in e), ",".join(accounts))
PY
)
ACCOUNT_ARGS=()
for a in ${ACCOUNTS//,/ }; do ACCOUNT_ARGS+=(--account-id "$a"); done

peak() { awk '/Maximum resident set size/ {print int($6/1024) " MiB"}' "$1"; }

echo
echo "== AWS CLI $(python3 -c 'import awscli; print(awscli.__version__)') validate-logs, local backend (4 runs, one per chain)"
best_cli=""
for i in $(seq "$REPEATS"); do
    /usr/bin/time -v python3 "$SHARED/awscli_validate_local.py" "$DATA" --time > /tmp/vl-cli.out 2> /tmp/vl-cli.time
    line=$(grep "validate-logs (local backend)" /tmp/vl-cli.out)
    secs=$(echo "$line" | sed -E 's/.* ([0-9.]+)s wall.*/\1/')
    echo "  run $i: ${secs}s wall, peak $(peak /tmp/vl-cli.time)"
    if [[ -z "$best_cli" ]] || awk "BEGIN{exit !($secs < $best_cli)}"; then best_cli=$secs; fi
done
MB=$(echo "$line" | sed -E 's/.* ([0-9.]+) MB compressed.*/\1/')
echo "  best ${best_cli}s: $(awk "BEGIN{printf \"%.1f\", $MB/$best_cli}") MB/s compressed"

for inflater in libdeflate zlib; do
    echo
    echo "== TrailGate (integrity-benchmark, inflater $inflater, $JOBS jobs, all 4 chains in one run)"
    best=""
    for i in $(seq "$REPEATS"); do
        if ! /usr/bin/time -v "$BENCH" "$DATA" "$ARN" "$START" "$END" "${ACCOUNT_ARGS[@]}" --jobs "$JOBS" --inflater "$inflater" \
            > /tmp/vl-tg.out 2> /tmp/vl-tg.time; then
            cat /tmp/vl-tg.out /tmp/vl-tg.time | grep -v "^\s" | head -3
            break
        fi
        secs=$(sed -E 's/.* seconds=([0-9.]+) .*/\1/' /tmp/vl-tg.out)
        echo "  run $i: $(cat /tmp/vl-tg.out), peak $(peak /tmp/vl-tg.time)"
        if [[ -z "$best" ]] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
    done
    [[ -n "$best" ]] && echo "  best ${best}s: $(awk "BEGIN{printf \"%.1f\", $MB/$best}") MB/s compressed, $(awk "BEGIN{printf \"%.2f\", $best_cli/$best}")x the AWS CLI"
done
