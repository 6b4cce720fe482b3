// SPDX-License-Identifier: MIT
#pragma once
// A device attribute of the current device, asked of the driver once per device and attribute (host code;
// launchers that choose a kernel per device call it on every launch).
#include <cuda_runtime_api.h>

#include <array>
#include <atomic>

namespace awq::cuda {

// The attribute's value, or 0 when the device or the attribute cannot be queried.
template <cudaDeviceAttr kAttribute>
int cached_device_attribute() {
    static std::array<std::atomic<int>, 64> cache{};  // per device; 0: not asked yet
    int device = 0;
    if (cudaGetDevice(&device) != cudaSuccess) return 0;
    int value = device < int(cache.size()) ? cache[size_t(device)].load(std::memory_order_relaxed) : 0;
    if (value == 0) {
        if (cudaDeviceGetAttribute(&value, kAttribute, device) != cudaSuccess) return 0;
        if (device < int(cache.size())) cache[size_t(device)].store(value, std::memory_order_relaxed);
    }
    return value;
}

}  // namespace awq::cuda
