// SPDX-License-Identifier: MIT
// Decoders: ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip, BPEDecoder, WordPiece and Sequence
// (tokenizers' decode_chain).
#include "tokenizer/components.hpp"
#include "tokenizer/replace_pattern.hpp"
#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>

namespace awq::tok {

namespace {

const char* const kReplacementChar = "\xEF\xBF\xBD";

class ByteLevelDec final : public Decoder {
public:
    // All tokens become one byte string; a token with a character outside the byte map keeps its UTF-8.
    void decode_chain(std::vector<std::string>& tokens) const override {
        std::string bytes;
        for (const auto& t : tokens) {
            std::string mapped;
            bool ok = true;
            for (size_t i = 0; i < t.size() && ok;) {
                const int b = unicode_to_byte(next_code_point(t, i));
                if (b < 0) ok = false;
                else mapped += char(b);
            }
            bytes += ok ? mapped : t;
        }
        tokens.assign(1, utf8_lossy(bytes));
    }
};

class MetaspaceDec final : public Decoder {
public:
    MetaspaceDec(std::string replacement, bool strip_first) : replacement_(std::move(replacement)), strip_first_(strip_first) {}
    // Every replacement becomes a space, except in the first token where they vanish (tokenizers does this).
    void decode_chain(std::vector<std::string>& tokens) const override {
        for (size_t i = 0; i < tokens.size(); ++i) {
            std::string out;
            const std::string& t = tokens[i];
            for (size_t pos = 0; pos < t.size();) {
                if (t.compare(pos, replacement_.size(), replacement_) == 0) {
                    if (!(i == 0 && strip_first_)) out += ' ';
                    pos += replacement_.size();
                } else {
                    out += t[pos++];
                }
            }
            tokens[i] = std::move(out);
        }
    }

private:
    std::string replacement_;
    bool strip_first_;
};

class ReplaceDec final : public Decoder {
public:
    ReplaceDec(Regex re, std::string content) : re_(std::move(re)), content_(std::move(content)) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        for (auto& t : tokens) t = replace_all(re_, t, content_);
    }

private:
    Regex re_;
    std::string content_;
};

// "<0xNN>" -> NN (with Rust's u8::from_str_radix rules: two hex digits, or '+' and one digit).
int byte_token_value(const std::string& t) {
    if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>') return -1;
    auto hex = [](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    if (t[3] == '+') return hex(t[4]);
    const int hi = hex(t[3]), lo = hex(t[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

class ByteFallbackDec final : public Decoder {
public:
    // Runs of <0xNN> tokens become their UTF-8 text, or one U+FFFD per byte when the run is not valid UTF-8.
    void decode_chain(std::vector<std::string>& tokens) const override {
        std::vector<std::string> out;
        std::string run;
        size_t run_len = 0;
        auto flush = [&] {
            if (run_len == 0) return;
            if (is_valid_utf8(run)) out.push_back(run);
            else
                for (size_t k = 0; k < run_len; ++k) out.emplace_back(kReplacementChar);
            run.clear();
            run_len = 0;
        };
        for (auto& t : tokens) {
            const int b = byte_token_value(t);
            if (b >= 0) {
                run += char(b);
                ++run_len;
            } else {
                flush();
                out.push_back(std::move(t));
            }
        }
        flush();
        tokens = std::move(out);
    }
};

class FuseDec final : public Decoder {
public:
    void decode_chain(std::vector<std::string>& tokens) const override {
        std::string all;
        for (const auto& t : tokens) all += t;
        tokens.assign(1, std::move(all));
    }
};

class StripDec final : public Decoder {
public:
    StripDec(char32_t content, size_t start, size_t stop) : content_(content), start_(start), stop_(stop) {}
    // Removes up to start leading and stop trailing `content` characters from each token.
    void decode_chain(std::vector<std::string>& tokens) const override {
        for (auto& t : tokens) {
            std::vector<std::pair<size_t, char32_t>> chars;  // byte offset, code point
            for (size_t i = 0; i < t.size();) {
                const size_t at = i;
                chars.emplace_back(at, next_code_point(t, i));
            }
            size_t first = 0;
            while (first < start_ && first < chars.size() && chars[first].second == content_) ++first;
            size_t last = chars.size();
            for (size_t k = 0; k < stop_ && last > first && chars[last - 1].second == content_; ++k) --last;
            const size_t b0 = first < chars.size() ? chars[first].first : t.size();
            const size_t b1 = last < chars.size() ? chars[last].first : t.size();
            t = t.substr(b0, b1 - b0);
        }
    }

private:
    char32_t content_;
    size_t start_, stop_;
};

void replace_every(std::string& s, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    std::string out;
    size_t prev = 0;
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, prev)) {
        out.append(s, prev, pos - prev);
        out += to;
        prev = pos + from.size();
    }
    out.append(s, prev, std::string::npos);
    s = std::move(out);
}

// BPEDecoder: the end-of-word suffix becomes a space, except in the last token where it vanishes.
class BpeDec final : public Decoder {
public:
    explicit BpeDec(std::string suffix) : suffix_(std::move(suffix)) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        for (size_t i = 0; i < tokens.size(); ++i) replace_every(tokens[i], suffix_, i + 1 == tokens.size() ? "" : " ");
    }

private:
    std::string suffix_;
};

// WordPiece: a token after the first loses its continuing prefix, or else gets a space before it; cleanup
// undoes the spaces that English tokenization put before punctuation and contractions.
class WordPieceDec final : public Decoder {
public:
    WordPieceDec(std::string prefix, bool cleanup) : prefix_(std::move(prefix)), cleanup_(cleanup) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        for (size_t i = 0; i < tokens.size(); ++i) {
            auto& t = tokens[i];
            if (i != 0) {
                if (t.compare(0, prefix_.size(), prefix_) == 0) t.erase(0, prefix_.size());
                else t.insert(0, " ");
            }
            if (cleanup_) clean(t);
        }
    }

private:
    static void clean(std::string& t) {
        static const std::pair<const char*, const char*> rules[] = {
            {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"},
            {" 'm", "'m"}, {" do not", " don't"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}};
        for (const auto& [from, to] : rules) replace_every(t, from, to);
    }
    std::string prefix_;
    bool cleanup_;
};

class SequenceDec final : public Decoder {
public:
    explicit SequenceDec(std::vector<std::unique_ptr<Decoder>> parts) : parts_(std::move(parts)) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        for (const auto& p : parts_) p->decode_chain(tokens);
    }

private:
    std::vector<std::unique_ptr<Decoder>> parts_;
};

size_t require_count(const nlohmann::json& j, const char* key, const Source& src, const std::string& where) {
    const auto& v = require(j, key, src, where);
    if (!v.is_number_unsigned()) throw FormatError(src.name + ": " + where + " '" + key + "' is not a count");
    return v.get<size_t>();
}

std::unique_ptr<Decoder> make_strip(const nlohmann::json& j, const Source& src) {
    const std::string where = "decoder Strip";
    const std::string content = require_string(j, "content", src, where);
    if (utf8_chars(content).size() != 1) throw FormatError(src.name + ": " + where + " 'content' must be one character");
    size_t i = 0;
    const char32_t c = next_code_point(content, i);
    return std::make_unique<StripDec>(c, require_count(j, "start", src, where), require_count(j, "stop", src, where));
}

std::unique_ptr<Decoder> make_metaspace_dec(const nlohmann::json& j, const Source& src) {
    const std::string where = "decoder Metaspace";
    bool strip_first = optional_bool(j, "add_prefix_space", true, src, where);
    if (j.contains("prepend_scheme") && j.at("prepend_scheme").is_string())
        strip_first = j.at("prepend_scheme").get<std::string>() != "never";
    return std::make_unique<MetaspaceDec>(require_string(j, "replacement", src, where), strip_first);
}

}  // namespace

std::unique_ptr<Decoder> make_decoder(const nlohmann::json& j, const Source& src) {
    const std::string type = component_type(j, src, "decoder");
    if (type == "ByteLevel") return std::make_unique<ByteLevelDec>();
    if (type == "Metaspace") return make_metaspace_dec(j, src);
    if (type == "Replace")
        return std::make_unique<ReplaceDec>(make_pattern(require(j, "pattern", src, "decoder Replace"), src,
                                                         "decoder Replace"),
                                            require_string(j, "content", src, "decoder Replace"));
    if (type == "ByteFallback") return std::make_unique<ByteFallbackDec>();
    if (type == "Fuse") return std::make_unique<FuseDec>();
    if (type == "Strip") return make_strip(j, src);
    if (type == "BPEDecoder") {
        std::string suffix = "</w>";
        if (j.contains("suffix")) suffix = require_string(j, "suffix", src, "decoder BPEDecoder");
        return std::make_unique<BpeDec>(std::move(suffix));
    }
    if (type == "WordPiece") {
        std::string prefix = "##";
        if (j.contains("prefix")) prefix = require_string(j, "prefix", src, "decoder WordPiece");
        return std::make_unique<WordPieceDec>(std::move(prefix), optional_bool(j, "cleanup", true, src, "decoder WordPiece"));
    }
    if (type == "Sequence") {
        const auto& list = require(j, "decoders", src, "decoder Sequence");
        if (!list.is_array()) throw FormatError(src.name + ": decoder Sequence 'decoders' is not a list");
        std::vector<std::unique_ptr<Decoder>> parts;
        for (const auto& item : list) parts.push_back(make_decoder(item, src));
        return std::make_unique<SequenceDec>(std::move(parts));
    }
    unsupported_type(src, "decoder", type);
}

}  // namespace awq::tok
