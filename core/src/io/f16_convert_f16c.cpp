// SPDX-License-Identifier: MIT
// F16 -> F32 with the F16C instruction (vcvtph2ps), for convert_to_f32: prefill converts every weight block
// through it. Compiled with a target attribute, so the rest of the library stays baseline x86-64; callers ask
// f16c_available() first. It lives in io/ (not cpu/) so that io depends on no folder above it.
#include "io/f16_convert_f16c.hpp"

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

namespace awq::io_detail {

bool f16c_available() {
    // CPUID leaf 1, ECX bit 29 (clang's __builtin_cpu_supports does not know "f16c"), and AVX enabled by
    // the OS for the 256-bit form (__builtin_cpu_supports("avx") checks both).
    static const bool ok = [] {
        __builtin_cpu_init();
        unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
        return __builtin_cpu_supports("avx") && __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C) != 0;
    }();
    return ok;
}

__attribute__((target("avx,f16c"))) void f16_to_f32_f16c(const void* src, float* dst, size_t n) {
    const auto* s = static_cast<const unsigned char*>(src);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128i h;
        std::memcpy(&h, s + 2 * i, sizeof h);  // any alignment: tensors in a mapped file need not be aligned
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(h));
    }
    if (i < n) {  // the tail through a zero-padded copy
        alignas(16) unsigned char pad[16] = {};
        std::memcpy(pad, s + 2 * i, (n - i) * 2);
        alignas(32) float out[8];
        _mm256_store_ps(out, _mm256_cvtph_ps(_mm_load_si128(reinterpret_cast<const __m128i*>(pad))));
        std::memcpy(dst + i, out, (n - i) * sizeof(float));
    }
}

}  // namespace awq::io_detail

#else  // not x86: never called (f16c_available() is false)

namespace awq::io_detail {
bool f16c_available() { return false; }
void f16_to_f32_f16c(const void*, float*, size_t) {}
}  // namespace awq::io_detail

#endif
