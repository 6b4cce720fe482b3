// AutoAWQ GEMM -> GPU INT4 layout (see awq/gpu/int4_layout.hpp for the layout and the steps).
#include <awq/error.hpp>
#include <awq/gpu/int4_layout.hpp>
#include <awq/io/dtype.hpp>

#include <cstring>

namespace awq::gpu {

namespace {

// Field `f` of the AWQ word for output column o: AWQ packs 8 outputs per word in kAwqOrder.
uint32_t awq_nibble(const void* base, int64_t row, int64_t out, int64_t o) {
    return (awq_word(base, row * (out / 8) + o / 8) >> (4 * kAwqField[o % 8])) & 0xF;
}

}  // namespace

Int4GpuWeights repack_awq_gemm_for_gpu(const AwqGemmView& v, const std::string& name) {
    const AwqGemmShape s = validate_awq_gemm(v, name);
    if (s.in % 32 != 0 || s.group % 32 != 0)
        throw Unsupported(name + ": the CUDA INT4 kernels need the input width (" + std::to_string(s.in) +
                          ") and the group size (" + std::to_string(s.group) + ") to be multiples of 32");
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

}  // namespace awq::gpu
