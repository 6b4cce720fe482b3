// SPDX-License-Identifier: MIT
#pragma once
// A Jinja template engine for chat templates: the semantics of Python jinja2 as Hugging Face transformers
// configures it (ImmutableSandboxedEnvironment with trim_blocks and lstrip_blocks, loop controls, the
// {% generation %} tag, the globals raise_exception / strftime_now / namespace / dict and transformers'
// tojson filter). Errors name the construct and the template line.
#include <awq/error.hpp>
#include <awq/jinja/value.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace awq::jinja {

// The template text is not valid Jinja (or uses a construct we do not implement).
// what() is "<message> (template line N)"; message() is the bare message.
class SyntaxError : public FormatError {
public:
    SyntaxError(const std::string& message, int line);
    int line() const { return line_; }
    const std::string& message() const { return message_; }

private:
    std::string message_;
    int line_;
};

// Rendering failed: an undefined value was used, a type error, a sandbox violation, a limit was hit.
class RenderError : public Error {
public:
    RenderError(const std::string& message, int line);
    int line() const { return line_; }
    const std::string& message() const { return message_; }

private:
    std::string message_;
    int line_;
};

// The template called raise_exception(message); what() is the template's message.
class RaisedError : public RenderError {
public:
    using RenderError::RenderError;
};

struct RenderOptions {
    // strftime_now(format): the default formats the local time now; tests pin it.
    std::function<std::string(const std::string& format)> strftime_now;
    size_t max_output_bytes = size_t(64) << 20;  // a template cannot eat memory...
    size_t max_steps = 50'000'000;               // ...or loop forever (statements + expressions evaluated)
    int max_depth = 256;                         // macro / recursive-loop / nesting depth
};

struct Program;  // the parsed template (core/src/jinja)

class Template {
public:
    // Parses `source` (throws SyntaxError); `name` is used in messages.
    explicit Template(const std::string& source, std::string name = "template");
    // Renders with the variables of `context` (a dict); throws RenderError / RaisedError.
    std::string render(const Value& context, const RenderOptions& options = {}) const;
    const std::string& name() const { return name_; }

private:
    std::string name_;
    std::shared_ptr<const Program> program_;
};

}  // namespace awq::jinja
