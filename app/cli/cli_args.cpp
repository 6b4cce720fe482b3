// SPDX-License-Identifier: MIT
#include "cli_args.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace awq::cli {

std::string CommandSpec::help_text() const {
    std::ostringstream o;
    o << "Usage: awq " << name << " " << synopsis << "\n\n" << summary << "\n";
    if (!options.empty()) {
        o << "\nOptions:\n";
        for (const auto& opt : options) {
            std::string left = "  " + opt.name + (opt.value_name.empty() ? "" : " " + opt.value_name);
            if (left.size() < 28) left.resize(28, ' ');
            else left += "  ";
            o << left << opt.help << "\n";
        }
    }
    o << "  --help                    show this help\n";
    return o.str();
}

Args Args::parse(const CommandSpec& spec, const std::vector<std::string>& argv) {
    Args a;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            a.help_ = true;
            return a;
        }
        if (arg.rfind("--", 0) == 0) {
            std::string name = arg, value;
            bool inline_value = false;
            if (auto eq = arg.find('='); eq != std::string::npos) {
                name = arg.substr(0, eq);
                value = arg.substr(eq + 1);
                inline_value = true;
            }
            auto it = std::find_if(spec.options.begin(), spec.options.end(),
                                   [&](const OptionSpec& o) { return o.name == name; });
            if (it == spec.options.end())
                throw UsageError("unknown option '" + name + "' for 'awq " + spec.name + "' (see --help)");
            if (it->value_name.empty()) {
                if (inline_value) throw UsageError(name + " takes no value");
                a.flags_[name] = true;
            } else {
                if (!inline_value) {
                    if (i + 1 >= argv.size()) throw UsageError(name + " needs a value (" + it->value_name + ")");
                    value = argv[++i];
                }
                a.values_[name] = value;
            }
        } else {
            a.positionals_.push_back(arg);
        }
    }
    if (a.positionals_.size() < spec.positionals.size())
        throw UsageError("missing " + spec.positionals[a.positionals_.size()] + " (usage: awq " + spec.name + " " +
                         spec.synopsis + ")");
    if (a.positionals_.size() > spec.positionals.size())
        throw UsageError("unexpected argument '" + a.positionals_[spec.positionals.size()] + "'");
    return a;
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

std::string Args::required(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw UsageError(name + " is required");
    return it->second;
}

int64_t Args::integer(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    int64_t v = 0;
    const auto& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) throw UsageError(name + ": '" + s + "' is not an integer");
    if (v < min || v > max)
        throw UsageError(name + ": " + s + " is outside [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return v;
}

double Args::real(const std::string& name, double fallback, double min, double max) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    const auto& s = it->second;
    size_t used = 0;
    double v = 0;
    try {
        v = std::stod(s, &used);
    } catch (...) {
        used = 0;
    }
    if (used != s.size() || s.empty()) throw UsageError(name + ": '" + s + "' is not a number");
    if (v < min || v > max) throw UsageError(name + ": " + s + " is outside the allowed range");
    return v;
}

}  // namespace awq::cli
