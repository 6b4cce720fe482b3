// SPDX-License-Identifier: MIT
#pragma once
// Shared by the libFuzzer targets. The contract every target checks: whatever the bytes, the core either
// succeeds or throws an awq::Error. Any other exception escapes the target and libFuzzer reports it as a
// crash, as it does for sanitizer findings and aborts.
#include <awq/error.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace awq::fuzz {

// A scratch folder for the whole fuzzing process (tmpfs when there is one: targets write a file per input).
inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        const char* base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
        std::string tmpl = std::string(base) + "/awq-fuzz-XXXXXX";
        if (mkdtemp(tmpl.data()) == nullptr) std::abort();
        return std::filesystem::path(tmpl);
    }();
    return dir;
}

inline void write_bytes(const std::filesystem::path& path, const uint8_t* data, size_t size) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    if (!f) std::abort();  // the harness itself failed, not the code under test
}

inline std::string_view as_text(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Consumes integers from the front of the input (for shapes and switches), the rest stays as data.
struct Reader {
    const uint8_t* data;
    size_t size;
    uint32_t u8() {
        if (size == 0) return 0;
        --size;
        return *data++;
    }
    uint32_t u16() { return u8() | (u8() << 8); }
};

}  // namespace awq::fuzz
