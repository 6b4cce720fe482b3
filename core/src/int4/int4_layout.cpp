// SPDX-License-Identifier: MIT
// AutoAWQ GEMM -> GPU INT4 layout (see awq/int4/int4_layout.hpp for the layout and the steps).
#include <awq/int4/int4_matrix.hpp>
#include <awq/error.hpp>
#include <awq/int4/int4_layout.hpp>
#include <awq/io/dtype.hpp>

#include <cstring>

namespace awq::gpu {

namespace {

// Field `f` of the AWQ word for output column o: AWQ packs 8 outputs per word in kAwqOrder.
uint32_t awq_nibble(const void* base, int64_t row, int64_t out, int64_t o) {
    return (awq_word(base, row * (out / 8) + o / 8) >> (4 * kAwqField[o % 8])) & 0xF;
}

void check_tileable(int64_t in, int64_t group, const std::string& name) {
    if (in % 32 != 0 || group % 32 != 0)
        throw Unsupported(name + ": the CUDA INT4 kernels need the input width (" + std::to_string(in) +
                          ") and the group size (" + std::to_string(group) + ") to be multiples of 32");
}

}  // namespace

Int4GpuWeights repack_awq_gemm_for_gpu(const AwqGemmView& v, const std::string& name) {
    const AwqGemmShape s = validate_awq_gemm(v, name);
    check_tileable(s.in, s.group, name);
    Int4GpuWeights w;
    w.n = s.out;
    w.k = s.in;
    w.group = s.group;
    const int64_t ng = s.in / s.group, words = s.in / 8;
    w.qweight.assign(size_t(w.n * words), 0);
    w.scales.resize(size_t(w.n * ng));
    w.zeros.resize(size_t(w.n * ng));
    for (int64_t i = 0; i < s.in; ++i)  // steps 1-3, walking the AWQ tensor in its own order
        for (int64_t o = 0; o < s.out; ++o)
            w.qweight[size_t(o * words + i / 8)] |= awq_nibble(v.qweight, i, s.out, o) << (4 * kGpuField[i % 8]);
    const auto* sc = static_cast<const unsigned char*>(v.scales_f16);
    for (int64_t j = 0; j < ng; ++j)  // step 4
        for (int64_t o = 0; o < s.out; ++o) {
            uint16_t bits;
            std::memcpy(&bits, sc + 2 * (j * s.out + o), 2);
            w.scales[size_t(o * ng + j)] = bits;
            w.zeros[size_t(o * ng + j)] = f32_to_f16(float(awq_nibble(v.qzeros, j, s.out, o)));
        }
    return w;
}

Int4GpuWeights repack_int4_matrix_for_gpu(const Int4Matrix& m, const std::string& name) {
    if (m.in() <= 0 || m.out() <= 0 || m.group_size() <= 0)
        throw InvalidArgument(name + ": an empty INT4 matrix cannot be repacked for the GPU");
    check_tileable(m.in(), m.group_size(), name);
    Int4GpuWeights w;
    w.n = m.out();
    w.k = m.in();
    w.group = m.group_size();
    const int64_t ng = m.groups(), words = m.in() / 8;
    w.qweight.assign(size_t(w.n * words), 0);
    w.scales.resize(size_t(w.n * ng));
    w.zeros.resize(size_t(w.n * ng));
#pragma omp parallel for schedule(static) if (w.n * w.k >= (int64_t(1) << 20))
    for (int64_t o = 0; o < w.n; ++o) {
        for (int64_t c = 0; c < words; ++c) {
            uint32_t word = 0;
            for (int t = 0; t < 8; ++t) word |= uint32_t(m.code(o, 8 * c + t)) << (4 * kGpuField[t]);
            w.qweight[size_t(o * words + c)] = word;
        }
        for (int64_t j = 0; j < ng; ++j) {
            w.scales[size_t(o * ng + j)] = f32_to_f16(m.scales()[o * ng + j]);
            w.zeros[size_t(o * ng + j)] = f32_to_f16(float(m.zeros()[o * ng + j]));
        }
    }
    return w;
}

}  // namespace awq::gpu
