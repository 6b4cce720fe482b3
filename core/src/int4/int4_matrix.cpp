// SPDX-License-Identifier: MIT
// Int4Matrix: the CPU layout of int4_matrix.hpp, filled from a QuantizedMatrix or from AutoAWQ tensors.
#include <awq/int4/int4_matrix.hpp>
#include <awq/error.hpp>
#include <awq/io/dtype.hpp>

#include <cmath>
#include <cstring>

namespace awq {

namespace {

// Unit of 64 codes (fewer at the row's end; the rest stay zero): input r goes to word r % 8, nibble r / 8.
void pack_unit(const uint8_t* codes, int64_t valid, uint8_t* dst) {
    uint32_t words[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int64_t r = 0; r < valid; ++r) words[r % 8] |= uint32_t(codes[r]) << (4 * (r / 8));
    for (int l = 0; l < 8; ++l)
        for (int b = 0; b < 4; ++b) dst[4 * l + b] = uint8_t(words[l] >> (8 * b));  // little-endian
}

}  // namespace

Int4Matrix::Int4Matrix(int64_t in, int64_t out, int64_t group)
    : in_(in), out_(out), group_(group),
      codes_(size_t(out * row_bytes()), 0),
      scales_(size_t(out * (in / group))),
      zeros_(size_t(out * (in / group))) {}

size_t Int4Matrix::bytes() const { return codes_.size() + scales_.size() * sizeof(float) + zeros_.size(); }

QuantizedMatrix Int4Matrix::to_quantized() const {
    QuantizedMatrix m;
    m.out = out_;
    m.in = in_;
    m.bits = 4;
    m.group_size = group_;
    m.zero_point = true;
    m.q.resize(size_t(out_ * in_));
    for (int64_t o = 0; o < out_; ++o)
        for (int64_t i = 0; i < in_; ++i) m.q[size_t(o * in_ + i)] = code(o, i);
    m.scales = scales_;
    m.zeros.assign(zeros_.begin(), zeros_.end());
    return m;
}

Int4Matrix repack_for_cpu(const QuantizedMatrix& m) {
    if (m.bits != 4) throw Unsupported("INT4 CPU kernels need 4-bit codes, got " + std::to_string(m.bits) + " bits");
    if (m.in <= 0 || m.out <= 0 || m.group_size <= 0 || m.in % m.group_size != 0 ||
        m.q.size() != size_t(m.out * m.in) || m.scales.size() != size_t(m.out * m.groups()) ||
        m.zeros.size() != m.scales.size())
        throw InvalidArgument("repack_for_cpu: inconsistent QuantizedMatrix shapes");
    for (uint8_t q : m.q)
        if (q > 15) throw InvalidArgument("repack_for_cpu: code " + std::to_string(q) + " outside 0..15");
    Int4Matrix w(m.in, m.out, m.group_size);
    for (size_t k = 0; k < m.zeros.size(); ++k) {
        if (m.zeros[k] < 0 || m.zeros[k] > 15)
            throw InvalidArgument("repack_for_cpu: zero point " + std::to_string(m.zeros[k]) + " outside 0..15");
        w.zeros_[k] = uint8_t(m.zeros[k]);
    }
    w.scales_ = m.scales;
    const int64_t rb = w.row_bytes();
#pragma omp parallel for schedule(static)
    for (int64_t o = 0; o < m.out; ++o)
        for (int64_t u = 0; u * 64 < m.in; ++u)
            pack_unit(m.q.data() + o * m.in + u * 64, std::min<int64_t>(64, m.in - u * 64),
                      w.codes_.data() + o * rb + u * 32);
    return w;
}

Int4Matrix Int4Matrix::from_awq_gemm(const AwqGemmView& v, const std::string& name) {
    const AwqGemmShape s = validate_awq_gemm(v, name);
    const int64_t ng = s.in / s.group, cols = s.out / 8;
    Int4Matrix w(s.in, s.out, s.group);
    for (int64_t g = 0; g < ng; ++g)
        for (int64_t c = 0; c < cols; ++c) {
            const uint32_t word = awq_word(v.qzeros, g * cols + c);
            for (int k = 0; k < 8; ++k) w.zeros_[size_t((8 * c + kAwqOrder[k]) * ng + g)] = uint8_t((word >> (4 * k)) & 15);
            for (int j = 0; j < 8; ++j) {
                uint16_t h;
                std::memcpy(&h, static_cast<const unsigned char*>(v.scales_f16) + (g * s.out + 8 * c + j) * 2, 2);
                const float scale = f16_to_f32(h);
                if (!std::isfinite(scale))
                    throw FormatError("AWQ GEMM tensors of " + name + ": scale [" + std::to_string(g) + ", " +
                                      std::to_string(8 * c + j) + "] is not finite");
                w.scales_[size_t((8 * c + j) * ng + g)] = scale;
            }
        }
    // One packed column (8 output rows) and 64 inputs at a time: gather the 64 codes of each row, then
    // write its unit. Columns are independent rows, so they run in parallel.
    const int64_t rb = w.row_bytes();
#pragma omp parallel for schedule(static)
    for (int64_t c = 0; c < cols; ++c) {
        uint8_t codes[8][64];
        for (int64_t u = 0; u * 64 < s.in; ++u) {
            const int64_t valid = std::min<int64_t>(64, s.in - u * 64);
            for (int64_t r = 0; r < valid; ++r) {
                const uint32_t word = awq_word(v.qweight, (u * 64 + r) * cols + c);
                for (int k = 0; k < 8; ++k) codes[kAwqOrder[k]][r] = uint8_t((word >> (4 * k)) & 15);
            }
            for (int j = 0; j < 8; ++j) pack_unit(codes[j], valid, w.codes_.data() + (8 * c + j) * rb + u * 32);
        }
    }
    return w;
}

Int4Matrix Int4Matrix::from_awq_gemm(const AwqGemmTensors& t, const std::string& name) {
    return from_awq_gemm(t.view(name), name);
}

}  // namespace awq
