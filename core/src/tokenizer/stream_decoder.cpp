// SPDX-License-Identifier: MIT
// StreamDecoder: decodes a sliding window of ids and emits only text that can no longer change.
#include "tokenizer/utf8.hpp"

#include <awq/tokenizer/tokenizer.hpp>

namespace awq {

namespace {

bool ends_with_replacement(const std::string& s) {
    return s.size() >= 3 && s.compare(s.size() - 3, 3, "\xEF\xBF\xBD") == 0;
}

}  // namespace

StreamDecoder::StreamDecoder(const Tokenizer& tok, bool skip_special_tokens)
    : tok_(&tok), skip_special_(skip_special_tokens) {}

// ids_ is a window whose first token is already emitted; emitted_bytes_ is how much of the window's decoded
// text was emitted. A trailing U+FFFD means an incomplete character: hold it back until more ids come.
std::string StreamDecoder::push(int32_t id) {
    ids_.push_back(id);
    const std::string text = tok_->decode(ids_, skip_special_);
    if (text.size() <= emitted_bytes_ || ends_with_replacement(text)) return {};
    std::string out = text.substr(emitted_bytes_);
    // Restart the window at this token when it decodes to something by itself: the decoders only treat the
    // first token specially (leading-space strip), so later text stays a suffix of the full decode.
    const std::string alone = tok_->decode({id}, skip_special_);
    if (!alone.empty() && !ends_with_replacement(alone) && text.ends_with(alone)) {
        ids_.assign(1, id);
        emitted_bytes_ = alone.size();
    } else {
        emitted_bytes_ = text.size();
    }
    return out;
}

std::string StreamDecoder::flush() {
    const std::string text = tok_->decode(ids_, skip_special_);
    std::string out = text.size() > emitted_bytes_ ? text.substr(emitted_bytes_) : std::string();
    reset();
    return out;
}

void StreamDecoder::reset() {
    ids_.clear();
    emitted_bytes_ = 0;
}

}  // namespace awq
