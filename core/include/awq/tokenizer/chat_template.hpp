#pragma once
// Chat templates: tokenizer_config.json's Jinja chat_template is recognised as one of the common
// families and rendered by a built-in formatter for that family (no Jinja engine).
#include <filesystem>
#include <string>
#include <vector>

namespace awq {

enum class ChatFamily { None, Llama3, ChatML, Llama2, Zephyr };

struct ChatMessage {
    std::string role;  // "system" | "user" | "assistant"
    std::string content;
};

struct ChatTemplate {
    ChatFamily family = ChatFamily::None;
    std::string bos_token;  // from tokenizer_config.json, "" if none
    std::string eos_token;
    std::string note;       // why we fell back to plain text, shown to the user
    std::string jinja;      // the template text (a ChatML default system prompt is read from it)

    std::string family_name() const;  // "Llama 3", "ChatML", "Llama 2 / Mistral [INST]", "Zephyr", "plain text"
    // Renders the conversation as the template would (BOS text included where the template writes it),
    // ending with the assistant prompt when add_generation_prompt.
    std::string render(const std::vector<ChatMessage>& messages, bool add_generation_prompt = true) const;
    // Token strings that end an assistant turn for this family ("<|eot_id|>", "<|im_end|>", "</s>", ...).
    std::vector<std::string> end_of_turn_tokens() const;
};

ChatFamily detect_chat_family(const std::string& jinja);
// Reads tokenizer_config.json (missing file or missing chat_template -> family None with a note).
ChatTemplate load_chat_template(const std::filesystem::path& model_folder);

}  // namespace awq
