// SPDX-License-Identifier: MIT
#include "cuda_context.hpp"

#include "device_memory.hpp"

#include <awq/error.hpp>

#include <utility>

namespace awq::cuda {

namespace {

std::string in(const std::string& task, const std::string& where) { return task.empty() ? where : task + ", " + where; }

}  // namespace

std::string layer_op(int layer, const std::string& op) { return layer >= 0 ? "layer " + std::to_string(layer) + " " + op : op; }

void check_cuda(cudaError_t e, const std::string& task, const std::string& where, const std::string& advice) {
    if (e == cudaSuccess) return;
    cudaGetLastError();  // a non-sticky error must not resurface at the next launch check
    if (e == cudaErrorMemoryAllocation)
        throw OutOfMemory("GPU out of memory in " + where + " (the device has " + device_memory_note() + "): " + advice);
    throw Error("CUDA error in " + in(task, where) + ": " + cuda_message(e));
}

void check_cublas(cublasStatus_t s, const std::string& task, const std::string& where, const std::string& advice) {
    if (s == CUBLAS_STATUS_SUCCESS) return;
    if (s == CUBLAS_STATUS_ALLOC_FAILED)
        throw OutOfMemory("GPU out of memory in cuBLAS (" + where + "; the device has " + device_memory_note() +
                          "): " + advice);
    throw Error("cuBLAS error in " + in(task, where) + ": " + cublasGetStatusName(s) + " (" + cublasGetStatusString(s) +
                ")");
}

CudaContext::CudaContext(std::string task, std::string oom_advice)
    : task_(std::move(task)), advice_(std::move(oom_advice)) {
    check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
    const cublasStatus_t created = cublasCreate(&blas);
    if (created != CUBLAS_STATUS_SUCCESS) blas = nullptr;
    cublasStatus_t bound = CUBLAS_STATUS_SUCCESS;
    if (blas) bound = cublasSetStream(blas, stream);
    if (created != CUBLAS_STATUS_SUCCESS || bound != CUBLAS_STATUS_SUCCESS) {
        if (blas) cublasDestroy(blas);
        cudaStreamDestroy(stream);
        blas = nullptr;
        stream = nullptr;
        blas_check(created != CUBLAS_STATUS_SUCCESS ? created : bound,
                   created != CUBLAS_STATUS_SUCCESS ? "cublasCreate" : "cublasSetStream");
    }
}

void CudaContext::upload(void* dst, const void* src, size_t bytes, const std::string& op) const {
    if (bytes == 0) return;
    check(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyHostToDevice, stream), op);
    sync(op);
}

void CudaContext::download(void* dst, const void* src, size_t bytes, const std::string& op) const {
    if (bytes == 0) return;
    check(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, stream), op);
    sync(op);
}

CudaContext::~CudaContext() {
    if (blas) cublasDestroy(blas);
    if (stream) cudaStreamDestroy(stream);
}

}  // namespace awq::cuda
