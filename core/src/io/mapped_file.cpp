// SPDX-License-Identifier: MIT
#include "io/mapped_file.hpp"

#include <awq/error.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace awq {

namespace {

// Closes the descriptor on every path out of the constructor; the mapping outlives it.
struct FdGuard {
    int fd;
    ~FdGuard() { ::close(fd); }
};

}  // namespace

MappedFile::MappedFile(const std::filesystem::path& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw FileError(path.string() + ": cannot open: " + std::strerror(errno));
    FdGuard guard{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw FileError(path.string() + ": cannot stat: " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) throw FileError(path.string() + ": not a regular file");
    size_ = size_t(st.st_size);
    if (size_ == 0) return;
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) throw FileError(path.string() + ": cannot map: " + std::strerror(errno));
    data_ = static_cast<const std::byte*>(p);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
}

}  // namespace awq
