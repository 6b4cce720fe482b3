// SPDX-License-Identifier: MIT
// Chat templates through the Jinja engine, with the variables transformers' apply_chat_template passes:
// messages, tools=None, documents=None, add_generation_prompt and the named special tokens.
#include <awq/tokenizer/chat_template.hpp>

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/jinja/template.hpp>

#include <nlohmann/json.hpp>

namespace awq {

namespace {

// transformers' SPECIAL_TOKENS_ATTRIBUTES: what its special_tokens_map (the template's variables) holds.
const char* const kSpecialTokens[] = {"bos_token", "eos_token", "unk_token", "sep_token",
                                      "pad_token", "cls_token", "mask_token"};

std::string render_plain(const std::vector<ChatMessage>& msgs, bool gen) {
    std::string out;
    for (const auto& m : msgs) {
        std::string role = m.role;
        if (!role.empty() && role[0] >= 'a' && role[0] <= 'z') role[0] = char(role[0] - 'a' + 'A');
        out += role + ": " + m.content + "\n";
    }
    if (gen) out += "Assistant:";
    return out;
}

std::string token_text(const nlohmann::json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_object() && j.contains("content") && j.at("content").is_string()) return j.at("content").get<std::string>();
    return {};
}

}  // namespace

std::string ChatTemplate::description() const {
    if (compiled) return "Jinja template (" + std::to_string(jinja.size()) + " chars)";
    return "plain text: " + note;
}

std::string ChatTemplate::render(const std::vector<ChatMessage>& messages, bool add_generation_prompt) const {
    if (!compiled) return render_plain(messages, add_generation_prompt);
    jinja::List msgs;
    for (const auto& m : messages) {
        jinja::Dict d;
        d.set("role", jinja::Value::string(m.role));
        d.set("content", jinja::Value::string(m.content));
        msgs.push_back(jinja::Value::dict(std::move(d)));
    }
    jinja::Dict ctx;
    for (const auto& [k, v] : special_tokens) ctx.set(k, jinja::Value::string(v));
    ctx.set("messages", jinja::Value::list(std::move(msgs)));
    ctx.set("tools", jinja::Value::none());
    ctx.set("documents", jinja::Value::none());
    ctx.set("add_generation_prompt", jinja::Value::boolean(add_generation_prompt));
    try {
        return compiled->render(jinja::Value::dict(std::move(ctx)));
    } catch (const jinja::RaisedError& e) {
        throw jinja::RaisedError("the chat template in " + source + " refused the conversation: " + e.message(),
                                 e.line());
    } catch (const jinja::RenderError& e) {
        throw jinja::RenderError("the chat template in " + source + " failed: " + e.message(), e.line());
    }
}

std::vector<std::string> ChatTemplate::end_of_turn_tokens() const {
    if (eos_token.empty()) return {};
    return {eos_token};
}

ChatTemplate make_chat_template(const std::string& jinja, const std::string& source,
                                std::map<std::string, std::string> special_tokens) {
    ChatTemplate t;
    t.jinja = jinja;
    t.source = source;
    t.special_tokens = std::move(special_tokens);
    if (auto it = t.special_tokens.find("bos_token"); it != t.special_tokens.end()) t.bos_token = it->second;
    if (auto it = t.special_tokens.find("eos_token"); it != t.special_tokens.end()) t.eos_token = it->second;
    try {
        t.compiled = std::make_shared<const jinja::Template>(jinja, source);
    } catch (const jinja::SyntaxError& e) {
        t.note = "the chat template in " + source + " could not be read: " + e.what() +
                 "; prompts are written as plain text";
    }
    return t;
}

ChatTemplate load_chat_template(const std::filesystem::path& model_folder) {
    const auto path = model_folder / "tokenizer_config.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        ChatTemplate t;
        t.source = path.string();
        t.note = path.string() + " not found: prompts are written as plain text";
        return t;
    }
    nlohmann::json config;
    try {
        config = nlohmann::json::parse(read_text_file(path));
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(path.string() + ": not valid JSON: " + e.what());
    }
    if (!config.is_object()) throw FormatError(path.string() + ": the top level is not a JSON object");
    std::map<std::string, std::string> special;
    for (const char* name : kSpecialTokens)
        if (config.contains(name))
            if (std::string text = token_text(config.at(name)); !text.empty()) special[name] = text;
    std::string jinja;
    const auto& tpl = config.contains("chat_template") ? config.at("chat_template") : nlohmann::json();
    if (tpl.is_string()) {
        jinja = tpl.get<std::string>();
    } else if (tpl.is_array()) {  // [{name, template}, ...]: the "default" one, else the first
        for (const auto& item : tpl) {
            if (!item.is_object() || !item.contains("template") || !item.at("template").is_string()) continue;
            const bool is_default = item.contains("name") && item.at("name") == "default";
            if (jinja.empty() || is_default) jinja = item.at("template").get<std::string>();
            if (is_default) break;
        }
    } else if (!tpl.is_null()) {
        throw FormatError(path.string() + ": 'chat_template' is neither a string nor a list of {name, template}");
    }
    if (jinja.empty()) {
        ChatTemplate t;
        t.source = path.string();
        t.special_tokens = special;
        t.bos_token = special.count("bos_token") ? special["bos_token"] : "";
        t.eos_token = special.count("eos_token") ? special["eos_token"] : "";
        t.note = path.string() + " has no chat_template: prompts are written as plain text";
        return t;
    }
    return make_chat_template(jinja, path.string(), std::move(special));
}

}  // namespace awq
