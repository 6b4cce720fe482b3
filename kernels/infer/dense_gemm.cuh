// SPDX-License-Identifier: MIT
#pragma once
// The FP16 dense linear layer (original, unquantised models) through cuBLAS.
#include "common.cuh"

#include <cublas_v2.h>

namespace awq::cuda {

// y[m][n] = x[m][k] . W[n][k]^T with W in PyTorch Linear layout, fp16 in and out, fp32 accumulation
// (cublasGemmEx, CUBLAS_COMPUTE_32F). Returns the cuBLAS status (CUBLAS_STATUS_INVALID_VALUE for a bad
// shape). The handle's stream is used.
cublasStatus_t dense_gemm_f16(cublasHandle_t handle, const __half* x, int m, const __half* w, int n, int k,
                              __half* y);

// The same product written into columns of a wider matrix: y[i][j] at y + i * ldy + j, ldy >= n (the
// chunked long-prompt INT4 linear writes one slice of output features at a time).
cublasStatus_t dense_gemm_f16_strided(cublasHandle_t handle, const __half* x, int m, const __half* w, int n, int k,
                                      __half* y, int ldy);

// The same product with an fp32 output y[m][n] (cublasGemmEx with C in CUDA_R_32F): the lm_head, so that
// logits reach the host without an fp16 rounding (ulp 2^-6 at |logit| = 16 would blur sampling).
cublasStatus_t dense_gemm_f16_f32out(cublasHandle_t handle, const __half* x, int m, const __half* w, int n, int k,
                                     float* y);

}  // namespace awq::cuda
