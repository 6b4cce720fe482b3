// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where models are found: the bundled one, the local Hugging Face cache (HF_HUB_CACHE, HF_HOME/hub,
// ~/.cache/huggingface/hub; snapshot folders resolved to the newest snapshot holding a config.json).
#include <QString>
#include <QStringList>
#include <QVector>

namespace awq::gui {

struct ModelCandidate {
    QString name;    // "TinyLlama/TinyLlama-1.1B-Chat-v1.0"
    QString folder;  // a folder with config.json
    QString origin;  // "bundled", "Hugging Face cache", "recent"
};

QString bundled_model_folder();       // resources/models/tiny-llama-kjv (or $AWQ_STUDIO_DATA/models/...)
QStringList hf_cache_roots();         // existing cache folders from the environment, first wins
QVector<ModelCandidate> scan_hf_cache(const QString& root);  // models--org--name/snapshots/<rev>/config.json

}  // namespace awq::gui
