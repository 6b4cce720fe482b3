// SPDX-License-Identifier: MIT
#include "compare_kl.hpp"

#include <awq/runtime/token_compare.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace awq::cli {

KlColumns measure_kl(const std::string& name, const std::shared_ptr<const Model>& original,
                     const std::shared_ptr<const Model>& quantized, const std::vector<int32_t>& ids, int64_t ctx,
                     int64_t max_windows) {
    std::fprintf(stderr, "comparing %s with the original token by token (KL, top-1)\n", name.c_str());
    const FidelityResult f = token_fidelity(original, quantized, ids, ctx, max_windows);
    return {f.mean_kl, f.top1_agreement};
}

std::string kl_header() {
    char s[40];
    std::snprintf(s, sizeof s, " %10s %12s", "mean KL", "top-1 agree");
    return s;
}

std::string kl_cells(const KlColumns& kl) {
    char s[40];
    if (kl.measured())
        std::snprintf(s, sizeof s, " %10.5f %10.1f %%", kl.mean_kl, kl.top1_agreement * 100);
    else
        std::snprintf(s, sizeof s, " %10s %12s", "-", "-");
    return s;
}

void add_kl_fields(nlohmann::json& row, const KlColumns& kl) {
    if (!kl.measured()) return;
    row["mean_kl"] = kl.mean_kl;
    row["top1_agreement"] = kl.top1_agreement;
}

}  // namespace awq::cli
