#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan+UBSan) and runs each for a bounded time on a copy
# of its seed corpus (tests/fuzz/corpus/<target>). Fails when any target finds a crash, leak, timeout or
# sanitizer report; the reproducer is kept in build/fuzz/findings/<target>/.
# Usage: scripts/fuzz.sh [seconds per target, default 30] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(safetensors sharded_index model_config tokenizer_json tokenizer_encode
                                     tokenizer_pattern calibration awq_checkpoint report jinja gguf meminfo)
jobs=$(nproc)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"

work=build/fuzz/run
status=0
for t in "${targets[@]}"; do
  corpus="$work/corpus/$t"
  findings="build/fuzz/findings/$t"
  mkdir -p "$corpus" "$findings"
  # New inputs go to the scratch corpus, never into the committed seeds.
  log="$work/$t.log"
  if build/fuzz/tests/fuzz/fuzz_"$t" "$corpus" "tests/fuzz/corpus/$t" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 \
      >"$log" 2>&1; then
    execs=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    cov=$(grep -E '^#[0-9]+.*cov:' "$log" | tail -1 | sed -E 's/.*cov: ([0-9]+).*ft: ([0-9]+).*/cov \1, ft \2/')
    echo "fuzz_$t: ok, ${execs:-?} executions in ${seconds}s, $cov"
  else
    echo "fuzz_$t: FAILED (see $log; reproducer in $findings/)"
    grep -E 'ERROR|SUMMARY|terminate|what\(\)' "$log" | head -5 || true
    status=1
  fi
done
exit $status
