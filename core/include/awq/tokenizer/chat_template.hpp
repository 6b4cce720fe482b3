// SPDX-License-Identifier: MIT
#pragma once
// Chat templates: tokenizer_config.json's Jinja chat_template rendered by our Jinja engine (awq::jinja) with
// the variables transformers' apply_chat_template passes, so the prompt is the one the model was trained on.
// Without a template (or with one our engine cannot parse) prompts are written as plain "Role: text" lines
// and `note` says why.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace awq {

namespace jinja {
class Template;
}

struct ChatMessage {
    std::string role;  // "system" | "user" | "assistant" | ...
    std::string content;
};

struct ChatTemplate {
    std::string jinja;      // the template text ("" when there is none)
    std::string source;     // where it was read from (messages name it)
    std::string bos_token;  // from tokenizer_config.json, "" if none
    std::string eos_token;
    // bos_token, eos_token, unk_token, sep_token, pad_token, cls_token, mask_token where set: the template
    // variables transformers passes (its special_tokens_map).
    std::map<std::string, std::string> special_tokens;
    std::string note;       // why prompts are plain text, shown to the user ("" when the template is used)
    std::shared_ptr<const jinja::Template> compiled;  // null: plain text

    bool uses_template() const { return compiled != nullptr; }
    // "Jinja template (N chars)" or "plain text: <note>".
    std::string description() const;
    // Renders the conversation as transformers' apply_chat_template(tokenize=False) does, ending with the
    // assistant prompt when add_generation_prompt. Throws awq::jinja::RaisedError when the template refuses
    // the conversation (its raise_exception message) and awq::jinja::RenderError when rendering fails; both
    // name the template file and line.
    std::string render(const std::vector<ChatMessage>& messages, bool add_generation_prompt = true) const;
    // Token strings that end an assistant turn: tokenizer_config.json's eos_token (generation_config.json's
    // eos_token_id list is added by the model loader).
    std::vector<std::string> end_of_turn_tokens() const;
};

// Reads tokenizer_config.json (missing file or missing chat_template -> plain text with a note).
ChatTemplate load_chat_template(const std::filesystem::path& model_folder);
// A template from its text (e.g. a .jinja file); `source` names it in messages.
ChatTemplate make_chat_template(const std::string& jinja, const std::string& source,
                                std::map<std::string, std::string> special_tokens = {});

}  // namespace awq
