#pragma once
// INT4 x FP16 matrix-vector product for decode (see gemv_int4.cu).
#include "common.cuh"

namespace awq::cuda {

inline constexpr int kGemvMaxM = 8;

// y[m][n] = x[m][k] . W[n][k]^T for 1 <= m <= kGemvMaxM, W the INT4 weights (dequantised on the fly),
// fp32 accumulation, fp16 output. x must be 16-byte aligned (cudaMalloc memory is). Returns
// cudaErrorInvalidValue for a bad shape, else the launch status.
cudaError_t gemv_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
