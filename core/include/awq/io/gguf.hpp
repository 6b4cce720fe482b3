// SPDX-License-Identifier: MIT
#pragma once
// GGUF (v2/v3, llama.cpp's model file format): memory-mapped reading, atomic writing, and the block formats
// Q4_0 / Q4_1 / Q8_0 (dequantization and llama.cpp's reference quantizers).
//
// Layout (little-endian): "GGUF", u32 version, u64 tensor count, u64 key/value count; the key/values (a
// string key, a u32 value type, the value; an array is its element type, a u64 count and the elements);
// the tensor infos (string name, u32 dim count, u64 dims with dims[0] the row length, u32 ggml type, u64
// offset into the data section); padding to `general.alignment` (default 32); the data section.
// A string is a u64 byte count followed by the bytes (no terminator).
//
// The reader checks everything before handing out a tensor: counts and lengths bounded by the bytes left
// (no allocation a header alone can make huge), known value and tensor types, dims without overflow, rows a
// whole number of blocks, aligned offsets, tensor bytes inside the file and not overlapping, keys and
// tensor names unique. Errors are FormatError naming the file and what is wrong (with the byte offset).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace awq {

class MappedFile;

// Metadata value types, numbered as in the file.
enum class GgufValueType : uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, Bool = 7,
    String = 8, Array = 9, U64 = 10, I64 = 11, F64 = 12,
};
std::string_view gguf_value_type_name(GgufValueType t);  // "UINT32", "STRING", ... (gguf-py's names)

struct GgufValue;

// An array value: every element has element_type (arrays of arrays have element_type Array).
struct GgufArray {
    GgufValueType element_type = GgufValueType::U8;
    std::vector<GgufValue> items;
    bool operator==(const GgufArray& o) const;
};

// One metadata value. The variant's alternative index is the GgufValueType number.
struct GgufValue {
    using Storage = std::variant<uint8_t, int8_t, uint16_t, int16_t, uint32_t, int32_t, float, bool, std::string,
                                 GgufArray, uint64_t, int64_t, double>;
    Storage v;

    GgufValue() = default;
    template <typename T>
        requires(!std::is_same_v<std::decay_t<T>, GgufValue> && std::is_constructible_v<Storage, T>)
    GgufValue(T x) : v(std::move(x)) {}
    GgufValue(const char* s) : v(std::string(s)) {}

    GgufValueType type() const { return GgufValueType(v.index()); }
    template <typename T>
    const T* get_if() const { return std::get_if<T>(&v); }
    // An array of strings or of one scalar type, built from a vector.
    template <typename T>
    static GgufValue array(const std::vector<T>& xs);
    bool operator==(const GgufValue& o) const;
};

struct GgufKeyValue {
    std::string key;
    GgufValue value;
};

// Tensor element types, numbered as ggml numbers them.
enum class GgmlType : uint32_t {
    F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8,
    Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15,
    IQ2_XXS = 16, IQ2_XS = 17, IQ3_XXS = 18, IQ1_S = 19, IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22, IQ4_XS = 23,
    I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28, IQ1_M = 29, BF16 = 30, TQ1_0 = 34, TQ2_0 = 35, MXFP4 = 39,
};

// Block layout of a tensor type: block_size elements take type_size bytes.
struct GgmlTypeInfo {
    GgmlType type;
    std::string_view name;  // "Q4_0", "F16", ...
    uint32_t block_size;
    uint32_t type_size;
};
const GgmlTypeInfo* ggml_type_info(uint32_t raw);  // nullptr for a number that is no known type
const GgmlTypeInfo& ggml_type_info(GgmlType t);
const std::vector<GgmlTypeInfo>& ggml_known_types();
// Bytes of n elements (false when n is not a whole number of blocks or the size overflows).
bool ggml_nbytes(GgmlType t, int64_t n, uint64_t& out);

inline constexpr uint32_t kGgufDefaultAlignment = 32;
inline constexpr size_t kGgufMaxDims = 4;  // llama.cpp's GGML_MAX_DIMS

struct GgufTensor {
    std::string name;
    std::vector<int64_t> dims;  // dims[0] is the row length (fastest varying), as in the file
    GgmlType type = GgmlType::F32;
    uint64_t offset = 0;  // from the start of the data section
    std::span<const std::byte> data;  // inside the mapping, valid while the GgufFile lives
    int64_t numel() const;
};

// One .gguf file, mapped read-only.
class GgufFile {
public:
    static std::shared_ptr<GgufFile> open(const std::filesystem::path& path);  // throws FileError/FormatError
    ~GgufFile();

    const std::filesystem::path& path() const { return path_; }
    uint32_t version() const { return version_; }
    uint32_t alignment() const { return alignment_; }
    uint64_t data_offset() const { return data_offset_; }  // where the data section starts in the file

    const std::vector<GgufKeyValue>& metadata() const { return kv_; }  // in file order
    const GgufValue* find(std::string_view key) const;                  // nullptr when absent
    bool has(std::string_view key) const { return find(key) != nullptr; }
    // Typed lookups: FormatError naming the file and key when the key is missing or of another type.
    const GgufValue& at(std::string_view key) const;
    template <typename T>
    const T& get(std::string_view key) const;
    const std::string& get_string(std::string_view key) const { return get<std::string>(key); }
    uint32_t get_u32(std::string_view key) const { return get<uint32_t>(key); }
    float get_f32(std::string_view key) const { return get<float>(key); }
    bool get_bool(std::string_view key) const { return get<bool>(key); }
    // Any integer type whose value fits (converters differ in which width they write).
    int64_t get_int(std::string_view key) const;
    // An array whose elements are element_type.
    const GgufArray& get_array(std::string_view key, GgufValueType element_type) const;
    std::vector<std::string> get_string_array(std::string_view key) const;

    const std::vector<GgufTensor>& tensors() const { return tensors_; }  // in file order
    const GgufTensor* find_tensor(std::string_view name) const;

private:
    GgufFile() = default;
    friend struct GgufParser;
    [[noreturn]] void wrong_type(std::string_view key, const GgufValue& v, std::string_view expected) const;
    std::filesystem::path path_;
    std::unique_ptr<MappedFile> map_;
    uint32_t version_ = 3;
    uint32_t alignment_ = kGgufDefaultAlignment;
    uint64_t data_offset_ = 0;
    std::vector<GgufKeyValue> kv_;
    std::map<std::string, size_t, std::less<>> kv_index_;
    std::vector<GgufTensor> tensors_;
    std::map<std::string, size_t, std::less<>> tensor_index_;
};

// A tensor to write: the bytes are borrowed and must stay valid during the call.
struct GgufTensorToWrite {
    std::string name;
    GgmlType type = GgmlType::F32;
    std::vector<int64_t> dims;  // dims[0] is the row length
    std::span<const std::byte> bytes;
};

// Writes a GGUF v3 file atomically: the key/values and tensor infos in the given order, each tensor's data
// at the next multiple of the alignment (`general.alignment` when the metadata has it as UINT32, else 32),
// zero padding. InvalidArgument for duplicate keys/names, a byte count that does not match dims x type, or
// a bad alignment.
void write_gguf(const std::filesystem::path& path, const std::vector<GgufKeyValue>& metadata,
                const std::vector<GgufTensorToWrite>& tensors);

// Block formats (32 elements a block). n must be a multiple of 32; InvalidArgument otherwise.
// Dequantization to float: x = q * d (Q8_0, Q4_0 with q - 8), x = q * d + m (Q4_1).
void dequantize_q4_0(const std::byte* src, float* dst, size_t n);
void dequantize_q4_1(const std::byte* src, float* dst, size_t n);
void dequantize_q8_0(const std::byte* src, float* dst, size_t n);
// Quantization as llama.cpp's reference quantizers (quantize_row_*_ref) compute it, bit for bit.
void quantize_q4_0(const float* src, std::byte* dst, size_t n);
void quantize_q4_1(const float* src, std::byte* dst, size_t n);
void quantize_q8_0(const float* src, std::byte* dst, size_t n);
// Any of F32, F16, BF16, F64, Q4_0, Q4_1, Q8_0 to float (Unsupported for other types).
std::vector<float> gguf_tensor_to_f32(const GgufTensor& t);

template <typename T>
GgufValue GgufValue::array(const std::vector<T>& xs) {
    GgufArray a;
    a.items.reserve(xs.size());
    for (const auto& x : xs) a.items.emplace_back(x);
    a.element_type = a.items.empty() ? GgufValue(T{}).type() : a.items.front().type();
    return GgufValue(std::move(a));
}

}  // namespace awq
