// SPDX-License-Identifier: MIT
// config.json -> ModelConfig. References: the config.json files published with the models (copied here
// as written on the Hub), whose values are checked field by field, plus mutations of one key at a time
// that must fail with the right exception type and a message naming the file and the key.
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/model/config.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

using namespace awq;
using awq::test::expect_error;

namespace {

const char* kLlama31_8B = R"({
  "architectures": [
    "LlamaForCausalLM"
  ],
  "attention_bias": false,
  "attention_dropout": 0.0,
  "bos_token_id": 128000,
  "eos_token_id": [
    128001,
    128008,
    128009
  ],
  "hidden_act": "silu",
  "hidden_size": 4096,
  "initializer_range": 0.02,
  "intermediate_size": 14336,
  "max_position_embeddings": 131072,
  "mlp_bias": false,
  "model_type": "llama",
  "num_attention_heads": 32,
  "num_hidden_layers": 32,
  "num_key_value_heads": 8,
  "pretraining_tp": 1,
  "rms_norm_eps": 1e-05,
  "rope_scaling": {
    "factor": 8.0,
    "low_freq_factor": 1.0,
    "high_freq_factor": 4.0,
    "original_max_position_embeddings": 8192,
    "rope_type": "llama3"
  },
  "rope_theta": 500000.0,
  "tie_word_embeddings": false,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.43.0.dev0",
  "use_cache": true,
  "vocab_size": 128256
})";

const char* kMistral7B = R"({
  "architectures": [
    "MistralForCausalLM"
  ],
  "bos_token_id": 1,
  "eos_token_id": 2,
  "hidden_act": "silu",
  "hidden_size": 4096,
  "initializer_range": 0.02,
  "intermediate_size": 14336,
  "max_position_embeddings": 32768,
  "model_type": "mistral",
  "num_attention_heads": 32,
  "num_hidden_layers": 32,
  "num_key_value_heads": 8,
  "rms_norm_eps": 1e-05,
  "rope_theta": 10000.0,
  "sliding_window": 4096,
  "tie_word_embeddings": false,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.34.0.dev0",
  "use_cache": true,
  "vocab_size": 32000
})";

const char* kQwen25_7B = R"({
  "architectures": [
    "Qwen2ForCausalLM"
  ],
  "attention_dropout": 0.0,
  "bos_token_id": 151643,
  "eos_token_id": 151645,
  "hidden_act": "silu",
  "hidden_size": 3584,
  "initializer_range": 0.02,
  "intermediate_size": 18944,
  "max_position_embeddings": 32768,
  "max_window_layers": 28,
  "model_type": "qwen2",
  "num_attention_heads": 28,
  "num_hidden_layers": 28,
  "num_key_value_heads": 4,
  "rms_norm_eps": 1e-06,
  "rope_theta": 1000000.0,
  "sliding_window": 131072,
  "tie_word_embeddings": false,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.43.1",
  "use_cache": true,
  "use_sliding_window": false,
  "vocab_size": 152064
})";

const char* kQwen3_8B = R"({
  "architectures": [
    "Qwen3ForCausalLM"
  ],
  "attention_bias": false,
  "attention_dropout": 0.0,
  "bos_token_id": 151643,
  "eos_token_id": 151645,
  "head_dim": 128,
  "hidden_act": "silu",
  "hidden_size": 4096,
  "initializer_range": 0.02,
  "intermediate_size": 12288,
  "max_position_embeddings": 40960,
  "max_window_layers": 36,
  "model_type": "qwen3",
  "num_attention_heads": 32,
  "num_hidden_layers": 36,
  "num_key_value_heads": 8,
  "rms_norm_eps": 1e-06,
  "rope_scaling": null,
  "rope_theta": 1000000,
  "sliding_window": null,
  "tie_word_embeddings": false,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.51.0",
  "use_cache": true,
  "use_sliding_window": false,
  "vocab_size": 151936
})";

// Qwen3-0.6B: head_dim (128) is not hidden_size / heads (64), and the embeddings are tied.
const char* kQwen3_06B = R"({
  "architectures": ["Qwen3ForCausalLM"],
  "attention_bias": false,
  "bos_token_id": 151643,
  "eos_token_id": 151645,
  "head_dim": 128,
  "hidden_size": 1024,
  "intermediate_size": 3072,
  "max_position_embeddings": 40960,
  "model_type": "qwen3",
  "num_attention_heads": 16,
  "num_hidden_layers": 28,
  "num_key_value_heads": 8,
  "rms_norm_eps": 1e-06,
  "rope_scaling": null,
  "rope_theta": 1000000,
  "tie_word_embeddings": true,
  "torch_dtype": "bfloat16",
  "vocab_size": 151936
})";

const char* kTinyLlama = R"({
  "architectures": [
    "LlamaForCausalLM"
  ],
  "attention_bias": false,
  "bos_token_id": 1,
  "eos_token_id": 2,
  "hidden_act": "silu",
  "hidden_size": 2048,
  "initializer_range": 0.02,
  "intermediate_size": 5632,
  "max_position_embeddings": 2048,
  "model_type": "llama",
  "num_attention_heads": 32,
  "num_hidden_layers": 22,
  "num_key_value_heads": 4,
  "pretraining_tp": 1,
  "rms_norm_eps": 1e-05,
  "rope_scaling": null,
  "rope_theta": 10000.0,
  "tie_word_embeddings": false,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.35.0",
  "use_cache": true,
  "vocab_size": 32000
})";

// Qwen2.5-7B-Instruct-AWQ (AutoAWQ GEMM export).
const char* kQwen25_7B_Awq = R"({
  "architectures": [
    "Qwen2ForCausalLM"
  ],
  "attention_dropout": 0.0,
  "bos_token_id": 151643,
  "eos_token_id": 151645,
  "hidden_act": "silu",
  "hidden_size": 3584,
  "initializer_range": 0.02,
  "intermediate_size": 18944,
  "max_position_embeddings": 32768,
  "max_window_layers": 28,
  "model_type": "qwen2",
  "num_attention_heads": 28,
  "num_hidden_layers": 28,
  "num_key_value_heads": 4,
  "quantization_config": {
    "bits": 4,
    "group_size": 128,
    "modules_to_not_convert": null,
    "quant_method": "awq",
    "version": "gemm",
    "zero_point": true
  },
  "rms_norm_eps": 1e-06,
  "rope_scaling": null,
  "rope_theta": 1000000.0,
  "sliding_window": 131072,
  "tie_word_embeddings": false,
  "torch_dtype": "float16",
  "transformers_version": "4.41.1",
  "use_cache": true,
  "use_sliding_window": false,
  "vocab_size": 152064
})";

// The minimal config: only the required keys, everything else defaulted.
const char* kMinimal = R"({
  "model_type": "llama",
  "hidden_size": 256,
  "intermediate_size": 688,
  "num_hidden_layers": 2,
  "num_attention_heads": 4,
  "vocab_size": 1000
})";

// The config text with the line of `key` replaced by `"key": raw` (or removed when raw is empty).
std::string with_key(const std::string& json, const std::string& key, const std::string& raw) {
    std::istringstream in(json);
    std::vector<std::string> lines;
    bool found = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("  \"" + key + "\":", 0) == 0) {
            found = true;
            if (raw.empty()) continue;
            line = "  \"" + key + "\": " + raw + (line.back() == ',' ? "," : "");
        }
        lines.push_back(line);
    }
    if (!found) throw std::logic_error("test bug: no key " + key);
    if (lines.size() >= 2 && lines.back() == "}" && lines[lines.size() - 2].back() == ',')
        lines[lines.size() - 2].pop_back();  // removed the last key: drop the dangling comma
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}


ModelConfig parse(const std::string& text) { return parse_model_config(text, "cfg/config.json"); }

}  // namespace

class TestModelConfig : public QObject {
    Q_OBJECT

private slots:
    void llama31_8b() {
        const auto c = parse(kLlama31_8B);
        QCOMPARE(c.model_type, std::string("llama"));
        QCOMPARE(c.architectures, std::vector<std::string>{"LlamaForCausalLM"});
        QCOMPARE(c.hidden_size, int64_t(4096));
        QCOMPARE(c.intermediate_size, int64_t(14336));
        QCOMPARE(c.num_hidden_layers, int64_t(32));
        QCOMPARE(c.num_attention_heads, int64_t(32));
        QCOMPARE(c.num_key_value_heads, int64_t(8));
        QCOMPARE(c.head_dim, int64_t(128));
        QCOMPARE(c.q_dim(), int64_t(4096));
        QCOMPARE(c.kv_dim(), int64_t(1024));
        QCOMPARE(c.vocab_size, int64_t(128256));
        QCOMPARE(c.max_position_embeddings, int64_t(131072));
        QCOMPARE(c.rms_norm_eps, 1e-5);
        QCOMPARE(c.rope_theta, 500000.0);
        QCOMPARE(c.rope_scaling.type, std::string("llama3"));
        QCOMPARE(c.rope_scaling.factor, 8.0);
        QCOMPARE(c.rope_scaling.low_freq_factor, 1.0);
        QCOMPARE(c.rope_scaling.high_freq_factor, 4.0);
        QCOMPARE(c.rope_scaling.original_max_position_embeddings, int64_t(8192));
        QVERIFY(!c.attention_bias);
        QVERIFY(!c.qk_norm);
        QVERIFY(!c.tie_word_embeddings);
        QCOMPARE(c.torch_dtype, std::string("bfloat16"));
        QCOMPARE(c.bos_token_id, std::optional<int64_t>(128000));
        QCOMPARE(c.eos_token_ids, (std::vector<int64_t>{128001, 128008, 128009}));
        QVERIFY(!c.quantization.has_value());
    }

    void mistral_7b() {
        const auto c = parse(kMistral7B);
        QCOMPARE(c.model_type, std::string("mistral"));
        QCOMPARE(c.num_key_value_heads, int64_t(8));
        QCOMPARE(c.head_dim, int64_t(128));
        QCOMPARE(c.max_position_embeddings, int64_t(32768));
        QCOMPARE(c.rope_theta, 10000.0);
        QCOMPARE(c.rope_scaling.type, std::string(""));
        QCOMPARE(c.eos_token_ids, std::vector<int64_t>{2});
        QCOMPARE(c.bos_token_id, std::optional<int64_t>(1));
        QVERIFY(!c.attention_bias);
    }

    void qwen25_7b() {
        const auto c = parse(kQwen25_7B);
        QCOMPARE(c.model_type, std::string("qwen2"));
        QCOMPARE(c.hidden_size, int64_t(3584));
        QCOMPARE(c.num_attention_heads, int64_t(28));
        QCOMPARE(c.num_key_value_heads, int64_t(4));
        QCOMPARE(c.head_dim, int64_t(128));
        QCOMPARE(c.kv_dim(), int64_t(512));
        QCOMPARE(c.rms_norm_eps, 1e-6);
        QCOMPARE(c.rope_theta, 1e6);
        QVERIFY(c.attention_bias);  // qwen2 has q/k/v biases without saying so
        QVERIFY(!c.qk_norm);
        QCOMPARE(c.eos_token_ids, std::vector<int64_t>{151645});
        // ... unless the config says otherwise.
        QVERIFY(!parse(with_key(kQwen25_7B, "attention_dropout", "0.0,\n  \"attention_bias\": false")).attention_bias);
    }

    void qwen3_8b() {
        const auto c = parse(kQwen3_8B);
        QCOMPARE(c.model_type, std::string("qwen3"));
        QCOMPARE(c.num_hidden_layers, int64_t(36));
        QCOMPARE(c.intermediate_size, int64_t(12288));
        QCOMPARE(c.head_dim, int64_t(128));
        QCOMPARE(c.rope_theta, 1e6);  // written as an integer
        QCOMPARE(c.rope_scaling.type, std::string(""));
        QVERIFY(c.qk_norm);
        QVERIFY(!c.attention_bias);
        QCOMPARE(c.vocab_size, int64_t(151936));
    }

    void qwen3_06b_explicit_head_dim() {
        const auto c = parse(kQwen3_06B);
        QCOMPARE(c.head_dim, int64_t(128));
        QCOMPARE(c.q_dim(), int64_t(2048));
        QCOMPARE(c.kv_dim(), int64_t(1024));
        QVERIFY(c.tie_word_embeddings);
        QVERIFY(c.qk_norm);
    }

    void tinyllama() {
        const auto c = parse(kTinyLlama);
        QCOMPARE(c.hidden_size, int64_t(2048));
        QCOMPARE(c.intermediate_size, int64_t(5632));
        QCOMPARE(c.num_hidden_layers, int64_t(22));
        QCOMPARE(c.num_key_value_heads, int64_t(4));
        QCOMPARE(c.head_dim, int64_t(64));
        QCOMPARE(c.kv_dim(), int64_t(256));
        QCOMPARE(c.max_position_embeddings, int64_t(2048));
        QCOMPARE(c.vocab_size, int64_t(32000));
        QCOMPARE(c.rope_scaling.type, std::string(""));
    }

    void autoawq_checkpoint() {
        const auto c = parse(kQwen25_7B_Awq);
        QVERIFY(c.quantization.has_value());
        QCOMPARE(c.quantization->bits, 4);
        QCOMPARE(c.quantization->group_size, 128);
        QVERIFY(c.quantization->zero_point);
        QCOMPARE(c.quantization->version, std::string("gemm"));
        QVERIFY(c.quantization->modules_to_not_convert.empty());
        QCOMPARE(c.torch_dtype, std::string("float16"));
        // transformers writes "GEMM" and lists modules to keep in full precision.
        const std::string q = R"({"bits": 4, "group_size": 64, "modules_to_not_convert": ["lm_head", "visual"],)"
                              R"( "quant_method": "awq", "version": "GEMM", "zero_point": false})";
        const auto c2 = parse(with_key(kTinyLlama, "use_cache", "true,\n  \"quantization_config\": " + q));
        QCOMPARE(c2.quantization->group_size, 64);
        QVERIFY(!c2.quantization->zero_point);
        QCOMPARE(c2.quantization->version, std::string("gemm"));
        QCOMPARE(c2.quantization->modules_to_not_convert, (std::vector<std::string>{"lm_head", "visual"}));
    }

    void defaults() {
        const auto c = parse(kMinimal);
        QCOMPARE(c.num_key_value_heads, int64_t(4));
        QCOMPARE(c.head_dim, int64_t(64));
        QCOMPARE(c.rms_norm_eps, 1e-6);
        QCOMPARE(c.rope_theta, 10000.0);
        QCOMPARE(c.max_position_embeddings, int64_t(2048));
        QCOMPARE(c.rope_scaling.type, std::string(""));
        QVERIFY(!c.attention_bias);
        QVERIFY(!c.qk_norm);
        QVERIFY(!c.tie_word_embeddings);
        QVERIFY(!c.bos_token_id.has_value());
        QVERIFY(c.eos_token_ids.empty());
        QVERIFY(c.architectures.empty());
        QVERIFY(!c.quantization.has_value());
        QCOMPARE(supported_model_types(), (std::vector<std::string>{"llama", "mistral", "qwen2", "qwen3"}));
    }

    void rope_scaling_variants() {
        auto c = parse(with_key(kTinyLlama, "rope_scaling", R"({"type": "linear", "factor": 4.0})"));
        QCOMPARE(c.rope_scaling.type, std::string("linear"));
        QCOMPARE(c.rope_scaling.factor, 4.0);
        c = parse(with_key(kTinyLlama, "rope_scaling", R"({"rope_type": "default"})"));
        QCOMPARE(c.rope_scaling.type, std::string(""));
        expect_error<Unsupported>(
            [] { parse(with_key(kTinyLlama, "rope_scaling", R"({"rope_type": "yarn", "factor": 4.0})")); },
            {"cfg/config.json", "'yarn'", "llama3"});
        expect_error<Unsupported>(
            [] { parse(with_key(kTinyLlama, "rope_scaling", R"({"type": "dynamic", "factor": 2.0})")); },
            {"cfg/config.json", "'dynamic'"});
        expect_error<FormatError>(
            [] { parse(with_key(kTinyLlama, "rope_scaling", R"({"rope_type": "llama3", "factor": 8.0})")); },
            {"cfg/config.json", "rope_scaling.low_freq_factor", "missing"});
        expect_error<FormatError>([] { parse(with_key(kTinyLlama, "rope_scaling", R"({"factor": 8.0})")); },
                                  {"cfg/config.json", "rope_type"});
        expect_error<FormatError>([] { parse(with_key(kTinyLlama, "rope_scaling", "\"linear\"")); },
                                  {"cfg/config.json", "'rope_scaling'", "object"});
    }

    void missing_required_keys_data() {
        QTest::addColumn<QString>("key");
        for (const char* k :
             {"model_type", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "vocab_size"})
            QTest::newRow(k) << QString(k);
    }
    void missing_required_keys() {
        QFETCH(QString, key);
        const std::string k = key.toStdString();
        expect_error<FormatError>([&] { parse(with_key(kLlama31_8B, k, "")); },
                                  {"cfg/config.json", "'" + k + "'", "missing"});
        expect_error<FormatError>([&] { parse(with_key(kLlama31_8B, k, "null")); }, {"cfg/config.json", "'" + k + "'"});
    }

    void ill_typed_keys_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("raw");
        const auto row = [](const char* tag, const char* key, const char* raw) {
            QTest::newRow(tag) << QString(key) << QString(raw);
        };
        row("hidden_size string", "hidden_size", "\"4096\"");
        row("hidden_size float", "hidden_size", "4096.0");
        row("hidden_size bool", "hidden_size", "true");
        row("hidden_size zero", "hidden_size", "0");
        row("layers negative", "num_hidden_layers", "-32");
        row("vocab list", "vocab_size", "[128256]");
        row("model_type number", "model_type", "7");
        row("kv heads do not divide", "num_key_value_heads", "5");
        row("kv heads zero", "num_key_value_heads", "0");
        row("eps string", "rms_norm_eps", "\"1e-5\"");
        row("eps negative", "rms_norm_eps", "-1e-5");
        row("theta bool", "rope_theta", "false");
        row("eos string", "eos_token_id", "\"</s>\"");
        row("eos list of strings", "eos_token_id", "[\"a\"]");
        row("bos float", "bos_token_id", "1.5");
        row("tie string", "tie_word_embeddings", "\"yes\"");
        row("bias number", "attention_bias", "1");
        row("architectures string", "architectures", "\"LlamaForCausalLM\"");
        row("torch_dtype number", "torch_dtype", "16");
        row("max_pos float", "max_position_embeddings", "131072.5");
    }
    void ill_typed_keys() {
        QFETCH(QString, key);
        QFETCH(QString, raw);
        const std::string k = key.toStdString();
        expect_error<FormatError>([&] { parse(with_key(kQwen3_06B, k, raw.toStdString())); },
                                  {"cfg/config.json", "'" + k + "'"});
    }

    void head_dim_must_be_derivable() {
        const std::string bad = with_key(kMinimal, "num_attention_heads", "6");  // 256 / 6
        expect_error<FormatError>([&] { parse(bad); }, {"cfg/config.json", "head_dim", "divisible"});
        QCOMPARE(parse(with_key(bad, "vocab_size", "1000,\n  \"head_dim\": 40")).head_dim, int64_t(40));
    }

    void unknown_model_type() {
        expect_error<Unsupported>([] { parse(with_key(kLlama31_8B, "model_type", "\"gemma2\"")); },
                                  {"cfg/config.json", "'gemma2'", "llama, mistral, qwen2, qwen3"});
    }

    void non_awq_quantization() {
        const auto with_q = [](const std::string& q) {
            return parse(with_key(kTinyLlama, "use_cache", "true,\n  \"quantization_config\": " + q));
        };
        expect_error<Unsupported>([&] { with_q(R"({"quant_method": "gptq", "bits": 4})"); },
                                  {"cfg/config.json", "gptq", "only AWQ checkpoints are supported"});
        expect_error<Unsupported>([&] { with_q(R"({"quant_method": "bitsandbytes", "load_in_4bit": true})"); },
                                  {"cfg/config.json", "only AWQ checkpoints are supported"});
        expect_error<Unsupported>([&] { with_q(R"({"quant_method": "awq", "bits": 8})"); },
                                  {"cfg/config.json", "bits", "8"});
        expect_error<Unsupported>([&] { with_q(R"({"quant_method": "awq", "version": "gemv"})"); },
                                  {"cfg/config.json", "gemv"});
        expect_error<FormatError>([&] { with_q(R"({"bits": 4})"); },
                                  {"cfg/config.json", "quantization_config.quant_method"});
        expect_error<FormatError>([&] { with_q(R"({"quant_method": "awq", "group_size": "128"})"); },
                                  {"cfg/config.json", "quantization_config.group_size"});
        expect_error<FormatError>([&] { with_q(R"({"quant_method": "awq", "modules_to_not_convert": [1]})"); },
                                  {"cfg/config.json", "quantization_config.modules_to_not_convert"});
    }

    void not_json() {
        expect_error<FormatError>([] { parse("{\"model_type\": \"llama\","); }, {"cfg/config.json", "JSON"});
        expect_error<FormatError>([] { parse("[1, 2]"); }, {"cfg/config.json", "object"});
        expect_error<FormatError>([] { parse(""); }, {"cfg/config.json"});
    }

    void load_from_file() {
        QTemporaryDir dir;
        const auto p = std::filesystem::path(dir.path().toStdString()) / "config.json";
        write_file_atomic(p, kQwen3_8B);
        QCOMPARE(load_model_config(p).num_hidden_layers, int64_t(36));
        write_file_atomic(p, with_key(kQwen3_8B, "vocab_size", ""));
        expect_error<FormatError>([&] { load_model_config(p); }, {p.string(), "'vocab_size'"});
        expect_error<FileError>([&] { load_model_config(p.parent_path() / "absent.json"); }, {"absent.json"});
    }
};

QTEST_APPLESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
