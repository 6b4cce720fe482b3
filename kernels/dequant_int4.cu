// dequant_int4: INT4 weights (awq/gpu/int4_layout.hpp) to dense fp16, and int4_linear_via_f16, the INT4
// linear for long prefills: dequantise into a scratch matrix, then cuBLAS FP16.
//
// Why a non-fused path: at m >= ~1024 the product is compute-bound, and cuBLAS runs Hopper's wgmma at
// 600-775 TFLOP/s while our fused mma.sync kernel (gemm_int4.cu) reaches ~220 (docs/benchmarks.md).
// Dequantising costs one pass that reads n k / 2 bytes and writes 2 n k (for 4096 x 4096: 42 MB, ~15 us
// at 3 TB/s; measured ~29 us on an H100, half the copy bandwidth, with 64- or 32-bit indices alike)
// against ~100+ us of product at m = 2048, so for long prompts it wins; short ones keep the fused kernels,
// which never materialise the fp16 weights. (vLLM's AWQ path makes the same choice.)
//
// Kernel: one thread per 16-byte chunk (32 codes of one row): one 128-bit load, dequant8 on its 4 words
// (int4_dequant.cuh: exact q - z, one rounding by the scale, the fused kernels' values bit for bit), four
// 128-bit stores. A grid-stride loop covers any n * k / 32.
// Test: tests/gpu/test_gpu_kernels.cpp (bit-exact against the CPU's fp16 rounding of the dequantised
// weights; the linear against the double-precision product).
#include "dequant_int4.cuh"
#include "dense_gemm.cuh"
#include "int4_dequant.cuh"

#include <algorithm>

namespace awq::cuda {

namespace {

// 32-bit index arithmetic (cheaper than 64-bit division; it did not change the measured time): the
// launcher checks that n * k / 32 fits.
__global__ void dequantize_int4_kernel(Int4Weights w, __half* __restrict__ out) {
    const uint32_t chunks_per_row = uint32_t(w.k) / 32, chunks = uint32_t(w.n) * chunks_per_row;
    const uint32_t groups = uint32_t(w.k / w.group), chunks_per_group = uint32_t(w.group / 32);
    for (uint32_t c = blockIdx.x * blockDim.x + threadIdx.x; c < chunks; c += gridDim.x * blockDim.x) {
        const uint32_t row = c / chunks_per_row, col = c - row * chunks_per_row;
        const uint4 q = __ldcs(reinterpret_cast<const uint4*>(w.qweight) + c);
        const uint32_t g = row * groups + col / chunks_per_group;
        const __half2 s = __half2half2(w.scales[g]);
        const __half zh = w.zeros[g];
        const __half2 z1024 = detail::zero_1024(zh), zneg64 = detail::neg_zero_64(zh);
        const uint32_t words[4] = {q.x, q.y, q.z, q.w};
        uint4* dst = reinterpret_cast<uint4*>(out + c * 32);
#pragma unroll
        for (int j = 0; j < 4; ++j) {
            __half2 h[4];
            detail::dequant8(words[j], z1024, zneg64, s, h);
            const uint32_t* u = reinterpret_cast<const uint32_t*>(h);
            dst[j] = make_uint4(u[0], u[1], u[2], u[3]);
        }
    }
}

}  // namespace

cudaError_t dequantize_int4(const Int4Weights& w, __half* out, cudaStream_t stream) {
    AWQ_CUDA_CHECK(check_int4_weights(w));
    if (!out || reinterpret_cast<uintptr_t>(out) % 16 != 0) return cudaErrorInvalidValue;
    const size_t chunks = size_t(w.n) * (w.k / 32);
    if (chunks >= (size_t(1) << 31)) return cudaErrorInvalidValue;  // 32-bit indices in the kernel
    const unsigned blocks = unsigned(std::min<size_t>((chunks + 255) / 256, 65535u * 16));
    dequantize_int4_kernel<<<blocks, 256, 0, stream>>>(w, out);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t int4_linear_via_f16(cublasHandle_t handle, const __half* x, int m, const Int4Weights& w,
                                __half* scratch, __half* y, cudaStream_t stream) {
    if (!handle || !x || !y || m < 1) return cudaErrorInvalidValue;
    AWQ_CUDA_CHECK(dequantize_int4(w, scratch, stream));
    return dense_gemm_f16(handle, x, m, scratch, w.n, w.k, y) == CUBLAS_STATUS_SUCCESS ? cudaSuccess
                                                                                       : cudaErrorUnknown;
}

}  // namespace awq::cuda
