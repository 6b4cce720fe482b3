// SPDX-License-Identifier: MIT
// Scalar reference of fake quantization: the formulas of quantizer.hpp, one element at a time, with
// std::nearbyint (half to even in the default rounding mode) instead of the vectorisable trick.
#include <awq/error.hpp>
#include <awq/int4/quantizer.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace awq {

namespace {

void fake_quantize_group_ref(float* w, int64_t n, const QuantParams& p) {
    float mn = w[0], mx = w[0], absmax = 0.0f;
    for (int64_t i = 0; i < n; ++i) {
        if (!std::isfinite(w[i])) throw InvalidArgument("fake_quantize_ref: non-finite weight");
        mn = std::min(mn, w[i]);
        mx = std::max(mx, w[i]);
        absmax = std::max(absmax, std::fabs(w[i]));
    }
    mn += 0.0f;  // a minimum of -0 is the same as +0; use +0 so zero points never carry a sign
    mx += 0.0f;
    if (p.zero_point) {
        const float max_int = float((1 << p.bits) - 1);
        float scale = std::max(mx - mn, 1e-5f) / max_int;
        if (p.fp16_scales) scale = round_to_f16(scale);
        const float zero = std::clamp(-std::nearbyint(mn / scale), 0.0f, max_int);
        for (int64_t i = 0; i < n; ++i) {
            const float q = std::clamp(std::nearbyint(w[i] / scale) + zero, 0.0f, max_int);
            w[i] = (q - zero) * scale;
        }
    } else {
        const float max_int = float((1 << (p.bits - 1)) - 1);
        const float min_int = -float(1 << (p.bits - 1));
        float scale = std::max(absmax, 1e-5f) / max_int;
        if (p.fp16_scales) scale = round_to_f16(scale);
        for (int64_t i = 0; i < n; ++i) w[i] = std::clamp(std::nearbyint(w[i] / scale), min_int, max_int) * scale;
    }
}

}  // namespace

void fake_quantize_ref(float* w, int64_t out, int64_t in, const QuantParams& p) {
    const int64_t gs = resolve_group_size(p, in);
    for (int64_t o = 0; o < out; ++o)
        for (int64_t g = 0; g < in / gs; ++g) fake_quantize_group_ref(w + o * in + g * gs, gs, p);
}

}  // namespace awq
