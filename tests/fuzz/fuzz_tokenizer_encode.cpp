// SPDX-License-Identifier: MIT
// Fuzzes encode/decode of arbitrary bytes with the fixture tokenizers (byte-level and SentencePiece BPE).
// The first byte picks the tokenizer; the rest is text (any bytes, valid UTF-8 or not) and, read as int32
// words, ids to decode (in range or not). The Llama 3 fixture (byte-level, no normalizer, no
// space-stripping added tokens) must round-trip valid UTF-8 text exactly.
#include "fuzz_util.hpp"

#include <awq/quant/calibration.hpp>
#include <awq/tokenizer/tokenizer.hpp>

#include <cstring>
#include <vector>

namespace {

const std::vector<awq::Tokenizer>& tokenizers() {
    static const std::vector<awq::Tokenizer> all = [] {
        std::vector<awq::Tokenizer> v;
        for (const char* name : {"bytelevel-gpt2", "bytelevel-llama3", "bytelevel-qwen2", "sentencepiece-llama2",
                                 "sentencepiece-metaspace"})
            v.push_back(awq::Tokenizer::from_file(std::filesystem::path(AWQ_FIXTURES_DIR) / "tokenizers" / name /
                                                  "tokenizer.json"));
        return v;
    }();
    return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    awq::fuzz::Reader in{data, size};
    const size_t which = in.u8() % tokenizers().size();
    const auto& tok = tokenizers()[which];
    const std::string text(awq::fuzz::as_text(in.data, in.size));
    try {
        const auto ids = tok.encode(text, false);
        static std::vector<int64_t> vocab(tokenizers().size(), -1);  // vocab_size() counts the vocabulary
        if (vocab[which] < 0) vocab[which] = tok.vocab_size();
        for (int32_t id : ids)
            if (id < 0 || id >= vocab[which]) std::abort();
        const std::string back = tok.decode(ids, false);
        // Llama 3: no normalizer and no added token that strips spaces (the GPT-2 fixture has lstrip/rstrip ones).
        if (which == 1 && awq::is_valid_utf8(text) && back != text) std::abort();
        (void)tok.encode(text, true);

        std::vector<int32_t> raw(in.size / 4);
        if (!raw.empty()) std::memcpy(raw.data(), in.data, raw.size() * 4);
        (void)tok.decode(raw, true);
        awq::StreamDecoder stream(tok);
        for (int32_t id : raw) (void)stream.push(id);
        (void)stream.flush();
    } catch (const awq::Error&) {
    }
    return 0;
}
