// SPDX-License-Identifier: MIT
// The subset test: every scalar value is run through "[\p{X}]+" once, and the matched code points are
// compared with tokenizers' table.
#include "tokenizer/native_class.hpp"

#include "tokenizer/unicode_classes.hpp"
#include "tokenizer/utf8.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <vector>

namespace awq::tok {

namespace {

constexpr char32_t kEnd = 0x110000;

// Every scalar value in order, as UTF-8.
const std::string& all_scalars() {
    static const std::string s = [] {
        std::string out;
        for (char32_t c = 0; c < kEnd; ++c)
            if (c < 0xD800 || c > 0xDFFF) append_utf8(out, c);
        return out;
    }();
    return s;
}

// The code points PCRE2 puts in [token] (compiled as our patterns are), or empty when it does not compile.
std::vector<bool> pcre2_members(const std::string& token) {
    std::vector<bool> member;
    const std::string pattern = "[" + token + "]+";
    int err = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     PCRE2_UTF | PCRE2_UCP, &err, &offset, nullptr);
    if (!code) return member;
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    member.assign(kEnd, false);
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
    const std::string& s = all_scalars();
    for (size_t pos = 0; pos < s.size();) {
        if (pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), pos, PCRE2_NO_UTF_CHECK, md, nullptr) < 0)
            break;
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
        for (size_t i = ov[0]; i < ov[1];) member[next_code_point(s, i)] = true;
        pos = ov[1] > pos ? ov[1] : pos + 1;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    return member;
}

std::string hex_cp(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\x{%X}", unsigned(c));
    return buf;
}

std::optional<std::string> compute(const std::string& name) {
    const auto ranges = regex_class(name);
    if (!ranges) return std::nullopt;
    std::string token;
    if (name == "s" || name == "w" || name == "d") token = "\\" + name;
    else if (name != "h") token = "\\p{" + name + "}";
    else return std::nullopt;
    const std::vector<bool> native = pcre2_members(token);
    if (native.empty()) return std::nullopt;
    std::string items = token;
    for (char32_t c = 0; c < kEnd;) {
        if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xE000;
            continue;
        }
        const bool ours = in_ranges(*ranges, c);
        if (native[c] && !ours) return std::nullopt;  // PCRE2 has a code point tokenizers does not
        if (ours && !native[c]) {  // a run of code points PCRE2 lacks
            char32_t last = c;
            while (last + 1 < kEnd && last + 1 != 0xD800 && !native[last + 1] && in_ranges(*ranges, last + 1)) ++last;
            items += hex_cp(c);
            if (last > c) items += "-" + hex_cp(last);
            c = last + 1;
            continue;
        }
        ++c;
    }
    return items;
}

}  // namespace

std::optional<std::string> native_class_items(const std::string& name) {
    static std::mutex mutex;
    static std::map<std::string, std::optional<std::string>> cache;
    std::lock_guard lock(mutex);
    const auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    return cache.emplace(name, compute(name)).first->second;
}

}  // namespace awq::tok
