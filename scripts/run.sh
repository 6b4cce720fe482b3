#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs dependencies, builds Release and starts AWQ Studio (awq-studio) with the bundled model selected.
# Extra arguments go to awq-studio (see awq-studio --help). Without a display, set QT_QPA_PLATFORM=offscreen
# or run under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
model=resources/models/tiny-llama-kjv
exec build/release/app/gui/awq-studio --model "$model" "$@"
