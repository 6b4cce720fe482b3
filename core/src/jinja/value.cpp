// SPDX-License-Identifier: MIT
// Value: construction, Python truthiness, str()/repr() and ==.
#include <awq/jinja/value.hpp>

#include "jinja/pystr.hpp"

#include <awq/error.hpp>
#include <awq/jinja/template.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace awq::jinja {

const Value* Dict::find(const std::string& key) const {
    for (const auto& [k, v] : items)
        if (k == key) return &v;
    return nullptr;
}

void Dict::set(const std::string& key, Value v) {
    for (auto& [k, old] : items)
        if (k == key) { old = std::move(v); return; }
    items.emplace_back(key, std::move(v));
}

Value CallArgs::get(size_t index, const std::string& name, Value fallback) const {
    for (const auto& [k, v] : keyword)
        if (k == name) return v;
    if (index < positional.size()) return positional[index];
    return fallback;
}

Value Value::undefined(std::string hint) {
    Value v;
    v.s_ = std::move(hint);
    return v;
}
Value Value::none() { Value v; v.kind_ = Kind::None; return v; }
Value Value::boolean(bool b) { Value v; v.kind_ = Kind::Bool; v.b_ = b; v.i_ = b; return v; }
Value Value::integer(int64_t i) { Value v; v.kind_ = Kind::Int; v.i_ = i; return v; }
Value Value::number(double d) { Value v; v.kind_ = Kind::Float; v.d_ = d; return v; }
Value Value::string(std::string s) { Value v; v.kind_ = Kind::String; v.s_ = std::move(s); return v; }
Value Value::list(List items) {
    Value v;
    v.kind_ = Kind::List;
    v.list_ = std::make_shared<List>(std::move(items));
    return v;
}
Value Value::tuple(List items) {
    Value v = list(std::move(items));
    v.kind_ = Kind::Tuple;
    return v;
}
Value Value::dict(Dict d) {
    Value v;
    v.kind_ = Kind::Dict;
    v.dict_ = std::make_shared<Dict>(std::move(d));
    return v;
}
Value Value::namespace_(Dict d) {
    Value v = dict(std::move(d));
    v.kind_ = Kind::Namespace;
    return v;
}
Value Value::function(std::string name, std::function<Value(CallArgs&)> call) {
    Value v;
    v.kind_ = Kind::Function;
    v.fn_ = std::make_shared<Function>(Function{std::move(name), std::move(call)});
    return v;
}

namespace {
Value from_nlohmann(const nlohmann::ordered_json& j) {
    switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: return Value::none();
    case nlohmann::ordered_json::value_t::boolean: return Value::boolean(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return Value::integer(j.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
        const auto u = j.get<uint64_t>();
        return u <= uint64_t(INT64_MAX) ? Value::integer(int64_t(u)) : Value::number(double(u));
    }
    case nlohmann::ordered_json::value_t::number_float: return Value::number(j.get<double>());
    case nlohmann::ordered_json::value_t::string: return Value::string(j.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
        List items;
        for (const auto& e : j) items.push_back(from_nlohmann(e));
        return Value::list(std::move(items));
    }
    case nlohmann::ordered_json::value_t::object: {
        Dict d;
        for (const auto& [k, e] : j.items()) d.set(k, from_nlohmann(e));
        return Value::dict(std::move(d));
    }
    default: return Value::none();
    }
}
}  // namespace

Value Value::from_json(const std::string& text, const std::string& what) {
    try {
        return from_nlohmann(nlohmann::ordered_json::parse(text));
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(what + ": not valid JSON: " + e.what());
    }
}

std::string dict_key(const Value& key) {
    switch (key.kind()) {
    case Value::Kind::String: return key.as_string();
    case Value::Kind::Int: return "\x01i" + std::to_string(key.as_int());
    case Value::Kind::Bool: return std::string("\x01b") + (key.as_bool() ? "1" : "0");
    case Value::Kind::Float: return std::string("\x01f").append(key.repr());
    case Value::Kind::None: return "\x01n";
    default: throw RenderError("unhashable type: '" + key.type_name() + "'", 0);
    }
}

Value key_value(const std::string& key) {
    if (key.size() < 2 || key[0] != '\x01') return Value::string(key);
    const std::string rest = key.substr(2);
    switch (key[1]) {
    case 'i': return Value::integer(std::stoll(rest));
    case 'b': return Value::boolean(rest == "1");
    case 'f': return Value::number(std::strtod(rest.c_str(), nullptr));
    case 'n': return Value::none();
    default: return Value::string(key);
    }
}

double Value::as_double() const { return kind_ == Kind::Float ? d_ : double(i_); }

bool Value::truthy() const {
    switch (kind_) {
    case Kind::Undefined:
    case Kind::None: return false;
    case Kind::Bool: return b_;
    case Kind::Int: return i_ != 0;
    case Kind::Float: return d_ != 0.0;
    case Kind::String: return !s_.empty();
    case Kind::List:
    case Kind::Tuple: return !list_->empty();
    case Kind::Dict: return !dict_->items.empty();
    case Kind::Namespace:
    case Kind::Function: return true;
    }
    return false;
}

std::string Value::str() const {
    switch (kind_) {
    case Kind::Undefined: return "";
    case Kind::String: return s_;
    default: return repr();
    }
}

namespace {
thread_local int repr_depth = 0;
struct ReprDepth {
    ReprDepth() {
        if (++repr_depth > 500) {
            --repr_depth;
            throw RenderError("maximum recursion depth exceeded while getting the repr of an object", 0);
        }
    }
    ~ReprDepth() { --repr_depth; }
};
}  // namespace

std::string Value::repr() const {
    const ReprDepth guard;
    switch (kind_) {
    case Kind::Undefined: return "Undefined";
    case Kind::None: return "None";
    case Kind::Bool: return b_ ? "True" : "False";
    case Kind::Int: return std::to_string(i_);
    case Kind::Float: return py::float_repr(d_);
    case Kind::String: return py::quote(s_);
    case Kind::List:
    case Kind::Tuple: {
        std::string out = kind_ == Kind::List ? "[" : "(";
        for (size_t i = 0; i < list_->size(); ++i) out += (i ? ", " : "") + (*list_)[i].repr();
        if (kind_ == Kind::Tuple && list_->size() == 1) out += ",";
        return out + (kind_ == Kind::List ? "]" : ")");
    }
    case Kind::Dict:
    case Kind::Namespace: {
        std::string out = "{";
        bool first = true;
        for (const auto& [k, v] : dict_->items) {
            out += (first ? "" : ", ") + key_value(k).repr() + ": " + v.repr();
            first = false;
        }
        out += "}";
        return kind_ == Kind::Dict ? out : "<Namespace " + out + ">";
    }
    case Kind::Function: return "<function " + fn_->name + ">";
    }
    return "";
}

std::string Value::type_name() const {
    switch (kind_) {
    case Kind::Undefined: return "Undefined";
    case Kind::None: return "NoneType";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::List: return "list";
    case Kind::Tuple: return "tuple";
    case Kind::Dict: return "dict";
    case Kind::Namespace: return "Namespace";
    case Kind::Function: return "function";
    }
    return "object";
}

bool equal(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) return a.as_double() == b.as_double();
        return a.as_int() == b.as_int();
    }
    if (a.kind() != b.kind()) {
        if (a.is_list() && b.is_list()) return false;  // [1] != (1,)
        return false;
    }
    switch (a.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::None: return true;
    case Value::Kind::String: return a.as_string() == b.as_string();
    case Value::Kind::List:
    case Value::Kind::Tuple: {
        const List& x = a.as_list();
        const List& y = b.as_list();
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (!equal(x[i], y[i])) return false;
        return true;
    }
    case Value::Kind::Dict: {
        const Dict& x = a.as_dict();
        const Dict& y = b.as_dict();
        if (x.items.size() != y.items.size()) return false;
        for (const auto& [k, v] : x.items) {
            const Value* w = y.find(k);
            if (!w || !equal(v, *w)) return false;
        }
        return true;
    }
    default: return a.repr() == b.repr();  // namespaces and functions
    }
}

}  // namespace awq::jinja
