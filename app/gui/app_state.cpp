// SPDX-License-Identifier: GPL-3.0-or-later
#include "app_state.hpp"

namespace awq::gui {

void AppState::setModel(std::shared_ptr<const Model> m) {
    model_ = std::move(m);
    emit modelChanged();
}

void AppState::setResult(std::shared_ptr<const QuantizationResult> r, std::shared_ptr<const Model> int4_model) {
    result_ = std::move(r);
    quantized_ = std::move(int4_model);
    emit resultChanged();
    if (result_) setReport(std::make_shared<Report>(result_->report));
}

void AppState::setReport(std::shared_ptr<const Report> r) {
    report_ = std::move(r);
    emit reportChanged();
}

}  // namespace awq::gui
