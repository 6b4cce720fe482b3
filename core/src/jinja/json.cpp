// SPDX-License-Identifier: MIT
// Python's json.dumps as transformers' tojson filter calls it (ensure_ascii, indent, separators, sort_keys).
#include "jinja/context.hpp"
#include "jinja/pystr.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace awq::jinja {

namespace {

struct JsonStyle {
    bool indented = false;
    std::string indent;
    std::string item_sep = ", ";
    std::string key_sep = ": ";
    bool sort_keys = false;
    bool ensure_ascii = false;
};

std::string quote(const std::string& s, bool ensure_ascii) {
    if (!ensure_ascii) return py::json_quote(s);
    std::string out = "\"";
    for (char32_t c : py::decode(s)) {
        char buf[16];
        if (c < 0x80) {
            const std::string one = py::json_quote(std::string(1, char(c)));
            out += one.substr(1, one.size() - 2);
        } else if (c < 0x10000) {
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
            out += buf;
        } else {
            const char32_t v = c - 0x10000;
            std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", unsigned(0xD800 + (v >> 10)), unsigned(0xDC00 + (v & 0x3FF)));
            out += buf;
        }
    }
    return out + "\"";
}

void dump(const Value& v, const JsonStyle& st, int level, std::string& out) {
    auto newline = [&](int lvl) {
        out += "\n";
        for (int i = 0; i < lvl; ++i) out += st.indent;
    };
    switch (v.kind()) {
    case Value::Kind::None: out += "null"; return;
    case Value::Kind::Bool: out += v.as_bool() ? "true" : "false"; return;
    case Value::Kind::Int: out += std::to_string(v.as_int()); return;
    case Value::Kind::Float: {
        const double d = v.as_double();
        out += std::isnan(d) ? "NaN" : std::isinf(d) ? (d < 0 ? "-Infinity" : "Infinity") : py::float_repr(d);
        return;
    }
    case Value::Kind::String: out += quote(v.as_string(), st.ensure_ascii); return;
    case Value::Kind::List:
    case Value::Kind::Tuple: {
        const List& items = v.as_list();
        if (items.empty()) { out += "[]"; return; }
        if (level > 200) fail("tojson: nesting too deep");
        out += "[";
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out += st.item_sep;
            if (st.indented) newline(level + 1);
            dump(items[i], st, level + 1, out);
        }
        if (st.indented) newline(level);
        out += "]";
        return;
    }
    case Value::Kind::Dict: {
        std::vector<const std::pair<std::string, Value>*> items;
        for (const auto& kv : v.as_dict().items) items.push_back(&kv);
        if (items.empty()) { out += "{}"; return; }
        if (level > 200) fail("tojson: nesting too deep");
        if (st.sort_keys)
            std::stable_sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->first < b->first; });
        out += "{";
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out += st.item_sep;
            if (st.indented) newline(level + 1);
            const Value key = key_value(items[i]->first);  // json.dumps writes 1 as "1", True as "true"
            std::string text = key.is_string() ? key.as_string() : key.is_bool() ? (key.as_bool() ? "true" : "false")
                             : key.is_none() ? "null" : key.is_float() ? py::float_repr(key.as_double()) : key.repr();
            out += quote(text, st.ensure_ascii) + st.key_sep;
            dump(items[i]->second, st, level + 1, out);
        }
        if (st.indented) newline(level);
        out += "}";
        return;
    }
    default: fail("Object of type " + v.type_name() + " is not JSON serializable");
    }
}

}  // namespace

std::string to_json(const Value& v, const Value& indent, const Value& separators, bool sort_keys, bool ensure_ascii) {
    JsonStyle st;
    st.sort_keys = sort_keys;
    st.ensure_ascii = ensure_ascii;
    if (!indent.is_undefined() && !indent.is_none()) {
        st.indented = true;
        st.item_sep = ",";
        if (indent.is_string()) st.indent = indent.as_string();
        else if (indent.is_int()) st.indent = std::string(size_t(std::clamp<int64_t>(indent.as_int(), 0, 100)), ' ');
        else fail("tojson: indent must be an integer or a string");
    }
    if (!separators.is_undefined() && !separators.is_none()) {
        if (!separators.is_list() || separators.as_list().size() != 2 || !separators.as_list()[0].is_string() ||
            !separators.as_list()[1].is_string())
            fail("tojson: separators must be a pair of strings");
        st.item_sep = separators.as_list()[0].as_string();
        st.key_sep = separators.as_list()[1].as_string();
    }
    std::string out;
    dump(v, st, 0, out);
    return out;
}

}  // namespace awq::jinja
