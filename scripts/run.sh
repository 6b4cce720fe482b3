#!/usr/bin/env bash
# Installs dependencies, builds Release and runs AWQ Studio's main job on the bundled model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
model=resources/models/tiny-llama-kjv
build/release/app/cli/awq inspect "$model"
exec build/release/app/cli/awq generate "$model" --prompt "${1:-And God said}" --max-tokens 64 --seed 1
