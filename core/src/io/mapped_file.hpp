// SPDX-License-Identifier: MIT
#pragma once
// RAII read-only memory map of a whole file (MAP_PRIVATE, PROT_READ). A zero-length file maps to an empty
// span (mmap refuses length 0), so callers can treat every file the same way.
#include <cstddef>
#include <filesystem>
#include <span>

namespace awq {

class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path);  // FileError naming the file on failure
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const { return {data_, size_}; }
    size_t size() const { return size_; }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    const std::byte* data_ = nullptr;
    size_t size_ = 0;
};

}  // namespace awq
