// SPDX-License-Identifier: MIT
#pragma once
// `awq compare --sweep LIST`: the size-vs-perplexity trade-off of keeping the most sensitive linears in
// floating point (mixed_precision.hpp), measured on one AWQ result at each budget.
#include "cli_args.hpp"

#include <awq/quant/quantize_model.hpp>

#include <functional>
#include <memory>
#include <vector>

namespace awq::cli {

// The budgets of --sweep ("1,2,5,10": % of the quantizable weights), ascending, each in (0, 100].
std::vector<double> sweep_percents(const Args& args);

// Called with each budget's model; returns its perplexity and weight bytes.
struct SweepMeasure {
    double perplexity = 0;
    uint64_t weight_bytes = 0;
};
using SweepEvaluator = std::function<SweepMeasure(double percent, const std::shared_ptr<const Model>& model)>;

// Keeps ever more units in float (each budget a superset of the one before), measures each model and
// records it in result.report.tradeoff (a measured point per budget, the prediction kept beside it).
// `plain` is the measurement of the result as it came (budget 0). Afterwards the layers hold the largest
// budget's model and the report is the run's own plus the measured points. Throws UsageError when the result has no
// sensitivities (--no-sensitivity, or a device that does not measure them).
void sweep_float_budgets(QuantizationResult& result, const std::vector<double>& percents, const SweepMeasure& plain,
                         const SweepEvaluator& evaluate);

}  // namespace awq::cli
