#pragma once
// INT4 x FP16 matrix-matrix product for prefill on tensor cores (see gemm_int4.cu).
#include "common.cuh"

namespace awq::cuda {

// y[m][n] = x[m][k] . W[n][k]^T for any m >= 1, fp32 accumulation (mma.sync m16n8k16), fp16 output.
// x must be 16-byte aligned. Returns cudaErrorInvalidValue for a bad shape, else the launch status.
cudaError_t gemm_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream = nullptr);

// The INT4 linear layer: gemv_int4 for m <= kGemvMaxM (decode), gemm_int4 above (prefill).
cudaError_t int4_linear(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
