// Console benchmark (label bench; prints numbers, never fails on speed).
//  1. synthetic: Claude stream-json lines pushed through ConsoleFeeder into the OutputLogModel
//     shown in a visible OutputLogView, in bursts from the event loop;
//  2. end to end: a `firehose` session of the in-process LocalServer through the real SessionView.
// Reports lines/s, the longest event-loop stall seen by a 5 ms probe timer, and memory at the cap.
#include "models/outputlogmodel.h"
#include "session/consolefeeder.h"
#include "session/sessionview.h"
#include "settings/appsettings.h"
#include "widgets/outputlogview.h"

#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/sessionsapi.h>
#include <aod/testing/localserver.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

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

//! Measures the longest gap between 5 ms ticks: how long the GUI thread was blocked.
class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gap = m_clock.restart();
            m_max = std::max(m_max, gap);
        });
    }
    void start() { m_clock.start(); m_timer.start(); m_max = 0; }
    qint64 stop() { m_timer.stop(); return m_max; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_max = 0;
};

QString claudeLine(int i)
{
    QJsonObject o;
    switch (i % 3) {
    case 0:
        o = QJsonObject{{QStringLiteral("type"), QStringLiteral("assistant")},
                        {QStringLiteral("message"), QJsonObject{{QStringLiteral("content"), QJsonArray{QJsonObject{
                            {QStringLiteral("type"), QStringLiteral("text")},
                            {QStringLiteral("text"), QStringLiteral("Step %1: reading the module and checking the tests").arg(i)}}}}}}};
        break;
    case 1:
        o = QJsonObject{{QStringLiteral("type"), QStringLiteral("assistant")},
                        {QStringLiteral("message"), QJsonObject{{QStringLiteral("content"), QJsonArray{QJsonObject{
                            {QStringLiteral("type"), QStringLiteral("tool_use")}, {QStringLiteral("name"), QStringLiteral("Bash")},
                            {QStringLiteral("input"), QJsonObject{{QStringLiteral("command"), QStringLiteral("pytest -q tests/test_%1.py").arg(i)}}}}}}}}};
        break;
    default:
        o = QJsonObject{{QStringLiteral("type"), QStringLiteral("assistant")},
                        {QStringLiteral("message"), QJsonObject{{QStringLiteral("content"), QJsonArray{QJsonObject{
                            {QStringLiteral("type"), QStringLiteral("thinking")},
                            {QStringLiteral("thinking"), QStringLiteral("The failure in case %1 comes from the fixture order").arg(i)}}}}}}};
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n');
}
} // namespace

class BenchConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void synthetic()
    {
        const int cap = AppSettings::DefaultConsoleLineCap;
        const int total = 400000, burst = 2000;
        OutputLogModel formatted, raw;
        formatted.setLineCap(cap);
        raw.setLineCap(cap);
        OutputLogView view;
        view.resize(900, 600);
        view.setModel(&formatted);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ConsoleFeeder feeder(&formatted, &raw);
        feeder.setProvider(QStringLiteral("anthropic"));
        QStringList lines;
        for (int i = 0; i < 300; ++i)
            lines << claudeLine(i);
        const qint64 rssBefore = rssKiB();
        StallProbe probe;
        int sent = 0;
        qint64 id = 0;
        QElapsedTimer clock;
        QTimer pump;
        connect(&pump, &QTimer::timeout, this, [&] {
            // One burst = what the stream delivers in one readyRead at a firehose rate.
            for (int i = 0; i < burst && sent < total; ++i, ++sent)
                feeder.feed(Aod::StreamEvent::output(QStringLiteral("stdout"), lines[sent % lines.size()], 1, ++id));
            if (sent >= total)
                pump.stop();
        });
        probe.start();
        clock.start();
        pump.start(0);
        QTRY_VERIFY_WITH_TIMEOUT(sent >= total && formatted.pendingLines() == 0, 180000);
        const qint64 ms = std::max<qint64>(1, clock.elapsed());
        const qint64 stall = probe.stop();
        QCOMPARE(formatted.rowCount(), cap);
        QVERIFY(view.followTail());
        const double linesPerSec = double(formatted.totalLines()) * 1000.0 / double(ms);
        std::printf("BENCH console.synthetic: %lld formatted lines (+%lld raw) in %lld ms = %.0f lines/s; "
                    "longest event-loop stall %lld ms; at cap %d: model ~%.1f MiB (formatted) + ~%.1f MiB (raw), "
                    "RSS growth %.1f MiB\n",
                    formatted.totalLines(), raw.totalLines(), ms, linesPerSec, stall, cap,
                    double(formatted.approximateBytes()) / 1048576.0, double(raw.approximateBytes()) / 1048576.0,
                    double(rssKiB() - rssBefore) / 1024.0);
    }

    void endToEndFirehose()
    {
        Aod::Testing::LocalServer server;
        server.setTiming(Aod::Testing::ServerTiming::fast());
        QVERIFY(server.listen(0));
        Aod::Client client(Aod::ClientConfig(server.url().toString(), server.token()));
        Aod::AgentDraft draft;
        draft.name = QStringLiteral("bench");
        draft.provider = QStringLiteral("anthropic");
        draft.model = QStringLiteral("claude-sonnet-4-6");
        auto *agent = client.agents()->create(draft);
        QSignalSpy created(agent, &Aod::Reply::succeeded);
        QVERIFY(created.wait(5000));
        const int n = 50000;
        Aod::SessionDraft s;
        s.agentId = agent->result().id;
        s.prompt = QStringLiteral("scenario:firehose:%1").arg(n);
        auto *session = client.sessions()->create(s);
        QSignalSpy started(session, &Aod::Reply::succeeded);
        QVERIFY(started.wait(5000));
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("b.ini")));
        SessionView view(&client, session->result().id, &settings);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const qint64 rssBefore = rssKiB();
        StallProbe probe;
        QElapsedTimer clock;
        probe.start();
        clock.start();
        view.start();
        // The end is the stream's, not the session's: the view's first GET can already find the
        // firehose completed, before the stream has delivered anything (a loaded machine made
        // that the whole wait, with no line yet).
        QTRY_VERIFY_WITH_TIMEOUT(view.stream() && view.stream()->isFinished() && view.formattedModel()->pendingLines() == 0,
                                 180000);
        const qint64 ms = std::max<qint64>(1, clock.elapsed());
        const qint64 stall = probe.stop();
        QCOMPARE(view.stream()->finishReason(), Aod::SessionStream::FinishReason::TerminalEvent);
        const qint64 lines = view.rawModel()->totalLines();
        QVERIFY(lines > 0);
        std::printf("BENCH console.firehose: %d-event session end to end (HTTP+SSE, formatter, two models, view): "
                    "%lld raw lines, %lld formatted in %lld ms = %.0f raw lines/s; longest stall %lld ms; "
                    "rows held %d (cap %d); RSS growth %.1f MiB\n",
                    n, lines, view.formattedModel()->totalLines(), ms, double(lines) * 1000.0 / double(ms), stall,
                    view.rawModel()->rowCount(), view.rawModel()->lineCap(), double(rssKiB() - rssBefore) / 1024.0);
    }
};

QTEST_MAIN(BenchConsole)
#include "bench_console.moc"
