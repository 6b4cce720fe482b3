// SPDX-License-Identifier: MIT
// The public entry points: parse once, render with a fresh Context each time.
#include <awq/jinja/template.hpp>

#include "jinja/context.hpp"
#include "jinja/parser.hpp"

namespace awq::jinja {

namespace {
std::string with_line(const std::string& message, int line) {
    return line > 0 ? message + " (template line " + std::to_string(line) + ")" : message;
}
}  // namespace

SyntaxError::SyntaxError(const std::string& message, int line)
    : FormatError(with_line(message, line)), message_(message), line_(line) {}

RenderError::RenderError(const std::string& message, int line)
    : Error(with_line(message, line)), message_(message), line_(line) {}

Template::Template(const std::string& source, std::string name)
    : name_(std::move(name)), program_(std::make_shared<const Program>(parse(source))) {}

std::string Template::render(const Value& context, const RenderOptions& options) const {
    if (!context.is_dict() && !context.is_undefined()) throw RenderError("the render context must be a dict", 0);
    Context ctx(context, options);
    std::string out;
    ctx.out = &out;
    execute_body(program_->body, ctx);
    return out;
}

}  // namespace awq::jinja
