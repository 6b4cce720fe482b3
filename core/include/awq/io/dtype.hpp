// SPDX-License-Identifier: MIT
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace awq {

// Element types found in safetensors files (the names are safetensors' own).
enum class DType : uint8_t { F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL };

size_t dtype_size(DType t);
std::string_view dtype_name(DType t);        // "F32", "BF16", ...
bool parse_dtype(std::string_view name, DType& out);  // false for unknown names

// Scalar conversions used by the CPU code paths (round-to-nearest-even for the narrowing ones).
// BF16 is the top half of an F32: inline so conversion loops vectorise.
inline float bf16_to_f32(uint16_t v) { return std::bit_cast<float>(uint32_t(v) << 16); }
float f16_to_f32(uint16_t v);
uint16_t f32_to_bf16(float v);
uint16_t f32_to_f16(float v);

// Converts n elements of a floating dtype (F32, F16, BF16, F64) to float. Throws InvalidArgument for others.
void convert_to_f32(DType t, const void* src, float* dst, size_t n);

}  // namespace awq
