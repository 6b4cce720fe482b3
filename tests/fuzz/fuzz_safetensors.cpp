// SPDX-License-Identifier: MIT
// Fuzzes the safetensors reader: 8-byte header length, JSON header, dtypes, shapes, offsets. Every tensor
// handed out must lie inside the file, so reading all of its bytes (and converting float ones) must be
// clean under ASan.
#include "fuzz_util.hpp"

#include <awq/io/safetensors.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = awq::fuzz::scratch_dir() / "fuzz.safetensors";
    awq::fuzz::write_bytes(path, data, size);
    try {
        const auto file = awq::SafetensorsFile::open(path);
        uint64_t sum = 0;
        for (const auto& t : file->tensors()) {
            for (size_t i = 0; i < t.nbytes; ++i) sum += uint8_t(t.data[i]);
            if (t.numel() <= (1 << 16)) {
                try {
                    (void)t.to_f32();
                } catch (const awq::FormatError&) {  // integer dtypes do not convert
                }
            }
        }
        static volatile uint64_t sink;
        sink = sum;  // keeps the reads from being optimized away (an abort on a value could fire on real input)
    } catch (const awq::Error&) {
    }
    return 0;
}
