// SPDX-License-Identifier: MIT
// Globals (see globals.hpp).
#include "jinja/globals.hpp"

#include "jinja/context.hpp"

#include <ctime>

namespace awq::jinja {

namespace {

std::string strftime_local(const std::string& format) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[512];
    const size_t n = std::strftime(buf, sizeof buf, format.c_str(), &tm);
    return std::string(buf, n);
}

Dict keyword_dict(const CallArgs& a) {
    Dict d;
    for (const Value& p : a.positional) {
        if (!p.is_dict()) fail("dict()/namespace() takes a mapping as its positional argument");
        for (const auto& [k, v] : p.as_dict().items) d.set(k, v);
    }
    for (const auto& [k, v] : a.keyword) d.set(k, v);
    return d;
}

}  // namespace

Dict make_globals(const RenderOptions& options) {
    Dict g;
    g.set("raise_exception", Value::function("raise_exception", [](CallArgs& a) -> Value {
              throw RaisedError(a.get(0, "message").str(), 0);
          }));
    auto clock = options.strftime_now;
    g.set("strftime_now", Value::function("strftime_now", [clock](CallArgs& a) -> Value {
              const Value f = a.get(0, "format");
              if (!f.is_string()) fail("strftime_now() takes a format string");
              return Value::string(clock ? clock(f.as_string()) : strftime_local(f.as_string()));
          }));
    g.set("namespace", Value::function("namespace", [](CallArgs& a) -> Value {
              Dict d = keyword_dict(a);
              for (const auto& [k, v] : d.items)
                  if (!k.empty() && k[0] == '_')
                      fail("Chat templates cannot store underscore-prefixed attributes on a namespace, but got '" +
                           k + "'");
              return Value::namespace_(std::move(d));
          }));
    g.set("dict", Value::function("dict", [](CallArgs& a) -> Value { return Value::dict(keyword_dict(a)); }));
    g.set("range", Value::function("range", [](CallArgs& a) -> Value {
              for (const Value& v : a.positional)
                  if (!v.is_int() && !v.is_bool()) fail("range() takes integers, got '" + v.type_name() + "'");
              int64_t start = 0, stop = 0, step = 1;
              if (a.positional.size() == 1) stop = a.positional[0].as_int();
              else if (a.positional.size() >= 2) {
                  start = a.positional[0].as_int();
                  stop = a.positional[1].as_int();
                  if (a.positional.size() >= 3) step = a.positional[2].as_int();
              } else {
                  fail("range() takes 1 to 3 arguments");
              }
              if (step == 0) fail("range() arg 3 must not be zero");
              List out;
              for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
                  if (out.size() >= 100000) fail("range() is too large (the sandbox allows 100000 items)");
                  out.push_back(Value::integer(i));
              }
              return Value::list(std::move(out));
          }));
    return g;
}

}  // namespace awq::jinja
