// SPDX-License-Identifier: MIT
// The real SmolLM2-135M-Instruct (rebuilt as a Hugging Face folder by tests/fixtures/real_world/make_smollm2.py)
// opens and behaves as its references say (refs/smollm2/reference.json): prompt ids from transformers'
// apply_chat_template and token counts from Hugging Face `tokenizers`; logits, perplexity and the greedy answer
// from the script's independent NumPy float32 forward pass of the same FP16 weights (transformers cannot run
// the model without torch). Then the CLI end to end on it: inspect, ppl, generate --chat, quantize w4 g64.
// CTest label `real` (Release tree only: a minute of CPU, so the sanitizer trees' `-L 'core|gui'` skip it).
#include "real_world.hpp"
#include "test_util.hpp"

#include <awq/io/safetensors.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/runtime/generate.hpp>
#include <awq/runtime/perplexity.hpp>

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

using namespace awq;
using namespace awq::test;
using nlohmann::json;

namespace {

std::filesystem::path smollm2_dir() { return real_world_dir() / "SmolLM2-135M-Instruct"; }

std::string sha256_of(const std::filesystem::path& path) {
    QFile f(QString::fromStdString(path.string()));
    if (!f.open(QIODevice::ReadOnly)) return "unreadable";
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex().toStdString();
}

QString to_q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

}  // namespace

class TestRealModel : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;
    json ref_;

public:
    // The CLI runs on a 135 M-parameter model take minutes on a busy 2-core machine: more than Qt Test's
    // 5-minute watchdog (read when the test starts, after this constructor).
    TestRealModel() {
        if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT")) qputenv("QTEST_FUNCTION_TIMEOUT", "1800000");
    }

private:

    std::filesystem::path ppl_text() const {
        return std::filesystem::path(AWQ_RESOURCES_DIR).parent_path() / ref_["ppl"]["file"].get<std::string>();
    }
    QStringList ppl_args(const std::filesystem::path& folder) const {
        return {"ppl", to_q(folder), "--text", to_q(ppl_text()), "--ctx",
                QString::number(ref_["ppl"]["ctx"].get<int>()), "--max-windows",
                QString::number(ref_["ppl"]["max_windows"].get<int>()), "--json"};
    }

private slots:
    // The references belong to exactly these files: a cache rebuilt differently says so instead of
    // failing every comparison below.
    void initTestCase() {
        REQUIRE_REAL_WORLD(smollm2_dir() / "model.safetensors");
        ref_ = json::parse(read_text_file(real_world_refs() / "smollm2" / "reference.json"));
        for (const char* key : {"model", "tokenizer"}) {
            const std::string file = std::string(key) == "model" ? "model.safetensors" : "tokenizer.json";
            QVERIFY2(sha256_of(smollm2_dir() / file) == ref_[std::string(key) + "_sha256"].get<std::string>(),
                     qPrintable(QString("%1 differs from the one refs/smollm2/reference.json was computed from: "
                                        "rerun tests/fixtures/real_world/make_smollm2.py refs")
                                    .arg(to_q(smollm2_dir() / file))));
        }
        model_ = Model::load(smollm2_dir());
    }

    // The summary shows SmolLM2-135M's published shape (config.json written from the GGUF's metadata).
    void summaryIsSmolLM2() {
        const ModelSummary s = summarize(*model_);
        QCOMPARE(s.architecture, std::string("LlamaForCausalLM"));
        QCOMPARE(s.layers, int64_t(30));
        QCOMPARE(s.hidden_size, int64_t(576));
        QCOMPARE(s.intermediate_size, int64_t(1536));
        QCOMPARE(s.heads, int64_t(9));
        QCOMPARE(s.kv_heads, int64_t(3));
        QCOMPARE(s.head_dim, int64_t(64));
        QCOMPARE(s.vocab_size, int64_t(49152));
        QCOMPARE(s.max_context, int64_t(8192));
        QVERIFY(model_->config().tie_word_embeddings);
    }

    // The tokenizer (Digits + ByteLevel pre-tokenizer, 48 900 merges) gives Hugging Face's ids on a short
    // prompt and the same count on the 160 kB evaluation text.
    void tokenizerMatchesHuggingFace() {
        const auto& s = ref_["short_logits"];
        QCOMPARE(model_->tokenizer().encode(s["text"].get<std::string>(), false), s["ids"].get<std::vector<int32_t>>());
        const auto ids = model_->tokenizer().encode(read_text_file(ppl_text()), true);
        QCOMPARE(int64_t(ids.size()), ref_["ppl"]["n_tokens_total"].get<int64_t>());
    }

    // The chat prompt is transformers' apply_chat_template(tokenize=True, add_generation_prompt=True): the
    // template's default system message included (37 tokens).
    void chatPromptMatchesTransformers() {
        const auto& chat = ref_["chat"];
        std::vector<ChatMessage> messages;
        for (const auto& m : chat["messages"]) messages.push_back({m["role"], m["content"]});
        const std::string text = model_->chat_template().render(messages, true);
        QCOMPARE(text, chat["prompt_text"].get<std::string>());
        QCOMPARE(model_->tokenizer().encode(text, false), chat["prompt_ids"].get<std::vector<int32_t>>());
    }

    // The last position's logits for a short prompt: the same top 5 as NumPy, each within 1e-3 of its logit
    // (float32 on both sides; the logits are ~17, so this is ~6e-5 relative).
    void logitsMatchNumpy() {
        const auto& s = ref_["short_logits"];
        const auto ids = s["ids"].get<std::vector<int32_t>>();
        InferenceSession session(model_, 64);
        const std::vector<float> logits = session.feed(ids, false);
        QCOMPARE(int64_t(logits.size()), int64_t(49152));
        std::vector<int32_t> order(logits.size());
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + 5, order.end(),
                          [&](int32_t a, int32_t b) { return logits[size_t(a)] > logits[size_t(b)]; });
        double worst = 0;
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(order[size_t(i)], s["top5_ids"][size_t(i)].get<int32_t>());
            worst = std::max(worst, std::abs(double(logits[size_t(order[size_t(i)])]) - s["top5_logits"][size_t(i)].get<double>()));
        }
        for (size_t i = 0; i < 8; ++i)
            worst = std::max(worst, std::abs(double(logits[i]) - s["first8_logits"][i].get<double>()));
        qInfo("max |logit - NumPy| over the top 5 and the first 8: %.3g", worst);
        QVERIFY2(worst < 1e-3, qPrintable(QString("logits differ from NumPy's by %1").arg(worst)));
    }

    // Perplexity with `awq ppl`'s windows is NumPy's within 0.5 % (reported to more digits).
    void perplexityMatchesNumpy() {
        const auto& p = ref_["ppl"];
        const auto ids = model_->tokenizer().encode(read_text_file(ppl_text()), true);
        const PerplexityResult r = perplexity(model_, ids, p["ctx"], p["max_windows"]);
        QCOMPARE(r.scored_tokens, p["n_scored"].get<int64_t>());
        const double want = p["ppl"].get<double>();
        const double rel = std::abs(r.perplexity - want) / want;
        qInfo("perplexity %.6f, NumPy %.6f: relative difference %.3g (mean nll %.8f vs %.8f)", r.perplexity, want,
              rel, r.mean_nll, p["nll_mean"].get<double>());
        QVERIFY2(rel < 0.005, qPrintable(QString("perplexity %1 vs NumPy's %2").arg(r.perplexity).arg(want)));
    }

    // Greedy decoding from transformers' prompt ids gives NumPy's answer token for token, ending at <|im_end|>.
    void greedyAnswerMatchesNumpy() {
        const auto& chat = ref_["chat"];
        InferenceSession session(model_, 256);
        GenerationOptions o;
        o.max_new_tokens = chat["max_new_tokens"];
        o.sampling.temperature = 0;
        const GenerationResult r = generate(session, chat["prompt_ids"].get<std::vector<int32_t>>(), o);
        qInfo("answer: %s", r.text.c_str());
        QCOMPARE(r.tokens, chat["new_ids"].get<std::vector<int32_t>>());
        QCOMPARE(r.stop == GenerationResult::Stop::Eos, chat["stop"].get<std::string>() == "eos");
    }

    // The CLI opens the real model: inspect, ppl (the same value as the library), a chat answer.
    void cliInspectPplGenerate() {
        const CliRun inspect = run_cli({"inspect", to_q(smollm2_dir())});
        QVERIFY2(inspect.exit_code == 0, qPrintable(inspect.err));
        QVERIFY(inspect.out.contains("LlamaForCausalLM"));

        const CliRun ppl = run_cli(ppl_args(smollm2_dir()));
        QVERIFY2(ppl.exit_code == 0, qPrintable(ppl.err));
        const double got = json::parse(ppl.out.toStdString())["perplexity"].get<double>();
        QVERIFY2(std::abs(got - ref_["ppl"]["ppl"].get<double>()) / ref_["ppl"]["ppl"].get<double>() < 0.005,
                 qPrintable(ppl.out));

        const CliRun gen = run_cli({"generate", to_q(smollm2_dir()), "--chat", "--prompt",
                                    QString::fromStdString(ref_["chat"]["messages"][0]["content"].get<std::string>()),
                                    "--temperature", "0", "--max-tokens", "24"});
        QVERIFY2(gen.exit_code == 0, qPrintable(gen.err));
        qInfo("awq generate --chat: %s", qPrintable(gen.out.trimmed()));
        QVERIFY(!gen.out.trimmed().isEmpty());
    }

    // awq quantize at w4 g64 with a small calibration (4 blocks of 128 tokens, a 4-point grid, no clip search:
    // 52 s of CPU; the clip search alone would add ~190 s) writes a checkpoint that awq ppl loads; its perplexity
    // is near the FP model's (INT4 g64 on 135 M parameters costs a few percent, not a broken model).
    void cliQuantizeThenPpl() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const std::filesystem::path out = tmp.filePath("smollm2-awq").toStdString();
        const CliRun q = run_cli({"quantize", to_q(smollm2_dir()), "--out", to_q(out), "--w-bit", "4",
                                  "--group-size", "64", "--samples", "8", "--seqlen", "128", "--search-blocks", "1",
                                  "--n-grid", "4", "--no-clip"});
        QVERIFY2(q.exit_code == 0, qPrintable(q.err));
        QVERIFY(std::filesystem::exists(out / "config.json"));
        const CliRun ppl = run_cli(ppl_args(out));
        QVERIFY2(ppl.exit_code == 0, qPrintable(ppl.err));
        const double got = json::parse(ppl.out.toStdString())["perplexity"].get<double>();
        const double fp = ref_["ppl"]["ppl"].get<double>();
        qInfo("INT4 w4 g64 perplexity %.4f (FP %.4f, +%.2f %%)", got, fp, (got / fp - 1) * 100);
        QVERIFY2(got > fp * 0.9 && got < fp * 1.5, qPrintable(ppl.out));
    }
};

QTEST_APPLESS_MAIN(TestRealModel)
#include "test_real_model.moc"
