// SPDX-License-Identifier: MIT
// gemm_int4: INT4 x FP16 matrix-matrix product for prefill, y[m][n] = x[m][k] . W[n][k]^T, on tensor cores.
//
// Layout (awq/int4/int4_layout.hpp): qweight [n][k/8] uint32 (field f of a word holds k-offset
// {0,2,4,6,1,3,5,7}[f]), scales / zeros fp16 [n][k/group]; x [m][k] fp16 row-major.
//
// Two versions (GemmAlgo). Tile64, the first, simple tensor-core kernel:
//   * Block tile 64 (m) x 64 (n) x 32 (k), 4 warps in a 2 x 2 grid, each warp 32 x 32 = 2 x 4 mma tiles
//     of m16n8k16 (inline PTX mma.sync, fp16 inputs, fp32 accumulators in registers).
//   * cp.async double buffering: while the block computes k-tile t from stage t&1, the 16-byte copies of
//     x tile t+1 (64 rows x 64 B) and of its packed weight tile (64 rows x 16 B: one chunk per output row,
//     4x less than fp16) land in the other stage. Rows past m or n are zero-filled by cp.async (src-size 0),
//     so any m and n work without branches in the main loop.
//   * Fused dequantisation: after the stage arrives, the block expands the packed tile once into an fp16
//     smem tile (one LOP3 + HSUB2 + HMUL2 per pair, int4_dequant.cuh), then every warp reads its
//     B fragments from it. A 32-wide k tile lies in one quantisation group (g % 32 == 0), so each packed
//     word needs one scale and one zero.
//   * Rows of the smem tiles are padded by 8 halves (80-byte stride): the fragment loads (row = lane/4,
//     word = lane%4) hit 32 distinct banks.
//   * Epilogue: fp32 accumulators rounded to fp16, bounds-checked per element.
// This is GemmAlgo::Tile64, kept as the baseline that awq_kernel_bench --algos times; Tile128 below is the
// tuned version.
//
// Test: tests/gpu/test_gpu_kernels.cpp (ctest -L gpu). Bench: awq_kernel_bench (kernels/bench/).
#include "gemm_int4.cuh"
#include "gemv_int4.cuh"
#include "int4_dequant.cuh"
#include "tensor_core.cuh"

namespace awq::cuda {

namespace {

// ---- Tile64 version ----
constexpr int BM = 64, BN = 64, BK = 32, PAD = 8, kThreads = 128;
constexpr int LDS = BK + PAD;  // smem row stride in halves

using detail::cp_async16;
using detail::cp_async_commit;
using detail::cp_async_wait;
using detail::mma_16816;

struct Smem {
    __half a[2][BM][LDS];         // x tiles, two stages
    uint32_t bq[2][BN][BK / 8];   // packed weight tiles, two stages
    __half b[BN][LDS];            // the current weight tile, dequantised
};

__device__ __forceinline__ void load_stage(Smem& sm, int stage, const __half* x, int m, const Int4Weights& w,
                                           int m0, int n0, int kt) {
    const int tid = threadIdx.x;
#pragma unroll
    for (int i = 0; i < 2; ++i) {  // x: 64 rows x 4 chunks of 8 halves
        const int idx = tid + i * kThreads, row = idx >> 2, col = (idx & 3) * 8;
        const bool ok = m0 + row < m;
        const __half* src = x + (ok ? size_t(m0 + row) * w.k + size_t(kt) * BK + col : 0);
        cp_async16(&sm.a[stage][row][col], src, ok ? 16 : 0);
    }
    if (tid < BN) {  // weights: one 16-byte chunk (32 codes) per output row
        const bool ok = n0 + tid < w.n;
        const uint32_t* src = w.qweight + (ok ? size_t(n0 + tid) * (w.k / 8) + size_t(kt) * (BK / 8) : 0);
        cp_async16(&sm.bq[stage][tid][0], src, ok ? 16 : 0);
    }
}

__device__ __forceinline__ void dequant_stage(Smem& sm, int stage, const Int4Weights& w, int n0, int kt) {
    const int groups = w.k / w.group, g = kt * BK / w.group;
#pragma unroll
    for (int i = 0; i < 2; ++i) {  // 64 rows x 4 words
        const int idx = threadIdx.x + i * kThreads, row = idx >> 2, word = idx & 3;
        const int n = min(n0 + row, w.n - 1);  // rows past n hold zero codes; any finite scale will do
        const __half2 s = __half2half2(__ldg(w.scales + size_t(n) * groups + g));
        const __half zh = __ldg(w.zeros + size_t(n) * groups + g);
        __half2 h[4];
        detail::dequant8(sm.bq[stage][row][word], detail::zero_1024(zh), detail::neg_zero_64(zh), s, h);
        uint32_t u[4];
#pragma unroll
        for (int f = 0; f < 4; ++f) u[f] = *reinterpret_cast<const uint32_t*>(&h[f]);
        *reinterpret_cast<uint4*>(&sm.b[row][word * 8]) = make_uint4(u[0], u[1], u[2], u[3]);
    }
}

__global__ void __launch_bounds__(kThreads) gemm_int4_kernel(const __half* __restrict__ x, int m, Int4Weights w,
                                                             __half* __restrict__ y) {
    __shared__ __align__(16) Smem sm;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int wm = (warp >> 1) * 32, wn = (warp & 1) * 32;  // warp tile origin inside the block tile
    const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
    const int gid = lane >> 2, tig = lane & 3;  // mma fragment coordinates
    const int ktiles = w.k / BK;

    float acc[2][4][4] = {};
    load_stage(sm, 0, x, m, w, m0, n0, 0);
    cp_async_commit();
    for (int kt = 0; kt < ktiles; ++kt) {
        const int s = kt & 1;
        if (kt + 1 < ktiles) {
            load_stage(sm, s ^ 1, x, m, w, m0, n0, kt + 1);
            cp_async_commit();
            cp_async_wait<1>();
        } else {
            cp_async_wait<0>();
        }
        __syncthreads();
        dequant_stage(sm, s, w, n0, kt);
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < BK; kk += 16) {
            uint32_t a[2][4], b[4][2];
#pragma unroll
            for (int i = 0; i < 2; ++i) {
                const int r = wm + i * 16 + gid, c = kk + 2 * tig;
                a[i][0] = *reinterpret_cast<const uint32_t*>(&sm.a[s][r][c]);
                a[i][1] = *reinterpret_cast<const uint32_t*>(&sm.a[s][r + 8][c]);
                a[i][2] = *reinterpret_cast<const uint32_t*>(&sm.a[s][r][c + 8]);
                a[i][3] = *reinterpret_cast<const uint32_t*>(&sm.a[s][r + 8][c + 8]);
            }
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                const int nn = wn + j * 8 + gid, c = kk + 2 * tig;
                b[j][0] = *reinterpret_cast<const uint32_t*>(&sm.b[nn][c]);
                b[j][1] = *reinterpret_cast<const uint32_t*>(&sm.b[nn][c + 8]);
            }
#pragma unroll
            for (int i = 0; i < 2; ++i)
#pragma unroll
                for (int j = 0; j < 4; ++j) mma_16816(acc[i][j], a[i], b[j]);
        }
        __syncthreads();  // stage s and the dequantised tile are rewritten next iteration
    }
#pragma unroll
    for (int i = 0; i < 2; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j)
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const int r = m0 + wm + i * 16 + gid + (e >> 1) * 8, c = n0 + wn + j * 8 + 2 * tig + (e & 1);
                if (r < m && c < w.n) y[size_t(r) * w.n + c] = __float2half(acc[i][j][e]);
            }
}

// ---- Tile128 / Tile128K64 versions ----
// Block tile 128 (m) x 128 (n) x BK (k) with BK = 32 or 64 (K64: twice the mma work per barrier and
// 32 contiguous weight bytes per row and tile instead of 16; dynamic shared memory, 90 KB), 8 warps as 2 (m) x 4 (n), warp tile 64 x 32 = 4 x 4 mma tiles
// (64 fp32 accumulators per lane). A kStages-deep cp.async ring (x: 128 rows x 2 BK bytes, weights: 128
// rows x BK / 2 bytes packed per stage) keeps kStages - 1 k-tiles in flight while one is computed; one __syncthreads per
// k-tile. A fragments come from ldmatrix.x4 (rows padded to 80 B: the 8 row addresses of each 8x8 matrix
// fall in distinct bank groups). B fragments are dequantised straight from the packed tile into
// registers: for a k16 step lane (gid, tig) needs k {2tig, 2tig+1} and {2tig+8, 2tig+9} of weight row
// gid, i.e. pair tig of two packed words (tensor_core.cuh dequant_pair), so each lane reads one 16-byte
// row of the packed tile (8 distinct rows per warp, broadcast among the 4 lanes of a row: no conflicts)
// and dequantises 4 pairs for two k16 steps; no dequantised tile goes through shared memory.
// __launch_bounds__(256, 2) caps registers at 128 (ptxas: 8 bytes spilled) so two blocks share an SM; at
// its natural 130 only one fits and 8 warps cannot hide the cp.async latency.
namespace t128 {
constexpr int BM = 128, BN = 128, kStages = 4, kThreads = 256;

// Shared memory of one block, carved from the dynamic allocation: kStages x tiles (x: BM rows of BK
// halves padded by 8; packed weights: BN rows of BK / 32 16-byte chunks).
template <int BK>
struct Layout {
    static constexpr int LDA = BK + 8;  // row stride in halves: 16 B multiple, ldmatrix rows in distinct banks
    static constexpr int kChunks = BK / 32;
    static constexpr size_t a_bytes = size_t(kStages) * BM * LDA * 2;
    static constexpr size_t b_bytes = size_t(kStages) * BN * kChunks * 16;
    static constexpr size_t bytes = a_bytes + b_bytes;
    __device__ static __half* a(char* smem, int stage, int row) { return reinterpret_cast<__half*>(smem) + (size_t(stage) * BM + row) * LDA; }
    __device__ static uint4* b(char* smem, int stage, int row) {
        return reinterpret_cast<uint4*>(smem + a_bytes) + (size_t(stage) * BN + row) * kChunks;
    }
};

template <int BK>
__device__ __forceinline__ void load_stage(char* smem, int stage, const __half* x, int m, const Int4Weights& w,
                                           int m0, int n0, int kt) {
    using L = Layout<BK>;
    const int tid = threadIdx.x;
    constexpr int kXCopies = BM * (BK / 8) / kThreads;  // 16-byte copies of x per thread
#pragma unroll
    for (int i = 0; i < kXCopies; ++i) {
        const int idx = tid + i * kThreads, row = idx / (BK / 8), col = (idx % (BK / 8)) * 8;
        const bool ok = m0 + row < m;
        const __half* src = x + (ok ? size_t(m0 + row) * w.k + size_t(kt) * BK + col : 0);
        cp_async16(L::a(smem, stage, row) + col, src, ok ? 16 : 0);
    }
    if (tid < BN * L::kChunks) {
        const int row = tid / L::kChunks, chunk = tid % L::kChunks;
        const bool ok = n0 + row < w.n;
        const uint32_t* src = w.qweight + (ok ? size_t(n0 + row) * (w.k / 8) + size_t(kt) * (BK / 8) + chunk * 4 : 0);
        cp_async16(L::b(smem, stage, row) + chunk, src, ok ? 16 : 0);
    }
}

template <int BK>
__global__ void __launch_bounds__(kThreads, 2) kernel(const __half* __restrict__ x, int m, Int4Weights w,
                                                      __half* __restrict__ y) {
    using L = Layout<BK>;
    extern __shared__ __align__(16) char smem[];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, gid = lane >> 2, tig = lane & 3;
    const int wm = (warp >> 2) * 64, wn = (warp & 3) * 32;
    const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
    const int ktiles = w.k / BK, groups = w.k / w.group;

    // Scale / zero rows of the lane's 4 weight rows (rows past n read row n - 1: zero codes, finite).
    const __half* srow[4];
    const __half* zrow[4];
#pragma unroll
    for (int j = 0; j < 4; ++j) {
        const int n = min(n0 + wn + 8 * j + gid, w.n - 1);
        srow[j] = w.scales + size_t(n) * groups;
        zrow[j] = w.zeros + size_t(n) * groups;
    }

    float acc[4][4][4];
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j][0] = acc[i][j][1] = acc[i][j][2] = acc[i][j][3] = 0.0f;

#pragma unroll
    for (int st = 0; st < kStages - 1; ++st) {
        if (st < ktiles) load_stage<BK>(smem, st, x, m, w, m0, n0, st);
        cp_async_commit();  // empty groups keep the wait count uniform
    }
    for (int kt = 0; kt < ktiles; ++kt) {
        cp_async_wait<kStages - 2>();  // tile kt has landed (for this thread's copies)
        __syncthreads();               // ... for everyone's, and everyone is done with tile kt - 1
        if (kt + kStages - 1 < ktiles)
            load_stage<BK>(smem, (kt + kStages - 1) % kStages, x, m, w, m0, n0, kt + kStages - 1);
        cp_async_commit();
        const int s = kt % kStages;
#pragma unroll
        for (int ch = 0; ch < L::kChunks; ++ch) {  // one 32-wide k chunk: one quantisation group
            const int g = (kt * BK + 32 * ch) / w.group;
            uint32_t b[4][2][2];  // [n tile][k16 step][b0, b1]
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                const uint4 q = L::b(smem, s, wn + 8 * j + gid)[ch];
                const __half2 sc = __half2half2(__ldg(srow[j] + g));
                const __half2 z = detail::zero_1024(__ldg(zrow[j] + g));
                b[j][0][0] = detail::dequant_pair(q.x, tig, z, sc);
                b[j][0][1] = detail::dequant_pair(q.y, tig, z, sc);
                b[j][1][0] = detail::dequant_pair(q.z, tig, z, sc);
                b[j][1][1] = detail::dequant_pair(q.w, tig, z, sc);
            }
#pragma unroll
            for (int ks = 0; ks < 2; ++ks) {
#pragma unroll
                for (int i = 0; i < 4; ++i) {
                    uint32_t a[4];
                    detail::ldmatrix_x4(a, L::a(smem, s, wm + 16 * i + (lane & 15)) + 32 * ch + 16 * ks + (lane >> 4) * 8);
#pragma unroll
                    for (int j = 0; j < 4; ++j) mma_16816(acc[i][j], a, b[j][ks]);
                }
            }
        }
    }
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j)
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const int r = m0 + wm + 16 * i + gid + (e >> 1) * 8, c = n0 + wn + 8 * j + 2 * tig + (e & 1);
                if (r < m && c < w.n) y[size_t(r) * w.n + c] = __float2half(acc[i][j][e]);
            }
}

// Raises the kernel's dynamic shared-memory limit once (above 48 KB needs the opt-in).
template <int BK>
cudaError_t launch(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    static const cudaError_t configured =
        cudaFuncSetAttribute(kernel<BK>, cudaFuncAttributeMaxDynamicSharedMemorySize, int(Layout<BK>::bytes));
    AWQ_CUDA_CHECK(configured);
    const dim3 grid((w.n + BN - 1) / BN, (m + BM - 1) / BM);
    if (grid.y > 65535u) return cudaErrorInvalidValue;
    kernel<BK><<<grid, kThreads, Layout<BK>::bytes, stream>>>(x, m, w, y);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}
}  // namespace t128

cudaError_t launch_tile64(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    const dim3 grid((w.n + BN - 1) / BN, (m + BM - 1) / BM);
    if (grid.y > 65535u) return cudaErrorInvalidValue;
    gemm_int4_kernel<<<grid, kThreads, 0, stream>>>(x, m, w, y);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace

cudaError_t gemm_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream, GemmAlgo algo) {
    AWQ_CUDA_CHECK(check_int4_weights(w));
    if (!x || !y || m < 1 || reinterpret_cast<uintptr_t>(x) % 16 != 0) return cudaErrorInvalidValue;
    if (algo == GemmAlgo::Auto) algo = GemmAlgo::Tile128K64;
    switch (algo) {
        case GemmAlgo::Tile64: return launch_tile64(x, m, w, y, stream);
        case GemmAlgo::Tile128: return t128::launch<32>(x, m, w, y, stream);
        default: break;
    }
    // Tile128K64 takes any group size (each 32-wide chunk of a tile reads its own group's scale) but
    // needs k % 64 == 0.
    if (w.k % 64 != 0) return t128::launch<32>(x, m, w, y, stream);
    return t128::launch<64>(x, m, w, y, stream);
}

cudaError_t int4_linear(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream,
                        GemvOverlap overlap) {
    return m <= kGemvMaxM ? gemv_int4(x, m, w, y, stream, GemvAlgo::Auto, overlap) : gemm_int4(x, m, w, y, stream);
}

}  // namespace awq::cuda
