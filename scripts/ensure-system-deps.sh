#!/usr/bin/env bash
# Installs the Debian packages AiVideo needs, only those missing, and says so. Sourced or run by
# ./aivideo and ./test.sh. Needs root or sudo for the install step; a machine that has them all does nothing.
set -euo pipefail

AIVIDEO_SYSTEM_PACKAGES=(ffmpeg espeak-ng libespeak-ng1 tesseract-ocr tesseract-ocr-eng pocketsphinx pocketsphinx-en-us fonts-dejavu-core)
# Packages only the test suite needs (./test.sh sets AIVIDEO_TEST_PACKAGES, e.g. strace for the file-ownership test).
read -r -a test_packages <<< "${AIVIDEO_TEST_PACKAGES:-}"
AIVIDEO_SYSTEM_PACKAGES+=("${test_packages[@]}")

missing=()
for pkg in "${AIVIDEO_SYSTEM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "aivideo: installing missing system packages: ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "aivideo: cannot install ${missing[*]}: not root and no sudo. Install them and retry." >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "aivideo: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi
