// SPDX-License-Identifier: MIT
#pragma once
// The values a Jinja template works with, modelled on the Python objects jinja2 sees: None, bool, int,
// float, str (UTF-8), list/tuple, dict (insertion-ordered, string keys), namespace, callables and Undefined.
// Lists and dicts are shared (reference semantics, as in Python).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace awq::jinja {

class Value;
using List = std::vector<Value>;

struct Dict {
    std::vector<std::pair<std::string, Value>> items;
    const Value* find(const std::string& key) const;
    void set(const std::string& key, Value v);
};

struct CallArgs;
struct Function {
    std::string name;
    std::function<Value(CallArgs&)> call;
};

class Value {
public:
    enum class Kind { Undefined, None, Bool, Int, Float, String, List, Tuple, Dict, Namespace, Function };

    Value() = default;  // Undefined
    static Value undefined(std::string hint = {});
    static Value none();
    static Value boolean(bool b);
    static Value integer(int64_t i);
    static Value number(double d);
    static Value string(std::string s);
    static Value list(List items = {});
    static Value tuple(List items);
    static Value dict(Dict d = {});
    static Value namespace_(Dict d = {});
    static Value function(std::string name, std::function<Value(CallArgs&)> call);
    // JSON text -> Value (objects keep their key order); throws awq::FormatError naming `what` on bad JSON.
    static Value from_json(const std::string& text, const std::string& what = "JSON");

    Kind kind() const { return kind_; }
    bool is_undefined() const { return kind_ == Kind::Undefined; }
    bool is_none() const { return kind_ == Kind::None; }
    bool is_bool() const { return kind_ == Kind::Bool; }
    bool is_int() const { return kind_ == Kind::Int; }
    bool is_float() const { return kind_ == Kind::Float; }
    bool is_number() const { return kind_ == Kind::Int || kind_ == Kind::Float || kind_ == Kind::Bool; }
    bool is_string() const { return kind_ == Kind::String; }
    bool is_list() const { return kind_ == Kind::List || kind_ == Kind::Tuple; }
    bool is_dict() const { return kind_ == Kind::Dict; }
    bool is_namespace() const { return kind_ == Kind::Namespace; }
    bool is_function() const { return kind_ == Kind::Function; }

    bool as_bool() const { return b_; }
    int64_t as_int() const { return i_; }
    double as_double() const;  // int, bool or float
    const std::string& as_string() const { return s_; }  // also the Undefined's hint
    List& as_list() const { return *list_; }
    Dict& as_dict() const { return *dict_; }  // dict or namespace
    const Function& as_function() const { return *fn_; }

    bool truthy() const;               // Python truthiness (Undefined is false)
    std::string str() const;           // Python str() (Undefined -> "")
    std::string repr() const;          // Python repr()
    std::string type_name() const;     // Python type name: "str", "dict", "NoneType", ...

private:
    Kind kind_ = Kind::Undefined;
    bool b_ = false;
    int64_t i_ = 0;
    double d_ = 0;
    std::string s_;
    std::shared_ptr<List> list_;
    std::shared_ptr<Dict> dict_;
    std::shared_ptr<Function> fn_;
};

struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keyword;
    // Argument `index` or keyword `name`, else `fallback`.
    Value get(size_t index, const std::string& name, Value fallback = {}) const;
};

// Dict keys are strings; other hashable keys (int, float, bool, None) are stored under an encoded string
// that starts with '\x01', and come back as the original value.
std::string dict_key(const Value& key);  // throws RenderError for unhashable keys (list, dict)
Value key_value(const std::string& key);

// Python == between two values (1 == 1.0 == True; lists and dicts compared element-wise).
bool equal(const Value& a, const Value& b);

}  // namespace awq::jinja
