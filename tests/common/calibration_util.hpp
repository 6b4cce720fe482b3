// SPDX-License-Identifier: MIT
#pragma once
// A few blocks of the bundled calibration corpus, tokenized for a model: what the quantization tests run on.
#include <awq/model/model.hpp>
#include <awq/quant/calibration.hpp>

namespace awq::test {

inline CalibrationSet small_calibration(const Model& m, int64_t samples = 16, int64_t len = 64) {
    CalibrationOptions o;
    o.n_samples = samples;
    o.block_len = len;
    return load_calibration(default_calibration_path(), m.tokenizer(), o);
}

}  // namespace awq::test
