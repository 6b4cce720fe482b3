// SPDX-License-Identifier: MIT
// Fuzzes config.json parsing. A config that parses must be usable: positive sizes, heads dividing the
// hidden size the way the loader relies on.
#include "fuzz_util.hpp"

#include <awq/model/config.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const auto c = awq::parse_model_config(std::string(awq::fuzz::as_text(data, size)), "config.json");
        if (c.hidden_size <= 0 || c.num_hidden_layers <= 0 || c.num_attention_heads <= 0 ||
            c.num_key_value_heads <= 0 || c.head_dim <= 0 || c.vocab_size <= 0 || c.intermediate_size <= 0)
            std::abort();  // accepted a config the loader cannot size its tensors from
    } catch (const awq::Error&) {
    }
    return 0;
}
