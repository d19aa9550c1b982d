// App benchmarks (label bench; prints numbers, never fails on speed):
//  1. start to first window shown: this executable re-runs itself as a child that builds the
//     app's composition (settings, token store, connection manager, MainWindow) exactly as
//     aod-desktop's main() does and reports when the main window is first exposed. Measured
//     from QProcess::start (exec, dynamic loading, Qt start-up included), best and median of 5.
//  2. loading and showing 10,000 sessions: a MainWindow connects to a canned API server (its
//     own thread, pre-built bodies, so only the client is measured) whose GET /sessions holds
//     10,000 sessions; time to listsLoaded (HTTP, JSON, models), then to the first paint of
//     the sessions table, a sort, a filter and a scroll to the end; RSS growth.
// Lines start with "BENCH " for tests/bench/run-benchmarks.sh.
#include "core/connectionmanager.h"
#include "mainwindow.h"
#include "models/sessionlistmodel.h"
#include "settings/appsettings.h"
#include "settings/tokenstore.h"
#include "widgets/listpage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace Aod::Ui;

namespace {

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &l : lines)
        if (l.startsWith("VmRSS:"))
            return l.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

QJsonObject fixture(const char *name)
{
    QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/fixtures/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return QJsonDocument::fromJson(f.readAll()).object();
}

QByteArray listBody(const QJsonArray &items)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("data"), items}}).toJson(QJsonDocument::Compact);
}

//! A canned AoD API: fixed bodies for /health, /agents, /environments, /sessions (and single
//! agent/environment GETs), keep-alive, in whatever thread it is moved to.
class CannedServer : public QTcpServer
{
public:
    explicit CannedServer(int sessions)
    {
        QJsonObject agent = fixture("agent_full.json");
        QJsonObject env = fixture("environment_full.json");
        m_agentId = agent.value(QStringLiteral("id")).toString();
        const QString envId = env.value(QStringLiteral("id")).toString();
        const QJsonObject session = fixture("session_full.json");
        const QStringList statuses = {QStringLiteral("completed"), QStringLiteral("failed"), QStringLiteral("terminated")};
        QJsonArray list;
        const QDateTime base = QDateTime(QDate(2026, 4, 22), QTime(12, 0), Qt::UTC);
        for (int i = 0; i < sessions; ++i) {
            QJsonObject s = session;
            s.insert(QStringLiteral("id"), QStringLiteral("%1-0000-4000-8000-%2")
                                               .arg(i, 8, 16, QLatin1Char('0'))
                                               .arg(sessions - i, 12, 16, QLatin1Char('0')));
            s.insert(QStringLiteral("agent_id"), m_agentId);
            s.insert(QStringLiteral("environment_id"), envId);
            s.insert(QStringLiteral("status"), statuses[i % statuses.size()]);
            s.insert(QStringLiteral("exit_code"), i % 3 == 0 ? QJsonValue(0) : i % 3 == 1 ? QJsonValue(1) : QJsonValue());
            const QString at = base.addSecs(-qint64(i) * 37).toString(Qt::ISODateWithMs);
            s.insert(QStringLiteral("created_at"), at);
            s.insert(QStringLiteral("updated_at"), at);
            list.append(s);
        }
        m_bodies.insert(QByteArrayLiteral("/health"), QJsonDocument(fixture("health_ok.json")).toJson(QJsonDocument::Compact));
        m_bodies.insert(QByteArrayLiteral("/agents"), listBody({agent}));
        m_bodies.insert(QByteArrayLiteral("/environments"), listBody({env}));
        m_bodies.insert(QByteArrayLiteral("/sessions"), listBody(list));
        m_bodies.insert("/agents/" + m_agentId.toUtf8(), QJsonDocument(agent).toJson(QJsonDocument::Compact));
        m_bodies.insert("/environments/" + envId.toUtf8(), QJsonDocument(env).toJson(QJsonDocument::Compact));
    }
    qint64 sessionsBodySize() const { return m_bodies.value(QByteArrayLiteral("/sessions")).size(); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            QByteArray &buf = m_buffers[socket];
            buf += socket->readAll();
            qsizetype end;
            while ((end = buf.indexOf("\r\n\r\n")) >= 0) {
                const QByteArray head = buf.left(end);
                buf.remove(0, end + 4); // the canned API only takes GETs: no body to skip
                QByteArray path = head.split(' ').value(1);
                path = path.left(path.indexOf('?') >= 0 ? path.indexOf('?') : path.size());
                const auto it = m_bodies.constFind(path);
                const bool found = it != m_bodies.constEnd();
                const QByteArray body = found ? *it : QByteArrayLiteral("{\"detail\": \"Not found.\"}");
                socket->write((found ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 404 Not Found\r\n")
                              + QByteArray("Content-Type: application/json\r\nContent-Length: ")
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            }
        });
        connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
    }

private:
    QHash<QByteArray, QByteArray> m_bodies;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QString m_agentId;
};

//! The child: aod-desktop's composition, then "shown <ms since main>" once the window is exposed.
int runFirstWindowChild(int argc, char **argv, const QElapsedTimer &sinceMain)
{
    QApplication::setOrganizationName(QStringLiteral("AoD"));
    QApplication::setApplicationName(QStringLiteral("aod-desktop-bench"));
    QApplication app(argc, argv);
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("bench.ini")));
    TokenStore tokens(TokenStore::Backend::SessionOnly);
    ConnectionManager connection;
    MainWindow window(&settings, &tokens, &connection);
    window.show();
    const bool exposed = QTest::qWaitForWindowExposed(&window, 20000);
    std::printf("shown %lld %d\n", static_cast<long long>(sinceMain.elapsed()), exposed ? 1 : 0);
    std::fflush(stdout);
    return exposed ? 0 : 1;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

class BenchApp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startToFirstWindowShown()
    {
        const int runs = 5;
        QList<double> wall, inProcess;
        for (int i = 0; i < runs; ++i) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            child.setProcessEnvironment(env);
            QElapsedTimer clock;
            clock.start();
            child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child-first-window")});
            QVERIFY(child.waitForStarted(20000));
            QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.state() == QProcess::NotRunning, 30000);
            const double ms = double(clock.nsecsElapsed()) / 1e6;
            const QList<QByteArray> fields = child.readLine().trimmed().split(' ');
            QCOMPARE(fields.value(0), QByteArrayLiteral("shown"));
            QCOMPARE(fields.value(2), QByteArrayLiteral("1"));
            wall << ms;
            inProcess << fields.value(1).toDouble();
            // waitForFinished() is false for a child that already ended: ask the state first.
            QVERIFY(child.state() == QProcess::NotRunning || child.waitForFinished(20000));
            QCOMPARE(child.exitStatus(), QProcess::NormalExit);
            QCOMPARE(child.exitCode(), 0);
        }
        std::printf("BENCH app.start: start to first window shown %.0f ms best, %.0f ms median of %d "
                    "(process start incl. exec and loading; from main(): %.0f ms median)\n",
                    *std::min_element(wall.begin(), wall.end()), median(wall), runs, median(inProcess));
        std::fflush(stdout);
    }

    void tenThousandSessions()
    {
        const int n = 10000;
        QThread thread;
        auto *server = new CannedServer(n);
        server->moveToThread(&thread);
        thread.start();
        quint16 port = 0;
        QMetaObject::invokeMethod(server, [&] {
            server->listen(QHostAddress::LocalHost, 0);
            port = server->serverPort();
        }, Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);

        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("bench.ini")));
        TokenStore tokens(TokenStore::Backend::SessionOnly);
        ConnectionManager connection;
        {
            MainWindow window(&settings, &tokens, &connection);
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.tabs()->setCurrentWidget(window.sessionsPage());
            QTableView *view = window.sessionsPage()->view();

            const qint64 rssBefore = rssKiB();
            QSignalSpy loaded(&window, &MainWindow::listsLoaded);
            QElapsedTimer clock;
            clock.start();
            ConnectionProfile profile;
            profile.name = QStringLiteral("bench");
            profile.url = QStringLiteral("http://127.0.0.1:%1").arg(port);
            connection.connectTo(profile, QStringLiteral("aod_bench"));
            QVERIFY(loaded.wait(120000));
            const double loadMs = double(clock.nsecsElapsed()) / 1e6;
            QCOMPARE(window.sessionModel()->rowCount(), n);

            clock.restart();
            QTRY_COMPARE_WITH_TIMEOUT(window.sessionsPage()->stateName(), QStringLiteral("table"), 30000);
            view->viewport()->repaint();
            const double paintMs = double(clock.nsecsElapsed()) / 1e6;
            QCOMPARE(view->model()->rowCount(), n);

            clock.restart();
            view->sortByColumn(0, Qt::AscendingOrder);
            view->viewport()->repaint();
            const double sortMs = double(clock.nsecsElapsed()) / 1e6;

            clock.restart();
            window.sessionsPage()->filterEdit()->setText(QStringLiteral("000f"));
            QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() < n, 30000);
            view->viewport()->repaint();
            const double filterMs = double(clock.nsecsElapsed()) / 1e6;
            const int matching = view->model()->rowCount();
            window.sessionsPage()->filterEdit()->clear();
            QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), n, 30000);

            clock.restart();
            view->scrollToBottom();
            view->viewport()->repaint();
            const double scrollMs = double(clock.nsecsElapsed()) / 1e6;
            const qint64 rssGrowth = rssKiB() - rssBefore;

            qint64 bodyBytes = 0;
            QMetaObject::invokeMethod(server, [&] { bodyBytes = server->sessionsBodySize(); }, Qt::BlockingQueuedConnection);
            std::printf("BENCH app.sessions10k: %d sessions (%.1f MB JSON) loaded in %.0f ms (connect, HTTP, JSON, "
                        "models), first paint %.0f ms, sort %.0f ms, filter to %d rows %.0f ms, scroll to end %.0f ms; "
                        "RSS growth %.1f MiB\n",
                        n, double(bodyBytes) / 1e6, loadMs, paintMs, sortMs, matching, filterMs, scrollMs,
                        double(rssGrowth) / 1024.0);
            std::fflush(stdout);
        }
        QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (argc > 1 && std::strcmp(argv[1], "--child-first-window") == 0)
        return runFirstWindowChild(argc, argv, sinceMain);
    QApplication app(argc, argv);
    BenchApp bench;
    return QTest::qExec(&bench, argc, argv);
}

#include "bench_app.moc"
