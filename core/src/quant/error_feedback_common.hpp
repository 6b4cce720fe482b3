// SPDX-License-Identifier: MIT
#pragma once
// What the fast error feedback (error_feedback.cpp) and its reference twin (error_feedback_ref.cpp) share:
// the problem's definition (argument checks, the dead-input rule and damping of H, how a group's parameters
// and a weight's code are computed), not the algorithm.
#include <awq/quant/error_feedback.hpp>

#include <cstdint>
#include <vector>

namespace awq::ef {

struct Shape {
    int64_t gs;  // effective group size
    int64_t ng;  // groups per row
};

// Checks every argument (throws InvalidArgument naming what is wrong); returns the group layout.
Shape check_arguments(const float* w, int64_t out, int64_t in, const InputGram& gram, const QuantParams& p,
                      const ErrorFeedbackOptions& o);

// H = gram with the dead-input rule (H[i][i] == 0 -> 1, dead[i] = 1) and damping
// (H[i][i] += damp * mean(diag H), the mean taken after the dead rule), as GPTQ does.
std::vector<double> damped_hessian(const InputGram& gram, double damp, std::vector<char>& dead);

[[noreturn]] void throw_not_positive_definite(int64_t column, double damp);

// The parameters of group g of row `row` from its current weights w[0, gs): min and max of the weights as
// float (what quantize() would see), narrowed by the row's range factors, then group_params().
// Throws InvalidArgument when the weights have gone non-finite or the scale exceeds FP16.
GroupParams current_group_params(const double* w, int64_t gs, const QuantParams& p, const ErrorFeedbackOptions& o,
                                 int64_t row, int64_t g, int64_t ng);

// The code of one weight: clamp(round(float(w) / scale) + zero, 0, 2^bits - 1), as quantize() rounds it.
int code_of(double w, const GroupParams& gp, int qmax);

// The value a code stands for, exactly as QuantizedMatrix::dequantize() computes it.
inline float dequant(int code, const GroupParams& gp) { return float(code - gp.zero) * gp.scale; }

// An empty QuantizedMatrix of the right size for (out, in, p).
QuantizedMatrix empty_result(int64_t out, int64_t in, const QuantParams& p, const Shape& s);

}  // namespace awq::ef
