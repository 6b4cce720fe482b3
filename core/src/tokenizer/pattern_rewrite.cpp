// SPDX-License-Identifier: MIT
// Pattern rewriting: one pass over the pattern, tracking whether we are inside a bracket expression.
#include "tokenizer/pattern_rewrite.hpp"

#include "tokenizer/native_class.hpp"
#include "tokenizer/unicode_classes.hpp"
#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>

#include <cctype>
#include <cstdio>
#include <vector>

namespace awq::tok {

namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;

std::string hex_cp(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\x{%X}", unsigned(c));
    return buf;
}

// The ranges as bracket-expression items ("\x{41}-\x{5A}..."), surrogates left out (PCRE2 UTF rejects them).
std::string class_items(const std::vector<CodeRange>& ranges) {
    std::string out;
    auto emit = [&](char32_t a, char32_t b) {
        if (a > b) return;
        out += hex_cp(a);
        if (b > a) out += "-" + hex_cp(b);
    };
    for (const auto& r : ranges) {
        if (r.last < 0xD800 || r.first > 0xDFFF) {
            emit(r.first, r.last);
        } else {
            if (r.first < 0xD800) emit(r.first, 0xD7FF);
            if (r.last > 0xDFFF) emit(0xE000, r.last);
        }
    }
    return out;
}

std::vector<CodeRange> complement(std::span<const CodeRange> ranges) {
    std::vector<CodeRange> out;
    char32_t next = 0;
    for (const auto& r : ranges) {
        if (r.first > next) out.push_back({next, r.first - 1});
        next = r.last + 1;
    }
    if (next <= kMaxCodePoint) out.push_back({next, kMaxCodePoint});
    return out;
}

// Long property names that tokenizers' patterns may spell out, to their short forms.
std::string canonical_property(std::string name) {
    std::string key;
    for (const char c : name)
        if (c != '_' && c != ' ' && c != '-') key += char(std::tolower(static_cast<unsigned char>(c)));
    static const std::pair<const char*, const char*> aliases[] = {
        {"letter", "L"}, {"uppercaseletter", "Lu"}, {"lowercaseletter", "Ll"}, {"titlecaseletter", "Lt"},
        {"modifierletter", "Lm"}, {"otherletter", "Lo"}, {"mark", "M"}, {"combiningmark", "M"},
        {"nonspacingmark", "Mn"}, {"spacingmark", "Mc"}, {"enclosingmark", "Me"}, {"number", "N"},
        {"decimalnumber", "Nd"}, {"digit", "Nd"}, {"letternumber", "Nl"}, {"othernumber", "No"},
        {"punctuation", "P"}, {"punct", "P"}, {"connectorpunctuation", "Pc"}, {"dashpunctuation", "Pd"},
        {"openpunctuation", "Ps"}, {"closepunctuation", "Pe"}, {"initialpunctuation", "Pi"},
        {"finalpunctuation", "Pf"}, {"otherpunctuation", "Po"}, {"symbol", "S"}, {"mathsymbol", "Sm"},
        {"currencysymbol", "Sc"}, {"modifiersymbol", "Sk"}, {"othersymbol", "So"}, {"separator", "Z"},
        {"spaceseparator", "Zs"}, {"lineseparator", "Zl"}, {"paragraphseparator", "Zp"}, {"other", "C"},
        {"control", "Cc"}, {"cntrl", "Cc"}, {"format", "Cf"}, {"privateuse", "Co"}, {"unassigned", "Cn"},
        {"hani", "Han"}, {"alpha", "Alphabetic"}};
    for (const auto& [alias, canon] : aliases)
        if (key == alias) return canon;
    // Short names compare case-insensitively ("l" = "L", "lu" = "Lu").
    for (size_t i = 0; i < unicode_data::kRegexClassCount; ++i) {
        std::string n = unicode_data::kRegexClasses[i].name;
        std::string lower;
        for (const char c : n) lower += char(std::tolower(static_cast<unsigned char>(c)));
        if (lower == key && n.size() > 1) return n;
        if (lower == key && n.size() == 1 && std::isupper(static_cast<unsigned char>(n[0]))) return n;
    }
    return name;
}

class Rewriter {
public:
    Rewriter(const std::string& p, const std::string& what) : p_(p), what_(what) {}

    std::string run() {
        while (i_ < p_.size()) {
            const char c = p_[i_];
            if (c == '\\') escape();
            else if (c == '[') bracket();
            else if (c == '(' && p_.compare(i_, 2, "(?") == 0) group_options();
            else out_ += p_[i_++];
        }
        return out_;
    }

private:
    [[noreturn]] void fail(const std::string& construct) const {
        throw Unsupported(what_ + " regex '" + p_ + "': " + construct + " is not supported");
    }

    // The named class (negated when asked) as bracket items; outside brackets the caller wraps them.
    std::string items(const std::string& name, bool negate) const {
        const auto ranges = regex_class(name);
        if (!ranges) fail("the character class \\p{" + name + "}");
        if (negate) return class_items(complement(*ranges));
        if (auto native = native_class_items(name)) return *native;  // same set, PCRE2's fast lookup
        return class_items(std::vector<CodeRange>(ranges->begin(), ranges->end()));
    }

    // \p{Name}, \p{^Name}, \pN, \P{Name}: i_ is at 'p' or 'P'. Returns {name, negated}.
    std::pair<std::string, bool> property() {
        bool negate = p_[i_] == 'P';
        ++i_;
        if (i_ >= p_.size()) fail("a trailing \\p");
        std::string name;
        if (p_[i_] == '{') {
            const size_t close = p_.find('}', i_);
            if (close == std::string::npos) fail("an unterminated \\p{");
            name = p_.substr(i_ + 1, close - i_ - 1);
            i_ = close + 1;
            if (!name.empty() && name[0] == '^') {
                negate = !negate;
                name.erase(0, 1);
            }
        } else {
            name = p_.substr(i_, 1);
            ++i_;
        }
        return {canonical_property(name), negate};
    }

    // Handles one escape; inside a bracket expression the result is bracket items.
    void escape(bool in_class = false) {
        if (i_ + 1 >= p_.size()) fail("a trailing backslash");
        const char e = p_[i_ + 1];
        auto emit_class = [&](const std::string& name, bool negate) {
            if (in_class) out_ += items(name, negate);
            else if (negate) out_ += "[^" + items(name, false) + "]";
            else out_ += "[" + items(name, false) + "]";
        };
        switch (e) {
        case 's': case 'w': case 'd': case 'h':
            emit_class(std::string(1, e), false);
            i_ += 2;
            return;
        case 'S': case 'W': case 'D': case 'H':
            emit_class(std::string(1, char(std::tolower(e))), true);
            i_ += 2;
            return;
        case 'p': case 'P': {
            ++i_;
            const auto [name, negate] = property();
            emit_class(name, negate);
            return;
        }
        case 'b': case 'B':
            if (in_class) break;  // [\b] is a backspace in both dialects
            {
                const std::string w = "[" + items("w", false) + "]";
                out_ += e == 'b' ? "(?:(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + "))"
                                 : "(?:(?<=" + w + ")(?=" + w + ")|(?<!" + w + ")(?!" + w + "))";
            }
            i_ += 2;
            return;
        case 'v':  // Ruby: the vertical tab character; PCRE2: a class of vertical space
            out_ += "\\x{B}";
            i_ += 2;
            return;
        case 'u': {  // Ruby's \uHHHH
            if (i_ + 6 > p_.size()) fail("a short \\u escape");
            const std::string hex = p_.substr(i_ + 2, 4);
            for (const char h : hex)
                if (!std::isxdigit(static_cast<unsigned char>(h))) fail("the escape \\u" + hex);
            out_ += "\\x{" + hex + "}";
            i_ += 6;
            return;
        }
        case 'Q': {  // \Q...\E (only our own literal patterns use it): copied verbatim
            const size_t end = p_.find("\\E", i_ + 2);
            const size_t stop = end == std::string::npos ? p_.size() : end + 2;
            out_ += p_.substr(i_, stop - i_);
            i_ = stop;
            return;
        }
        default:
            break;
        }
        const bool letter = std::isalpha(static_cast<unsigned char>(e));
        // Escapes that mean the same in both dialects: control characters, hex/octal, anchors, backreferences.
        static const std::string same = "tnrfaexcoAzZGk0123456789";
        if (letter && same.find(e) == std::string::npos) fail(std::string("the escape \\") + e);
        // \b inside a class, a digit, punctuation or a multi-byte character: copied with its bytes.
        const size_t n = utf8_len(static_cast<unsigned char>(e));
        out_ += p_.substr(i_, 1 + n);
        i_ += 1 + n;
    }

    void bracket() {
        out_ += '[';
        ++i_;
        if (i_ < p_.size() && p_[i_] == '^') out_ += p_[i_++];
        if (i_ < p_.size() && p_[i_] == ']') out_ += p_[i_++];  // a leading ']' is literal
        while (true) {
            if (i_ >= p_.size()) fail("an unterminated '['");
            const char c = p_[i_];
            if (c == ']') {
                out_ += p_[i_++];
                return;
            }
            if (c == '\\') {
                escape(true);
            } else if (c == '[') {
                fail("a nested or POSIX bracket '[' inside a character class");
            } else if (c == '&' && p_.compare(i_, 2, "&&") == 0) {
                fail("class intersection '&&'");
            } else {
                out_ += p_[i_++];
            }
        }
    }

    // "(?flags)" or "(?flags:": Ruby's m is PCRE2's s (dot matches newline).
    void group_options() {
        size_t j = i_ + 2;
        while (j < p_.size() && (p_[j] == 'i' || p_[j] == 'm' || p_[j] == 'x' || p_[j] == '-')) ++j;
        if (j == i_ + 2 || j >= p_.size() || (p_[j] != ':' && p_[j] != ')')) {
            out_ += p_.substr(i_, 2);
            i_ += 2;
            return;
        }
        out_ += "(?";
        for (size_t k = i_ + 2; k < j; ++k) out_ += p_[k] == 'm' ? 's' : p_[k];
        i_ = j;
    }

    const std::string& p_;
    const std::string& what_;
    size_t i_ = 0;
    std::string out_;
};

}  // namespace

std::string rewrite_pattern(const std::string& pattern, const std::string& what) {
    return Rewriter(pattern, what).run();
}

}  // namespace awq::tok
