// SPDX-License-Identifier: MIT
// attention: causal GQA over a KV cache, fp16 storage, fp32 math. A straightforward, correct kernel:
// one 128-thread block per (query head, query row); each of the 4 warps walks keys w, w+4, ... up to the
// row's own position, with lane l holding elements l, l+32, ... of the head (<= 8 per lane). Per key: a
// warp-shuffle dot product, then the online softmax update (running max m, sum l, and acc rescaled by
// exp(m_old - m_new)), so any context length works without a score buffer. The 4 warps' (m, l, acc)
// are merged through shared memory at the end.
// causal_attention_device_past reads `past` from device memory instead of a kernel argument: the grid
// depends only on (n_heads, n_new), so a CUDA graph captured once replays for every decode position
// (the model runner writes the position before each replay). Both launchers run the same kernel.
// Prefill is not tuned (a flash-attention style tiled kernel would batch keys per warp and use tensor
// cores); decode uses the split-K version below.
// Test: tests/gpu/test_gpu_kernels.cpp against awq::causal_attention_ref (core/src/runtime/ops.cpp).
#include "attention.cuh"
#include "programmatic_launch.cuh"

namespace awq::cuda {

namespace {

constexpr int kWarps = 4, kPerLane = kAttentionMaxHeadDim / 32;

// The warps' online-softmax states merged through shared memory: after it, sm.acc[w][d] * wgt[w] summed
// over w is the block's unnormalised output and gl its softmax denominator, both relative to gm.
struct BlockMerge {
    float m[kWarps], l[kWarps], acc[kWarps][kAttentionMaxHeadDim];
};

// Walks keys begin + warp, begin + warp + kWarps, ... < end of KV head kvh for query row qr, then merges
// the warps: returns gm (-inf when no warp saw a key), gl and the per-warp weights.
__device__ __forceinline__ void attend_range(const __half* __restrict__ qr, const __half* __restrict__ k,
                                             const __half* __restrict__ v, int kvh, int kv_stride, int head_dim,
                                             int begin, int end, BlockMerge& sm, float& gm, float& gl,
                                             float (&wgt)[kWarps]) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const float scale = rsqrtf(float(head_dim));
    float qv[kPerLane], acc[kPerLane];
#pragma unroll
    for (int e = 0; e < kPerLane; ++e) {
        const int d = lane + 32 * e;
        qv[e] = d < head_dim ? __half2float(qr[d]) * scale : 0.0f;
        acc[e] = 0.0f;
    }
    float m = -INFINITY, l = 0.0f;
    for (int j = begin + warp; j < end; j += kWarps) {
        const __half* kr = k + size_t(j) * kv_stride + size_t(kvh) * head_dim;
        const __half* vr = v + size_t(j) * kv_stride + size_t(kvh) * head_dim;
        float dot = 0.0f;
#pragma unroll
        for (int e = 0; e < kPerLane; ++e) {
            const int d = lane + 32 * e;
            if (d < head_dim) dot = fmaf(qv[e], __half2float(kr[d]), dot);
        }
        for (int off = 16; off > 0; off >>= 1) dot += __shfl_xor_sync(0xffffffffu, dot, off);
        const float m_new = fmaxf(m, dot), corr = expf(m - m_new), p = expf(dot - m_new);
        l = l * corr + p;
#pragma unroll
        for (int e = 0; e < kPerLane; ++e) {
            const int d = lane + 32 * e;
            acc[e] = acc[e] * corr + (d < head_dim ? p * __half2float(vr[d]) : 0.0f);
        }
        m = m_new;
    }
    if (lane == 0) sm.m[warp] = m, sm.l[warp] = l;
#pragma unroll
    for (int e = 0; e < kPerLane; ++e)
        if (lane + 32 * e < head_dim) sm.acc[warp][lane + 32 * e] = acc[e];
    __syncthreads();
    gm = -INFINITY;
#pragma unroll
    for (int w = 0; w < kWarps; ++w) gm = fmaxf(gm, sm.m[w]);
    gl = 0.0f;
#pragma unroll
    for (int w = 0; w < kWarps; ++w) {  // a warp with no keys has m = -inf and weight 0
        wgt[w] = sm.m[w] == -INFINITY ? 0.0f : expf(sm.m[w] - gm);
        gl += sm.l[w] * wgt[w];
    }
}

__device__ __forceinline__ float merged_acc(const BlockMerge& sm, const float (&wgt)[kWarps], int d) {
    float s = 0.0f;
#pragma unroll
    for (int w = 0; w < kWarps; ++w) s += sm.acc[w][d] * wgt[w];
    return s;
}

__global__ void __launch_bounds__(kWarps * 32)
    attention_kernel(const __half* __restrict__ q, const __half* __restrict__ k, const __half* __restrict__ v,
                     __half* __restrict__ out, int past_arg, const int* __restrict__ past_dev, int n_heads,
                     int n_kv_heads, int head_dim) {
    __shared__ BlockMerge sm;
    const int h = blockIdx.x, t = blockIdx.y;
    const int past = past_dev ? *past_dev : past_arg;
    float gm, gl, wgt[kWarps];
    attend_range(q + (size_t(t) * n_heads + h) * head_dim, k, v, h / (n_heads / n_kv_heads), n_kv_heads * head_dim,
                 head_dim, 0, past + t + 1, sm, gm, gl, wgt);  // causal: keys 0..past + t
    __half* orow = out + (size_t(t) * n_heads + h) * head_dim;
    for (int d = threadIdx.x; d < head_dim; d += blockDim.x) orow[d] = __float2half(merged_acc(sm, wgt, d) / gl);
}

// ---- Split-K decode ("flash decoding") ----
// At decode the kernel above runs n_heads blocks, each walking all keys one after another: a chain of
// dependent loads and shuffles per key, so its time grows with the context while most SMs idle (32
// blocks on 132 SMs). Here the keys of each (head, row) are cut into n_splits equal ranges, computed
// from the device-side past inside the kernel (the grid does not depend on it: graphs still replay), one
// block per range; each writes its unnormalised partial (m, l, acc) to a workspace and a second kernel
// merges the n_splits partials of a (head, row) with the same rescaling as the warps' merge.
__global__ void __launch_bounds__(kWarps * 32)
    attention_split_kernel(const __half* __restrict__ q, const __half* __restrict__ k, const __half* __restrict__ v,
                           float* __restrict__ work, const int* __restrict__ past_dev, int n_heads, int n_kv_heads,
                           int head_dim, int n_splits) {
    __shared__ BlockMerge sm;
    const int h = blockIdx.x, t = blockIdx.y, split = blockIdx.z;
    const int keys = *past_dev + t + 1, per_split = (keys + n_splits - 1) / n_splits;
    const int begin = split * per_split, end = min(keys, begin + per_split);
    float gm, gl, wgt[kWarps];
    attend_range(q + (size_t(t) * n_heads + h) * head_dim, k, v, h / (n_heads / n_kv_heads), n_kv_heads * head_dim,
                 head_dim, begin, end, sm, gm, gl, wgt);
    float* part = work + ((size_t(t) * n_heads + h) * n_splits + split) * (head_dim + 2);
    if (threadIdx.x == 0) part[0] = gm, part[1] = gl;  // -inf and 0 for an empty range
    for (int d = threadIdx.x; d < head_dim; d += blockDim.x) part[2 + d] = merged_acc(sm, wgt, d);
}

__global__ void attention_merge_kernel(const float* __restrict__ work, __half* __restrict__ out, int n_heads,
                                       int head_dim, int n_splits) {
    programmatic_launch_dependents();  // the o_proj gemv may start requesting its weights
    const int h = blockIdx.x, t = blockIdx.y, stride = head_dim + 2;
    const float* part = work + (size_t(t) * n_heads + h) * n_splits * stride;
    float gm = -INFINITY;
    for (int s = 0; s < n_splits; ++s) gm = fmaxf(gm, part[size_t(s) * stride]);
    float gl = 0.0f;
    for (int s = 0; s < n_splits; ++s) {
        const float ms = part[size_t(s) * stride];
        if (ms != -INFINITY) gl += part[size_t(s) * stride + 1] * expf(ms - gm);
    }
    __half* orow = out + (size_t(t) * n_heads + h) * head_dim;
    for (int d = threadIdx.x; d < head_dim; d += blockDim.x) {
        float a = 0.0f;
        for (int s = 0; s < n_splits; ++s) {
            const float ms = part[size_t(s) * stride];
            if (ms != -INFINITY) a += part[size_t(s) * stride + 2 + d] * expf(ms - gm);
        }
        orow[d] = __float2half(a / gl);
    }
}

bool bad_shape(const __half* q, const __half* k, const __half* v, const __half* out, int n_new, int n_heads,
               int n_kv_heads, int head_dim) {
    return !q || !k || !v || !out || n_new < 1 || n_heads < 1 || n_kv_heads < 1 || n_heads % n_kv_heads != 0 ||
           head_dim < 1 || head_dim > kAttentionMaxHeadDim || n_new > 65535;
}

}  // namespace

cudaError_t causal_attention(const __half* q, const __half* k, const __half* v, __half* out, int n_new, int past,
                             int n_heads, int n_kv_heads, int head_dim, cudaStream_t stream) {
    if (bad_shape(q, k, v, out, n_new, n_heads, n_kv_heads, head_dim) || past < 0) return cudaErrorInvalidValue;
    attention_kernel<<<dim3(n_heads, n_new), kWarps * 32, 0, stream>>>(q, k, v, out, past, nullptr, n_heads,
                                                                       n_kv_heads, head_dim);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t causal_attention_device_past(const __half* q, const __half* k, const __half* v, __half* out, int n_new,
                                         const int* past, int n_heads, int n_kv_heads, int head_dim,
                                         cudaStream_t stream) {
    if (bad_shape(q, k, v, out, n_new, n_heads, n_kv_heads, head_dim) || !past) return cudaErrorInvalidValue;
    attention_kernel<<<dim3(n_heads, n_new), kWarps * 32, 0, stream>>>(q, k, v, out, 0, past, n_heads, n_kv_heads,
                                                                       head_dim);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda

namespace awq::cuda {

size_t attention_split_workspace_floats(int n_new, int n_heads, int head_dim, int n_splits) {
    return size_t(n_new) * n_heads * n_splits * (head_dim + 2);
}

cudaError_t causal_attention_split(const __half* q, const __half* k, const __half* v, __half* out, int n_new,
                                   const int* past, int n_heads, int n_kv_heads, int head_dim, int n_splits,
                                   float* workspace, cudaStream_t stream) {
    if (bad_shape(q, k, v, out, n_new, n_heads, n_kv_heads, head_dim) || !past || !workspace || n_splits < 1 ||
        n_splits > 65535)
        return cudaErrorInvalidValue;
    attention_split_kernel<<<dim3(n_heads, n_new, n_splits), kWarps * 32, 0, stream>>>(q, k, v, workspace, past,
                                                                                      n_heads, n_kv_heads, head_dim,
                                                                                      n_splits);
    AWQ_LAUNCH_CHECK();
    attention_merge_kernel<<<dim3(n_heads, n_new), 128, 0, stream>>>(workspace, out, n_heads, head_dim, n_splits);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
