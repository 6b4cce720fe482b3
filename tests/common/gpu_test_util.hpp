// SPDX-License-Identifier: MIT
#pragma once
// Helpers of the gpu-labelled tests: device detection (the tests skip themselves without a GPU), a CUDA
// status check, and device buffers poisoned with 0xFF bytes (NaN for fp16 / fp32 / fp64) so that elements
// a kernel forgot to write are caught.
#include <QtTest>

#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <algorithm>
#include <vector>

namespace awq::test {

inline bool have_device() {
    int n = 0;
    const bool ok = cudaGetDeviceCount(&n) == cudaSuccess && n > 0;
    cudaGetLastError();  // "no device" must not resurface at a later check
    return ok;
}

// Device memory of n elements of T, poisoned; from a host vector, a copy of it.
template <class T>
struct DevBuf {
    T* p = nullptr;
    size_t n = 0;
    explicit DevBuf(size_t count) : n(count) {
        if (cudaMalloc(reinterpret_cast<void**>(&p), std::max<size_t>(n, 1) * sizeof(T)) != cudaSuccess) p = nullptr;
        else poison();
    }
    DevBuf(const std::vector<T>& v) : DevBuf(v.size()) {
        if (p) cudaMemcpy(p, v.data(), n * sizeof(T), cudaMemcpyHostToDevice);
    }
    ~DevBuf() { cudaFree(p); }
    DevBuf(const DevBuf&) = delete;
    DevBuf& operator=(const DevBuf&) = delete;
    std::vector<T> get() const {
        std::vector<T> v(n);
        cudaMemcpy(v.data(), p, n * sizeof(T), cudaMemcpyDeviceToHost);
        return v;
    }
    void poison() { cudaMemset(p, 0xFF, n * sizeof(T)); }
    __half* h() const { return reinterpret_cast<__half*>(p); }
};

}  // namespace awq::test

#define REQUIRE_DEVICE() \
    if (!awq::test::have_device()) QSKIP("no CUDA device (cudaGetDeviceCount reports none)")
#define CUDA_OK(call) QCOMPARE(cudaGetErrorName(call), cudaGetErrorName(cudaSuccess))
