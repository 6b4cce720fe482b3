// SPDX-License-Identifier: MIT
// awq::Tokenizer: loads tokenizer.json and runs tokenizers' pipeline (added tokens -> normalizer ->
// pre-tokenizer -> BPE -> post-processor; decoding through the decoder chain).
#include "tokenizer/tokenizer_impl.hpp"

#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/tokenizer/tokenizer.hpp>

#include <set>

namespace awq {

namespace {

// True when a component (or any part of a Sequence) has the given type.
bool has_type(const nlohmann::json& j, const std::string& type) {
    if (j.is_object()) {
        if (j.contains("type") && j.at("type") == type) return true;
        for (const auto& [k, v] : j.items())
            if (has_type(v, type)) return true;
    } else if (j.is_array()) {
        for (const auto& v : j)
            if (has_type(v, type)) return true;
    }
    return false;
}

const nlohmann::json& field_or_null(const nlohmann::json& root, const char* key) {
    static const nlohmann::json null_json;
    return root.contains(key) ? root.at(key) : null_json;
}

}  // namespace

TokenizerImpl::TokenizerImpl(const nlohmann::json& root, const tok::Source& src) : src_(src) {
    if (!root.is_object()) throw FormatError(src.name + ": the top level is not a JSON object");
    const auto& model = tok::require(root, "model", src, "tokenizer");
    const std::string model_type = tok::component_type(model, src, "model");
    if (model_type != "BPE") tok::unsupported_type(src, "model", model_type);
    // Build every component before anything else so that an unsupported one is reported first.
    if (const auto& j = field_or_null(root, "normalizer"); !j.is_null()) normalizer_ = tok::make_normalizer(j, src);
    if (const auto& j = field_or_null(root, "pre_tokenizer"); !j.is_null())
        pre_tokenizer_ = tok::make_pre_tokenizer(j, src);
    if (const auto& j = field_or_null(root, "decoder"); !j.is_null()) decoder_ = tok::make_decoder(j, src);
    if (const auto& j = field_or_null(root, "post_processor"); !j.is_null())
        post_processor_ = tok::make_post_processor(j, src);
    model_.emplace(tok::Bpe::from_json(model, src));
    // truncation / padding are batch settings of the Python API; encode() here never truncates or pads.

    added_ = tok::parse_added_tokens(field_or_null(root, "added_tokens"), src);
    for (size_t i = 0; i < added_.size(); ++i) {
        auto& t = added_[i];
        added_by_id_[t.id] = i;
        added_by_content_[t.content] = t.id;
        t.token = t.content;
        if (t.normalized) {
            if (normalizer_) normalizer_->normalize(t.token);  // normalized tokens match normalized text
            normalized_matcher_.add(t.token, t);
        } else {
            raw_matcher_.add(t.content, t);
        }
    }
    raw_matcher_.finish();
    normalized_matcher_.finish();

    kind = has_type(field_or_null(root, "pre_tokenizer"), "ByteLevel") ||
                   has_type(field_or_null(root, "decoder"), "ByteLevel")
               ? TokenizerKind::ByteLevelBpe
               : TokenizerKind::SentencePieceBpe;
    if (post_processor_) bos = post_processor_->bos_id();
}

void TokenizerImpl::encode_text(std::string_view text, bool at_start, std::vector<int32_t>& out) const {
    std::string normalized(text);
    if (normalizer_) normalizer_->normalize(normalized);
    for (const auto& seg : normalized_matcher_.split(normalized)) {
        if (seg.id >= 0) {
            out.push_back(seg.id);
            continue;
        }
        std::vector<tok::Piece> pieces{{normalized.substr(seg.start, seg.end - seg.start), at_start && seg.start == 0}};
        if (pre_tokenizer_) pre_tokenizer_->pre_tokenize(pieces);
        for (const auto& p : pieces) model_->tokenize(p.text, out);
    }
}

std::vector<int32_t> TokenizerImpl::encode(std::string_view text, bool add_special_tokens) const {
    if (!tok::is_valid_utf8(text)) throw InvalidArgument(src_.name + ": the text to encode is not valid UTF-8");
    std::vector<int32_t> ids;
    for (const auto& seg : raw_matcher_.split(text)) {
        if (seg.id >= 0) ids.push_back(seg.id);
        else encode_text(text.substr(seg.start, seg.end - seg.start), seg.start == 0, ids);
    }
    if (post_processor_) post_processor_->process(ids, add_special_tokens);
    return ids;
}

std::string TokenizerImpl::decode(const std::vector<int32_t>& ids, bool skip_special_tokens) const {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (const int32_t id : ids) {
        const std::string* t = id_to_token(id);
        if (!t) continue;  // unknown ids are dropped, as tokenizers does
        if (skip_special_tokens && is_special(id)) continue;
        tokens.push_back(*t);
    }
    if (!decoder_) {
        std::string out;
        for (size_t i = 0; i < tokens.size(); ++i) out += (i ? " " : "") + tokens[i];
        return out;
    }
    decoder_->decode_chain(tokens);
    std::string out;
    for (const auto& t : tokens) out += t;
    return out;
}

std::optional<int32_t> TokenizerImpl::token_to_id(std::string_view token) const {
    if (const auto it = added_by_content_.find(token); it != added_by_content_.end()) return it->second;
    return model_->find(token);
}

const std::string* TokenizerImpl::id_to_token(int32_t id) const {
    if (const auto it = added_by_id_.find(id); it != added_by_id_.end()) return &added_[it->second].token;
    return model_->token(id);
}

bool TokenizerImpl::is_special(int32_t id) const {
    const auto it = added_by_id_.find(id);
    return it != added_by_id_.end() && added_[it->second].special;
}

int64_t TokenizerImpl::vocab_size() const {
    std::set<int32_t> ids;
    for (const auto& [token, id] : model_->vocab()) ids.insert(id);
    for (const auto& t : added_) ids.insert(t.id);
    return int64_t(ids.size());
}

// ---------------------------------------------------------------------------------------------------------

Tokenizer::Tokenizer(std::unique_ptr<TokenizerImpl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::from_file(const std::filesystem::path& tokenizer_json) {
    return from_json(read_text_file(tokenizer_json), tokenizer_json.string());
}

Tokenizer Tokenizer::from_json(const std::string& json_text, const std::string& source_name) {
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(source_name + ": not valid JSON: " + e.what());
    }
    try {
        return Tokenizer(std::make_unique<TokenizerImpl>(root, tok::Source{source_name}));
    } catch (const nlohmann::json::exception& e) {  // a value of an unexpected JSON type deep inside
        throw FormatError(source_name + ": unexpected content: " + e.what());
    }
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_special_tokens) const {
    return impl_->encode(text, add_special_tokens);
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids, bool skip_special_tokens) const {
    return impl_->decode(ids, skip_special_tokens);
}

TokenizerKind Tokenizer::kind() const { return impl_->kind; }

std::string Tokenizer::kind_name() const {
    return impl_->kind == TokenizerKind::ByteLevelBpe ? "byte-level BPE" : "SentencePiece BPE";
}

int64_t Tokenizer::vocab_size() const { return impl_->vocab_size(); }

std::optional<int32_t> Tokenizer::token_to_id(std::string_view token) const { return impl_->token_to_id(token); }

std::string Tokenizer::id_to_token(int32_t id) const {
    const std::string* t = impl_->id_to_token(id);
    return t ? *t : std::string();
}

bool Tokenizer::is_special(int32_t id) const { return impl_->is_special(id); }

std::optional<int32_t> Tokenizer::bos_id() const { return impl_->bos; }

}  // namespace awq
