#pragma once
//! \file screenshots.h  `aod-desktop --screenshots DIR`: drives the real app against the offline
//! demo and saves the main window and a live session view as PNGs, then quits.
#include <QObject>
#include <QString>
#include <QTimer>

namespace Aod::Ui {
class MainWindow;
class ConnectionManager;
} // namespace Aod::Ui

class ScreenshotRunner : public QObject
{
    Q_OBJECT
public:
    ScreenshotRunner(Aod::Ui::MainWindow *window, Aod::Ui::ConnectionManager *connection,
                     const QString &dir, QObject *parent = nullptr);
    void start();

private:
    void shootMain();
    void launch();
    void shootSession();
    void fail(const QString &why);
    bool save(QWidget *widget, const QString &name);

    Aod::Ui::MainWindow *m_window;
    Aod::Ui::ConnectionManager *m_conn;
    QString m_dir;
    QString m_sessionId;
    QTimer m_deadline;
    QTimer m_poll;
};
