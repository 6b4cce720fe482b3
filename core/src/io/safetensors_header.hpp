// SPDX-License-Identifier: MIT
#pragma once
// Parsing and validation of a safetensors header (the JSON after the 8-byte length).
#include <awq/io/dtype.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace awq {

// Largest header we accept (the reference implementation uses the same bound).
inline constexpr uint64_t kMaxSafetensorsHeader = 100u << 20;

struct HeaderEntry {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0;  // byte range inside the data section
    uint64_t end = 0;
};

struct SafetensorsHeader {
    std::vector<HeaderEntry> tensors;  // in the order of their data offsets
    std::map<std::string, std::string> metadata;
};

// Validates everything (JSON, dtypes, shapes, byte ranges inside data_size, no overlaps); FormatError
// naming `path` (and the tensor) otherwise.
SafetensorsHeader parse_safetensors_header(const std::filesystem::path& path, std::string_view json,
                                           uint64_t data_size);

// Number of elements of a shape, or false when a dimension is negative or the product overflows int64.
bool checked_numel(const std::vector<int64_t>& shape, int64_t& out);

// "[2, 3]"
std::string shape_to_string(const std::vector<int64_t>& shape);

}  // namespace awq
