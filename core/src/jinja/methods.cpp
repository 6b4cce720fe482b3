// SPDX-License-Identifier: MIT
// The str / dict / list methods templates call (Python semantics). Methods that mutate a list or dict are
// refused as in jinja2's ImmutableSandboxedEnvironment: the attribute is an Undefined that raises when called.
#include "jinja/context.hpp"
#include "jinja/pystr.hpp"

#include <algorithm>
#include <set>

namespace awq::jinja {

namespace {

using Fn = std::function<Value(CallArgs&)>;

std::string arg_string(const CallArgs& a, size_t i, const char* name, const char* method) {
    const Value v = a.get(i, name);
    if (!v.is_string()) fail(std::string(method) + "() argument must be str, not " + v.type_name());
    return v.as_string();
}

int64_t arg_int(const CallArgs& a, size_t i, const char* name, int64_t fallback) {
    const Value v = a.get(i, name);
    if (v.is_undefined() || v.is_none()) return fallback;
    if (!v.is_int() && !v.is_bool()) fail(std::string("'") + name + "' must be an integer, not " + v.type_name());
    return v.as_int();
}

// The optional `chars` / `sep` argument: nullptr when absent or None.
const std::string* opt_string(const CallArgs& a, size_t i, const char* name, std::string& holder) {
    const Value v = a.get(i, name);
    if (v.is_undefined() || v.is_none()) return nullptr;
    if (!v.is_string()) fail(std::string(name) + " must be None or a string, not " + v.type_name());
    holder = v.as_string();
    return &holder;
}

Value string_list(const std::vector<std::string>& parts) {
    List out;
    for (const auto& p : parts) out.push_back(Value::string(p));
    return Value::list(std::move(out));
}

bool affix_match(const std::string& s, const Value& affix, bool prefix, const char* method) {
    auto one = [&](const Value& v) {
        if (!v.is_string()) fail(std::string(method) + " first arg must be str or a tuple of str, not " + v.type_name());
        const std::string& p = v.as_string();
        if (p.size() > s.size()) return false;
        return prefix ? s.compare(0, p.size(), p) == 0 : s.compare(s.size() - p.size(), p.size(), p) == 0;
    };
    if (affix.is_list() && affix.kind() == Value::Kind::Tuple) {
        for (const Value& v : affix.as_list())
            if (one(v)) return true;
        return false;
    }
    return one(affix);
}

// str.format with automatic / numbered / named fields (with .attr and [key] lookups), no format specs.
std::string format(const std::string& fmt, const CallArgs& a) {
    std::string out;
    size_t auto_index = 0;
    for (size_t i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') { out += '}'; ++i; continue; }
            fail("Single '}' encountered in format string");
        }
        if (c != '{') { out += c; continue; }
        if (i + 1 < fmt.size() && fmt[i + 1] == '{') { out += '{'; ++i; continue; }
        const size_t end = fmt.find('}', i);
        if (end == std::string::npos) fail("Single '{' encountered in format string");
        std::string field = fmt.substr(i + 1, end - i - 1);
        i = end;
        char conversion = 0;
        if (const size_t bang = field.find('!'); bang != std::string::npos) {
            conversion = bang + 1 < field.size() ? field[bang + 1] : 's';
            field.resize(bang);
        }
        if (field.find(':') != std::string::npos) fail("format specs in str.format are not supported");
        size_t name_end = field.find_first_of(".[");
        const std::string head = field.substr(0, name_end);
        Value v;
        if (head.empty()) {
            if (auto_index >= a.positional.size()) fail("Replacement index " + std::to_string(auto_index) + " out of range");
            v = a.positional[auto_index++];
        } else if (std::isdigit(static_cast<unsigned char>(head[0]))) {
            if (head.size() > 6 || head.find_first_not_of("0123456789") != std::string::npos ||
                std::stoul(head) >= a.positional.size())
                fail("Replacement index " + head + " out of range");
            v = a.positional[std::stoul(head)];
        } else {
            v = a.get(size_t(-1), head);
            if (v.is_undefined()) fail("KeyError: '" + head + "'");
        }
        while (name_end != std::string::npos && name_end < field.size()) {
            if (field[name_end] == '.') {
                const size_t next = field.find_first_of(".[", name_end + 1);
                v = get_attr(v, field.substr(name_end + 1, next - name_end - 1));
                name_end = next;
            } else {
                const size_t close = field.find(']', name_end);
                if (close == std::string::npos) fail("Missing ']' in format string");
                const std::string key = field.substr(name_end + 1, close - name_end - 1);
                const bool numeric = !key.empty() && key.size() < 18 && key.find_first_not_of("0123456789") == std::string::npos;
                v = get_item(v, numeric ? Value::integer(std::stoll(key)) : Value::string(key));
                name_end = close + 1;
            }
        }
        out += conversion == 'r' ? v.repr() : v.str();
    }
    return out;
}

Value string_method(const std::string& s, const std::string& name) {
    auto bind = [&](Fn f) { return Value::function("str." + name, std::move(f)); };
    if (name == "startswith" || name == "endswith")
        return bind([s, name](CallArgs& a) {
            return Value::boolean(affix_match(s, a.get(0, "prefix"), name == "startswith", name.c_str()));
        });
    if (name == "strip" || name == "lstrip" || name == "rstrip")
        return bind([s, name](CallArgs& a) {
            std::string holder;
            return Value::string(py::strip(s, opt_string(a, 0, "chars", holder), name != "rstrip", name != "lstrip"));
        });
    if (name == "split" || name == "rsplit")
        return bind([s, name](CallArgs& a) {
            std::string holder;
            const std::string* sep = opt_string(a, 0, "sep", holder);
            if (sep && sep->empty()) fail("empty separator");
            const int64_t maxsplit = arg_int(a, 1, "maxsplit", -1);
            return string_list(name == "split" ? py::split(s, sep, maxsplit) : py::rsplit(s, sep, maxsplit));
        });
    if (name == "splitlines")
        return bind([s](CallArgs& a) { return string_list(py::splitlines(s, a.get(0, "keepends").truthy())); });
    if (name == "upper") return bind([s](CallArgs&) { return Value::string(py::upper(s)); });
    if (name == "lower") return bind([s](CallArgs&) { return Value::string(py::lower(s)); });
    if (name == "title") return bind([s](CallArgs&) { return Value::string(py::title(s)); });
    if (name == "capitalize") return bind([s](CallArgs&) { return Value::string(py::capitalize(s)); });
    if (name == "replace")
        return bind([s](CallArgs& a) {
            return Value::string(py::replace(s, arg_string(a, 0, "old", "replace"), arg_string(a, 1, "new", "replace"),
                                             arg_int(a, 2, "count", -1)));
        });
    if (name == "find" || name == "rfind" || name == "index" || name == "rindex")
        return bind([s, name](CallArgs& a) {
            const std::string sub = arg_string(a, 0, "sub", name.c_str());
            const size_t at = name[0] == 'r' ? s.rfind(sub) : s.find(sub);
            if (at == std::string::npos) {
                if (name.find("index") != std::string::npos) fail("substring not found");
                return Value::integer(-1);
            }
            return Value::integer(int64_t(py::length(s.substr(0, at))));
        });
    if (name == "count")
        return bind([s](CallArgs& a) {
            const std::string sub = arg_string(a, 0, "sub", "count");
            if (sub.empty()) return Value::integer(int64_t(py::length(s)) + 1);
            int64_t n = 0;
            for (size_t at = s.find(sub); at != std::string::npos; at = s.find(sub, at + sub.size())) ++n;
            return Value::integer(n);
        });
    if (name == "join")
        return bind([s](CallArgs& a) {
            std::string out;
            bool first = true;
            for (const Value& v : iterate(a.get(0, "iterable"))) {
                if (!v.is_string()) fail("sequence item: expected str instance, " + v.type_name() + " found");
                out += (first ? "" : s) + v.as_string();
                first = false;
            }
            return Value::string(out);
        });
    if (name == "center")
        return bind([s](CallArgs& a) {
            const int64_t width = std::min<int64_t>(arg_int(a, 0, "width", 0), 1 << 20);
            const Value fill = a.get(1, "fillchar", Value::string(" "));
            if (!fill.is_string() || py::length(fill.as_string()) != 1) fail("The fill character must be exactly one character long");
            const int64_t n = int64_t(py::length(s));
            if (width <= n) return Value::string(s);
            const int64_t marg = width - n, left = marg / 2 + (marg & width & 1);
            std::string out;
            for (int64_t i = 0; i < left; ++i) out += fill.as_string();
            out += s;
            for (int64_t i = 0; i < marg - left; ++i) out += fill.as_string();
            return Value::string(out);
        });
    if (name == "format") return bind([s](CallArgs& a) { return Value::string(format(s, a)); });
    if (name == "isdigit" || name == "isnumeric" || name == "isdecimal")
        return bind([s](CallArgs&) {
            return Value::boolean(!s.empty() && s.find_first_not_of("0123456789") == std::string::npos);
        });
    if (name == "isalpha" || name == "isalnum")
        return bind([s, name](CallArgs&) {
            bool ok = !s.empty();
            for (unsigned char c : s) ok = ok && (std::isalpha(c) || c >= 0x80 || (name == "isalnum" && std::isdigit(c)));
            return Value::boolean(ok);
        });
    if (name == "isspace")
        return bind([s](CallArgs&) {
            bool ok = !s.empty();
            for (char32_t c : py::decode(s)) ok = ok && py::is_space(c);
            return Value::boolean(ok);
        });
    if (name == "islower") return bind([s](CallArgs&) { return Value::boolean(py::is_lower(s)); });
    if (name == "isupper") return bind([s](CallArgs&) { return Value::boolean(py::is_upper(s)); });
    return Value::undefined();
}

Value dict_method(const Value& d, const std::string& name) {
    auto bind = [&](Fn f) { return Value::function("dict." + name, std::move(f)); };
    if (name == "items")
        return bind([d](CallArgs&) {
            List out;
            for (const auto& [k, v] : d.as_dict().items) out.push_back(Value::tuple({key_value(k), v}));
            return Value::list(std::move(out));
        });
    if (name == "keys") return bind([d](CallArgs&) { return Value::list(iterate(d)); });
    if (name == "values")
        return bind([d](CallArgs&) {
            List out;
            for (const auto& kv : d.as_dict().items) out.push_back(kv.second);
            return Value::list(std::move(out));
        });
    if (name == "get")
        return bind([d](CallArgs& a) {
            const Value key = a.get(0, "key");
            if (key.is_string() || key.is_number() || key.is_none())
                if (const Value* v = d.as_dict().find(dict_key(key))) return *v;
            return a.get(1, "default", Value::none());
        });
    if (name == "copy") return bind([d](CallArgs&) { return Value::dict(d.as_dict()); });
    return Value::undefined();
}

Value list_method(const Value& l, const std::string& name) {
    auto bind = [&](Fn f) { return Value::function("list." + name, std::move(f)); };
    if (name == "index")
        return bind([l](CallArgs& a) {
            const Value x = a.get(0, "value");
            for (size_t i = 0; i < l.as_list().size(); ++i)
                if (equal(l.as_list()[i], x)) return Value::integer(int64_t(i));
            fail(x.repr() + " is not in list");
        });
    if (name == "count")
        return bind([l](CallArgs& a) {
            int64_t n = 0;
            for (const Value& v : l.as_list()) n += equal(v, a.get(0, "value"));
            return Value::integer(n);
        });
    if (name == "copy") return bind([l](CallArgs&) { return Value::list(l.as_list()); });
    return Value::undefined();
}

}  // namespace

Value method(const Value& obj, const std::string& name) {
    static const std::set<std::string> unsafe_list = {"append", "extend", "insert", "pop", "remove", "reverse",
                                                      "sort", "clear"};
    static const std::set<std::string> unsafe_dict = {"clear", "pop", "popitem", "setdefault", "update"};
    const bool is_list = obj.kind() == Value::Kind::List;
    if ((is_list && unsafe_list.count(name)) || (obj.is_dict() && unsafe_dict.count(name)))
        return Value::undefined("access to attribute '" + name + "' of '" + obj.type_name() + "' object is unsafe.");
    if (obj.is_string()) return string_method(obj.as_string(), name);
    if (obj.is_dict()) return dict_method(obj, name);
    if (obj.is_list()) return list_method(obj, name);
    return Value::undefined();
}

}  // namespace awq::jinja
