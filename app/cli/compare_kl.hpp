// SPDX-License-Identifier: MIT
#pragma once
// `awq compare --kl`: each quantized model's mean KL divergence and top-1 agreement against the original,
// over the same perplexity windows (token_compare.hpp's token_fidelity); extra table columns and JSON fields.
#include <awq/model/model.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace awq::cli {

struct KlColumns {
    double mean_kl = NAN;         // nats; NAN: not measured (the original's row, or no --kl)
    double top1_agreement = NAN;  // fraction 0..1
    bool measured() const { return std::isfinite(mean_kl); }
};

// Runs both models teacher-forced over the windows (a progress line on stderr).
KlColumns measure_kl(const std::string& name, const std::shared_ptr<const Model>& original,
                     const std::shared_ptr<const Model>& quantized, const std::vector<int32_t>& ids, int64_t ctx,
                     int64_t max_windows);

// The table's extra header and cells (each starting with a space; "-" where not measured).
std::string kl_header();
std::string kl_cells(const KlColumns& kl);
// Adds "mean_kl" and "top1_agreement" to a JSON row when measured.
void add_kl_fields(nlohmann::json& row, const KlColumns& kl);

}  // namespace awq::cli
