// SPDX-License-Identifier: MIT
#pragma once
// Kernel-level benchmark of the INT4 linear kernels against cuBLAS FP16 (see kernel_bench.cu).
// Host-compilable: `awq bench --gpu` can call run_kernel_bench directly.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace awq::cuda {

struct KernelBenchShape {
    int k = 0, n = 0;  // input and output width of the linear layer (W is [n][k])
};

struct KernelBenchOptions {
    // Llama-7B/8B linear layers, written k x n: q/k/v/o, gate/up (7B), down (7B), gate/up (8B), down (8B).
    std::vector<KernelBenchShape> shapes = {{4096, 4096}, {4096, 11008}, {11008, 4096}, {4096, 14336}, {14336, 4096}};
    std::vector<int> ms = {1, 4, 16, 64, 256, 1024, 4096};
    int group = 128;
    int warmup = 5;
    int iters = 25;
    int batch = 10;              // launches per timing (see time_median in kernel_bench.cu)
    bool compare_algos = false;  // also time every INT4 kernel version (GemvAlgo, GemmAlgo) per row
    // With compare_algos: int4_linear_via_f16 also in slices of these many output rows ("deq@R" columns;
    // a size at or above n is skipped, it is the whole-matrix "deq").
    std::vector<int> deq_chunk_rows = {2048, 4096};
    std::string json_path;  // empty: no JSON file
};

struct KernelBenchRow {
    int m = 0, k = 0, n = 0;
    std::string int4_kernel;       // "gemv_int4" or "gemm_int4"
    double int4_ms = 0, cublas_ms = 0;  // medians
    double int4_gbps = 0, int4_bw_fraction = 0;  // bytes moved / time, and that over the copy bandwidth
    double int4_tflops = 0, cublas_tflops = 0;
    double speedup_vs_cublas = 0;  // cublas_ms / int4_ms
    std::vector<std::pair<std::string, double>> algo_ms;  // with compare_algos: version name, median ms
};

struct KernelBenchResult {
    std::string device;
    int driver_version = 0, runtime_version = 0;
    double copy_gbps = 0;  // measured device-to-device copy bandwidth (read + write bytes / time)
    std::vector<KernelBenchRow> rows;
};

// Runs every shape x m, prints a table to `out` and writes JSON when options.json_path is set.
// Returns 0 on success; otherwise writes the failing call to `out` and returns a nonzero CUDA/cuBLAS code.
int run_kernel_bench(const KernelBenchOptions& options, std::ostream& out, KernelBenchResult* result = nullptr);

// The JSON run_kernel_bench writes to options.json_path; `extra_members` (e.g. ",\n  \"e2e\": {...}") is
// inserted after "rows", inside the object.
void write_kernel_bench_json(std::ostream& f, const KernelBenchOptions& options, const KernelBenchResult& result,
                             const std::string& extra_members = "");

}  // namespace awq::cuda
