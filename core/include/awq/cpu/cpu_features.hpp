// SPDX-License-Identifier: MIT
#pragma once
// Runtime CPU feature checks for the hand-vectorised kernels (compiled with target attributes, so the
// binary still runs on CPUs without them).

namespace awq {

// AVX2 and FMA both present (checked once).
bool cpu_has_avx2_fma();
// F16C (vcvtph2ps: half to float in hardware; checked once).
bool cpu_has_f16c();

}  // namespace awq
