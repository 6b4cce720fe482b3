#pragma once
// Memory-mapped safetensors reading (single files and sharded folders) and atomic writing.
// Every header is validated before any tensor is handed out: header length bound, JSON, dtype,
// shape x dtype size == byte range, ranges inside the data section and not overlapping.
#include <awq/io/dtype.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
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

class MappedFile;  // RAII mmap (implementation detail)

// One .safetensors file, mapped read-only.
class SafetensorsFile {
public:
    static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);  // throws FileError/FormatError
    const std::filesystem::path& path() const { return path_; }
    const std::vector<TensorView>& tensors() const { return tensors_; }
    const TensorView* find(const std::string& name) const;
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    ~SafetensorsFile();

private:
    SafetensorsFile() = default;
    std::filesystem::path path_;
    std::unique_ptr<MappedFile> map_;
    std::vector<TensorView> tensors_;
    std::map<std::string, size_t> index_;
    std::map<std::string, std::string> metadata_;
};

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

// A tensor to write: the bytes are borrowed and must stay valid during the call.
struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::span<const std::byte> bytes;
};

// Writes a .safetensors file atomically (temporary file in the same folder, fsync, rename).
// Tensors are written in the given order; shape x dtype must match the byte count.
void write_safetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

// Writes bytes to path atomically (temporary + fsync + rename). Used for JSON side files too.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// Reads a whole (small) text file; FileError naming the file on failure.
std::string read_text_file(const std::filesystem::path& path, size_t max_bytes = 256u << 20);

}  // namespace awq
