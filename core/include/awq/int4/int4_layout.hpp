// SPDX-License-Identifier: MIT
#pragma once
// The INT4 weight layout of the CUDA kernels (kernels/infer/gemv_int4.cu, kernels/infer/gemm_int4.cu), made on the
// host at load time from AutoAWQ GEMM tensors. Pure C++ so that it is tested without a GPU.
//
// For a linear W[n = out, k = in] with group size g (a multiple of 32; k a multiple of 32):
//     qweight  uint32 [n][k/8]   word (o, c) holds the codes q[o, 8c .. 8c+7]   (k-major per output row)
//     scales   fp16   [n][k/g]   scale of group (o, j)
//     zeros    fp16   [n][k/g]   zero point z[o, j] as an exact fp16 integer 0..15
// Dequantisation: W[o, i] = (q[o, i] - zeros[o, i/g]) * scales[o, i/g].
//
// Inside a word, field f (bits 4f..4f+3) holds k-offset kGpuOrder[f] = {0, 2, 4, 6, 1, 3, 5, 7}: fields
// f and f+4 (bits 4f and 16+4f) hold the consecutive pair (2f, 2f+1). The kernels turn a word into four
// half2 pairs with one AND/OR per pair: ((w >> 4f) & 0x000F000F) | 0x64006400 is the half2
// (1024 + q[2f], 1024 + q[2f+1]), since fp16 1024 = 0x6400 has a ulp of 1 (the "magic number" trick).
// Rows stay along k so that one 128-bit load brings 32 consecutive k of one output row (GEMV) and one
// 16-byte cp.async brings the 32-wide k tile of one row of the GEMM's weight tile.
#include <awq/int4/awq_pack.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace awq {
class Int4Matrix;
}

namespace awq::gpu {

inline constexpr int kGpuOrder[8] = {0, 2, 4, 6, 1, 3, 5, 7};
// Field that holds k-offset j (the inverse of kGpuOrder).
inline constexpr int kGpuField[8] = {0, 4, 1, 5, 2, 6, 3, 7};

struct Int4GpuWeights {
    int64_t n = 0, k = 0, group = 0;
    std::vector<uint32_t> qweight;  // [n][k/8]
    std::vector<uint16_t> scales;   // fp16 bits [n][k/group]
    std::vector<uint16_t> zeros;    // fp16 bits [n][k/group], exact integers 0..15

    int64_t groups() const { return group > 0 ? k / group : 0; }
    // The code q[o, i] read back by the documented formula (field kGpuField[i % 8] of word (o, i/8)).
    uint8_t code(int64_t o, int64_t i) const {
        return uint8_t((qweight[size_t(o * (k / 8) + i / 8)] >> (4 * kGpuField[i % 8])) & 0xF);
    }
};

// Repacks AutoAWQ GEMM tensors (validated with validate_awq_gemm) into the GPU layout, step by step:
//   1. read q[i, o] = field kAwqField[o % 8] of qweight word (i, o/8)  (AWQ packs along the OUTPUT dim),
//      and z[j, o] from qzeros the same way;
//   2. transpose to output-major: row o collects q[0..k-1, o];
//   3. pack each run of 8 consecutive k into one word, k-offset t going to field kGpuField[t];
//   4. scales are transposed [k/g][n] -> [n][k/g] bit for bit; zeros become fp16 integers.
// Throws Unsupported when k or the group size is not a multiple of 32 (the kernels' k tile).
Int4GpuWeights repack_awq_gemm_for_gpu(const AwqGemmView& v, const std::string& name);

// The same layout straight from the CPU kernels' Int4Matrix (what an Int4Linear holds, whether it was
// loaded from an AutoAWQ checkpoint or made in-process by make_quantized_model): codes read with
// Int4Matrix::code, float scales rounded to fp16 (exact for checkpoint scales), zeros as fp16 integers.
// Bit-identical to repack_awq_gemm_for_gpu of the checkpoint tensors the matrix came from (tested).
// Throws Unsupported, naming `name`, when the input width or group size is not a multiple of 32.
Int4GpuWeights repack_int4_matrix_for_gpu(const Int4Matrix& m, const std::string& name);

}  // namespace awq::gpu
