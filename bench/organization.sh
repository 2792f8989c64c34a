#!/usr/bin/env bash
# Wall time, calls per second and peak RSS of `trailgate check --organization` (the reading of every account,
# then the pure check over what was read) against moto_server, for organizations of each
# size in SIZES (default "50 200") member accounts with 5 roles each (2 matching), at --concurrency 1 and 8.
# Needs moto[server] and boto3. Usage: [CONFIG=debug] [SIZES="50"] bench/organization.sh
set -euo pipefail
cd "$(dirname "$0")/.."
config="${CONFIG:-release}"
swift build -c "$config" --product trailgate >/dev/null 2>&1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
work=$(mktemp -d)
moto=""
trap 'test -n "$moto" && kill "$moto"; rm -rf "$work"' EXIT
for size in ${SIZES:-50 200}; do
  port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
  moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
  moto=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/"; do sleep 0.1; done
  python3 bench/organization_scenario.py "http://127.0.0.1:$port" "$size" >/dev/null
  for concurrency in 1 8; do
    # --verbose logs one line per HTTP exchange (' → ' and the status): the calls made, retries included.
    # check exits 1 (not ready) on this organization: its verdict is not what is measured.
    /usr/bin/time -v -o "$work/time" .build/"$config"/trailgate check --organization \
      --endpoint-url "http://127.0.0.1:$port" --concurrency "$concurrency" \
      --principal-arn-pattern 'arn:aws:iam::*:role/acme-query-*' --verbose --format json \
      -o "$work/report.json" 2>"$work/log" || test $? -eq 1
    wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
    seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
    calls=$(grep -c ' → ' "$work/log")
    members=$(python3 -c "import json; print(len(json.load(open('$work/report.json'))['organization']['accounts']))")
    printf '%4d member accounts, --concurrency %d: %6.2f s wall, %5d calls, %6.0f calls/s, peak RSS %4d MiB (%d accounts judged)\n' \
      "$size" "$concurrency" "$seconds" "$calls" "$(echo "$calls / $seconds" | bc -l)" "$((rss / 1024))" "$members"
  done
  kill "$moto"
  wait "$moto" 2>/dev/null || true
  moto=""
done
