// SPDX-License-Identifier: MIT
#pragma once
// The BPE model of tokenizer.json: vocab, ranked merges, unk / fuse_unk / byte_fallback / ignore_merges,
// continuing_subword_prefix / end_of_word_suffix.
#include "tokenizer/components.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awq::tok {

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using StringIdMap = std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>>;

class Bpe {
public:
    static Bpe from_json(const nlohmann::json& model, const Source& src);
    Bpe(Bpe&& o) noexcept;

    // Appends the ids of one pre-token (already byte-mapped for byte-level tokenizers).
    void tokenize(std::string_view word, std::vector<int32_t>& out) const;

    std::optional<int32_t> find(std::string_view token) const;
    const std::string* token(int32_t id) const;  // nullptr when the id is not in the vocab
    const StringIdMap& vocab() const { return vocab_; }
    bool byte_fallback() const { return byte_fallback_; }

private:
    Bpe() = default;
    struct MergeInfo {
        int32_t rank;
        int32_t new_id;
    };
    const MergeInfo* merge_of(int32_t a, int32_t b) const;
    std::vector<int32_t> initial_symbols(std::string_view word, std::vector<uint32_t>& lengths) const;
    std::vector<int32_t> merge_word(std::string_view word) const;

    StringIdMap vocab_;
    std::vector<const std::string*> by_id_;
    std::unordered_map<uint64_t, MergeInfo> merges_;
    std::optional<int32_t> unk_id_;
    bool fuse_unk_ = false;
    bool byte_fallback_ = false;
    bool ignore_merges_ = false;
    std::vector<int32_t> byte_ids_;  // <0xNN> ids, -1 when absent
    std::string prefix_, suffix_;    // continuing_subword_prefix, end_of_word_suffix ("" when none)

    mutable std::mutex cache_mutex_;
    mutable std::unordered_map<std::string, std::vector<int32_t>, StringHash, std::equal_to<>> cache_;
};

}  // namespace awq::tok
