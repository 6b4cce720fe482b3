// SPDX-License-Identifier: MIT
#pragma once
// The pipeline stages of a tokenizer.json, each built from its JSON object (private to the tokenizer).
// Builders throw Unsupported naming the component type and field, FormatError for malformed objects.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace awq::tok {

// Where a message comes from ("tokenizer.json") so that every error names the file.
struct Source {
    std::string name;
};

// Rewrites a piece of text (NFC, Prepend, Replace, Sequence).
class Normalizer {
public:
    virtual ~Normalizer() = default;
    virtual void normalize(std::string& text) const = 0;
};
std::unique_ptr<Normalizer> make_normalizer(const nlohmann::json& j, const Source& src);

// A piece of text on its way to the model; at_start: it begins at offset 0 of the original text.
struct Piece {
    std::string text;
    bool at_start = false;
};

// Cuts pieces into smaller pieces (ByteLevel, Split, Metaspace, Sequence).
class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    virtual void pre_tokenize(std::vector<Piece>& pieces) const = 0;
};
std::unique_ptr<PreTokenizer> make_pre_tokenizer(const nlohmann::json& j, const Source& src);

// Turns token strings back into text pieces (ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip).
class Decoder {
public:
    virtual ~Decoder() = default;
    virtual void decode_chain(std::vector<std::string>& tokens) const = 0;
};
std::unique_ptr<Decoder> make_decoder(const nlohmann::json& j, const Source& src);

// Adds special tokens around a single sequence (TemplateProcessing, ByteLevel, Sequence).
class PostProcessor {
public:
    virtual ~PostProcessor() = default;
    virtual void process(std::vector<int32_t>& ids, bool add_special_tokens) const = 0;
    virtual std::optional<int32_t> bos_id() const = 0;  // first special token before the sequence
};
std::unique_ptr<PostProcessor> make_post_processor(const nlohmann::json& j, const Source& src);

// Shared JSON accessors that name the file and key in their errors.
const nlohmann::json& require(const nlohmann::json& j, const char* key, const Source& src, const std::string& where);
std::string require_string(const nlohmann::json& j, const char* key, const Source& src, const std::string& where);
bool optional_bool(const nlohmann::json& j, const char* key, bool fallback, const Source& src,
                   const std::string& where);
// The "type" of a component object, for dispatch.
std::string component_type(const nlohmann::json& j, const Source& src, const std::string& field);
[[noreturn]] void unsupported_type(const Source& src, const std::string& field, const std::string& type);

}  // namespace awq::tok
