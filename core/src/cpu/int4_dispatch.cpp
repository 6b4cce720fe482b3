// SPDX-License-Identifier: MIT
// The INT4 gemv's kernel choice (awq/cpu/int4_dispatch.hpp).
#include <awq/cpu/cpu_features.hpp>
#include <awq/cpu/int4_dispatch.hpp>
#include <awq/error.hpp>

#include <atomic>
#include <cstdlib>

namespace awq {

namespace {

// -1: not set by set_int4_kernel (AWQ_CPU_KERNEL decides).
std::atomic<int> g_forced{-1};

Int4Kernel from_environment() {
    static const Int4Kernel k = [] {
        const char* env = std::getenv("AWQ_CPU_KERNEL");
        return env && *env ? parse_int4_kernel(env) : Int4Kernel::automatic;
    }();
    return k;
}

}  // namespace

void set_int4_kernel(Int4Kernel k) { g_forced.store(int(k), std::memory_order_relaxed); }

Int4Kernel int4_kernel_setting() {
    const int f = g_forced.load(std::memory_order_relaxed);
    return f >= 0 ? Int4Kernel(f) : from_environment();
}

Int4Kernel parse_int4_kernel(const std::string& name, const std::string& what) {
    for (Int4Kernel k : {Int4Kernel::automatic, Int4Kernel::ref, Int4Kernel::avx2, Int4Kernel::avx2_q8})
        if (name == int4_kernel_name(k)) return k;
    throw InvalidArgument(what + ": unknown INT4 kernel '" + name + "' (expected auto, ref, avx2 or avx2_q8)");
}

const char* int4_kernel_name(Int4Kernel k) {
    switch (k) {
    case Int4Kernel::automatic: return "auto";
    case Int4Kernel::ref: return "ref";
    case Int4Kernel::avx2: return "avx2";
    case Int4Kernel::avx2_q8: return "avx2_q8";
    }
    return "?";
}

Int4Kernel int4_gemv_kernel(const Int4Matrix& w) {
    const Int4Kernel want = int4_kernel_setting();
    if (want == Int4Kernel::ref || !cpu_has_avx2_fma() || w.group_size() % 32 != 0) return Int4Kernel::ref;
    return want == Int4Kernel::automatic ? Int4Kernel::avx2_q8 : want;
}

}  // namespace awq
