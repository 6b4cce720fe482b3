// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Typed access to QSettings. Every default lives in AppSettings::Defaults, nowhere else.
#include <awq/device/device_choice.hpp>
#include <awq/quant/awq_settings.hpp>
#include <awq/runtime/generate.hpp>

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace awq::gui {

class AppSettings {
public:
    struct Defaults {
        static constexpr int max_recent = 8;
        static constexpr int n_samples = 128;
        static constexpr int block_len = 512;
        static constexpr int max_new_tokens = 128;
        static constexpr double temperature = 0.7;
        static constexpr double top_p = 0.95;
        static constexpr int seed = 0;
        static inline const char* language = "";  // "" = the system locale
        static inline const char* theme = "system";
        static constexpr DeviceRequest chat_device = DeviceRequest::Auto;
        static constexpr DeviceRequest quantize_device = DeviceRequest::Auto;
        static AwqSettings awq() { return AwqSettings{}; }
    };

    AppSettings();                               // the user's settings (organisation / application name)
    explicit AppSettings(const QString& ini_file);  // a given file (tests)

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& g);

    QStringList recentModels() const;            // most recent first, at most Defaults::max_recent
    void addRecentModel(const QString& folder);

    QString language() const;                    // "de", "zh_CN", "en" or "" for the system's
    void setLanguage(const QString& l);
    QString theme() const;                       // "system", "light", "dark"
    void setTheme(const QString& t);

    AwqSettings awqSettings() const;
    void setAwqSettings(const AwqSettings& s);
    int calibrationSamples() const;
    int calibrationBlockLen() const;
    QString calibrationSource() const;
    void setCalibration(const QString& source, int samples, int block_len);
    QString outputFolder() const;
    void setOutputFolder(const QString& f);
    DeviceRequest quantizeDevice() const;        // where the AWQ search runs
    void setQuantizeDevice(DeviceRequest d);

    GenerationOptions generationOptions() const;
    void setGenerationOptions(const GenerationOptions& g);
    DeviceRequest chatDevice() const;            // where the chat's models run
    void setChatDevice(DeviceRequest d);

    void sync();

private:
    DeviceRequest deviceValue(const char* key, DeviceRequest fallback) const;
    std::unique_ptr<QSettings> s_;
};

}  // namespace awq::gui
