// SPDX-License-Identifier: MIT
// BPE exactly as tokenizers' model::bpe: characters -> vocab ids (byte fallback / unk), then the lowest-rank
// adjacent pair is merged repeatedly, driven by a priority queue, with a per-word cache.
#include "tokenizer/bpe.hpp"

#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>

#include <cstdio>
#include <queue>

namespace awq::tok {

namespace {

constexpr size_t kCacheCapacity = 10000;

uint64_t pair_key(int32_t a, int32_t b) { return (uint64_t(uint32_t(a)) << 32) | uint32_t(b); }

std::pair<std::string, std::string> parse_merge(const nlohmann::json& m, const Source& src, size_t index) {
    const std::string where = src.name + ": model merges[" + std::to_string(index) + "]";
    if (m.is_string()) {
        const auto s = m.get<std::string>();
        const auto space = s.find(' ');
        if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
            throw FormatError(where + " '" + s + "' is not two tokens separated by one space");
        return {s.substr(0, space), s.substr(space + 1)};
    }
    if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string())
        return {m[0].get<std::string>(), m[1].get<std::string>()};
    throw FormatError(where + " is neither \"a b\" nor [\"a\", \"b\"]");
}

std::optional<std::string> optional_string(const nlohmann::json& j, const char* key, const Source& src) {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    if (!j.at(key).is_string()) throw FormatError(src.name + ": model '" + key + "' is not a string");
    return j.at(key).get<std::string>();
}

}  // namespace

Bpe::Bpe(Bpe&& o) noexcept
    : vocab_(std::move(o.vocab_)), by_id_(std::move(o.by_id_)), merges_(std::move(o.merges_)), unk_id_(o.unk_id_),
      fuse_unk_(o.fuse_unk_), byte_fallback_(o.byte_fallback_), ignore_merges_(o.ignore_merges_),
      byte_ids_(std::move(o.byte_ids_)), prefix_(std::move(o.prefix_)), suffix_(std::move(o.suffix_)),
      cache_(std::move(o.cache_)) {}

Bpe Bpe::from_json(const nlohmann::json& model, const Source& src) {
    const std::string where = "model BPE";
    Bpe bpe;
    const auto& vocab = require(model, "vocab", src, where);
    if (!vocab.is_object()) throw FormatError(src.name + ": model 'vocab' is not an object");
    for (const auto& [token, id] : vocab.items()) {
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > INT32_MAX)
            throw FormatError(src.name + ": model vocab entry '" + token + "' has an invalid id");
        bpe.vocab_[token] = id.get<int32_t>();
    }
    for (const auto& [token, id] : bpe.vocab_) {
        if (size_t(id) >= bpe.by_id_.size()) bpe.by_id_.resize(size_t(id) + 1, nullptr);
        bpe.by_id_[size_t(id)] = &token;
    }
    bpe.prefix_ = optional_string(model, "continuing_subword_prefix", src).value_or("");
    bpe.suffix_ = optional_string(model, "end_of_word_suffix", src).value_or("");
    const auto& merges = require(model, "merges", src, where);
    if (!merges.is_array()) throw FormatError(src.name + ": model 'merges' is not a list");
    for (size_t i = 0; i < merges.size(); ++i) {
        const auto [a, b] = parse_merge(merges[i], src, i);
        // The merged token drops the right part's continuing_subword_prefix (tokenizers cuts its length in bytes).
        const size_t cut = bpe.prefix_.size();
        if (b.size() < cut || (cut < b.size() && (static_cast<unsigned char>(b[cut]) & 0xC0) == 0x80))
            throw FormatError(src.name + ": model merges[" + std::to_string(i) + "] '" + a + " " + b +
                              "' is too short for the continuing_subword_prefix");
        const auto ia = bpe.find(a), ib = bpe.find(b), inew = bpe.find(a + b.substr(cut));
        if (!ia || !ib || !inew)
            throw FormatError(src.name + ": model merges[" + std::to_string(i) + "] '" + a + " " + b +
                              "' uses a token that is not in the vocab");
        bpe.merges_[pair_key(*ia, *ib)] = {int32_t(i), *inew};  // a repeated pair keeps its last rank
    }
    if (model.contains("dropout") && model.at("dropout").is_number() && model.at("dropout").get<double>() > 0.0)
        throw Unsupported(src.name + ": model BPE dropout is not supported");
    if (const auto unk = optional_string(model, "unk_token", src)) {
        bpe.unk_id_ = bpe.find(*unk);
        if (!bpe.unk_id_) throw FormatError(src.name + ": model unk_token '" + *unk + "' is not in the vocab");
    }
    bpe.fuse_unk_ = optional_bool(model, "fuse_unk", false, src, where);
    bpe.byte_fallback_ = optional_bool(model, "byte_fallback", false, src, where);
    bpe.ignore_merges_ = optional_bool(model, "ignore_merges", false, src, where);
    bpe.byte_ids_.assign(256, -1);
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        if (const auto id = bpe.find(name)) bpe.byte_ids_[size_t(b)] = *id;
    }
    return bpe;
}

std::optional<int32_t> Bpe::find(std::string_view token) const {
    const auto it = vocab_.find(token);
    if (it == vocab_.end()) return std::nullopt;
    return it->second;
}

const std::string* Bpe::token(int32_t id) const {
    if (id < 0 || size_t(id) >= by_id_.size()) return nullptr;
    return by_id_[size_t(id)];
}

const Bpe::MergeInfo* Bpe::merge_of(int32_t a, int32_t b) const {
    const auto it = merges_.find(pair_key(a, b));
    return it == merges_.end() ? nullptr : &it->second;
}

// One symbol per character (or per byte with byte fallback, or a possibly fused unk), like Word::add. A character
// after the first is looked up with the continuing_subword_prefix, the last with the end_of_word_suffix.
std::vector<int32_t> Bpe::initial_symbols(std::string_view word, std::vector<uint32_t>& lengths) const {
    std::vector<int32_t> ids;
    bool unk_pending = false;  // a pending unk symbol of unk_len bytes
    uint32_t unk_len = 0;
    auto add = [&](int32_t id, uint32_t len) {
        ids.push_back(id);
        lengths.push_back(len);
    };
    const auto chars = utf8_chars(word);
    std::string affixed;
    for (size_t k = 0; k < chars.size(); ++k) {
        std::string_view ch = chars[k];
        if ((k > 0 && !prefix_.empty()) || (k + 1 == chars.size() && !suffix_.empty())) {
            affixed.assign(k > 0 ? prefix_ : std::string());
            affixed += ch;
            if (k + 1 == chars.size()) affixed += suffix_;
            ch = affixed;
        }
        const auto char_len = uint32_t(chars[k].size());
        if (const auto id = find(ch)) {
            if (unk_pending) add(*unk_id_, unk_len);
            unk_pending = false;
            add(*id, char_len);
            continue;
        }
        if (byte_fallback_) {  // the bytes of the affixed string, as tokenizers does
            bool all = true;
            for (const char c : ch) all = all && byte_ids_[static_cast<unsigned char>(c)] >= 0;
            if (all) {  // tokenizers adds the bytes without flushing a pending unk first
                for (const char c : ch) add(byte_ids_[static_cast<unsigned char>(c)], 1);
                continue;
            }
        }
        if (!unk_id_) continue;  // no unk token: the character is dropped, as tokenizers does
        if (unk_pending && fuse_unk_) {
            unk_len += char_len;
        } else {
            if (unk_pending) add(*unk_id_, unk_len);
            unk_pending = true;
            unk_len = char_len;
        }
    }
    if (unk_pending) add(*unk_id_, unk_len);
    return ids;
}

std::vector<int32_t> Bpe::merge_word(std::string_view word) const {
    std::vector<uint32_t> lengths;
    std::vector<int32_t> ids = initial_symbols(word, lengths);
    const int n = int(ids.size());
    std::vector<int> prev(static_cast<size_t>(n)), next(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        prev[size_t(i)] = i - 1;
        next[size_t(i)] = i + 1 < n ? i + 1 : -1;
    }
    struct Cand {
        int32_t rank;
        int pos;
        int32_t new_id;
        bool operator>(const Cand& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Cand, std::vector<Cand>, std::greater<>> queue;
    auto push = [&](int pos) {
        if (pos < 0 || next[size_t(pos)] < 0) return;
        if (const auto* m = merge_of(ids[size_t(pos)], ids[size_t(next[size_t(pos)])]))
            queue.push({m->rank, pos, m->new_id});
    };
    for (int i = 0; i + 1 < n; ++i) push(i);
    while (!queue.empty()) {
        const Cand top = queue.top();
        queue.pop();
        const auto p = size_t(top.pos);
        if (lengths[p] == 0 || next[p] < 0) continue;  // removed, or last symbol
        const auto right = size_t(next[p]);
        const auto* m = merge_of(ids[p], ids[right]);
        if (!m || m->new_id != top.new_id) continue;  // stale entry
        ids[p] = top.new_id;
        lengths[p] += lengths[right];
        lengths[right] = 0;
        next[p] = next[right];
        if (next[right] >= 0) prev[size_t(next[right])] = top.pos;
        push(prev[p]);
        push(top.pos);
    }
    std::vector<int32_t> out;
    for (size_t i = 0; i < ids.size(); ++i)
        if (lengths[i] != 0) out.push_back(ids[i]);
    return out;
}

void Bpe::tokenize(std::string_view word, std::vector<int32_t>& out) const {
    if (word.empty()) return;
    if (ignore_merges_) {
        if (const auto id = find(word)) {
            out.push_back(*id);
            return;
        }
    }
    {
        std::lock_guard lock(cache_mutex_);
        if (const auto it = cache_.find(word); it != cache_.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    auto ids = merge_word(word);
    out.insert(out.end(), ids.begin(), ids.end());
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() >= kCacheCapacity) cache_.clear();  // bounded memory; hot words come back quickly
    cache_.emplace(std::string(word), std::move(ids));
}

}  // namespace awq::tok
