// SPDX-License-Identifier: MIT
#pragma once
// The Pipelined version of gemv_int4 (see gemv_int4_pipe.cu); called through gemv_int4 with
// GemvAlgo::Pipelined, which validates the arguments first.
#include "common.cuh"

namespace awq::cuda::detail {

// y[m][n] = x[m][k] . W[n][k]^T for 1 <= m <= 8; arguments already checked by gemv_int4.
cudaError_t gemv_int4_pipelined(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream,
                                GemvOverlap overlap = {});

// Whether the version's shared memory for m tokens (64.5 KB at m = 1 up to 150 KB at m = 5..8) fits the
// current device's per-block limit (227 KB on an H100, 163 KB on an A100, 99 KB on sm_86 / sm_89).
// gemv_int4's Auto uses the Pipelined version only where it fits.
bool gemv_int4_pipelined_fits(int m);

}  // namespace awq::cuda::detail
