// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GUI's wording of check_group_size (awq/quant/group_fit.hpp), shared by the Settings note and the
// Quantize log: "Group size 128 leaves 6 of 7 linears (75 % of the decoder's weights) unquantized: q_proj,
// k_proj, v_proj, o_proj, gate_proj, up_proj (576 not a multiple of 128)."
#include <awq/quant/group_fit.hpp>

#include <QString>

namespace awq::gui {

QString groupSizeProblem(const GroupSizeFit& fit);  // empty when the size fits

}  // namespace awq::gui
