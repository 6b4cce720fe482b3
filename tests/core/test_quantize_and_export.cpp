// SPDX-License-Identifier: MIT
// quantize_and_export, the one quantize -> export -> resume flow of `awq quantize` and the GUI, on the
// bundled model (8 documents in blocks of 32 tokens, 4 grid points, no clip search: it changes nothing about the flow;
// three full runs in all). The reference for every output is the uninterrupted run, and that run is checked
// against the parts it is made of (quantize_model, then export_awq_gemm): the same bytes. Checked: a fresh
// run; a run cancelled through the progress callback after layer k resumes from k (only the later layers
// searched), a cancel as the export finishes removes it again, and the last resume gives the same bytes; a
// second call on a finished export, and one on the state a crash between the export and the removal of the
// work folder leaves, say "already complete" without searching; a changed setting or calibration, a partly
// saved rerun and a folder without our report are not taken for complete; the work folder conflicts are
// typed; Start over discards a saved run.
#include "export_compare.hpp"
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/export/awq_export.hpp>
#include <awq/export/quantize_and_export.hpp>
#include <awq/io/tensor_store.hpp>
#include <awq/quant/report.hpp>
#include <awq/quant/work_folder.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

using namespace awq;
using namespace awq::test;
namespace fs = std::filesystem;

namespace {

// The same checkpoint: every file byte for byte, the report but for its timings.
bool same_export(const fs::path& a, const fs::path& b) {
    const auto fa = folder_contents(a), fb = folder_contents(b);
    if (fa.size() != fb.size() || fa.size() < 3) return false;
    for (const auto& [name, bytes] : fa) {
        if (!fb.count(name)) return false;
        if (name == "awq_report.json" ? report_without_timings(bytes) != report_without_timings(fb.at(name))
                                      : bytes != fb.at(name))
            return false;
    }
    return true;
}

int saved_layers(const fs::path& out) {
    return nlohmann::json::parse(file_bytes(work_folder_of(out) / "state.json")).at("layers_done").get<int>();
}

// Every progress event of a call; cancels (returns false) at the first event of layer `cancel_at_layer`
// (its layers before are saved then), at the first scale-search step when cancel_at_layer == -2, or at the
// Done that follows the export when cancel_after_export.
struct Recorder {
    std::vector<Progress> events;
    int cancel_at_layer = -1;
    bool cancel_after_export = false;
    ProgressCallback callback() {
        return [this](const Progress& p) {
            events.push_back(p);
            const bool in_layer = p.stage != Stage::Calibrating && p.stage != Stage::Exporting && p.stage != Stage::Done;
            if (cancel_at_layer >= 0 && in_layer && p.layer >= cancel_at_layer) return false;
            if (cancel_after_export && p.stage == Stage::Done && count(Stage::Exporting) > 0) return false;
            return !(cancel_at_layer == -2 && p.stage == Stage::ScaleSearch);
        };
    }
    std::set<int> searched() const {
        std::set<int> layers;
        for (const Progress& p : events)
            if (p.stage == Stage::ScaleSearch) layers.insert(p.layer);
        return layers;
    }
    int count(Stage s) const {
        return int(std::count_if(events.begin(), events.end(), [s](const Progress& p) { return p.stage == s; }));
    }
};

}  // namespace

class TestQuantizeAndExport : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;
    CalibrationSet calib_;
    AwqSettings settings_;
    TempDir dir_;
    fs::path fresh_;  // the uninterrupted run's export
    QuantizeExportResult fresh_run_;
    Recorder fresh_progress_;
    int n_layers_ = 0;
    fs::path complete_work_;  // a work folder with every layer of this run saved (from interruptedRun...)

    QuantizeExportOptions to(const fs::path& out, InterruptedRun interrupted = InterruptedRun::Refuse) {
        QuantizeExportOptions o;
        o.out = out;
        o.interrupted = interrupted;
        return o;
    }

private slots:
    void initTestCase() {
        model_ = Model::load(bundled_model());
        n_layers_ = int(model_->config().num_hidden_layers);
        QVERIFY(n_layers_ >= 4);
        CalibrationOptions co;
        co.n_samples = 8;
        co.block_len = 32;
        calib_ = load_calibration(default_calibration_path(), model_->tokenizer(), co);
        settings_.n_grid = 4;
        settings_.clip = false;
        fresh_ = dir_.path / "fresh";
        fresh_run_ = quantize_and_export(model_, calib_, settings_, to(fresh_), fresh_progress_.callback());
    }

    // The fresh run: every layer searched, the export (with its report) in place, the work folder gone, the
    // result and the numbers it returns are the export's; the same bytes as quantize_model + export_awq_gemm.
    void freshRun() {
        const QuantizeExportResult& r = fresh_run_;
        QVERIFY(!r.already_complete && !r.removed_work_folder);
        QCOMPARE(r.layers_resumed, 0);
        QCOMPARE(r.folder, fresh_);
        QVERIFY(!fs::exists(work_folder_of(fresh_)));
        QVERIFY(r.quantization && r.quantization->layers.size() == size_t(n_layers_));
        QCOMPARE(int(fresh_progress_.searched().size()), n_layers_);
        QCOMPARE(fresh_progress_.count(Stage::Exporting), 1);
        QCOMPARE(fresh_progress_.events.back().stage, Stage::Done);
        QCOMPARE(r.shards, 1);
        QCOMPARE(r.bytes, uint64_t(TensorStore::open_folder(fresh_).total_bytes()));  // the tensors as read back
        const Report saved = read_report(fresh_ / "awq_report.json");
        QCOMPARE(saved.layers.size(), size_t(n_layers_));
        QCOMPARE(saved.output, fresh_.string());
        QCOMPARE(r.report.output, fresh_.string());
        QVERIFY(r.quantize_seconds > 0 && r.export_seconds > 0 && r.seconds >= r.quantize_seconds + r.export_seconds);

        const fs::path parts = dir_.path / "parts";
        const QuantizationResult q = quantize_model(model_, calib_, settings_);
        export_awq_gemm(q, parts);
        for (const char* f : {"model.safetensors", "config.json"})
            QVERIFY2(file_bytes(fresh_ / f) == file_bytes(parts / f), f);
    }

    // Cancelled when layer k starts: layers 0..k-1 are saved and nothing is exported. The saved run is refused
    // without Resume and with other settings (typed, untouched); Resume searches only layers k.. and exports,
    // but is cancelled as the export finishes: the export is removed again and every layer stays saved; one
    // more Resume searches nothing and exports the fresh run's bytes.
    void interruptedRunResumesFromLayerK() {
        const int k = 2;
        const fs::path out = dir_.path / "resumed";
        Recorder first;
        first.cancel_at_layer = k;
        QVERIFY_THROWS_EXCEPTION(Cancelled, quantize_and_export(model_, calib_, settings_, to(out), first.callback()));
        QVERIFY(!fs::exists(out));
        QCOMPARE(saved_layers(out), k);

        try {
            quantize_and_export(model_, calib_, settings_, to(out));
            QFAIL("a saved run was overwritten without Resume");
        } catch (const SavedWorkConflict& e) {
            QVERIFY(e.problem() == SavedWorkConflict::Problem::Found);
            QCOMPARE(e.folder(), work_folder_of(out));
        }
        AwqSettings other = settings_;
        other.n_grid = 3;
        try {
            quantize_and_export(model_, calib_, other, to(out, InterruptedRun::Resume));
            QFAIL("a saved run of other settings was resumed");
        } catch (const SavedWorkConflict& e) {
            QVERIFY(e.problem() == SavedWorkConflict::Problem::DifferentRun);
            QVERIFY2(std::string(e.what()).find("different run") != std::string::npos, e.what());
        }
        QCOMPARE(saved_layers(out), k);

        Recorder second;
        second.cancel_after_export = true;
        std::pair<int, int> announced{-1, -1};
        QuantizeExportOptions o = to(out, InterruptedRun::Resume);
        o.on_resume = [&](int done, int n) { announced = {done, n}; };
        QVERIFY_THROWS_EXCEPTION(Cancelled, quantize_and_export(model_, calib_, settings_, o, second.callback()));
        QCOMPARE(announced, std::make_pair(k, n_layers_));
        std::set<int> later;
        for (int l = k; l < n_layers_; ++l) later.insert(l);
        QVERIFY(second.searched() == later);
        QCOMPARE(second.count(Stage::Exporting), 1);
        QVERIFY(!fs::exists(out));
        QCOMPARE(saved_layers(out), n_layers_);
        complete_work_ = dir_.path / "complete-work";
        fs::copy(work_folder_of(out), complete_work_, fs::copy_options::recursive);

        Recorder third;
        announced = {-1, -1};
        const QuantizeExportResult r = quantize_and_export(model_, calib_, settings_, o, third.callback());
        QVERIFY(!r.already_complete);
        QCOMPARE(r.layers_resumed, n_layers_);
        QCOMPARE(announced, std::make_pair(n_layers_, n_layers_));
        QVERIFY(third.searched().empty());
        QCOMPARE(third.count(Stage::Exporting), 1);
        QVERIFY(same_export(out, fresh_));
        QVERIFY(!fs::exists(work_folder_of(out)));
    }

    // A second call on the finished export, resuming: complete, nothing searched or sent, nothing written;
    // without Resume it is an existing folder like any other.
    void secondCallIsAlreadyComplete() {
        const auto before = folder_contents(fresh_);
        const auto mtime = fs::last_write_time(fresh_ / "model.safetensors");
        Recorder rec;
        QuantizeExportOptions o = to(fresh_, InterruptedRun::Resume);
        o.load_layers_when_complete = true;  // no work folder: nothing to load them from
        const QuantizeExportResult r = quantize_and_export(model_, calib_, settings_, o, rec.callback());
        QVERIFY(r.already_complete);
        QVERIFY(!r.removed_work_folder);
        QVERIFY(rec.events.empty());
        QVERIFY(!r.quantization);
        QCOMPARE(r.layers_resumed, 0);
        QCOMPARE(r.folder, fresh_);
        QCOMPARE(r.bytes, fresh_run_.bytes);
        QCOMPARE(r.shards, 1);
        QCOMPARE(r.report.layers.size(), size_t(n_layers_));
        QCOMPARE(report_to_json(r.report), report_to_json(read_report(fresh_ / "awq_report.json")));
        QVERIFY(folder_contents(fresh_) == before);
        QVERIFY(fs::last_write_time(fresh_ / "model.safetensors") == mtime);
        QVERIFY(!fs::exists(work_folder_of(fresh_)));
        expect_error<FileError>([&] { quantize_and_export(model_, calib_, settings_, to(fresh_)); }, {"already exists"});
    }

    // The state a crash after the export's rename but before the work folder's removal leaves: complete; the
    // work folder is removed; with load_layers_when_complete the layers come back from it (the fresh run's
    // codes), otherwise nothing is even loaded. Nothing is searched or exported either way.
    void crashAfterExportIsAlreadyComplete() {
        QVERIFY2(!complete_work_.empty(), "needs the work folder interruptedRunResumesFromLayerK left");
        const fs::path out = dir_.path / "crashed";
        const fs::path spare = dir_.path / "spare-work";
        fs::copy(complete_work_, work_folder_of(out), fs::copy_options::recursive);
        fs::copy(complete_work_, spare, fs::copy_options::recursive);
        fs::copy(fresh_, out, fs::copy_options::recursive);
        const auto before = folder_contents(out);

        Recorder rec;
        QuantizeExportOptions o = to(out, InterruptedRun::Resume);
        o.load_layers_when_complete = true;
        const QuantizeExportResult r = quantize_and_export(model_, calib_, settings_, o, rec.callback());
        QVERIFY(r.already_complete && r.removed_work_folder);
        QVERIFY(!fs::exists(work_folder_of(out)));
        QVERIFY(folder_contents(out) == before);
        QVERIFY(rec.searched().empty());
        QCOMPARE(rec.count(Stage::Exporting), 0);
        QCOMPARE(r.layers_resumed, n_layers_);
        QVERIFY(r.quantization && r.quantization->layers.size() == size_t(n_layers_));
        for (size_t l = 0; l < r.quantization->layers.size(); ++l)
            for (size_t i = 0; i < r.quantization->layers[l].linears.size(); ++i) {
                const QuantizedLinearData& a = r.quantization->layers[l].linears[i];
                const QuantizedLinearData& b = fresh_run_.quantization->layers[l].linears[i];
                QVERIFY(a.q.q == b.q.q && a.q.scales == b.q.scales && a.q.zeros == b.q.zeros);
            }

        fs::rename(spare, work_folder_of(out));
        Recorder quiet;
        const QuantizeExportResult r2 = quantize_and_export(model_, calib_, settings_, to(out, InterruptedRun::Resume),
                                                            quiet.callback());
        QVERIFY(r2.already_complete && r2.removed_work_folder && !r2.quantization);
        QVERIFY(quiet.events.empty());
        QVERIFY(!fs::exists(work_folder_of(out)));
        QVERIFY(folder_contents(out) == before);
    }

    // Not complete, so refused as an existing folder (and left as it was) or, with overwrite, run again: a
    // changed setting, changed calibration, a rerun of these settings whose layers are not all saved, a
    // folder with no report of ours.
    void changesAreNotComplete() {
        const fs::path out = dir_.path / "changed";
        fs::copy(fresh_, out, fs::copy_options::recursive);
        const auto before = folder_contents(out);
        AwqSettings other = settings_;
        other.n_grid = 3;
        expect_error<FileError>([&] { quantize_and_export(model_, calib_, other, to(out, InterruptedRun::Resume)); },
                                {"already exists"});
        CalibrationOptions co;
        co.n_samples = 8;
        co.block_len = 24;
        const CalibrationSet shorter = load_calibration(default_calibration_path(), model_->tokenizer(), co);
        expect_error<FileError>([&] { quantize_and_export(model_, shorter, settings_, to(out, InterruptedRun::Resume)); },
                                {"already exists"});
        QVERIFY(folder_contents(out) == before);
        QVERIFY(!fs::exists(work_folder_of(out)));

        // A rerun of the same settings interrupted after one layer, beside the finished export.
        {
            WorkFolder work(work_folder_of(out), WorkFolder::fingerprint(*model_, settings_, calib_), false);
            Recorder one;
            one.cancel_at_layer = 1;
            QVERIFY_THROWS_EXCEPTION(Cancelled, quantize_model(model_, calib_, settings_, one.callback(), &work));
        }
        QCOMPARE(saved_layers(out), 1);
        expect_error<FileError>([&] { quantize_and_export(model_, calib_, settings_, to(out, InterruptedRun::Resume)); },
                                {"already exists"});
        QCOMPARE(saved_layers(out), 1);
        fs::remove_all(work_folder_of(out));

        // With overwrite a changed setting runs again and replaces the export (RTN: quick, no search).
        AwqSettings rtn = settings_;
        rtn.rtn = true;
        rtn.error_feedback = false;
        QuantizeExportOptions o = to(out, InterruptedRun::Resume);
        o.overwrite = true;
        const QuantizeExportResult r = quantize_and_export(model_, calib_, rtn, o);
        QVERIFY(!r.already_complete);
        QCOMPARE(QString::fromStdString(read_report(out / "awq_report.json").method), QString("rtn"));
        QVERIFY(file_bytes(out / "model.safetensors") != file_bytes(fresh_ / "model.safetensors"));

        const fs::path foreign = dir_.path / "foreign";
        fs::create_directories(foreign);
        std::ofstream(foreign / "notes.txt") << "not an export";
        expect_error<FileError>([&] { quantize_and_export(model_, calib_, settings_, to(foreign, InterruptedRun::Resume)); },
                                {"already exists"});
        QVERIFY(fs::exists(foreign / "notes.txt"));
    }

    // Start over discards a saved run of other inputs; a run cancelled before its first layer is finished
    // leaves no work folder and no output.
    void startOverDiscards() {
        const fs::path out = dir_.path / "over";
        fs::create_directories(work_folder_of(out));
        std::ofstream(work_folder_of(out) / "state.json")
            << R"({"format": "awq-studio-work", "version": 1, "fingerprint": "00000000deadbeef", "layers_done": 3})";
        Recorder rec;
        rec.cancel_at_layer = -2;
        QVERIFY_THROWS_EXCEPTION(Cancelled, quantize_and_export(model_, calib_, settings_,
                                                                to(out, InterruptedRun::StartOver), rec.callback()));
        QVERIFY(rec.count(Stage::ScaleSearch) >= 1);
        QVERIFY(!fs::exists(work_folder_of(out)));
        QVERIFY(!fs::exists(out));
    }

    // Checked before any calibration is needed: the bit width of an export and its destination.
    void destinationChecks() {
        AwqSettings three = settings_;
        three.quant.bits = 3;
        expect_error<InvalidArgument>([&] { check_quantize_destination(*model_, three, to(dir_.path / "x")); },
                                      {"only 4-bit"});
        check_quantize_destination(*model_, three, {});  // no export: any width
        expect_error<InvalidArgument>([&] { check_quantize_destination(*model_, settings_, to(model_->folder())); },
                                      {"model folder itself"});
        expect_error<FileError>([&] { check_quantize_destination(*model_, settings_, to(dir_.path / "no" / "such")); },
                                {"parent folder does not exist"});
        expect_error<FileError>([&] { check_quantize_destination(*model_, settings_, to(fresh_)); }, {"already exists"});
        check_quantize_destination(*model_, settings_, to(fresh_, InterruptedRun::Resume));  // may be complete
    }
};

QTEST_APPLESS_MAIN(TestQuantizeAndExport)
#include "test_quantize_and_export.moc"
