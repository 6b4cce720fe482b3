// SPDX-License-Identifier: MIT
#pragma once
// Pieces the AVX2 int8-activation kernels and their scalar twins share (int4_q8.cpp), so both compute them
// the same way.
#include <awq/cpu/int4_q8.hpp>

namespace awq::q8 {

// Sizes a for n inputs (throws InvalidArgument unless n % group_size == 0 and group_size % 32 == 0) and
// zeroes the padding of a last half unit.
void prepare(Q8Activations& a, int64_t n, int64_t group_size);
// a.group_sum from a.d and a.sum: per group, d_c * sum_c added chunk by chunk with std::fma from 0.
void finish_group_sums(Q8Activations& a);
// Throws InvalidArgument (naming `who`) when a does not fit w.
void check(const Int4Matrix& w, const Q8Activations& a, const char* who);

// Index in Q8Activations::q of input i (the inverse of Q8Activations::at).
inline int64_t position(int64_t i) {
    const int64_t u = i / 64, r = i % 64, k = r / 16, l = r % 8, hi = (r / 8) % 2;
    return u * 64 + hi * 32 + 4 * l + k;
}

}  // namespace awq::q8
