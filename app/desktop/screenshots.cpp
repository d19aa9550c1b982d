#include "screenshots.h"

#include "core/connectionmanager.h"
#include "core/theme.h"
#include "mainwindow.h"
#include "models/agentlistmodel.h"
#include "models/outputlogmodel.h"
#include "models/sessionlistmodel.h"
#include "session/sessionview.h"
#include "widgets/listpage.h"

#include <aod/client.h>
#include <aod/sessionsapi.h>

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QTableView>

#include <cstdio>

ScreenshotRunner::ScreenshotRunner(Aod::Ui::MainWindow *window, Aod::Ui::ConnectionManager *connection,
                                   const QString &dir, QObject *parent)
    : QObject(parent), m_window(window), m_conn(connection), m_dir(dir)
{
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(90000);
    connect(&m_deadline, &QTimer::timeout, this, [this] { fail(QStringLiteral("timed out")); });
}

void ScreenshotRunner::start()
{
    QDir().mkpath(m_dir);
    m_deadline.start();
    connect(m_window, &Aod::Ui::MainWindow::listsLoaded, this, &ScreenshotRunner::shootMain, Qt::SingleShotConnection);
    QString error;
    if (!m_conn->startDemo(&error))
        fail(error);
}

void ScreenshotRunner::fail(const QString &why)
{
    std::fprintf(stderr, "screenshots failed: %s\n", qPrintable(why));
    QApplication::exit(1);
}

bool ScreenshotRunner::save(QWidget *widget, const QString &name)
{
    // `--dark --screenshots DIR` writes the same shots as dark-*.png
    const QString path = QDir(m_dir).filePath(Aod::Ui::Theme::isDark() ? QStringLiteral("dark-") + name : name);
    const bool ok = widget->grab().save(path, "PNG");
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

void ScreenshotRunner::shootMain()
{
    // Show the sessions list, sorted newest first, with a row selected.
    m_window->tabs()->setCurrentWidget(m_window->sessionsPage());
    m_window->sessionsPage()->view()->selectRow(0);
    QTimer::singleShot(300, this, [this] {
        if (!save(m_window, QStringLiteral("main-window.png")))
            return fail(QStringLiteral("cannot save"));
        m_window->tabs()->setCurrentWidget(m_window->agentsPage()->parentWidget());
        m_window->agentsPage()->view()->selectRow(0);
        QTimer::singleShot(200, this, [this] {
            save(m_window, QStringLiteral("agents.png"));
            launch();
        });
    });
}

void ScreenshotRunner::launch()
{
    QString agentId;
    for (const auto &a : m_window->agentModel()->items()) {
        if (!a.isArchived() && a.provider == QLatin1String("anthropic")) {
            agentId = a.id;
            break;
        }
    }
    if (agentId.isEmpty())
        return fail(QStringLiteral("the demo has no anthropic agent"));
    Aod::SessionDraft draft;
    draft.agentId = agentId;
    draft.prompt = QStringLiteral("Add a --json flag to the report command and cover it with a test");
    m_conn->client()->sessions()->create(draft)->then(this,
        [this](const Aod::SessionAck &ack) {
            m_sessionId = ack.id;
            m_window->refreshSessions();
            Aod::Ui::SessionView *view = m_window->openSession(ack.id);
            connect(view, &Aod::Ui::SessionView::sessionChanged, this, [this, view](const Aod::Session &s) {
                if (s.isTerminal() && view->formattedModel()->rowCount() > 0)
                    QTimer::singleShot(400, this, &ScreenshotRunner::shootSession);
            });
        },
        [this](const Aod::Error &e) { fail(e.message()); });
}

void ScreenshotRunner::shootSession()
{
    if (m_sessionId.isEmpty())
        return;
    const QString id = m_sessionId;
    m_sessionId.clear();
    auto *view = m_window->sessionView(id);
    if (!view)
        return fail(QStringLiteral("no session view"));
    view->formattedModel()->flush();
    QTimer::singleShot(200, this, [this] {
        const bool ok = save(m_window, QStringLiteral("session-view.png"));
        QApplication::exit(ok ? 0 : 1);
    });
}
