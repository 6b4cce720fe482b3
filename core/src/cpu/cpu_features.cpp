// SPDX-License-Identifier: MIT
#include <awq/cpu/cpu_features.hpp>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace awq {

bool cpu_has_avx2_fma() {
#if defined(__x86_64__) || defined(__i386__)
    static const bool has = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }();
    return has;
#else
    return false;
#endif
}

bool cpu_has_f16c() {
#if defined(__x86_64__) || defined(__i386__)
    // CPUID leaf 1, ECX bit 29 (clang's __builtin_cpu_supports does not know "f16c"); F16C's 256-bit form
    // also needs AVX, which the OS must enable: __builtin_cpu_supports("avx") checks both.
    static const bool has = [] {
        __builtin_cpu_init();
        unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
        return __builtin_cpu_supports("avx") && __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C) != 0;
    }();
    return has;
#else
    return false;
#endif
}

}  // namespace awq
