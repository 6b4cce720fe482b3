// SPDX-License-Identifier: MIT
// SafetensorsFile: maps a file, validates its header and hands out TensorViews into the mapping.
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>

#include "io/mapped_file.hpp"
#include "io/safetensors_header.hpp"

#include <cstring>

namespace awq {

int64_t TensorView::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

std::string TensorView::shape_string() const { return shape_to_string(shape); }

std::vector<float> TensorView::to_f32() const {
    std::vector<float> out(static_cast<size_t>(numel()));
    to_f32(out.data());
    return out;
}

void TensorView::to_f32(float* dst) const {
    if (dtype != DType::F32 && dtype != DType::F16 && dtype != DType::BF16 && dtype != DType::F64)
        throw FormatError(file.string() + ": tensor '" + name + "' is " + std::string(dtype_name(dtype)) +
                          ", not a floating-point type that converts to float");
    const size_t n = size_t(numel());
    if (n * dtype_size(dtype) != nbytes)
        throw FormatError(file.string() + ": tensor '" + name + "' has " + std::to_string(nbytes) +
                          " bytes, not what shape " + shape_string() + " needs");
    convert_to_f32(dtype, data, dst, n);
}

SafetensorsFile::~SafetensorsFile() = default;

namespace {

uint64_t read_le_u64(const std::byte* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | uint64_t(p[i]);
    return v;
}

}  // namespace

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path) {
    std::shared_ptr<SafetensorsFile> f(new SafetensorsFile());
    f->path_ = path;
    f->map_ = std::make_unique<MappedFile>(path);
    const auto bytes = f->map_->bytes();
    if (bytes.size() < 8)
        throw FormatError(path.string() + ": file is " + std::to_string(bytes.size()) +
                          " bytes, too short for a safetensors header");
    const uint64_t n = read_le_u64(bytes.data());
    if (n > bytes.size() - 8 || n > kMaxSafetensorsHeader)
        throw FormatError(path.string() + ": header length " + std::to_string(n) + " is impossible for a file of " +
                          std::to_string(bytes.size()) + " bytes (limit " + std::to_string(kMaxSafetensorsHeader) +
                          ")");
    const std::string_view json(reinterpret_cast<const char*>(bytes.data() + 8), size_t(n));
    const std::byte* data = bytes.data() + 8 + n;
    auto header = parse_safetensors_header(path, json, bytes.size() - 8 - n);
    f->metadata_ = std::move(header.metadata);
    for (auto& e : header.tensors) {
        f->index_.emplace(e.name, f->tensors_.size());
        f->tensors_.push_back(TensorView{std::move(e.name), e.dtype, std::move(e.shape), data + e.begin,
                                         size_t(e.end - e.begin), path});
    }
    return f;
}

const TensorView* SafetensorsFile::find(const std::string& name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &tensors_[it->second];
}

}  // namespace awq
