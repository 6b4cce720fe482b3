// SPDX-License-Identifier: MIT
#pragma once
// INT4 weights x int8 activations: the decode gemv's integer path (as llama.cpp's Q4_0 x Q8_0 dot product,
// for our asymmetric groups). The activations are quantized per 32-input chunk c,
//     xq_i = round(x_i / d_c),  d_c = max_{i in c} |x_i| / 127  (xq in -127..127),
// and each output is the exact dot product of the dequantised weights with the dequantised activations,
//     y_o = sum_g s_g (sum_{c in g} d_c sum_{i in c} q_i xq_i  -  z_g X_g),  X_g = sum_{c in g} d_c sum xq_i,
// the inner sums in integers (AVX2: vpmaddubsw, the codes 0..15 unsigned times xq signed, then vpmaddwd).
// X_g is the sum of the QUANTIZED activations: then y_o = sum_i w_i x^_i with w the dequantised weight, so
// the error against the float result is sum_i w_i (x^_i - x_i), at most
//     |y_q - y| <= 1/2 sum_c d_c sum_{i in c} |w_i|  (plus float rounding).
// The exact float sum of x would instead leave the error sum_i s_g q_i (x^_i - x_i) = the above plus
// s_g z_g sum_i (x^_i - x_i): the codes 0..15 weigh the rounding errors instead of the centred q - z.
// Relative RMS error of y against int4_gemv_ref, normal activations with 1 % of the channels 25x larger
// (test_int4_q8, Llama shapes, g64 and g128): 0.9-1.3 %; the test's bound is 1.5 %.
#include <awq/int4/int4_matrix.hpp>

#include <cstdint>
#include <vector>

namespace awq {

// x[n] quantized per 32-input chunk (n % 32 == 0).
struct Q8Activations {
    int64_t n = 0, group_size = 0;
    // ceil(n / 64) units of 64 bytes, in the order of the weight layout (int4_matrix.hpp): byte 4l + k of a
    // unit's first 32 bytes is input 16k + l of the unit (a code's low nibble), byte 4l + k of the second
    // 32 is input 16k + 8 + l (the high nibble). A last half unit is padded with zeros.
    std::vector<int8_t> q;
    std::vector<float> d;        // [n / 32] chunk scales
    std::vector<int32_t> sum;    // [n / 32] sum of the chunk's xq
    std::vector<float> group_sum;  // [n / group_size] X_g above: d_c * sum_c added over the group's chunks

    // xq of input i, through the layout above.
    int8_t at(int64_t i) const {
        const int64_t u = i / 64, r = i % 64, k = (r / 16), l = r % 8, hi = (r / 8) % 2;
        return q[size_t(u * 64 + hi * 32 + 4 * l + k)];
    }
};

// Quantizes x[n] for matrices of group size group_size (n % group_size == 0, group_size % 32 == 0; throws
// InvalidArgument otherwise). AVX2 where the CPU has it; the two are bit-identical.
void quantize_row_q8(const float* x, int64_t n, int64_t group_size, Q8Activations& a);
void quantize_row_q8_ref(const float* x, int64_t n, int64_t group_size, Q8Activations& a);

// y[out] = W x^ by the formula above. int4_gemv_q8 runs the AVX2 kernel (OpenMP over rows) and needs
// cpu_has_avx2_fma(); int4_gemv_q8_ref is its scalar twin: the same integer sums and the same float
// operations in the same order (8 lanes, std::fma), so the two are bit-identical. Throws InvalidArgument
// when a's length or group size does not match w.
void int4_gemv_q8(const Int4Matrix& w, const Q8Activations& a, float* y);
void int4_gemv_q8_ref(const Int4Matrix& w, const Q8Activations& a, float* y);

}  // namespace awq
