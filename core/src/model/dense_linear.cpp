// SPDX-License-Identifier: MIT
// DenseLinear: y = x W^T + b with W in F32/F16/BF16, never converted whole.
// Small m (decode): dense_dot_rows converts each weight inside the dot products with every x row.
// Large m (prefill): blocks of rows are converted into one float buffer and multiplied by BLAS sgemm.
#include <awq/error.hpp>
#include <awq/model/linear.hpp>

#include <awq/cpu/dense_dot.hpp>
#include <awq/cpu/sgemm.hpp>

#include <algorithm>
#include <cstring>

namespace awq {

namespace {

constexpr int64_t kSmallBatch = 8;              // at or below: dot-product path
constexpr size_t kBlockBytes = size_t(1) << 21;  // float buffer for one sgemm block (2 MiB)
// Below this many multiply-adds a parallel region costs more than it saves (and on a loaded machine
// OpenMP's barrier waits dominate): run on the calling thread.
constexpr int64_t kParallelWork = int64_t(1) << 20;
constexpr int64_t kRowBlock = 16;  // rows per work item of the decode path

}  // namespace

DenseLinear::DenseLinear(DType dtype, const void* data, int64_t in_features, int64_t out_features,
                         std::vector<float> bias)
    : Linear(in_features, out_features), dtype_(dtype), data_(data), bias_(std::move(bias)) {
    if (dtype != DType::F32 && dtype != DType::F16 && dtype != DType::BF16)
        throw InvalidArgument("DenseLinear: weights must be F32, F16 or BF16, not " + std::string(dtype_name(dtype)));
    if (!bias_.empty() && int64_t(bias_.size()) != out_features)
        throw InvalidArgument("DenseLinear: bias has " + std::to_string(bias_.size()) + " values for " +
                              std::to_string(out_features) + " outputs");
}

DenseLinear::DenseLinear(std::vector<float> weights, int64_t in_features, int64_t out_features,
                         std::vector<float> bias)
    : Linear(in_features, out_features), dtype_(DType::F32), data_(nullptr), owned_(std::move(weights)),
      bias_(std::move(bias)) {
    if (int64_t(owned_.size()) != in_features * out_features)
        throw InvalidArgument("DenseLinear: weight count does not match the shape");
    if (!bias_.empty() && int64_t(bias_.size()) != out_features)
        throw InvalidArgument("DenseLinear: bias size does not match the output width");
    data_ = owned_.data();
}

DenseLinear::DenseLinear(DType dtype, std::vector<uint16_t> weights, int64_t in_features, int64_t out_features,
                         std::vector<float> bias)
    : Linear(in_features, out_features), dtype_(dtype), data_(nullptr), owned16_(std::move(weights)),
      bias_(std::move(bias)) {
    if (dtype != DType::F16 && dtype != DType::BF16)
        throw InvalidArgument("DenseLinear: 16-bit weights must be F16 or BF16, not " + std::string(dtype_name(dtype)));
    if (int64_t(owned16_.size()) != in_features * out_features)
        throw InvalidArgument("DenseLinear: weight count does not match the shape");
    if (!bias_.empty() && int64_t(bias_.size()) != out_features)
        throw InvalidArgument("DenseLinear: bias size does not match the output width");
    data_ = owned16_.data();
}

size_t DenseLinear::weight_bytes() const {
    return size_t(in_features() * out_features()) * dtype_size(dtype_) + bias_.size() * sizeof(float);
}

std::string DenseLinear::kind() const {
    std::string k(dtype_name(dtype_));
    std::transform(k.begin(), k.end(), k.begin(), [](char c) { return char(std::tolower(c)); });
    return k;
}

std::vector<float> DenseLinear::to_f32() const {
    std::vector<float> w(size_t(in_features() * out_features()));
    convert_to_f32(dtype_, data_, w.data(), w.size());
    return w;
}

void DenseLinear::forward(const float* x, int64_t m, float* y) const {
    const int64_t in = in_features(), out = out_features();
    const size_t esz = dtype_size(dtype_);
    const auto* bytes = static_cast<const std::byte*>(data_);
    if (dtype_ == DType::F32 && m > 1) {
        sgemm_nt(m, out, in, x, in, static_cast<const float*>(data_), in, y, out);
    } else if (m <= kSmallBatch) {
        // Contiguous blocks of rows per thread, as a static split of the rows would give.
        const int64_t blocks = (out + kRowBlock - 1) / kRowBlock;
#pragma omp parallel for schedule(static) if (m * in * out >= kParallelWork)
        for (int64_t b = 0; b < blocks; ++b)
            dense_dot_rows(dtype_, data_, in, x, m, y, out, b * kRowBlock, std::min(out, (b + 1) * kRowBlock));
    } else {
        const int64_t block = std::clamp<int64_t>(int64_t(kBlockBytes / sizeof(float)) / in, 16, out);
        std::vector<float> wbuf(size_t(block * in));
        for (int64_t o0 = 0; o0 < out; o0 += block) {
            const int64_t nb = std::min(block, out - o0);
#pragma omp parallel for schedule(static)
            for (int64_t r = 0; r < nb; ++r)
                convert_to_f32(dtype_, bytes + size_t((o0 + r) * in) * esz, wbuf.data() + r * in, size_t(in));
            sgemm_nt(m, nb, in, x, in, wbuf.data(), in, y + o0, out);
        }
    }
    if (!bias_.empty())
        for (int64_t r = 0; r < m; ++r)
            for (int64_t o = 0; o < out; ++o) y[r * out + o] += bias_[size_t(o)];
}

}  // namespace awq
