// SPDX-License-Identifier: MIT
// Fuzzes tokenizer.json parsing; a tokenizer that loads must also encode and decode a fixed text.
#include "fuzz_util.hpp"

#include <awq/tokenizer/tokenizer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const auto tok = awq::Tokenizer::from_json(std::string(awq::fuzz::as_text(data, size)), "tokenizer.json");
        const auto ids = tok.encode("In the beginning God created the heaven and the earth. \xc3\xa9\xe2\x82\xac 123");
        (void)tok.decode(ids, false);
        (void)tok.decode(ids, true);
        for (int32_t id = -1; id < 8; ++id) (void)tok.id_to_token(id);
    } catch (const awq::Error&) {
    }
    return 0;
}
