// SPDX-License-Identifier: MIT
#pragma once
// The one atomic-write mechanism of the core: bytes go to a temporary file in the target's folder, which
// is fsynced and renamed over the target. On any failure the temporary file is removed and the target is
// left untouched. write_file_atomic (safetensors.hpp) is the single-buffer form of this.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>

namespace awq {

// Appends bytes to the file being written; throws FileError naming the target on failure.
using AtomicSink = std::function<void(std::span<const std::byte>)>;

// Calls produce(sink) to stream the content, then commits. Exceptions from produce abort the write.
void write_file_atomic_streamed(const std::filesystem::path& path,
                                const std::function<void(const AtomicSink&)>& produce);

}  // namespace awq
