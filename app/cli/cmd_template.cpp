// SPDX-License-Identifier: MIT
// awq template MODEL_DIR --messages FILE.json [--no-generation-prompt] [--ids]
#include "commands.hpp"

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/tokenizer/chat_template.hpp>
#include <awq/tokenizer/tokenizer.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace awq::cli {

namespace {

// FILE.json: a list of {"role": ..., "content": ...} objects.
std::vector<ChatMessage> read_messages(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw FileError(path.string() + ": no such file");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_text_file(path, 64 << 20));
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(path.string() + ": not valid JSON: " + e.what());
    }
    if (!j.is_array()) throw FormatError(path.string() + ": expected a list of {\"role\", \"content\"} messages");
    if (j.empty()) throw FormatError(path.string() + ": the conversation is empty");
    std::vector<ChatMessage> out;
    for (size_t i = 0; i < j.size(); ++i) {
        const auto& m = j[i];
        if (!m.is_object() || !m.contains("role") || !m["role"].is_string() || !m.contains("content") ||
            !m["content"].is_string())
            throw FormatError(path.string() + ": message " + std::to_string(i) +
                              " is not an object with string \"role\" and \"content\"");
        out.push_back({m["role"].get<std::string>(), m["content"].get<std::string>()});
    }
    return out;
}

}  // namespace

const CommandSpec& template_spec() {
    static const CommandSpec spec{
        "template", "MODEL_DIR --messages FILE.json [--no-generation-prompt] [--ids]",
        "Print the prompt the model's chat template makes of a conversation (as transformers renders it).",
        {"MODEL_DIR"},
        {{"--messages", "FILE.json", "the conversation: a JSON list of {\"role\", \"content\"} (required)"},
         {"--no-generation-prompt", "", "do not end with the assistant's turn header"},
         {"--ids", "", "also print the token ids (MODEL_DIR/tokenizer.json, no special tokens added)"}}};
    return spec;
}

int run_template(const Args& args) {
    const std::filesystem::path folder = args.positional(0);
    const std::vector<ChatMessage> messages = read_messages(args.required("--messages"));
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) throw FileError(folder.string() + ": not a model folder");
    const ChatTemplate tmpl = load_chat_template(folder);
    if (!tmpl.note.empty()) std::cerr << "note: " << tmpl.note << "\n";
    const std::string prompt = tmpl.render(messages, !args.flag("--no-generation-prompt"));
    std::cout << prompt;
    if (args.flag("--ids")) {
        // As apply_chat_template(tokenize=True): the rendered text holds its own BOS, none is added.
        const std::vector<int32_t> ids = Tokenizer::from_file(folder / "tokenizer.json").encode(prompt, false);
        std::cout << "\n--- token ids (" << ids.size() << ") ---\n";
        for (size_t i = 0; i < ids.size(); ++i) std::cout << (i ? " " : "") << ids[i];
        std::cout << "\n";
    }
    std::cout << std::flush;
    return 0;
}

}  // namespace awq::cli
