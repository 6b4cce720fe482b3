#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Screenshots of every step of the real application under Xvfb: awq-studio --screenshot-dir walks through
# Model, Calibration, Settings, Quantize (a real run), Inspect and Chat and grabs each page. The model is the real
# SmolLM2-135M-Instruct made by tests/fixtures/real_world/fetch.sh when it is there (real outlier channels), else
# the bundled one. Writes docs/screenshots/*.png.
# Usage: scripts/screenshots.sh [extra awq-studio options, e.g. --theme dark or --model FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xvfb-run >/dev/null || { echo "screenshots: install xvfb (apt-get install xvfb)" >&2; exit 1; }
[ -x build/release/app/gui/awq-studio ] || { cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" --target awq-studio; }
out=docs/screenshots
model=()
real="${AWQ_REAL_WORLD_DIR:-$HOME/.cache/awq-studio/real-world}/SmolLM2-135M-Instruct"
[ -d "$real" ] && model=(--model "$real")
mkdir -p "$out"
config=$(mktemp -d)  # fresh settings: no recent models or window geometry from this machine
trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME="$config" LANG="${LANG:-C.UTF-8}" xvfb-run -a -s "-screen 0 1400x900x24" \
  build/release/app/gui/awq-studio --language en --theme light --screenshot-dir "$out" "${model[@]}" "$@"
ls -la "$out"
