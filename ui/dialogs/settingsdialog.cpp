#include "settingsdialog.h"

#include "settings/appsettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Aod::Ui {

SettingsDialog::SettingsDialog(AppSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_cap(new QSpinBox(this))
    , m_font(new QFontComboBox(this))
    , m_fontSize(new QSpinBox(this))
    , m_notify(new QCheckBox(tr("Notify when a watched session ends"), this))
    , m_thinking(new QCheckBox(tr("Show thinking lines in the console"), this))
    , m_poll(new QSpinBox(this))
    , m_health(new QSpinBox(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_cap->setRange(1000, 2000000);
    m_cap->setSingleStep(10000);
    m_cap->setGroupSeparatorShown(true);
    m_cap->setSuffix(tr(" lines"));
    m_cap->setToolTip(tr("Older lines are dropped beyond this, per session and view, to bound memory."));
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_fontSize->setRange(6, 40);
    m_poll->setRange(1, 3600);
    m_poll->setSuffix(tr(" s"));
    m_health->setRange(1, 3600);
    m_health->setSuffix(tr(" s"));

    const QFont font = settings->consoleFont();
    m_cap->setValue(settings->consoleLineCap());
    m_font->setCurrentFont(font);
    m_fontSize->setValue(font.pointSize() > 0 ? font.pointSize() : 10);
    m_notify->setChecked(settings->notificationsEnabled());
    m_thinking->setChecked(settings->showThinking());
    m_poll->setValue(settings->pollIntervalSec());
    m_health->setValue(settings->healthIntervalSec());

    auto *fontRow = new QHBoxLayout;
    fontRow->addWidget(m_font, 1);
    fontRow->addWidget(m_fontSize);
    auto *form = new QFormLayout;
    form->addRow(tr("Console line cap"), m_cap);
    form->addRow(tr("Console font"), fontRow);
    form->addRow(QString(), m_thinking);
    form->addRow(QString(), m_notify);
    form->addRow(tr("Poll sessions every"), m_poll);
    form->addRow(tr("Check server health every"), m_health);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *box = new QVBoxLayout(this);
    box->addLayout(form);
    box->addWidget(buttons);
}

void SettingsDialog::apply()
{
    QFont font = m_font->currentFont();
    font.setPointSize(m_fontSize->value());
    font.setStyleHint(QFont::Monospace);
    m_settings->setConsoleLineCap(m_cap->value());
    m_settings->setConsoleFont(font);
    m_settings->setNotificationsEnabled(m_notify->isChecked());
    m_settings->setShowThinking(m_thinking->isChecked());
    m_settings->setPollIntervalSec(m_poll->value());
    m_settings->setHealthIntervalSec(m_health->value());
    m_settings->sync();
    Q_EMIT m_settings->preferencesChanged();
}

} // namespace Aod::Ui
