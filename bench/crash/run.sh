#!/usr/bin/env bash
# Crash benchmark: kill the host process (as SIGKILL would) at every step boundary, in the middle of publishing,
# after the workflow's outcome, after its final checkpoint and after its report; also in the middle of a resume
# (then resume again) and with two `resume --all` racing. Restart with `aivideo resume --all` and check that every
# run ends published with exactly one outbox entry per platform and a confirmed ledger.
#   bench/crash/run.sh [trials=100] [size=360x640]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
trials="${1:-100}"
size="${2:-360x640}"
points=(step:script step:script_gate step:voice step:render step:drift_gate step:assemble step:qa step:publish publish:after_intent publish:after_call
        run:after_outcome run:after_final_checkpoint run:after_report resume-killed@step:qa concurrent-resume@step:voice)
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
  mode=plain; kill_at="$point"
  case "$point" in
    resume-killed@*) mode=resume-killed; kill_at=step:render ;;
    concurrent-resume@*) mode=concurrent; kill_at="${point#concurrent-resume@}" ;;
  esac
  if AIVIDEO_FAULTS="kill@$kill_at" aivideo make --channel "$channel" --brief "$root/samples/briefs/tiny-test.md" \
      --size "$size" --out "$out" --workspace "$work/t$t/ws" --quiet >/dev/null 2>&1; then
    echo "trial $t ($point): the host was not killed"; failed=$((failed + 1)); continue
  fi
  killed=$((killed + 1))
  case "$mode" in
    resume-killed)
      AIVIDEO_FAULTS="kill@${point#resume-killed@}" aivideo resume --all --out "$out" --quiet >/dev/null 2>&1 || true
      aivideo resume --all --out "$out" --quiet >/dev/null 2>"$work/resume.log" || true ;;
    concurrent)
      aivideo resume --all --out "$out" --quiet >/dev/null 2>"$work/resume.log" &
      aivideo resume --all --out "$out" --quiet >/dev/null 2>"$work/resume2.log" || true
      wait || true ;;
    *) timeout 300 dotnet "$root/src/Host/bin/Release/net10.0/aivideo.dll" resume --all --out "$out" --quiet >/dev/null 2>"$work/resume.log" || true ;;
  esac
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
