// SPDX-License-Identifier: MIT
// Fuzzes the MemAvailable reading of /proc/meminfo text (run_estimate.hpp): a value it accepts is one the
// text spells in kB, so it is a whole number of KiB.
#include "fuzz_util.hpp"

#include <awq/quant/run_estimate.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const uint64_t bytes = awq::parse_mem_available(std::string(awq::fuzz::as_text(data, size)), "/proc/meminfo");
        if (bytes % 1024 != 0) std::abort();
    } catch (const awq::Error&) {
    }
    return 0;
}
