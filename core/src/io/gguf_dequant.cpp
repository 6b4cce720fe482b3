// SPDX-License-Identifier: MIT
// GGUF's 32-element block formats, as llama.cpp's specification defines them:
//   Q8_0: f16 d, 32 x int8 q                    x = q * d
//   Q4_0: f16 d, 16 bytes (low nibbles = elements 0..15, high nibbles = 16..31)   x = (q - 8) * d
//   Q4_1: f16 d, f16 m, 16 bytes as Q4_0        x = q * d + m
// The quantizers compute what llama.cpp's quantize_row_*_ref compute, in the same float operations and
// order (one rounding per operation; the build targets baseline x86-64, where nothing is fused), so the
// bytes match gguf-py's gguf.quants.quantize, which test_gguf checks.
#include <awq/error.hpp>
#include <awq/io/dtype.hpp>
#include <awq/io/gguf.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

namespace awq {

namespace {

constexpr size_t kBlock = 32;

void check_blocks(size_t n, const char* what) {
    if (n % kBlock != 0)
        throw InvalidArgument(std::string(what) + ": " + std::to_string(n) + " elements are not a whole number of " +
                              "32-element blocks");
}

float load_f16(const std::byte* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return f16_to_f32(v);
}

void store_f16(std::byte* p, float x) {
    const uint16_t v = f32_to_f16(x);
    std::memcpy(p, &v, 2);
}

// The reference's (int8_t) casts and MIN(15, ...), defined for every float: for the finite values a block
// produces ([0.5, 16.5] for the 4-bit codes, [-127, 127] for Q8_0) they give the same codes; a NaN or an
// infinity (undefined behaviour in the reference) gives a clamped code instead.
int nibble(float v) { return !(v >= 0.0f) ? 0 : v >= 15.0f ? 15 : int(v); }
int8_t to_i8(float v) { return !(v == v) ? 0 : v >= 127.0f ? 127 : v <= -127.0f ? -127 : int8_t(v); }

}  // namespace

void dequantize_q8_0(const std::byte* src, float* dst, size_t n) {
    check_blocks(n, "Q8_0");
    for (size_t b = 0; b < n / kBlock; ++b, src += 34, dst += kBlock) {
        const float d = load_f16(src);
        for (size_t j = 0; j < kBlock; ++j) dst[j] = float(int8_t(src[2 + j])) * d;
    }
}

void dequantize_q4_0(const std::byte* src, float* dst, size_t n) {
    check_blocks(n, "Q4_0");
    for (size_t b = 0; b < n / kBlock; ++b, src += 18, dst += kBlock) {
        const float d = load_f16(src);
        for (size_t j = 0; j < 16; ++j) {
            const auto q = uint8_t(src[2 + j]);
            dst[j] = float(int(q & 0x0f) - 8) * d;
            dst[j + 16] = float(int(q >> 4) - 8) * d;
        }
    }
}

void dequantize_q4_1(const std::byte* src, float* dst, size_t n) {
    check_blocks(n, "Q4_1");
    for (size_t b = 0; b < n / kBlock; ++b, src += 20, dst += kBlock) {
        const float d = load_f16(src);
        const float m = load_f16(src + 2);
        for (size_t j = 0; j < 16; ++j) {
            const auto q = uint8_t(src[4 + j]);
            dst[j] = float(q & 0x0f) * d + m;
            dst[j + 16] = float(q >> 4) * d + m;
        }
    }
}

void quantize_q8_0(const float* src, std::byte* dst, size_t n) {
    check_blocks(n, "Q8_0");
    for (size_t b = 0; b < n / kBlock; ++b, src += kBlock, dst += 34) {
        float amax = 0.0f;
        for (size_t j = 0; j < kBlock; ++j) amax = std::max(amax, std::fabs(src[j]));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        store_f16(dst, d);
        for (size_t j = 0; j < kBlock; ++j) dst[2 + j] = std::byte(uint8_t(to_i8(std::roundf(src[j] * id))));
    }
}

void quantize_q4_0(const float* src, std::byte* dst, size_t n) {
    check_blocks(n, "Q4_0");
    for (size_t b = 0; b < n / kBlock; ++b, src += kBlock, dst += 18) {
        // The value of largest magnitude (the first one on ties) maps to -8: the scale keeps its sign.
        float amax = 0.0f, max = 0.0f;
        for (size_t j = 0; j < kBlock; ++j) {
            if (amax < std::fabs(src[j])) {
                amax = std::fabs(src[j]);
                max = src[j];
            }
        }
        const float d = max / -8.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        store_f16(dst, d);
        for (size_t j = 0; j < 16; ++j) {
            const float x0 = src[j] * id;
            const float x1 = src[j + 16] * id;
            const int q0 = nibble(x0 + 8.5f);
            const int q1 = nibble(x1 + 8.5f);
            dst[2 + j] = std::byte(uint8_t(q0 | (q1 << 4)));
        }
    }
}

void quantize_q4_1(const float* src, std::byte* dst, size_t n) {
    check_blocks(n, "Q4_1");
    for (size_t b = 0; b < n / kBlock; ++b, src += kBlock, dst += 20) {
        float min = FLT_MAX, max = -FLT_MAX;
        for (size_t j = 0; j < kBlock; ++j) {
            min = std::min(min, src[j]);
            max = std::max(max, src[j]);
        }
        const float d = (max - min) / 15.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        store_f16(dst, d);
        store_f16(dst + 2, min);
        for (size_t j = 0; j < 16; ++j) {
            const float x0 = (src[j] - min) * id;
            const float x1 = (src[j + 16] - min) * id;
            const int q0 = nibble(x0 + 0.5f);
            const int q1 = nibble(x1 + 0.5f);
            dst[4 + j] = std::byte(uint8_t(q0 | (q1 << 4)));
        }
    }
}

std::vector<float> gguf_tensor_to_f32(const GgufTensor& t) {
    const auto n = size_t(t.numel());
    std::vector<float> out(n);
    const std::byte* p = t.data.data();
    switch (t.type) {
    case GgmlType::F32: convert_to_f32(DType::F32, p, out.data(), n); break;
    case GgmlType::F16: convert_to_f32(DType::F16, p, out.data(), n); break;
    case GgmlType::BF16: convert_to_f32(DType::BF16, p, out.data(), n); break;
    case GgmlType::F64: convert_to_f32(DType::F64, p, out.data(), n); break;
    case GgmlType::Q8_0: dequantize_q8_0(p, out.data(), n); break;
    case GgmlType::Q4_0: dequantize_q4_0(p, out.data(), n); break;
    case GgmlType::Q4_1: dequantize_q4_1(p, out.data(), n); break;
    default:
        throw Unsupported("tensor '" + t.name + "': converting " + std::string(ggml_type_info(t.type).name) +
                          " to float is not supported (only F32, F16, BF16, F64, Q4_0, Q4_1, Q8_0)");
    }
    return out;
}

}  // namespace awq
