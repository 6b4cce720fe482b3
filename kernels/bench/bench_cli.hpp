// SPDX-License-Identifier: MIT
#pragma once
// The GPU benchmarks' command line, shared by the awq_kernel_bench executable (main.cpp) and the CUDA
// plugin (`awq bench --device cuda`, through PluginApi::run_bench):
//   [--quick] [--algos] [--shapes KxN,...] [--ms M,...] [--e2e | --e2e-only] [--json PATH] [--group G]
//   [--deq-chunks R,...]
//   --quant [--quant-layers N] [--quant-blocks B] [--quant-search-blocks S] [--quant-tf32]
// --quick:    kernel bench on one shape (4096 x 4096) and m = 1, 16, 1024; with --e2e, a shrunk end-to-end
//             run (prefill 512 only, 16 decode steps, 1 prefill repetition); a smoke run.
// --algos:    also time every INT4 kernel version per row (--deq-chunks: the sliced dequantise + cuBLAS
//             sizes timed with it).
// --shapes, --ms: the kernel bench's linear shapes (k x n) and row counts instead of the Llama defaults.
// --e2e:      after the kernel bench, the end-to-end bench (synthetic 7B Llama, FP16 vs INT4: decode and
//             prefill tokens/s, GPU memory); --e2e-only skips the kernel bench.
// --json:     one JSON object (written atomically): the kernel bench's fields and rows, plus "e2e" when it ran.
// --quant:    only the GPU quantization bench (quant_bench.cpp: synthetic 7B, all layers or
//             --quant-layers N, calibration --quant-blocks B x 512 random tokens, the scale search's
//             block sample --quant-search-blocks S, --quant-tf32).
#include <ostream>
#include <string>
#include <vector>

namespace awq::cuda {

// The usage text above, as printed for a bad argument (each line starts with `program`).
std::string bench_cli_usage(const std::string& program);

// Runs what `args` ask for, printing the tables to `out`. Returns 0; 2 after printing to `err` which
// argument it does not take (and the usage); 1 after printing to `err` why the benchmark failed.
int run_bench_cli(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                  std::ostream& err);

}  // namespace awq::cuda
