#pragma once
//! \file notifier.h  Desktop notifications: a tray balloon where a system tray exists,
//! otherwise the window asks for attention and the message goes to the status bar.
#include <QObject>
#include <QString>

class QSystemTrayIcon;
class QWidget;

namespace Aod::Ui {

class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QWidget *window, QObject *parent = nullptr);
    ~Notifier() override;

    void setEnabled(bool on) { m_enabled = on; }
    bool isEnabled() const { return m_enabled; }
    //! True when messages go to a system tray.
    bool hasTray() const;
    void notify(const QString &title, const QString &message);

    QString lastTitle() const { return m_lastTitle; }
    QString lastMessage() const { return m_lastMessage; }
    int count() const { return m_count; }

Q_SIGNALS:
    //! Every notification (shown or not), for the status bar and tests.
    void notified(const QString &title, const QString &message);
    //! The user clicked the balloon.
    void activated();

private:
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_enabled = true;
    QString m_lastTitle;
    QString m_lastMessage;
    int m_count = 0;
};

} // namespace Aod::Ui
