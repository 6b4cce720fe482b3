// attention: causal GQA over a KV cache, fp16 storage, fp32 math. A straightforward, correct kernel:
// one 128-thread block per (query head, query row); each of the 4 warps walks keys w, w+4, ... up to the
// row's own position, with lane l holding elements l, l+32, ... of the head (<= 8 per lane). Per key: a
// warp-shuffle dot product, then the online softmax update (running max m, sum l, and acc rescaled by
// exp(m_old - m_new)), so any context length works without a score buffer. The 4 warps' (m, l, acc)
// are merged through shared memory at the end.
// causal_attention_device_past reads `past` from device memory instead of a kernel argument: the grid
// depends only on (n_heads, n_new), so a CUDA graph captured once replays for every decode position
// (the model runner writes the position before each replay). Both launchers run the same kernel.
// Not tuned (a flash-attention style tiled kernel would batch keys per warp and use tensor cores).
// Test: tests/gpu/test_gpu_kernels.cpp against awq::causal_attention_ref (core/src/runtime/ops.cpp).
#include "attention.cuh"

namespace awq::cuda {

namespace {

constexpr int kWarps = 4, kPerLane = kAttentionMaxHeadDim / 32;

__global__ void __launch_bounds__(kWarps * 32)
    attention_kernel(const __half* __restrict__ q, const __half* __restrict__ k, const __half* __restrict__ v,
                     __half* __restrict__ out, int past_arg, const int* __restrict__ past_dev, int n_heads,
                     int n_kv_heads, int head_dim) {
    __shared__ float sm_m[kWarps], sm_l[kWarps], sm_acc[kWarps][kAttentionMaxHeadDim];
    const int h = blockIdx.x, t = blockIdx.y, lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int kvh = h / (n_heads / n_kv_heads), kv_stride = n_kv_heads * head_dim;
    const float scale = rsqrtf(float(head_dim));
    const __half* qr = q + (size_t(t) * n_heads + h) * head_dim;
    float qv[kPerLane], acc[kPerLane];
#pragma unroll
    for (int e = 0; e < kPerLane; ++e) {
        const int d = lane + 32 * e;
        qv[e] = d < head_dim ? __half2float(qr[d]) * scale : 0.0f;
        acc[e] = 0.0f;
    }
    float m = -INFINITY, l = 0.0f;
    const int past = past_dev ? *past_dev : past_arg;
    const int last = past + t;  // causal: keys 0..last
    for (int j = warp; j <= last; j += kWarps) {
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
    if (lane == 0) sm_m[warp] = m, sm_l[warp] = l;
#pragma unroll
    for (int e = 0; e < kPerLane; ++e)
        if (lane + 32 * e < head_dim) sm_acc[warp][lane + 32 * e] = acc[e];
    __syncthreads();
    float gm = -INFINITY;
#pragma unroll
    for (int w = 0; w < kWarps; ++w) gm = fmaxf(gm, sm_m[w]);
    float gl = 0.0f, wgt[kWarps];
#pragma unroll
    for (int w = 0; w < kWarps; ++w) {  // a warp with no keys has m = -inf and weight 0
        wgt[w] = sm_m[w] == -INFINITY ? 0.0f : expf(sm_m[w] - gm);
        gl += sm_l[w] * wgt[w];
    }
    __half* orow = out + (size_t(t) * n_heads + h) * head_dim;
    for (int d = threadIdx.x; d < head_dim; d += blockDim.x) {
        float s = 0.0f;
#pragma unroll
        for (int w = 0; w < kWarps; ++w) s += sm_acc[w][d] * wgt[w];
        orow[d] = __float2half(s / gl);
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
