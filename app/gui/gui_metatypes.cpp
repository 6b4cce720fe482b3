// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui_metatypes.hpp"
#include "chat_worker.hpp"
#include "quantize_worker.hpp"

namespace awq::gui {

void register_gui_metatypes() {
    qRegisterMetaType<QuantizeProgress>();
    qRegisterMetaType<QuantizeOutcome>();
    qRegisterMetaType<ChatRequest>();
    qRegisterMetaType<ChatStats>();
}

}  // namespace awq::gui
