// SPDX-License-Identifier: MIT
#include "io/f16_convert_f16c.hpp"

#include <awq/error.hpp>
#include <awq/io/dtype.hpp>

#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

namespace awq {

size_t dtype_size(DType t) {
    switch (t) {
        case DType::F64: case DType::I64: return 8;
        case DType::F32: case DType::I32: return 4;
        case DType::F16: case DType::BF16: case DType::I16: return 2;
        case DType::I8: case DType::U8: case DType::BOOL: return 1;
    }
    return 0;
}

std::string_view dtype_name(DType t) {
    switch (t) {
        case DType::F32: return "F32";
        case DType::F16: return "F16";
        case DType::BF16: return "BF16";
        case DType::F64: return "F64";
        case DType::I64: return "I64";
        case DType::I32: return "I32";
        case DType::I16: return "I16";
        case DType::I8: return "I8";
        case DType::U8: return "U8";
        case DType::BOOL: return "BOOL";
    }
    return "?";
}

bool parse_dtype(std::string_view name, DType& out) {
    static constexpr DType all[] = {DType::F32, DType::F16, DType::BF16, DType::F64, DType::I64,
                                    DType::I32, DType::I16, DType::I8,   DType::U8,  DType::BOOL};
    for (DType t : all) {
        if (dtype_name(t) == name) {
            out = t;
            return true;
        }
    }
    return false;
}


uint16_t f32_to_bf16(float v) {
    uint32_t bits = std::bit_cast<uint32_t>(v);
    if (std::isnan(v)) return uint16_t((bits >> 16) | 0x40);  // keep it a NaN
    bits += 0x7fff + ((bits >> 16) & 1);                        // round to nearest even
    return uint16_t(bits >> 16);
}

float f16_to_f32(uint16_t h) {
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {  // subnormal: normalise
            int e = -1;
            do { ++e; mant <<= 1; } while ((mant & 0x400) == 0);
            bits = sign | (uint32_t(127 - 15 - e) << 23) | ((mant & 0x3ff) << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    return std::bit_cast<float>(bits);
}

uint16_t f32_to_f16(float f) {
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint16_t sign = uint16_t((x >> 16) & 0x8000);
    const uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u) return sign | 0x7c00 | (absx > 0x7f800000u ? 0x200 : 0);  // inf / nan
    if (absx >= 0x477ff000u) return sign | 0x7c00;  // rounds past the largest half: overflow to inf
    if (absx < 0x38800000u) {                        // result is subnormal or zero
        // Scale so that the half subnormal unit (2^-24) becomes 1, then round to nearest even.
        const float scaled = std::bit_cast<float>(absx) * 16777216.0f;
        const float r = std::nearbyint(scaled);
        return sign | uint16_t(r);
    }
    uint32_t mant = absx & 0x7fffff;
    uint32_t exp = (absx >> 23) - 127 + 15;
    uint32_t h = (exp << 10) | (mant >> 13);
    const uint32_t rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (h & 1))) ++h;  // may carry into the exponent: correct
    return sign | uint16_t(h);
}

namespace {

// Tensors inside a mapped file need not be aligned to their element size: load through memcpy.
template <typename T>
T load(const std::byte* p, size_t i) {
    T v;
    std::memcpy(&v, p + i * sizeof(T), sizeof(T));
    return v;
}

}  // namespace

void convert_to_f32(DType t, const void* src, float* dst, size_t n) {
    const auto* s = static_cast<const std::byte*>(src);
    switch (t) {
        case DType::F32:
            if (n > 0) std::memcpy(dst, src, n * sizeof(float));
            return;
        case DType::BF16:
            for (size_t i = 0; i < n; ++i) dst[i] = bf16_to_f32(load<uint16_t>(s, i));
            return;
        case DType::F16: {
            // vcvtph2ps where the CPU has it (prefill converts every weight block through here); it
            // differs from the table only in quieting signalling NaNs.
            if (io_detail::f16c_available()) return io_detail::f16_to_f32_f16c(src, dst, n);
            // Else a 256 KiB table of all 65536 halves: branch-free and much faster than the bit fiddling.
            static const std::vector<float> table = [] {
                std::vector<float> t(65536);
                for (uint32_t h = 0; h < 65536; ++h) t[h] = f16_to_f32(uint16_t(h));
                return t;
            }();
            for (size_t i = 0; i < n; ++i) dst[i] = table[load<uint16_t>(s, i)];
            return;
        }
        case DType::F64:
            for (size_t i = 0; i < n; ++i) dst[i] = float(load<double>(s, i));
            return;
        default:
            throw InvalidArgument("cannot convert " + std::string(dtype_name(t)) + " to float");
    }
}

}  // namespace awq
