// SPDX-License-Identifier: MIT
// config.json of a Llama-family decoder -> ModelConfig. Every missing or ill-typed key is reported with
// the file and the key; derived values (kv heads, head_dim) are checked for consistency.
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/model/config.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace awq {

using nlohmann::json;

std::vector<std::string> supported_model_types() { return {"llama", "mistral", "qwen2", "qwen3"}; }

namespace {

// Typed access to one JSON object, with errors naming the source and the (dotted) key.
class Reader {
public:
    Reader(const json& obj, std::string source, std::string prefix = "")
        : obj_(obj), source_(std::move(source)), prefix_(std::move(prefix)) {}

    // Present and not null.
    bool has(const char* key) const { return obj_.contains(key) && !obj_.at(key).is_null(); }

    [[noreturn]] void fail(const char* key, const std::string& what) const {
        throw FormatError(source_ + ": key '" + prefix_ + key + "' " + what);
    }
    const json& need(const char* key) const {
        if (!has(key)) fail(key, "is missing");
        return obj_.at(key);
    }

    int64_t integer(const char* key) const {
        const json& v = need(key);
        if (!v.is_number_integer()) fail(key, "must be an integer, got " + v.dump());
        if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)) fail(key, "is out of range");
        return v.get<int64_t>();
    }
    int64_t positive(const char* key) const {
        const int64_t v = integer(key);
        if (v <= 0) fail(key, "must be positive, got " + std::to_string(v));
        return v;
    }
    int64_t positive_or(const char* key, int64_t fallback) const { return has(key) ? positive(key) : fallback; }

    double number(const char* key) const {
        const json& v = need(key);
        if (!v.is_number()) fail(key, "must be a number, got " + v.dump());
        return v.get<double>();
    }
    double number_or(const char* key, double fallback) const { return has(key) ? number(key) : fallback; }

    bool boolean_or(const char* key, bool fallback) const {
        if (!has(key)) return fallback;
        const json& v = obj_.at(key);
        if (!v.is_boolean()) fail(key, "must be true or false, got " + v.dump());
        return v.get<bool>();
    }

    std::string string(const char* key) const {
        const json& v = need(key);
        if (!v.is_string()) fail(key, "must be a string, got " + v.dump());
        return v.get<std::string>();
    }
    std::string string_or(const char* key, const std::string& fallback) const {
        return has(key) ? string(key) : fallback;
    }

    std::vector<std::string> strings_or_empty(const char* key) const {
        std::vector<std::string> out;
        if (!has(key)) return out;
        const json& v = obj_.at(key);
        if (!v.is_array()) fail(key, "must be a list of strings, got " + v.dump());
        for (const json& s : v) {
            if (!s.is_string()) fail(key, "must be a list of strings, got " + v.dump());
            out.push_back(s.get<std::string>());
        }
        return out;
    }

    // An integer or a list of integers (eos_token_id).
    std::vector<int64_t> int_or_list(const char* key) const {
        std::vector<int64_t> out;
        if (!has(key)) return out;
        const json& v = obj_.at(key);
        if (v.is_number_integer()) return {v.get<int64_t>()};
        if (!v.is_array()) fail(key, "must be an integer or a list of integers, got " + v.dump());
        for (const json& x : v) {
            if (!x.is_number_integer()) fail(key, "must be an integer or a list of integers, got " + v.dump());
            out.push_back(x.get<int64_t>());
        }
        return out;
    }

    Reader object(const char* key) const {
        const json& v = need(key);
        if (!v.is_object()) fail(key, "must be an object, got " + v.dump());
        return Reader(v, source_, prefix_ + key + ".");
    }

    const std::string& source() const { return source_; }

private:
    const json& obj_;
    std::string source_;
    std::string prefix_;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

RopeScaling parse_rope_scaling(const Reader& root) {
    RopeScaling r;
    if (!root.has("rope_scaling")) return r;
    const Reader rs = root.object("rope_scaling");
    const std::string type = rs.has("rope_type") ? rs.string("rope_type") : rs.string_or("type", "");
    if (type.empty()) rs.fail("rope_type", "is missing (neither 'rope_type' nor 'type' is given)");
    if (type == "default") return r;
    if (type == "linear") {
        r.type = type;
        r.factor = rs.number("factor");
    } else if (type == "llama3") {
        r.type = type;
        r.factor = rs.number("factor");
        r.low_freq_factor = rs.number("low_freq_factor");
        r.high_freq_factor = rs.number("high_freq_factor");
        r.original_max_position_embeddings = rs.positive("original_max_position_embeddings");
        if (r.high_freq_factor <= r.low_freq_factor)
            rs.fail("high_freq_factor", "must be larger than low_freq_factor");
    } else {
        throw Unsupported(root.source() + ": rope_scaling type '" + type +
                          "' is not supported (supported: default, linear, llama3)");
    }
    if (r.factor <= 0) rs.fail("factor", "must be positive");
    return r;
}

AwqQuantConfig parse_quantization(const Reader& root) {
    const Reader q = root.object("quantization_config");
    const std::string method = lower(q.string("quant_method"));
    if (method != "awq")
        throw Unsupported(root.source() + ": quantization_config.quant_method is '" + method +
                          "'; only AWQ checkpoints are supported");
    AwqQuantConfig a;
    a.bits = int(q.positive_or("bits", a.bits));
    if (a.bits != 4) throw Unsupported(root.source() + ": quantization_config.bits is " + std::to_string(a.bits) +
                                       "; only 4-bit AWQ is supported");
    a.group_size = int(q.positive_or("group_size", a.group_size));
    a.zero_point = q.boolean_or("zero_point", a.zero_point);
    a.version = lower(q.string_or("version", a.version));
    if (a.version != "gemm")
        throw Unsupported(root.source() + ": quantization_config.version is '" + a.version +
                          "'; only the GEMM packing is supported");
    a.modules_to_not_convert = q.strings_or_empty("modules_to_not_convert");
    return a;
}

// num_key_value_heads and head_dim: defaulted from the other sizes, and consistent with them.
void parse_attention_shape(const Reader& r, ModelConfig& c) {
    c.num_key_value_heads = r.positive_or("num_key_value_heads", c.num_attention_heads);
    if (c.num_attention_heads % c.num_key_value_heads != 0)
        r.fail("num_key_value_heads", "(" + std::to_string(c.num_key_value_heads) +
                                          ") must divide num_attention_heads (" +
                                          std::to_string(c.num_attention_heads) + ")");
    if (r.has("head_dim")) {
        c.head_dim = r.positive("head_dim");
    } else {
        if (c.hidden_size % c.num_attention_heads != 0)
            r.fail("head_dim", "is missing and hidden_size (" + std::to_string(c.hidden_size) +
                                   ") is not divisible by num_attention_heads (" +
                                   std::to_string(c.num_attention_heads) + ")");
        c.head_dim = c.hidden_size / c.num_attention_heads;
    }
}

}  // namespace

ModelConfig parse_model_config(const std::string& json_text, const std::string& source_name) {
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::exception& e) {
        throw FormatError(source_name + ": not valid JSON: " + e.what());
    }
    if (!root.is_object()) throw FormatError(source_name + ": not a JSON object");
    const Reader r(root, source_name);
    ModelConfig c;
    c.model_type = r.string("model_type");
    const auto supported = supported_model_types();
    if (std::find(supported.begin(), supported.end(), c.model_type) == supported.end())
        throw Unsupported(source_name + ": model_type '" + c.model_type + "' is not supported (supported: " +
                          join(supported) + ")");
    c.architectures = r.strings_or_empty("architectures");
    c.hidden_size = r.positive("hidden_size");
    c.intermediate_size = r.positive("intermediate_size");
    c.num_hidden_layers = r.positive("num_hidden_layers");
    c.num_attention_heads = r.positive("num_attention_heads");
    c.vocab_size = r.positive("vocab_size");
    parse_attention_shape(r, c);
    c.max_position_embeddings = r.positive_or("max_position_embeddings", c.max_position_embeddings);
    c.rms_norm_eps = r.number_or("rms_norm_eps", c.rms_norm_eps);
    if (c.rms_norm_eps <= 0) r.fail("rms_norm_eps", "must be positive");
    c.rope_theta = r.number_or("rope_theta", c.rope_theta);
    if (c.rope_theta <= 0) r.fail("rope_theta", "must be positive");
    c.rope_scaling = parse_rope_scaling(r);
    c.attention_bias = r.boolean_or("attention_bias", c.model_type == "qwen2");
    c.qk_norm = c.model_type == "qwen3";
    c.tie_word_embeddings = r.boolean_or("tie_word_embeddings", false);
    c.torch_dtype = r.string_or("torch_dtype", "");
    if (r.has("bos_token_id")) c.bos_token_id = r.integer("bos_token_id");
    c.eos_token_ids = r.int_or_list("eos_token_id");
    if (r.has("quantization_config")) c.quantization = parse_quantization(r);
    return c;
}

ModelConfig load_model_config(const std::filesystem::path& config_json) {
    return parse_model_config(read_text_file(config_json, 16u << 20), config_json.string());
}

}  // namespace awq
