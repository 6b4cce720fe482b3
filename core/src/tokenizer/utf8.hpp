// SPDX-License-Identifier: MIT
#pragma once
// UTF-8 helpers shared by the tokenizer stages (private to core/src/tokenizer).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awq::tok {

// Length in bytes of the UTF-8 sequence starting with lead byte c (1 for invalid leads).
size_t utf8_len(unsigned char c);
// Decodes the code point at s[i] (s must be valid UTF-8) and advances i.
char32_t next_code_point(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);
bool is_valid_utf8(std::string_view s);
// Like Rust's String::from_utf8_lossy: each maximal invalid subpart becomes one U+FFFD.
std::string utf8_lossy(std::string_view bytes);
// Splits valid UTF-8 into its characters (each as a string_view into s).
std::vector<std::string_view> utf8_chars(std::string_view s);

// GPT-2's reversible byte <-> printable-character mapping.
const std::string& byte_to_unicode(unsigned char b);  // UTF-8 of the mapped character
// Returns -1 when cp is not one of the 256 mapped characters.
int unicode_to_byte(char32_t cp);

}  // namespace awq::tok
