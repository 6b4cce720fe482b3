// SPDX-License-Identifier: MIT
#pragma once
// INT4 weights (GPU layout) to a dense fp16 matrix, and the large-m INT4 linear built on it (see
// dequant_int4.cu).
#include "common.cuh"

#include <cublas_v2.h>

namespace awq::cuda {

// From this many rows on, the model runner uses int4_linear_via_f16 instead of the fused kernels (chosen
// from awq_kernel_bench --algos on an H100, docs/benchmarks.md).
inline constexpr int kInt4ViaF16MinM = 128;

// The dequantisation kernel's versions (dequant_int4.cu explains both). ThreadChunk, measured on an H100,
// stays the default until Coalesced (written since, not yet run on a GPU) is measured faster by
// awq_kernel_bench --algos ("deq" / "deq_co") on one.
enum class DequantAlgo { ThreadChunk, Coalesced };

// out[n][k] = fp16((q - z) * s): the same value the fused kernels use for every weight. out must hold n * k
// halves and be 16-byte aligned. cudaErrorInvalidValue for a bad shape, else the launch status.
cudaError_t dequantize_int4(const Int4Weights& w, __half* out, cudaStream_t stream = nullptr,
                            DequantAlgo algo = DequantAlgo::ThreadChunk);

// y[m][n] = x[m][k] . W[n][k]^T for large m: W dequantised into `scratch`, then cuBLAS FP16 (the handle's
// stream must be `stream`). chunk_rows = 0 dequantises all n rows at once (scratch holds n * k halves);
// chunk_rows > 0 goes through the output features chunk_rows at a time, each slice dequantised and
// multiplied before the next (scratch holds min(n, chunk_rows) * k halves; a slice that fits the L2 cache
// can be read back by cuBLAS without a round trip through DRAM). Returns cudaErrorInvalidValue for bad
// arguments, cudaErrorUnknown when cuBLAS fails, else the launch status.
cudaError_t int4_linear_via_f16(cublasHandle_t handle, const __half* x, int m, const Int4Weights& w,
                                __half* scratch, __half* y, cudaStream_t stream = nullptr, int chunk_rows = 0,
                                DequantAlgo algo = DequantAlgo::ThreadChunk);

}  // namespace awq::cuda
