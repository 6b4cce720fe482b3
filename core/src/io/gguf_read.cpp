// SPDX-License-Identifier: MIT
// GgufFile::open: parses and validates the whole header of a memory-mapped GGUF file before any tensor is
// handed out. Every count and length is checked against the bytes left before anything is allocated for
// it, so a hostile header cannot ask for more memory than its own size (times a small factor, and at most
// kMaxValues metadata values in all).
#include <awq/error.hpp>
#include <awq/io/gguf.hpp>

#include "io/mapped_file.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>

namespace awq {

namespace {

constexpr size_t kMaxArrayDepth = 8;         // arrays of arrays nested deeper are refused (stack bound)
constexpr uint64_t kMaxValues = 1ull << 24;  // metadata values in all (real vocabularies: ~1-2 million)

std::string at_offset(uint64_t pos) { return "offset " + std::to_string(pos); }

}  // namespace

// The cursor over the mapped bytes; every read checks that the bytes are there.
struct GgufParser {
    GgufFile& file;
    std::span<const std::byte> bytes;
    uint64_t pos = 0;
    uint64_t values = 0;
    std::vector<uint64_t> nbytes{};  // per tensor, until place_tensors makes the views

    [[noreturn]] void fail(uint64_t where, const std::string& what) const {
        throw FormatError(file.path_.string() + ": " + at_offset(where) + ": " + what);
    }
    uint64_t left() const { return bytes.size() - pos; }

    void need(uint64_t n, const char* what) const {
        if (n > left())
            fail(pos, std::string("file ends while reading ") + what + " (" + std::to_string(n) + " bytes needed, " +
                          std::to_string(left()) + " left)");
    }
    template <typename T>
    T scalar(const char* what) {
        need(sizeof(T), what);
        T v;
        std::memcpy(&v, bytes.data() + pos, sizeof(T));
        pos += sizeof(T);
        return v;
    }
    std::string string(const char* what) {
        const uint64_t start = pos;
        const uint64_t n = scalar<uint64_t>(what);
        if (n > left())
            fail(start, std::string(what) + ": string length " + std::to_string(n) + " goes past the end of the file (" +
                            std::to_string(left()) + " bytes left)");
        std::string s(reinterpret_cast<const char*>(bytes.data() + pos), size_t(n));
        pos += n;
        return s;
    }

    void parse() {
        parse_preamble();
        const uint64_t n_tensors = scalar<uint64_t>("the tensor count");
        const uint64_t n_kv = scalar<uint64_t>("the key/value count");
        // Each key/value takes at least 13 bytes (key length, type, one byte of value), each tensor info 24.
        if (n_kv > left() / 13) fail(16, "key/value count " + std::to_string(n_kv) + " cannot fit in the file");
        if (n_tensors > left() / 24) fail(8, "tensor count " + std::to_string(n_tensors) + " cannot fit in the file");
        file.kv_.reserve(size_t(n_kv));
        for (uint64_t i = 0; i < n_kv; ++i) parse_kv();
        set_alignment();
        file.tensors_.reserve(size_t(n_tensors));
        nbytes.reserve(size_t(n_tensors));
        for (uint64_t i = 0; i < n_tensors; ++i) parse_tensor_info();
        const uint64_t a = file.alignment_;
        file.data_offset_ = (pos + a - 1) / a * a;  // pos < file size <= 2^63, so no overflow
        place_tensors();
    }

    void parse_preamble() {
        if (bytes.size() < 4 || std::memcmp(bytes.data(), "GGUF", 4) != 0)
            fail(0, "not a GGUF file (the first 4 bytes are not \"GGUF\")");
        pos = 4;
        const uint32_t v = scalar<uint32_t>("the version");
        if (v != 0 && (v & 0xffffu) == 0)
            fail(4, "version " + std::to_string(v) + " looks byte-swapped: big-endian GGUF files are not supported");
        if (v == 1) fail(4, "GGUF version 1 is not supported (only versions 2 and 3)");
        if (v != 2 && v != 3) fail(4, "unknown GGUF version " + std::to_string(v) + " (only versions 2 and 3)");
        file.version_ = v;
    }

    void parse_kv() {
        const uint64_t start = pos;
        std::string key = string("a metadata key");
        if (key.empty()) fail(start, "empty metadata key");
        if (file.kv_index_.count(key) != 0) fail(start, "metadata key '" + key + "' appears twice");
        const uint64_t type_pos = pos;
        const uint32_t type = scalar<uint32_t>("a metadata value type");
        GgufValue v = value("metadata key '" + key + "'", type, type_pos, 0);
        file.kv_index_.emplace(key, file.kv_.size());
        file.kv_.push_back({std::move(key), std::move(v)});
    }

    // The smallest encoding of one value of a type (for bounding array counts by the bytes left).
    static uint64_t min_size(uint32_t type) {
        switch (GgufValueType(type)) {
        case GgufValueType::U8: case GgufValueType::I8: case GgufValueType::Bool: return 1;
        case GgufValueType::U16: case GgufValueType::I16: return 2;
        case GgufValueType::U32: case GgufValueType::I32: case GgufValueType::F32: return 4;
        case GgufValueType::String: case GgufValueType::U64: case GgufValueType::I64: case GgufValueType::F64: return 8;
        case GgufValueType::Array: return 12;
        }
        return 1;
    }

    // `where` names the key in errors ("metadata key 'k'"); made once per key, not per array element.
    GgufValue value(const std::string& where, uint32_t type, uint64_t type_pos, size_t depth) {
        if (++values > kMaxValues)
            fail(type_pos, where + ": more than " + std::to_string(kMaxValues) + " metadata values in the file");
        switch (GgufValueType(type)) {
        case GgufValueType::U8: return scalar<uint8_t>(where.c_str());
        case GgufValueType::I8: return scalar<int8_t>(where.c_str());
        case GgufValueType::U16: return scalar<uint16_t>(where.c_str());
        case GgufValueType::I16: return scalar<int16_t>(where.c_str());
        case GgufValueType::U32: return scalar<uint32_t>(where.c_str());
        case GgufValueType::I32: return scalar<int32_t>(where.c_str());
        case GgufValueType::F32: return scalar<float>(where.c_str());
        case GgufValueType::U64: return scalar<uint64_t>(where.c_str());
        case GgufValueType::I64: return scalar<int64_t>(where.c_str());
        case GgufValueType::F64: return scalar<double>(where.c_str());
        case GgufValueType::String: return string(where.c_str());
        case GgufValueType::Bool: {
            const uint64_t at = pos;
            const uint8_t b = scalar<uint8_t>(where.c_str());
            if (b > 1) fail(at, where + ": bool value " + std::to_string(b) + " is neither 0 nor 1");
            return b == 1;
        }
        case GgufValueType::Array: return array(where, type_pos, depth);
        }
        fail(type_pos, where + ": unknown value type " + std::to_string(type));
    }

    GgufValue array(const std::string& where, uint64_t type_pos, size_t depth) {
        if (depth >= kMaxArrayDepth)
            fail(type_pos, where + ": arrays nested more than " + std::to_string(kMaxArrayDepth) + " deep");
        const uint64_t elem_pos = pos;
        const uint32_t elem = scalar<uint32_t>(where.c_str());
        if (elem > uint32_t(GgufValueType::F64))
            fail(elem_pos, where + ": unknown array element type " + std::to_string(elem));
        const uint64_t n = scalar<uint64_t>(where.c_str());
        if (n > left() / min_size(elem))
            fail(elem_pos, where + ": array of " + std::to_string(n) + " " +
                               std::string(gguf_value_type_name(GgufValueType(elem))) +
                               " values goes past the end of the file (" + std::to_string(left()) + " bytes left)");
        GgufArray a;
        a.element_type = GgufValueType(elem);
        a.items.reserve(size_t(n));
        for (uint64_t i = 0; i < n; ++i) a.items.push_back(value(where, elem, elem_pos, depth + 1));
        return GgufValue(std::move(a));
    }

    void set_alignment() {
        const auto it = file.kv_index_.find("general.alignment");
        if (it == file.kv_index_.end()) return;
        const GgufValue& v = file.kv_[it->second].value;
        const auto* a = v.get_if<uint32_t>();
        if (a == nullptr)
            throw FormatError(file.path_.string() + ": general.alignment is " +
                              std::string(gguf_value_type_name(v.type())) + ", expected UINT32");
        if (*a == 0 || (*a & (*a - 1)) != 0)
            throw FormatError(file.path_.string() + ": general.alignment " + std::to_string(*a) +
                              " is not a power of two");
        file.alignment_ = *a;
    }

    void parse_tensor_info() {
        const uint64_t start = pos;
        GgufTensor t;
        t.name = string("a tensor name");
        if (t.name.empty()) fail(start, "empty tensor name");
        const auto where = "tensor '" + t.name + "'";
        if (file.tensor_index_.count(t.name) != 0) fail(start, where + " appears twice");
        const uint32_t n_dims = scalar<uint32_t>(where.c_str());
        if (n_dims > kGgufMaxDims)
            fail(start, where + ": " + std::to_string(n_dims) + " dimensions (at most " +
                            std::to_string(kGgufMaxDims) + ")");
        int64_t numel = 1;
        for (uint32_t i = 0; i < n_dims; ++i) {
            const uint64_t d = scalar<uint64_t>(where.c_str());
            if (d > uint64_t(std::numeric_limits<int64_t>::max()) || __builtin_mul_overflow(numel, int64_t(d), &numel))
                fail(start, where + ": dimensions too large (dimension " + std::to_string(i) + " is " +
                                std::to_string(d) + ")");
            t.dims.push_back(int64_t(d));
        }
        const uint64_t type_pos = pos;
        const uint32_t type = scalar<uint32_t>(where.c_str());
        const GgmlTypeInfo* info = ggml_type_info(type);
        if (info == nullptr) fail(type_pos, where + ": unknown ggml type " + std::to_string(type));
        t.type = info->type;
        const int64_t row = t.dims.empty() ? 1 : t.dims[0];
        if (row % info->block_size != 0)
            fail(start, where + ": rows of " + std::to_string(row) + " elements are not a whole number of " +
                            std::string(info->name) + " blocks (" + std::to_string(info->block_size) + " elements)");
        uint64_t n = 0;
        if (!ggml_nbytes(t.type, numel, n) || n > bytes.size()) fail(start, where + ": tensor too large for the file");
        nbytes.push_back(n);
        t.offset = scalar<uint64_t>(where.c_str());
        if (t.offset % file.alignment_ != 0)
            fail(start, where + ": data offset " + std::to_string(t.offset) + " is not a multiple of the alignment " +
                            std::to_string(file.alignment_));
        file.tensor_index_.emplace(t.name, file.tensors_.size());
        file.tensors_.push_back(std::move(t));
    }

    // Tensor bytes inside the file, then no two tensors sharing a byte.
    void place_tensors() {
        const std::string p = file.path_.string();
        const uint64_t size = bytes.size();
        for (size_t i = 0; i < file.tensors_.size(); ++i) {
            auto& t = file.tensors_[i];
            const uint64_t n = nbytes[i];
            uint64_t begin = 0, end = 0;
            if (__builtin_add_overflow(file.data_offset_, t.offset, &begin) || __builtin_add_overflow(begin, n, &end) ||
                end > size)
                throw FormatError(p + ": tensor '" + t.name + "': data at offset " + std::to_string(t.offset) + " + " +
                                  std::to_string(n) + " bytes goes past the end of the file (data section at " +
                                  std::to_string(file.data_offset_) + ", file " + std::to_string(size) + " bytes)");
            t.data = bytes.subspan(size_t(begin), size_t(n));
        }
        std::vector<const GgufTensor*> order;
        order.reserve(file.tensors_.size());
        for (const auto& t : file.tensors_) order.push_back(&t);
        std::sort(order.begin(), order.end(), [](const GgufTensor* a, const GgufTensor* b) {
            return a->offset != b->offset ? a->offset < b->offset : a->data.size() < b->data.size();
        });
        for (size_t i = 1; i < order.size(); ++i) {
            const auto& a = *order[i - 1];
            const auto& b = *order[i];
            if (b.offset < a.offset + a.data.size())
                throw FormatError(p + ": tensor '" + b.name + "' (data offset " + std::to_string(b.offset) + ", " +
                                  std::to_string(b.data.size()) + " bytes) overlaps tensor '" + a.name +
                                  "' (data offset " + std::to_string(a.offset) + ", " +
                                  std::to_string(a.data.size()) + " bytes)");
        }
    }
};

GgufFile::~GgufFile() = default;

std::shared_ptr<GgufFile> GgufFile::open(const std::filesystem::path& path) {
    std::shared_ptr<GgufFile> f(new GgufFile());
    f->path_ = path;
    f->map_ = std::make_unique<MappedFile>(path);
    GgufParser parser{*f, f->map_->bytes()};
    try {
        parser.parse();
    } catch (const std::bad_alloc&) {
        throw OutOfMemory(path.string() + ": out of memory while reading the GGUF metadata");
    }
    return f;
}

const GgufValue* GgufFile::find(std::string_view key) const {
    const auto it = kv_index_.find(key);
    return it == kv_index_.end() ? nullptr : &kv_[it->second].value;
}

const GgufValue& GgufFile::at(std::string_view key) const {
    const GgufValue* v = find(key);
    if (v == nullptr) throw FormatError(path_.string() + ": metadata key '" + std::string(key) + "' is missing");
    return *v;
}

void GgufFile::wrong_type(std::string_view key, const GgufValue& v, std::string_view expected) const {
    std::string got(gguf_value_type_name(v.type()));
    if (const auto* a = v.get_if<GgufArray>()) got += " of " + std::string(gguf_value_type_name(a->element_type));
    throw FormatError(path_.string() + ": metadata key '" + std::string(key) + "' is " + got + ", expected " +
                      std::string(expected));
}

template <typename T>
const T& GgufFile::get(std::string_view key) const {
    const GgufValue& v = at(key);
    const T* x = v.get_if<T>();
    if (x == nullptr) wrong_type(key, v, gguf_value_type_name(GgufValue(T{}).type()));
    return *x;
}

template const uint8_t& GgufFile::get<uint8_t>(std::string_view) const;
template const int8_t& GgufFile::get<int8_t>(std::string_view) const;
template const uint16_t& GgufFile::get<uint16_t>(std::string_view) const;
template const int16_t& GgufFile::get<int16_t>(std::string_view) const;
template const uint32_t& GgufFile::get<uint32_t>(std::string_view) const;
template const int32_t& GgufFile::get<int32_t>(std::string_view) const;
template const float& GgufFile::get<float>(std::string_view) const;
template const bool& GgufFile::get<bool>(std::string_view) const;
template const std::string& GgufFile::get<std::string>(std::string_view) const;
template const uint64_t& GgufFile::get<uint64_t>(std::string_view) const;
template const int64_t& GgufFile::get<int64_t>(std::string_view) const;
template const double& GgufFile::get<double>(std::string_view) const;

int64_t GgufFile::get_int(std::string_view key) const {
    const GgufValue& v = at(key);
    if (const auto* u = v.get_if<uint64_t>()) {
        if (*u > uint64_t(std::numeric_limits<int64_t>::max()))
            throw FormatError(path_.string() + ": metadata key '" + std::string(key) + "' value " +
                              std::to_string(*u) + " is too large");
        return int64_t(*u);
    }
    return std::visit(
        [&](const auto& x) -> int64_t {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) return int64_t(x);
            else wrong_type(key, v, "an integer");
        },
        v.v);
}

const GgufArray& GgufFile::get_array(std::string_view key, GgufValueType element_type) const {
    const GgufValue& v = at(key);
    const auto* a = v.get_if<GgufArray>();
    if (a == nullptr || a->element_type != element_type)
        wrong_type(key, v, "ARRAY of " + std::string(gguf_value_type_name(element_type)));
    return *a;
}

std::vector<std::string> GgufFile::get_string_array(std::string_view key) const {
    const GgufArray& a = get_array(key, GgufValueType::String);
    std::vector<std::string> out;
    out.reserve(a.items.size());
    for (const auto& x : a.items) out.push_back(std::get<std::string>(x.v));
    return out;
}

const GgufTensor* GgufFile::find_tensor(std::string_view name) const {
    const auto it = tensor_index_.find(name);
    return it == tensor_index_.end() ? nullptr : &tensors_[it->second];
}

}  // namespace awq
