// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The value types the GUI's workers send across threads by queued signals (QuantizeProgress,
// QuantizeOutcome, ChatRequest, ChatStats) must be registered before the first such signal is queued.
// Every owner of a worker thread calls this before starting one (main() too); calling it again is harmless.
namespace awq::gui {

void register_gui_metatypes();

}  // namespace awq::gui
