#!/usr/bin/env bash
# Time of `trailgate check` on snapshots whose trail has one advanced selector with N eventSource conditions
# (NotStartsWith, NotEndsWith, NotEquals in turn; CloudTrail allows 500 per trail). Release build.
# Usage: bench/selector-coverage.sh [N ...]   (default: 40 160 500 1500); BIN=path measures another binary.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${BIN:-}" ]]; then
    swift build -c release --product trailgate >/dev/null
    BIN=.build/release/trailgate
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-12s %10s %10s\n' conditions seconds 'peak KB'
for n in "${@:-40 160 500 1500}"; do
    for count in $n; do
        python3 bench/selector-snapshot.py "$count" "$work/s.json"
        /usr/bin/time -f '%e %M' -o "$work/time" "$BIN" check --snapshot "$work/s.json" >/dev/null || true
        read -r seconds kilobytes < <(tail -n 1 "$work/time")
        printf '%-12s %10s %10s\n' "$count" "$seconds" "$kilobytes"
    done
done
