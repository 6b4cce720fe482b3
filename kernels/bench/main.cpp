// SPDX-License-Identifier: MIT
// awq_kernel_bench: the GPU benchmarks (kernel table, end-to-end synthetic 7B, GPU quantization) from the
// build tree, without the CUDA plugin; `awq bench --device cuda` runs the same through the plugin. The
// options are documented in bench_cli.hpp.
#include "bench_cli.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return awq::cuda::run_bench_cli(args, "awq_kernel_bench", std::cout, std::cerr);
}
