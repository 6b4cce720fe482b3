// SPDX-License-Identifier: MIT
#pragma once
// GPTQ-style error feedback (Frantar et al., "GPTQ: Accurate Post-Training Quantization for Generative
// Pre-trained Transformers", 2022) for the group-wise quantizer of quantizer.hpp.
//
// Rounding every weight to its nearest grid point (quantize()) minimises each weight's own error, but what
// matters is the layer's output error ||(W - Q) X^T||^2 over calibration inputs X, i.e. sum over rows of
// e H e^T with H = X^T X. GPTQ quantizes the input columns in order and, after rounding column i, moves
// that column's error onto the columns not yet quantized, by the amounts that minimise the output error
// given the inputs' correlations (the Optimal Brain Surgeon update): with U the upper Cholesky factor of
// H^-1 (H^-1 = U^T U), err = (w_i - q_i) / U[i][i] and w_j -= err * U[i][j] for every j > i. Rows are
// independent; H is damped first (H += damp * mean(diag H) * I) so that it is safely positive definite.
// Groups: a group's scale and zero are computed when the column loop reaches its first column, from the
// group's CURRENT (already error-updated) weights (GPTQ's default, static_groups = false), optionally
// narrowed by per-(row, group) range factors. The fast version applies the updates in "lazy batch"
// blocks: inside a block column by column, to the later columns as one matrix product per block; its
// blocks never straddle a group start, so each group's parameters see exactly the weights the
// one-column-at-a-time reference sees.
//
// Dead inputs: an input whose calibration activations are all zero (H[i][i] == 0) gets H[i][i] = 1 and its
// weights are set to 0 before quantizing, as GPTQ does. The calibration error cannot see such weights, but
// they may be real: if that input is ever non-zero at inference time, the quantized layer ignores it.
// Callers that care should calibrate on data that reaches every input.
//
// The returned QuantizedMatrix is the one of quantize(): its dequantize() gives exactly the values the
// algorithm used as the quantized weights (the errors it fed forward were measured against them).
#include <awq/int4/quantizer.hpp>

#include <cstdint>
#include <vector>

namespace awq {

// Gram matrix of a linear layer's inputs, sum over tokens of x x^T ([in, in], symmetric), accumulated in
// double: each call's products are summed in float blocks of a few hundred tokens, the running sum in
// double, so that millions of tokens do not lose precision.
class InputGram {
public:
    explicit InputGram(int64_t in);  // throws InvalidArgument for in <= 0
    // Adds x[rows, in] (row-major, one token per row). Throws InvalidArgument for a non-finite value.
    void add(const float* x, int64_t rows);

    int64_t in() const { return m_in; }
    int64_t tokens() const { return m_tokens; }
    const std::vector<double>& matrix() const { return m_h; }  // [in][in], exactly symmetric

private:
    int64_t m_in;
    int64_t m_tokens = 0;
    std::vector<double> m_h;
};

struct ErrorFeedbackOptions {
    double damp = 0.01;   // relative dampening: H += damp * mean(diag H) * I; > 0 and finite
    int64_t block = 128;  // lazy-batch block (columns); a speed knob only, results do not depend on it
    // Optional per-(row, group) factors in (0, 1] applied to a group's range before its scale and zero are
    // computed: [lo_factor * min, hi_factor * max] (as GPTQ's clip grid does; narrower whenever the group
    // spans zero, as groups of real weights do). Weights outside the range get the end codes. Laid out
    // [out][groups]; empty means 1 (the group's own min and max, taken when the loop enters the group).
    std::vector<float> lo_factor, hi_factor;
};

// Quantizes W[out, in] with error feedback against `gram` (whose size must be `in`). Same parameters and
// result format as quantize(). Throws InvalidArgument for bad parameters or options, a Gram matrix of the
// wrong size, non-finite weights, a scale beyond the FP16 range, or an H that is not positive definite even
// after damping (the message suggests a larger damp). Double precision state, OpenMP over rows, BLAS for
// the Cholesky and block updates.
QuantizedMatrix quantize_with_error_feedback(const float* w, int64_t out, int64_t in, const InputGram& gram,
                                             const QuantParams& p, const ErrorFeedbackOptions& o = {});

// The straightforward twin: double precision, H^-1 formed explicitly (Cholesky, inverse, Cholesky of the
// inverse, as GPTQ's reference code), one column at a time over all rows, no blocking. For tests.
QuantizedMatrix quantize_with_error_feedback_ref(const float* w, int64_t out, int64_t in, const InputGram& gram,
                                                 const QuantParams& p, const ErrorFeedbackOptions& o = {});

}  // namespace awq
