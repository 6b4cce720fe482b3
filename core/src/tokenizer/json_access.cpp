// SPDX-License-Identifier: MIT
// JSON accessors for tokenizer.json components: every error names the file and the key.
#include "tokenizer/components.hpp"

#include <awq/error.hpp>

namespace awq::tok {

const nlohmann::json& require(const nlohmann::json& j, const char* key, const Source& src, const std::string& where) {
    if (!j.is_object() || !j.contains(key))
        throw FormatError(src.name + ": " + where + " has no '" + key + "'");
    return j.at(key);
}

std::string require_string(const nlohmann::json& j, const char* key, const Source& src, const std::string& where) {
    const auto& v = require(j, key, src, where);
    if (!v.is_string()) throw FormatError(src.name + ": " + where + " '" + key + "' is not a string");
    return v.get<std::string>();
}

bool optional_bool(const nlohmann::json& j, const char* key, bool fallback, const Source& src,
                   const std::string& where) {
    if (!j.is_object() || !j.contains(key) || j.at(key).is_null()) return fallback;
    if (!j.at(key).is_boolean()) throw FormatError(src.name + ": " + where + " '" + key + "' is not a boolean");
    return j.at(key).get<bool>();
}

std::string component_type(const nlohmann::json& j, const Source& src, const std::string& field) {
    if (!j.is_object()) throw FormatError(src.name + ": " + field + " is not an object");
    return require_string(j, "type", src, field);
}

void unsupported_type(const Source& src, const std::string& field, const std::string& type) {
    throw Unsupported(src.name + ": " + field + " type '" + type + "' is not supported");
}

}  // namespace awq::tok
