// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/quant/calibration.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace awq {

namespace fs = std::filesystem;

fs::path default_calibration_path() {
    if (const char* data = std::getenv("AWQ_STUDIO_DATA"); data && *data) return fs::path(data) / "calibration" / "default.txt";
    const fs::path installed = "/usr/share/awq-studio/calibration/default.txt";
    const fs::path source_tree = fs::path(AWQ_RESOURCES_DIR) / "calibration" / "default.txt";
    return fs::exists(source_tree) ? source_tree : installed;
}

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + size_t(len) > s.size()) return false;
        uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        for (int k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc >> 6) != 2) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += size_t(len);
    }
    return true;
}

namespace {

void check_text(const std::string& text, const fs::path& file) {
    if (text.find('\0') != std::string::npos)
        throw FormatError(file.string() + ": looks binary (contains NUL bytes); calibration needs UTF-8 text");
    if (!is_valid_utf8(text)) throw FormatError(file.string() + ": is not valid UTF-8 text");
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Blank-line separated paragraphs.
void split_paragraphs(const std::string& text, std::vector<std::string>& out) {
    std::istringstream in(text);
    std::string line, doc;
    auto flush = [&] {
        if (auto t = trim(doc); !t.empty()) out.push_back(t);
        doc.clear();
    };
    while (std::getline(in, line)) {
        if (trim(line).empty()) flush();
        else doc += (doc.empty() ? "" : "\n") + line;
    }
    flush();
}

void read_jsonl(const std::string& text, const fs::path& file, std::vector<std::string>& out) {
    std::istringstream in(text);
    std::string line;
    int64_t lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (trim(line).empty()) continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object())
            throw FormatError(file.string() + ":" + std::to_string(lineno) + ": not a JSON object");
        if (!j.contains("text") || !j["text"].is_string())
            throw FormatError(file.string() + ":" + std::to_string(lineno) + ": no string field \"text\"");
        if (auto t = trim(j["text"].get<std::string>()); !t.empty()) out.push_back(t);
    }
}

uint64_t splitmix(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

}  // namespace

std::vector<std::string> read_calibration_documents(const fs::path& source) {
    std::vector<std::string> docs;
    std::error_code ec;
    if (fs::is_directory(source, ec)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(source))
            if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        if (files.empty()) throw FileError(source.string() + ": the folder holds no .txt files");
        for (const auto& f : files) {
            const std::string text = read_text_file(f);
            check_text(text, f);
            split_paragraphs(text, docs);
        }
    } else {
        const std::string text = read_text_file(source);
        if (text.empty()) throw FormatError(source.string() + ": the file is empty");
        check_text(text, source);
        if (source.extension() == ".jsonl") read_jsonl(text, source, docs);
        else split_paragraphs(text, docs);
    }
    if (docs.empty()) throw FormatError(source.string() + ": no text found (only blank lines)");
    return docs;
}

CalibrationSet make_calibration_blocks(const std::vector<std::string>& documents, const Tokenizer& tokenizer,
                                       const CalibrationOptions& opt, const std::string& source_name) {
    if (opt.n_samples < 1) throw InvalidArgument("the number of calibration samples must be at least 1");
    if (opt.block_len < 2) throw InvalidArgument("the calibration block length must be at least 2 tokens");
    CalibrationSet set;
    set.source = source_name;
    set.block_len = opt.block_len;
    set.documents_read = int64_t(documents.size());
    std::vector<size_t> order(documents.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    uint64_t state = opt.seed;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[splitmix(state) % i]);  // Fisher-Yates
    for (size_t idx : order) {
        if (set.documents_used == opt.n_samples) break;
        const std::vector<int32_t> ids = tokenizer.encode(documents[idx], true);
        if (ids.empty()) continue;
        if (int64_t(ids.size()) > opt.block_len) {
            ++set.documents_too_long;
            continue;
        }
        set.tokens.insert(set.tokens.end(), ids.begin(), ids.end());
        ++set.documents_used;
    }
    set.tokens_total = int64_t(set.tokens.size());
    const int64_t blocks = set.tokens_total / opt.block_len;
    if (blocks == 0)
        throw InvalidArgument(source_name + ": " + std::to_string(set.tokens_total) + " calibration tokens from " +
                              std::to_string(set.documents_used) + " documents (" +
                              std::to_string(set.documents_too_long) + " longer than a block were skipped); " +
                              std::to_string(opt.block_len) + " are needed for one block");
    set.tokens.resize(size_t(blocks * opt.block_len));
    return set;
}

CalibrationSet load_calibration(const fs::path& source, const Tokenizer& tokenizer, const CalibrationOptions& opt) {
    return make_calibration_blocks(read_calibration_documents(source), tokenizer, opt, source.string());
}

}  // namespace awq
