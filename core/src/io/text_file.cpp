// SPDX-License-Identifier: MIT
// Whole-file reads and atomic writes (temporary file in the same folder, fsync, rename, fsync folder).
#include "io/atomic_write.hpp"

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace awq {

std::string read_text_file(const std::filesystem::path& path, size_t max_bytes) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw FileError(path.string() + ": no such file");
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw FileError(path.string() + ": cannot read size: " + ec.message());
    if (size > max_bytes)
        throw FormatError(path.string() + ": file is " + std::to_string(size) + " bytes, more than the " +
                          std::to_string(max_bytes) + " allowed");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path.string() + ": cannot open: " + std::strerror(errno));
    std::string data(size, '\0');
    in.read(data.data(), std::streamsize(size));
    if (in.gcount() != std::streamsize(size)) throw FileError(path.string() + ": short read");
    return data;
}

namespace {

void write_all(int fd, const char* p, size_t n, const std::filesystem::path& path) {
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            throw FileError(path.string() + ": write failed: " + std::strerror(errno));
        }
        p += w;
        n -= size_t(w);
    }
}

}  // namespace

void write_file_atomic_streamed(const std::filesystem::path& path,
                                const std::function<void(const AtomicSink&)>& produce) {
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string name = ".";  // built step by step: GCC 12 warns falsely on "." + string (-Wrestrict)
    name += path.filename().string();
    name += ".tmp-XXXXXX";
    std::string tmpl = (dir / name).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) throw FileError(path.string() + ": cannot create a temporary file: " + std::strerror(errno));
    try {
        const AtomicSink sink = [&](std::span<const std::byte> b) {
            write_all(fd, reinterpret_cast<const char*>(b.data()), b.size(), path);
        };
        produce(sink);
        if (::fsync(fd) != 0) throw FileError(path.string() + ": fsync failed: " + std::strerror(errno));
        ::fchmod(fd, 0644);
    } catch (...) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw FileError(path.string() + ": close failed: " + std::strerror(err));
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw FileError(path.string() + ": rename failed: " + std::strerror(err));
    }
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {  // make the rename itself durable
        ::fsync(dfd);
        ::close(dfd);
    }
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
    write_file_atomic_streamed(path, [&](const AtomicSink& sink) {
        sink(std::as_bytes(std::span<const char>(bytes.data(), bytes.size())));
    });
}

}  // namespace awq
