// SPDX-License-Identifier: MIT
#pragma once
// A small, strict command-line parser: each subcommand declares its options; unknown options, missing
// values and malformed numbers are errors that name the option.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace awq::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;        // "--max-tokens"
    std::string value_name;  // "N"; empty for a flag
    std::string help;
};

struct CommandSpec {
    std::string name;
    std::string synopsis;  // "MODEL_DIR --prompt TEXT [options]"
    std::string summary;
    std::vector<std::string> positionals;  // names of required positionals
    std::vector<OptionSpec> options;
    std::string help_text() const;
};

class Args {
public:
    static Args parse(const CommandSpec& spec, const std::vector<std::string>& argv);
    bool help() const { return help_; }
    const std::string& positional(size_t i) const { return positionals_.at(i); }
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string str(const std::string& name, const std::string& fallback = "") const;
    std::string required(const std::string& name) const;
    int64_t integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;
    double real(const std::string& name, double fallback, double min, double max) const;

private:
    bool help_ = false;
    std::vector<std::string> positionals_;
    std::map<std::string, std::string> values_;
    std::map<std::string, bool> flags_;
};

}  // namespace awq::cli
