#!/usr/bin/env bash
# Crash benchmark (issue 4): kill the host process (as SIGKILL would) at every step boundary and in the middle of
# publishing, restart with `aivideo resume --all`, and check that every run ends published with exactly one
# outbox entry per platform and a confirmed ledger.
#   bench/crash/run.sh [trials=100] [size=360x640]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
trials="${1:-100}"
size="${2:-360x640}"
points=(step:script step:script_gate step:voice step:render step:drift_gate step:assemble step:qa step:publish publish:after_intent publish:after_call)
work="$(mktemp -d /tmp/aivideo-bench-crash.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$root/aivideo" help >/dev/null 2>&1   # build once, then call the built CLI directly (no rebuild checks mid-benchmark)
export AIVIDEO_MCP_CONFIG="$root/mcp.json"
aivideo() { dotnet "$root/src/Host/bin/Release/net10.0/aivideo.dll" "$@"; }

channel="$work/channel.json"
sed 's/"id": "space-facts"/"id": "crash-bench"/' "$root/samples/channels/space-facts.json" > "$channel"
ok=0; failed=0; killed=0
declare -A per_point_ok
for ((t = 0; t < trials; t++)); do
  point="${points[$((t % ${#points[@]}))]}"
  out="$work/t$t/out"
  if AIVIDEO_FAULTS="kill@$point" aivideo make --channel "$channel" --brief "$root/samples/briefs/tiny-test.md" \
      --size "$size" --out "$out" --workspace "$work/t$t/ws" --quiet >/dev/null 2>&1; then
    echo "trial $t ($point): the host was not killed"; failed=$((failed + 1)); continue
  fi
  killed=$((killed + 1))
  aivideo resume --all --out "$out" --quiet >/dev/null 2>"$work/resume.log" || true
  status=$(aivideo runs list --out "$out" | awk '{print $2}' | head -1)
  tiktok=$(find "$out/published/tiktok" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l)
  shorts=$(find "$out/published/youtube_shorts" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l)
  if [ "$status" = "published" ] && [ "$tiktok" -eq 1 ] && [ "$shorts" -eq 1 ]; then
    ok=$((ok + 1)); per_point_ok[$point]=$(( ${per_point_ok[$point]:-0} + 1 ))
  else
    failed=$((failed + 1)); echo "trial $t ($point): status=$status tiktok=$tiktok youtube_shorts=$shorts"; tail -3 "$work/resume.log"
  fi
  rm -rf "$work/t$t/ws"
done
echo "trials: $trials, killed: $killed, completed with exactly one publish per platform: $ok, failed: $failed"
for p in "${points[@]}"; do printf '  %-22s %s ok\n' "$p" "${per_point_ok[$p]:-0}"; done
[ "$failed" -eq 0 ]
