// awq_kernel_bench: command-line front of awq::cuda::run_kernel_bench (kernels/bench/kernel_bench.cu) and of
// the end-to-end model bench awq::cuda::run_e2e_bench (kernels/bench/e2e_bench.cpp).
//   awq_kernel_bench [--quick] [--algos] [--shapes KxN,...] [--ms M,...] [--e2e | --e2e-only] [--json PATH]
//                    [--group G]
// --quick:    kernel bench on one shape (4096 x 4096) and m = 1, 16, 1024; with --e2e, a shrunk end-to-end
//             run (prefill 512 only, 16 decode steps, 1 prefill repetition); a smoke run.
// --algos:    also time every INT4 kernel version (gemv Simt / TensorCore, gemm Tile64 / Tile128) per row.
// --shapes, --ms: the kernel bench's linear shapes (k x n) and row counts instead of the Llama defaults.
// --e2e:      after the kernel bench, the end-to-end bench (synthetic 7B Llama, FP16 vs INT4: decode and
//             prefill tokens/s, GPU memory); --e2e-only skips the kernel bench.
// --json:     one JSON object: the kernel bench's fields and rows, plus "e2e" when it ran.
// --quant:    only the GPU quantization bench (quant_bench.cpp: synthetic 7B, all layers or
//             --quant-layers N, calibration --quant-blocks B x 512 random tokens, the scale search's
//             block sample --quant-search-blocks S, --quant-tf32).
#include "e2e_bench.hpp"
#include "kernel_bench.cuh"
#include "quant_bench.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

int usage() {
    std::cerr << "usage: awq_kernel_bench [--quick] [--algos] [--shapes KxN,...] [--ms M,...] [--e2e | --e2e-only]"
                 " [--json PATH] [--group G]\n"
                 "                        [--deq-chunks R,...]  (with --algos; default 2048,4096)\n"
                 "       awq_kernel_bench --quant [--quant-layers N] [--quant-blocks B] [--quant-search-blocks S]\n"
                 "                        [--quant-tf32]\n";
    return 2;
}

// "1,4,16" -> {1, 4, 16}; false on anything but positive integers.
bool parse_ints(const char* text, std::vector<int>& out) {
    out.clear();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const int v = std::atoi(item.c_str());
        if (v <= 0) return false;
        out.push_back(v);
    }
    return !out.empty();
}

// "4096x14336,11008x4096" -> {{4096, 14336}, {11008, 4096}} (k x n).
bool parse_shapes(const char* text, std::vector<awq::cuda::KernelBenchShape>& out) {
    out.clear();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto x = item.find('x');
        if (x == std::string::npos) return false;
        const int k = std::atoi(item.substr(0, x).c_str()), n = std::atoi(item.substr(x + 1).c_str());
        if (k <= 0 || n <= 0) return false;
        out.push_back({k, n});
    }
    return !out.empty();
}

}  // namespace

int main(int argc, char** argv) {
    awq::cuda::KernelBenchOptions o;
    awq::cuda::E2eBenchOptions e;
    bool quick = false, e2e = false, kernels = true;
    std::string json_path;
    awq::cuda::QuantBenchOptions q;
    bool quant = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quant")) {
            quant = true;
        } else if (!std::strcmp(argv[i], "--quant-layers") && i + 1 < argc) {
            q.quant_layers = std::atoll(argv[++i]);
        } else if (!std::strcmp(argv[i], "--quant-blocks") && i + 1 < argc) {
            q.blocks = std::atoll(argv[++i]);
        } else if (!std::strcmp(argv[i], "--quant-search-blocks") && i + 1 < argc) {
            q.search_blocks = std::atoll(argv[++i]);
        } else if (!std::strcmp(argv[i], "--quant-tf32")) {
            q.tf32 = true;
        } else if (!std::strcmp(argv[i], "--quick")) {
            quick = true;
        } else if (!std::strcmp(argv[i], "--shapes") && i + 1 < argc) {
            if (!parse_shapes(argv[++i], o.shapes)) return usage();
        } else if (!std::strcmp(argv[i], "--ms") && i + 1 < argc) {
            if (!parse_ints(argv[++i], o.ms)) return usage();
        } else if (!std::strcmp(argv[i], "--algos")) {
            o.compare_algos = true;
        } else if (!std::strcmp(argv[i], "--deq-chunks") && i + 1 < argc) {
            if (!parse_ints(argv[++i], o.deq_chunk_rows)) return usage();
        } else if (!std::strcmp(argv[i], "--e2e")) {
            e2e = true;
        } else if (!std::strcmp(argv[i], "--e2e-only")) {
            e2e = true;
            kernels = false;
        } else if (!std::strcmp(argv[i], "--json") && i + 1 < argc) {
            json_path = argv[++i];
        } else if (!std::strcmp(argv[i], "--group") && i + 1 < argc) {
            o.group = e.group = std::atoi(argv[++i]);
        } else {
            return usage();
        }
    }
    if (quant) return awq::cuda::run_quant_bench(q, std::cout);
    if (quick) {
        o.shapes = {{4096, 4096}};
        o.ms = {1, 16, 1024};
        e.prefill_lengths = {512};
        e.prefill_reps = 1;
        e.decode_steps = 16;
    }
    awq::cuda::KernelBenchResult kr;
    if (kernels && awq::cuda::run_kernel_bench(o, std::cout, &kr) != 0) return 1;
    awq::cuda::E2eBenchResult er;
    if (e2e && awq::cuda::run_e2e_bench(e, std::cout, &er) != 0) return 1;
    if (!json_path.empty()) {
        std::ofstream f(json_path);
        const std::string e2e_member = e2e ? ",\n  \"e2e\": " + awq::cuda::e2e_bench_json(e, er) : std::string();
        if (kernels) {
            awq::cuda::write_kernel_bench_json(f, o, kr, e2e_member);
        } else {
            f << "{\n  \"device\": \"" << er.device << "\"" << e2e_member << "\n}\n";
        }
        if (!f) {
            std::cerr << "awq_kernel_bench: could not write " << json_path << "\n";
            return 1;
        }
    }
    return 0;
}
