#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs the GPU tests and benches on a lent GPU machine whose image has CUDA but not Qt 6 / OpenBLAS
# (the device tool of the development workplace): build here for the GPU's architecture, pack the
# binaries and the Debian libraries they need into gpu_carry/ (git-ignored), carry that folder, run there.
#
#   here:   cmake -S . -B build/g90 -G Ninja -DCMAKE_BUILD_TYPE=Release -DAWQ_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=90
#           cmake --build build/g90 --target test_gpu_kernels test_gpu_model test_gpu_quant test_gpu_int4_layout \
#                                             test_gpu_cli test_gpu_cli_run test_gpu_plugin awq_kernel_bench awq awq_cuda
#           scripts/gpu-carry.sh pack [build/g90]
#   there:  scripts/gpu-carry.sh run            (logs under $OUT; knobs below)
#
# run's knobs (environment): TESTS="test_gpu_kernels ..." (default: all seven; " " for none), SANITIZE=1
# (compute-sanitizer memcheck of test_gpu_kernels), BENCH="" to skip the bench, BARGS (default --e2e),
# NCU="kernel-regex ..." (Nsight Compute sections per kernel; NCU_SHAPE=KxN, NCU_M=m), QUANT="args" (the
# GPU quantization bench, e.g. "--quant-layers 4"; " " for the whole model), COMPARE="--w-bit 3 ..." (awq compare
# --device cuda on the bundled model and docs/quality.md's evaluation text, 40 windows; the CPU gave 184.9311
# for AWQ at --w-bit 3 and 184.6085 at 4).
set -u
cd "$(dirname "$0")/.."
case "${1:-}" in
pack)
    build=${2:-build/g90}
    # The CLI and its CUDA plugin travel together into bin/ (the CLI also looks for the plugin beside itself).
    bins="tests/test_gpu_kernels tests/test_gpu_model tests/test_gpu_quant tests/test_gpu_int4_layout tests/test_gpu_cli tests/test_gpu_cli_run
          tests/test_gpu_plugin kernels/awq_kernel_bench app/cli/awq app/lib/awq-studio/libawq_cuda.so"
    tmp=$(mktemp -d)
    mkdir -p "$tmp/bin" "$tmp/lib" gpu_carry
    for b in $bins; do cp "$build/$b" "$tmp/bin/" || exit 1; done
    strip --strip-unneeded "$tmp"/bin/*
    # Every shared library the binaries need except glibc's, the C++ runtime and CUDA's (the device has those).
    ldd "$tmp"/bin/* | awk '$3 ~ /^\// {print $3}' | sort -u |
        grep -Ev '/(libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|ld-linux[^/]*|libcudart|libcublas[^/]*)\.so' |
        while read -r lib; do cp -L "$lib" "$tmp/lib/"; done
    # The tests find their fixtures at the source path they were compiled with (AWQ_FIXTURES_DIR): record it.
    sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt" > "$tmp/source_dir"
    [ -s "$tmp/source_dir" ] || { echo "gpu-carry.sh: no CMAKE_HOME_DIRECTORY in $build/CMakeCache.txt" >&2; exit 1; }
    tar -cJf gpu_carry/carry.tar.xz -C "$tmp" bin lib source_dir && rm -rf "$tmp"
    ls -la gpu_carry
    ;;
run)
    C=/tmp/awq-carry
    mkdir -p $C && tar -xJf gpu_carry/carry.tar.xz -C $C || exit 1
    cublas=$(find /usr/local /opt /usr/lib -name 'libcublas.so.13' 2>/dev/null | head -1)
    cudart=$(find /usr/local /opt /usr/lib -name 'libcudart.so.13' 2>/dev/null | head -1)
    export LD_LIBRARY_PATH=$C/lib:$(dirname "$cublas"):$(dirname "$cudart"):${LD_LIBRARY_PATH:-}
    # The tests find their fixtures at the path they were compiled with (read from the binaries' strings before:
    # the compiler builds such literals from immediates, so that found a wrong path).
    src=$(cat $C/source_dir)
    [ -n "$src" ] && [ ! -e "$src" ] && mkdir -p "$(dirname "$src")" && ln -s "$PWD" "$src"
    export AWQ_STUDIO_DATA=$PWD/resources QT_QPA_PLATFORM=offscreen AWQ_CLI=$C/bin/awq
    { date -u; nvidia-smi; echo "cublas $cublas cudart $cudart"; ldd $C/bin/test_gpu_model; } > "$OUT/env.log" 2>&1
    grep -E "Driver|H100|H200|A100|L40|RTX" "$OUT/env.log" | head -3
    for t in ${TESTS:-test_gpu_int4_layout test_gpu_kernels test_gpu_model test_gpu_quant test_gpu_plugin test_gpu_cli test_gpu_cli_run}; do
        sync=1; [ "$t" = test_gpu_model ] && sync=0  # it checks CUDA graphs, which AWQ_CUDA_SYNC=1 turns off
        AWQ_CUDA_SYNC=$sync timeout 240 $C/bin/$t > "$OUT/$t.log" 2>&1
        echo "== $t rc $?"; grep -E "^FAIL|Totals|Loc:" "$OUT/$t.log" | head -20
    done
    if [ -n "${SANITIZE:-}" ]; then
        timeout 200 compute-sanitizer --tool memcheck --error-exitcode 9 $C/bin/test_gpu_kernels > "$OUT/memcheck.log" 2>&1
        echo "== memcheck rc $?"; grep -E "ERROR SUMMARY|Totals" "$OUT/memcheck.log"
    fi
    if [ -n "${BENCH-1}" ]; then
        timeout 300 $C/bin/awq_kernel_bench ${BARGS:---e2e} > "$OUT/bench.log" 2>&1
        echo "== bench rc $?"; tail -60 "$OUT/bench.log"
    fi
    for kn in ${NCU:-}; do
        timeout 120 ncu --clock-control none -k regex:"$kn" -c 1 --section SpeedOfLight --section MemoryWorkloadAnalysis \
            --section Occupancy --section WarpStateStats --section SchedulerStats --section LaunchStats \
            --section ComputeWorkloadAnalysis $C/bin/awq_kernel_bench --shapes "${NCU_SHAPE:-4096x14336}" \
            --ms "${NCU_M:-1}" --algos > /tmp/ncu.txt 2>&1
        echo "== ncu $kn rc $?"; { echo "==== $kn"; cat /tmp/ncu.txt; } >> "$OUT/ncu.txt"
        grep -E "Duration|DRAM Throughput|Issue Slots Busy|Achieved Occupancy|Registers Per" /tmp/ncu.txt | head -8
    done
    if [ -n "${QUANT:-}" ]; then
        AWQ_GPU_QUANT_DEBUG=1 timeout 420 $C/bin/awq_kernel_bench --quant $QUANT > "$OUT/quant_bench.log" 2>&1
        echo "== quant bench rc $?"; tail -14 "$OUT/quant_bench.log"
    fi
    if [ -n "${COMPARE:-}" ]; then
        timeout 300 $C/bin/awq compare resources/models/tiny-llama-kjv --text resources/evaluation/kjv-heldout.txt \
            --ctx 512 --max-windows 40 --device cuda $COMPARE > "$OUT/compare.log" 2>&1
        echo "== compare rc $?"; tail -12 "$OUT/compare.log"
    fi
    ;;
*)
    echo "usage: scripts/gpu-carry.sh pack [build dir] | run" >&2
    exit 2
    ;;
esac
