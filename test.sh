#!/usr/bin/env bash
# Runs the whole AiVideo test suite. Installs the system packages the tests need first.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/ensure-system-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build AiVideo.sln -c Release -nologo -v quiet
dotnet test AiVideo.sln -c Release --no-build -nologo -v quiet --logger "console;verbosity=normal" "$@"
