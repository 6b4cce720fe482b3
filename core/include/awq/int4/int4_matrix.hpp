// SPDX-License-Identifier: MIT
#pragma once
// 4-bit weights repacked at load time for the CPU kernels; the codes stay packed (in*out/2 bytes).
//
// Layout of W[out, in] (row o = output o; dequant W[o, i] = (q - zero) * scale of group i / group_size):
//   codes   out rows of row_bytes() = ceil(in / 64) * 32 bytes. A row is a run of 64-input units (the
//           last one padded with zero codes). A unit is 32 bytes = 8 little-endian uint32 words; nibble n
//           (bits 4n..4n+3) of word l holds input 8n + l of the unit. So AVX2 gets inputs 8n..8n+7 in
//           order from one 32-byte load with an immediate shift by 4n and a mask (no shuffles, no
//           variable shifts); a 32-input "chunk" is one half of a unit (nibbles 0..3 or 4..7).
//   scales  float [out][groups]
//   zeros   uint8 [out][groups], 0..15
// The AVX2 kernels need group_size % 32 == 0 (every Llama shape); other sizes run the scalar kernels.
#include <awq/int4/awq_pack.hpp>
#include <awq/int4/quantizer.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace awq {

class Int4Matrix {
public:
    Int4Matrix() = default;

    int64_t in() const { return in_; }
    int64_t out() const { return out_; }
    int64_t group_size() const { return group_; }
    int64_t groups() const { return group_ > 0 ? in_ / group_ : 0; }
    int64_t row_bytes() const { return (in_ + 63) / 64 * 32; }

    const uint8_t* row(int64_t o) const { return codes_.data() + o * row_bytes(); }
    const float* scales() const { return scales_.data(); }    // [out][groups]
    const uint8_t* zeros() const { return zeros_.data(); }    // [out][groups]
    // Code of W[o, i] read through the layout above.
    uint8_t code(int64_t o, int64_t i) const {
        const int64_t r = i % 64, n = r / 8, l = r % 8;
        return uint8_t((row(o)[(i / 64) * 32 + 4 * l + n / 2] >> (4 * (n % 2))) & 15);
    }
    // Bytes held: codes + scales + zeros.
    size_t bytes() const;
    // Back to the plain representation (bits 4, zero_point true).
    QuantizedMatrix to_quantized() const;

    // Straight from AutoAWQ GEMM tensors (qweight [in, out/8] packed along out in kAwqOrder), without
    // an intermediate QuantizedMatrix. Throws FormatError naming `name` for inconsistent tensors.
    static Int4Matrix from_awq_gemm(const AwqGemmView& v, const std::string& name);
    static Int4Matrix from_awq_gemm(const AwqGemmTensors& t, const std::string& name);

private:
    friend Int4Matrix repack_for_cpu(const QuantizedMatrix& m);
    Int4Matrix(int64_t in, int64_t out, int64_t group);
    void set_code(int64_t o, int64_t i, uint8_t q);

    int64_t in_ = 0, out_ = 0, group_ = 0;
    std::vector<uint8_t> codes_;
    std::vector<float> scales_;
    std::vector<uint8_t> zeros_;
};

// Repacks a 4-bit QuantizedMatrix (either mode: symmetric is stored with zero 8). Throws Unsupported for
// bits != 4, InvalidArgument for codes or zero points outside 0..15.
Int4Matrix repack_for_cpu(const QuantizedMatrix& m);

// y[out] = W x[in]. AVX2/FMA when the CPU has it and group_size % 32 == 0, else the scalar kernel.
// OpenMP over output rows.
void int4_gemv(const Int4Matrix& w, const float* x, float* y);
// Y[m, out] = X[m, in] W^T (row-major). Weights are dequantised tile by tile into a float buffer once
// per block of rows and reused across all of them. m <= 2 runs int4_gemv per row.
void int4_gemm(const Int4Matrix& w, const float* x, int64_t m, float* y);

// Scalar twins: W[o, i] = (q - zero) * scale with the plain formula, double accumulation.
void int4_gemv_ref(const Int4Matrix& w, const float* x, float* y);
void int4_gemm_ref(const Int4Matrix& w, const float* x, int64_t m, float* y);

// Whether int4_gemv / int4_gemm take the AVX2 path for this matrix on this CPU.
bool int4_uses_avx2(const Int4Matrix& w);

}  // namespace awq
