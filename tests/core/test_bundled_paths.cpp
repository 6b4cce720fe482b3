// SPDX-License-Identifier: MIT
// bundled_model_path(): where the GUI and the docs find the demo model. Checks each lookup rule against the
// path it must produce (AWQ_STUDIO_DATA, source tree, installed /usr/share), and that the bundled model and
// the calibration corpus resolve under the same data root, which is how the .deb lays them out.
#include <awq/model/bundled.hpp>
#include <awq/model/model.hpp>
#include <awq/quant/calibration.hpp>

#include <QtTest>

#include <cstdlib>

using namespace awq;
namespace fs = std::filesystem;

class TestBundledPaths : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { unsetenv("AWQ_STUDIO_DATA"); }

    void dataFolderWins() {
        setenv("AWQ_STUDIO_DATA", "/opt/awq-data", 1);
        QCOMPARE(bundled_model_path(), fs::path("/opt/awq-data/models/tiny-llama-kjv"));
        QCOMPARE(default_calibration_path(), fs::path("/opt/awq-data/calibration/default.txt"));
    }

    void emptyDataFolderIsIgnored() {
        unsetenv("AWQ_STUDIO_DATA");
        const fs::path unset = bundled_model_path();
        setenv("AWQ_STUDIO_DATA", "", 1);  // an empty value must not turn into the relative path models/...
        QCOMPARE(bundled_model_path(), unset);
        QVERIFY(bundled_model_path().is_absolute());
    }

    void sourceTreeOrInstalled() {
        unsetenv("AWQ_STUDIO_DATA");
        const fs::path source_tree = fs::path(AWQ_RESOURCES_DIR) / "models" / "tiny-llama-kjv";
        const fs::path expected = fs::exists(source_tree / "config.json")
                                      ? source_tree
                                      : fs::path("/usr/share/awq-studio/models/tiny-llama-kjv");
        QCOMPARE(bundled_model_path(), expected);
    }

    void bundledModelLoads() {
        unsetenv("AWQ_STUDIO_DATA");
        const fs::path p = bundled_model_path();
        if (!fs::exists(p / "config.json")) QSKIP("the bundled model is not present in this tree");
        const auto model = Model::load(p);
        QCOMPARE(model->config().model_type, std::string("llama"));
        QVERIFY(model->config().num_hidden_layers > 0);
    }
};

QTEST_APPLESS_MAIN(TestBundledPaths)
#include "test_bundled_paths.moc"
