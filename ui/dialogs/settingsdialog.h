#pragma once
//! \file settingsdialog.h  Preferences: console line cap and font, notifications, polling.
#include <QDialog>

class QCheckBox;
class QFontComboBox;
class QSpinBox;

namespace Aod::Ui {

class AppSettings;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(AppSettings *settings, QWidget *parent = nullptr);

    //! Writes the form to the settings and emits AppSettings::preferencesChanged().
    void apply();

    QSpinBox *lineCapSpin() const { return m_cap; }
    QCheckBox *notificationsCheck() const { return m_notify; }
    QSpinBox *pollSpin() const { return m_poll; }

private:
    AppSettings *m_settings;
    QSpinBox *m_cap;
    QFontComboBox *m_font;
    QSpinBox *m_fontSize;
    QCheckBox *m_notify;
    QCheckBox *m_thinking;
    QSpinBox *m_poll;
    QSpinBox *m_health;
};

} // namespace Aod::Ui
