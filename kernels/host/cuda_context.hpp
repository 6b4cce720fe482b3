// SPDX-License-Identifier: MIT
#pragma once
// The host side of one CUDA computation, shared by the model runner and the GPU quantization backend: a
// non-blocking stream, a cuBLAS handle on it, and the one place that words a failed CUDA or cuBLAS call —
// an allocation failure as awq::OutOfMemory with the device's free memory and the caller's advice on how to
// need less, anything else as awq::Error naming the task, the layer and the op.
#include <cublas_v2.h>
#include <cuda_runtime_api.h>

#include <cstddef>
#include <string>

namespace awq::cuda {

// "layer 3 gate_proj" / "lm_head": where a failure happened (layer < 0: no layer).
std::string layer_op(int layer, const std::string& op);

// Throw for a failed call; return for success. `task` prefixes the error ("AWQ quantization"; empty: none).
void check_cuda(cudaError_t e, const std::string& task, const std::string& where, const std::string& advice);
void check_cublas(cublasStatus_t s, const std::string& task, const std::string& where, const std::string& advice);

class CudaContext {
public:
    CudaContext(std::string task, std::string oom_advice);
    ~CudaContext();
    CudaContext(const CudaContext&) = delete;
    CudaContext& operator=(const CudaContext&) = delete;

    std::string where(const std::string& op) const { return layer_op(layer, op); }
    void check(cudaError_t e, const std::string& op) const { check_cuda(e, task_, where(op), advice_); }
    void blas_check(cublasStatus_t s, const std::string& op) const { check_cublas(s, task_, where(op), advice_); }
    void sync(const std::string& op) const { check(cudaStreamSynchronize(stream), op); }
    // Host -> device and device -> host copies that have finished when they return (the host side may be
    // a temporary, or read right after).
    void upload(void* dst, const void* src, size_t bytes, const std::string& op) const;
    void download(void* dst, const void* src, size_t bytes, const std::string& op) const;

    cudaStream_t stream = nullptr;
    cublasHandle_t blas = nullptr;  // bound to `stream`
    int layer = -1;                 // the layer being worked on, named in errors (-1: none)

private:
    std::string task_, advice_;
};

}  // namespace awq::cuda
