// SPDX-License-Identifier: MIT
#pragma once
// Python str semantics on UTF-8 text: code-point length/indexing, whitespace, strip/split/splitlines,
// case mapping (ASCII letters; other letters pass unchanged) and repr quoting.
#include <cstdint>
#include <string>
#include <vector>

namespace awq::jinja::py {

std::u32string decode(const std::string& s);  // invalid bytes decode as U+FFFD
std::string encode(const std::u32string& s);
std::string encode(char32_t c);
size_t length(const std::string& s);          // number of code points

bool is_space(char32_t c);                    // str.isspace()
bool is_line_break(char32_t c);               // what str.splitlines() splits on

std::string strip(const std::string& s, const std::string* chars, bool left, bool right);
std::vector<std::string> split(const std::string& s, const std::string* sep, int64_t maxsplit);
std::vector<std::string> rsplit(const std::string& s, const std::string* sep, int64_t maxsplit);
std::vector<std::string> splitlines(const std::string& s, bool keepends = false);
std::string replace(const std::string& s, const std::string& old, const std::string& with, int64_t count);

std::string upper(const std::string& s);
std::string lower(const std::string& s);
std::string title(const std::string& s);       // str.title()
std::string capitalize(const std::string& s);  // str.capitalize()
bool is_lower(const std::string& s);            // str.islower()
bool is_upper(const std::string& s);

std::string quote(const std::string& s);        // repr() of a str
std::string float_repr(double d);               // repr() of a float
std::string json_quote(const std::string& s);   // json.dumps of a str with ensure_ascii=False

}  // namespace awq::jinja::py
