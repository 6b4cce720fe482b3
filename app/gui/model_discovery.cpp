// SPDX-License-Identifier: GPL-3.0-or-later
#include "model_discovery.hpp"

#include <awq/quant/calibration.hpp>

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace awq::gui {

QString bundled_model_folder() {
    // The bundled corpus and model sit side by side under the data folder.
    const QDir data = QFileInfo(QString::fromStdString(default_calibration_path().string())).dir();  // .../calibration
    QDir root = data;
    root.cdUp();
    return root.filePath("models/tiny-llama-kjv");
}

QStringList hf_cache_roots() {
    const auto env = QProcessEnvironment::systemEnvironment();
    QStringList candidates;
    if (env.contains("HF_HUB_CACHE")) candidates << env.value("HF_HUB_CACHE");
    if (env.contains("HF_HOME")) candidates << QDir(env.value("HF_HOME")).filePath("hub");
    candidates << QDir::home().filePath(".cache/huggingface/hub");
    QStringList roots;
    for (const QString& c : candidates)
        if (QFileInfo(c).isDir() && !roots.contains(QFileInfo(c).canonicalFilePath())) roots << QFileInfo(c).canonicalFilePath();
    return roots;
}

QVector<ModelCandidate> scan_hf_cache(const QString& root) {
    QVector<ModelCandidate> out;
    const QDir dir(root);
    for (const QString& entry : dir.entryList({"models--*"}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString name = entry.mid(QString("models--").size()).replace("--", "/");
        QDir snaps(dir.filePath(entry + "/snapshots"));
        // The newest snapshot that has a config.json (a partial download may lack it).
        const QFileInfoList revs = snaps.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
        for (const QFileInfo& rev : revs) {
            if (QFileInfo::exists(rev.filePath() + "/config.json")) {
                out.push_back({name, rev.filePath(), QStringLiteral("Hugging Face cache")});
                break;
            }
        }
    }
    return out;
}

}  // namespace awq::gui
