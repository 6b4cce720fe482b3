// SPDX-License-Identifier: MIT
#pragma once
// The globals transformers gives chat templates: raise_exception, strftime_now, namespace, dict, plus
// jinja2's range.
#include <awq/jinja/template.hpp>

namespace awq::jinja {

Dict make_globals(const RenderOptions& options);

}  // namespace awq::jinja
