// SPDX-License-Identifier: MIT
// Fuzzes calibration file reading (.txt paragraphs and .jsonl "text" lines; the first byte picks the
// format). Every document read must be non-empty valid UTF-8 without NUL bytes.
#include "fuzz_util.hpp"

#include <awq/quant/calibration.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    awq::fuzz::Reader in{data, size};
    const bool jsonl = in.u8() & 1;
    const auto path = awq::fuzz::scratch_dir() / (jsonl ? "calibration.jsonl" : "calibration.txt");
    awq::fuzz::write_bytes(path, in.data, in.size);
    try {
        for (const auto& doc : awq::read_calibration_documents(path))
            if (doc.empty() || !awq::is_valid_utf8(doc) || doc.find('\0') != std::string::npos) std::abort();
    } catch (const awq::Error&) {
    }
    return 0;
}
