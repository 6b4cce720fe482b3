// SPDX-License-Identifier: MIT
#pragma once
// Rewrites a tokenizers (Oniguruma, Ruby syntax) regex into an equivalent PCRE2 pattern whose character classes
// are explicit code-point ranges from unicode_classes.hpp, so that matching does not depend on PCRE2's own
// (older) Unicode tables: \s \S \w \W \d \D \h \H, \p{..} \P{..} \pX, \b \B, inside and outside brackets.
// Ruby-syntax differences are translated too: \v is U+000B, \h a hex digit, (?m) is PCRE2's (?s), \uHHHH.
#include <string>

namespace awq::tok {

// Throws Unsupported "<what> regex '<pattern>': <construct> is not supported" for what it cannot translate
// (an unknown \p{...} name, nested classes, POSIX brackets, \R, \X, ...).
std::string rewrite_pattern(const std::string& pattern, const std::string& what);

}  // namespace awq::tok
