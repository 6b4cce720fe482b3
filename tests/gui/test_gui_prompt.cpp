// SPDX-License-Identifier: GPL-3.0-or-later
// The chat pane's "Show prompt": the read-only view shows exactly ChatTemplate::render of the pane's
// conversation (up to its last user turn, with the generation prompt) and the ids the model's tokenizer makes
// of it — the text and ids the model was fed (the bundled model's template and tokenizer are checked against
// transformers in test_bundled_model / test_cli_template).
#include "gui_test_util.hpp"

#include <chat_pane.hpp>
#include <prompt_dialog.hpp>
#include <gui_metatypes.hpp>

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;

class TestGuiPrompt : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;

    QPushButton* promptButton(ChatPane& pane) {
        for (auto* b : pane.findChildren<QPushButton*>())
            if (b->text() == ChatPane::tr("Show prompt")) return b;
        return nullptr;
    }

private slots:
    void initTestCase() {
        register_gui_metatypes();
        model_ = Model::load(bundled_model());
    }

    void showsTheRenderedPromptAndIds() {
        ChatPane pane(tr("Original"));
        QPushButton* button = promptButton(pane);
        QVERIFY(button);
        QVERIFY(!button->isEnabled());  // no model yet
        pane.setDevice(DeviceRequest::Cpu);
        pane.setModel(model_, "bundled");
        QVERIFY(button->isEnabled());

        GenerationOptions o;
        o.max_new_tokens = 3;
        o.sampling.temperature = 0;
        QSignalSpy done(&pane, &ChatPane::replyFinished);
        const QString question = "Who created the heaven and the earth?";
        pane.send(question, o);
        QVERIFY(done.wait(60000));

        button->click();
        auto dialogs = pane.findChildren<PromptDialog*>();
        QCOMPARE(dialogs.size(), 1);
        PromptDialog* d = dialogs.front();
        QVERIFY(d->isVisible());
        const std::string expected = model_->chat_template().render({{"user", question.toStdString()}}, true);
        QCOMPARE(d->promptText().toStdString(), expected);
        QCOMPARE(d->findChild<QPlainTextEdit*>("promptText")->isReadOnly(), true);
        QStringList ids;
        for (int32_t id : model_->tokenizer().encode(expected, false)) ids << QString::number(id);
        QCOMPARE(d->idsText(), ids.join(' '));
        d->close();
    }

    void emptyConversationSaysSo() {
        ChatPane pane(tr("Original"));
        pane.setDevice(DeviceRequest::Cpu);
        pane.setModel(model_, "bundled");
        PromptDialog* d = pane.showPrompt();
        QVERIFY(d);
        QVERIFY(d->promptText().isEmpty());
        QVERIFY(d->findChild<QLabel*>("promptSummary")->text().contains(PromptDialog::tr("No message yet")));
        d->close();
    }
};

QTEST_MAIN(TestGuiPrompt)
#include "test_gui_prompt.moc"
