// SPDX-License-Identifier: MIT
// Normalizers: Unicode normal forms (through ICU), Lowercase, Strip, Prepend, Replace and Sequence.
#include "tokenizer/components.hpp"
#include "tokenizer/replace_pattern.hpp"
#include "tokenizer/unicode_classes.hpp"
#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

namespace awq::tok {

namespace {

class UnicodeForm final : public Normalizer {
public:
    UnicodeForm(const std::string& form, const Source& src) : form_(form) {
        UErrorCode status = U_ZERO_ERROR;
        if (form == "NFC") norm_ = unorm2_getNFCInstance(&status);
        else if (form == "NFD") norm_ = unorm2_getNFDInstance(&status);
        else if (form == "NFKC") norm_ = unorm2_getNFKCInstance(&status);
        else norm_ = unorm2_getNFKDInstance(&status);
        if (U_FAILURE(status))
            throw Unsupported(src.name + ": normalizer " + form + " is unavailable: " + u_errorName(status));
    }

    void normalize(std::string& text) const override {
        bool ascii = true;
        for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
        if (ascii) return;  // ASCII is invariant under every normal form
        UErrorCode status = U_ZERO_ERROR;
        std::u16string in(text.size(), u'\0');
        int32_t in_len = 0;
        u_strFromUTF8(in.data(), int32_t(in.size()), &in_len, text.data(), int32_t(text.size()), &status);
        in.resize(size_t(in_len));
        std::u16string out(in.size() * 4 + 16, u'\0');  // decompositions grow by a bounded factor
        status = U_ZERO_ERROR;
        const int32_t out_len = unorm2_normalize(norm_, in.data(), in_len, out.data(), int32_t(out.size()), &status);
        if (U_FAILURE(status)) throw FormatError("normalizer " + form_ + " failed: " + u_errorName(status));
        std::string utf8(size_t(out_len) * 3 + 4, '\0');
        int32_t utf8_len = 0;
        status = U_ZERO_ERROR;
        u_strToUTF8(utf8.data(), int32_t(utf8.size()), &utf8_len, out.data(), out_len, &status);
        if (U_FAILURE(status)) throw FormatError("normalizer " + form_ + " failed: " + u_errorName(status));
        utf8.resize(size_t(utf8_len));
        text = std::move(utf8);
    }

private:
    std::string form_;
    const UNormalizer2* norm_ = nullptr;
};

class Prepend final : public Normalizer {
public:
    explicit Prepend(std::string p) : prepend_(std::move(p)) {}
    void normalize(std::string& text) const override {
        if (!text.empty()) text = prepend_ + text;  // tokenizers leaves empty strings alone
    }

private:
    std::string prepend_;
};

class Replace final : public Normalizer {
public:
    Replace(Regex re, std::string content) : re_(std::move(re)), content_(std::move(content)) {}
    void normalize(std::string& text) const override { text = replace_all(re_, text, content_); }

private:
    Regex re_;
    std::string content_;
};

// Lowercase maps each character on its own (no final-sigma rule), as tokenizers does.
class Lowercase final : public Normalizer {
public:
    void normalize(std::string& text) const override {
        std::string out;
        out.reserve(text.size());
        for (size_t i = 0; i < text.size();) append_lowercase(out, next_code_point(text, i));
        text = std::move(out);
    }
};

// Strip removes leading and/or trailing whitespace (char::is_whitespace).
class Strip final : public Normalizer {
public:
    Strip(bool left, bool right) : left_(left), right_(right) {}
    void normalize(std::string& text) const override {
        size_t begin = 0, end = text.size();
        if (left_) {
            for (size_t i = 0; i < text.size() && is_whitespace(next_code_point(text, i));) begin = i;
        }
        if (right_) {
            size_t last_non_space = begin;  // end of the last non-whitespace character at or after begin
            for (size_t i = begin; i < text.size();)
                if (!is_whitespace(next_code_point(text, i))) last_non_space = i;
            end = last_non_space;
        }
        text = text.substr(begin, end - begin);
    }

private:
    bool left_, right_;
};

class SequenceNorm final : public Normalizer {
public:
    explicit SequenceNorm(std::vector<std::unique_ptr<Normalizer>> parts) : parts_(std::move(parts)) {}
    void normalize(std::string& text) const override {
        for (const auto& p : parts_) p->normalize(text);
    }

private:
    std::vector<std::unique_ptr<Normalizer>> parts_;
};

}  // namespace

std::unique_ptr<Normalizer> make_normalizer(const nlohmann::json& j, const Source& src) {
    const std::string type = component_type(j, src, "normalizer");
    if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD")
        return std::make_unique<UnicodeForm>(type, src);
    if (type == "Lowercase") return std::make_unique<Lowercase>();
    if (type == "Strip")
        return std::make_unique<Strip>(optional_bool(j, "strip_left", true, src, "normalizer Strip"),
                                       optional_bool(j, "strip_right", true, src, "normalizer Strip"));
    if (type == "Prepend") return std::make_unique<Prepend>(require_string(j, "prepend", src, "normalizer Prepend"));
    if (type == "Replace")
        return std::make_unique<Replace>(make_pattern(require(j, "pattern", src, "normalizer Replace"), src,
                                                      "normalizer Replace"),
                                         require_string(j, "content", src, "normalizer Replace"));
    if (type == "Sequence") {
        const auto& list = require(j, "normalizers", src, "normalizer Sequence");
        if (!list.is_array()) throw FormatError(src.name + ": normalizer Sequence 'normalizers' is not a list");
        std::vector<std::unique_ptr<Normalizer>> parts;
        for (const auto& item : list) parts.push_back(make_normalizer(item, src));
        return std::make_unique<SequenceNorm>(std::move(parts));
    }
    unsupported_type(src, "normalizer", type);
}

}  // namespace awq::tok
