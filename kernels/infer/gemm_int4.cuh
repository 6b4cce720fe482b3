// SPDX-License-Identifier: MIT
#pragma once
// INT4 x FP16 matrix-matrix product for prefill on tensor cores (see gemm_int4.cu).
#include "common.cuh"
#include "gemv_int4.cuh"

namespace awq::cuda {

// Tile64: the first, simple kernel (64 x 64 tiles, 2 stages, dequantised tile in shared memory).
// Tile128: 128 x 128 x 32 tiles, 4-stage cp.async ring, ldmatrix, B dequantised into registers.
// Tile128K64: the same with 64-wide k tiles (falls back to Tile128 when k % 64 != 0). Auto: Tile128K64.
enum class GemmAlgo { Auto, Tile64, Tile128, Tile128K64 };

// y[m][n] = x[m][k] . W[n][k]^T for any m >= 1, fp32 accumulation (mma.sync m16n8k16), fp16 output.
// x must be 16-byte aligned. Returns cudaErrorInvalidValue for a bad shape, else the launch status.
cudaError_t gemm_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream = nullptr,
                      GemmAlgo algo = GemmAlgo::Auto);

// The INT4 linear layer: gemv_int4 for m <= kGemvMaxM (decode; `overlap` is passed on), gemm_int4 above
// (prefill).
cudaError_t int4_linear(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream = nullptr,
                        GemvOverlap overlap = {});

}  // namespace awq::cuda
