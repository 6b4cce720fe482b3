// SPDX-License-Identifier: MIT
#pragma once
// Comparing the files two quantization runs wrote: resumed and uninterrupted runs must give the same bytes,
// and the same report but for what legitimately differs between runs.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace awq::test {

inline std::filesystem::path work_folder_of(const std::filesystem::path& out) {
    return std::filesystem::path(out.string() + ".awq-work");
}

inline std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// Every regular file under `dir`, by path relative to it, with its bytes.
inline std::map<std::string, std::string> folder_contents(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files[std::filesystem::relative(e.path(), dir).string()] = file_bytes(e.path());
    return files;
}

// The report without what differs between two runs of the same quantization: wall times (the run's, each
// layer's and its stages'), peak memory and the output path.
inline nlohmann::json report_without_timings(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text);
    for (const char* k : {"seconds", "peak_rss_bytes", "output"}) j.erase(k);
    for (auto& l : j.at("layers"))
        for (const char* k : {"seconds", "peak_rss_bytes", "stage_seconds"}) l.erase(k);
    return j;
}

}  // namespace awq::test
