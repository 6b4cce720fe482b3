#!/usr/bin/env bash
# Screenshots of every step of the real application under Xvfb: awq-studio --screenshot-dir walks through
# Model, Calibration, Settings, Quantize (a real run on the bundled model), Inspect and Chat and grabs each
# page. Writes docs/screenshots/*.png. Usage: scripts/screenshots.sh [extra awq-studio options, e.g. --theme dark]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xvfb-run >/dev/null || { echo "screenshots: install xvfb (apt-get install xvfb)" >&2; exit 1; }
[ -x build/release/app/gui/awq-studio ] || { cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" --target awq-studio; }
out=docs/screenshots
mkdir -p "$out"
config=$(mktemp -d)  # fresh settings: no recent models or window geometry from this machine
trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME="$config" LANG="${LANG:-C.UTF-8}" xvfb-run -a -s "-screen 0 1400x900x24" \
  build/release/app/gui/awq-studio --language en --theme light --screenshot-dir "$out" "$@"
ls -la "$out"
