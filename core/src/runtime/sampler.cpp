// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/runtime/sampler.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

namespace awq {

Sampler::Sampler(const SamplingOptions& options) : opt_(options), state_(options.seed ^ 0x9e3779b97f4a7c15ull) {
    if (opt_.temperature < 0) throw InvalidArgument("temperature must be >= 0");
    if (opt_.top_p <= 0 || opt_.top_p > 1) throw InvalidArgument("top-p must be in (0, 1]");
    if (opt_.repetition_penalty <= 0) throw InvalidArgument("repetition penalty must be > 0");
}

double Sampler::uniform() {
    // splitmix64: tiny, well mixed, fully specified.
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return double(z >> 11) * 0x1.0p-53;
}

void apply_repetition_penalty(float* logits, int64_t vocab, const std::vector<int32_t>& context, float penalty) {
    if (penalty == 1.0f) return;
    std::unordered_set<int32_t> seen(context.begin(), context.end());
    for (int32_t id : seen) {
        if (id < 0 || id >= vocab) continue;
        float& l = logits[id];
        l = l > 0 ? l / penalty : l * penalty;
    }
}

int32_t Sampler::sample(float* logits, int64_t vocab, const std::vector<int32_t>& context) {
    apply_repetition_penalty(logits, vocab, context, opt_.repetition_penalty);
    if (opt_.temperature == 0.0f) return int32_t(std::max_element(logits, logits + vocab) - logits);

    std::vector<int32_t> order(static_cast<size_t>(vocab));
    std::iota(order.begin(), order.end(), 0);
    const auto by_logit = [&](int32_t a, int32_t b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); };
    size_t keep = size_t(vocab);
    if (opt_.top_k > 0 && opt_.top_k < vocab) {
        keep = size_t(opt_.top_k);
        std::partial_sort(order.begin(), order.begin() + keep, order.end(), by_logit);
    } else {
        std::sort(order.begin(), order.end(), by_logit);
    }
    // Softmax over the kept candidates at the given temperature.
    std::vector<double> p(keep);
    const double mx = logits[order[0]];
    double sum = 0;
    for (size_t i = 0; i < keep; ++i) sum += (p[i] = std::exp((logits[order[i]] - mx) / opt_.temperature));
    for (double& v : p) v /= sum;
    if (opt_.top_p < 1.0f) {  // smallest prefix whose mass reaches top_p (at least one token)
        double cum = 0;
        size_t n = 0;
        while (n < keep && cum < opt_.top_p) cum += p[n++];
        keep = std::max<size_t>(n, 1);
        sum = std::accumulate(p.begin(), p.begin() + keep, 0.0);
    } else {
        sum = 1.0;
    }
    const double r = uniform() * sum;
    double cum = 0;
    for (size_t i = 0; i < keep; ++i) {
        cum += p[i];
        if (r < cum) return order[i];
    }
    return order[keep - 1];
}

}  // namespace awq
