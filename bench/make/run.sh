#!/usr/bin/env bash
# Benchmark of a whole `aivideo make` against the raw encode time of the frames it produced.
# Prints: make wall time, raw re-encode time of final.mp4's frames (same codec settings), their ratio,
# and the peak resident memory of the whole process tree (CLI + MCP servers + ffmpeg children).
# Also prints the run's step times (report.json) and, when the channel has music, the measured ducking.
# Targets: make ≤ 1.5× raw encode (issue 12; was 2× in issue 2); peak RSS of make ≤ 400 MB.
#   bench/make/run.sh [channel.json] [brief.md] [size]
# Machine load distorts both timings differently: note `uptime` and repeat.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
channel="${1:-$root/samples/channels/space-facts.json}"
brief="${2:-$root/samples/briefs/moon-drift.md}"
size="${3:-1080x1920}"
work="$(mktemp -d /tmp/aivideo-bench-make.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$root/aivideo" help >/dev/null 2>&1   # build first, outside the measurement

peak_file="$work/peak"; echo 0 > "$peak_file"
start=$(date +%s.%N)
setsid "$root/aivideo" make --channel "$channel" --brief "$brief" --size "$size" --out "$work/out" --workspace "$work/ws" --quiet > /dev/null 2> "$work/make.log" &
pid=$!
peak=0
host_peak=0
# Resident memory of the whole session: the CLI, the three MCP servers and their ffmpeg/espeak children.
while kill -0 "$pid" 2>/dev/null; do
  r=$(ps -e -o sid=,rss= | awk -v s="$pid" '$1 == s {t += $2} END {print t + 0}')
  [ "$r" -gt "$peak" ] && peak=$r
  h=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || true)
  [ -n "$h" ] && [ "$h" -gt "$host_peak" ] && host_peak=$h
  sleep 0.2
done
wait "$pid" || { cat "$work/make.log"; exit 1; }
end=$(date +%s.%N)
make_s=$(awk "BEGIN {print $end - $start}")

final=$(find "$work/out" -name final.mp4 | head -1)
enc_start=$(date +%s.%N)
ffmpeg -v error -y -i "$final" -an -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -f mp4 "$work/raw.mp4"
enc_end=$(date +%s.%N)
enc_s=$(awk "BEGIN {print $enc_end - $enc_start}")
dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$final")

printf 'video: %s s at %s\n' "$dur" "$size"
printf 'make wall time:        %.1f s\n' "$make_s"
printf 'raw encode of frames:  %.1f s\n' "$enc_s"
printf 'ratio make/raw encode: %.2f (target <= 1.5)\n' "$(awk "BEGIN {print $make_s / $enc_s}")"
printf 'peak RSS (tree):       %d MB (CLI + 3 MCP servers + ffmpeg children)\n' "$((peak / 1024))"
printf 'peak RSS (aivideo CLI): %d MB (target <= 400)\n' "$((host_peak / 1024))"
report=$(find "$work/out" -name report.json | head -1)
# Step times and the music section, read from the pretty-printed report without a JSON tool.
awk '/"steps": \[/ {s = 1} s && /"name":/ {gsub(/[",]/, "", $2); n = $2} s && /"ms":/ {printf "  step %-12s %6.1f s\n", n, $2 / 1000} s && /^  \]/ {s = 0}' "$report"
awk '/"music": \{/ {m = 1} m {print "  " $0} m && /^  \}/ {m = 0}' "$report"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
