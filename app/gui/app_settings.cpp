// SPDX-License-Identifier: GPL-3.0-or-later
#include "app_settings.hpp"

#include <awq/error.hpp>

#include <algorithm>

namespace awq::gui {

AppSettings::AppSettings() : s_(std::make_unique<QSettings>()) {}
AppSettings::AppSettings(const QString& ini_file) : s_(std::make_unique<QSettings>(ini_file, QSettings::IniFormat)) {}

QByteArray AppSettings::windowGeometry() const { return s_->value("window/geometry").toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray& g) { s_->setValue("window/geometry", g); }

QStringList AppSettings::recentModels() const { return s_->value("models/recent").toStringList(); }

void AppSettings::addRecentModel(const QString& folder) {
    QStringList list = recentModels();
    list.removeAll(folder);
    list.prepend(folder);
    while (list.size() > Defaults::max_recent) list.removeLast();
    s_->setValue("models/recent", list);
}

QString AppSettings::language() const { return s_->value("ui/language", Defaults::language).toString(); }
void AppSettings::setLanguage(const QString& l) { s_->setValue("ui/language", l); }
QString AppSettings::theme() const { return s_->value("ui/theme", Defaults::theme).toString(); }
void AppSettings::setTheme(const QString& t) { s_->setValue("ui/theme", t); }

AwqSettings AppSettings::awqSettings() const {
    const AwqSettings d = Defaults::awq();
    AwqSettings s = d;
    s.quant.bits = s_->value("awq/bits", d.quant.bits).toInt();
    s.quant.group_size = s_->value("awq/group_size", d.quant.group_size).toInt();
    s.quant.zero_point = s_->value("awq/zero_point", d.quant.zero_point).toBool();
    s.clip = s_->value("awq/clip", d.clip).toBool();
    s.duo_scaling = s_->value("awq/duo_scaling", d.duo_scaling).toBool();
    try {  // "auto", "on" or "off"; anything else (a value from elsewhere) the default
        s.clip_row_check = parse_clip_row_check(
            s_->value("awq/clip_row_check", clip_row_check_name(d.clip_row_check)).toString().toStdString());
    } catch (const InvalidArgument&) {
        s.clip_row_check = d.clip_row_check;
    }
    try {  // "weighted" or "clip"; anything else the default
        s.range_search = parse_range_search(
            s_->value("awq/range_search", range_search_name(d.range_search)).toString().toStdString());
    } catch (const InvalidArgument&) {
        s.range_search = d.range_search;
    }
    s.identity_candidate = s_->value("awq/identity_candidate", d.identity_candidate).toBool();
    s.rtn_fallback = s_->value("awq/rtn_fallback", d.rtn_fallback).toBool();
    s.error_feedback = s_->value("awq/error_feedback", d.error_feedback).toBool();
    s.keep_float_percent = std::clamp(s_->value("awq/keep_float_percent", d.keep_float_percent).toDouble(), 0.0, 100.0);
    s.n_grid = s_->value("awq/n_grid", d.n_grid).toInt();
    s.search_blocks = std::max<qlonglong>(0, s_->value("awq/search_blocks", qlonglong(d.search_blocks)).toLongLong());
    s.threads = s_->value("awq/threads", d.threads).toInt();
    return s;
}

void AppSettings::setAwqSettings(const AwqSettings& s) {
    s_->setValue("awq/bits", s.quant.bits);
    s_->setValue("awq/group_size", s.quant.group_size);
    s_->setValue("awq/zero_point", s.quant.zero_point);
    s_->setValue("awq/clip", s.clip);
    s_->setValue("awq/duo_scaling", s.duo_scaling);
    s_->setValue("awq/clip_row_check", clip_row_check_name(s.clip_row_check));
    s_->setValue("awq/range_search", range_search_name(s.range_search));
    s_->setValue("awq/identity_candidate", s.identity_candidate);
    s_->setValue("awq/rtn_fallback", s.rtn_fallback);
    s_->setValue("awq/error_feedback", s.error_feedback);
    s_->setValue("awq/keep_float_percent", s.keep_float_percent);
    s_->setValue("awq/n_grid", s.n_grid);
    s_->setValue("awq/search_blocks", qlonglong(s.search_blocks));
    s_->setValue("awq/threads", s.threads);
}

int AppSettings::calibrationSamples() const { return s_->value("calibration/samples", Defaults::n_samples).toInt(); }
int AppSettings::calibrationBlockLen() const { return s_->value("calibration/block_len", Defaults::block_len).toInt(); }
QString AppSettings::calibrationSource() const { return s_->value("calibration/source").toString(); }

void AppSettings::setCalibration(const QString& source, int samples, int block_len) {
    s_->setValue("calibration/source", source);
    s_->setValue("calibration/samples", samples);
    s_->setValue("calibration/block_len", block_len);
}

QString AppSettings::outputFolder() const { return s_->value("output/folder").toString(); }
void AppSettings::setOutputFolder(const QString& f) { s_->setValue("output/folder", f); }

// A device is stored by name ("auto", "cpu" or "cuda", as the CLI's --device); anything else (a value from
// elsewhere) the default.
DeviceRequest AppSettings::deviceValue(const char* key, DeviceRequest fallback) const {
    try {
        return parse_device_request(s_->value(key, device_request_name(fallback)).toString().toStdString(), key);
    } catch (const InvalidArgument&) {
        return fallback;
    }
}

DeviceRequest AppSettings::quantizeDevice() const { return deviceValue("quantize/device", Defaults::quantize_device); }
void AppSettings::setQuantizeDevice(DeviceRequest d) { s_->setValue("quantize/device", device_request_name(d)); }

GenerationOptions AppSettings::generationOptions() const {
    GenerationOptions g;
    g.max_new_tokens = s_->value("chat/max_new_tokens", Defaults::max_new_tokens).toInt();
    g.sampling.temperature = s_->value("chat/temperature", Defaults::temperature).toFloat();
    g.sampling.top_p = s_->value("chat/top_p", Defaults::top_p).toFloat();
    g.sampling.seed = s_->value("chat/seed", Defaults::seed).toULongLong();
    return g;
}

void AppSettings::setGenerationOptions(const GenerationOptions& g) {
    s_->setValue("chat/max_new_tokens", g.max_new_tokens);
    s_->setValue("chat/temperature", g.sampling.temperature);
    s_->setValue("chat/top_p", g.sampling.top_p);
    s_->setValue("chat/seed", qulonglong(g.sampling.seed));
}

DeviceRequest AppSettings::chatDevice() const { return deviceValue("chat/device", Defaults::chat_device); }
void AppSettings::setChatDevice(DeviceRequest d) { s_->setValue("chat/device", device_request_name(d)); }

void AppSettings::sync() { s_->sync(); }

}  // namespace awq::gui
