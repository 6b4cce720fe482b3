// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// The group-wise integer quantization of core/include/awq/int4/quantizer.hpp (bits, group size,
// zero point, FP16-rounded scales), on fp32 weights w [rows][in] row-major.
struct GroupQuantSpec {
    int bits = 4;
    int group = 128;  // effective group size (dividing in; `in` for one group per row)
    bool zero_point = true;
    bool fp16_scales = true;
};

// `bad` (device, one value): set to the smallest row * groups + group index of a group that cannot be
// quantized (a non-finite weight, a scale beyond the FP16 range, a negative or NaN clip bound) with
// atomicMin; the caller initialises it to ~0ull (all bits set) and reads it afterwards. Such groups'
// outputs are undefined.

// out = fake_quant(clamp(w * s, -m, m)) / s  [- w], per group, bit for bit as the CPU does it:
//   s = col_scale[i]           when col_scale is given (the AWQ scale-search candidate fq(W * s) / s)
//   m = clip[row][g] * factor  when clip is given ([rows][in / group], the clip search's bounds)
//   - w                        when minus_input (the weight error the losses use: candidate - W)
// out may alias w only without minus_input. CPU references: awq::fake_quantize, fake_quantize_clipped
// plus the scale_columns / division / subtraction the engine does around them.
cudaError_t fake_quantize_f32(const float* w, int rows, int in, GroupQuantSpec spec, const float* col_scale,
                              const float* clip, float clip_factor, bool minus_input, float* out,
                              unsigned long long* bad, cudaStream_t stream = nullptr);

// Codes [rows][in] (0 .. 2^bits - 1; symmetric codes offset by 2^(bits-1)), scales and zero points
// [rows][in / group]: awq::quantize's QuantizedMatrix fields, bit for bit.
cudaError_t quantize_f32(const float* w, int rows, int in, GroupQuantSpec spec, uint8_t* codes, float* scales,
                         int32_t* zeros, unsigned long long* bad, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
