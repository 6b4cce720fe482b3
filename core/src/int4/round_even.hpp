// SPDX-License-Identifier: MIT
#pragma once
// torch.round (half to even) for every float, written so that the compiler can vectorise it: adding and
// subtracting 2^23 rounds |x| < 2^23 to an integer in the current (nearest-even) mode; larger floats are
// integers already. Equal to std::nearbyint for every finite float (quantizer_ref.cpp uses that).
namespace awq {

inline float round_even(float x) {
    constexpr float big = 8388608.0f;
    const float a = __builtin_fabsf(x);  // builtins: <cmath>'s inline wrappers are not inlined under
    const float r = (a + big) - big;     // a different optimize option of the including region
    return __builtin_copysignf(a < big ? r : a, x);
}

}  // namespace awq
