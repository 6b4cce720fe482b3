// SPDX-License-Identifier: MIT
// gemv_int4: INT4 x FP16 matrix-vector product for decode, y[m][n] = x[m][k] . W[n][k]^T, m = 1..64.
//
// Four versions (GemvAlgo); awq_kernel_bench --algos times them against cuBLAS:
//   Simt (m <= 8): fp32 FMAs on CUDA cores, described first below.
//   TensorCore (m <= 64): the dequantised weights go through mma.sync m16n8k16 as B, described before its kernel.
//   TensorCoreW (m <= 8): the weights as the mma's A operand (16 rows per mma), described before its kernel.
//   Pipelined (m <= 8): TensorCoreW's math on weights streamed through shared memory by cp.async
//                       (gemv_int4_pipe.cu).
//
// Layout (awq/int4/int4_layout.hpp): qweight [n][k/8] uint32, eight k-consecutive codes per word in the
// field order {0,2,4,6,1,3,5,7}; scales / zeros fp16 [n][k/group].
//
// Design: decode is bound by reading the weights once (k*n/2 bytes; x and y are tiny), so everything
// serves a full-width stream of 128-bit weight loads.
//   * A warp owns kRows = 2 output rows; lane l reads 16-byte chunks l, l+32, ... of each row (32 codes
//     per chunk), so a warp's loads are 512 contiguous bytes per row: fully coalesced; kSimtUnroll rounds
//     of loads are issued before the first is used (latency hiding). Loads use __ldcs (evict-first): the
//     weights are used once and should not push x out of L1.
//   * Dequantisation is fused and the scale factored out: a chunk of 32 never straddles a group
//     (g % 32 == 0), so its sum is s * sum((q - z) x). q - z comes exact from one LOP3 + HSUB2/HFMA2 per
//     pair (int4_dequant.cuh dequant_diff8), is converted to fp32 and multiplied with x in fp32 (two
//     chains per sum); s multiplies the chunk's sum once. The group's scale and zero are two 2-byte loads
//     per chunk. (This is ~20 % fewer instructions than dequantising each weight to fp16 first, and
//     rounds less.)
//   * x (M rows) is read through the read-only cache, 4 x 128-bit per chunk and row of x, and reused for
//     the warp's 2 weight rows.
//   * Each lane accumulates M x kRows partial sums; a butterfly shuffle reduces them and lane 0 writes.
//   * M is a template parameter (1..8) so accumulators stay in registers.
// Block = 4 warps = 8 rows; grid = ceil(n / 8) blocks, enough to fill every SM at n >= 4096.
//
// Test: tests/gpu/test_gpu_kernels.cpp (ctest -L gpu). Bench: awq_kernel_bench (kernels/bench/).
#include "gemv_int4.cuh"
#include "gemv_int4_pipe.cuh"
#include "int4_dequant.cuh"
#include "tensor_core.cuh"

namespace awq::cuda {

namespace {

constexpr int kRows = 2;   // output rows per warp
constexpr int kWarps = 4;  // warps per block

// kSimtUnroll: chunk rounds whose loads are in flight together. 2: measured on an H100 against 4, which was
// 5-15 % slower at m = 1 (more registers, fewer resident warps; docs/benchmarks.md).
constexpr int kSimtUnroll = 2;

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

    for (int c0 = lane; c0 < chunks; c0 += 32 * kSimtUnroll) {
        uint4 qs[kSimtUnroll][kRows];  // all loads of the round issued before any use
#pragma unroll
        for (int u = 0; u < kSimtUnroll; ++u)
#pragma unroll
            for (int r = 0; r < kRows; ++r)
                qs[u][r] = c0 + 32 * u < chunks
                               ? __ldcs(reinterpret_cast<const uint4*>(w.qweight + size_t(rows[r]) * (w.k / 8)) + c0 + 32 * u)
                               : make_uint4(0, 0, 0, 0);
#pragma unroll
      for (int u = 0; u < kSimtUnroll; ++u) {
        const int c = c0 + 32 * u;
        if (c >= chunks) break;
        const uint4* q = qs[u];
        // Word-major: each word's 8 codes per row are dequantised once and used for every row of x at
        // once, so only one word's worth of weights is live in registers (occupancy).
        float sc[kRows];
        __half2 z1024[kRows], zneg64[kRows];
        const int g = c / chunks_per_group;
#pragma unroll
        for (int r = 0; r < kRows; ++r) {
            sc[r] = __half2float(__ldg(w.scales + size_t(rows[r]) * groups + g));
            const __half zh = __ldg(w.zeros + size_t(rows[r]) * groups + g);
            z1024[r] = detail::zero_1024(zh);
            zneg64[r] = detail::neg_zero_64(zh);
        }
        float cs[M][kRows][2] = {};  // this chunk's sums of (q - z) x, two chains; the scale is applied once
#pragma unroll
        for (int j = 0; j < 4; ++j) {
            float2 wd[kRows][4];  // q - z of word j, exact
#pragma unroll
            for (int r = 0; r < kRows; ++r) {
                const uint32_t word = j == 0 ? q[r].x : j == 1 ? q[r].y : j == 2 ? q[r].z : q[r].w;
                __half2 h[4];
                detail::dequant_diff8(word, z1024[r], zneg64[r], h);
#pragma unroll
                for (int f = 0; f < 4; ++f) wd[r][f] = __half22float2(h[f]);
            }
#pragma unroll
            for (int i = 0; i < M; ++i) {
                const uint4 xv = __ldg(reinterpret_cast<const uint4*>(x + size_t(i) * w.k) + 4 * c + j);
                const __half2* xh = reinterpret_cast<const __half2*>(&xv);
#pragma unroll
                for (int f = 0; f < 4; ++f) {
                    const float2 xf = __half22float2(xh[f]);
#pragma unroll
                    for (int r = 0; r < kRows; ++r)
                        cs[i][r][f & 1] = fmaf(wd[r][f].x, xf.x, fmaf(wd[r][f].y, xf.y, cs[i][r][f & 1]));
                }
            }
        }
#pragma unroll
        for (int i = 0; i < M; ++i)
#pragma unroll
            for (int r = 0; r < kRows; ++r) acc[i][r] = fmaf(sc[r], cs[i][r][0] + cs[i][r][1], acc[i][r]);
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
cudaError_t launch_simt(const __half* x, const Int4Weights& w, __half* y, cudaStream_t stream) {
    const int rows_per_block = kWarps * kRows;
    gemv_int4_kernel<M><<<(w.n + rows_per_block - 1) / rows_per_block, kWarps * 32, 0, stream>>>(x, w, y);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t gemv_simt(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    switch (m) {
        case 1: return launch_simt<1>(x, w, y, stream);
        case 2: return launch_simt<2>(x, w, y, stream);
        case 3: return launch_simt<3>(x, w, y, stream);
        case 4: return launch_simt<4>(x, w, y, stream);
        case 5: return launch_simt<5>(x, w, y, stream);
        case 6: return launch_simt<6>(x, w, y, stream);
        case 7: return launch_simt<7>(x, w, y, stream);
        default: return launch_simt<8>(x, w, y, stream);
    }
}

// ---- TensorCore version: mma.sync m16n8k16 with the weights as the B operand, m <= 64 ----
//
// Why: the Simt version spends ~130 instructions per 16 weight bytes (dequantise, convert to fp32, FMA),
// which is as long as the H100 takes to stream those bytes; the tensor cores do the multiply-adds, so a
// lane only dequantises (one shift + LOP3 + HSUB2 + HMUL2 per pair) and every extra row of x up to 16 is
// free (up to 64 in m16 tiles, for short prefills and speculative decoding).
//   * A block owns 8 output rows (the mma's n = 8) and 4 warps split k between them. Lane (gid, tig) loads
//     16-byte chunks of weight row gid: chunk c = base + 4u + tig, u < kUnroll, so a warp reads 4 * kUnroll
//     consecutive chunks (64 * kUnroll contiguous bytes) of each of its 8 rows and keeps kUnroll loads in
//     flight per lane before it computes (evict-first loads: the weights are read once).
//   * The reduction over k does not care in which order k arrives, so each lane feeds the mma its own 32
//     codes: at step (word i, half h) the fragment's k positions {2tig, 2tig+1} and {2tig+8, 2tig+9} stand
//     for the lane's k = 32c + 8i + 4h + {0, 1} and + {2, 3}. B is then pair 2h of word i (dequant8) and
//     (word i, 2h + 1); A must follow the same map, which is simply the lane's own x[row][32c + 8i + 4h ..]
//     (the low or high half of one 16-byte load of x). Rows of x past m and chunks past k are zeros in A,
//     so whatever B holds there (finite: codes 0 with a real scale) adds nothing.
//   * The 4 warps' fp32 accumulators (C fragments) are summed through shared memory; fp16 output.
// Grid = ceil(n / 8) blocks of 128 threads: 512 blocks at n = 4096, ~4 per SM on an H100.
constexpr int kTcWarps = 4;
constexpr int kTcUnroll = 4;  // chunk loads in flight per lane

__device__ __forceinline__ uint4 load_x_chunk(const __half* x, int m, int k, int row, int chunk, bool valid, int i) {
    if (!valid || row >= m) return make_uint4(0, 0, 0, 0);
    return __ldg(reinterpret_cast<const uint4*>(x + size_t(row) * k + size_t(chunk) * 32) + i);
}

// MT m16 tiles of x (m <= 16 MT); kUpper = false when m <= 8: rows gid + 8 of A are all zero, not loaded.
template <int MT, bool kUpper>
__global__ void __launch_bounds__(kTcWarps * 32) gemv_int4_tc_kernel(const __half* __restrict__ x, int m,
                                                                     Int4Weights w, __half* __restrict__ y) {
    __shared__ float partial[kTcWarps][MT * 16][8];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, gid = lane >> 2, tig = lane & 3;
    const int row0 = blockIdx.x * 8;
    const int row = min(row0 + gid, w.n - 1);  // duplicates past n are computed, not written
    const int chunks = w.k / 32, groups = w.k / w.group, chunks_per_group = w.group / 32;
    const uint4* wrow = reinterpret_cast<const uint4*>(w.qweight + size_t(row) * (w.k / 8));
    const __half* srow = w.scales + size_t(row) * groups;
    const __half* zrow = w.zeros + size_t(row) * groups;

    // One accumulator set per unrolled chunk: kTcUnroll independent mma chains instead of one long one
    // (an mma waits for the previous mma on the same accumulators).
    float acc[kTcUnroll][MT][4];
#pragma unroll
    for (int u = 0; u < kTcUnroll; ++u)
#pragma unroll
        for (int t = 0; t < MT; ++t) acc[u][t][0] = acc[u][t][1] = acc[u][t][2] = acc[u][t][3] = 0.0f;

    constexpr int kBlockChunks = kTcWarps * kTcUnroll * 4;  // chunks of a row per block round
    for (int base = warp * kTcUnroll * 4; base < chunks; base += kBlockChunks) {  // warp-uniform
        uint4 q[kTcUnroll];
#pragma unroll
        for (int u = 0; u < kTcUnroll; ++u) {
            const int c = base + 4 * u + tig;
            q[u] = c < chunks ? __ldcs(wrow + c) : make_uint4(0, 0, 0, 0);
        }
#pragma unroll
        for (int u = 0; u < kTcUnroll; ++u) {
            const int c = base + 4 * u + tig;
            const bool valid = c < chunks;
            const int g = (valid ? c : chunks - 1) / chunks_per_group;
            const __half2 s = __half2half2(__ldg(srow + g));
            const __half zh = __ldg(zrow + g);
            const __half2 z1024 = detail::zero_1024(zh), zneg64 = detail::neg_zero_64(zh);
            const uint32_t words[4] = {q[u].x, q[u].y, q[u].z, q[u].w};
            uint32_t b[4][2][2];  // [word][low / high half of the word][b0, b1], reused by every m16 tile
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                __half2 h[4];
                detail::dequant8(words[i], z1024, zneg64, s, h);
#pragma unroll
                for (int p = 0; p < 4; ++p) b[i][p >> 1][p & 1] = detail::as_u32(h[p]);
            }
#pragma unroll
            for (int t = 0; t < MT; ++t) {
                uint4 xa[4], xb[4];
#pragma unroll
                for (int i = 0; i < 4; ++i) {
                    xa[i] = load_x_chunk(x, m, w.k, 16 * t + gid, c, valid, i);
                    xb[i] = kUpper ? load_x_chunk(x, m, w.k, 16 * t + gid + 8, c, valid, i) : make_uint4(0, 0, 0, 0);
                }
#pragma unroll
                for (int i = 0; i < 4; ++i) {
                    const uint32_t a_lo[4] = {xa[i].x, xb[i].x, xa[i].y, xb[i].y};
                    const uint32_t a_hi[4] = {xa[i].z, xb[i].z, xa[i].w, xb[i].w};
                    detail::mma_16816(acc[u][t], a_lo, b[i][0]);
                    detail::mma_16816(acc[u][t], a_hi, b[i][1]);
                }
            }
        }
    }
#pragma unroll
    for (int t = 0; t < MT; ++t) {
        float sum[4];
#pragma unroll
        for (int e = 0; e < 4; ++e) {
            sum[e] = 0.0f;
#pragma unroll
            for (int u = 0; u < kTcUnroll; ++u) sum[e] += acc[u][t][e];
        }
        partial[warp][16 * t + gid][2 * tig] = sum[0];
        partial[warp][16 * t + gid][2 * tig + 1] = sum[1];
        partial[warp][16 * t + gid + 8][2 * tig] = sum[2];
        partial[warp][16 * t + gid + 8][2 * tig + 1] = sum[3];
    }
    __syncthreads();
    for (int idx = threadIdx.x; idx < MT * 16 * 8; idx += kTcWarps * 32) {
        const int r = idx >> 3, col = idx & 7;
        if (r >= m || row0 + col >= w.n) continue;
        float v = 0.0f;
#pragma unroll
        for (int wp = 0; wp < kTcWarps; ++wp) v += partial[wp][r][col];
        y[size_t(r) * w.n + row0 + col] = __float2half(v);
    }
}

template <int MT, bool kUpper = true>
cudaError_t launch_tc(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    gemv_int4_tc_kernel<MT, kUpper><<<(w.n + 7) / 8, kTcWarps * 32, 0, stream>>>(x, m, w, y);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t gemv_tc(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    if (m <= 8) return launch_tc<1, false>(x, m, w, y, stream);
    if (m <= 16) return launch_tc<1>(x, m, w, y, stream);
    if (m <= 32) return launch_tc<2>(x, m, w, y, stream);
    if (m <= 48) return launch_tc<3>(x, m, w, y, stream);
    return launch_tc<4>(x, m, w, y, stream);
}

// ---- TensorCoreW version: the weights as the A operand, m <= 8 ----
// The same k-permutation trick with the roles swapped: A (16 x 16) holds 16 weight rows, B (16 x 8) holds
// x^T (up to 8 tokens). Half as many mma per weight as TensorCore, and a lane carries 2 weight rows
// (gid, gid + 8) so it keeps 2 * kTcUnroll 16-byte loads in flight; x is only the B fragment (lanes with
// gid < m load their token's 32 k, the rest are zeros).
//   a0 = W[row gid][pair 2h of word i]  a1 = W[row gid + 8][pair 2h]  a2, a3 = the same rows, pair 2h + 1
//   b0 = x[token gid][32c + 8i + 4h + {0, 1}]                        b1 = x[token gid][... + {2, 3}]
//   c0, c1 = y[tokens 2tig, 2tig + 1][row gid]    c2, c3 = y[tokens 2tig, 2tig + 1][row gid + 8]
// Block = 4 warps splitting k for 16 rows; grid = ceil(n / 16).
__global__ void __launch_bounds__(kTcWarps * 32) gemv_int4_tcw_kernel(const __half* __restrict__ x, int m,
                                                                      Int4Weights w, __half* __restrict__ y) {
    __shared__ float partial[kTcWarps][16][8];  // [warp][row][token]
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, gid = lane >> 2, tig = lane & 3;
    const int row0 = blockIdx.x * 16;
    const int rows[2] = {min(row0 + gid, w.n - 1), min(row0 + gid + 8, w.n - 1)};
    const int chunks = w.k / 32, groups = w.k / w.group, chunks_per_group = w.group / 32;

    float acc[kTcUnroll][4];
#pragma unroll
    for (int u = 0; u < kTcUnroll; ++u) acc[u][0] = acc[u][1] = acc[u][2] = acc[u][3] = 0.0f;

    constexpr int kBlockChunks = kTcWarps * kTcUnroll * 4;
    for (int base = warp * kTcUnroll * 4; base < chunks; base += kBlockChunks) {  // warp-uniform
        uint4 q[kTcUnroll][2];
#pragma unroll
        for (int u = 0; u < kTcUnroll; ++u) {
            const int c = base + 4 * u + tig;
#pragma unroll
            for (int r = 0; r < 2; ++r)
                q[u][r] = c < chunks ? __ldcs(reinterpret_cast<const uint4*>(w.qweight + size_t(rows[r]) * (w.k / 8)) + c)
                                     : make_uint4(0, 0, 0, 0);
        }
#pragma unroll
        for (int u = 0; u < kTcUnroll; ++u) {
            const int c = base + 4 * u + tig;
            const bool valid = c < chunks;
            const int g = (valid ? c : chunks - 1) / chunks_per_group;
            __half2 s[2], z1024[2], zneg64[2];
#pragma unroll
            for (int r = 0; r < 2; ++r) {
                s[r] = __half2half2(__ldg(w.scales + size_t(rows[r]) * groups + g));
                const __half zh = __ldg(w.zeros + size_t(rows[r]) * groups + g);
                z1024[r] = detail::zero_1024(zh);
                zneg64[r] = detail::neg_zero_64(zh);
            }
            const uint32_t lo[4] = {q[u][0].x, q[u][0].y, q[u][0].z, q[u][0].w};
            const uint32_t hi[4] = {q[u][1].x, q[u][1].y, q[u][1].z, q[u][1].w};
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const uint4 xv = load_x_chunk(x, m, w.k, gid, c, valid, i);
                __half2 wl[4], wh[4];  // the word's 4 pairs of rows gid and gid + 8
                detail::dequant8(lo[i], z1024[0], zneg64[0], s[0], wl);
                detail::dequant8(hi[i], z1024[1], zneg64[1], s[1], wh);
#pragma unroll
                for (int h = 0; h < 2; ++h) {
                    const uint32_t a[4] = {detail::as_u32(wl[2 * h]), detail::as_u32(wh[2 * h]),
                                           detail::as_u32(wl[2 * h + 1]), detail::as_u32(wh[2 * h + 1])};
                    const uint32_t b[2] = {h ? xv.z : xv.x, h ? xv.w : xv.y};
                    detail::mma_16816(acc[u], a, b);
                }
            }
        }
    }
    float sum[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#pragma unroll
    for (int u = 0; u < kTcUnroll; ++u)
#pragma unroll
        for (int e = 0; e < 4; ++e) sum[e] += acc[u][e];
    partial[warp][gid][2 * tig] = sum[0];
    partial[warp][gid][2 * tig + 1] = sum[1];
    partial[warp][gid + 8][2 * tig] = sum[2];
    partial[warp][gid + 8][2 * tig + 1] = sum[3];
    __syncthreads();
    const int r = threadIdx.x & 15, token = threadIdx.x >> 4;  // 128 threads = 16 rows x 8 tokens
    if (token < m && row0 + r < w.n) {
        float v = 0.0f;
#pragma unroll
        for (int wp = 0; wp < kTcWarps; ++wp) v += partial[wp][r][token];
        y[size_t(token) * w.n + row0 + r] = __float2half(v);
    }
}

cudaError_t gemv_tcw(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream) {
    gemv_int4_tcw_kernel<<<(w.n + 15) / 16, kTcWarps * 32, 0, stream>>>(x, m, w, y);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace

cudaError_t gemv_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream, GemvAlgo algo,
                      GemvOverlap overlap) {
    AWQ_CUDA_CHECK(check_int4_weights(w));
    if (algo == GemvAlgo::Auto)
        algo = m <= kGemvAutoPipelinedMaxM && detail::gemv_int4_pipelined_fits(m) ? GemvAlgo::Pipelined : GemvAlgo::TensorCore;
    const int max_m = algo == GemvAlgo::TensorCore ? kGemvMaxM : kGemvSimtMaxM;
    if (!x || !y || m < 1 || m > max_m || reinterpret_cast<uintptr_t>(x) % 16 != 0) return cudaErrorInvalidValue;
    switch (algo) {
        case GemvAlgo::Simt: return gemv_simt(x, m, w, y, stream);
        case GemvAlgo::TensorCoreW: return gemv_tcw(x, m, w, y, stream);
        case GemvAlgo::Pipelined: return detail::gemv_int4_pipelined(x, m, w, y, stream, overlap);
        default: return gemv_tc(x, m, w, y, stream);
    }
}

}  // namespace awq::cuda
