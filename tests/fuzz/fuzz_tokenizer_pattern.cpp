// SPDX-License-Identifier: MIT
// Fuzzes the tokenizer's regex pattern rewriting (Oniguruma syntax -> PCRE2 with tokenizers' Unicode
// classes) and the compiled pattern: the input is a pattern (any bytes); it is rewritten, compiled and run
// over a text mixing scripts, digits, whitespace and format characters. Anything may be refused with an
// awq::Error; matches must be in order, inside the text and on character boundaries.
#include "fuzz_util.hpp"

#include "tokenizer/pattern_rewrite.hpp"
#include "tokenizer/regex.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string text =
        "Hello world 's 'LL 123 \xD9\xA3 \xE4\xBD\xA0\xE5\xA5\xBD\t\r\n \xE1\xA0\x8E\xC2\xA0"
        "\xF0\x91\xBD\x90 \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD e\xCC\x81!?";
    const std::string pattern(awq::fuzz::as_text(data, size));
    try {
        (void)awq::tok::rewrite_pattern(pattern, "fuzz");
        const awq::tok::Regex re(pattern, "fuzz");
        size_t prev = 0;
        for (const auto& [start, end] : re.find_all(text)) {
            if (start < prev || end < start || end > text.size()) std::abort();
            if (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) std::abort();
            prev = end;
        }
    } catch (const awq::Error&) {
    }
    return 0;
}
