// SPDX-License-Identifier: MIT
#pragma once
// Programmatic dependent launch (PDL, Hopper and later): a kernel launched with it may start while the
// kernel before it in the stream is still running, runs the part that does not read that kernel's output
// (a gemv requesting its weights), and waits in griddepcontrol.wait until the previous grid has finished
// and its writes are visible. The previous kernel lets it start early with griddepcontrol.launch_dependents
// (else it starts when the previous one ends, still saving the launch gap). Decode is a chain of small
// kernels, each of which leaves DRAM idle while it ramps up and drains; PDL lets the next gemv's weight
// stream start during that time.
//
// Rules for a kernel launched with launch_programmatic: before programmatic_wait() it may only read data
// no earlier kernel writes (weights) and may write nothing. Calling programmatic_wait() in a kernel that was
// launched normally returns at once; both device calls compile to nothing below sm_90, where
// launch_programmatic launches normally.
#include "common.cuh"
#include "device_attribute.cuh"

#include <cuda_runtime.h>

#include <utility>

namespace awq::cuda {

__device__ __forceinline__ void programmatic_wait() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.wait;\n" ::: "memory");
#endif
}

__device__ __forceinline__ void programmatic_launch_dependents() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");
#endif
}

// Asks for [p, p + bytes) to be brought into L2 and returns at once (the loads complete in the
// background). sm_90: one bulk prefetch by thread 0 (p and bytes multiples of 16); below, one
// prefetch.global.L2 per 128-byte line spread over the block's threads.
__device__ __forceinline__ void prefetch_l2_range(const void* p, uint32_t bytes) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    if (threadIdx.x == 0) asm volatile("cp.async.bulk.prefetch.L2.global [%0], %1;\n" ::"l"(p), "r"(bytes));
#else
    const uintptr_t first = reinterpret_cast<uintptr_t>(p) & ~uintptr_t(127), end = reinterpret_cast<uintptr_t>(p) + bytes;
    for (uintptr_t a = first + uintptr_t(threadIdx.x) * 128; a < end; a += uintptr_t(blockDim.x) * 128)
        asm volatile("prefetch.global.L2 [%0];\n" ::"l"(a));
#endif
}

// Whether the current device runs programmatic launches (compute capability 9.0 or later).
inline bool programmatic_launch_supported() { return cached_device_attribute<cudaDevAttrComputeCapabilityMajor>() >= 9; }

// kernel<<<grid, block, smem, stream>>>(args...), with programmatic stream serialisation where the device
// supports it and `programmatic` asks for it. Returns the launch status.
template <class... KernelArgs, class... Args>
cudaError_t launch_programmatic(bool programmatic, void (*kernel)(KernelArgs...), dim3 grid, dim3 block, size_t smem,
                                cudaStream_t stream, Args&&... args) {
    cudaLaunchConfig_t config = {};
    config.gridDim = grid;
    config.blockDim = block;
    config.dynamicSmemBytes = smem;
    config.stream = stream;
    cudaLaunchAttribute attribute[1] = {};
    attribute[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
    attribute[0].val.programmaticStreamSerializationAllowed = 1;
    if (programmatic && programmatic_launch_supported()) {
        config.attrs = attribute;
        config.numAttrs = 1;
    }
    return cudaLaunchKernelEx(&config, kernel, std::forward<Args>(args)...);
}

}  // namespace awq::cuda
