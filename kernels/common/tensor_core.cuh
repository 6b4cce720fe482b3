// SPDX-License-Identifier: MIT
#pragma once
// Device helpers shared by the tensor-core INT4 kernels (CUDA only: included by .cu files, not by host code):
// the m16n8k16 fp16 MMA, ldmatrix, cp.async and the per-lane B-fragment dequantisation.
//
// m16n8k16 fragment layout (PTX ISA, "mma.m16n8k16" with .f16 inputs), lane = 4 * gid + tig:
//   A (16 x 16, row-major)  a0 = A[gid][2tig, 2tig+1]     a1 = A[gid+8][2tig, 2tig+1]
//                           a2 = A[gid][2tig+8, 2tig+9]   a3 = A[gid+8][2tig+8, 2tig+9]
//   B (16 x 8, "col")       b0 = B[2tig, 2tig+1][gid]     b1 = B[2tig+8, 2tig+9][gid]
//   C (16 x 8, fp32)        c0, c1 = C[gid][2tig, 2tig+1] c2, c3 = C[gid+8][2tig, 2tig+1]
#include "int4_dequant.cuh"

namespace awq::cuda::detail {

__device__ __forceinline__ void mma_16816(float (&c)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

__device__ __forceinline__ uint32_t smem_addr(const void* p) {
    return static_cast<uint32_t>(__cvta_generic_to_shared(p));
}

// Four 8x8 fp16 matrices from shared memory; lane l gives the address of row (l % 8) of matrix l / 8.
__device__ __forceinline__ void ldmatrix_x4(uint32_t (&r)[4], const void* row_address) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];\n"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"(smem_addr(row_address)));
}

// 16-byte async global -> shared copy; src_bytes = 0 zero-fills the destination (rows past the matrix).
__device__ __forceinline__ void cp_async16(void* dst, const void* src, int src_bytes) {
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(smem_addr(dst)), "l"(src), "r"(src_bytes));
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N>
__device__ __forceinline__ void cp_async_wait() { asm volatile("cp.async.wait_group %0;\n" ::"n"(N)); }

__device__ __forceinline__ uint32_t as_u32(__half2 h) { return *reinterpret_cast<const uint32_t*>(&h); }

// The k-pair (2p, 2p+1) of a packed word as a dequantised half2, p = 0..3. Fields p and p + 4 (bits 4p and
// 16 + 4p) hold k-offsets 2p and 2p + 1 (awq/int4/int4_layout.hpp), so one shift and one LOP3 make
// (1024 + q[2p], 1024 + q[2p+1]); see dequant8 for why subtract-then-multiply is exact up to one rounding.
__device__ __forceinline__ uint32_t dequant_pair(uint32_t w, int p, __half2 zero1024, __half2 scale) {
    const uint32_t bits = and_or(w >> (4 * p), 0x000F000Fu, 0x64006400u);
    return as_u32(__hmul2(__hsub2(*reinterpret_cast<const __half2*>(&bits), zero1024), scale));
}

}  // namespace awq::cuda::detail
