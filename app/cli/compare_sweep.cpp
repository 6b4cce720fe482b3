// SPDX-License-Identifier: MIT
#include "compare_sweep.hpp"

#include <awq/quant/mixed_precision.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace awq::cli {

std::vector<double> sweep_percents(const Args& args) {
    std::vector<double> out;
    std::stringstream list(args.str("--sweep", ""));
    for (std::string item; std::getline(list, item, ',');) {
        if (item.empty()) continue;
        size_t used = 0;
        double p = NAN;
        try {
            p = std::stod(item, &used);
        } catch (const std::exception&) {
        }
        if (used != item.size() || !(p > 0 && p <= 100))
            throw UsageError("--sweep: '" + item + "' is not a percentage in (0, 100]");
        out.push_back(p);
    }
    if (out.empty()) throw UsageError("--sweep: no budget given (e.g. --sweep 1,2,5,10)");
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {

// The report's point for `percent`: the predicted one, added where quantize_model predicted none.
TradeoffPoint& point_for(Report& r, double percent) {
    for (TradeoffPoint& t : r.tradeoff)
        if (t.percent == percent) return t;
    const std::vector<TradeoffPoint> predicted = predicted_tradeoff(r, {percent});
    r.tradeoff.push_back(predicted.front());
    std::sort(r.tradeoff.begin(), r.tradeoff.end(),
              [](const TradeoffPoint& a, const TradeoffPoint& b) { return a.percent < b.percent; });
    return point_for(r, percent);
}

}  // namespace

void sweep_float_budgets(QuantizationResult& result, const std::vector<double>& percents, const SweepMeasure& plain,
                         const SweepEvaluator& evaluate) {
    if (rank_float_units(result.report).empty())
        throw UsageError("--sweep needs the linears' sensitivities, which this run did not measure (leave out "
                         "--no-sensitivity; the CPU measures them)");
    Report plain_report = result.report;  // the run as it came: its own kept units, the measured trade-off
    TradeoffPoint& zero = point_for(result.report, 0);
    zero.perplexity = plain.perplexity;
    zero.weight_bytes = plain.weight_bytes;
    for (double p : percents) {
        keep_in_float(result, select_float_units(result.report, p));  // a superset of the budget before
        const SweepMeasure m = evaluate(p, make_quantized_model(result, true));
        TradeoffPoint& t = point_for(result.report, p);
        t.perplexity = m.perplexity;
        t.weight_bytes = m.weight_bytes;
    }
    plain_report.tradeoff = std::move(result.report.tradeoff);
    result.report = std::move(plain_report);
}

}  // namespace awq::cli
