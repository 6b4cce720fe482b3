// SPDX-License-Identifier: MIT
// gemv_int4_pipe: the Pipelined version of gemv_int4 (GemvAlgo::Pipelined), y[m][n] = x[m][k] . W[n][k]^T
// for m <= 8: tensor-core math on weights streamed through shared memory. Auto uses it for every m <= 8: the
// fastest version at every shape measured, by a few per cent over Simt at m = 1 and by up to 2.6x at m = 8
// (docs/benchmarks.md).
//
// Why: the Simt version spends ~5 instructions per weight (Nsight Compute's SASS counts at 4096 x 14336:
// dequantise, convert each pair to fp32, FMA), so it is bound by issuing them, and every extra token of x
// costs as much again. Here the tensor cores do the multiply-adds, so a weight costs about one instruction
// and tokens 2..8 come almost free:
//   * A block owns 16 weight rows. Their codes stream through shared memory in stages of 64 chunks (32 codes,
//     16 bytes each; 1 KB) per row, kStages deep: cp.async (LDGSTS: no registers held while the bytes
//     travel) requests stage s + kStages - 1 before stage s is computed. x comes the same way (every thread
//     one 16-byte piece of each token per stage). Each thread's copy addresses are computed once (CopyPlan):
//     recomputing them every stage cost as much as the math at k = 4096.
//   * The math is TensorCoreW's mapping (gemv_int4.cu): the weights are the A operand of mma.m16n8k16
//     (rows gid and gid + 8 of the block's 16), the tokens are B (lanes with gid < m read their token's x,
//     the rest feed zeros), and each lane feeds its own chunk's 32 k as the k-positions of its tig, so a
//     lane's 16-byte shared-memory load is exactly its part of A.
//   * Dequantisation: (q - z) / 16, exactly, in one LOP3 + one HSUB2 per pair (int4_dequant.cuh
//     dequant_diff16_8; the LOP3 written as PTX, since the compiler otherwise splits it in two).
//   * When a group holds a multiple of 4 chunks (group 128, 256), the 4 chunks of one mma (one per tig) share
//     one scale per row, so the mma sums (q - z) / 16 . x in fp32 and 16 s multiplies that sum once per
//     4 chunks (kScaleInC). Otherwise each pair is multiplied by 16 s in fp16 (HMUL2), which rounds exactly
//     like the other versions' fp16((q - z) s).
//   * The scales and zero points are loaded kStages - 1 stages ahead into registers: loaded when needed,
//     they waited behind the codes already requested (the largest stall in the SASS profile).
//   * 8 warps split a stage's 64 chunks (two 4-chunk quads each, one chunk per tig); their fp32 partial sums
//     meet in shared memory (the stage buffers, free by then) after the last stage.
//   * Shared rows are padded by 64 bytes: an LDS.128 is served 8 lanes at a time, rows gid and gid + 1 x 4
//     consecutive chunks, and the padding puts the two rows in different halves of the 32 banks.
// Chunks past k (and rows past n, tokens past m) are zero-filled by cp.async and contribute nothing.
//
// Overlap with the kernel before (GemvOverlap; off by default, to be decided by awq_kernel_bench --algos
// "pipe_pf" / "pipe_pdl" and the e2e bench's "+overlap" row):
//   * prefetch_l2: each block first asks for all of its rows' codes to be brought into L2 (one bulk
//     prefetch, programmatic_launch.cuh), so the whole matrix is requested at once instead of kStages - 1
//     stages per block at a time; the cp.async stages then mostly hit L2. 29 MB at 4096 x 14336 fits the
//     H100's 50 MB L2. (The scales and zero points, 1/32 of the bytes, are not prefetched.)
//   * programmatic: launched with programmatic dependent launch (programmatic_launch.cuh), the blocks start
//     while the previous kernel runs (it calls programmatic_launch_dependents early), do the prefetch and
//     the scale loads (weights only), and wait in programmatic_wait() before the first copy of x. The
//     kernel itself lets its successor start at once, which only matters for successors that are
//     launched the same way (the bench's back-to-back gemvs).
//
// Test: tests/gpu/test_gpu_kernels.cpp (ctest -L gpu). Bench: awq_kernel_bench --algos ("pipe").
#include "device_attribute.cuh"
#include "gemv_int4_pipe.cuh"
#include "int4_dequant.cuh"
#include "programmatic_launch.cuh"
#include "tensor_core.cuh"

namespace awq::cuda::detail {

namespace {

constexpr int kRows = 16;                          // weight rows per block: the mma's 16 A rows
constexpr int kWarps = 8;
constexpr int kThreads = kWarps * 32;
constexpr int kQuads = 2;                          // 4-chunk quads (one chunk per tig) per warp and stage
constexpr int kStageChunks = 4 * kQuads * kWarps;  // 64 chunks (2048 codes, 1 KB) per row and stage
constexpr int kRowBytes = kStageChunks * 16 + 64;  // + 64 bytes of padding (banks)
constexpr int kCodeBytes = kRows * kRowBytes;
constexpr int kTokenBytes = kStageChunks * 32 * 2; // one token's x for a stage: 2048 fp16
// 3 stages x 3 blocks per SM (register cap 85) measured faster on an H100 than 2 stages x 4 blocks (cap 64)
// at every shape of awq_kernel_bench, m = 1..4 (docs/benchmarks.md).
constexpr int kStages = 3;
constexpr int kBlocksPerSm = 3;
constexpr int kMaxTokens = 8;                      // the mma's n
static_assert(kRows * kStageChunks % kThreads == 0, "a stage's 16-byte copies spread evenly over the threads");
static_assert(kTokenBytes / 16 == kThreads, "one 16-byte piece of each token's x per thread and stage");
static_assert(kWarps * kRows * kMaxTokens * sizeof(float) <= size_t(kStages) * kCodeBytes,
              "the partial sums fit in the stage buffers");

// Shared memory of one stage: the 16 rows' codes, then `tokens` rows of x over the same k.
__host__ __device__ constexpr int stage_bytes(int tokens) { return kCodeBytes + tokens * kTokenBytes; }

// The kernel instance (rows of x staged) that serves m tokens: 1, 2, 4 or 8.
constexpr int tokens_for_m(int m) { return m == 1 ? 1 : m == 2 ? 2 : m <= 4 ? 4 : 8; }

// What a thread copies, fixed for the whole kernel (computed once: address arithmetic in every stage cost
// as much as the math at k = 4096). Stage s of code piece j is row first_row + j * kRowStep, chunk
// s * kStageChunks + chunk: 64 consecutive threads copy one row's 1 KB. x: every thread one 16-byte piece
// of each token. What lies past k, past n or past m is zero-filled, so the math needs no checks.
constexpr int kCodePieces = kRows * kStageChunks / kThreads;
constexpr int kRowStep = kThreads / kStageChunks;
struct CopyPlan {
    const uint32_t* code;  // stage 0, piece 0
    const __half* x;       // stage 0, token 0
    int chunk, first_row;
};

__device__ __forceinline__ CopyPlan make_copy_plan(const __half* x, const Int4Weights& w, int row0) {
    CopyPlan p;
    p.chunk = threadIdx.x % kStageChunks;
    p.first_row = row0 + threadIdx.x / kStageChunks;
    p.code = w.qweight + size_t(min(p.first_row, w.n - 1)) * (w.k / 8) + p.chunk * 4;
    p.x = x + threadIdx.x * 8;
    return p;
}

template <int kTokens>
__device__ __forceinline__ void issue_stage(unsigned char* slot, const CopyPlan& p, int m, const Int4Weights& w,
                                            int stage, int chunks) {
    const bool inside = stage * kStageChunks + p.chunk < chunks;
    unsigned char* dst = slot + (threadIdx.x / kStageChunks) * kRowBytes + p.chunk * 16;
    const uint32_t* src = p.code + size_t(stage) * kStageChunks * 4;
#pragma unroll
    for (int j = 0; j < kCodePieces; ++j) {
        const bool ok = inside && p.first_row + j * kRowStep < w.n;
        cp_async16(dst + j * kRowStep * kRowBytes, ok ? src + size_t(j) * kRowStep * (w.k / 8) : w.qweight, ok ? 16 : 0);
    }
    const bool x_inside = stage * kStageChunks + int(threadIdx.x) / 4 < chunks;  // 4 pieces of 8 fp16 per chunk
#pragma unroll
    for (int t = 0; t < kTokens; ++t) {
        const bool ok = x_inside && t < m;
        cp_async16(slot + kCodeBytes + t * kTokenBytes + threadIdx.x * 16,
                   ok ? p.x + size_t(t) * w.k + size_t(stage) * kStageChunks * 32 : p.x, ok ? 16 : 0);
    }
}

// A lane's scales and zero points for one stage: rows gid and gid + 8 at the group of each of its chunks.
struct StageScales {
    __half s[kQuads][2], z[kQuads][2];
};

// Where a lane's scales come from: its two rows' scale and zero rows, its first chunk, and how a chunk
// maps to a group (a shift when the group holds a power of two of chunks, as every usual group size does).
struct ScalePlan {
    const __half *s0, *s1, *z0, *z1;
    int chunk, groups, shift, chunks_per_group;
};

__device__ __forceinline__ StageScales load_scales(const ScalePlan& p, int stage) {
    StageScales sc;
#pragma unroll
    for (int u = 0; u < kQuads; ++u) {
        const int c = stage * kStageChunks + p.chunk + 4 * u;
        int g = p.shift >= 0 ? c >> p.shift : c / p.chunks_per_group;
        g = min(g, p.groups - 1);  // chunks past k (zeros) take the last group's finite values
        sc.s[u][0] = __ldg(p.s0 + g);
        sc.s[u][1] = __ldg(p.s1 + g);
        sc.z[u][0] = __ldg(p.z0 + g);
        sc.z[u][1] = __ldg(p.z1 + g);
    }
    return sc;
}

// kPrefetch is a template parameter, not an argument: as an argument it cost the m = 1 kernel a spilled
// register (80 of the 85 that 3 blocks per SM leave) even with the prefetch off. With it on, the m = 1,
// kScaleInC instance still spills one 4-byte value (ptxas -v, sm_90); the others do not.
template <int kTokens, bool kScaleInC, bool kPrefetch>
__global__ void __launch_bounds__(kThreads, kBlocksPerSm) gemv_int4_pipe_kernel(const __half* __restrict__ x, int m,
                                                                                Int4Weights w, int group_shift,
                                                                                __half* __restrict__ y) {
    extern __shared__ __align__(16) unsigned char smem[];
    constexpr int kSlot = stage_bytes(kTokens);
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, gid = lane >> 2, tig = lane & 3;
    const int row0 = blockIdx.x * kRows;
    const int chunks = w.k / 32;
    programmatic_launch_dependents();
    if (kPrefetch)  // the block's rows are contiguous: 16 * k / 2 bytes (a multiple of 16 as k % 32 == 0)
        prefetch_l2_range(w.qweight + size_t(row0) * (w.k / 8), uint32_t(min(kRows, w.n - row0)) * uint32_t(w.k / 2));
    const int n_stages = (chunks + kStageChunks - 1) / kStageChunks;
    const CopyPlan copy = make_copy_plan(x, w, row0);
    ScalePlan scale;
    {
        const int groups = w.k / w.group;
        const size_t r0 = size_t(min(row0 + gid, w.n - 1)) * groups, r1 = size_t(min(row0 + gid + 8, w.n - 1)) * groups;
        scale = {w.scales + r0, w.scales + r1, w.zeros + r0, w.zeros + r1, 4 * warp * kQuads + tig, groups, group_shift,
                 w.group / 32};
    }

    // The scales travel kStages - 1 stages ahead of their use, like the codes: issued later, they would
    // queue behind the codes already requested and stall every stage.
    StageScales ahead[kStages - 1];
#pragma unroll
    for (int s = 0; s < kStages - 1; ++s) ahead[s] = load_scales(scale, s);
    programmatic_wait();  // x is the previous kernel's output: nothing of it is read before this
#pragma unroll
    for (int s = 0; s < kStages - 1; ++s) {
        if (s < n_stages) issue_stage<kTokens>(smem + s * kSlot, copy, m, w, s, chunks);
        cp_async_commit();  // empty groups keep the wait count below uniform
    }

    float acc[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int s = 0; s < n_stages; ++s) {
        const int next = s + kStages - 1;
        if (next < n_stages) issue_stage<kTokens>(smem + (next % kStages) * kSlot, copy, m, w, next, chunks);
        cp_async_commit();
        const StageScales sc = ahead[0];
#pragma unroll
        for (int i = 0; i < kStages - 2; ++i) ahead[i] = ahead[i + 1];
        ahead[kStages - 2] = load_scales(scale, next);

        cp_async_wait<kStages - 1>();  // this thread's copies of stage s have landed
        __syncthreads();               // and everyone else's
        const unsigned char* slot = smem + (s % kStages) * kSlot;
#pragma unroll
        for (int u = 0; u < kQuads; ++u) {
            const int chunk = 4 * (warp * kQuads + u) + tig;  // within the stage
            const uint4 q0 = *reinterpret_cast<const uint4*>(slot + gid * kRowBytes + chunk * 16);
            const uint4 q1 = *reinterpret_cast<const uint4*>(slot + (gid + 8) * kRowBytes + chunk * 16);
            uint4 xv[4] = {};
            if (gid < kTokens) {  // tokens past m are zeros in shared memory
#pragma unroll
                for (int i = 0; i < 4; ++i)
                    xv[i] = *reinterpret_cast<const uint4*>(slot + kCodeBytes + gid * kTokenBytes + chunk * 64 + 16 * i);
            }
            const __half2 low0 = offset16_low(sc.z[u][0]), high0 = offset16_high(sc.z[u][0]);
            const __half2 low1 = offset16_low(sc.z[u][1]), high1 = offset16_high(sc.z[u][1]);
            const __half2 s16_0 = __half2half2(__hmul(sc.s[u][0], half_constant(kHalf16)));
            const __half2 s16_1 = __half2half2(__hmul(sc.s[u][1], half_constant(kHalf16)));
            const uint32_t words0[4] = {q0.x, q0.y, q0.z, q0.w}, words1[4] = {q1.x, q1.y, q1.z, q1.w};

            float part[2][4] = {};  // two mma chains (h = 0, 1)
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                __half2 a0[4], a1[4];  // word i's 4 pairs of rows gid and gid + 8
                dequant_diff16_8(words0[i], low0, high0, a0);
                dequant_diff16_8(words1[i], low1, high1, a1);
                if (!kScaleInC) {
#pragma unroll
                    for (int p = 0; p < 4; ++p) {
                        a0[p] = __hmul2(a0[p], s16_0);
                        a1[p] = __hmul2(a1[p], s16_1);
                    }
                }
#pragma unroll
                for (int h = 0; h < 2; ++h) {
                    const uint32_t a[4] = {as_u32(a0[2 * h]), as_u32(a1[2 * h]), as_u32(a0[2 * h + 1]), as_u32(a1[2 * h + 1])};
                    const uint32_t b[2] = {h ? xv[i].z : xv[i].x, h ? xv[i].w : xv[i].y};
                    mma_16816(part[h], a, b);
                }
            }
            if (kScaleInC) {
                const float f0 = 16.0f * __half2float(sc.s[u][0]), f1 = 16.0f * __half2float(sc.s[u][1]);
                acc[0] = fmaf(f0, part[0][0] + part[1][0], acc[0]);
                acc[1] = fmaf(f0, part[0][1] + part[1][1], acc[1]);
                acc[2] = fmaf(f1, part[0][2] + part[1][2], acc[2]);
                acc[3] = fmaf(f1, part[0][3] + part[1][3], acc[3]);
            } else {
#pragma unroll
                for (int e = 0; e < 4; ++e) acc[e] += part[0][e] + part[1][e];
            }
        }
        __syncthreads();  // the slot may be refilled by the next iteration's request
    }
    cp_async_wait<0>();

    // c0, c1 = (row gid, tokens 2tig, 2tig + 1), c2, c3 = (row gid + 8, the same tokens).
    auto* partial = reinterpret_cast<float(*)[kRows][kMaxTokens]>(smem);  // [warp][row][token]
    partial[warp][gid][2 * tig] = acc[0];
    partial[warp][gid][2 * tig + 1] = acc[1];
    partial[warp][gid + 8][2 * tig] = acc[2];
    partial[warp][gid + 8][2 * tig + 1] = acc[3];
    __syncthreads();
    if (threadIdx.x < kRows * kMaxTokens) {
        const int r = threadIdx.x % kRows, token = threadIdx.x / kRows;
        if (token < m && row0 + r < w.n) {
            float v = 0.0f;
#pragma unroll
            for (int wp = 0; wp < kWarps; ++wp) v += partial[wp][r][token];
            y[size_t(token) * w.n + row0 + r] = __float2half(v);
        }
    }
}

template <int kTokens, bool kScaleInC, bool kPrefetch>
cudaError_t launch_pipe(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream,
                        bool programmatic) {
    constexpr int kSmem = kStages * stage_bytes(kTokens);
    auto* kernel = gemv_int4_pipe_kernel<kTokens, kScaleInC, kPrefetch>;
    // Once per process: opt in beyond 48 KB where needed, and ask for the largest shared-memory carveout
    // (the driver otherwise picked 132 KB on an H100, room for 2 blocks instead of 3).
    static const cudaError_t attributes = [&] {
        if (kSmem > 48 * 1024) {
            const cudaError_t e = cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, kSmem);
            if (e != cudaSuccess) return e;
        }
        return cudaFuncSetAttribute(kernel, cudaFuncAttributePreferredSharedMemoryCarveout, int(cudaSharedmemCarveoutMaxShared));
    }();
    AWQ_CUDA_CHECK(attributes);
    const int chunks_per_group = w.group / 32;
    const int shift = (chunks_per_group & (chunks_per_group - 1)) == 0 ? __builtin_ctz(unsigned(chunks_per_group)) : -1;
    AWQ_CUDA_CHECK(launch_programmatic(programmatic, kernel, dim3((w.n + kRows - 1) / kRows), dim3(kThreads), kSmem,
                                       stream, x, m, w, shift, y));
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

template <bool kScaleInC, bool kPrefetch>
cudaError_t pipe_for_m(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream,
                       bool programmatic) {
    switch (tokens_for_m(m)) {
        case 1: return launch_pipe<1, kScaleInC, kPrefetch>(x, m, w, y, stream, programmatic);
        case 2: return launch_pipe<2, kScaleInC, kPrefetch>(x, m, w, y, stream, programmatic);
        case 4: return launch_pipe<4, kScaleInC, kPrefetch>(x, m, w, y, stream, programmatic);
        default: return launch_pipe<8, kScaleInC, kPrefetch>(x, m, w, y, stream, programmatic);
    }
}

}  // namespace

bool gemv_int4_pipelined_fits(int m) {
    const int bytes = cached_device_attribute<cudaDevAttrMaxSharedMemoryPerBlockOptin>();
    return bytes > 0 && kStages * stage_bytes(tokens_for_m(m)) <= bytes;
}

cudaError_t gemv_int4_pipelined(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream,
                                GemvOverlap overlap) {
    const bool scale_in_c = (w.group / 32) % 4 == 0, p = overlap.programmatic;
    if (overlap.prefetch_l2)
        return scale_in_c ? pipe_for_m<true, true>(x, m, w, y, stream, p) : pipe_for_m<false, true>(x, m, w, y, stream, p);
    return scale_in_c ? pipe_for_m<true, false>(x, m, w, y, stream, p) : pipe_for_m<false, false>(x, m, w, y, stream, p);
}

}  // namespace awq::cuda::detail
