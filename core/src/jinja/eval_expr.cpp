// SPDX-License-Identifier: MIT
// Expression evaluation with Python semantics (see ast.hpp).
#include "jinja/ast.hpp"
#include "jinja/context.hpp"

#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "jinja/pystr.hpp"

namespace awq::jinja {

namespace {

[[noreturn]] void operand_error(const char* op, const Value& a, const Value& b) {
    fail(std::string("unsupported operand type(s) for ") + op + ": '" + a.type_name() + "' and '" + b.type_name() + "'");
}

void require_defined(const Value& v) {
    if (v.is_undefined()) fail(v.as_string().empty() ? "undefined value used in an operation" : v.as_string());
}

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

Value repeat(const Value& seq, int64_t n) {
    if (n < 0) n = 0;
    if (seq.is_string()) {
        if (!seq.as_string().empty() && size_t(n) > (size_t(64) << 20) / seq.as_string().size())
            fail("string repetition result is too large");
        std::string out;
        for (int64_t i = 0; i < n; ++i) out += seq.as_string();
        return Value::string(std::move(out));
    }
    if (!seq.as_list().empty() && size_t(n) > 1000000 / seq.as_list().size()) fail("list repetition result is too large");
    List out;
    for (int64_t i = 0; i < n; ++i) out.insert(out.end(), seq.as_list().begin(), seq.as_list().end());
    return seq.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

// Python's printf-style `str % args` (%s %r %d %i %f %x %%, with flags, width and precision).
Value percent_format(const std::string& fmt, const Value& args) {
    const List items = args.kind() == Value::Kind::Tuple ? args.as_list() : List{args};
    size_t next = 0;
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') { out += fmt[i]; continue; }
        size_t j = i + 1;
        std::string flags;
        while (j < fmt.size() && std::strchr("-+ 0#", fmt[j])) flags += fmt[j++];
        int width = 0, precision = -1;
        while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j])) && width < 10000) width = width * 10 + (fmt[j++] - '0');
        if (j < fmt.size() && fmt[j] == '.') {
            precision = 0;
            ++j;
            while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j])) && precision < 100) precision = precision * 10 + (fmt[j++] - '0');
        }
        if (j >= fmt.size()) fail("incomplete format");
        const char conv = fmt[j];
        i = j;
        if (conv == '%') { out += '%'; continue; }
        if (next >= items.size()) fail("not enough arguments for format string");
        const Value& v = items[next++];
        std::string piece;
        if (conv == 's') piece = v.str();
        else if (conv == 'r') piece = v.repr();
        else if (conv == 'd' || conv == 'i' || conv == 'x' || conv == 'f') {
            if (!v.is_number()) fail(std::string("%") + conv + " format: a real number is required, not " + v.type_name());
            char buf[512];
            const std::string spec = flags.find('+') != std::string::npos ? std::string("%+") : std::string("%");
            if (conv == 'f') std::snprintf(buf, sizeof buf, (spec + ".*f").c_str(), precision < 0 ? 6 : precision, v.as_double());
            else std::snprintf(buf, sizeof buf, (spec + (conv == 'x' ? "llx" : "lld")).c_str(),
                               (long long)(v.is_float() ? std::trunc(v.as_double()) : double(v.as_int())));
            piece = buf;
        } else {
            fail(std::string("unsupported format character '") + conv + "'");
        }
        if (precision >= 0 && (conv == 's' || conv == 'r') && py::length(piece) > size_t(precision))
            piece = py::encode(py::decode(piece).substr(0, size_t(precision)));
        const size_t len = py::length(piece);
        if (size_t(width) > len) {
            const std::string pad(size_t(width) - len, flags.find('0') != std::string::npos && conv != 's' && conv != 'r' &&
                                                              flags.find('-') == std::string::npos ? '0' : ' ');
            if (flags.find('-') != std::string::npos) piece += pad;
            else if (pad[0] == '0' && !piece.empty() && (piece[0] == '-' || piece[0] == '+')) piece = piece.substr(0, 1) + pad + piece.substr(1);
            else piece = pad + piece;
        }
        out += piece;
    }
    if (next < items.size() && args.kind() == Value::Kind::Tuple) fail("not all arguments converted during string formatting");
    return Value::string(std::move(out));
}

Value arithmetic(const std::string& op, const Value& a, const Value& b) {
    require_defined(a);
    require_defined(b);
    const bool nums = a.is_number() && b.is_number();
    const bool ints = nums && !a.is_float() && !b.is_float();
    int64_t r = 0;
    auto checked = [&r](bool overflow) {
        if (overflow) fail("integer overflow (beyond 64 bits)");
        return Value::integer(r);
    };
    if (op == "+") {
        if (ints) return checked(__builtin_add_overflow(a.as_int(), b.as_int(), &r));
        if (nums) return Value::number(a.as_double() + b.as_double());
        if (a.is_string() && b.is_string()) return Value::string(a.as_string() + b.as_string());
        if (a.is_list() && b.is_list() && a.kind() == b.kind()) {
            List r = a.as_list();
            r.insert(r.end(), b.as_list().begin(), b.as_list().end());
            return a.kind() == Value::Kind::Tuple ? Value::tuple(std::move(r)) : Value::list(std::move(r));
        }
        if (a.is_string()) fail("can only concatenate str (not \"" + b.type_name() + "\") to str");
        operand_error("+", a, b);
    }
    if (op == "-") {
        if (ints) return checked(__builtin_sub_overflow(a.as_int(), b.as_int(), &r));
        if (nums) return Value::number(a.as_double() - b.as_double());
        operand_error("-", a, b);
    }
    if (op == "*") {
        if (ints) return checked(__builtin_mul_overflow(a.as_int(), b.as_int(), &r));
        if (nums) return Value::number(a.as_double() * b.as_double());
        if ((a.is_string() || a.is_list()) && (b.is_int() || b.is_bool())) return repeat(a, b.as_int());
        if ((b.is_string() || b.is_list()) && (a.is_int() || a.is_bool())) return repeat(b, a.as_int());
        operand_error("*", a, b);
    }
    if (op == "%" && a.is_string()) return percent_format(a.as_string(), b);
    if (!nums) operand_error(op.c_str(), a, b);
    if (op == "/") {
        if (b.as_double() == 0) fail("division by zero");
        return Value::number(a.as_double() / b.as_double());
    }
    if (op == "//") {
        if (b.as_double() == 0) fail("integer division or modulo by zero");
        if (ints && a.as_int() == INT64_MIN && b.as_int() == -1) fail("integer overflow (beyond 64 bits)");
        if (ints) return Value::integer(floor_div(a.as_int(), b.as_int()));
        return Value::number(std::floor(a.as_double() / b.as_double()));
    }
    if (op == "%") {
        if (b.as_double() == 0) fail("integer division or modulo by zero");
        if (ints && b.as_int() == -1) return Value::integer(0);
        if (ints) return Value::integer(a.as_int() - floor_div(a.as_int(), b.as_int()) * b.as_int());
        double r = std::fmod(a.as_double(), b.as_double());
        if (r != 0 && ((r < 0) != (b.as_double() < 0))) r += b.as_double();
        return Value::number(r);
    }
    if (op == "**") {
        if (ints && b.as_int() >= 0) {
            const int64_t base = a.as_int(), e = b.as_int();
            if (base == 0) return Value::integer(e == 0 ? 1 : 0);
            if (base == 1 || base == -1) return Value::integer(base == -1 && e % 2 ? -1 : 1);
            int64_t p = 1;  // |base| >= 2 overflows within 63 steps
            for (int64_t i = 0; i < e; ++i)
                if (__builtin_mul_overflow(p, base, &p)) fail("integer overflow (beyond 64 bits)");
            return Value::integer(p);
        }
        return Value::number(std::pow(a.as_double(), b.as_double()));
    }
    fail("unknown operator '" + op + "'");
}

}  // namespace

Value Expr::evaluate(Context& ctx) const {
    return at_line(ctx, line, [&] { return eval(ctx); });
}

CallArgs Arguments::evaluate(Context& ctx) const {
    CallArgs a;
    for (const auto& p : positional) a.positional.push_back(p->evaluate(ctx));
    for (const auto& [k, e] : keyword) a.keyword.emplace_back(k, e->evaluate(ctx));
    return a;
}

Value NameRef::eval(Context& ctx) const { return ctx.lookup(name); }

Value ListExpr::eval(Context& ctx) const {
    List out;
    for (const auto& e : items) out.push_back(e->evaluate(ctx));
    return tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

Value DictExpr::eval(Context& ctx) const {
    Dict d;
    for (const auto& [k, v] : items) {
        const Value key = k->evaluate(ctx);
        d.set(dict_key(key), v->evaluate(ctx));
    }
    return Value::dict(std::move(d));
}

Value GetAttr::eval(Context& ctx) const { return get_attr(object->evaluate(ctx), name); }

Value GetItem::eval(Context& ctx) const {
    const Value obj = object->evaluate(ctx);
    return get_item(obj, index->evaluate(ctx));
}

Value SliceExpr::eval(Context& ctx) const {
    const Value obj = object->evaluate(ctx);
    auto part = [&](const ExprPtr& e) { return e ? e->evaluate(ctx) : Value::none(); };
    const Value a = part(start), b = part(stop), c = part(step);
    return slice(obj, a, b, c);
}

Value CallExpr::eval(Context& ctx) const {
    const Value f = callee->evaluate(ctx);
    CallArgs a = args.evaluate(ctx);
    return call_value(ctx, f, a);
}

Value FilterExpr::eval(Context& ctx) const { return apply(ctx, input->evaluate(ctx)); }

Value FilterExpr::apply(Context& ctx, Value input_value) const {
    CallArgs a = args.evaluate(ctx);
    return apply_filter(ctx, name, input_value, a);
}

Value TestExpr::eval(Context& ctx) const {
    const Value v = operand->evaluate(ctx);
    CallArgs a = args.evaluate(ctx);
    return Value::boolean(apply_test(ctx, name, v, a) != negated);
}

Value UnaryExpr::eval(Context& ctx) const {
    const Value v = operand->evaluate(ctx);
    if (op == "not") return Value::boolean(!v.truthy());
    require_defined(v);
    if (!v.is_number()) fail("bad operand type for unary " + op + ": '" + v.type_name() + "'");
    if (op == "-" && v.is_int() && v.as_int() == INT64_MIN) fail("integer overflow (beyond 64 bits)");
    if (op == "-") return v.is_float() ? Value::number(-v.as_double()) : Value::integer(-v.as_int());
    return v.is_float() ? v : Value::integer(v.as_int());
}

Value BinaryExpr::eval(Context& ctx) const {
    const Value a = left->evaluate(ctx);
    if (op == "and") return a.truthy() ? right->evaluate(ctx) : a;
    if (op == "or") return a.truthy() ? a : right->evaluate(ctx);
    const Value b = right->evaluate(ctx);
    if (op == "~") {
        const std::string s = a.str() + b.str();
        if (s.size() > ctx.options.max_output_bytes) fail("string concatenation result is too large");
        return Value::string(s);
    }
    return arithmetic(op, a, b);
}

Value CompareExpr::eval(Context& ctx) const {
    Value left = first->evaluate(ctx);
    for (const auto& [op, e] : rest) {
        Value right = e->evaluate(ctx);
        bool ok;
        if (op == "==") ok = equal(left, right);
        else if (op == "!=") ok = !equal(left, right);
        else if (op == "in") ok = contains(right, left);
        else if (op == "not in") ok = !contains(right, left);
        else {
            const int c = compare(left, right, op.c_str());
            ok = op == "<" ? c < 0 : op == ">" ? c > 0 : op == "<=" ? c <= 0 : c >= 0;
        }
        if (!ok) return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

Value CondExpr::eval(Context& ctx) const {
    if (cond->evaluate(ctx).truthy()) return then->evaluate(ctx);
    return otherwise ? otherwise->evaluate(ctx) : Value::undefined("the inline if-expression had no else branch");
}

}  // namespace awq::jinja
