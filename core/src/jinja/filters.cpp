// SPDX-License-Identifier: MIT
// jinja2's builtin filters as chat templates use them, plus transformers' tojson.
#include "jinja/context.hpp"
#include "jinja/pystr.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <climits>
#include <map>
#include <optional>

namespace awq::jinja {

namespace {

using Filter = std::function<Value(Context&, const Value&, CallArgs&)>;

Value attribute_of(const Value& item, const Value& attribute) {
    if (attribute.is_undefined() || attribute.is_none()) return item;
    if (attribute.is_int()) return get_item(item, attribute);
    Value v = item;  // "a.b" walks nested attributes; a numeric part indexes
    static const std::string dot = ".";
    for (const std::string& part : py::split(attribute.str(), &dot, -1)) {
        const bool numeric = !part.empty() && part.size() < 18 && part.find_first_not_of("0123456789") == std::string::npos;
        v = get_item(v, numeric ? Value::integer(std::stoll(part)) : Value::string(part));
    }
    return v;
}

// Filters and tests read the remaining arguments after the ones they name.
CallArgs rest_args(const CallArgs& a, size_t from) {
    CallArgs r;
    for (size_t i = from; i < a.positional.size(); ++i) r.positional.push_back(a.positional[i]);
    r.keyword = a.keyword;
    return r;
}

Value sort_key(const Value& v, bool case_sensitive) {
    if (!case_sensitive && v.is_string()) return Value::string(py::lower(v.as_string()));
    return v;
}

void sort_values(List& items, std::function<Value(const Value&)> key, bool reverse) {
    std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
        return reverse ? compare(key(b), key(a), "<") < 0 : compare(key(a), key(b), "<") < 0;
    });
}

std::string jinja_title(const std::string& s) {
    // jinja2 splits before runs of "-", whitespace, and opening brackets, then capitalizes each piece.
    std::string out, piece;
    auto flush = [&] {
        if (!piece.empty()) out += py::upper(piece.substr(0, 1)) + py::lower(piece.substr(1));
        piece.clear();
    };
    for (char32_t c : py::decode(s)) {
        if (c == '-' || py::is_space(c) || c == '(' || c == '{' || c == '[' || c == '<') {
            flush();
            out += py::encode(c);
        } else {
            piece += py::encode(c);
        }
    }
    flush();
    return out;
}

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&#34;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::optional<int64_t> parse_int(const std::string& text, int base) {
    std::string t = py::strip(text, nullptr, true, true);
    t.erase(std::remove(t.begin(), t.end(), '_'), t.end());
    if (t.empty()) return std::nullopt;
    try {
        size_t used = 0;
        const int64_t v = std::stoll(t, &used, base);
        if (used == t.size()) return v;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::optional<double> parse_float(const std::string& text) {
    const std::string t = py::strip(text, nullptr, true, true);
    if (t.empty()) return std::nullopt;
    try {
        size_t used = 0;
        const double v = std::stod(t, &used);
        if (used == t.size()) return v;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

const std::map<std::string, Filter>& filters() {
    static const std::map<std::string, Filter> table = [] {
        std::map<std::string, Filter> f;
        f["trim"] = [](Context&, const Value& v, CallArgs& a) {
            const Value chars = a.get(0, "chars");
            const std::string c = chars.is_string() ? chars.as_string() : std::string();
            return Value::string(py::strip(v.str(), chars.is_string() ? &c : nullptr, true, true));
        };
        f["length"] = [](Context&, const Value& v, CallArgs&) { return Value::integer(length(v)); };
        f["count"] = f["length"];
        f["default"] = [](Context&, const Value& v, CallArgs& a) {
            const bool boolean = a.get(1, "boolean").truthy();
            if (v.is_undefined() || (boolean && !v.truthy())) return a.get(0, "default_value", Value::string(""));
            return v;
        };
        f["d"] = f["default"];
        f["join"] = [](Context&, const Value& v, CallArgs& a) {
            const Value sep = a.get(0, "d", Value::string(""));
            const Value attr = a.get(1, "attribute");
            std::string out;
            bool first = true;
            for (const Value& item : iterate(v)) {
                out += (first ? "" : sep.str()) + attribute_of(item, attr).str();
                first = false;
            }
            return Value::string(out);
        };
        f["map"] = [](Context& ctx, const Value& v, CallArgs& a) {
            List out;
            if (!v.truthy()) return Value::list(std::move(out));  // jinja2 iterates only a truthy sequence
            const Value attr = a.get(size_t(-1), "attribute");
            if (!attr.is_undefined()) {
                const Value dflt = a.get(size_t(-1), "default");
                for (const Value& item : iterate(v)) {
                    Value x = attribute_of(item, attr);
                    out.push_back(x.is_undefined() && !dflt.is_undefined() ? dflt : x);
                }
                return Value::list(std::move(out));
            }
            if (a.positional.empty()) fail("map requires a filter argument");
            CallArgs rest = rest_args(a, 1);
            for (const Value& item : iterate(v)) {
                CallArgs r = rest;
                out.push_back(apply_filter(ctx, a.positional[0].str(), item, r));
            }
            return Value::list(std::move(out));
        };
        auto select = [](bool keep, bool by_attr) {
            return [keep, by_attr](Context& ctx, const Value& v, CallArgs& a) {
                List out;
                const size_t test_at = by_attr ? 1 : 0;
                if (!v.truthy()) return Value::list(std::move(out));  // jinja2 iterates only a truthy sequence
                for (const Value& item : iterate(v)) {
                    const Value x = by_attr ? attribute_of(item, a.get(0, "attribute")) : item;
                    bool ok;
                    if (a.positional.size() <= test_at) {
                        ok = x.truthy();
                    } else {
                        CallArgs r = rest_args(a, test_at + 1);
                        ok = apply_test(ctx, a.positional[test_at].str(), x, r);
                    }
                    if (ok == keep) out.push_back(item);
                }
                return Value::list(std::move(out));
            };
        };
        f["select"] = select(true, false);
        f["reject"] = select(false, false);
        f["selectattr"] = select(true, true);
        f["rejectattr"] = select(false, true);
        f["items"] = [](Context&, const Value& v, CallArgs&) {
            if (v.is_undefined()) return Value::list();
            if (!v.is_dict()) fail("Can only get item pairs from a mapping.");
            List out;
            for (const auto& [k, x] : v.as_dict().items) out.push_back(Value::tuple({key_value(k), x}));
            return Value::list(std::move(out));
        };
        f["list"] = [](Context&, const Value& v, CallArgs&) { return Value::list(iterate(v)); };
        f["first"] = [](Context&, const Value& v, CallArgs&) {
            const List items = iterate(v);
            return items.empty() ? Value::undefined("No first item, sequence was empty.") : items.front();
        };
        f["last"] = [](Context&, const Value& v, CallArgs&) {
            const List items = iterate(v);
            return items.empty() ? Value::undefined("No last item, sequence was empty.") : items.back();
        };
        f["reverse"] = [](Context&, const Value& v, CallArgs&) {
            if (v.is_string()) {
                std::u32string u = py::decode(v.as_string());
                std::reverse(u.begin(), u.end());
                return Value::string(py::encode(u));
            }
            List items = iterate(v);
            std::reverse(items.begin(), items.end());
            return Value::list(std::move(items));
        };
        f["sort"] = [](Context&, const Value& v, CallArgs& a) {
            List items = iterate(v);
            const bool cs = a.get(1, "case_sensitive").truthy();
            const Value attr = a.get(2, "attribute");
            sort_values(items, [&](const Value& x) { return sort_key(attribute_of(x, attr), cs); },
                        a.get(0, "reverse").truthy());
            return Value::list(std::move(items));
        };
        f["unique"] = [](Context&, const Value& v, CallArgs& a) {
            const bool cs = a.get(0, "case_sensitive").truthy();
            const Value attr = a.get(1, "attribute");
            List out, seen;
            for (const Value& item : iterate(v)) {
                const Value key = sort_key(attribute_of(item, attr), cs);
                if (std::none_of(seen.begin(), seen.end(), [&](const Value& s) { return equal(s, key); })) {
                    seen.push_back(key);
                    out.push_back(item);
                }
            }
            return Value::list(std::move(out));
        };
        f["upper"] = [](Context&, const Value& v, CallArgs&) { return Value::string(py::upper(v.str())); };
        f["lower"] = [](Context&, const Value& v, CallArgs&) { return Value::string(py::lower(v.str())); };
        f["title"] = [](Context&, const Value& v, CallArgs&) { return Value::string(jinja_title(v.str())); };
        f["capitalize"] = [](Context&, const Value& v, CallArgs&) { return Value::string(py::capitalize(v.str())); };
        f["replace"] = [](Context&, const Value& v, CallArgs& a) {
            const Value count = a.get(2, "count");
            return Value::string(py::replace(v.str(), a.get(0, "old").str(), a.get(1, "new").str(),
                                             count.is_int() ? count.as_int() : -1));
        };
        f["string"] = [](Context&, const Value& v, CallArgs&) { return v.is_string() ? v : Value::string(v.str()); };
        f["int"] = [](Context&, const Value& v, CallArgs& a) {
            const Value dflt = a.get(0, "default", Value::integer(0));
            const Value base = a.get(1, "base", Value::integer(10));
            if (v.is_int() || v.is_bool()) return Value::integer(v.as_int());
            if (v.is_float()) return std::fabs(v.as_double()) < 9.2e18 ? Value::integer(int64_t(v.as_double())) : dflt;
            if (v.is_string()) {
                if (auto i = parse_int(v.as_string(), int(base.is_int() ? base.as_int() : 10))) return Value::integer(*i);
                if (auto d = parse_float(v.as_string()); d && std::isfinite(*d) && std::fabs(*d) < 9.2e18)
                    return Value::integer(int64_t(*d));
            }
            return dflt;
        };
        f["float"] = [](Context&, const Value& v, CallArgs& a) {
            const Value dflt = a.get(0, "default", Value::number(0.0));
            if (v.is_number()) return Value::number(v.as_double());
            if (v.is_string())
                if (auto d = parse_float(v.as_string())) return Value::number(*d);
            return dflt;
        };
        f["abs"] = [](Context&, const Value& v, CallArgs&) {
            if (v.is_float()) return Value::number(std::fabs(v.as_double()));
            if (v.is_int() || v.is_bool()) {
                if (v.as_int() == INT64_MIN) fail("integer overflow (beyond 64 bits)");
                return Value::integer(v.as_int() < 0 ? -v.as_int() : v.as_int());
            }
            fail("bad operand type for abs(): '" + v.type_name() + "'");
        };
        f["round"] = [](Context&, const Value& v, CallArgs& a) {
            const int64_t precision = a.get(0, "precision", Value::integer(0)).as_int();
            const std::string method = a.get(1, "method", Value::string("common")).str();
            if (!v.is_number()) fail("round() needs a number, got '" + v.type_name() + "'");
            if (!v.is_float() && method == "common") return Value::integer(v.as_int());
            const double scale = std::pow(10.0, double(precision));
            const double x = v.as_double() * scale;
            double r = method == "ceil" ? std::ceil(x) : method == "floor" ? std::floor(x) : std::nearbyint(x);
            return Value::number(r / scale);
        };
        f["safe"] = [](Context&, const Value& v, CallArgs&) { return v; };
        f["escape"] = [](Context&, const Value& v, CallArgs&) { return Value::string(html_escape(v.str())); };
        f["e"] = f["escape"];
        f["tojson"] = [](Context&, const Value& v, CallArgs& a) {
            return Value::string(to_json(v, a.get(1, "indent"), a.get(2, "separators"), a.get(3, "sort_keys").truthy(),
                                         a.get(0, "ensure_ascii").truthy()));
        };
        f["indent"] = [](Context&, const Value& v, CallArgs& a) {
            const Value width = a.get(0, "width", Value::integer(4));
            const std::string pad = width.is_string() ? width.as_string() : std::string(size_t(std::max<int64_t>(0, std::min<int64_t>(width.as_int(), 1000))), ' ');
            const bool first = a.get(1, "first").truthy();
            const bool blank = a.get(2, "blank").truthy();
            const std::vector<std::string> lines = py::splitlines(v.str() + "\n");
            std::string out;
            for (size_t i = 0; i < lines.size(); ++i) {
                if (i > 0) out += "\n";
                out += (i > 0 && (blank || !lines[i].empty()) ? pad : "") + lines[i];
            }
            return Value::string(first ? pad + out : out);
        };
        f["wordcount"] = [](Context&, const Value& v, CallArgs&) {
            int64_t n = 0;
            bool in_word = false;
            for (char32_t c : py::decode(v.str())) {
                const bool w = c == '_' || (c < 0x80 ? std::isalnum(int(c)) != 0 : !py::is_space(c));
                n += w && !in_word;
                in_word = w;
            }
            return Value::integer(n);
        };
        f["dictsort"] = [](Context&, const Value& v, CallArgs& a) {
            if (!v.is_dict()) fail("dictsort needs a mapping, got '" + v.type_name() + "'");
            const bool cs = a.get(0, "case_sensitive").truthy();
            const bool by_value = a.get(1, "by", Value::string("key")).str() == "value";
            List items;
            for (const auto& [k, x] : v.as_dict().items) items.push_back(Value::tuple({key_value(k), x}));
            sort_values(items, [&](const Value& t) { return sort_key(t.as_list()[by_value ? 1 : 0], cs); },
                        a.get(2, "reverse").truthy());
            return Value::list(std::move(items));
        };
        f["sum"] = [](Context&, const Value& v, CallArgs& a) {
            Value total = a.get(1, "start", Value::integer(0));
            const Value attr = a.get(0, "attribute");
            for (const Value& item : iterate(v)) {
                const Value x = attribute_of(item, attr);
                if (!x.is_number() || !total.is_number()) fail("sum needs numbers, got '" + x.type_name() + "'");
                total = total.is_float() || x.is_float() ? Value::number(total.as_double() + x.as_double())
                                                         : Value::integer(total.as_int() + x.as_int());
            }
            return total;
        };
        auto extreme = [](bool want_max) {
            return [want_max](Context&, const Value& v, CallArgs& a) {
                const bool cs = a.get(0, "case_sensitive").truthy();
                const Value attr = a.get(1, "attribute");
                const List items = iterate(v);
                if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.");
                Value best = items[0];
                for (const Value& x : items) {
                    const int c = compare(sort_key(attribute_of(x, attr), cs), sort_key(attribute_of(best, attr), cs), "<");
                    if (want_max ? c > 0 : c < 0) best = x;
                }
                return best;
            };
        };
        f["min"] = extreme(false);
        f["max"] = extreme(true);
        f["batch"] = [](Context&, const Value& v, CallArgs& a) {
            const int64_t n = a.get(0, "linecount").as_int();
            if (n <= 0) fail("batch size must be positive");
            const Value fill = a.get(1, "fill_with");
            List out, cur;
            for (const Value& x : iterate(v)) {
                cur.push_back(x);
                if (int64_t(cur.size()) == n) {
                    out.push_back(Value::list(std::move(cur)));
                    cur.clear();
                }
            }
            if (!cur.empty()) {
                if (!fill.is_undefined() && !fill.is_none())
                    while (int64_t(cur.size()) < n) cur.push_back(fill);
                out.push_back(Value::list(std::move(cur)));
            }
            return Value::list(std::move(out));
        };
        return f;
    }();
    return table;
}

}  // namespace

Value apply_filter(Context& ctx, const std::string& name, const Value& input, CallArgs& args) {
    const auto& table = filters();
    auto it = table.find(name);
    if (it == table.end()) fail("No filter named '" + name + "'.");
    return it->second(ctx, input, args);
}

bool filter_exists(const std::string& name) { return filters().count(name) != 0; }

}  // namespace awq::jinja
