// gemv_int4: INT4 x FP16 matrix-vector product for decode, y[m][n] = x[m][k] . W[n][k]^T, m = 1..8.
//
// Layout (awq/gpu/int4_layout.hpp): qweight [n][k/8] uint32, eight k-consecutive codes per word in the
// field order {0,2,4,6,1,3,5,7}; scales / zeros fp16 [n][k/group].
//
// Design: decode is bound by reading the weights once (k*n/2 bytes; x and y are tiny), so everything
// serves a full-width stream of 128-bit weight loads.
//   * A warp owns kRows = 2 output rows; lane l reads 16-byte chunks l, l+32, ... of each row (32 codes
//     per chunk), so a warp's loads are 512 contiguous bytes per row: fully coalesced. Loads use
//     __ldcs (evict-first): the weights are used once and should not push x out of L1.
//   * Dequantisation is fused: one LOP3 + HSUB2 + HMUL2 per pair of codes (int4_dequant.cuh), the group's
//     scale and zero are two 2-byte loads per chunk (a chunk of 32 never straddles a group: g % 32 == 0).
//   * x (M rows) is read through the read-only cache, 4 x 128-bit per chunk and row of x, and reused for
//     the warp's 2 weight rows. Products and sums are fp32 (weights and x converted from half2).
//   * Each lane accumulates M x kRows partial sums; a butterfly shuffle reduces them and lane 0 writes.
//   * M is a template parameter (1..8) so accumulators stay in registers.
// Block = 4 warps = 8 rows; grid = ceil(n / 8) blocks, enough to fill every SM at n >= 4096.
//
// Test: tests/gpu/test_gpu_kernels.cpp (ctest -L gpu). Bench: awq_kernel_bench (kernels/bench/).
#include "gemv_int4.cuh"
#include "int4_dequant.cuh"

namespace awq::cuda {

namespace {

constexpr int kRows = 2;   // output rows per warp
constexpr int kWarps = 4;  // warps per block

template <int M>
__global__ void __launch_bounds__(kWarps * 32) gemv_int4_kernel(const __half* __restrict__ x, Int4Weights w,
                                                                __half* __restrict__ y) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int row0 = (blockIdx.x * kWarps + warp) * kRows;
    if (row0 >= w.n) return;
    const int chunks = w.k / 32, groups = w.k / w.group, chunks_per_group = w.group / 32;
    int rows[kRows];
#pragma unroll
    for (int r = 0; r < kRows; ++r) rows[r] = min(row0 + r, w.n - 1);  // duplicates are computed, not written

    float acc[M][kRows];
#pragma unroll
    for (int i = 0; i < M; ++i)
#pragma unroll
        for (int r = 0; r < kRows; ++r) acc[i][r] = 0.0f;

    for (int c = lane; c < chunks; c += 32) {
        uint4 q[kRows];
#pragma unroll
        for (int r = 0; r < kRows; ++r)
            q[r] = __ldcs(reinterpret_cast<const uint4*>(w.qweight + size_t(rows[r]) * (w.k / 8)) + c);
        float2 wf[kRows][16];
        const int g = c / chunks_per_group;
#pragma unroll
        for (int r = 0; r < kRows; ++r) {
            const __half2 s = __half2half2(__ldg(w.scales + size_t(rows[r]) * groups + g));
            const __half2 z = detail::zero_1024(__ldg(w.zeros + size_t(rows[r]) * groups + g));
            const uint32_t words[4] = {q[r].x, q[r].y, q[r].z, q[r].w};
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                __half2 h[4];
                detail::dequant8(words[j], z, s, h);
#pragma unroll
                for (int f = 0; f < 4; ++f) wf[r][4 * j + f] = __half22float2(h[f]);
            }
        }
#pragma unroll
        for (int i = 0; i < M; ++i) {
            const uint4* xp = reinterpret_cast<const uint4*>(x + size_t(i) * w.k) + 4 * c;
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                const uint4 xv = __ldg(xp + j);
                const __half2* xh = reinterpret_cast<const __half2*>(&xv);
#pragma unroll
                for (int f = 0; f < 4; ++f) {
                    const float2 xf = __half22float2(xh[f]);
#pragma unroll
                    for (int r = 0; r < kRows; ++r)
                        acc[i][r] = fmaf(wf[r][4 * j + f].x, xf.x, fmaf(wf[r][4 * j + f].y, xf.y, acc[i][r]));
                }
            }
        }
    }
#pragma unroll
    for (int i = 0; i < M; ++i)
#pragma unroll
        for (int r = 0; r < kRows; ++r) {
            float v = acc[i][r];
#pragma unroll
            for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
            if (lane == 0 && row0 + r < w.n) y[size_t(i) * w.n + row0 + r] = __float2half(v);
        }
}

template <int M>
cudaError_t launch(const __half* x, const Int4Weights& w, __half* y, cudaStream_t stream) {
    const int rows_per_block = kWarps * kRows;
    gemv_int4_kernel<M><<<(w.n + rows_per_block - 1) / rows_per_block, kWarps * 32, 0, stream>>>(x, w, y);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace

cudaError_t gemv_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    AWQ_CUDA_CHECK(check_int4_weights(w));
    if (!x || !y || m < 1 || m > kGemvMaxM || reinterpret_cast<uintptr_t>(x) % 16 != 0) return cudaErrorInvalidValue;
    switch (m) {
        case 1: return launch<1>(x, w, y, stream);
        case 2: return launch<2>(x, w, y, stream);
        case 3: return launch<3>(x, w, y, stream);
        case 4: return launch<4>(x, w, y, stream);
        case 5: return launch<5>(x, w, y, stream);
        case 6: return launch<6>(x, w, y, stream);
        case 7: return launch<7>(x, w, y, stream);
        default: return launch<8>(x, w, y, stream);
    }
}

}  // namespace awq::cuda
