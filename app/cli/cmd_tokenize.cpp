// SPDX-License-Identifier: MIT
// awq tokenize MODEL_DIR|tokenizer.json --text STRING|--file F [--json] [--no-special]
#include "commands.hpp"

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/tokenizer/tokenizer.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace awq::cli {

namespace {

std::filesystem::path tokenizer_path(const std::string& arg) {
    const std::filesystem::path p = arg;
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
        const auto tj = p / "tokenizer.json";
        if (!std::filesystem::is_regular_file(tj, ec)) throw FileError(p.string() + ": no tokenizer.json in this folder");
        return tj;
    }
    if (!std::filesystem::is_regular_file(p, ec)) throw FileError(p.string() + ": no such model folder or tokenizer.json");
    return p;
}

// Byte offset of the first difference of a and b (their common prefix length).
size_t first_difference(const std::string& a, const std::string& b) {
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return i;
}

// Up to 24 bytes of s from offset, as a JSON string (shows control characters).
std::string excerpt(const std::string& s, size_t offset) {
    return nlohmann::json(s.substr(offset, 24)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

const CommandSpec& tokenize_spec() {
    static const CommandSpec spec{
        "tokenize", "MODEL_DIR|tokenizer.json --text STRING|--file F [--json] [--no-special]",
        "Tokenize a text as the model's tokenizer.json does: ids, token strings and a round-trip check.",
        {"MODEL_DIR"},
        {{"--text", "STRING", "the text to tokenize"},
         {"--file", "F", "tokenize the contents of file F (UTF-8) instead"},
         {"--json", "", "print the result as JSON"},
         {"--no-special", "", "do not add the special tokens of the post-processor (e.g. BOS)"}}};
    return spec;
}

int run_tokenize(const Args& args) {
    if (args.has("--text") == args.has("--file")) throw UsageError("give exactly one of --text and --file");
    const auto path = tokenizer_path(args.positional(0));
    const std::string source = args.has("--text") ? std::string("--text") : args.str("--file");
    const std::string text = args.has("--text") ? args.str("--text") : read_text_file(args.str("--file"));
    const Tokenizer tok = Tokenizer::from_file(path);
    std::vector<int32_t> ids;
    try {
        ids = tok.encode(text, !args.flag("--no-special"));
    } catch (const InvalidArgument&) {
        throw InvalidArgument(source + ": the text is not valid UTF-8");
    }
    // The round trip leaves out the special tokens that encoding added.
    const std::string decoded = tok.decode(ids, true);
    const bool round_trip = decoded == text;
    const size_t diff = first_difference(decoded, text);

    if (args.flag("--json")) {
        nlohmann::json tokens = nlohmann::json::array();
        for (const int32_t id : ids) tokens.push_back(tok.id_to_token(id));
        nlohmann::json j = {{"tokenizer", path.string()}, {"kind", tok.kind_name()}, {"ids", ids},
                            {"tokens", tokens}, {"decoded", decoded}, {"round_trip", round_trip},
                            {"first_difference", round_trip ? nlohmann::json() : nlohmann::json(diff)}};
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::cout << "tokenizer: " << path.string() << " (" << tok.kind_name() << ", " << tok.vocab_size()
              << " tokens)\n";
    std::cout << "ids (" << ids.size() << "):";
    for (const int32_t id : ids) std::cout << " " << id;
    std::cout << "\ntokens:\n";
    for (size_t i = 0; i < ids.size(); ++i)
        std::cout << "  " << i << "\t" << ids[i] << "\t"
                  << nlohmann::json(tok.id_to_token(ids[i])).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << (tok.is_special(ids[i]) ? "\t(special)" : "") << "\n";
    if (round_trip) {
        std::cout << "round trip: ok (decode(encode(text)) == text)\n";
    } else {
        std::cout << "round trip: differs at byte " << diff << ": decoded " << excerpt(decoded, diff) << " where the text has "
                  << excerpt(text, diff) << "\n";
    }
    return 0;
}

}  // namespace awq::cli
