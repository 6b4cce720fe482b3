// SPDX-License-Identifier: MIT
#pragma once
// The loaded tokenizer.json pipeline behind awq::Tokenizer.
#include "tokenizer/added_vocab.hpp"
#include "tokenizer/bpe.hpp"
#include "tokenizer/components.hpp"

#include <awq/tokenizer/tokenizer.hpp>

#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace awq {

class TokenizerImpl {
public:
    TokenizerImpl(const nlohmann::json& root, const tok::Source& src);

    std::vector<int32_t> encode(std::string_view text, bool add_special_tokens) const;
    std::string decode(const std::vector<int32_t>& ids, bool skip_special_tokens) const;
    std::optional<int32_t> token_to_id(std::string_view token) const;
    const std::string* id_to_token(int32_t id) const;
    bool is_special(int32_t id) const;
    int64_t vocab_size() const;

    TokenizerKind kind = TokenizerKind::ByteLevelBpe;
    std::optional<int32_t> bos;

private:
    // Normalizes and pre-tokenizes one run of plain text, appending the model's ids.
    void encode_text(std::string_view text, bool at_start, std::vector<int32_t>& out) const;

    tok::Source src_;
    std::unique_ptr<tok::Normalizer> normalizer_;
    std::unique_ptr<tok::PreTokenizer> pre_tokenizer_;
    std::optional<tok::Bpe> model_;
    std::unique_ptr<tok::Decoder> decoder_;
    std::unique_ptr<tok::PostProcessor> post_processor_;
    std::vector<tok::AddedToken> added_;
    std::unordered_map<int32_t, size_t> added_by_id_;
    tok::StringIdMap added_by_content_;
    tok::AddedTokenMatcher raw_matcher_, normalized_matcher_;
};

}  // namespace awq
