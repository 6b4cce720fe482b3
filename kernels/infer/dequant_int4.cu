// SPDX-License-Identifier: MIT
// dequant_int4: INT4 weights (awq/int4/int4_layout.hpp) to dense fp16, and int4_linear_via_f16, the INT4
// linear for long prefills: dequantise into a scratch matrix, then cuBLAS FP16.
//
// Why a non-fused path: at m >= ~1024 the product is compute-bound, and cuBLAS runs Hopper's wgmma at
// 600-775 TFLOP/s while our fused mma.sync kernel (gemm_int4.cu) reaches ~220 (docs/benchmarks.md).
// Dequantising costs one pass that reads n k / 2 bytes and writes 2 n k (for 4096 x 4096: 42 MB, ~15 us
// at 3 TB/s) against ~100+ us of product at m = 2048, so for long prompts it wins; short ones keep the
// fused kernels, which never materialise the fp16 weights. (vLLM's AWQ path makes the same choice.)
//
// Versions (DequantAlgo; awq_kernel_bench --algos times both, as "deq" and "deq_co"):
//   ThreadChunk  one thread per 16-byte chunk (32 codes): one 128-bit load, four 128-bit stores of its 64
//                output bytes. Measured ~29 us at 4096 x 4096 on an H100, half the copy bandwidth. Why,
//                by its access pattern: the j-th store of a warp writes 16 bytes every 64, so each of its
//                32 addresses half-fills a different 32-byte sector, and the L2 sees twice the sector
//                writes that the bytes need (four partial writes per 2 KiB where two full ones would do).
//   Coalesced    one thread per packed word (8 codes): a warp's load is 128 contiguous bytes and its store
//                512 contiguous bytes, so every sector is written whole by one instruction. The group
//                index costs a division per word instead of per four, which this memory-bound pass can
//                afford. Four words per thread per round keep four loads in flight. Not yet run on a GPU:
//                it becomes the default once a GPU has passed its test and timed it faster.
// Both run dequant8 (int4_dequant.cuh: exact q - z, one rounding by the scale: the fused kernels' values
// bit for bit) and a grid-stride loop; 32-bit indices (the launcher checks that they fit).
//
// int4_linear_via_f16 with chunk_rows > 0 alternates dequantise-slice / GEMM-slice so that the scratch
// matrix can stay in the L2 cache between the two (H100: 50 MB); whether that beats one pass, and at which
// slice size, is for awq_kernel_bench --algos ("deq@R" columns) to say on each GPU.
// Test: tests/gpu/test_gpu_kernels.cpp (both versions bit-exact against the CPU's fp16 rounding of the
// dequantised weights; the linear, whole and in slices, against the double-precision product).
#include "dequant_int4.cuh"
#include "dense_gemm.cuh"
#include "int4_dequant.cuh"

#include <algorithm>

namespace awq::cuda {

namespace {

__device__ __forceinline__ uint4 dequant_word(uint32_t word, __half scale, __half zero) {
    __half2 h[4];
    detail::dequant8(word, detail::zero_1024(zero), detail::neg_zero_64(zero), __half2half2(scale), h);
    const uint32_t* u = reinterpret_cast<const uint32_t*>(h);
    return make_uint4(u[0], u[1], u[2], u[3]);
}

__global__ void dequantize_int4_thread_chunk_kernel(Int4Weights w, __half* __restrict__ out) {
    const uint32_t chunks_per_row = uint32_t(w.k) / 32, chunks = uint32_t(w.n) * chunks_per_row;
    const uint32_t groups = uint32_t(w.k / w.group), chunks_per_group = uint32_t(w.group / 32);
    for (uint32_t c = blockIdx.x * blockDim.x + threadIdx.x; c < chunks; c += gridDim.x * blockDim.x) {
        const uint32_t row = c / chunks_per_row, col = c - row * chunks_per_row;
        const uint4 q = __ldcs(reinterpret_cast<const uint4*>(w.qweight) + c);
        const uint32_t g = row * groups + col / chunks_per_group;
        const __half s = w.scales[g], z = w.zeros[g];
        const uint32_t words[4] = {q.x, q.y, q.z, q.w};
        uint4* dst = reinterpret_cast<uint4*>(out + size_t(c) * 32);
#pragma unroll
        for (int j = 0; j < 4; ++j) dst[j] = dequant_word(words[j], s, z);
    }
}

constexpr int kWordsPerThread = 4;

// Word i of the packed matrix holds the 8 weights out[8 i, 8 i + 8) (rows are whole words: k % 32 == 0).
__global__ void dequantize_int4_coalesced_kernel(Int4Weights w, __half* __restrict__ out) {
    const uint32_t words_per_row = uint32_t(w.k) / 8, words = uint32_t(w.n) * words_per_row;
    const uint32_t groups = uint32_t(w.k / w.group), words_per_group = uint32_t(w.group / 8);
    const uint32_t stride = gridDim.x * blockDim.x;
    uint4* dst = reinterpret_cast<uint4*>(out);
    for (uint32_t first = blockIdx.x * blockDim.x + threadIdx.x; first < words; first += kWordsPerThread * stride) {
        uint32_t q[kWordsPerThread];
#pragma unroll
        for (int j = 0; j < kWordsPerThread; ++j) {  // all loads before any use: four in flight
            const uint32_t i = first + j * stride;
            q[j] = i < words ? __ldcs(w.qweight + i) : 0u;
        }
#pragma unroll
        for (int j = 0; j < kWordsPerThread; ++j) {
            const uint32_t i = first + j * stride;
            if (i >= words) break;
            const uint32_t row = i / words_per_row, g = row * groups + (i - row * words_per_row) / words_per_group;
            dst[i] = dequant_word(q[j], w.scales[g], w.zeros[g]);
        }
    }
}

}  // namespace

cudaError_t dequantize_int4(const Int4Weights& w, __half* out, cudaStream_t stream, DequantAlgo algo) {
    AWQ_CUDA_CHECK(check_int4_weights(w));
    if (!out || reinterpret_cast<uintptr_t>(out) % 16 != 0) return cudaErrorInvalidValue;
    const size_t words = size_t(w.n) * (w.k / 8);
    // 32-bit indices in the kernels, with room for the grid stride's last step past the end.
    if (words >= (size_t(1) << 31)) return cudaErrorInvalidValue;
    if (algo == DequantAlgo::ThreadChunk) {
        const size_t chunks = words / 4;
        const unsigned blocks = unsigned(std::min<size_t>((chunks + 255) / 256, 65535u * 16));
        dequantize_int4_thread_chunk_kernel<<<blocks, 256, 0, stream>>>(w, out);
    } else {
        const size_t per_block = size_t(256) * kWordsPerThread;
        const unsigned blocks = unsigned(std::min<size_t>((words + per_block - 1) / per_block, 65535u * 16));
        dequantize_int4_coalesced_kernel<<<blocks, 256, 0, stream>>>(w, out);
    }
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t int4_linear_via_f16(cublasHandle_t handle, const __half* x, int m, const Int4Weights& w,
                                __half* scratch, __half* y, cudaStream_t stream, int chunk_rows, DequantAlgo algo) {
    if (!handle || !x || !y || m < 1 || chunk_rows < 0) return cudaErrorInvalidValue;
    AWQ_CUDA_CHECK(check_int4_weights(w));
    const int step = chunk_rows == 0 ? w.n : std::min(chunk_rows, w.n);
    for (int row0 = 0; row0 < w.n; row0 += step) {
        const int rows = std::min(step, w.n - row0);
        AWQ_CUDA_CHECK(dequantize_int4(int4_row_slice(w, row0, rows), scratch, stream, algo));
        if (dense_gemm_f16_strided(handle, x, m, scratch, rows, w.k, y + row0, w.n) != CUBLAS_STATUS_SUCCESS)
            return cudaErrorUnknown;
    }
    return cudaSuccess;
}

}  // namespace awq::cuda
