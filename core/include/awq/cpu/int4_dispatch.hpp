// SPDX-License-Identifier: MIT
#pragma once
// Which kernel int4_gemv runs. Automatic picks the fastest the CPU and the matrix allow (avx2_q8, then
// avx2, then ref: docs/benchmarks.md measures them). The environment variable AWQ_CPU_KERNEL=ref|avx2|avx2_q8
// (read once, at the first choice) or set_int4_kernel() forces one, for tests and comparisons; a forced
// kernel the CPU or the matrix does not allow (no AVX2, group size not a multiple of 32) falls back to ref.
// Forcing ref also sends int4_gemm to its scalar twin; avx2 and avx2_q8 change only the gemv.
#include <awq/int4/int4_matrix.hpp>

#include <string>

namespace awq {

enum class Int4Kernel { automatic, ref, avx2, avx2_q8 };

// Overrides AWQ_CPU_KERNEL; automatic returns to the default choice.
void set_int4_kernel(Int4Kernel k);
// The setting in force: set_int4_kernel's, else AWQ_CPU_KERNEL's (InvalidArgument for an unknown name).
Int4Kernel int4_kernel_setting();
// "ref", "avx2", "avx2_q8" or "auto" (and back; InvalidArgument naming `what` for anything else).
Int4Kernel parse_int4_kernel(const std::string& name, const std::string& what = "AWQ_CPU_KERNEL");
const char* int4_kernel_name(Int4Kernel k);
// The kernel int4_gemv runs for w on this CPU (never automatic).
Int4Kernel int4_gemv_kernel(const Int4Matrix& w);

}  // namespace awq
