// SPDX-License-Identifier: MIT
#pragma once
// Speed for the rewritten patterns: a bracket item list for a tokenizers class that uses PCRE2's own
// property (matched by table lookup) plus explicit ranges for what PCRE2's Unicode tables lack, whenever the
// PCRE2 library in use puts no code point in the property that tokenizers leaves out (measured once per class
// against this very library). Exactly the same set as the explicit ranges, without their linear scan.
#include <optional>
#include <string>

namespace awq::tok {

// Items such as "\p{L}\x{11F50}-\x{11F59}" for the class (a unicode_classes.hpp name), or nullopt when PCRE2's
// property is not a subset of it (then the caller writes out all the ranges).
std::optional<std::string> native_class_items(const std::string& name);

}  // namespace awq::tok
