#!/usr/bin/env bash
# Policy evaluation throughput on a ~20 KB bucket policy (release build). Usage: bench/policy-eval.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product policy-benchmark >/dev/null
.build/release/policy-benchmark "${1:-20000}"
