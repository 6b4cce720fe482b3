#pragma once
// INT4 weights (GPU layout) to a dense fp16 matrix, and the large-m INT4 linear built on it (see
// dequant_int4.cu).
#include "common.cuh"

#include <cublas_v2.h>

namespace awq::cuda {

// From this many rows on, the model runner uses int4_linear_via_f16 instead of the fused kernels (chosen
// from awq_kernel_bench --algos on an H100, docs/benchmarks.md).
inline constexpr int kInt4ViaF16MinM = 128;

// out[n][k] = fp16((q - z) * s): the same value the fused kernels use for every weight. out must hold n * k
// halves and be 16-byte aligned. cudaErrorInvalidValue for a bad shape, else the launch status.
cudaError_t dequantize_int4(const Int4Weights& w, __half* out, cudaStream_t stream = nullptr);

// y[m][n] = x[m][k] . W[n][k]^T for large m: W dequantised into `scratch` (n * k halves), then cuBLAS FP16
// (dense_gemm_f16; the handle's stream must be `stream`). Returns cudaErrorInvalidValue for bad arguments,
// cudaErrorUnknown when cuBLAS fails, else the launch status.
cudaError_t int4_linear_via_f16(cublasHandle_t handle, const __half* x, int m, const Int4Weights& w,
                                __half* scratch, __half* y, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
