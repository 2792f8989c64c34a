#!/usr/bin/env bash
# Wall time of a live `trailgate check` against moto_server: one trail, then 20 trails with 20 buckets, showing
# that calls run concurrently. Needs moto[server] and boto3. Usage: [CONFIG=debug] bench/live-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
config="${CONFIG:-release}"
swift build -c "$config" --product trailgate >/dev/null 2>&1
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/"; do sleep 0.1; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
python3 Tests/TrailGateCLITests/Support/moto_scenario.py "http://127.0.0.1:$port" many 20 >/dev/null
run() {
  local start end
  start=$(date +%s.%N)
  .build/$config/trailgate check --endpoint-url "http://127.0.0.1:$port" --format json "$@" >/dev/null || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
one=$(run --trail management-events-00)
all=$(run)
calls_one=$(.build/$config/trailgate snapshot --endpoint-url "http://127.0.0.1:$port" --trail management-events-00 --verbose 2>&1 >/dev/null | grep -c ' → ')
calls_all=$(.build/$config/trailgate snapshot --endpoint-url "http://127.0.0.1:$port" --verbose 2>&1 >/dev/null | grep -c ' → ')
echo "check, 1 trail:   ${one} s (${calls_one} AWS calls)"
echo "check, 20 trails: ${all} s (${calls_all} AWS calls)"
