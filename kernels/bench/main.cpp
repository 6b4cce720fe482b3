// awq_kernel_bench: command-line front of awq::cuda::run_kernel_bench (kernels/bench/kernel_bench.cu).
//   awq_kernel_bench [--quick] [--json PATH] [--group G]
// --quick: one shape (4096 x 4096) and m = 1, 16, 1024, for a smoke run.
#include "kernel_bench.cuh"

#include <cstdlib>
#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
    awq::cuda::KernelBenchOptions o;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) {
            o.shapes = {{4096, 4096}};
            o.ms = {1, 16, 1024};
        } else if (!std::strcmp(argv[i], "--json") && i + 1 < argc) {
            o.json_path = argv[++i];
        } else if (!std::strcmp(argv[i], "--group") && i + 1 < argc) {
            o.group = std::atoi(argv[++i]);
        } else {
            std::cerr << "usage: awq_kernel_bench [--quick] [--json PATH] [--group G]\n";
            return 2;
        }
    }
    return awq::cuda::run_kernel_bench(o, std::cout) == 0 ? 0 : 1;
}
