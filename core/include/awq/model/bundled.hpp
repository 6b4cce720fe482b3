// SPDX-License-Identifier: MIT
#pragma once
// Where the bundled demo model (tiny-llama-kjv) lives: the source tree when running from a build, the
// installed data folder otherwise. Mirrors default_calibration_path().
#include <filesystem>

namespace awq {

// The folder name of the bundled model under <data>/models.
inline constexpr const char* bundled_model_name = "tiny-llama-kjv";

// $AWQ_STUDIO_DATA/models/tiny-llama-kjv when AWQ_STUDIO_DATA is set; else resources/models/tiny-llama-kjv
// of the source tree when it exists; else /usr/share/awq-studio/models/tiny-llama-kjv. The result is not
// checked for existence: Model::load reports a missing folder with its path.
std::filesystem::path bundled_model_path();

}  // namespace awq
