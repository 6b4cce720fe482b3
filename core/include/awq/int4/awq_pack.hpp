// SPDX-License-Identifier: MIT
#pragma once
// AutoAWQ "GEMM" checkpoint tensors (what vLLM and transformers load as quant_method "awq", version
// "gemm"), for a linear W[out, in] with group size g:
//     qweight     int32 [in, out/8]      codes q[i, o]
//     qzeros      int32 [in/g, out/8]    integer zero points z[i/g, o] (0..15)
//     scales      fp16  [in/g, out]
// Packing runs along the OUTPUT dimension: in packed column c, the 4-bit field k (bits 4k..4k+3 from the
// least significant bit) holds output column 8c + kAwqOrder[k]. qzeros are packed the same way.
// Dequantisation: W[o, i] = (q[i, o] - z[i/g, o]) * scale[i/g, o].
#include <awq/int4/quantizer.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace awq {

inline constexpr int kAwqOrder[8] = {0, 2, 4, 6, 1, 3, 5, 7};
// Field that holds output column 8c + j: the inverse permutation of kAwqOrder.
inline constexpr int kAwqField[8] = {0, 4, 1, 5, 2, 6, 3, 7};

// Borrowed tensors (e.g. from a memory-mapped safetensors file; no alignment needed), with the shapes
// the file declares. `group` is the checkpoint's group size (-1 = whole input) or 0 to infer it from
// the shapes. Data are little-endian.
struct AwqGemmView {
    const void* qweight = nullptr;
    int64_t qweight_rows = 0, qweight_cols = 0;
    const void* qzeros = nullptr;
    int64_t qzeros_rows = 0, qzeros_cols = 0;
    const void* scales_f16 = nullptr;
    int64_t scales_rows = 0, scales_cols = 0;
    int64_t group = 0;
};

struct AwqGemmTensors {
    std::vector<int32_t> qweight;      // [in][out/8]
    std::vector<int32_t> qzeros;       // [in/group][out/8]
    std::vector<uint16_t> scales_f16;  // [in/group][out]
    int64_t in = 0, out = 0, group = 0;  // group is the effective size (never -1)

    // A view with the shapes implied by in/out/group. Throws FormatError (naming `name`) when a
    // vector's size disagrees with them.
    AwqGemmView view(const std::string& name) const;
};

// Effective dimensions of a validated view.
struct AwqGemmShape {
    int64_t in, out, group;
};
// Checks shapes (qweight [in, out/8], qzeros [in/g, out/8], scales [in/g, out], out % 8 == 0, g dividing
// in and agreeing with view.group when that is given). Throws FormatError naming `name`.
AwqGemmShape validate_awq_gemm(const AwqGemmView& v, const std::string& name);

// Packs a 4-bit QuantizedMatrix. Scales are rounded to FP16 here (exact when quantized with fp16_scales).
// Symmetric matrices need nothing special: QuantizedMatrix stores them as codes + 8 with zero 8, which
// is how they must be written in this format (AutoAWQ's own GEMM export requires zero points, and every
// loader dequantises (q - z) * s, so z = 8 reproduces s * (q - 8) exactly).
// Throws Unsupported for bits != 4 or out % 8 != 0, InvalidArgument for codes / zeros outside 0..15.
AwqGemmTensors pack_awq_gemm(const QuantizedMatrix& m, const std::string& name = "weight");

// The inverse: codes, zero points and FP16 scales (as float) back into a QuantizedMatrix (bits 4,
// zero_point true). Throws FormatError naming `name` for inconsistent shapes or non-finite scales.
QuantizedMatrix unpack_awq_gemm(const AwqGemmView& v, const std::string& name);
QuantizedMatrix unpack_awq_gemm(const AwqGemmTensors& t, const std::string& name);

// Reads one little-endian int32 word of a packed tensor (no alignment assumed).
uint32_t awq_word(const void* base, int64_t index);

}  // namespace awq
