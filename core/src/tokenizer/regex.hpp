// SPDX-License-Identifier: MIT
#pragma once
// A compiled PCRE2 pattern (UTF + UCP, JIT when available) used by the Split / ByteLevel pre-tokenizers
// and the Replace normalizer/decoder. Thread-safe: each search uses its own match data.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awq::tok {

class Regex {
public:
    // Throws FormatError "<source>: <what> regex '<pattern>' does not compile: <reason>".
    Regex(const std::string& pattern, const std::string& what);
    static Regex literal(const std::string& text, const std::string& what);  // escaped
    ~Regex();
    Regex(Regex&&) noexcept;
    Regex& operator=(Regex&&) noexcept;

    // All non-overlapping matches [start, end) in s (valid UTF-8), left to right.
    std::vector<std::pair<size_t, size_t>> find_all(std::string_view s) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace awq::tok
