// SPDX-License-Identifier: MIT
#pragma once
// Tokens -> the statement tree (jinja2's grammar and operator precedence). Throws SyntaxError naming the
// construct and the line.
#include "jinja/ast.hpp"

#include <string>

namespace awq::jinja {

struct Program {
    Body body;
};

Program parse(const std::string& source);

}  // namespace awq::jinja
