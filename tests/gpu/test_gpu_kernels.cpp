// SPDX-License-Identifier: MIT
// Every CUDA kernel against a CPU reference on the same inputs: fixed-seed random data (never zeros),
// awkward shapes, outputs poisoned with NaN (0xFFFF halves) before each launch so unwritten elements fail.
// The INT4 kernels are checked against the double-precision product with the dequantised weights of the
// very QuantizedMatrix that was packed (AutoAWQ GEMM) and repacked for the GPU.
// Tests that need a GPU skip themselves when cudaGetDeviceCount reports none; the argument checks run
// everywhere (launchers validate before touching the device).
//
// Error bounds: tests/gpu/gpu_error_bounds.hpp (fp16 inference kernels), each with why. Beyond them:
//   residual_rmsnorm, silu_mul_rows: bit-identical to the unfused kernels (residual_add + rmsnorm,
//   silu_mul), which the model runner's CUDA graph and plain paths rely on; attention with a device-side
//   past: bit-identical to the host-past launch (same kernel), also when replayed from one captured graph
//   at several pasts; qkv_rope's v copy, embedding, convert_to_f16: exact (bit for bit against f32_to_f16).
#include <awq/int4/int4_layout.hpp>
#include <awq/io/dtype.hpp>
#include <awq/model/config.hpp>
#include <awq/int4/awq_pack.hpp>
#include <awq/int4/quantizer.hpp>
#include <awq/runtime/ops.hpp>

#include "attention.cuh"
#include "bench_cli.hpp"
#include "bias_add.cuh"
#include "convert_f16.cuh"
#include "dense_gemm.cuh"
#include "dequant_int4.cuh"
#include "embedding.cuh"
#include "fill.cuh"
#include "qkv_rope.cuh"
#include "gemm_int4.cuh"
#include "gemv_int4.cuh"
#include "gemv_int4_pipe.cuh"
#include "residual_add.cuh"
#include "residual_rmsnorm.cuh"
#include "rmsnorm.cuh"
#include "rope.cuh"
#include "silu_mul.cuh"
#include "gpu_error_bounds.hpp"
#include "gpu_test_util.hpp"
#include "test_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <sstream>

using namespace awq;
using awq::test::DevBuf;

namespace {

// fp16 bits of a float vector, and the floats those bits represent (what the GPU sees).
std::vector<uint16_t> to_f16(const std::vector<float>& v) {
    std::vector<uint16_t> r(v.size());
    for (size_t i = 0; i < v.size(); ++i) r[i] = f32_to_f16(v[i]);
    return r;
}
std::vector<float> from_f16(const std::vector<uint16_t>& v) {
    std::vector<float> r(v.size());
    for (size_t i = 0; i < v.size(); ++i) r[i] = f16_to_f32(v[i]);
    return r;
}
std::vector<float> f16_round(const std::vector<float>& v) { return from_f16(to_f16(v)); }

bool all_finite(const std::vector<float>& v) {
    for (float x : v)
        if (!std::isfinite(x)) return false;
    return true;
}

// ref[m][n] = x[m][k] . w[n][k]^T in double.
std::vector<float> matmul_ref(const std::vector<float>& x, const std::vector<float>& w, int m, int n, int k) {
    std::vector<float> y(size_t(m) * n);
    for (int i = 0; i < m; ++i)
        for (int o = 0; o < n; ++o) {
            double s = 0;
            for (int j = 0; j < k; ++j) s += double(x[size_t(i) * k + j]) * w[size_t(o) * k + j];
            y[size_t(i) * n + o] = float(s);
        }
    return y;
}

// The quantized matrix, its AutoAWQ GEMM packing repacked for the GPU, and the device copies.
struct Int4Case {
    QuantizedMatrix qm;
    gpu::Int4GpuWeights host;
    DevBuf<uint32_t> qweight;
    DevBuf<uint16_t> scales, zeros;
    Int4Case(int n, int k, int group, bool zero_point, uint64_t seed)
        : qm(make(n, k, group, zero_point, seed)),
          host(gpu::repack_awq_gemm_for_gpu(pack_awq_gemm(qm).view("w"), "w")),
          qweight(host.qweight),
          scales(host.scales),
          zeros(host.zeros) {}
    static QuantizedMatrix make(int n, int k, int group, bool zero_point, uint64_t seed) {
        const auto w = test::random_vector(size_t(n) * k, seed, -0.08f, 0.1f);
        QuantParams p;
        p.group_size = group;
        p.zero_point = zero_point;
        return quantize(w.data(), n, k, p);
    }
    cuda::Int4Weights view() const {
        return {qweight.p, scales.h(), zeros.h(), int(host.n), int(host.k), int(host.group)};
    }
};

enum class Int4Kernel {
    GemvSimt, GemvTensorCore, GemvTensorCoreW, GemvPipelined, GemvPipelinedPrefetch, GemvPipelinedProgrammatic,
    GemmTile64, GemmTile128, GemmTile128K64, Linear
};

cudaError_t run_int4(Int4Kernel kernel, const __half* x, int m, const cuda::Int4Weights& w, __half* y) {
    switch (kernel) {
        case Int4Kernel::GemvSimt: return cuda::gemv_int4(x, m, w, y, nullptr, cuda::GemvAlgo::Simt);
        case Int4Kernel::GemvTensorCore: return cuda::gemv_int4(x, m, w, y, nullptr, cuda::GemvAlgo::TensorCore);
        case Int4Kernel::GemvTensorCoreW: return cuda::gemv_int4(x, m, w, y, nullptr, cuda::GemvAlgo::TensorCoreW);
        case Int4Kernel::GemvPipelined: return cuda::gemv_int4(x, m, w, y, nullptr, cuda::GemvAlgo::Pipelined);
        case Int4Kernel::GemvPipelinedPrefetch:
            return cuda::gemv_int4(x, m, w, y, nullptr, cuda::GemvAlgo::Pipelined, cuda::GemvOverlap{true, false});
        case Int4Kernel::GemvPipelinedProgrammatic:
            return cuda::gemv_int4(x, m, w, y, nullptr, cuda::GemvAlgo::Pipelined, cuda::GemvOverlap{true, true});
        case Int4Kernel::GemmTile64: return cuda::gemm_int4(x, m, w, y, nullptr, cuda::GemmAlgo::Tile64);
        case Int4Kernel::GemmTile128: return cuda::gemm_int4(x, m, w, y, nullptr, cuda::GemmAlgo::Tile128);
        case Int4Kernel::GemmTile128K64: return cuda::gemm_int4(x, m, w, y, nullptr, cuda::GemmAlgo::Tile128K64);
        case Int4Kernel::Linear: break;
    }
    return cuda::int4_linear(x, m, w, y);
}

void check_int4(Int4Kernel kernel, int m, int n, int k, int group, bool zero_point) {
    const uint64_t seed = uint64_t(m) * 7919 + uint64_t(n) * 31 + uint64_t(k) + uint64_t(group);
    Int4Case c(n, k, group, zero_point, seed);
    QVERIFY(c.qweight.p && c.scales.p && c.zeros.p);
    const auto x = f16_round(test::random_vector(size_t(m) * k, seed + 1));
    DevBuf<uint16_t> dx(to_f16(x)), dy(size_t(m) * n);
    QVERIFY(dx.p && dy.p);
    CUDA_OK(run_int4(kernel, dx.h(), m, c.view(), dy.h()));
    CUDA_OK(cudaDeviceSynchronize());
    const auto y = from_f16(dy.get());
    QVERIFY2(all_finite(y), "unwritten (NaN) or non-finite outputs");
    const auto ref = matmul_ref(x, c.qm.dequantize(), m, n, k);
    const double err = test::max_rel_error(y, ref);
    QVERIFY2(err < test::gpu_bound::kInt4Matmul, qPrintable(QString("relative error %1").arg(err)));
}

}  // namespace

class TestGpuKernels : public QObject {
    Q_OBJECT

private slots:
    // Launchers reject bad shapes before touching the device (runs without a GPU too).
    void launchers_validate_arguments() {
        uint32_t qw[16];
        __half s[4], z[4], x[64], y[64];
        const cuda::Int4Weights bad_k{qw, s, z, 8, 48, 16};  // k, group not multiples of 32
        QCOMPARE(cuda::gemv_int4(x, 1, bad_k, y), cudaErrorInvalidValue);
        QCOMPARE(cuda::gemm_int4(x, 1, bad_k, y), cudaErrorInvalidValue);
        const cuda::Int4Weights ok{qw, s, z, 8, 64, 32};
        QCOMPARE(cuda::gemv_int4(x, 0, ok, y), cudaErrorInvalidValue);
        QCOMPARE(cuda::gemv_int4(x, cuda::kGemvMaxM + 1, ok, y), cudaErrorInvalidValue);
        QCOMPARE(cuda::gemv_int4(x, cuda::kGemvSimtMaxM + 1, ok, y, nullptr, cuda::GemvAlgo::Simt), cudaErrorInvalidValue);
        QCOMPARE(cuda::gemm_int4(nullptr, 4, ok, y), cudaErrorInvalidValue);
        QCOMPARE(cuda::rmsnorm(x, x, y, 0, 64, 1e-5f), cudaErrorInvalidValue);
        QCOMPARE(cuda::rope_rotate_half(y, 1, 1, 7, nullptr, nullptr), cudaErrorInvalidValue);
        QCOMPARE(cuda::causal_attention(x, x, x, y, 1, 0, 6, 4, 64), cudaErrorInvalidValue);  // 6 % 4 != 0
        QCOMPARE(cuda::causal_attention(x, x, x, y, 1, 0, 4, 4, 512), cudaErrorInvalidValue);
        int past_dummy = 0;
        float work_dummy[8];
        QCOMPARE(cuda::causal_attention_split(x, x, x, y, 1, &past_dummy, 4, 4, 64, 0, work_dummy), cudaErrorInvalidValue);
        QCOMPARE(cuda::causal_attention_split(x, x, x, y, 1, &past_dummy, 4, 4, 64, 2, nullptr), cudaErrorInvalidValue);
        QCOMPARE(cuda::dense_gemm_f16(nullptr, x, 1, x, 1, 1, y), CUBLAS_STATUS_INVALID_VALUE);
        QCOMPARE(cuda::dequantize_int4(bad_k, y), cudaErrorInvalidValue);
        QCOMPARE(cuda::int4_linear_via_f16(nullptr, x, 1, ok, y, y), cudaErrorInvalidValue);
        QCOMPARE(cuda::dense_gemm_f16_f32out(nullptr, x, 1, x, 1, 1, nullptr), CUBLAS_STATUS_INVALID_VALUE);
        QCOMPARE(cuda::bias_add(y, x, 0, 4), cudaErrorInvalidValue);
        QCOMPARE(cuda::convert_to_f16(nullptr, cuda::SourceType::BF16, y, 4), cudaErrorInvalidValue);
        QCOMPARE(cuda::fill_uniform_f16(y, 4, 1.0f, -1.0f, 1), cudaErrorInvalidValue);  // hi < lo
        QCOMPARE(cuda::fill_random_u32(nullptr, 4, 1), cudaErrorInvalidValue);
        int pos[4] = {};
        float freq[64] = {};
        QCOMPARE(cuda::causal_attention_device_past(x, x, x, y, 1, nullptr, 4, 4, 64), cudaErrorInvalidValue);
        QCOMPARE(cuda::causal_attention_device_past(x, x, x, y, 1, pos, 6, 4, 64), cudaErrorInvalidValue);
        QCOMPARE(cuda::residual_rmsnorm(y, x, x, y, 1, 64, 1e-5f), cudaErrorInvalidValue);  // y aliases x
        QCOMPARE(cuda::residual_rmsnorm(y, x, x, s, 0, 64, 1e-5f), cudaErrorInvalidValue);
        QCOMPARE(cuda::qkv_rope_to_cache(x, 64, x, x, 64, y, y, y, 8, 1, 1, 1, 63, pos, freq), cudaErrorInvalidValue);
        QCOMPARE(cuda::qkv_rope_to_cache(x, 32, x, x, 64, y, y, y, 8, 1, 1, 1, 64, pos, freq),  // q_stride < q row
                 cudaErrorInvalidValue);
        QCOMPARE(cuda::qkv_rope_to_cache(x, 64, x, x, 64, y, y, y, 8, 1, 1, 1, 64, nullptr, freq), cudaErrorInvalidValue);
        QCOMPARE(cuda::silu_mul_rows(x, x, 3, y, 2, 4), cudaErrorInvalidValue);  // in_stride < n
        QCOMPARE(cuda::silu_mul_rows(x, x, 4, y, 0, 4), cudaErrorInvalidValue);
    }

    // The benchmarks' command line (awq_kernel_bench, awq bench --device cuda) refuses what it does not take
    // with exit 2, the argument named and the usage, before touching a device (runs without a GPU too).
    void bench_cli_rejects_bad_arguments() {
        const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
            {{"--ms", "0"}, "--ms 0: needs M,... (positive)"},
            {{"--ms", "4,x"}, "--ms 4,x: needs M,... (positive)"},
            {{"--shapes", "4096"}, "--shapes 4096: needs KxN,... (positive)"},
            {{"--group", "48"}, "--group 48: needs a multiple of 32"},
            {{"--quant-layers", "-1"}, "--quant-layers -1: needs a positive integer"},
            {{"--json"}, "--json: needs a file name"},
            {{"--bogus"}, "--bogus: not an option of the GPU benchmark"},
        };
        for (const auto& [args, message] : cases) {
            std::ostringstream out, err;
            QCOMPARE(cuda::run_bench_cli(args, "bench", out, err), 2);
            QVERIFY2(err.str().find("bench: " + message) != std::string::npos, err.str().c_str());
            QVERIFY2(err.str().find("usage: bench") != std::string::npos, err.str().c_str());
            QVERIFY(out.str().empty());
        }
    }

    // Every version of the INT4 kernels (GemvAlgo, GemmAlgo) on awkward shapes: m across the m16 tiles and
    // the block tiles, n and k off the tile sizes, every group size, symmetric and with zero points.
    void gemv_int4_matches_reference_data() {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("zero_point");
        for (const auto kernel : {Int4Kernel::GemvSimt, Int4Kernel::GemvTensorCore, Int4Kernel::GemvTensorCoreW,
                                  Int4Kernel::GemvPipelined, Int4Kernel::GemvPipelinedPrefetch,
                                  Int4Kernel::GemvPipelinedProgrammatic}) {
            const bool small = kernel != Int4Kernel::GemvTensorCore;  // m <= kGemvSimtMaxM only
            const char* name = kernel == Int4Kernel::GemvSimt                     ? "simt"
                               : kernel == Int4Kernel::GemvPipelined              ? "pipe"
                               : kernel == Int4Kernel::GemvPipelinedPrefetch      ? "pipe_pf"
                               : kernel == Int4Kernel::GemvPipelinedProgrammatic  ? "pipe_pdl"
                               : small                                            ? "tcw"
                                                                                  : "tc";
            for (int m : {1, 2, 3, 5, 8, 16, 17, 33, 64}) {
                if (small && m > cuda::kGemvSimtMaxM) continue;
                QTest::addRow("%s m%d 8x32 g32", name, m) << int(kernel) << m << 8 << 32 << 32 << true;
                QTest::addRow("%s m%d 200x384 g64", name, m) << int(kernel) << m << 200 << 384 << 64 << true;
                QTest::addRow("%s m%d 136x1056 g32", name, m) << int(kernel) << m << 136 << 1056 << 32 << true;
                QTest::addRow("%s m%d 1000x2048 g128", name, m) << int(kernel) << m << 1000 << 2048 << 128 << true;
                QTest::addRow("%s m%d 72x640 g128 symmetric", name, m) << int(kernel) << m << 72 << 640 << 128 << false;
                QTest::addRow("%s m%d 24x4128 g96", name, m) << int(kernel) << m << 24 << 4128 << 96 << true;
                // 264 chunks: more stages than the Pipelined version's ring holds, the last one partial.
                QTest::addRow("%s m%d 40x8448 g256", name, m) << int(kernel) << m << 40 << 8448 << 256 << true;
            }
        }
    }
    void gemv_int4_matches_reference() {
        REQUIRE_DEVICE();
        QFETCH(int, kernel);
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(int, group);
        QFETCH(bool, zero_point);
        const bool pipelined = Int4Kernel(kernel) == Int4Kernel::GemvPipelined ||
                               Int4Kernel(kernel) == Int4Kernel::GemvPipelinedPrefetch ||
                               Int4Kernel(kernel) == Int4Kernel::GemvPipelinedProgrammatic;
        if (pipelined && !cuda::detail::gemv_int4_pipelined_fits(m))
            QSKIP("the Pipelined gemv's shared memory for this m exceeds this device's per-block limit");
        check_int4(Int4Kernel(kernel), m, n, k, group, zero_point);
    }

    // A programmatically launched gemv may start while the kernel before it runs (rmsnorm lets it start at
    // once) but must not read x before that kernel has written it: x is poisoned (NaN) before every
    // round, so a read too early shows as NaN or different outputs. Bit-identical to the same gemv launched
    // after the rmsnorm has finished (the arithmetic is the same; only the launch differs).
    void programmatic_gemv_waits_for_the_kernel_before() {
        REQUIRE_DEVICE();
        const int m = 3, n = 4096, k = 4096, group = 128;
        if (!cuda::detail::gemv_int4_pipelined_fits(m)) QSKIP("the Pipelined gemv does not fit this device");
        Int4Case c(n, k, group, true, 4242);
        const auto src = f16_round(test::random_vector(size_t(m) * k, 77, -2.0f, 2.0f));
        const auto gamma = f16_round(test::random_vector(size_t(k), 78, 0.5f, 1.5f));
        DevBuf<uint16_t> dsrc(to_f16(src)), dgamma(to_f16(gamma)), dx(size_t(m) * k), dy(size_t(m) * n);
        cudaStream_t stream = nullptr;
        CUDA_OK(cudaStreamCreate(&stream));
        CUDA_OK(cuda::rmsnorm(dsrc.h(), dgamma.h(), dx.h(), m, k, 1e-5f, stream));
        CUDA_OK(cudaStreamSynchronize(stream));
        CUDA_OK(cuda::gemv_int4(dx.h(), m, c.view(), dy.h(), stream, cuda::GemvAlgo::Pipelined));
        CUDA_OK(cudaStreamSynchronize(stream));
        const auto want = dy.get();
        QVERIFY2(all_finite(from_f16(want)), "the plain launch left NaN");
        for (int round = 0; round < 20; ++round) {
            CUDA_OK(cudaMemsetAsync(dx.p, 0xFF, dx.n * 2, stream));
            CUDA_OK(cudaMemsetAsync(dy.p, 0xFF, dy.n * 2, stream));
            CUDA_OK(cuda::rmsnorm(dsrc.h(), dgamma.h(), dx.h(), m, k, 1e-5f, stream));
            CUDA_OK(cuda::gemv_int4(dx.h(), m, c.view(), dy.h(), stream, cuda::GemvAlgo::Pipelined,
                                    cuda::GemvOverlap{true, true}));
            CUDA_OK(cudaStreamSynchronize(stream));
            QVERIFY2(dy.get() == want, qPrintable(QString("round %1: the programmatic gemv's outputs differ").arg(round)));
        }
        cudaStreamDestroy(stream);
    }

    void gemm_int4_matches_reference_data() {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("zero_point");
        for (const auto kernel : {Int4Kernel::GemmTile64, Int4Kernel::GemmTile128, Int4Kernel::GemmTile128K64}) {
            const char* name = kernel == Int4Kernel::GemmTile64 ? "t64" : kernel == Int4Kernel::GemmTile128 ? "t128" : "t128k64";
            for (int m : {1, 3, 17, 118, 129, 512}) {
                QTest::addRow("%s m%d 8x32 g32", name, m) << int(kernel) << m << 8 << 32 << 32 << true;
                QTest::addRow("%s m%d 200x96 g32", name, m) << int(kernel) << m << 200 << 96 << 32 << true;
                QTest::addRow("%s m%d 72x448 g64", name, m) << int(kernel) << m << 72 << 448 << 64 << true;
                QTest::addRow("%s m%d 264x1152 g128", name, m) << int(kernel) << m << 264 << 1152 << 128 << true;
                QTest::addRow("%s m%d 136x256 g128 symmetric", name, m) << int(kernel) << m << 136 << 256 << 128 << false;
                QTest::addRow("%s m%d 296x160 g32 (5 k tiles)", name, m) << int(kernel) << m << 296 << 160 << 32 << true;
                QTest::addRow("%s m%d 200x192 g32 (3 k64 tiles)", name, m) << int(kernel) << m << 200 << 192 << 32 << true;
            }
        }
    }
    void gemm_int4_matches_reference() {
        REQUIRE_DEVICE();
        QFETCH(int, kernel);
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(int, group);
        QFETCH(bool, zero_point);
        check_int4(Int4Kernel(kernel), m, n, k, group, zero_point);
    }

    // The dispatcher on both sides of the gemv/gemm switch.
    void int4_linear_matches_reference() {
        REQUIRE_DEVICE();
        for (int m : {cuda::kGemvMaxM, cuda::kGemvMaxM + 1}) check_int4(Int4Kernel::Linear, m, 120, 256, 64, true);
    }

    void dense_gemm_matches_reference() {
        REQUIRE_DEVICE();
        cublasHandle_t handle = nullptr;
        QCOMPARE(cublasCreate(&handle), CUBLAS_STATUS_SUCCESS);
        struct Shape { int m, n, k; };
        for (const Shape s : {Shape{1, 200, 96}, Shape{17, 72, 448}, Shape{118, 264, 1000}}) {
            const auto x = f16_round(test::random_vector(size_t(s.m) * s.k, 11 + s.m));
            const auto w = f16_round(test::random_vector(size_t(s.n) * s.k, 12 + s.n, -0.1f, 0.1f));
            DevBuf<uint16_t> dx(to_f16(x)), dw(to_f16(w)), dy(size_t(s.m) * s.n);
            QCOMPARE(cuda::dense_gemm_f16(handle, dx.h(), s.m, dw.h(), s.n, s.k, dy.h()), CUBLAS_STATUS_SUCCESS);
            CUDA_OK(cudaDeviceSynchronize());
            const auto y = from_f16(dy.get());
            QVERIFY(all_finite(y));
            const auto ref = matmul_ref(x, w, s.m, s.n, s.k);
            QVERIFY(test::max_rel_error(y, ref) < test::gpu_bound::kDenseGemm);
            DevBuf<float> dy32(size_t(s.m) * s.n);  // the lm_head variant: fp32 output
            QCOMPARE(cuda::dense_gemm_f16_f32out(handle, dx.h(), s.m, dw.h(), s.n, s.k, dy32.p), CUBLAS_STATUS_SUCCESS);
            CUDA_OK(cudaDeviceSynchronize());
            const auto y32 = dy32.get();
            QVERIFY(all_finite(y32));
            QVERIFY2(test::max_rel_error(y32, ref) < test::gpu_bound::kDenseGemmF32Out, qPrintable(QString::number(test::max_rel_error(y32, ref))));
        }
        cublasDestroy(handle);
    }

    // Every weight as the fused kernels see it: fp16((q - z) * s), bit for bit against the CPU's rounding of
    // the same product (exact in float: a 5-bit integer times an fp16 scale), on shapes with a tail of
    // chunks, every group size, symmetric and not.
    void dequantize_int4_is_bit_exact() {
        REQUIRE_DEVICE();
        struct Shape { int n, k, group; bool zero_point; };
        for (const Shape s : {Shape{8, 32, 32, true}, Shape{200, 384, 64, true}, Shape{72, 640, 128, false},
                              Shape{24, 4128, 96, true}, Shape{1000, 2048, 128, true}}) {
            Int4Case c(s.n, s.k, s.group, s.zero_point, 31 * s.n + s.k);
            QVERIFY(c.qweight.p);
            for (const auto algo : {cuda::DequantAlgo::Coalesced, cuda::DequantAlgo::ThreadChunk}) {
                DevBuf<uint16_t> out(size_t(s.n) * s.k);
                CUDA_OK(cuda::dequantize_int4(c.view(), out.h(), nullptr, algo));
                CUDA_OK(cudaDeviceSynchronize());
                const auto got = out.get();
                size_t mismatches = 0;
                for (int o = 0; o < s.n; ++o)
                    for (int i = 0; i < s.k; ++i) {
                        const size_t g = size_t(o) * (s.k / s.group) + i / s.group;
                        const float q = float(c.host.code(o, i)), z = f16_to_f32(c.host.zeros[g]);
                        const uint16_t want = f32_to_f16((q - z) * f16_to_f32(c.host.scales[g]));
                        mismatches += got[size_t(o) * s.k + i] != want;
                    }
                QVERIFY2(mismatches == 0, qPrintable(QString("%1 x %2 g%3, version %4: %5 weights differ")
                                                         .arg(s.n).arg(s.k).arg(s.group).arg(int(algo)).arg(mismatches)));
            }
        }
    }

    // The large-m INT4 linear (dequantise, then cuBLAS) against the double-precision product: whole, and in
    // slices of output rows (one that divides n, one that leaves a short last slice, one wider than n).
    void int4_linear_via_f16_matches_reference() {
        REQUIRE_DEVICE();
        cublasHandle_t handle = nullptr;
        QCOMPARE(cublasCreate(&handle), CUBLAS_STATUS_SUCCESS);
        struct Shape { int m, n, k, group; };
        for (const Shape s : {Shape{1, 200, 384, 64}, Shape{129, 72, 448, 64}, Shape{517, 264, 1152, 128}}) {
            Int4Case c(s.n, s.k, s.group, true, 7 * s.m + s.n);
            const auto x = f16_round(test::random_vector(size_t(s.m) * s.k, 13 + s.m));
            const auto ref = matmul_ref(x, c.qm.dequantize(), s.m, s.n, s.k);
            for (const int chunk_rows : {0, 8, 40, 1000}) {
                DevBuf<uint16_t> dx(to_f16(x)), dy(size_t(s.m) * s.n), scratch(size_t(s.n) * s.k);
                CUDA_OK(cuda::int4_linear_via_f16(handle, dx.h(), s.m, c.view(), scratch.h(), dy.h(), nullptr, chunk_rows));
                CUDA_OK(cudaDeviceSynchronize());
                const auto y = from_f16(dy.get());
                QVERIFY2(all_finite(y), qPrintable(QString("m %1, slices of %2: unwritten (NaN) or non-finite outputs")
                                                       .arg(s.m).arg(chunk_rows)));
                const double err = test::max_rel_error(y, ref);
                QVERIFY2(err < test::gpu_bound::kInt4Matmul, qPrintable(QString("m %1, slices of %2: relative error %3").arg(s.m).arg(chunk_rows).arg(err)));
            }
        }
        DevBuf<uint16_t> d(64);
        QCOMPARE(cuda::int4_linear_via_f16(handle, d.h(), 1, Int4Case(8, 32, 32, true, 1).view(), d.h(), d.h(), nullptr, -1),
                 cudaErrorInvalidValue);
        cublasDestroy(handle);
    }

    void bias_add_matches_reference() {
        REQUIRE_DEVICE();
        for (const auto& [rows, n] : {std::pair{1, 7}, std::pair{17, 1000}, std::pair{118, 4096}}) {
            const auto y = f16_round(test::random_vector(size_t(rows) * n, 71 + n, -3.0f, 3.0f));
            const auto b = f16_round(test::random_vector(size_t(n), 72 + n, -1.0f, 1.0f));
            DevBuf<uint16_t> dy(to_f16(y)), db(to_f16(b));
            CUDA_OK(cuda::bias_add(dy.h(), db.h(), rows, n));
            CUDA_OK(cudaDeviceSynchronize());
            auto ref = y;
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < n; ++c) ref[size_t(r) * n + c] += b[size_t(c)];
            const auto got = from_f16(dy.get());
            QVERIFY(all_finite(got));
            QVERIFY2(test::max_rel_error(got, ref) < test::gpu_bound::kBiasAdd, qPrintable(QString("rows %1 n %2").arg(rows).arg(n)));
        }
    }

    // F32 and BF16 (and F16, copied) to fp16: the same bits as the host's f32_to_f16, overflow included.
    void convert_to_f16_matches_host_rounding() {
        REQUIRE_DEVICE();
        auto f = test::random_vector(100003, 81, -4.0f, 4.0f);
        f[0] = 70000.0f, f[1] = -1e-7f, f[2] = 6.1e-5f, f[3] = 0.0f, f[4] = 1.0f + 1.0f / 2048;  // a tie
        std::vector<uint16_t> bf(f.size());
        for (size_t i = 0; i < f.size(); ++i) bf[i] = f32_to_bf16(f[i]);
        DevBuf<float> df(f);
        DevBuf<uint16_t> dbf(bf), h16(to_f16(f)), out(f.size());
        CUDA_OK(cuda::convert_to_f16(df.p, cuda::SourceType::F32, out.h(), (long long)f.size()));
        CUDA_OK(cudaDeviceSynchronize());
        QVERIFY(out.get() == to_f16(f));
        CUDA_OK(cuda::convert_to_f16(dbf.p, cuda::SourceType::BF16, out.h(), (long long)f.size()));
        CUDA_OK(cudaDeviceSynchronize());
        std::vector<float> bf_values(f.size());
        for (size_t i = 0; i < f.size(); ++i) bf_values[i] = bf16_to_f32(bf[i]);
        QVERIFY(out.get() == to_f16(bf_values));
        CUDA_OK(cuda::convert_to_f16(h16.p, cuda::SourceType::F16, out.h(), (long long)f.size()));
        CUDA_OK(cudaDeviceSynchronize());
        QVERIFY(out.get() == to_f16(f));
    }

    // Synthetic weights: inside the range, deterministic for a seed, different for another, mean near the middle.
    void fill_is_deterministic_and_in_range() {
        REQUIRE_DEVICE();
        const size_t n = 1 << 20;
        DevBuf<uint16_t> a(n), b(n), c(n);
        CUDA_OK(cuda::fill_uniform_f16(a.h(), n, -0.5f, 1.5f, 42));
        CUDA_OK(cuda::fill_uniform_f16(b.h(), n, -0.5f, 1.5f, 42));
        CUDA_OK(cuda::fill_uniform_f16(c.h(), n, -0.5f, 1.5f, 43));
        CUDA_OK(cudaDeviceSynchronize());
        const auto va = from_f16(a.get());
        QVERIFY(a.get() == b.get());
        QVERIFY(a.get() != c.get());
        double mean = 0;
        for (float v : va) {
            QVERIFY(v >= -0.5f && v <= 1.5f);
            mean += v;
        }
        QVERIFY(std::abs(mean / double(n) - 0.5) < 0.01);
        DevBuf<uint32_t> u(n);
        CUDA_OK(cuda::fill_random_u32(u.p, n, 7));
        CUDA_OK(cuda::fill_f16(c.h(), n, 8.0f));
        CUDA_OK(cudaDeviceSynchronize());
        int nibble_counts[16] = {};
        for (uint32_t w : u.get()) ++nibble_counts[w & 15];
        for (int q = 0; q < 16; ++q) QVERIFY(std::abs(nibble_counts[q] - int(n / 16)) < int(n / 160));  // +-10 %
        for (float v : from_f16(c.get())) QCOMPARE(v, 8.0f);
    }

    void rmsnorm_matches_reference() {
        REQUIRE_DEVICE();
        for (int rows : {1, 3, 17})
            for (int dim : {64, 4096, 5003}) {
                const auto x = f16_round(test::random_vector(size_t(rows) * dim, 21 + dim, -2.0f, 2.0f));
                const auto w = f16_round(test::random_vector(size_t(dim), 22 + dim, 0.5f, 1.5f));
                DevBuf<uint16_t> dx(to_f16(x)), dw(to_f16(w)), dy(x.size());
                CUDA_OK(cuda::rmsnorm(dx.h(), dw.h(), dy.h(), rows, dim, 1e-5f));
                CUDA_OK(cudaDeviceSynchronize());
                const auto y = from_f16(dy.get());
                std::vector<float> ref(x.size());
                rms_norm(x.data(), w.data(), 1e-5f, rows, dim, ref.data());
                QVERIFY(all_finite(y));
                QVERIFY2(test::max_rel_error(y, ref) < test::gpu_bound::kRmsnorm, qPrintable(QString("rows %1 dim %2").arg(rows).arg(dim)));
            }
    }

    void rope_matches_reference() {
        REQUIRE_DEVICE();
        ModelConfig cfg;
        cfg.head_dim = 128;
        cfg.rope_theta = 500000.0;
        cfg.rope_scaling.type = "llama3";
        cfg.rope_scaling.factor = 8.0;
        const RopeTable table(cfg);
        std::vector<float> inv_freq(table.inv_freq().begin(), table.inv_freq().end());
        for (int rows : {1, 17, 118}) {
            const int heads = 6;
            const auto x = f16_round(test::random_vector(size_t(rows) * heads * 128, 31 + rows));
            std::vector<int> pos(static_cast<size_t>(rows));
            std::vector<int64_t> pos64(static_cast<size_t>(rows));
            std::mt19937 rng(32 + rows);
            for (int r = 0; r < rows; ++r) pos64[size_t(r)] = pos[size_t(r)] = int(rng() % 8000);
            DevBuf<uint16_t> dx(to_f16(x));
            DevBuf<int> dpos(pos);
            DevBuf<float> dfreq(inv_freq);
            CUDA_OK(cuda::rope_rotate_half(dx.h(), rows, heads, 128, dpos.p, dfreq.p));
            CUDA_OK(cudaDeviceSynchronize());
            const auto y = from_f16(dx.get());
            auto ref = x;
            table.apply(ref.data(), rows, heads, pos64.data());
            QVERIFY(all_finite(y));
            QVERIFY2(test::max_rel_error(y, ref) < test::gpu_bound::kRope, qPrintable(QString("rows %1").arg(rows)));
        }
    }

    // The fused residual + RMSNorm: the stored residual stream and the normed rows against a float
    // reference, and the same bits as residual_add followed by rmsnorm.
    void residual_rmsnorm_matches_reference() {
        REQUIRE_DEVICE();
        for (int rows : {1, 3, 17})
            for (int dim : {64, 4096, 5003}) {
                const size_t n = size_t(rows) * dim;
                const auto x = f16_round(test::random_vector(n, 91 + dim, -2.0f, 2.0f));
                const auto r = f16_round(test::random_vector(n, 92 + dim, -1.0f, 1.0f));
                const auto w = f16_round(test::random_vector(size_t(dim), 93 + dim, 0.5f, 1.5f));
                DevBuf<uint16_t> dx(to_f16(x)), dr(to_f16(r)), dw(to_f16(w)), dy(n);
                DevBuf<uint16_t> dx2(to_f16(x)), dy2(n);
                CUDA_OK(cuda::residual_rmsnorm(dx.h(), dr.h(), dw.h(), dy.h(), rows, dim, 1e-5f));
                CUDA_OK(cuda::residual_add(dx2.h(), dr.h(), (long long)n));
                CUDA_OK(cuda::rmsnorm(dx2.h(), dw.h(), dy2.h(), rows, dim, 1e-5f));
                CUDA_OK(cudaDeviceSynchronize());
                std::vector<float> sum(n);
                for (size_t i = 0; i < n; ++i) sum[i] = x[i] + r[i];
                const auto stored = from_f16(dx.get());
                const auto y = from_f16(dy.get());
                std::vector<float> ref(n);
                const auto sum16 = f16_round(sum);  // the residual stream is stored in fp16, then normed
                rms_norm(sum16.data(), w.data(), 1e-5f, rows, dim, ref.data());
                const QString what = QString("rows %1 dim %2").arg(rows).arg(dim);
                QVERIFY(all_finite(stored) && all_finite(y));
                QVERIFY2(test::max_rel_error(stored, sum) < test::gpu_bound::kResidualAdd, qPrintable(what));
                QVERIFY2(test::max_rel_error(y, ref) < test::gpu_bound::kResidualRmsnorm, qPrintable(what));
                QVERIFY2(dx.get() == dx2.get() && dy.get() == dy2.get(), qPrintable(what + ": not the unfused bits"));
            }
    }

    // RoPE on q and k plus the KV cache store, from a fused [rows][q|k|v] input and from three separate
    // matrices, at distinct random positions (one outside the cache in one case: nothing may be written).
    void qkv_rope_to_cache_matches_reference_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kv_heads");
        QTest::addColumn<int>("head_dim");
        QTest::addColumn<bool>("fused");
        QTest::addColumn<bool>("one_outside");
        for (bool fused : {true, false}) {
            const char* f = fused ? "fused" : "separate";
            QTest::addRow("%s decode, 6/2 heads x 128", f) << 1 << 6 << 2 << 128 << fused << false;
            QTest::addRow("%s 5 rows, 4/4 heads x 64", f) << 5 << 4 << 4 << 64 << fused << false;
            QTest::addRow("%s 17 rows, 8/1 heads x 80", f) << 17 << 8 << 1 << 80 << fused << true;
        }
    }
    void qkv_rope_to_cache_matches_reference() {
        REQUIRE_DEVICE();
        QFETCH(int, rows);
        QFETCH(int, heads);
        QFETCH(int, kv_heads);
        QFETCH(int, head_dim);
        QFETCH(bool, fused);
        QFETCH(bool, one_outside);
        const int cache_rows = 8000, qd = heads * head_dim, kvd = kv_heads * head_dim, width = qd + 2 * kvd;
        ModelConfig cfg;
        cfg.head_dim = head_dim;
        cfg.rope_theta = 500000.0;
        cfg.rope_scaling.type = "llama3";
        cfg.rope_scaling.factor = 8.0;
        const RopeTable table(cfg);
        const std::vector<float> inv_freq(table.inv_freq().begin(), table.inv_freq().end());
        const uint64_t seed = 101 + uint64_t(rows) * 7 + uint64_t(head_dim);
        const auto q = f16_round(test::random_vector(size_t(rows) * qd, seed));
        const auto k = f16_round(test::random_vector(size_t(rows) * kvd, seed + 1));
        const auto v = f16_round(test::random_vector(size_t(rows) * kvd, seed + 2));
        std::vector<int> pos(static_cast<size_t>(cache_rows));
        std::iota(pos.begin(), pos.end(), 0);
        std::shuffle(pos.begin(), pos.end(), std::mt19937(uint32_t(seed)));
        pos.resize(size_t(rows));
        if (one_outside) pos[1] = cache_rows;
        // the input layouts: rows of [q|k|v], or all q rows, then all k rows, then all v rows
        std::vector<float> in;
        if (fused) {
            for (int r = 0; r < rows; ++r) {
                in.insert(in.end(), q.begin() + size_t(r) * qd, q.begin() + size_t(r + 1) * qd);
                in.insert(in.end(), k.begin() + size_t(r) * kvd, k.begin() + size_t(r + 1) * kvd);
                in.insert(in.end(), v.begin() + size_t(r) * kvd, v.begin() + size_t(r + 1) * kvd);
            }
        } else {
            in = q;
            in.insert(in.end(), k.begin(), k.end());
            in.insert(in.end(), v.begin(), v.end());
        }
        DevBuf<uint16_t> din(to_f16(in)), dq(q.size()), dk(size_t(cache_rows) * kvd), dv(size_t(cache_rows) * kvd);
        DevBuf<int> dpos(pos);
        DevBuf<float> dfreq(inv_freq);
        const __half* qi = din.h();
        const __half* ki = fused ? qi + qd : qi + size_t(rows) * qd;
        const __half* vi = fused ? qi + qd + kvd : ki + size_t(rows) * kvd;
        CUDA_OK(cuda::qkv_rope_to_cache(qi, fused ? width : qd, ki, vi, fused ? width : kvd, dq.h(), dk.h(), dv.h(),
                                        cache_rows, rows, heads, kv_heads, head_dim, dpos.p, dfreq.p));
        CUDA_OK(cudaDeviceSynchronize());
        std::vector<int64_t> pos64(pos.begin(), pos.end());
        auto q_ref = q, k_ref = k;
        table.apply(q_ref.data(), rows, heads, pos64.data());
        table.apply(k_ref.data(), rows, kv_heads, pos64.data());
        const auto q_out = from_f16(dq.get());
        QVERIFY(all_finite(q_out));
        QVERIFY2(test::max_rel_error(q_out, q_ref) < test::gpu_bound::kRope, "q");
        const auto kc = dk.get(), vc = dv.get();
        const auto v16 = to_f16(v);
        std::vector<float> k_got, k_want;
        std::vector<bool> written(size_t(cache_rows), false);
        for (int r = 0; r < rows; ++r) {
            const int p = pos[size_t(r)];
            if (p >= cache_rows) continue;
            written[size_t(p)] = true;
            const auto kr = from_f16(std::vector<uint16_t>(kc.begin() + size_t(p) * kvd, kc.begin() + size_t(p + 1) * kvd));
            k_got.insert(k_got.end(), kr.begin(), kr.end());
            k_want.insert(k_want.end(), k_ref.begin() + size_t(r) * kvd, k_ref.begin() + size_t(r + 1) * kvd);
            QVERIFY2(std::equal(vc.begin() + size_t(p) * kvd, vc.begin() + size_t(p + 1) * kvd, v16.begin() + size_t(r) * kvd),
                     qPrintable(QString("v row %1").arg(r)));
        }
        QVERIFY(all_finite(k_got));
        QVERIFY2(test::max_rel_error(k_got, k_want) < test::gpu_bound::kRope, "k");
        for (int p = 0; p < cache_rows; ++p)  // every other cache row keeps its poison
            if (!written[size_t(p)])
                for (int i = 0; i < kvd; ++i)
                    if (kc[size_t(p) * kvd + i] != 0xFFFF || vc[size_t(p) * kvd + i] != 0xFFFF)
                        QFAIL(qPrintable(QString("cache row %1 written").arg(p)));
    }

    // silu_mul on strided rows (a fused [gate|up] projection, or two separate matrices): the reference,
    // and the same bits as silu_mul on contiguous copies.
    void silu_mul_rows_matches_reference() {
        REQUIRE_DEVICE();
        for (int rows : {1, 3, 17})
            for (int n : {1, 1000, 4099})
                for (bool fused : {true, false}) {
                    const size_t total = size_t(rows) * n;
                    const auto g = f16_round(test::random_vector(total, 111 + n, -6.0f, 6.0f));
                    const auto u = f16_round(test::random_vector(total, 112 + n, -2.0f, 2.0f));
                    std::vector<float> in;
                    if (fused) {
                        for (int r = 0; r < rows; ++r) {
                            in.insert(in.end(), g.begin() + size_t(r) * n, g.begin() + size_t(r + 1) * n);
                            in.insert(in.end(), u.begin() + size_t(r) * n, u.begin() + size_t(r + 1) * n);
                        }
                    } else {
                        in = g;
                        in.insert(in.end(), u.begin(), u.end());
                    }
                    DevBuf<uint16_t> din(to_f16(in)), dout(total), dg(to_f16(g)), du(to_f16(u)), dplain(total);
                    const __half* up = fused ? din.h() + n : din.h() + total;
                    CUDA_OK(cuda::silu_mul_rows(din.h(), up, fused ? 2 * n : n, dout.h(), rows, n));
                    CUDA_OK(cuda::silu_mul(dg.h(), du.h(), dplain.h(), (long long)total));
                    CUDA_OK(cudaDeviceSynchronize());
                    auto ref = g;
                    silu_mul(ref.data(), u.data(), int64_t(total));
                    const auto y = from_f16(dout.get());
                    const QString what = QString("rows %1 n %2 %3").arg(rows).arg(n).arg(fused ? "fused" : "separate");
                    QVERIFY2(all_finite(y), qPrintable(what));
                    QVERIFY2(test::max_rel_error(y, ref) < test::gpu_bound::kSiluMul, qPrintable(what));
                    QVERIFY2(dout.get() == dplain.get(), qPrintable(what + ": not silu_mul's bits"));
                }
    }

    void silu_mul_and_residual_match_reference() {
        REQUIRE_DEVICE();
        for (int n : {1, 1000, 100003}) {
            const auto g = f16_round(test::random_vector(size_t(n), 41 + n, -6.0f, 6.0f));
            const auto u = f16_round(test::random_vector(size_t(n), 42 + n, -2.0f, 2.0f));
            DevBuf<uint16_t> dg(to_f16(g)), du(to_f16(u)), dout(static_cast<size_t>(n));
            CUDA_OK(cuda::silu_mul(dg.h(), du.h(), dout.h(), n));
            CUDA_OK(cuda::residual_add(dg.h(), du.h(), n));
            CUDA_OK(cudaDeviceSynchronize());
            auto ref = g;
            silu_mul(ref.data(), u.data(), n);
            const auto y = from_f16(dout.get());
            QVERIFY(all_finite(y));
            QVERIFY(test::max_rel_error(y, ref) < test::gpu_bound::kSiluMul);
            std::vector<float> sum(static_cast<size_t>(n));
            for (int i = 0; i < n; ++i) sum[size_t(i)] = g[size_t(i)] + u[size_t(i)];
            QVERIFY(test::max_rel_error(from_f16(dg.get()), sum) < test::gpu_bound::kResidualAdd);
        }
    }

    void embedding_copies_rows() {
        REQUIRE_DEVICE();
        const int vocab = 300, dim = 1000;
        const auto table = to_f16(test::random_vector(size_t(vocab) * dim, 51));
        const std::vector<int> ids = {7, 0, 299, 7, 123, 300};  // the last one is out of range
        DevBuf<uint16_t> dt(table), dout(ids.size() * dim);
        DevBuf<int> dids(ids);
        CUDA_OK(cuda::embedding(dids.p, int(ids.size()), dt.h(), vocab, dim, dout.h()));
        CUDA_OK(cudaDeviceSynchronize());
        const auto out = dout.get();
        for (size_t t = 0; t + 1 < ids.size(); ++t)
            QVERIFY(std::memcmp(&out[t * dim], &table[size_t(ids[t]) * dim], dim * 2) == 0);
        for (int i = 0; i < dim; ++i) QVERIFY(std::isnan(f16_to_f32(out[(ids.size() - 1) * dim + i])));
    }

    void attention_matches_reference_data() {
        QTest::addColumn<int>("n_new");
        QTest::addColumn<int>("past");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kv_heads");
        QTest::addColumn<int>("head_dim");
        QTest::newRow("decode, empty cache") << 1 << 0 << 8 << 2 << 64;
        QTest::newRow("decode, past 37") << 1 << 37 << 8 << 2 << 64;
        QTest::newRow("decode, past 517, hd 128") << 1 << 517 << 4 << 4 << 128;
        QTest::newRow("decode, past 2047, hd 128") << 1 << 2047 << 8 << 8 << 128;
        QTest::newRow("3 rows after 700, hd 80") << 3 << 700 << 6 << 2 << 80;
        QTest::newRow("prefill 17") << 17 << 0 << 6 << 3 << 80;
        QTest::newRow("prefill 5 after 118") << 5 << 118 << 8 << 1 << 128;
        QTest::newRow("prefill 118") << 118 << 0 << 4 << 2 << 32;
    }
    void attention_matches_reference() {
        REQUIRE_DEVICE();
        QFETCH(int, n_new);
        QFETCH(int, past);
        QFETCH(int, heads);
        QFETCH(int, kv_heads);
        QFETCH(int, head_dim);
        const int total = past + n_new, qd = heads * head_dim, kvd = kv_heads * head_dim;
        const auto q = f16_round(test::random_vector(size_t(n_new) * qd, 61 + total, -2.0f, 2.0f));
        const auto k = f16_round(test::random_vector(size_t(total) * kvd, 62 + total, -2.0f, 2.0f));
        const auto v = f16_round(test::random_vector(size_t(total) * kvd, 63 + total));
        DevBuf<uint16_t> dq(to_f16(q)), dk(to_f16(k)), dv(to_f16(v)), dout(q.size());
        CUDA_OK(cuda::causal_attention(dq.h(), dk.h(), dv.h(), dout.h(), n_new, past, heads, kv_heads, head_dim));
        DevBuf<int> dpast(std::vector<int>{past});
        DevBuf<uint16_t> dout_dev(q.size());
        CUDA_OK(cuda::causal_attention_device_past(dq.h(), dk.h(), dv.h(), dout_dev.h(), n_new, dpast.p, heads, kv_heads,
                                                   head_dim));
        CUDA_OK(cudaDeviceSynchronize());
        std::vector<float> ref(q.size());
        causal_attention_ref(q.data(), k.data(), v.data(), n_new, past, heads, kv_heads, head_dim, ref.data());
        const auto y = from_f16(dout.get());
        QVERIFY(all_finite(y));
        const double err = test::max_rel_error(y, ref);
        QVERIFY2(err < test::gpu_bound::kAttention, qPrintable(QString("relative error %1").arg(err)));
        QVERIFY2(dout_dev.get() == dout.get(), "the device-past launch differs from the host-past one");
        // Split-K: 1 split (one block walks everything), more splits than keys (empty ranges), and many.
        for (const int splits : {1, 3, 32}) {
            DevBuf<float> work(cuda::attention_split_workspace_floats(n_new, heads, head_dim, splits));
            DevBuf<uint16_t> dout_split(q.size());
            CUDA_OK(cuda::causal_attention_split(dq.h(), dk.h(), dv.h(), dout_split.h(), n_new, dpast.p, heads, kv_heads,
                                                 head_dim, splits, work.p));
            CUDA_OK(cudaDeviceSynchronize());
            const auto ys = from_f16(dout_split.get());
            QVERIFY2(all_finite(ys), qPrintable(QString("split %1: unwritten or non-finite outputs").arg(splits)));
            const double e = test::max_rel_error(ys, ref);
            QVERIFY2(e < test::gpu_bound::kAttention, qPrintable(QString("split %1: relative error %2").arg(splits).arg(e)));
        }
    }

    // One CUDA graph holding a device-past attention launch, captured once, replayed at several pasts
    // (written to device memory between replays): each replay matches the reference for its past, so
    // the launch does not depend on the past (what the model runner's decode graph needs).
    void attention_graph_replays_at_any_past_data() {
        QTest::addColumn<bool>("split");
        QTest::newRow("one block per head") << false;
        QTest::newRow("split-K, 16 splits") << true;
    }
    void attention_graph_replays_at_any_past() {
        REQUIRE_DEVICE();
        const int heads = 8, kv_heads = 2, head_dim = 128, rows = 700, qd = heads * head_dim, kvd = kv_heads * head_dim;
        const auto q = f16_round(test::random_vector(size_t(qd), 121, -2.0f, 2.0f));
        const auto k = f16_round(test::random_vector(size_t(rows) * kvd, 122, -2.0f, 2.0f));
        const auto v = f16_round(test::random_vector(size_t(rows) * kvd, 123));
        DevBuf<uint16_t> dq(to_f16(q)), dk(to_f16(k)), dv(to_f16(v)), dout(q.size());
        DevBuf<int> dpast(std::vector<int>{3});
        cudaStream_t s = nullptr;
        CUDA_OK(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
        cudaGraph_t graph = nullptr;
        cudaGraphExec_t exec = nullptr;
        QFETCH(bool, split);
        DevBuf<float> work(cuda::attention_split_workspace_floats(1, heads, head_dim, 16));  // not while capturing
        CUDA_OK(cudaStreamBeginCapture(s, cudaStreamCaptureModeThreadLocal));
        const cudaError_t launch =
            split ? cuda::causal_attention_split(dq.h(), dk.h(), dv.h(), dout.h(), 1, dpast.p, heads, kv_heads, head_dim,
                                                 16, work.p, s)
                  : cuda::causal_attention_device_past(dq.h(), dk.h(), dv.h(), dout.h(), 1, dpast.p, heads, kv_heads,
                                                       head_dim, s);
        CUDA_OK(cudaStreamEndCapture(s, &graph));
        CUDA_OK(launch);
        CUDA_OK(cudaGraphInstantiate(&exec, graph, 0));
        for (const int past : {0, 37, 699, 5, 517}) {
            CUDA_OK(cudaMemcpyAsync(dpast.p, &past, sizeof past, cudaMemcpyHostToDevice, s));
            CUDA_OK(cudaMemsetAsync(dout.p, 0xFF, q.size() * 2, s));
            CUDA_OK(cudaGraphLaunch(exec, s));
            CUDA_OK(cudaStreamSynchronize(s));
            std::vector<float> ref(q.size());
            causal_attention_ref(q.data(), k.data(), v.data(), 1, past, heads, kv_heads, head_dim, ref.data());
            const auto y = from_f16(dout.get());
            QVERIFY(all_finite(y));
            const double err = test::max_rel_error(y, ref);
            QVERIFY2(err < test::gpu_bound::kAttention, qPrintable(QString("past %1: relative error %2").arg(past).arg(err)));
        }
        cudaGraphExecDestroy(exec);
        cudaGraphDestroy(graph);
        cudaStreamDestroy(s);
    }
};

QTEST_APPLESS_MAIN(TestGpuKernels)
#include "test_gpu_kernels.moc"
