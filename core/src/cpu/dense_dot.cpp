// SPDX-License-Identifier: MIT
// Dense dot dispatch: the AVX2/FMA/F16C kernels when the CPU has them and the tests have not forced the
// scalar reference; x is taken 8 rows at a time (the kernels' widest accumulator set).
#include "cpu/dense_dot_avx2.hpp"

#include <awq/cpu/cpu_features.hpp>
#include <awq/cpu/dense_dot.hpp>
#include <awq/error.hpp>

#include <algorithm>
#include <atomic>

namespace awq {

namespace {
std::atomic<bool> g_force_ref{false};
}  // namespace

void dense_dot_force_ref(bool on) { g_force_ref.store(on, std::memory_order_relaxed); }

bool dense_dot_uses_avx2() {
    return cpu_has_avx2_fma() && cpu_has_f16c() && !g_force_ref.load(std::memory_order_relaxed);
}

void dense_dot_rows(DType dt, const void* w, int64_t in, const float* x, int64_t m, float* y, int64_t ldy,
                    int64_t o0, int64_t o1) {
    if (!dense_dot_uses_avx2()) return dense_dot_rows_ref(dt, w, in, x, m, y, ldy, o0, o1);
    if (dt != DType::F32 && dt != DType::F16 && dt != DType::BF16)
        throw InvalidArgument("dense_dot_rows: weights must be F32, F16 or BF16, not " + std::string(dtype_name(dt)));
    for (int64_t r0 = 0; r0 < m; r0 += 8)
        avx2::dense_dot_rows(dt, w, in, x + r0 * in, std::min<int64_t>(8, m - r0), y + r0 * ldy, ldy, o0, o1);
}

}  // namespace awq
