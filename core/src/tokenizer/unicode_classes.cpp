// SPDX-License-Identifier: MIT
// Lookups in the generated tables (binary search over sorted ranges).
#include "tokenizer/unicode_classes.hpp"

#include "tokenizer/utf8.hpp"

#include <algorithm>

namespace awq::tok {

std::optional<std::span<const CodeRange>> regex_class(std::string_view name) {
    using namespace unicode_data;
    for (size_t i = 0; i < kRegexClassCount; ++i)
        if (name == kRegexClasses[i].name) return std::span<const CodeRange>(kRegexClasses[i].ranges, kRegexClasses[i].count);
    return std::nullopt;
}

bool in_ranges(std::span<const CodeRange> ranges, char32_t c) {
    const auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                                     [](char32_t v, const CodeRange& r) { return v < r.first; });
    return it != ranges.begin() && c <= std::prev(it)->last;
}

bool is_whitespace(char32_t c) {
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
    return in_ranges(unicode_data::kWhitespace, c);
}

bool is_numeric(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return in_ranges(unicode_data::kNumeric, c);
}

bool is_punctuation(char32_t c) { return in_ranges(unicode_data::kPunctuation, c); }

bool is_word_char(char32_t c) { return in_ranges(unicode_data::kWord, c); }

bool is_rust_regex_word(char32_t c) { return in_ranges(unicode_data::kRustWord, c); }

bool is_rust_regex_space(char32_t c) { return in_ranges(unicode_data::kRustSpace, c); }

void append_lowercase(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return;
    }
    using namespace unicode_data;
    const auto* end = kLowercase + kLowercaseCount;
    const auto* it = std::lower_bound(kLowercase, end, c,
                                      [](const LowercaseEntry& e, char32_t v) { return e.code_point < v; });
    if (it != end && it->code_point == c) out += it->lower;
    else append_utf8(out, c);
}

}  // namespace awq::tok
