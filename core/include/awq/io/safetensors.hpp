// SPDX-License-Identifier: MIT
#pragma once
// Memory-mapped safetensors reading (single files and sharded folders) and atomic writing.
// Every header is validated before any tensor is handed out: header length bound, JSON, dtype,
// shape x dtype size == byte range, ranges inside the data section and not overlapping.
// TensorView and TensorStore (a folder's tensors) are in tensor_store.hpp, included here.
#include <awq/io/dtype.hpp>
#include <awq/io/tensor_store.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace awq {

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
