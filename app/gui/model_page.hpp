// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Step 1: choose a model. The bundled model, recent ones and the Hugging Face cache are listed; "Open
// folder…" adds any folder. Loading runs on a pool thread; a folder the core refuses shows the core's message
// inline and is not chosen (the previous model stays).
#include "app_settings.hpp"
#include "app_state.hpp"

#include <awq/model/model_summary.hpp>

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QListWidget;
class QFormLayout;

namespace awq::gui {

struct ModelLoad {
    std::shared_ptr<const Model> model;
    ModelSummary summary;
    QString error;
};

class ModelPage : public QWidget {
    Q_OBJECT
public:
    ModelPage(AppState& state, AppSettings& settings, QWidget* parent = nullptr);
    void openFolder(const QString& folder);  // asynchronous: loaded() or loadFailed()
    void refreshList();
    QString errorText() const;
    bool isLoading() const;

signals:
    void loaded(const QString& folder);
    void loadFailed(const QString& message);

private:
    void browse();
    void onLoadDone();
    void showSummary(const ModelSummary& s, const Model& m);

    AppState& state_;
    AppSettings& settings_;
    QListWidget* list_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* status_ = nullptr;
    QFormLayout* form_ = nullptr;
    QFutureWatcher<ModelLoad> watcher_;
    QString loading_;
};

}  // namespace awq::gui
