// SPDX-License-Identifier: MIT
#pragma once
// The generated Unicode tables (unicode_classes_data.cpp, made by tests/fixtures/real_world/make_unicode_classes.py
// by probing Hugging Face tokenizers). Use them through unicode_classes.hpp.
#include <cstddef>
#include <span>

namespace awq::tok {

// An inclusive range of code points; tables are sorted and disjoint.
struct CodeRange {
    char32_t first, last;
};

namespace unicode_data {

struct RegexClassTable {
    const char* name;  // "s", "w", "d", "h", or a \p{...} name such as "L", "Lu", "Han"
    const CodeRange* ranges;
    size_t count;
};
extern const RegexClassTable kRegexClasses[];
extern const size_t kRegexClassCount;

extern const std::span<const CodeRange> kNumeric, kPunctuation, kWhitespace, kWord, kRustWord, kRustSpace;

struct LowercaseEntry {
    char32_t code_point;
    const char* lower;  // UTF-8, possibly several characters
};
extern const LowercaseEntry kLowercase[];  // sorted by code_point
extern const size_t kLowercaseCount;

}  // namespace unicode_data

}  // namespace awq::tok
