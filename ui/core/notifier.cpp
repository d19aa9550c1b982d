#include "notifier.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Aod::Ui {

Notifier::Notifier(QWidget *window, QObject *parent)
    : QObject(parent), m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &Notifier::activated);
        connect(m_tray, &QSystemTrayIcon::activated, this, &Notifier::activated);
    }
}

Notifier::~Notifier() = default;

bool Notifier::hasTray() const
{
    return m_tray && QSystemTrayIcon::supportsMessages();
}

void Notifier::notify(const QString &title, const QString &message)
{
    if (!m_enabled)
        return;
    m_lastTitle = title;
    m_lastMessage = message;
    ++m_count;
    if (hasTray())
        m_tray->showMessage(title, message, QSystemTrayIcon::Information, 8000);
    else if (m_window)
        QApplication::alert(m_window);
    Q_EMIT notified(title, message);
}

} // namespace Aod::Ui
