// SPDX-License-Identifier: MIT
// Linear's out-of-line destructor: its key function, so the compiler emits Linear's vtable and type info in
// this one object file instead of in every file that includes linear.hpp.
#include <awq/model/linear.hpp>

namespace awq {

Linear::~Linear() = default;

}  // namespace awq
