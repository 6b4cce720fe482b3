// Chat templates: the family is recognised from markers in the Jinja text and rendered by a built-in
// formatter that writes what the official template writes.
#include <awq/tokenizer/chat_template.hpp>

#include "tokenizer/utf8.hpp"

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>

#include <nlohmann/json.hpp>

namespace awq {

namespace {

// Python's str.isspace() for one code point (what Jinja's trim and str.strip() remove).
bool is_python_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::string py_strip(const std::string& s) {
    size_t begin = 0;
    while (begin < s.size()) {
        size_t j = begin;
        if (!is_python_space(tok::next_code_point(s, j))) break;
        begin = j;
    }
    size_t end = s.size();
    while (end > begin) {
        size_t i = end - 1;
        while (i > begin && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
        size_t j = i;
        if (!is_python_space(tok::next_code_point(s, j))) break;
        end = i;
    }
    return s.substr(begin, end - begin);
}

std::string render_llama3(const ChatTemplate& t, const std::vector<ChatMessage>& msgs, bool gen) {
    std::string out;
    for (size_t i = 0; i < msgs.size(); ++i) {
        if (i == 0) out += t.bos_token;
        out += "<|start_header_id|>" + msgs[i].role + "<|end_header_id|>\n\n" + py_strip(msgs[i].content) + "<|eot_id|>";
    }
    if (gen) out += "<|start_header_id|>assistant<|end_header_id|>\n\n";
    return out;
}

std::string render_chatml(const std::string& default_system, const std::vector<ChatMessage>& msgs, bool gen) {
    std::string out;
    if (!default_system.empty() && !msgs.empty() && msgs.front().role != "system")
        out += "<|im_start|>system\n" + default_system + "<|im_end|>\n";
    for (const auto& m : msgs) out += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n";
    if (gen) out += "<|im_start|>assistant\n";
    return out;
}

// Llama 2: the system prompt goes inside the first [INST]; roles must alternate user/assistant.
std::string render_llama2(const ChatTemplate& t, const std::vector<ChatMessage>& msgs) {
    size_t first = 0;
    std::string system;
    bool has_system = false;
    if (!msgs.empty() && msgs.front().role == "system") {
        system = msgs.front().content;
        has_system = true;
        first = 1;
    }
    std::string out;
    for (size_t i = first; i < msgs.size(); ++i) {
        const size_t k = i - first;
        if ((msgs[i].role == "user") != (k % 2 == 0))
            throw InvalidArgument("Llama 2 chat template: conversation roles must alternate user/assistant/user/...");
        std::string content = msgs[i].content;
        if (k == 0 && has_system) content = "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + content;
        if (msgs[i].role == "user") out += t.bos_token + "[INST] " + py_strip(content) + " [/INST]";
        else if (msgs[i].role == "assistant") out.append(" ").append(py_strip(content)).append(" ").append(t.eos_token);
    }
    return out;
}

// Mistral's [INST] template (no <<SYS>> block): one BOS, no system role, no spaces around answers.
std::string render_mistral(const ChatTemplate& t, const std::vector<ChatMessage>& msgs) {
    std::string out = t.bos_token;
    for (size_t i = 0; i < msgs.size(); ++i) {
        if ((msgs[i].role == "user") != (i % 2 == 0))
            throw InvalidArgument("Mistral chat template: conversation roles must alternate user/assistant/user/...");
        if (msgs[i].role == "user") out += "[INST] " + msgs[i].content + " [/INST]";
        else if (msgs[i].role == "assistant") out += msgs[i].content + t.eos_token;
        else throw InvalidArgument("Mistral chat template: only user and assistant roles are supported");
    }
    return out;
}

std::string render_zephyr(const ChatTemplate& t, const std::vector<ChatMessage>& msgs, bool gen) {
    std::string out;
    for (const auto& m : msgs)
        if (m.role == "user" || m.role == "system" || m.role == "assistant")
            out += "<|" + m.role + "|>\n" + m.content + t.eos_token + "\n";
    if (gen && !msgs.empty()) out += "<|assistant|>\n";
    return out;
}

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

// Qwen-style templates write a default system turn when the conversation has none.
std::string chatml_default_system(const std::string& jinja) {
    const std::string open = "<|im_start|>system\\n";
    const auto at = jinja.find(open);
    if (at == std::string::npos) return {};
    const auto begin = at + open.size();
    const auto end = jinja.find("<|im_end|>", begin);
    if (end == std::string::npos) return {};
    const std::string text = jinja.substr(begin, end - begin);
    // A literal message only: an expression ("' + messages[0]['content'] + '") is not a default.
    if (text.find('\'') != std::string::npos || text.find('"') != std::string::npos ||
        text.find("{{") != std::string::npos || text.find('+') != std::string::npos)
        return {};
    return text;
}

std::string token_text(const nlohmann::json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_object() && j.contains("content") && j.at("content").is_string()) return j.at("content").get<std::string>();
    return {};
}

}  // namespace

std::string ChatTemplate::family_name() const {
    switch (family) {
    case ChatFamily::Llama3: return "Llama 3";
    case ChatFamily::ChatML: return "ChatML";
    case ChatFamily::Llama2: return "Llama 2 / Mistral [INST]";
    case ChatFamily::Zephyr: return "Zephyr";
    case ChatFamily::None: break;
    }
    return "plain text";
}

std::string ChatTemplate::render(const std::vector<ChatMessage>& messages, bool add_generation_prompt) const {
    switch (family) {
    case ChatFamily::Llama3: return render_llama3(*this, messages, add_generation_prompt);
    case ChatFamily::ChatML: return render_chatml(chatml_default_system(jinja), messages, add_generation_prompt);
    case ChatFamily::Llama2:
        // Llama 2 puts the system prompt in a <<SYS>> block; Mistral's variant has none.
        if (jinja.find("<<SYS>>") == std::string::npos && !jinja.empty()) return render_mistral(*this, messages);
        return render_llama2(*this, messages);
    case ChatFamily::Zephyr: return render_zephyr(*this, messages, add_generation_prompt);
    case ChatFamily::None: break;
    }
    return render_plain(messages, add_generation_prompt);
}

std::vector<std::string> ChatTemplate::end_of_turn_tokens() const {
    std::vector<std::string> out;
    if (family == ChatFamily::Llama3) out.push_back("<|eot_id|>");
    if (family == ChatFamily::ChatML) out.push_back("<|im_end|>");
    if (!eos_token.empty() && (out.empty() || out.front() != eos_token)) out.push_back(eos_token);
    return out;
}

ChatFamily detect_chat_family(const std::string& jinja) {
    if (jinja.find("<|start_header_id|>") != std::string::npos) return ChatFamily::Llama3;
    if (jinja.find("<|im_start|>") != std::string::npos) return ChatFamily::ChatML;
    if (jinja.find("[INST]") != std::string::npos) return ChatFamily::Llama2;
    if (jinja.find("<|user|>") != std::string::npos) return ChatFamily::Zephyr;
    return ChatFamily::None;
}

ChatTemplate load_chat_template(const std::filesystem::path& model_folder) {
    ChatTemplate t;
    const auto path = model_folder / "tokenizer_config.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
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
    if (config.contains("bos_token")) t.bos_token = token_text(config.at("bos_token"));
    if (config.contains("eos_token")) t.eos_token = token_text(config.at("eos_token"));
    const auto& tpl = config.contains("chat_template") ? config.at("chat_template") : nlohmann::json();
    if (tpl.is_string()) {
        t.jinja = tpl.get<std::string>();
    } else if (tpl.is_array()) {  // [{name, template}, ...]: the "default" one, else the first
        for (const auto& item : tpl) {
            if (!item.is_object() || !item.contains("template") || !item.at("template").is_string()) continue;
            const bool is_default = item.contains("name") && item.at("name") == "default";
            if (t.jinja.empty() || is_default) t.jinja = item.at("template").get<std::string>();
            if (is_default) break;
        }
    } else if (!tpl.is_null()) {
        throw FormatError(path.string() + ": 'chat_template' is neither a string nor a list of {name, template}");
    }
    if (t.jinja.empty()) {
        t.note = path.string() + " has no chat_template: prompts are written as plain text";
        return t;
    }
    t.family = detect_chat_family(t.jinja);
    if (t.family == ChatFamily::None)
        t.note = "the chat_template in " + path.string() +
                 " is not one of the known families (Llama 3, ChatML, Llama 2 [INST], Zephyr): prompts are written "
                 "as plain text";
    return t;
}

}  // namespace awq
