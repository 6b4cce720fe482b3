// SPDX-License-Identifier: MIT
// dense_gemm: FP16 linear layer via cuBLAS. Row-major y[m][n] = x[m][k] W[n][k]^T is, read column-major,
// y^T (n x m) = W (op T of the k x n column-major view of W) . x^T (k x m column-major view of x), so one
// cublasGemmEx(T, N, n, m, k) with leading dimensions k, k, n does it without copies. fp32 compute
// (tensor cores are used for fp16 inputs with fp32 accumulation). Also the baseline of the kernel bench.
// dense_gemm_f16_strided: the same call with C's leading dimension ldy > n (a slice of output columns).
// dense_gemm_f16_f32out: the same call with an fp32 C (the model runner's lm_head: float logits).
// Test: tests/gpu/test_gpu_kernels.cpp against a double loop over the same fp16 values.
#include "dense_gemm.cuh"

namespace awq::cuda {

namespace {

// The one cublasGemmEx call both entry points make; only the type of C differs.
cublasStatus_t gemm_xwt(cublasHandle_t handle, const __half* x, int m, const __half* w, int n, int k, void* y,
                        cudaDataType_t y_type, int ldy) {
    if (!handle || !x || !w || !y || m < 1 || n < 1 || k < 1 || ldy < n) return CUBLAS_STATUS_INVALID_VALUE;
    const float alpha = 1.0f, beta = 0.0f;
    return cublasGemmEx(handle, CUBLAS_OP_T, CUBLAS_OP_N, n, m, k, &alpha, w, CUDA_R_16F, k, x, CUDA_R_16F, k,
                        &beta, y, y_type, ldy, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
}

}  // namespace

cublasStatus_t dense_gemm_f16(cublasHandle_t handle, const __half* x, int m, const __half* w, int n, int k,
                              __half* y) {
    return gemm_xwt(handle, x, m, w, n, k, y, CUDA_R_16F, n);
}

cublasStatus_t dense_gemm_f16_strided(cublasHandle_t handle, const __half* x, int m, const __half* w, int n, int k,
                                      __half* y, int ldy) {
    return gemm_xwt(handle, x, m, w, n, k, y, CUDA_R_16F, ldy);
}

cublasStatus_t dense_gemm_f16_f32out(cublasHandle_t handle, const __half* x, int m, const __half* w, int n, int k,
                                     float* y) {
    return gemm_xwt(handle, x, m, w, n, k, y, CUDA_R_32F, n);
}

}  // namespace awq::cuda
