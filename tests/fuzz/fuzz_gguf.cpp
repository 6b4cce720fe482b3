// SPDX-License-Identifier: MIT
// Fuzzes the GGUF reader: header, typed metadata (nested arrays, strings), tensor infos, alignment, ranges.
// Every tensor handed out must lie inside the file, so reading all of its bytes (and converting the types we
// dequantize) must be clean under ASan; the typed getters must answer or throw FormatError.
#include "fuzz_util.hpp"

#include <awq/io/gguf.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = awq::fuzz::scratch_dir() / "fuzz.gguf";
    awq::fuzz::write_bytes(path, data, size);
    try {
        const auto file = awq::GgufFile::open(path);
        uint64_t sum = 0;
        for (const auto& kv : file->metadata()) {
            try {
                sum += uint64_t(file->get_int(kv.key));
            } catch (const awq::FormatError&) {  // not an integer
            }
        }
        for (const auto& t : file->tensors()) {
            for (const std::byte b : t.data) sum += uint8_t(b);
            if (t.numel() <= (1 << 16)) {
                try {
                    sum += uint64_t(awq::gguf_tensor_to_f32(t).size());
                } catch (const awq::Unsupported&) {  // K-quants and integer types do not convert
                }
            }
        }
        static volatile uint64_t sink;
        sink = sum;  // keeps the reads from being optimized away
    } catch (const awq::Error&) {
    }
    return 0;
}
