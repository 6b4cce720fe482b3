// SPDX-License-Identifier: MIT
#pragma once
// Options shared by `awq quantize` and `awq compare`: calibration data and AWQ settings.
#include "cli_args.hpp"

#include <awq/quant/awq_settings.hpp>
#include <awq/quant/calibration.hpp>

#include <vector>

namespace awq::cli {

std::vector<OptionSpec> calibration_option_specs();
std::vector<OptionSpec> awq_option_specs();
AwqSettings awq_settings_from(const Args& args);
CalibrationSet calibration_from(const Args& args, const Tokenizer& tokenizer, int64_t max_context);

}  // namespace awq::cli
