// SPDX-License-Identifier: MIT
// Scalar twin of the dense dot kernels: convert each weight with the scalar conversions, multiply-add in
// double, round once. The reference the AVX2 kernels are tested against, and the path on CPUs without
// AVX2/FMA/F16C.
#include <awq/cpu/dense_dot.hpp>
#include <awq/error.hpp>

#include <cstring>

namespace awq {

namespace {

// Weight i of a row that may sit at any alignment in a mapped file: load through memcpy.
template <typename T>
T load(const std::byte* p, int64_t i) {
    T v;
    std::memcpy(&v, p + size_t(i) * sizeof(T), sizeof(T));
    return v;
}

float weight(DType dt, const std::byte* row, int64_t i) {
    switch (dt) {
        case DType::F16: return f16_to_f32(load<uint16_t>(row, i));
        case DType::BF16: return bf16_to_f32(load<uint16_t>(row, i));
        default: return load<float>(row, i);
    }
}

}  // namespace

void dense_dot_rows_ref(DType dt, const void* w, int64_t in, const float* x, int64_t m, float* y, int64_t ldy,
                        int64_t o0, int64_t o1) {
    if (dt != DType::F32 && dt != DType::F16 && dt != DType::BF16)
        throw InvalidArgument("dense_dot_rows: weights must be F32, F16 or BF16, not " + std::string(dtype_name(dt)));
    const size_t esz = dtype_size(dt);
    const auto* base = static_cast<const std::byte*>(w);
    for (int64_t o = o0; o < o1; ++o) {
        const std::byte* row = base + size_t(o * in) * esz;
        for (int64_t r = 0; r < m; ++r) {
            double acc = 0.0;
            for (int64_t i = 0; i < in; ++i) acc += double(weight(dt, row, i)) * double(x[r * in + i]);
            y[r * ldy + o] = float(acc);
        }
    }
}

}  // namespace awq
