// SPDX-License-Identifier: MIT
#pragma once
// The model runner's weights on the device and how they are made (model_runner.cpp keeps the forward pass):
// uploaded from a Model's linears (dense F16/BF16/F32 converted to fp16 in chunks through a staging buffer,
// INT4 repacked to the GPU layout), made up for a synthetic benchmark model, and merged (q|k|v, gate|up)
// into one linear per shared input. Also the runner's device buffer and size checks, which both halves use.
#include "common.cuh"
#include "cuda_context.hpp"
#include "device_memory.hpp"
#include "model_runner.hpp"

#include <awq/io/dtype.hpp>
#include <awq/model/linear.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace awq::cuda {

// What the runner's out-of-memory errors advise.
extern const char* const kRunnerOomAdvice;

// bytes = elem * product(dims), refusing negative dims and overflow (an absurd request is an OOM).
size_t checked_bytes(std::initializer_list<int64_t> dims, size_t elem, const std::string& what);
// v as an int for the kernels' arguments: Unsupported outside 1..2^31-1.
int to_int(int64_t v, const char* what);

// Device memory of the runner: an allocation failure says how to need less (device_memory.hpp).
class DeviceBuffer : public DeviceMemory {
public:
    DeviceBuffer() = default;
    DeviceBuffer(size_t bytes, const std::string& what) : DeviceMemory(bytes, what, kRunnerOomAdvice) {}
};

// One linear layer on the device: fp16 dense [out][in] or INT4 (GPU layout), plus an optional fp16 bias.
// `parts` > 1: the output rows of that many model linears concatenated (qkv, gate_up).
struct GpuLinear {
    int in = 0, out = 0, group = 0, parts = 1;
    bool int4 = false;
    DeviceBuffer w;                        // dense
    DeviceBuffer qweight, scales, zeros;   // INT4
    DeviceBuffer bias;
    Int4Weights view() const { return {qweight.as<uint32_t>(), scales.h(), zeros.h(), out, in, group}; }
    size_t bytes() const { return w.bytes() + qweight.bytes() + scales.bytes() + zeros.bytes() + bias.bytes(); }
    explicit operator bool() const { return out > 0; }
};

struct GpuLayer {
    GpuLinear q, k, v, o, gate, up, down;
    GpuLinear qkv, gate_up;  // q|k|v and gate|up merged (then q, k, v / gate, up are empty)
    DeviceBuffer input_norm, post_norm, q_norm, k_norm;  // fp16; q_norm/k_norm only for qwen3
    std::array<const GpuLinear*, 9> linears() const { return {&q, &k, &v, &qkv, &o, &gate, &up, &gate_up, &down}; }
    size_t bytes() const {
        size_t b = input_norm.bytes() + post_norm.bytes() + q_norm.bytes() + k_norm.bytes();
        for (const GpuLinear* l : linears()) b += l->bytes();
        return b;
    }
};

// Makes the runner's weights on `cuda`'s stream; every call has finished when it returns (host sources may
// be temporaries or memory-mapped).
class WeightUploader {
public:
    explicit WeightUploader(const CudaContext& cuda) : cuda_(cuda) {}

    void upload(void* dst, const void* src, size_t bytes, const std::string& what) {
        cuda_.upload(dst, src, bytes, what);
    }
    DeviceBuffer upload_f16(const std::vector<float>& v, const std::string& what);
    // rows x cols of a dense F16/BF16/F32 tensor in host memory (often memory-mapped) -> fp16 on the device.
    DeviceBuffer upload_dense(DType dt, const void* data, int64_t rows, int64_t cols, const std::string& what);
    GpuLinear upload_linear(const Linear* lin, const std::string& name);
    GpuLinear synthetic_linear(int in, int out, const SyntheticWeights& s, uint64_t seed, const std::string& name);
    // q|k|v and gate|up of a loaded layer as one linear each where the parts allow (qwen3's q/k norms: not qkv).
    void merge_layer_linears(GpuLayer& G, const std::string& prefix);
    void release_staging() { staging_ = DeviceBuffer(); }

private:
    GpuLinear merge_linears(std::initializer_list<GpuLinear*> parts, const std::string& name);
    void check(cudaError_t e, const std::string& what) const { cuda_.check(e, what); }
    void sync(const std::string& what) const { cuda_.sync(what); }

    const CudaContext& cuda_;
    DeviceBuffer staging_;  // BF16/F32 upload chunks, allocated on first use
};

}  // namespace awq::cuda
