#pragma once
// The Pipelined version of gemv_int4 (see gemv_int4_pipe.cu); called through gemv_int4 with
// GemvAlgo::Pipelined, which validates the arguments first.
#include "common.cuh"

namespace awq::cuda::detail {

// y[m][n] = x[m][k] . W[n][k]^T for 1 <= m <= 8; arguments already checked by gemv_int4.
cudaError_t gemv_int4_pipelined(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream);

}  // namespace awq::cuda::detail
