// SPDX-License-Identifier: MIT
#pragma once
// tokenizer.json's added_tokens and how tokenizers finds them in text: leftmost-longest matches, with the
// single_word / lstrip / rstrip options; non-normalized tokens on the raw text, normalized ones after the
// normalizer.
#include "tokenizer/components.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awq::tok {

struct AddedToken {
    int32_t id = 0;
    std::string content;
    std::string token;  // what id_to_token gives: the content, normalized when `normalized` (as tokenizers stores it)
    bool single_word = false, lstrip = false, rstrip = false, normalized = false, special = false;
};

// A run of text [start, end) that is either an added token (id >= 0) or plain text (id == -1).
struct Segment {
    size_t start, end;
    int32_t id;
};

class AddedTokenMatcher {
public:
    AddedTokenMatcher() = default;
    void add(const std::string& pattern, const AddedToken& token);
    void finish();  // call once after the last add()
    std::vector<Segment> split(std::string_view text) const;
    bool empty() const { return entries_.empty(); }

private:
    struct Entry {
        std::string pattern;
        AddedToken token;
    };
    std::vector<Entry> entries_;
    std::vector<std::vector<size_t>> by_first_byte_ = std::vector<std::vector<size_t>>(256);  // longest first
    // Longest entry matching at pos (leftmost-longest), or -1.
    long match_at(std::string_view text, size_t pos) const;
};

std::vector<AddedToken> parse_added_tokens(const nlohmann::json& list, const Source& src);

}  // namespace awq::tok
