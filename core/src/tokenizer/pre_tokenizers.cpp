// SPDX-License-Identifier: MIT
// Pre-tokenizers: ByteLevel (GPT-2 regex + byte mapping), Split, Metaspace, Digits, Punctuation, Whitespace,
// WhitespaceSplit and Sequence.
#include "tokenizer/components.hpp"
#include "tokenizer/replace_pattern.hpp"
#include "tokenizer/split_behavior.hpp"
#include "tokenizer/unicode_classes.hpp"
#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>

namespace awq::tok {

namespace {

const char* const kGpt2Regex =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

// Replaces each piece by the given spans of it; a span at offset 0 keeps the piece's at_start.
template <class SpansOf>
void resplit(std::vector<Piece>& pieces, SpansOf spans_of) {
    std::vector<Piece> out;
    out.reserve(pieces.size());
    for (auto& p : pieces) {
        for (const auto& [start, end] : spans_of(p))
            out.push_back({p.text.substr(start, end - start), p.at_start && start == 0});
    }
    pieces = std::move(out);
}

class ByteLevelPre final : public PreTokenizer {
public:
    ByteLevelPre(bool add_prefix_space, bool use_regex, const Source& src)
        : add_prefix_space_(add_prefix_space), use_regex_(use_regex),
          re_(kGpt2Regex, src.name + ": pre_tokenizer ByteLevel") {}

    void pre_tokenize(std::vector<Piece>& pieces) const override {
        resplit(pieces, [&](Piece& p) {
            if (add_prefix_space_ && (p.text.empty() || p.text[0] != ' ')) p.text = " " + p.text;
            if (!use_regex_) return std::vector<Span>{{0, p.text.size()}};
            return split_spans(p.text.size(), re_.find_all(p.text), SplitBehavior::Isolated, false);
        });
        for (auto& p : pieces) {
            std::string mapped;
            mapped.reserve(p.text.size() * 2);
            for (const char c : p.text) mapped += byte_to_unicode(static_cast<unsigned char>(c));
            p.text = std::move(mapped);
        }
    }

private:
    bool add_prefix_space_;
    bool use_regex_;
    Regex re_;
};

SplitBehavior parse_behavior(const std::string& name, const Source& src) {
    if (name == "Removed") return SplitBehavior::Removed;
    if (name == "Isolated") return SplitBehavior::Isolated;
    if (name == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
    if (name == "MergedWithNext") return SplitBehavior::MergedWithNext;
    if (name == "Contiguous") return SplitBehavior::Contiguous;
    throw Unsupported(src.name + ": pre_tokenizer Split behavior '" + name + "' is not supported");
}

class SplitPre final : public PreTokenizer {
public:
    SplitPre(Regex re, SplitBehavior behavior, bool invert)
        : re_(std::move(re)), behavior_(behavior), invert_(invert) {}

    void pre_tokenize(std::vector<Piece>& pieces) const override {
        resplit(pieces, [&](const Piece& p) {
            return split_spans(p.text.size(), re_.find_all(p.text), behavior_, invert_);
        });
    }

private:
    Regex re_;
    SplitBehavior behavior_;
    bool invert_;
};

enum class PrependScheme { Always, First, Never };

class MetaspacePre final : public PreTokenizer {
public:
    MetaspacePre(std::string replacement, PrependScheme scheme, bool split)
        : replacement_(std::move(replacement)), scheme_(scheme), split_(split) {}

    void pre_tokenize(std::vector<Piece>& pieces) const override {
        resplit(pieces, [&](Piece& p) {
            std::string t;
            t.reserve(p.text.size() + replacement_.size());
            for (const char c : p.text) {
                if (c == ' ') t += replacement_;
                else t += c;
            }
            const bool starts = t.compare(0, replacement_.size(), replacement_) == 0;
            if (!starts && (scheme_ == PrependScheme::Always || (scheme_ == PrependScheme::First && p.at_start)))
                t = replacement_ + t;
            p.text = std::move(t);
            if (!split_) return p.text.empty() ? std::vector<Span>{} : std::vector<Span>{{0, p.text.size()}};
            std::vector<Span> matches;
            for (size_t pos = p.text.find(replacement_); pos != std::string::npos;
                 pos = p.text.find(replacement_, pos + replacement_.size()))
                matches.emplace_back(pos, pos + replacement_.size());
            return split_spans(p.text.size(), matches, SplitBehavior::MergedWithNext, false);
        });
    }

private:
    std::string replacement_;
    PrependScheme scheme_;
    bool split_;
};

// Each character for which pred holds is one match (tokenizers' split with a char predicate).
template <class Pred>
std::vector<Span> char_matches(const std::string& text, Pred pred) {
    std::vector<Span> out;
    for (size_t i = 0; i < text.size();) {
        const size_t at = i;
        if (pred(next_code_point(text, i))) out.emplace_back(at, i);
    }
    return out;
}

// Digits, Punctuation and WhitespaceSplit: a split on a character predicate with a fixed behavior.
class CharSplitPre final : public PreTokenizer {
public:
    CharSplitPre(bool (*pred)(char32_t), SplitBehavior behavior) : pred_(pred), behavior_(behavior) {}
    void pre_tokenize(std::vector<Piece>& pieces) const override {
        resplit(pieces, [&](const Piece& p) {
            return split_spans(p.text.size(), char_matches(p.text, pred_), behavior_, false);
        });
    }

private:
    bool (*pred_)(char32_t);
    SplitBehavior behavior_;
};

// Whitespace: the matches of \w+|[^\w\s]+ in Rust's regex crate (what tokenizers uses here, not Oniguruma):
// maximal runs of word characters, or of characters that are neither word nor space; spaces are dropped.
class WhitespacePre final : public PreTokenizer {
public:
    void pre_tokenize(std::vector<Piece>& pieces) const override {
        resplit(pieces, [](const Piece& p) {
            std::vector<Span> runs;
            int run_kind = -1;  // 0 word, 1 other, -1 none
            for (size_t i = 0; i < p.text.size();) {
                const size_t at = i;
                const char32_t c = next_code_point(p.text, i);
                const int kind = is_rust_regex_word(c) ? 0 : is_rust_regex_space(c) ? -1 : 1;
                if (kind >= 0 && kind == run_kind) runs.back().second = i;
                else if (kind >= 0) runs.emplace_back(at, i);
                run_kind = kind;
            }
            return runs;
        });
    }
};

class SequencePre final : public PreTokenizer {
public:
    explicit SequencePre(std::vector<std::unique_ptr<PreTokenizer>> parts) : parts_(std::move(parts)) {}
    void pre_tokenize(std::vector<Piece>& pieces) const override {
        for (const auto& p : parts_) p->pre_tokenize(pieces);
    }

private:
    std::vector<std::unique_ptr<PreTokenizer>> parts_;
};

std::unique_ptr<PreTokenizer> make_metaspace(const nlohmann::json& j, const Source& src) {
    const std::string where = "pre_tokenizer Metaspace";
    std::string replacement = require_string(j, "replacement", src, where);
    if (utf8_chars(replacement).size() != 1)
        throw FormatError(src.name + ": " + where + " 'replacement' must be one character");
    PrependScheme scheme = optional_bool(j, "add_prefix_space", true, src, where) ? PrependScheme::Always
                                                                                    : PrependScheme::Never;
    if (j.contains("prepend_scheme") && j.at("prepend_scheme").is_string()) {
        const auto s = j.at("prepend_scheme").get<std::string>();
        if (s == "always") scheme = PrependScheme::Always;
        else if (s == "first") scheme = PrependScheme::First;
        else if (s == "never") scheme = PrependScheme::Never;
        else throw FormatError(src.name + ": " + where + " prepend_scheme '" + s + "' is not always/first/never");
    }
    return std::make_unique<MetaspacePre>(std::move(replacement), scheme, optional_bool(j, "split", true, src, where));
}

}  // namespace

std::unique_ptr<PreTokenizer> make_pre_tokenizer(const nlohmann::json& j, const Source& src) {
    const std::string type = component_type(j, src, "pre_tokenizer");
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelPre>(optional_bool(j, "add_prefix_space", true, src, "pre_tokenizer ByteLevel"),
                                              optional_bool(j, "use_regex", true, src, "pre_tokenizer ByteLevel"), src);
    if (type == "Split") {
        const std::string where = "pre_tokenizer Split";
        return std::make_unique<SplitPre>(make_pattern(require(j, "pattern", src, where), src, where),
                                          parse_behavior(require_string(j, "behavior", src, where), src),
                                          optional_bool(j, "invert", false, src, where));
    }
    if (type == "Metaspace") return make_metaspace(j, src);
    if (type == "Digits") {
        const bool individual = optional_bool(j, "individual_digits", false, src, "pre_tokenizer Digits");
        return std::make_unique<CharSplitPre>(is_numeric,
                                              individual ? SplitBehavior::Isolated : SplitBehavior::Contiguous);
    }
    if (type == "Punctuation") {
        SplitBehavior behavior = SplitBehavior::Isolated;
        if (j.contains("behavior") && !j.at("behavior").is_null())
            behavior = parse_behavior(require_string(j, "behavior", src, "pre_tokenizer Punctuation"), src);
        return std::make_unique<CharSplitPre>(is_punctuation, behavior);
    }
    if (type == "WhitespaceSplit") return std::make_unique<CharSplitPre>(is_whitespace, SplitBehavior::Removed);
    if (type == "Whitespace") return std::make_unique<WhitespacePre>();
    if (type == "Sequence") {
        const auto& list = require(j, "pretokenizers", src, "pre_tokenizer Sequence");
        if (!list.is_array()) throw FormatError(src.name + ": pre_tokenizer Sequence 'pretokenizers' is not a list");
        std::vector<std::unique_ptr<PreTokenizer>> parts;
        for (const auto& item : list) parts.push_back(make_pre_tokenizer(item, src));
        return std::make_unique<SequencePre>(std::move(parts));
    }
    unsupported_type(src, "pre_tokenizer", type);
}

}  // namespace awq::tok
