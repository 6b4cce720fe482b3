// SPDX-License-Identifier: MIT
// write_safetensors: validates the tensors, then streams header + data through the atomic writer, so a
// failure at any point leaves the target untouched and no temporary file behind.
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>

#include "io/atomic_write.hpp"
#include "io/safetensors_header.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace awq {

namespace {

using ojson = nlohmann::ordered_json;  // keeps the header in data order, like the reference writer

void validate(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors) {
    std::set<std::string_view> names;
    for (const auto& t : tensors) {
        const auto where = path.string() + ": tensor '" + t.name + "'";
        if (t.name.empty() || t.name == "__metadata__") throw InvalidArgument(where + ": invalid tensor name");
        if (!names.insert(t.name).second) throw InvalidArgument(where + ": given twice");
        int64_t numel = 0;
        uint64_t need = 0;
        if (!checked_numel(t.shape, numel) || __builtin_mul_overflow(uint64_t(numel), dtype_size(t.dtype), &need))
            throw InvalidArgument(where + ": invalid shape " + shape_to_string(t.shape));
        if (need != t.bytes.size())
            throw InvalidArgument(where + ": shape " + shape_to_string(t.shape) + " of " +
                                  std::string(dtype_name(t.dtype)) + " needs " + std::to_string(need) +
                                  " bytes, got " + std::to_string(t.bytes.size()));
    }
}

// The JSON header padded with spaces so the data section starts at a multiple of 8.
std::string make_header(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                        const std::map<std::string, std::string>& metadata) {
    ojson root = ojson::object();
    if (!metadata.empty()) {
        ojson meta = ojson::object();
        for (const auto& [k, v] : metadata) meta[k] = v;
        root["__metadata__"] = std::move(meta);
    }
    uint64_t offset = 0;
    for (const auto& t : tensors) {
        const uint64_t end = offset + t.bytes.size();
        root[t.name] = {{"dtype", dtype_name(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, end}}};
        offset = end;
    }
    std::string text;
    try {
        text = root.dump();
    } catch (const ojson::exception& e) {
        throw InvalidArgument(path.string() + ": a tensor name or metadata entry is not valid UTF-8: " + e.what());
    }
    text.append((8 - text.size() % 8) % 8, ' ');
    return text;
}

}  // namespace

void write_safetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata) {
    validate(path, tensors);
    const std::string header = make_header(path, tensors, metadata);
    std::byte len[8];
    for (int i = 0; i < 8; ++i) len[i] = std::byte((uint64_t(header.size()) >> (8 * i)) & 0xff);
    write_file_atomic_streamed(path, [&](const AtomicSink& sink) {
        sink(len);
        sink(std::as_bytes(std::span<const char>(header.data(), header.size())));
        for (const auto& t : tensors) sink(t.bytes);
    });
}

}  // namespace awq
