// SPDX-License-Identifier: MIT
// silu_mul: the SwiGLU gate of Llama's MLP, out = silu(gate) * up, element-wise over n fp16 values.
// Grid-stride loop, one element per step in fp32 (expf, not __expf: exact enough that the test bound
// is the fp16 rounding); memory-bound, so nothing more is needed.
// silu_mul_rows: the same on strided rows, for the model runner's fused gate_up projection, whose output
// row r is [gate | up] (stride 2n); the element formula is the same, so the results are the same bits.
// Test: tests/gpu/test_gpu_kernels.cpp against awq::silu_mul (core/src/runtime/ops.cpp).
#include "silu_mul.cuh"
#include "programmatic_launch.cuh"

namespace awq::cuda {

namespace {

__global__ void silu_mul_kernel(const __half* gate, const __half* __restrict__ up, __half* out, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        const float g = __half2float(gate[i]);
        out[i] = __float2half(g / (1.0f + expf(-g)) * __half2float(up[i]));
    }
}

__global__ void silu_mul_rows_kernel(const __half* __restrict__ gate, const __half* __restrict__ up, int in_stride,
                                     __half* __restrict__ out, int n, long long total) {
    programmatic_launch_dependents();  // the down_proj gemv may start requesting its weights
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < total;
         i += (long long)gridDim.x * blockDim.x) {
        const long long r = i / n, c = i % n, src = r * in_stride + c;
        const float g = __half2float(gate[src]);
        out[i] = __float2half(g / (1.0f + expf(-g)) * __half2float(up[src]));
    }
}

}  // namespace

cudaError_t silu_mul(const __half* gate, const __half* up, __half* out, long long n, cudaStream_t stream) {
    if (!gate || !up || !out || n < 1) return cudaErrorInvalidValue;
    const long long blocks = (n + 255) / 256;
    silu_mul_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(gate, up, out, n);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t silu_mul_rows(const __half* gate, const __half* up, int in_stride, __half* out, int rows, int n,
                          cudaStream_t stream) {
    if (!gate || !up || !out || rows < 1 || n < 1 || in_stride < n) return cudaErrorInvalidValue;
    const long long total = (long long)rows * n, blocks = (total + 255) / 256;
    silu_mul_rows_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(gate, up, in_stride, out, n,
                                                                                        total);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
