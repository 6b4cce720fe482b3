#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages AWQ Studio builds with. Idempotent: a no-op when everything is present.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqcustomplot-dev libqcustomplot2.1-qt6
  libopenblas-dev libpcre2-dev nlohmann-json3-dev libicu-dev
  python3-venv  # tests/fixtures/real_world/fetch.sh: the venv with the pinned Hugging Face libraries
  qt6-qpa-plugins libqt6svg6
  clang libclang-rt-14-dev libomp-14-dev  # the fuzz (libFuzzer) and tsan (LLVM OpenMP + Archer) presets
)
# scripts/package.sh: building and checking the .deb, rendering the icons.
packaging_tools=(dpkg-dev fakeroot file lintian appstream desktop-file-utils librsvg2-bin)
packages+=("${packaging_tools[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all build dependencies are installed"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
