// SPDX-License-Identifier: MIT
#pragma once
// The tensors of a model folder or file as read-only views into mapped safetensors files (safetensors.hpp
// opens and validates them). What users of a model's weights need, without the file reading and writing.
#include <awq/io/dtype.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace awq {

// A read-only view of one tensor inside a mapped file. Valid while the owning file/store lives.
struct TensorView {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    const std::byte* data = nullptr;
    size_t nbytes = 0;
    std::filesystem::path file;  // the file it lives in, for error messages

    int64_t numel() const;
    int64_t dim(size_t i) const { return shape.at(i); }
    std::string shape_string() const;  // "[256, 1024]"
    // Converts to float (F32/F16/BF16/F64 only), throwing FormatError naming the tensor otherwise.
    std::vector<float> to_f32() const;
    void to_f32(float* dst) const;
};

class SafetensorsFile;  // one mapped file (safetensors.hpp)

// All tensors of a model folder: model.safetensors, or the shards listed by model.safetensors.index.json
// (shard names must stay inside the folder). A folder with only pickle .bin weights is refused.
class TensorStore {
public:
    static TensorStore open_folder(const std::filesystem::path& folder);
    static TensorStore open_file(const std::filesystem::path& file);

    const TensorView* find(const std::string& name) const;
    const TensorView& get(const std::string& name) const;  // FormatError "<folder>: tensor 'x' is missing"
    bool contains(const std::string& name) const { return find(name) != nullptr; }
    std::vector<std::string> names() const;
    const std::filesystem::path& folder() const { return folder_; }
    size_t total_bytes() const;
    const std::vector<std::shared_ptr<SafetensorsFile>>& files() const { return files_; }

private:
    friend class TensorStoreBuilder;  // the .cpp helper that opens files and indexes their tensors
    std::filesystem::path folder_;
    std::vector<std::shared_ptr<SafetensorsFile>> files_;
    std::map<std::string, const TensorView*> by_name_;
};

}  // namespace awq
