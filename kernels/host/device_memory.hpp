// SPDX-License-Identifier: MIT
#pragma once
// Device memory for the host code of awq_gpu (the model runner and the GPU quantization backend): an RAII
// buffer whose failed cudaMalloc throws awq::OutOfMemory naming the buffer, its size, the device's free
// memory and what to do about it (the advice differs between inference and quantization), and the MiB /
// free-memory wording both use in their messages.
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstddef>
#include <string>

namespace awq::cuda {

std::string mib(size_t bytes);                 // "12.3 MiB"
std::string device_memory_note();              // "X MiB free of Y MiB" (or "an unknown amount free")
std::string cuda_message(cudaError_t e);       // "cudaErrorX (description)"

class DeviceMemory {
public:
    DeviceMemory() = default;
    // Throws OutOfMemory ("GPU out of memory: could not allocate N MiB for <what> (...): <advice>") or, for
    // other failures, awq::Error naming the buffer.
    DeviceMemory(size_t bytes, const std::string& what, const char* advice);
    ~DeviceMemory();
    DeviceMemory(DeviceMemory&& o) noexcept;
    DeviceMemory& operator=(DeviceMemory&& o) noexcept;
    DeviceMemory(const DeviceMemory&) = delete;
    DeviceMemory& operator=(const DeviceMemory&) = delete;

    void* get() const { return p_; }
    __half* h() const { return static_cast<__half*>(p_); }
    float* f() const { return static_cast<float*>(p_); }
    template <class T>
    T* as() const {
        return static_cast<T*>(p_);
    }
    size_t bytes() const { return bytes_; }
    explicit operator bool() const { return p_ != nullptr; }

private:
    void* p_ = nullptr;
    size_t bytes_ = 0;
};

}  // namespace awq::cuda
