// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// Element types a weight tensor arrives in (the safetensors dtypes of Llama checkpoints).
enum class SourceType { F32, F16, BF16 };

// dst[i] = fp16(src[i]) for n elements of type `type` on the device (round to nearest even, the same
// rounding as awq::f32_to_f16 on the host; BF16 -> fp16 goes through the exact float value). Used to
// upload BF16/F32 checkpoints without a host conversion pass. src and dst must not overlap.
cudaError_t convert_to_f16(const void* src, SourceType type, __half* dst, long long n, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
