// SPDX-License-Identifier: MIT
// Fuzzes the report reader. A report that reads must write back to JSON that reads to the same report.
#include "fuzz_util.hpp"

#include <awq/quant/report.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const auto r = awq::report_from_json(std::string(awq::fuzz::as_text(data, size)), "report.json");
        const std::string once = awq::report_to_json(r);
        const std::string twice = awq::report_to_json(awq::report_from_json(once, "report.json (rewritten)"));
        if (once != twice) std::abort();
    } catch (const awq::Error&) {
    }
    return 0;
}
