#include <awq/cpu/cpu_features.hpp>

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
    static const bool has = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("f16c");
    }();
    return has;
#else
    return false;
#endif
}

}  // namespace awq
