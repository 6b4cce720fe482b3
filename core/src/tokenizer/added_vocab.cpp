// SPDX-License-Identifier: MIT
// Added-token matching, following tokenizers' AddedVocabulary::split_with_indices.
#include "tokenizer/added_vocab.hpp"

#include "tokenizer/unicode_classes.hpp"
#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>

#include <algorithm>

namespace awq::tok {

namespace {

char32_t last_char(std::string_view s) {
    size_t i = s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
    if (i > 0) --i;
    return next_code_point(s, i);
}

char32_t first_char(std::string_view s) {
    size_t i = 0;
    return next_code_point(s, i);
}

// Start of the trailing whitespace of s (s.size() when none).
size_t trailing_space_start(std::string_view s) {
    size_t end = s.size();
    while (end > 0) {
        size_t i = end;
        while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
        if (i > 0) --i;
        size_t j = i;
        if (!is_whitespace(next_code_point(s, j))) break;
        end = i;
    }
    return end;
}

// Length of the leading whitespace of s.
size_t leading_space_len(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        size_t j = i;
        if (!is_whitespace(next_code_point(s, j))) break;
        i = j;
    }
    return i;
}

}  // namespace

void AddedTokenMatcher::add(const std::string& pattern, const AddedToken& token) {
    if (pattern.empty()) return;
    entries_.push_back({pattern, token});
    by_first_byte_[static_cast<unsigned char>(pattern[0])].push_back(entries_.size() - 1);
}

void AddedTokenMatcher::finish() {
    for (auto& list : by_first_byte_)
        std::stable_sort(list.begin(), list.end(),
                         [&](size_t a, size_t b) { return entries_[a].pattern.size() > entries_[b].pattern.size(); });
}

long AddedTokenMatcher::match_at(std::string_view text, size_t pos) const {
    for (const size_t e : by_first_byte_[static_cast<unsigned char>(text[pos])]) {
        const auto& p = entries_[e].pattern;
        if (text.compare(pos, p.size(), p) == 0) return long(e);
    }
    return -1;
}

std::vector<Segment> AddedTokenMatcher::split(std::string_view text) const {
    std::vector<Segment> out;
    size_t offset = 0;  // end of what has been emitted
    for (size_t pos = 0; pos < text.size() && !entries_.empty();) {
        const long e = match_at(text, pos);
        if (e < 0) {
            ++pos;
            continue;
        }
        const auto& tok = entries_[size_t(e)].token;
        size_t start = pos, stop = pos + entries_[size_t(e)].pattern.size();
        pos = stop;  // the scan resumes after this match even when it is discarded below
        if (tok.single_word) {
            const bool start_ok = start == 0 || !is_word_char(last_char(text.substr(0, start)));
            const bool stop_ok = stop == text.size() || !is_word_char(first_char(text.substr(stop)));
            if (!start_ok || !stop_ok) continue;
        }
        if (tok.lstrip) start = std::max(trailing_space_start(text.substr(0, start)), offset);
        if (tok.rstrip) stop += leading_space_len(text.substr(stop));
        if (offset < start) out.push_back({offset, start, -1});
        out.push_back({start, stop, tok.id});
        offset = stop;
        pos = stop;
    }
    if (offset != text.size()) out.push_back({offset, text.size(), -1});
    return out;
}

std::vector<AddedToken> parse_added_tokens(const nlohmann::json& list, const Source& src) {
    std::vector<AddedToken> out;
    if (list.is_null()) return out;
    if (!list.is_array()) throw FormatError(src.name + ": 'added_tokens' is not a list");
    for (size_t i = 0; i < list.size(); ++i) {
        const auto& j = list[i];
        const std::string where = "added_tokens[" + std::to_string(i) + "]";
        AddedToken t;
        const auto& id = require(j, "id", src, where);
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > INT32_MAX)
            throw FormatError(src.name + ": " + where + " has an invalid id");
        t.id = id.get<int32_t>();
        t.content = require_string(j, "content", src, where);
        t.special = optional_bool(j, "special", false, src, where);
        t.single_word = optional_bool(j, "single_word", false, src, where);
        t.lstrip = optional_bool(j, "lstrip", false, src, where);
        t.rstrip = optional_bool(j, "rstrip", false, src, where);
        t.normalized = optional_bool(j, "normalized", !t.special, src, where);
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace awq::tok
