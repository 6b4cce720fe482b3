// SPDX-License-Identifier: MIT
// run_bench_cli: argument parsing and dispatch of the GPU benchmarks (bench_cli.hpp).
#include "bench_cli.hpp"

#include "e2e_bench.hpp"
#include "kernel_bench.cuh"
#include "quant_bench.hpp"

#include <awq/io/safetensors.hpp>

#include <cstdlib>
#include <exception>
#include <sstream>

namespace awq::cuda {

namespace {

// "1,4,16" -> {1, 4, 16}; false on anything but positive integers.
bool parse_ints(const std::string& text, std::vector<int>& out) {
    out.clear();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        char* end = nullptr;
        const long v = std::strtol(item.c_str(), &end, 10);
        if (item.empty() || *end || v <= 0 || v > (1 << 30)) return false;
        out.push_back(int(v));
    }
    return !out.empty();
}

bool parse_int(const std::string& text, int64_t& out) {
    std::vector<int> v;
    if (!parse_ints(text, v) || v.size() != 1) return false;
    out = v[0];
    return true;
}

// "4096x14336,11008x4096" -> {{4096, 14336}, {11008, 4096}} (k x n).
bool parse_shapes(const std::string& text, std::vector<KernelBenchShape>& out) {
    out.clear();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto x = item.find('x');
        std::vector<int> k, n;
        if (x == std::string::npos || !parse_ints(item.substr(0, x), k) || !parse_ints(item.substr(x + 1), n) ||
            k.size() != 1 || n.size() != 1)
            return false;
        out.push_back({k[0], n[0]});
    }
    return !out.empty();
}

struct Request {
    KernelBenchOptions kernels;
    E2eBenchOptions e2e;
    QuantBenchOptions quant;
    bool quick = false, run_e2e = false, run_kernels = true, run_quant = false;
    std::string json_path;
};

// Fills r from args; on a bad argument returns it (with why), else an empty string.
std::string parse(const std::vector<std::string>& args, Request& r) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        auto value_error = [&](const char* what) { return a + (has_value ? " " + args[i + 1] + ": " : ": ") + what; };
        int64_t v = 0;
        if (a == "--quant") {
            r.run_quant = true;
        } else if (a == "--quant-layers" || a == "--quant-blocks" || a == "--quant-search-blocks") {
            if (!has_value || !parse_int(args[i + 1], v)) return value_error("needs a positive integer");
            (a == "--quant-layers" ? r.quant.quant_layers : a == "--quant-blocks" ? r.quant.blocks : r.quant.search_blocks) = v;
            ++i;
        } else if (a == "--quant-tf32") {
            r.quant.tf32 = true;
        } else if (a == "--quick") {
            r.quick = true;
        } else if (a == "--shapes") {
            if (!has_value || !parse_shapes(args[i + 1], r.kernels.shapes)) return value_error("needs KxN,... (positive)");
            ++i;
        } else if (a == "--ms") {
            if (!has_value || !parse_ints(args[i + 1], r.kernels.ms)) return value_error("needs M,... (positive)");
            ++i;
        } else if (a == "--deq-chunks") {
            if (!has_value || !parse_ints(args[i + 1], r.kernels.deq_chunk_rows)) return value_error("needs R,... (positive)");
            ++i;
        } else if (a == "--algos") {
            r.kernels.compare_algos = true;
        } else if (a == "--e2e") {
            r.run_e2e = true;
        } else if (a == "--e2e-only") {
            r.run_e2e = true;
            r.run_kernels = false;
        } else if (a == "--json") {
            if (!has_value || args[i + 1].empty()) return value_error("needs a file name");
            r.json_path = args[++i];
        } else if (a == "--group") {
            if (!has_value || !parse_int(args[i + 1], v) || v % 32 != 0) return value_error("needs a multiple of 32");
            r.kernels.group = r.e2e.group = int(v);
            ++i;
        } else {
            return a + ": not an option of the GPU benchmark";
        }
    }
    return {};
}

int run(Request& r, std::ostream& out, std::ostream& err) {
    if (r.run_quant) return run_quant_bench(r.quant, out);
    if (r.quick) {
        r.kernels.shapes = {{4096, 4096}};
        r.kernels.ms = {1, 16, 1024};
        r.e2e.prefill_lengths = {512};
        r.e2e.prefill_reps = 1;
        r.e2e.decode_steps = 16;
    }
    KernelBenchResult kr;
    if (r.run_kernels && run_kernel_bench(r.kernels, out, &kr) != 0) return 1;
    E2eBenchResult er;
    if (r.run_e2e && run_e2e_bench(r.e2e, out, &er) != 0) return 1;
    if (!r.json_path.empty()) {
        std::ostringstream f;
        const std::string e2e_member = r.run_e2e ? ",\n  \"e2e\": " + e2e_bench_json(r.e2e, er) : std::string();
        if (r.run_kernels)
            write_kernel_bench_json(f, r.kernels, kr, e2e_member);
        else
            f << "{\n  \"device\": \"" << er.device << "\"" << e2e_member << "\n}\n";
        try {
            write_file_atomic(r.json_path, f.str());
        } catch (const std::exception& e) {
            err << e.what() << "\n";
            return 1;
        }
        out << "\nwrote " << r.json_path << "\n";
    }
    return 0;
}

}  // namespace

std::string bench_cli_usage(const std::string& program) {
    const std::string pad(program.size(), ' ');
    return "usage: " + program + " [--quick] [--algos] [--shapes KxN,...] [--ms M,...] [--e2e | --e2e-only]\n" +
           "       " + pad + " [--json PATH] [--group G] [--deq-chunks R,...]\n" +
           "       " + program + " --quant [--quant-layers N] [--quant-blocks B] [--quant-search-blocks S]\n" +
           "       " + pad + " [--quant-tf32]\n";
}

int run_bench_cli(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                  std::ostream& err) {
    Request r;
    if (const std::string bad = parse(args, r); !bad.empty()) {
        err << program << ": " << bad << "\n" << bench_cli_usage(program);
        return 2;
    }
    return run(r, out, err);
}

}  // namespace awq::cuda
