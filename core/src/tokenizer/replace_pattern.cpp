// SPDX-License-Identifier: MIT
// Split/Replace patterns: a literal string or a regex.
#include "tokenizer/replace_pattern.hpp"

#include <awq/error.hpp>

namespace awq::tok {

Regex make_pattern(const nlohmann::json& pattern, const Source& src, const std::string& where) {
    const std::string what = src.name + ": " + where;
    if (pattern.is_object() && pattern.contains("String") && pattern.at("String").is_string())
        return Regex::literal(pattern.at("String").get<std::string>(), what);
    if (pattern.is_object() && pattern.contains("Regex") && pattern.at("Regex").is_string())
        return Regex(pattern.at("Regex").get<std::string>(), what);
    throw FormatError(what + " 'pattern' must be {\"String\": ...} or {\"Regex\": ...}");
}

std::string replace_all(const Regex& re, const std::string& text, const std::string& content) {
    std::string out;
    out.reserve(text.size());
    size_t prev = 0;
    for (const auto& [start, end] : re.find_all(text)) {
        out.append(text, prev, start - prev);
        out += content;
        prev = end;
    }
    out.append(text, prev, std::string::npos);
    return out;
}

}  // namespace awq::tok
