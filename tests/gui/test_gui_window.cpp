// SPDX-License-Identifier: GPL-3.0-or-later
// The main window and its first steps: the bundled model opens and unlocks the steps, a broken folder shows
// the core's error inline and leaves the app usable, calibration preview and warning, the settings page's
// destination check, reports that cannot be read, settings persistence and the Hugging Face cache scan.
#include "gui_test_util.hpp"

#include <calibration_page.hpp>
#include <core_message_text.hpp>
#include <appearance.hpp>
#include <main_window.hpp>
#include <model_discovery.hpp>
#include <model_page.hpp>
#include <settings_page.hpp>

#include <awq/model/model.hpp>
#include <awq/quant/run_estimate.hpp>

#include <QListWidget>
#include <QSpinBox>
#include <fstream>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;

namespace {

QString q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

bool open_model(MainWindow& w, const QString& folder) {
    QSignalSpy ok(w.modelPage(), &ModelPage::loaded), bad(w.modelPage(), &ModelPage::loadFailed);
    w.modelPage()->openFolder(folder);
    if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !bad.isEmpty(); }, 30000)) return false;
    return !ok.isEmpty();
}

}  // namespace

class TestGuiWindow : public QObject {
    Q_OBJECT

private slots:
    // Before a model only the Model step is enabled; the bundled model opens, unlocks every step that needs
    // a model (not Inspect: no report yet) and is listed first.
    void bundledModelOpens() {
        TempSettings ts;
        MainWindow w(ts.settings);
        QVERIFY(w.isStepEnabled(MainWindow::ModelStep));
        QVERIFY(!w.isStepEnabled(MainWindow::QuantizeStep));
        QVERIFY(open_model(w, bundled_model_folder()));
        QVERIFY(w.state().model());
        QCOMPARE(w.state().model()->config().num_hidden_layers, int64_t(6));
        for (auto s : {MainWindow::CalibrationStep, MainWindow::SettingsStep, MainWindow::QuantizeStep, MainWindow::ChatStep})
            QVERIFY(w.isStepEnabled(s));
        QVERIFY(!w.isStepEnabled(MainWindow::InspectStep));
        w.showStep(MainWindow::InspectStep);
        QCOMPARE(w.currentStep(), MainWindow::ModelStep);
        QCOMPARE(ts.settings.recentModels().size(), 1);
    }

    // A folder with a malformed config.json and a missing folder: the core's message (naming the file) is
    // shown, the previous model stays chosen, and the window keeps working (another step, another load).
    void brokenFolderShowsError() {
        TempSettings ts;
        MainWindow w(ts.settings);
        QVERIFY(open_model(w, bundled_model_folder()));
        const auto before = w.state().model();
        TempDir broken;
        std::ofstream(broken.path / "config.json") << "{ \"model_type\": \"llama\", \"hidden_size\": ";
        QVERIFY(!open_model(w, q(broken.path)));
        QVERIFY2(w.modelPage()->errorText().contains("config.json"), qPrintable(w.modelPage()->errorText()));
        QCOMPARE(w.state().model(), before);
        QVERIFY(!open_model(w, q(broken.path / "nowhere")));
        QVERIFY(!w.modelPage()->errorText().isEmpty());
        w.showStep(MainWindow::SettingsStep);
        QCOMPARE(w.currentStep(), MainWindow::SettingsStep);
        QVERIFY(open_model(w, bundled_model_folder()));
        QVERIFY(w.modelPage()->errorText().isEmpty());
    }

    // The preview counts like the core does and warns when fewer samples than asked can be taken.
    void calibrationPreview() {
        TempSettings ts;
        MainWindow w(ts.settings);
        QVERIFY(open_model(w, bundled_model_folder()));
        CalibrationPage* page = w.calibrationPage();
        QSignalSpy ready(page, &CalibrationPage::previewReady);
        // Reference: the core's own blocking of the same corpus. 8 documents are there to take, 5000 are not.
        for (auto [samples, len] : {std::pair{8, 64}, std::pair{5000, 512}}) {
            page->setChoice({QString(), samples, len});
            page->preview();
            QVERIFY(ready.wait(30000));
            CalibrationOptions o;
            o.n_samples = samples;
            o.block_len = len;
            const CalibrationSet ref = load_calibration(default_calibration_path(), w.state().model()->tokenizer(), o);
            QCOMPARE(ref.documents_used < samples, samples == 5000);
            if (ref.documents_used < samples)
                QVERIFY2(page->warningText().contains(QString::number(ref.documents_used)) &&
                         page->warningText().contains(QString::number(ref.n_blocks())), qPrintable(page->warningText()));
            else
                QVERIFY2(page->warningText().isEmpty(), qPrintable(page->warningText()));
        }
        QCOMPARE(w.state().calibration.n_samples, 5000);
    }

    // The output folder check: the model's own folder is refused, an existing folder needs Overwrite.
    void outputDestinationCheck() {
        TempSettings ts;
        MainWindow w(ts.settings);
        QVERIFY(open_model(w, bundled_model_folder()));
        SettingsPage* page = w.settingsPage();
        TempDir dir;
        page->setOutput({q(dir.path / "new"), false});
        QVERIFY2(page->destinationProblem().isEmpty(), qPrintable(page->destinationProblem()));
        std::filesystem::create_directory(dir.path / "existing");
        page->setOutput({q(dir.path / "existing"), false});
        QVERIFY(!page->destinationProblem().isEmpty());
        page->setOutput({q(dir.path / "existing"), true});
        QVERIFY(page->destinationProblem().isEmpty());
        page->setOutput({q(w.state().model()->folder()), true});
        QVERIFY(!page->destinationProblem().isEmpty());
        QCOMPARE(w.state().output.overwrite, true);
    }

    // The Settings page's search-block count (default 8) reaches the run's settings and the settings file;
    // 0 reads "all blocks".
    void searchBlocksSetting() {
        TempSettings ts;
        MainWindow w(ts.settings);
        auto* spin = w.settingsPage()->findChild<QSpinBox*>("searchBlocks");
        QVERIFY(spin);
        QCOMPARE(spin->value(), 8);
        spin->setValue(0);
        QCOMPARE(spin->text(), QString("all blocks"));
        QCOMPARE(w.state().settings.search_blocks, int64_t(0));
        QCOMPARE(ts.settings.awqSettings().search_blocks, int64_t(0));
        spin->setValue(16);
        QCOMPARE(ts.settings.awqSettings().search_blocks, int64_t(16));
    }

    // A malformed report is refused with a message and Inspect stays locked.
    void unreadableReport() {
        TempSettings ts;
        MainWindow w(ts.settings);
        w.setQuietErrors(true);
        TempDir dir;
        std::ofstream(dir.path / "r.json") << "{\"version\": 1, \"layers\": [";
        QVERIFY(!w.openReport(q(dir.path / "r.json")));
        QVERIFY(!w.isStepEnabled(MainWindow::InspectStep));
    }

    // Settings: the defaults are AwqSettings', values round-trip through the file, and the
    // recent list keeps the newest first without duplicates, at most max_recent.
    void settingsRoundTrip() {
        TempSettings ts;
        const AwqSettings d = ts.settings.awqSettings();
        QCOMPARE(d.n_grid, 20);
        QCOMPARE(d.quant.group_size, 128);
        QVERIFY(d.clip && d.duo_scaling && d.quant.zero_point);
        QCOMPARE(d.clip_row_check, ClipRowCheck::Auto);
        QCOMPARE(d.search_blocks, int64_t(8));
        AwqSettings s = d;
        s.n_grid = 7;
        s.search_blocks = 16;
        s.quant.group_size = 64;
        s.clip = false;
        s.clip_row_check = ClipRowCheck::Off;
        ts.settings.setAwqSettings(s);
        ts.settings.sync();
        AppSettings again(q(ts.dir.path / "awq-studio.ini"));
        QCOMPARE(again.awqSettings().n_grid, 7);
        QCOMPARE(again.awqSettings().quant.group_size, 64);
        QCOMPARE(again.awqSettings().clip, false);
        QCOMPARE(again.awqSettings().clip_row_check, ClipRowCheck::Off);
        QCOMPARE(again.awqSettings().search_blocks, int64_t(16));
        // Values not written by us (stored Off and 16 until now) read as the default / all blocks.
        QSettings(q(ts.dir.path / "awq-studio.ini"), QSettings::IniFormat).setValue("awq/clip_row_check", "sometimes");
        QSettings(q(ts.dir.path / "awq-studio.ini"), QSettings::IniFormat).setValue("awq/search_blocks", -4);
        QCOMPARE(AppSettings(q(ts.dir.path / "awq-studio.ini")).awqSettings().clip_row_check, ClipRowCheck::Auto);
        QCOMPARE(AppSettings(q(ts.dir.path / "awq-studio.ini")).awqSettings().search_blocks, int64_t(0));
        for (int i = 0; i < 12; ++i) ts.settings.addRecentModel(QString("/m/%1").arg(i));
        ts.settings.addRecentModel("/m/5");
        const QStringList recent = ts.settings.recentModels();
        QCOMPARE(recent.size(), AppSettings::Defaults::max_recent);
        QCOMPARE(recent.first(), QString("/m/5"));
        QCOMPARE(recent.count("/m/5"), 1);
    }

    // The German and Chinese translations are compiled in and used by the window; English is the fallback.
    void translations() {
        QCOMPARE(install_translator(*qApp, "de"), QString("de"));
        QCOMPARE(QCoreApplication::translate("awq::gui::QuantizePage", "Start quantization"), QString("Quantisierung starten"));
        {
            TempSettings ts;
            MainWindow w(ts.settings);
            QCOMPARE(w.windowTitle(), QString("AWQ Studio"));
            QCOMPARE(w.findChild<QListWidget*>("stepList")->item(0)->text(), QString("1  Modell"));
        }
        // A core message with a stable code is worded by the GUI, so it follows the language too (the core's
        // English line is for the CLI): the missing NVIDIA driver, the example.
        GpuStatus no_driver;
        no_driver.missing = GpuMissing::NoDriver;
        no_driver.detail = "libcuda.so.1";
        no_driver.reason = "no CUDA device: the NVIDIA driver is not installed (libcuda.so.1 not found)";
        const QString german = gpuMissingText(no_driver);
        QVERIFY2(german.contains("libcuda.so.1") && !german.contains("driver is not installed"), qPrintable(german));
        // Every term of a run estimate (CPU with error feedback, and the GPU) has a German label: none of the
        // core's English labels reaches the Quantize step's tooltip.
        for (const EstimateDevice device : {EstimateDevice::Cpu, EstimateDevice::Cuda}) {
            RunShape shape;
            shape.config = Model::load(bundled_model())->config();
            shape.blocks = 8;
            shape.block_len = 512;
            shape.settings.error_feedback = true;
            shape.device = device;
            const RunEstimate e = estimate_run(shape);
            for (const auto* terms : {&e.host_terms, &e.gpu_terms, &e.time_terms})
                for (const EstimateTerm& t : *terms) {
                    const QString german_term = estimateTermText(t);
                    QVERIFY2(german_term != QString::fromStdString(term_text(t)), qPrintable(german_term));
                    if (t.tokens > 0) QVERIFY2(german_term.contains(QString::number(t.tokens)), qPrintable(german_term));
                }
        }
        GroupReport gqa;  // SmolLM2's o group: what the Inspect page's curve title and layer tooltip say
        gqa.name = "o";
        gqa.skipped = true;
        gqa.reason = "grouped-query attention: v_proj gives 192 channels, o_proj takes 576";
        const QString german_gqa = skippedGroupText(gqa);
        QVERIFY2(!german_gqa.isEmpty() && !german_gqa.contains("line up"), qPrintable(german_gqa));
        QCOMPARE(install_translator(*qApp, "zh_CN"), QString("zh_CN"));
        QCOMPARE(QCoreApplication::translate("awq::gui::QuantizePage", "Start quantization"), QString::fromUtf8("开始量化"));
        QCOMPARE(install_translator(*qApp, "en"), QString("en"));
        QCOMPARE(gpuMissingText(no_driver), QString("no CUDA device: the NVIDIA driver is not installed (libcuda.so.1 not found)"));
        QVERIFY(skippedGroupText(gqa).startsWith("grouped-query attention: v_proj's outputs do not line up"));
        QCOMPARE(QCoreApplication::translate("awq::gui::QuantizePage", "Start quantization"), QString("Start quantization"));
    }

    // Light and dark palettes: the window colour is light resp. dark and text contrasts with it.
    void themes() {
        init_resources();
        for (const char* theme : {"light", "dark"}) {
            apply_theme(*qApp, theme);
            const QPalette p = QApplication::palette();
            const bool dark = QString(theme) == "dark";
            QCOMPARE(p.color(QPalette::Window).lightness() < 128, dark);
            QVERIFY(std::abs(p.color(QPalette::WindowText).lightness() - p.color(QPalette::Window).lightness()) > 120);
            QVERIFY(qApp->styleSheet().contains("stepList"));  // the stylesheet came from the .qrc
        }
    }

    // The Hugging Face cache layout: models--org--name/snapshots/<rev>/ with config.json; a snapshot without
    // one (an interrupted download) is not offered.
    void huggingFaceCacheScan() {
        TempDir cache;
        const auto snap = cache.path / "models--TinyLlama--TinyLlama-1.1B" / "snapshots" / "abc123";
        std::filesystem::create_directories(snap);
        std::ofstream(snap / "config.json") << "{}";
        std::filesystem::create_directories(cache.path / "models--org--partial" / "snapshots" / "def");
        std::filesystem::create_directories(cache.path / "datasets--x--y");
        const auto found = scan_hf_cache(q(cache.path));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].name, QString("TinyLlama/TinyLlama-1.1B"));
        QCOMPARE(found[0].folder, q(snap));
        qputenv("HF_HUB_CACHE", cache.path.string().c_str());
        QVERIFY(hf_cache_roots().contains(QFileInfo(q(cache.path)).canonicalFilePath()));
        qunsetenv("HF_HUB_CACHE");
    }
};

QTEST_MAIN(TestGuiWindow)
#include "test_gui_window.moc"
