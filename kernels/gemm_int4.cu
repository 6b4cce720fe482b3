// gemm_int4: INT4 x FP16 matrix-matrix product for prefill, y[m][n] = x[m][k] . W[n][k]^T, on tensor cores.
//
// Layout (awq/gpu/int4_layout.hpp): qweight [n][k/8] uint32 (field f of a word holds k-offset
// {0,2,4,6,1,3,5,7}[f]), scales / zeros fp16 [n][k/group]; x [m][k] fp16 row-major.
//
// Design (a first, simple tensor-core kernel; see "tuning" below):
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
// Tuning left for a GPU session: 128x128 tiles, ldmatrix, dequantising straight into B fragments with an
// offline fragment-order shuffle (Marlin style), 3-4 pipeline stages, split-k for small m x n.
//
// Test: tests/gpu/test_gpu_kernels.cpp (ctest -L gpu). Bench: awq_kernel_bench (kernels/bench/).
#include "gemm_int4.cuh"
#include "gemv_int4.cuh"
#include "int4_dequant.cuh"

namespace awq::cuda {

namespace {

constexpr int BM = 64, BN = 64, BK = 32, PAD = 8, kThreads = 128;
constexpr int LDS = BK + PAD;  // smem row stride in halves

__device__ __forceinline__ uint32_t smem_addr(const void* p) {
    return static_cast<uint32_t>(__cvta_generic_to_shared(p));
}

// 16-byte async copy; src_bytes = 0 zero-fills the destination (rows past the matrix).
__device__ __forceinline__ void cp_async16(void* dst, const void* src, int src_bytes) {
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(smem_addr(dst)), "l"(src), "r"(src_bytes));
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N>
__device__ __forceinline__ void cp_async_wait() { asm volatile("cp.async.wait_group %0;\n" ::"n"(N)); }

__device__ __forceinline__ void mma_16816(float (&c)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

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
        const __half2 z = detail::zero_1024(__ldg(w.zeros + size_t(n) * groups + g));
        __half2 h[4];
        detail::dequant8(sm.bq[stage][row][word], z, s, h);
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

}  // namespace

cudaError_t gemm_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    AWQ_CUDA_CHECK(check_int4_weights(w));
    if (!x || !y || m < 1 || reinterpret_cast<uintptr_t>(x) % 16 != 0) return cudaErrorInvalidValue;
    const dim3 grid((w.n + BN - 1) / BN, (m + BM - 1) / BM);
    if (grid.y > 65535u) return cudaErrorInvalidValue;
    gemm_int4_kernel<<<grid, kThreads, 0, stream>>>(x, m, w, y);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t int4_linear(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    return m <= kGemvMaxM ? gemv_int4(x, m, w, y, stream) : gemm_int4(x, m, w, y, stream);
}

}  // namespace awq::cuda
