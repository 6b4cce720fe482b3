// SPDX-License-Identifier: MIT
// PCRE2 wrapper: compile once (with JIT when the library has it), match many times. Patterns are first
// rewritten (pattern_rewrite.hpp) so that their character classes are tokenizers' own, and compiled with
// Oniguruma's Ruby-syntax line anchors (^ and $ at every \n).
#include "tokenizer/regex.hpp"

#include "tokenizer/pattern_rewrite.hpp"

#include <awq/error.hpp>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace awq::tok {

struct Regex::Impl {
    pcre2_code* code = nullptr;
    ~Impl() { pcre2_code_free(code); }
};

Regex::Regex(const std::string& pattern, const std::string& what) : impl_(std::make_unique<Impl>()) {
    const std::string rewritten = rewrite_pattern(pattern, what);
    int err = 0;
    PCRE2_SIZE offset = 0;
    pcre2_compile_context* ctx = pcre2_compile_context_create(nullptr);
    pcre2_set_newline(ctx, PCRE2_NEWLINE_LF);
    impl_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(rewritten.data()), rewritten.size(),
                                PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &err, &offset, ctx);
    pcre2_compile_context_free(ctx);
    if (!impl_->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        throw FormatError(what + " regex '" + pattern + "' does not compile: " + reinterpret_cast<const char*>(msg));
    }
    pcre2_jit_compile(impl_->code, PCRE2_JIT_COMPLETE);  // best effort: falls back to the interpreter
}

Regex Regex::literal(const std::string& text, const std::string& what) {
    // \Q...\E quotes everything except a literal "\E", which is spliced in escaped.
    std::string p = "\\Q";
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\\E") == 0) {
            p += "\\E\\\\E\\Q";
            ++i;
        } else {
            p += text[i];
        }
    }
    p += "\\E";
    return Regex(p, what);
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

std::vector<std::pair<size_t, size_t>> Regex::find_all(std::string_view s) const {
    std::vector<std::pair<size_t, size_t>> out;
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(impl_->code, nullptr);
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(s.data());
    size_t pos = 0;
    while (pos <= s.size()) {
        const int rc = pcre2_match(impl_->code, subject, s.size(), pos, PCRE2_NO_UTF_CHECK, md, nullptr);
        if (rc < 0) break;  // PCRE2_ERROR_NOMATCH (or a resource limit: treat the rest as unmatched)
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
        const size_t start = ov[0], end = ov[1];
        if (end == start) {
            // Empty match: record it and step over one character so the scan advances.
            out.emplace_back(start, end);
            if (start >= s.size()) break;
            size_t next = start + 1;
            while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
            pos = next;
        } else {
            out.emplace_back(start, end);
            pos = end;
        }
    }
    pcre2_match_data_free(md);
    return out;
}

}  // namespace awq::tok
