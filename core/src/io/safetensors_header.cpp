// SPDX-License-Identifier: MIT
#include "io/safetensors_header.hpp"

#include <awq/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <set>

namespace awq {

using nlohmann::json;

bool checked_numel(const std::vector<int64_t>& shape, int64_t& out) {
    int64_t n = 1;
    for (int64_t d : shape) {
        if (d < 0 || __builtin_mul_overflow(n, d, &n)) return false;
    }
    out = n;
    return true;
}

std::string shape_to_string(const std::vector<int64_t>& shape) {
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i) s += ", ";
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

namespace {

// A non-negative JSON integer (floats, negatives, bools and strings are refused).
bool as_u64(const json& v, uint64_t& out) {
    if (v.is_number_unsigned()) {
        out = v.get<uint64_t>();
        return true;
    }
    if (v.is_number_integer() && v.get<int64_t>() >= 0) {
        out = uint64_t(v.get<int64_t>());
        return true;
    }
    return false;
}

struct EntryParser {
    const std::filesystem::path& path;
    uint64_t data_size;

    [[noreturn]] void fail(const std::string& name, const std::string& what) const {
        throw FormatError(path.string() + ": tensor '" + name + "': " + what);
    }

    HeaderEntry parse(const std::string& name, const json& v) const {
        if (!v.is_object()) fail(name, "header entry is not an object");
        HeaderEntry e;
        e.name = name;
        parse_dtype_field(e, v);
        parse_shape(e, v);
        parse_offsets(e, v);
        return e;
    }

    void parse_dtype_field(HeaderEntry& e, const json& v) const {
        const auto it = v.find("dtype");
        if (it == v.end() || !it->is_string()) fail(e.name, "missing or non-string \"dtype\"");
        const auto& s = it->get_ref<const std::string&>();
        if (!parse_dtype(s, e.dtype)) fail(e.name, "unknown dtype '" + s + "'");
    }

    void parse_shape(HeaderEntry& e, const json& v) const {
        const auto it = v.find("shape");
        if (it == v.end() || !it->is_array()) fail(e.name, "missing or non-array \"shape\"");
        for (const json& d : *it) {
            uint64_t u = 0;
            if (!as_u64(d, u) || u > uint64_t(std::numeric_limits<int64_t>::max()))
                fail(e.name, "shape entry " + d.dump() + " is not a non-negative integer");
            e.shape.push_back(int64_t(u));
        }
    }

    void parse_offsets(HeaderEntry& e, const json& v) const {
        const auto it = v.find("data_offsets");
        if (it == v.end() || !it->is_array() || it->size() != 2 || !as_u64((*it)[0], e.begin) ||
            !as_u64((*it)[1], e.end))
            fail(e.name, "\"data_offsets\" must be two non-negative integers");
        if (e.end < e.begin) fail(e.name, "data_offsets " + it->dump() + " end before begin");
        if (e.end > data_size)
            fail(e.name, "data_offsets " + it->dump() + " go past the data section (" + std::to_string(data_size) +
                             " bytes)");
        int64_t numel = 0;
        uint64_t need = 0;
        if (!checked_numel(e.shape, numel) || __builtin_mul_overflow(uint64_t(numel), dtype_size(e.dtype), &need))
            fail(e.name, "shape " + shape_to_string(e.shape) + " is too large");
        if (e.end - e.begin != need)
            fail(e.name, "shape " + shape_to_string(e.shape) + " of " + std::string(dtype_name(e.dtype)) + " needs " +
                             std::to_string(need) + " bytes but data_offsets " + it->dump() + " cover " +
                             std::to_string(e.end - e.begin));
    }
};

std::map<std::string, std::string> parse_metadata(const std::filesystem::path& path, const json& v) {
    if (!v.is_object()) throw FormatError(path.string() + ": \"__metadata__\" is not an object");
    std::map<std::string, std::string> out;
    for (const auto& [k, val] : v.items()) {
        if (!val.is_string())
            throw FormatError(path.string() + ": \"__metadata__\" value of '" + k + "' is not a string");
        out.emplace(k, val.get<std::string>());
    }
    return out;
}

// Sorted by offset, each range must start at or after the end of the one before.
void check_no_overlap(const std::filesystem::path& path, std::vector<HeaderEntry>& tensors) {
    std::sort(tensors.begin(), tensors.end(), [](const HeaderEntry& a, const HeaderEntry& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    for (size_t i = 1; i < tensors.size(); ++i) {
        const auto& prev = tensors[i - 1];
        const auto& cur = tensors[i];
        if (cur.begin < prev.end)
            throw FormatError(path.string() + ": tensor '" + cur.name + "' bytes [" + std::to_string(cur.begin) +
                              ", " + std::to_string(cur.end) + ") overlap tensor '" + prev.name + "' [" +
                              std::to_string(prev.begin) + ", " + std::to_string(prev.end) + ")");
    }
}

}  // namespace

SafetensorsHeader parse_safetensors_header(const std::filesystem::path& path, std::string_view text,
                                           uint64_t data_size) {
    // A name given twice would silently shadow the first entry: refuse it while parsing.
    std::set<std::string> seen;
    std::string duplicate;
    const json::parser_callback_t on_key = [&](int depth, json::parse_event_t ev, json& parsed) {
        if (depth == 1 && ev == json::parse_event_t::key && !seen.insert(parsed.get<std::string>()).second)
            duplicate = parsed.get<std::string>();
        return true;
    };
    json root;
    try {
        root = json::parse(text.begin(), text.end(), on_key);
    } catch (const json::exception& e) {
        throw FormatError(path.string() + ": header is not valid JSON: " + e.what());
    }
    if (!root.is_object()) throw FormatError(path.string() + ": header is not a JSON object");
    if (!duplicate.empty()) throw FormatError(path.string() + ": tensor '" + duplicate + "' is listed twice");
    SafetensorsHeader h;
    const EntryParser parser{path, data_size};
    for (const auto& [name, v] : root.items()) {
        if (name == "__metadata__")
            h.metadata = parse_metadata(path, v);
        else
            h.tensors.push_back(parser.parse(name, v));
    }
    check_no_overlap(path, h.tensors);
    return h;
}

}  // namespace awq
