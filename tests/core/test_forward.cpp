// SPDX-License-Identifier: MIT
// The forward pass against logits computed by PyTorch (transformers, or a clean reference for qwen3) from
// the same weight files: the bundled model (llama, GQA, llama3 RoPE scaling, BF16) and tiny random models
// for qwen2 (qkv bias), qwen3 (q/k norms, explicit head_dim), mistral and llama with tied embeddings (F16).
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/io/tensor_store.hpp>
#include <awq/runtime/session.hpp>

using namespace awq;
using namespace awq::test;

namespace {

std::vector<int32_t> ids_of(const TensorView& t) {
    std::vector<int32_t> ids;
    for (int64_t i = 0; i < t.numel(); ++i) {
        int64_t v;
        std::memcpy(&v, t.data + size_t(i) * 8, 8);
        ids.push_back(int32_t(v));
    }
    return ids;
}

// Runs every prompt of a logits.safetensors reference through the model in one batch and returns the
// worst relative error over prompts.
double worst_logits_error(const std::filesystem::path& model_dir, const std::filesystem::path& ref_file) {
    const auto model = Model::load(model_dir);
    const TensorStore ref = TensorStore::open_file(ref_file);
    double worst = 0;
    for (int p = 0; ref.contains("p" + std::to_string(p) + ".ids"); ++p) {
        const auto ids = ids_of(ref.get("p" + std::to_string(p) + ".ids"));
        const auto expected = ref.get("p" + std::to_string(p) + ".logits").to_f32();
        InferenceSession s(model, 512);
        const auto logits = s.feed(ids, true);
        worst = std::max(worst, max_rel_error(logits, expected));
    }
    return worst;
}

}  // namespace

class TestForward : public QObject {
    Q_OBJECT

private slots:
    void logitsMatchPyTorch_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reference");
        const auto kjv = fixtures() / "tiny-llama-kjv" / "logits.safetensors";
        QTest::newRow("tiny-llama-kjv") << QString::fromStdString(bundled_model().string())
                                        << QString::fromStdString(kjv.string());
        for (const char* name : {"qwen2", "qwen3", "mistral", "llama-tied"}) {
            const auto dir = fixtures() / "random-models" / name;
            QTest::newRow(name) << QString::fromStdString(dir.string())
                                << QString::fromStdString((dir / "logits.safetensors").string());
        }
    }
    // Max relative error (max |ours - torch| / max |torch|) over all positions of all prompts <= 1e-3.
    void logitsMatchPyTorch() {
        QFETCH(QString, model);
        QFETCH(QString, reference);
        const double err = worst_logits_error(model.toStdString(), reference.toStdString());
        qInfo("max relative logits error %.3g", err);
        QVERIFY2(err <= 1e-3, qPrintable(QString("logits differ from PyTorch: %1").arg(err)));
    }

    // Feeding a prompt token by token through the KV cache gives the same logits as one batched pass.
    void incrementalDecodeMatchesBatch() {
        const auto model = Model::load(bundled_model());
        const auto ids = model->tokenizer().encode("And the LORD spake unto Moses, saying,", true);
        InferenceSession batch(model, 128), step(model, 128);
        const auto all = batch.feed(ids, true);
        const int64_t vocab = model->config().vocab_size;
        for (size_t i = 0; i < ids.size(); ++i) {
            const auto one = step.feed({ids[i]});
            QVERIFY(max_rel_error(one.data(), all.data() + i * size_t(vocab), size_t(vocab)) < 1e-4);
        }
        // truncate() rewinds: re-feeding the last token reproduces its logits.
        step.truncate(int64_t(ids.size()) - 1);
        const auto again = step.feed({ids.back()});
        QVERIFY(max_rel_error(again.data(), all.data() + (ids.size() - 1) * size_t(vocab), size_t(vocab)) < 1e-4);
    }

    // The context limit is enforced with a clear error, not a buffer overrun.
    void contextOverflowIsAnError() {
        const auto model = Model::load(bundled_model());
        InferenceSession s(model, 8);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, s.feed(std::vector<int32_t>(9, 5)));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, s.feed({int32_t(model->config().vocab_size)}));
    }
};

QTEST_APPLESS_MAIN(TestForward)
#include "test_forward.moc"
