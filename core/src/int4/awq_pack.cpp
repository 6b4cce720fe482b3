// SPDX-License-Identifier: MIT
// AutoAWQ GEMM packing: fields along the output dimension in kAwqOrder (see awq_pack.hpp).
#include <awq/error.hpp>
#include <awq/io/dtype.hpp>
#include <awq/int4/awq_pack.hpp>

#include <cmath>
#include <cstring>

namespace awq {

namespace {

std::string shape_str(int64_t r, int64_t c) {
    std::string s = "[";  // built by appending: GCC 12 warns (-Wrestrict, falsely) on "[" + to_string()
    s += std::to_string(r);
    s += ", ";
    s += std::to_string(c);
    s += "]";
    return s;
}

[[noreturn]] void format_error(const std::string& name, const std::string& what) {
    throw FormatError("AWQ GEMM tensors of " + name + ": " + what);
}

// Packs src[rows][out] (values 0..15) into dst[rows][out/8] words.
void pack_rows(const int32_t* src, int64_t rows, int64_t out, int32_t* dst) {
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < out / 8; ++c) {
            uint32_t word = 0;
            for (int k = 0; k < 8; ++k) word |= uint32_t(src[r * out + 8 * c + kAwqOrder[k]]) << (4 * k);
            std::memcpy(&dst[r * (out / 8) + c], &word, sizeof word);
        }
}

}  // namespace

uint32_t awq_word(const void* base, int64_t index) {
    uint32_t w;
    std::memcpy(&w, static_cast<const unsigned char*>(base) + index * 4, sizeof w);
    return w;
}

AwqGemmView AwqGemmTensors::view(const std::string& name) const {
    if (out % 8 != 0 || group <= 0 || in <= 0 || in % group != 0)
        format_error(name, "in " + std::to_string(in) + ", out " + std::to_string(out) + ", group " +
                               std::to_string(group) + " are not a valid layout");
    const int64_t ng = in / group;
    if (qweight.size() != size_t(in * out / 8) || qzeros.size() != size_t(ng * out / 8) ||
        scales_f16.size() != size_t(ng * out))
        format_error(name, "tensor sizes do not match in " + std::to_string(in) + ", out " + std::to_string(out) +
                               ", group " + std::to_string(group));
    return {qweight.data(), in, out / 8, qzeros.data(), ng, out / 8, scales_f16.data(), ng, out, group};
}

AwqGemmShape validate_awq_gemm(const AwqGemmView& v, const std::string& name) {
    if (!v.qweight || !v.qzeros || !v.scales_f16) format_error(name, "a tensor is missing");
    const int64_t in = v.qweight_rows, out = v.scales_cols;
    if (in <= 0 || out <= 0) format_error(name, "qweight/scales are empty");
    if (out % 8 != 0) format_error(name, "output width " + std::to_string(out) + " is not a multiple of 8");
    if (v.qweight_cols != out / 8)
        format_error(name, "qweight is " + shape_str(v.qweight_rows, v.qweight_cols) + ", expected " +
                               shape_str(in, out / 8) + " for scales " + shape_str(v.scales_rows, v.scales_cols));
    const int64_t ng = v.scales_rows;
    if (ng <= 0 || in % ng != 0)
        format_error(name, "scales have " + std::to_string(ng) + " groups, which does not divide the input width " +
                               std::to_string(in));
    if (v.qzeros_rows != ng || v.qzeros_cols != out / 8)
        format_error(name, "qzeros is " + shape_str(v.qzeros_rows, v.qzeros_cols) + ", expected " +
                               shape_str(ng, out / 8));
    const int64_t group = in / ng;
    if (v.group > 0 ? v.group != group : (v.group == -1 ? ng != 1 : v.group != 0))
        format_error(name, "group size " + std::to_string(v.group) + " disagrees with the shapes (groups of " +
                               std::to_string(group) + ")");
    return {in, out, group};
}

AwqGemmTensors pack_awq_gemm(const QuantizedMatrix& m, const std::string& name) {
    if (m.bits != 4) throw Unsupported(name + ": AWQ GEMM export needs 4-bit codes, got " + std::to_string(m.bits));
    if (m.out % 8 != 0)
        throw Unsupported(name + ": AWQ GEMM export needs an output width that is a multiple of 8, got " +
                          std::to_string(m.out));
    const int64_t in = m.in, out = m.out, ng = m.groups();
    for (uint8_t q : m.q)
        if (q > 15) throw InvalidArgument(name + ": code " + std::to_string(q) + " outside 0..15");
    for (int32_t z : m.zeros)
        if (z < 0 || z > 15) throw InvalidArgument(name + ": zero point " + std::to_string(z) + " outside 0..15");

    AwqGemmTensors t;
    t.in = in;
    t.out = out;
    t.group = m.group_size;
    // Transpose to the checkpoint's [in, out] / [groups, out] orientation, then pack along out.
    std::vector<int32_t> qt(size_t(in * out)), zt(size_t(ng * out));
    t.scales_f16.resize(size_t(ng * out));
    for (int64_t o = 0; o < out; ++o) {
        for (int64_t i = 0; i < in; ++i) qt[size_t(i * out + o)] = m.q[size_t(o * in + i)];
        for (int64_t g = 0; g < ng; ++g) {
            zt[size_t(g * out + o)] = m.zeros[size_t(o * ng + g)];
            t.scales_f16[size_t(g * out + o)] = f32_to_f16(m.scales[size_t(o * ng + g)]);
        }
    }
    t.qweight.resize(size_t(in * out / 8));
    t.qzeros.resize(size_t(ng * out / 8));
    pack_rows(qt.data(), in, out, t.qweight.data());
    pack_rows(zt.data(), ng, out, t.qzeros.data());
    return t;
}

QuantizedMatrix unpack_awq_gemm(const AwqGemmView& v, const std::string& name) {
    const AwqGemmShape s = validate_awq_gemm(v, name);
    const int64_t ng = s.in / s.group, cols = s.out / 8;
    QuantizedMatrix m;
    m.out = s.out;
    m.in = s.in;
    m.bits = 4;
    m.group_size = s.group;
    m.zero_point = true;
    m.q.resize(size_t(s.out * s.in));
    m.scales.resize(size_t(s.out * ng));
    m.zeros.resize(size_t(s.out * ng));
    for (int64_t i = 0; i < s.in; ++i)
        for (int64_t c = 0; c < cols; ++c) {
            const uint32_t word = awq_word(v.qweight, i * cols + c);
            for (int k = 0; k < 8; ++k) m.q[size_t((8 * c + kAwqOrder[k]) * s.in + i)] = uint8_t((word >> (4 * k)) & 15);
        }
    for (int64_t g = 0; g < ng; ++g) {
        for (int64_t c = 0; c < cols; ++c) {
            const uint32_t word = awq_word(v.qzeros, g * cols + c);
            for (int k = 0; k < 8; ++k) m.zeros[size_t((8 * c + kAwqOrder[k]) * ng + g)] = int32_t((word >> (4 * k)) & 15);
        }
        for (int64_t o = 0; o < s.out; ++o) {
            uint16_t h;
            std::memcpy(&h, static_cast<const unsigned char*>(v.scales_f16) + (g * s.out + o) * 2, 2);
            const float scale = f16_to_f32(h);
            if (!std::isfinite(scale))
                format_error(name, "scale [" + std::to_string(g) + ", " + std::to_string(o) + "] is not finite");
            m.scales[size_t(o * ng + g)] = scale;
        }
    }
    return m;
}

QuantizedMatrix unpack_awq_gemm(const AwqGemmTensors& t, const std::string& name) {
    return unpack_awq_gemm(t.view(name), name);
}

}  // namespace awq
