// SPDX-License-Identifier: MIT
#pragma once
// Character classes and predicates exactly as Hugging Face tokenizers has them (its regex engine's \s, \w,
// \p{L}..., and the Rust char predicates its components use), from tables measured on the library itself.
#include "tokenizer/unicode_classes_data.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace awq::tok {

// The code points of a regex class: "s", "w", "d", "h" or a \p{...} name ("L", "Lu", "N", "Han", ...);
// nullopt when the name is not one tokenizers' patterns are known to use.
std::optional<std::span<const CodeRange>> regex_class(std::string_view name);

bool in_ranges(std::span<const CodeRange> ranges, char32_t c);

bool is_whitespace(char32_t c);   // char::is_whitespace (WhitespaceSplit, Strip, lstrip/rstrip)
bool is_numeric(char32_t c);      // char::is_numeric (Digits)
bool is_punctuation(char32_t c);  // the Punctuation pre-tokenizer's test
bool is_word_char(char32_t c);    // a word character for added tokens' single_word
// \w and \s of Rust's regex crate, which the Whitespace pre-tokenizer uses (its \w has U+200D, Oniguruma's not).
bool is_rust_regex_word(char32_t c);
bool is_rust_regex_space(char32_t c);

// Appends the Lowercase normalizer's mapping of c (character by character, as tokenizers does).
void append_lowercase(std::string& out, char32_t c);

}  // namespace awq::tok
