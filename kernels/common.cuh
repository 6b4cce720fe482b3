#pragma once
// Shared by every kernel file: error checking and the device-side weight view.
// Launchers return cudaError_t (cudaSuccess or the first failure) and never throw: they are called from
// C++ code that may be compiled without CUDA exceptions in mind, and a status crosses any boundary.
// Host-compilable (included by the tests through the per-kernel .cuh headers).
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

// Evaluates a CUDA runtime call; returns its error from the enclosing function when it fails.
#define AWQ_CUDA_CHECK(call)                        \
    do {                                            \
        const cudaError_t awq_err_ = (call);        \
        if (awq_err_ != cudaSuccess) return awq_err_; \
    } while (0)

// After a <<<...>>> launch: returns the launch error (bad configuration, no kernel image for this GPU).
// Asynchronous execution errors surface at the next synchronising call, which the caller checks.
#define AWQ_LAUNCH_CHECK() AWQ_CUDA_CHECK(cudaGetLastError())

namespace awq::cuda {

// INT4 weights in the GPU layout of awq/gpu/int4_layout.hpp, on the device:
//   qweight [n][k/8] (8 codes per word, field f holds k-offset {0,2,4,6,1,3,5,7}[f]),
//   scales and zeros fp16 [n][k/group]. k and group are multiples of 32; n is any positive width
//   (a multiple of 8 for AutoAWQ checkpoints, which the kernels do not require).
struct Int4Weights {
    const uint32_t* qweight = nullptr;
    const __half* scales = nullptr;
    const __half* zeros = nullptr;
    int n = 0, k = 0, group = 0;
};

// Checks the shape contract above; cudaErrorInvalidValue when it does not hold.
inline cudaError_t check_int4_weights(const Int4Weights& w) {
    if (!w.qweight || !w.scales || !w.zeros || w.n <= 0 || w.k <= 0 || w.group <= 0 || w.k % 32 != 0 ||
        w.group % 32 != 0 || w.k % w.group != 0)
        return cudaErrorInvalidValue;
    return cudaSuccess;
}

}  // namespace awq::cuda
