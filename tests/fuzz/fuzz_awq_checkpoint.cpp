// SPDX-License-Identifier: MIT
// Fuzzes AutoAWQ GEMM checkpoint tensors: declared shapes (small, from the first bytes) and packed words
// (the rest, repeated to fill the tensors). unpack_awq_gemm and Int4Matrix::from_awq_gemm must agree on
// what they accept, and on every code, zero point and scale when both succeed.
#include "fuzz_util.hpp"

#include <awq/int4/int4_matrix.hpp>
#include <awq/int4/awq_pack.hpp>

#include <cmath>
#include <cstring>
#include <vector>

namespace {

std::vector<uint8_t> fill(const awq::fuzz::Reader& src, int64_t rows, int64_t cols, size_t elem) {
    const size_t n = size_t(std::max<int64_t>(rows, 0) * std::max<int64_t>(cols, 0)) * elem;
    std::vector<uint8_t> out(std::max<size_t>(n, 1));
    for (size_t i = 0; i < n; ++i) out[i] = src.size ? src.data[i % src.size] : uint8_t(i * 37);
    return out;
}

bool same(const awq::QuantizedMatrix& a, const awq::QuantizedMatrix& b) {
    if (a.out != b.out || a.in != b.in || a.group_size != b.group_size) return false;
    if (a.q != b.q || a.zeros != b.zeros || a.scales.size() != b.scales.size()) return false;
    for (size_t i = 0; i < a.scales.size(); ++i)
        if (!(a.scales[i] == b.scales[i] || (std::isnan(a.scales[i]) && std::isnan(b.scales[i])))) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    awq::fuzz::Reader in{data, size};
    awq::AwqGemmView v;
    // Dimensions up to 255 (int8 range around 0 for the odd negative one), group from a small menu.
    auto dim = [&] { return int64_t(int8_t(in.u8())) * ((in.u8() & 1) ? 1 : 2); };
    v.qweight_rows = dim();
    v.qweight_cols = dim();
    v.qzeros_rows = dim();
    v.qzeros_cols = dim();
    v.scales_rows = dim();
    v.scales_cols = dim();
    const int64_t groups[] = {0, -1, 8, 16, 32, 64, 128, 3};
    v.group = groups[in.u8() % 8];
    const auto qw = fill(in, v.qweight_rows, v.qweight_cols, 4);
    const auto qz = fill(in, v.qzeros_rows, v.qzeros_cols, 4);
    const auto sc = fill(in, v.scales_rows, v.scales_cols, 2);
    v.qweight = qw.data();
    v.qzeros = qz.data();
    v.scales_f16 = sc.data();

    bool unpacked = false, repacked = false;
    awq::QuantizedMatrix a, b;
    try {
        a = awq::unpack_awq_gemm(v, "layer.qweight");
        unpacked = true;
    } catch (const awq::Error&) {
    }
    try {
        b = awq::Int4Matrix::from_awq_gemm(v, "layer.qweight").to_quantized();
        repacked = true;
    } catch (const awq::Error&) {
    }
    if (unpacked != repacked) std::abort();
    if (unpacked && !same(a, b)) std::abort();
    return 0;
}
