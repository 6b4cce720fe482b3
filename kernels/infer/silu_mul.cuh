// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// out[i] = silu(gate[i]) * up[i] = gate / (1 + exp(-gate)) * up (SwiGLU), fp32 inside; out may alias gate.
cudaError_t silu_mul(const __half* gate, const __half* up, __half* out, long long n, cudaStream_t stream = nullptr);

// out[r][c] = silu(gate[r * in_stride + c]) * up[r * in_stride + c] for r < rows, c < n (out contiguous
// [rows][n], not aliasing the inputs). With gate = gu, up = gu + n, in_stride = 2n it reads the output of
// a fused [gate | up] projection; with up = gate + rows * n, in_stride = n, two separate matrices.
cudaError_t silu_mul_rows(const __half* gate, const __half* up, int in_stride, __half* out, int rows, int n,
                          cudaStream_t stream = nullptr);

}  // namespace awq::cuda
