// SPDX-License-Identifier: MIT
#pragma once
// F16 -> F32 with the F16C instruction (f16_convert_f16c.cpp); call only when f16c_available().
#include <cstddef>

namespace awq::io_detail {

bool f16c_available();
// dst[i] = the F16 src[i] as float, i < n (src any alignment).
void f16_to_f32_f16c(const void* src, float* dst, size_t n);

}  // namespace awq::io_detail
