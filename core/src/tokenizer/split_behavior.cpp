// SPDX-License-Identifier: MIT
// Mirrors tokenizers' NormalizedString::split: matches and the gaps between them, combined per behavior.
#include "tokenizer/split_behavior.hpp"

#include <algorithm>

namespace awq::tok {

namespace {

struct Part {
    Span span;
    bool is_match;
};

std::vector<Part> matches_and_gaps(size_t n, const std::vector<Span>& matches, bool invert) {
    std::vector<Part> parts;
    if (n == 0) return {{{0, 0}, invert}};
    size_t prev = 0;
    for (const auto& m : matches) {
        if (prev != m.first) parts.push_back({{prev, m.first}, invert});
        parts.push_back({m, !invert});
        prev = m.second;
    }
    if (prev != n) parts.push_back({{prev, n}, invert});
    return parts;
}

}  // namespace

std::vector<Span> split_spans(size_t n, const std::vector<Span>& matches, SplitBehavior behavior, bool invert) {
    const auto parts = matches_and_gaps(n, matches, invert);
    std::vector<Span> out;
    bool previous_match = false;
    switch (behavior) {
    case SplitBehavior::Isolated:
        for (const auto& p : parts) out.push_back(p.span);
        break;
    case SplitBehavior::Removed:
        for (const auto& p : parts)
            if (!p.is_match) out.push_back(p.span);
        break;
    case SplitBehavior::MergedWithPrevious:
        for (const auto& p : parts) {
            if (p.is_match && !previous_match && !out.empty()) out.back().second = p.span.second;
            else out.push_back(p.span);
            previous_match = p.is_match;
        }
        break;
    case SplitBehavior::MergedWithNext:
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
            if (it->is_match && !previous_match && !out.empty()) out.back().first = it->span.first;
            else out.push_back(it->span);
            previous_match = it->is_match;
        }
        std::reverse(out.begin(), out.end());
        break;
    case SplitBehavior::Contiguous:
        for (const auto& p : parts) {
            if (p.is_match == previous_match && !out.empty()) out.back().second = p.span.second;
            else out.push_back(p.span);
            previous_match = p.is_match;
        }
        break;
    }
    std::erase_if(out, [](const Span& s) { return s.first == s.second; });
    return out;
}

}  // namespace awq::tok
