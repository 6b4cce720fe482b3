// SPDX-License-Identifier: MIT
#pragma once
// tokenizers' SplitDelimiterBehavior: how the matches of a pattern cut a string.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace awq::tok {

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

using Span = std::pair<size_t, size_t>;

// Non-empty spans of a text of length n cut by the given (sorted, non-overlapping) matches.
std::vector<Span> split_spans(size_t n, const std::vector<Span>& matches, SplitBehavior behavior, bool invert);

}  // namespace awq::tok
