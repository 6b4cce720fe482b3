// SPDX-License-Identifier: MIT
#pragma once
// Hugging Face tokenizer.json: byte-level BPE (GPT-2, Llama 3, Qwen) and SentencePiece-style BPE
// (Llama 2, Mistral, TinyLlama), added/special tokens, TemplateProcessing post-processor.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awq {

enum class TokenizerKind { ByteLevelBpe, SentencePieceBpe };

class TokenizerImpl;

class Tokenizer {
public:
    // Throws FileError / FormatError / Unsupported (naming the unsupported component type).
    static Tokenizer from_file(const std::filesystem::path& tokenizer_json);
    static Tokenizer from_json(const std::string& json_text, const std::string& source_name);

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

    // Encodes like tokenizers' encode(text, add_special_tokens): added tokens are matched first,
    // the post-processor adds BOS etc. when add_special_tokens is true.
    std::vector<int32_t> encode(std::string_view text, bool add_special_tokens = true) const;
    // Decodes like tokenizers' decode(ids, skip_special_tokens).
    std::string decode(const std::vector<int32_t>& ids, bool skip_special_tokens = false) const;

    TokenizerKind kind() const;
    std::string kind_name() const;  // "byte-level BPE" / "SentencePiece BPE"
    int64_t vocab_size() const;     // including added tokens
    std::optional<int32_t> token_to_id(std::string_view token) const;
    std::string id_to_token(int32_t id) const;  // "" when out of range
    bool is_special(int32_t id) const;
    // The BOS the post-processor adds (if any).
    std::optional<int32_t> bos_id() const;

private:
    explicit Tokenizer(std::unique_ptr<TokenizerImpl> impl);
    std::unique_ptr<TokenizerImpl> impl_;
    friend class StreamDecoder;
};

// Streams text out of a growing id sequence: push() returns the newly completed text. A multi-byte
// UTF-8 character split across tokens is held back until it is complete.
class StreamDecoder {
public:
    explicit StreamDecoder(const Tokenizer& tok, bool skip_special_tokens = true);
    std::string push(int32_t id);
    std::string flush();  // whatever is left (incomplete bytes become U+FFFD)
    void reset();

private:
    const Tokenizer* tok_;
    bool skip_special_;
    std::vector<int32_t> ids_;
    size_t emitted_bytes_ = 0;
};

}  // namespace awq
