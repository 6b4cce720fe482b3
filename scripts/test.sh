#!/usr/bin/env bash
# Installs dependencies, builds (Release, then the ASan+UBSan preset) and runs every test with CTest.
# Usage: scripts/test.sh [--no-asan] [ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
run_asan=1
if [ "${1:-}" = "--no-asan" ]; then run_asan=0; shift; fi
scripts/setup.sh
jobs=$(nproc)

cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
status=0
ctest --preset release -j "$jobs" "$@" || status=1

if [ "$run_asan" -eq 1 ]; then
  # The sanitizer build runs the core tests (parsers, tokenizer, kernels): the bad-input paths must be clean.
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  ctest --preset asan -j "$jobs" -L core -LE slow "$@" || status=1
fi
exit $status
