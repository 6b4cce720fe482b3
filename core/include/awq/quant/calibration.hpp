// SPDX-License-Identifier: MIT
#pragma once
// Calibration data for AWQ: documents from a .txt (blank-line separated), a .jsonl (a "text" field per line)
// or a folder of .txt files, cut into token blocks the way the reference implementations do it:
// shuffle documents with a fixed seed, encode each, skip documents longer than the block length (and empty
// ones), take up to n_samples documents, concatenate, cut into blocks of block_len, drop the remainder.
#include <awq/tokenizer/tokenizer.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace awq {

struct CalibrationOptions {
    int64_t n_samples = 128;  // documents taken
    int64_t block_len = 512;  // tokens per block
    uint64_t seed = 42;
};

struct CalibrationSet {
    std::string source;               // file or folder it came from
    int64_t block_len = 0;
    std::vector<int32_t> tokens;      // n_blocks * block_len ids, block after block
    int64_t documents_read = 0;       // documents in the source
    int64_t documents_used = 0;       // taken (after skipping long and empty ones)
    int64_t documents_too_long = 0;
    int64_t tokens_total = 0;         // tokens of the used documents (before dropping the remainder)
    int64_t n_blocks() const { return block_len ? int64_t(tokens.size()) / block_len : 0; }
};

// The bundled default corpus (resources/calibration/default.txt, or $AWQ_STUDIO_DATA/calibration).
std::filesystem::path default_calibration_path();

// Reads the documents of a .txt / .jsonl file or a folder of .txt files. Throws FileError/FormatError naming
// the file for unreadable, empty, binary or non-UTF-8 input.
std::vector<std::string> read_calibration_documents(const std::filesystem::path& source);

// Documents -> blocks. Throws InvalidArgument when not even one block can be made, saying how many tokens
// were found and how many were needed.
CalibrationSet make_calibration_blocks(const std::vector<std::string>& documents, const Tokenizer& tokenizer,
                                       const CalibrationOptions& options, const std::string& source_name);

CalibrationSet load_calibration(const std::filesystem::path& source, const Tokenizer& tokenizer,
                                const CalibrationOptions& options);

// True when the bytes are valid UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);

}  // namespace awq
