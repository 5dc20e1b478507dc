#!/usr/bin/env bash
# Runs the whole AiVideo test suite (unit, MCP servers over stdio, end to end with real ffmpeg/espeak-ng/SQLite).
# Installs the system packages the tests need first. Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")"
AIVIDEO_TEST_PACKAGES="strace nodejs" ./scripts/ensure-system-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build AiVideo.sln -c Release -nologo -v quiet

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test AiVideo.sln -c Release --no-build -nologo -v quiet --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(awk '/^ +Passed: +[0-9]+/ {s += $2} END {print s + 0}' "$log")
failed=$(awk '/^ +Failed: +[0-9]+/ {s += $2} END {print s + 0}' "$log")
echo
echo "$passed passed, $failed failed"
exit "$status"
