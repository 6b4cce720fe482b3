// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Step 6: the same conversation sent to the original (FP16/BF16) model and the AWQ model side by side, with
// one prompt box, Stop, and shared generation settings (same seed on both sides for a fair comparison).
// Either pane can also load any model folder (FP or AWQ checkpoint) and be used on its own. Device
// (Auto / CPU / GPU, remembered) picks where both panes run their models; each pane names its device.
#include "app_settings.hpp"
#include "app_state.hpp"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace awq::gui {

class ChatPane;
class TokenCompareView;

class ChatPage : public QWidget {
    Q_OBJECT
public:
    ChatPage(AppState& state, AppSettings& settings, QWidget* parent = nullptr);
    ChatPane* originalPane() const { return left_; }
    ChatPane* quantizedPane() const { return right_; }
    TokenCompareView* compareView() const { return compare_; }
    GenerationOptions options() const;
    void setOptions(const GenerationOptions& o);
    void send(const QString& text);

signals:
    void allRepliesFinished();

private:
    void onReplyFinished();
    void loadInto(ChatPane* pane);
    AppState& state_;
    AppSettings& settings_;
    ChatPane* left_ = nullptr;
    ChatPane* right_ = nullptr;
    QLineEdit* prompt_ = nullptr;
    QPushButton* send_ = nullptr;
    QPushButton* stop_ = nullptr;
    QDoubleSpinBox* temperature_ = nullptr;
    QDoubleSpinBox* top_p_ = nullptr;
    QSpinBox* max_tokens_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QComboBox* device_ = nullptr;
    QCheckBox* compare_toggle_ = nullptr;
    TokenCompareView* compare_ = nullptr;  // shown while compare_toggle_ is ticked
};

}  // namespace awq::gui
