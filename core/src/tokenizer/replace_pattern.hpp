// SPDX-License-Identifier: MIT
#pragma once
// The {"String": s} / {"Regex": r} pattern of Replace and Split components.
#include "tokenizer/components.hpp"
#include "tokenizer/regex.hpp"

namespace awq::tok {

Regex make_pattern(const nlohmann::json& pattern, const Source& src, const std::string& where);
// Replaces every match of re in text by content.
std::string replace_all(const Regex& re, const std::string& text, const std::string& content);

}  // namespace awq::tok
