// SPDX-License-Identifier: MIT
#pragma once
// Group-wise integer quantization of linear weights, as AWQ (Lin et al., MLSys 2024) and AutoAWQ do it.
//
// Weights are PyTorch Linear layout W[out, in] row-major float32. Groups of `group_size` consecutive
// inputs share one scale (and zero point); group_size = -1 means one group per row (the whole input).
//
// Asymmetric (zero_point = true), max_int = 2^bits - 1:
//     scale = clamp(max - min, min = 1e-5) / max_int
//     zero  = clamp(-round(min / scale), 0, max_int)
//     q     = clamp(round(w / scale) + zero, 0, max_int);     dequant = (q - zero) * scale
// Symmetric (zero_point = false), max_int = 2^(bits-1) - 1, min_int = -2^(bits-1):
//     scale = clamp(absmax, min = 1e-5) / max_int
//     s     = clamp(round(w / scale), min_int, max_int);      dequant = s * scale
// round() is round-half-to-even (torch.round). Arithmetic is float32, in the reference's order.
#include <cstdint>
#include <vector>

namespace awq {

struct QuantParams {
    int bits = 4;            // 2..8
    int group_size = 128;    // > 0 and dividing `in`, or -1 for one group per row
    bool zero_point = true;  // asymmetric (true) or symmetric (false)
    // Round every scale to the nearest FP16 value BEFORE computing zero points and codes, so that the
    // codes are exactly those an exported (FP16-scale) AutoAWQ checkpoint represents.
    bool fp16_scales = true;
};

// Checks `p` against a row width `in`; returns the effective group size (in for -1).
// Throws InvalidArgument (bits outside 2..8, group size 0 / < -1 / not dividing in, in <= 0).
int64_t resolve_group_size(const QuantParams& p, int64_t in);

// Nearest FP16 value of s (as float): what an FP16 scales tensor stores.
float round_to_f16(float s);

// Integer codes plus per-group scales and zero points of a W[out, in].
//
// One representation for both modes, so that every consumer uses dequant = (q - zero) * scale:
// symmetric codes s in [-2^(bits-1), 2^(bits-1)) are stored offset as q = s + 2^(bits-1), with
// zero = 2^(bits-1) for every group (`zero_point` records which mode produced them). For 4 bits this is
// exactly how a symmetric matrix is written in AutoAWQ's GEMM format (codes + 8, zero 8).
struct QuantizedMatrix {
    int64_t out = 0, in = 0;
    int bits = 4;
    int64_t group_size = 0;       // effective (never -1): in / group_size groups per row
    bool zero_point = true;
    std::vector<uint8_t> q;       // [out][in], 0 .. 2^bits - 1
    std::vector<float> scales;    // [out][groups]
    std::vector<int32_t> zeros;   // [out][groups], 0 .. 2^bits - 1

    int64_t groups() const { return group_size > 0 ? in / group_size : 0; }
    // W'[out, in] row-major: (q - zero) * scale, float32.
    std::vector<float> dequantize() const;
};

// One group's scale and stored zero point from its range [mn, mx] (the group's min and max, or a narrower
// range chosen by a clip search), by the formulas above exactly as quantize() computes them (symmetric:
// zero = 2^(bits-1)). Codes are then q = clamp(round(w / scale) + zero, 0, 2^bits - 1) in both modes.
// The scale may come out infinite (beyond FP16) for huge ranges; callers check.
struct GroupParams {
    float scale;
    int32_t zero;
};
GroupParams group_params(float mn, float mx, const QuantParams& p);

// Quantizes W[out, in]. Throws InvalidArgument for bad parameters, non-finite weights, or (fp16_scales)
// a scale beyond the FP16 range.
QuantizedMatrix quantize(const float* w, int64_t out, int64_t in, const QuantParams& p);

// In place: w <- dequantize(quantize(w)). OpenMP over rows; bit-identical to fake_quantize_ref.
void fake_quantize(float* w, int64_t out, int64_t in, const QuantParams& p);
// Scalar, straightforward twin of fake_quantize (the formulas above, one element at a time).
void fake_quantize_ref(float* w, int64_t out, int64_t in, const QuantParams& p);

// AWQ's clip search: first clamps every group to [-max_abs, max_abs] with max_abs_per_group laid out
// [out][groups], then fake-quantizes in place.
void fake_quantize_clipped(float* w, int64_t out, int64_t in, const QuantParams& p,
                           const float* max_abs_per_group);

}  // namespace awq
