// SPDX-License-Identifier: MIT
// write_gguf: validates the content, builds the header (key/values, tensor infos, padding) in memory, then
// streams header + tensor data through the atomic writer, so a failure leaves the target untouched.
// Layout as gguf-py's GGUFWriter and llama.cpp's gguf_write produce it: every tensor's data starts at a
// multiple of the alignment and is followed by zero padding up to the next multiple (the last one too).
#include <awq/error.hpp>
#include <awq/io/gguf.hpp>

#include "io/atomic_write.hpp"

#include <algorithm>
#include <cstring>
#include <set>

namespace awq {

namespace {

uint64_t pad_to(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

class HeaderBuilder {
public:
    explicit HeaderBuilder(const std::filesystem::path& path) : path_(path) {}

    template <typename T>
    void scalar(T v) {
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        out_.append(b, sizeof(T));
    }
    void string(const std::string& s) {
        scalar<uint64_t>(s.size());
        out_ += s;
    }
    void value(const std::string& key, const GgufValue& v) {
        std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::string>) string(x);
                else if constexpr (std::is_same_v<T, GgufArray>) array(key, x);
                else if constexpr (std::is_same_v<T, bool>) scalar<uint8_t>(x ? 1 : 0);
                else scalar<T>(x);
            },
            v.v);
    }
    void array(const std::string& key, const GgufArray& a) {
        scalar<uint32_t>(uint32_t(a.element_type));
        scalar<uint64_t>(a.items.size());
        for (const auto& item : a.items) {
            if (item.type() != a.element_type)
                throw InvalidArgument(path_.string() + ": metadata key '" + key + "': an array of " +
                                      std::string(gguf_value_type_name(a.element_type)) + " holds a " +
                                      std::string(gguf_value_type_name(item.type())));
            value(key, item);
        }
    }
    std::string& bytes() { return out_; }

private:
    const std::filesystem::path& path_;
    std::string out_;
};

uint32_t alignment_of(const std::filesystem::path& path, const std::vector<GgufKeyValue>& metadata) {
    for (const auto& kv : metadata) {
        if (kv.key != "general.alignment") continue;
        const auto* a = kv.value.get_if<uint32_t>();
        if (a == nullptr || *a == 0 || (*a & (*a - 1)) != 0)
            throw InvalidArgument(path.string() + ": general.alignment must be a UINT32 power of two");
        return *a;
    }
    return kGgufDefaultAlignment;
}

void validate(const std::filesystem::path& path, const std::vector<GgufKeyValue>& metadata,
              const std::vector<GgufTensorToWrite>& tensors) {
    std::set<std::string_view> keys;
    for (const auto& kv : metadata) {
        if (kv.key.empty()) throw InvalidArgument(path.string() + ": empty metadata key");
        if (!keys.insert(kv.key).second)
            throw InvalidArgument(path.string() + ": metadata key '" + kv.key + "' given twice");
    }
    std::set<std::string_view> names;
    for (const auto& t : tensors) {
        const auto where = path.string() + ": tensor '" + t.name + "'";
        if (t.name.empty()) throw InvalidArgument(path.string() + ": empty tensor name");
        if (!names.insert(t.name).second) throw InvalidArgument(where + ": given twice");
        const GgmlTypeInfo* info = ggml_type_info(uint32_t(t.type));
        if (info == nullptr) throw InvalidArgument(where + ": unknown ggml type " + std::to_string(uint32_t(t.type)));
        if (t.dims.size() > kGgufMaxDims) throw InvalidArgument(where + ": more than 4 dimensions");
        int64_t numel = 1;
        for (int64_t d : t.dims)
            if (d < 0 || __builtin_mul_overflow(numel, d, &numel)) throw InvalidArgument(where + ": invalid dims");
        uint64_t need = 0;
        if ((!t.dims.empty() && t.dims[0] % info->block_size != 0) || !ggml_nbytes(t.type, numel, need))
            throw InvalidArgument(where + ": rows are not a whole number of " + std::string(info->name) + " blocks");
        if (need != t.bytes.size())
            throw InvalidArgument(where + ": " + std::string(info->name) + " dims need " + std::to_string(need) +
                                  " bytes, got " + std::to_string(t.bytes.size()));
    }
}

}  // namespace

void write_gguf(const std::filesystem::path& path, const std::vector<GgufKeyValue>& metadata,
                const std::vector<GgufTensorToWrite>& tensors) {
    validate(path, metadata, tensors);
    const uint32_t alignment = alignment_of(path, metadata);
    HeaderBuilder h(path);
    h.bytes() += "GGUF";
    h.scalar<uint32_t>(3);
    h.scalar<uint64_t>(tensors.size());
    h.scalar<uint64_t>(metadata.size());
    for (const auto& kv : metadata) {
        h.string(kv.key);
        h.scalar<uint32_t>(uint32_t(kv.value.type()));
        h.value(kv.key, kv.value);
    }
    uint64_t offset = 0;
    for (const auto& t : tensors) {
        h.string(t.name);
        h.scalar<uint32_t>(uint32_t(t.dims.size()));
        for (int64_t d : t.dims) h.scalar<uint64_t>(uint64_t(d));
        h.scalar<uint32_t>(uint32_t(t.type));
        h.scalar<uint64_t>(offset);
        offset += pad_to(t.bytes.size(), alignment);
    }
    const std::string& header = h.bytes();
    static constexpr std::byte zeros[4096] = {};  // padding in chunks: an alignment may be up to 2^31
    write_file_atomic_streamed(path, [&](const AtomicSink& sink) {
        const auto pad_after = [&](uint64_t size) {
            for (uint64_t pad = pad_to(size, alignment) - size; pad > 0;) {
                const size_t n = size_t(std::min<uint64_t>(pad, sizeof(zeros)));
                sink(std::span<const std::byte>(zeros, n));
                pad -= n;
            }
        };
        sink(std::as_bytes(std::span<const char>(header.data(), header.size())));
        pad_after(header.size());
        for (const auto& t : tensors) {
            sink(t.bytes);
            pad_after(t.bytes.size());
        }
    });
}

}  // namespace awq
