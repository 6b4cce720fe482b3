// SPDX-License-Identifier: MIT
// kernel_bench: times int4_linear (gemv_int4 for m <= kGemvMaxM, gemm_int4 above) and cuBLAS FP16 at Llama
// shapes. Method:
//   * Weights are replicated into R buffers with R * bytes >= 3 * L2 size, and consecutive iterations use
//     consecutive buffers, so every launch streams its weights from DRAM as in a real model.
//   * Each timing brackets `batch` back-to-back launches (consecutive weight buffers) with one pair of
//     cudaEvents and is divided by `batch`; after `warmup` launches the median of `iters` timings is
//     reported. (Single launches between events include the host's launch latency, several us, which a
//     model's stream of kernels does not pay.)
//   * GB/s = (packed weights + scales + zeros + x + y bytes) / time, compared with the device-to-device
//     copy bandwidth measured here (2 * bytes / time of a 512 MiB cudaMemcpy), which is what DRAM really
//     delivers. TFLOP/s = 2 m n k / time. Ratio = cuBLAS time / INT4 time at the same shape.
// Run: build/release/kernels/awq_kernel_bench [--quick] [--json results.json]
#include "kernel_bench.cuh"

#include "dense_gemm.cuh"
#include "dequant_int4.cuh"
#include "gemm_int4.cuh"
#include "gemv_int4.cuh"
#include "gemv_int4_pipe.cuh"

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iomanip>
#include <random>

namespace awq::cuda {

namespace {

#define BENCH_CHECK(call)                                                                  \
    do {                                                                                   \
        const int bench_err_ = int(call);                                                  \
        if (bench_err_ != 0) {                                                             \
            out << "kernel bench: " #call " failed with code " << bench_err_ << "\n";      \
            return bench_err_;                                                             \
        }                                                                                  \
    } while (0)

// Device allocation freed on scope exit.
struct Dev {
    void* p = nullptr;
    ~Dev() { cudaFree(p); }
};

// Median per-launch milliseconds: `iters` timings, each of `batch` back-to-back launches fn(i), fn(i+1), ...
// between one pair of events, after `warmup` untimed launches. Batching keeps the host's launch latency
// out of the numbers (a decode step queues its kernels back to back too); fn(i) rotates weight buffers.
template <class Fn>
int time_median(int warmup, int iters, int batch, Fn fn, double& ms, std::ostream& out) {
    for (int i = 0; i < warmup; ++i) BENCH_CHECK(fn(i));
    cudaEvent_t a, b;
    BENCH_CHECK(cudaEventCreate(&a));
    BENCH_CHECK(cudaEventCreate(&b));
    std::vector<float> t(static_cast<size_t>(iters));
    for (int i = 0; i < iters; ++i) {
        BENCH_CHECK(cudaEventRecord(a));
        for (int j = 0; j < batch; ++j) BENCH_CHECK(fn(warmup + i * batch + j));
        BENCH_CHECK(cudaEventRecord(b));
        BENCH_CHECK(cudaEventSynchronize(b));
        float elapsed = 0;
        BENCH_CHECK(cudaEventElapsedTime(&elapsed, a, b));
        t[static_cast<size_t>(i)] = elapsed / float(batch);
    }
    cudaEventDestroy(a);
    cudaEventDestroy(b);
    std::sort(t.begin(), t.end());
    ms = t[t.size() / 2];
    return 0;
}

int copy_bandwidth(double& gbps, std::ostream& out) {
    const size_t bytes = size_t(512) << 20;
    Dev src, dst;
    BENCH_CHECK(cudaMalloc(&src.p, bytes));
    BENCH_CHECK(cudaMalloc(&dst.p, bytes));
    BENCH_CHECK(cudaMemset(src.p, 1, bytes));
    double ms = 0;
    BENCH_CHECK(time_median(2, 10, 1, [&](int) { return cudaMemcpyAsync(dst.p, src.p, bytes, cudaMemcpyDeviceToDevice); },
                            ms, out));
    gbps = 2.0 * double(bytes) / (ms * 1e-3) / 1e9;
    return 0;
}

// Fills n bytes with random data shaped by `fill` (host generated once, copied).
int upload_random(void* dst, size_t bytes, uint32_t seed, bool halves_in_01, std::ostream& out) {
    std::vector<uint16_t> h((bytes + 1) / 2);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    for (auto& v : h) {
        if (halves_in_01) {
            const __half x = __float2half(d(rng) * 0.05f);
            std::memcpy(&v, &x, 2);
        } else {
            v = uint16_t(rng());
        }
    }
    BENCH_CHECK(cudaMemcpy(dst, h.data(), bytes, cudaMemcpyHostToDevice));
    return 0;
}

// Every INT4 kernel version that accepts m, timed like the main columns (awq_kernel_bench --algos).
template <class Weights>
int time_algos(const KernelBenchOptions& o, int m, Weights weights, void* x, void* y, cublasHandle_t handle,
               __half* scratch, std::vector<std::pair<std::string, double>>& algo_ms, std::ostream& out) {
    const auto* xh = static_cast<const __half*>(x);
    auto* yh = static_cast<__half*>(y);
    struct Algo {
        const char* name;
        int max_m;
        std::function<cudaError_t(const Int4Weights&)> run;
    };
    const Algo algos[] = {
        {"simt", kGemvSimtMaxM, [&](const Int4Weights& w) { return gemv_int4(xh, m, w, yh, nullptr, GemvAlgo::Simt); }},
        {"tc", kGemvMaxM, [&](const Int4Weights& w) { return gemv_int4(xh, m, w, yh, nullptr, GemvAlgo::TensorCore); }},
        {"tcw", kGemvSimtMaxM, [&](const Int4Weights& w) { return gemv_int4(xh, m, w, yh, nullptr, GemvAlgo::TensorCoreW); }},
        {"pipe", detail::gemv_int4_pipelined_fits(m) ? kGemvSimtMaxM : 0, [&](const Int4Weights& w) { return gemv_int4(xh, m, w, yh, nullptr, GemvAlgo::Pipelined); }},
        // the same with each block's weights requested into L2 first, then also launched programmatically
        // (back-to-back launches then overlap: one gemv's weights stream while the previous one finishes)
        {"pipe_pf", detail::gemv_int4_pipelined_fits(m) ? kGemvSimtMaxM : 0, [&](const Int4Weights& w) {
             return gemv_int4(xh, m, w, yh, nullptr, GemvAlgo::Pipelined, GemvOverlap{true, false});
         }},
        {"pipe_pdl", detail::gemv_int4_pipelined_fits(m) ? kGemvSimtMaxM : 0, [&](const Int4Weights& w) {
             return gemv_int4(xh, m, w, yh, nullptr, GemvAlgo::Pipelined, GemvOverlap{true, true});
         }},
        {"t64", 1 << 30, [&](const Int4Weights& w) { return gemm_int4(xh, m, w, yh, nullptr, GemmAlgo::Tile64); }},
        {"t128", 1 << 30, [&](const Int4Weights& w) { return gemm_int4(xh, m, w, yh, nullptr, GemmAlgo::Tile128); }},
        {"t128k64", 1 << 30, [&](const Int4Weights& w) { return gemm_int4(xh, m, w, yh, nullptr, GemmAlgo::Tile128K64); }},
        {"deq", 1 << 30, [&](const Int4Weights& w) { return int4_linear_via_f16(handle, xh, m, w, scratch, yh); }},
        {"deq_co", 1 << 30, [&](const Int4Weights& w) {
             return int4_linear_via_f16(handle, xh, m, w, scratch, yh, nullptr, 0, DequantAlgo::Coalesced);
         }},
    };
    auto time_one = [&](const std::string& name, const std::function<cudaError_t(const Int4Weights&)>& run) {
        double ms = 0;
        BENCH_CHECK(time_median(o.warmup, o.iters, o.batch, [&](int i) { return run(weights(i)); }, ms, out));
        algo_ms.emplace_back(name, ms);
        return 0;
    };
    for (const Algo& a : algos)
        if (m <= a.max_m) BENCH_CHECK(time_one(a.name, a.run));
    for (int rows : o.deq_chunk_rows)
        if (m >= kInt4ViaF16MinM && rows < weights(0).n)
            for (const auto algo : {DequantAlgo::ThreadChunk, DequantAlgo::Coalesced})
                BENCH_CHECK(time_one((algo == DequantAlgo::Coalesced ? "deq_co@" : "deq@") + std::to_string(rows),
                                     [&, rows, algo](const Int4Weights& w) {
                                         return int4_linear_via_f16(handle, xh, m, w, scratch, yh, nullptr, rows, algo);
                                     }));
    return 0;
}

int bench_shape(const KernelBenchOptions& o, const KernelBenchShape& s, size_t l2_bytes, double copy_gbps,
                cublasHandle_t handle, std::vector<KernelBenchRow>& rows, std::ostream& out) {
    const int n = s.n, k = s.k, ng = k / o.group;
    const size_t qw_bytes = size_t(n) * k / 2, sz_bytes = size_t(n) * ng * 2;
    const size_t int4_bytes = qw_bytes + 2 * sz_bytes, f16_bytes = size_t(n) * k * 2;
    const int r4 = int(std::max<size_t>(2, 3 * l2_bytes / int4_bytes + 1));
    const int r16 = int(std::max<size_t>(2, 3 * l2_bytes / f16_bytes + 1));
    Dev qw, sc, zs, wf, x, y, scratch;
    BENCH_CHECK(cudaMalloc(&qw.p, qw_bytes * r4));
    BENCH_CHECK(cudaMalloc(&sc.p, sz_bytes * r4));
    BENCH_CHECK(cudaMalloc(&zs.p, sz_bytes * r4));
    BENCH_CHECK(cudaMalloc(&wf.p, f16_bytes * r16));
    if (o.compare_algos) BENCH_CHECK(cudaMalloc(&scratch.p, f16_bytes));  // int4_linear_via_f16's fp16 weights
    const int max_m = *std::max_element(o.ms.begin(), o.ms.end());
    BENCH_CHECK(cudaMalloc(&x.p, size_t(max_m) * k * 2));
    BENCH_CHECK(cudaMalloc(&y.p, size_t(max_m) * n * 2));
    for (int r = 0; r < r4; ++r) {
        BENCH_CHECK(upload_random(static_cast<char*>(qw.p) + r * qw_bytes, qw_bytes, 1 + r, false, out));
        BENCH_CHECK(upload_random(static_cast<char*>(sc.p) + r * sz_bytes, sz_bytes, 100 + r, true, out));
        BENCH_CHECK(cudaMemset(static_cast<char*>(zs.p) + r * sz_bytes, 0, sz_bytes));  // zero points 0
    }
    for (int r = 0; r < r16; ++r)
        BENCH_CHECK(upload_random(static_cast<char*>(wf.p) + r * f16_bytes, f16_bytes, 200 + r, true, out));
    BENCH_CHECK(upload_random(x.p, size_t(max_m) * k * 2, 7, true, out));

    auto int4_weights = [&](int i) {
        const int r = i % r4;
        return Int4Weights{reinterpret_cast<const uint32_t*>(static_cast<char*>(qw.p) + r * qw_bytes),
                           reinterpret_cast<const __half*>(static_cast<char*>(sc.p) + r * sz_bytes),
                           reinterpret_cast<const __half*>(static_cast<char*>(zs.p) + r * sz_bytes), n, k, o.group};
    };
    for (int m : o.ms) {
        KernelBenchRow row;
        row.m = m, row.k = k, row.n = n;
        row.int4_kernel = m <= kGemvMaxM ? "gemv_int4" : "gemm_int4";
        auto int4 = [&](int i) {
            return int4_linear(static_cast<const __half*>(x.p), m, int4_weights(i), static_cast<__half*>(y.p));
        };
        auto dense = [&](int i) {
            const auto* w = reinterpret_cast<const __half*>(static_cast<char*>(wf.p) + (i % r16) * f16_bytes);
            return int(dense_gemm_f16(handle, static_cast<const __half*>(x.p), m, w, n, k, static_cast<__half*>(y.p)));
        };
        BENCH_CHECK(time_median(o.warmup, o.iters, o.batch, int4, row.int4_ms, out));
        BENCH_CHECK(time_median(o.warmup, o.iters, o.batch, dense, row.cublas_ms, out));
        if (o.compare_algos)
            BENCH_CHECK(time_algos(o, m, int4_weights, x.p, y.p, handle, static_cast<__half*>(scratch.p), row.algo_ms, out));
        const double flops = 2.0 * m * n * double(k);
        const double bytes = double(int4_bytes) + 2.0 * m * (double(k) + n);
        row.int4_gbps = bytes / (row.int4_ms * 1e-3) / 1e9;
        row.int4_bw_fraction = row.int4_gbps / copy_gbps;
        row.int4_tflops = flops / (row.int4_ms * 1e-3) / 1e12;
        row.cublas_tflops = flops / (row.cublas_ms * 1e-3) / 1e12;
        row.speedup_vs_cublas = row.cublas_ms / row.int4_ms;
        rows.push_back(row);
        out << std::setw(6) << k << std::setw(7) << n << std::setw(6) << m << "  " << std::setw(10) << row.int4_kernel
            << std::fixed << std::setprecision(4) << std::setw(10) << row.int4_ms << std::setw(10) << row.cublas_ms
            << std::setprecision(1) << std::setw(9) << row.int4_gbps << std::setw(7) << 100 * row.int4_bw_fraction
            << "%" << std::setprecision(2) << std::setw(9) << row.int4_tflops << std::setw(9) << row.cublas_tflops
            << std::setw(8) << row.speedup_vs_cublas << "x";
        for (const auto& [name, ms] : row.algo_ms) out << "  " << name << " " << std::setprecision(4) << ms;
        out << "\n";
    }
    return 0;
}

}  // namespace

void write_kernel_bench_json(std::ostream& f, const KernelBenchOptions& o, const KernelBenchResult& r,
                             const std::string& extra_members) {
    f << "{\n  \"device\": \"" << r.device << "\",\n  \"driver_version\": " << r.driver_version
      << ",\n  \"runtime_version\": " << r.runtime_version << ",\n  \"copy_gbps\": " << r.copy_gbps
      << ",\n  \"group_size\": " << o.group << ",\n  \"warmup\": " << o.warmup << ",\n  \"iters\": " << o.iters
      << ",\n  \"rows\": [\n";
    for (size_t i = 0; i < r.rows.size(); ++i) {
        const auto& w = r.rows[i];
        f << "    {\"m\": " << w.m << ", \"k\": " << w.k << ", \"n\": " << w.n << ", \"int4_kernel\": \""
          << w.int4_kernel << "\", \"int4_ms\": " << w.int4_ms << ", \"cublas_ms\": " << w.cublas_ms
          << ", \"int4_gbps\": " << w.int4_gbps << ", \"int4_bw_fraction\": " << w.int4_bw_fraction
          << ", \"int4_tflops\": " << w.int4_tflops << ", \"cublas_tflops\": " << w.cublas_tflops
          << ", \"speedup_vs_cublas\": " << w.speedup_vs_cublas;
        if (!w.algo_ms.empty()) {
            f << ", \"algo_ms\": {";
            for (size_t a = 0; a < w.algo_ms.size(); ++a)
                f << (a ? ", " : "") << "\"" << w.algo_ms[a].first << "\": " << w.algo_ms[a].second;
            f << "}";
        }
        f << "}" << (i + 1 < r.rows.size() ? ",\n" : "\n");
    }
    f << "  ]" << extra_members << "\n}\n";
}

int run_kernel_bench(const KernelBenchOptions& o, std::ostream& out, KernelBenchResult* result) {
    KernelBenchResult r;
    int dev = 0, l2 = 0;
    cudaDeviceProp prop{};
    BENCH_CHECK(cudaGetDevice(&dev));
    BENCH_CHECK(cudaGetDeviceProperties(&prop, dev));
    BENCH_CHECK(cudaDeviceGetAttribute(&l2, cudaDevAttrL2CacheSize, dev));
    BENCH_CHECK(cudaDriverGetVersion(&r.driver_version));
    BENCH_CHECK(cudaRuntimeGetVersion(&r.runtime_version));
    r.device = prop.name;
    BENCH_CHECK(copy_bandwidth(r.copy_gbps, out));
    out << r.device << ", L2 " << (l2 >> 20) << " MiB, driver " << r.driver_version << ", runtime " << r.runtime_version
        << ", device-to-device copy " << std::fixed << std::setprecision(1) << r.copy_gbps << " GB/s, group "
        << o.group << "\n";
    out << "     k      n     m      int4   int4 ms  cuBLAS ms    GB/s    %bw  int4 TF  cuBLAS TF  speedup\n";
    cublasHandle_t handle = nullptr;
    BENCH_CHECK(cublasCreate(&handle));
    for (const auto& s : o.shapes) {
        if (s.k % o.group != 0 || s.k % 32 != 0) {
            out << "kernel bench: k " << s.k << " is not a multiple of the group size " << o.group << "\n";
            cublasDestroy(handle);
            return int(cudaErrorInvalidValue);
        }
        const int st = bench_shape(o, s, size_t(l2), r.copy_gbps, handle, r.rows, out);
        if (st != 0) {
            cublasDestroy(handle);
            return st;
        }
    }
    cublasDestroy(handle);
    if (!o.json_path.empty()) {
        std::ofstream f(o.json_path);
        write_kernel_bench_json(f, o, r);
    }
    if (result) *result = r;
    return 0;
}

}  // namespace awq::cuda
