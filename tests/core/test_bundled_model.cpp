// SPDX-License-Identifier: MIT
// The bundled model end to end against what Hugging Face's libraries produced for it (tests/fixtures/
// tiny-llama-kjv, made by make_tiny_model.py): token ids, the chat template, greedy generation, perplexity.
#include "test_util.hpp"

#include <awq/io/safetensors.hpp>
#include <awq/runtime/generate.hpp>
#include <awq/runtime/perplexity.hpp>

#include <nlohmann/json.hpp>

using namespace awq;
using namespace awq::test;
using nlohmann::json;

namespace {

json load_json(const std::string& name) {
    return json::parse(read_text_file(fixtures() / "tiny-llama-kjv" / name));
}

}  // namespace

class TestBundledModel : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;

private slots:
    void initTestCase() { model_ = Model::load(bundled_model()); }

    // Every string of tokens.json encodes to exactly the ids `tokenizers` gave, with and without special
    // tokens, and decodes to the same text (with and without skipping specials).
    void tokenizerMatchesHuggingFace() {
        const json ref = load_json("tokens.json");
        QVERIFY(ref["cases"].size() >= 10);
        for (const auto& c : ref["cases"]) {
            const std::string text = c["text"];
            QCOMPARE(model_->tokenizer().encode(text, true), c["ids"].get<std::vector<int32_t>>());
            QCOMPARE(model_->tokenizer().encode(text, false), c["ids_no_special"].get<std::vector<int32_t>>());
            const auto ids = c["ids"].get<std::vector<int32_t>>();
            QCOMPARE(model_->tokenizer().decode(ids, false), c["decoded"].get<std::string>());
            QCOMPARE(model_->tokenizer().decode(ids, true), c["decoded_skip_special"].get<std::string>());
        }
    }

    // The ChatML template, rendered by our Jinja engine, gives what transformers' apply_chat_template did.
    void chatTemplateMatchesTransformers() {
        const json ref = load_json("chat.json");
        std::vector<ChatMessage> messages;
        for (const auto& m : ref["messages"]) messages.push_back({m["role"], m["content"]});
        QVERIFY2(model_->chat_template().uses_template(), model_->chat_template().note.c_str());
        QCOMPARE(model_->chat_template().render(messages, true), ref["text"].get<std::string>());
        QCOMPARE(model_->tokenizer().encode(ref["text"].get<std::string>(), false), ref["ids"].get<std::vector<int32_t>>());
    }

    // Greedy decoding reproduces transformers' generate(do_sample=False) token for token.
    void greedyGenerationMatchesTransformers() {
        const json ref = load_json("greedy.json");
        const auto prompt = ref["prompt_ids"].get<std::vector<int32_t>>();
        QCOMPARE(model_->tokenizer().encode(ref["prompt"].get<std::string>(), true), prompt);
        InferenceSession s(model_, 256);
        GenerationOptions o;
        o.max_new_tokens = int(ref["max_new_tokens"]);
        o.stop_at_eos = false;
        const GenerationResult r = generate(s, prompt, o);
        QCOMPARE(r.tokens, ref["new_ids"].get<std::vector<int32_t>>());
    }

    // Sampling with a seed is reproducible; another seed gives another continuation.
    void seededSamplingIsReproducible() {
        auto run = [&](uint64_t seed) {
            InferenceSession s(model_, 256);
            GenerationOptions o;
            o.max_new_tokens = 24;
            o.stop_at_eos = false;
            o.sampling.temperature = 0.9f;
            o.sampling.top_p = 0.95f;
            o.sampling.seed = seed;
            return generate(s, model_->tokenizer().encode("And the LORD said", true), o).tokens;
        };
        QCOMPARE(run(7), run(7));
        QVERIFY(run(7) != run(8));
    }

    // Perplexity with the documented windowing equals the fixture's PyTorch value (ctx 128, 8 windows).
    void perplexityMatchesPyTorch() {
        const json ref = load_json("ppl.json");
        const std::string text = read_text_file(std::filesystem::path(AWQ_RESOURCES_DIR).parent_path() /
                                                ref["file"].get<std::string>());
        const auto ids = model_->tokenizer().encode(text, true);
        QCOMPARE(int64_t(ids.size()), ref["n_tokens_total"].get<int64_t>());
        const PerplexityResult r = perplexity(model_, ids, ref["ctx"], ref["max_windows"]);
        QCOMPARE(r.scored_tokens, ref["n_scored"].get<int64_t>());
        QVERIFY2(std::abs(r.mean_nll - ref["nll_mean"].get<double>()) < 1e-4,
                 qPrintable(QString("nll %1 vs %2").arg(r.mean_nll).arg(ref["nll_mean"].get<double>())));
    }
};

QTEST_APPLESS_MAIN(TestBundledModel)
#include "test_bundled_model.moc"
