// SPDX-License-Identifier: MIT
#include "device_memory.hpp"

#include <awq/error.hpp>

#include <cstdio>
#include <utility>

namespace awq::cuda {

std::string mib(size_t bytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f MiB", double(bytes) / double(1 << 20));
    return buf;
}

std::string device_memory_note() {
    size_t free_bytes = 0, total_bytes = 0;
    if (cudaMemGetInfo(&free_bytes, &total_bytes) != cudaSuccess) {
        cudaGetLastError();  // not sticky: must not resurface at the next check
        return "an unknown amount free";
    }
    return mib(free_bytes) + " free of " + mib(total_bytes);
}

std::string cuda_message(cudaError_t e) {
    return std::string(cudaGetErrorName(e)) + " (" + cudaGetErrorString(e) + ")";
}

DeviceMemory::DeviceMemory(size_t bytes, const std::string& what, const char* advice) : bytes_(bytes) {
    if (bytes == 0) return;
    const cudaError_t e = cudaMalloc(&p_, bytes);
    if (e == cudaSuccess) return;
    p_ = nullptr;
    bytes_ = 0;
    cudaGetLastError();
    if (e == cudaErrorMemoryAllocation)
        throw OutOfMemory("GPU out of memory: could not allocate " + mib(bytes) + " for " + what + " (the device has " +
                          device_memory_note() + "): " + advice);
    throw Error("cudaMalloc of " + what + " (" + mib(bytes) + ") failed: " + cuda_message(e));
}

DeviceMemory::~DeviceMemory() {
    if (p_) cudaFree(p_);
}

DeviceMemory::DeviceMemory(DeviceMemory&& o) noexcept
    : p_(std::exchange(o.p_, nullptr)), bytes_(std::exchange(o.bytes_, 0)) {}

DeviceMemory& DeviceMemory::operator=(DeviceMemory&& o) noexcept {
    if (this != &o) {
        if (p_) cudaFree(p_);
        p_ = std::exchange(o.p_, nullptr);
        bytes_ = std::exchange(o.bytes_, 0);
    }
    return *this;
}

}  // namespace awq::cuda
