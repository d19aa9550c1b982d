// Benchmark: the local server's own SSE throughput ceiling (firehose scenario), read with a raw
// QTcpSocket so no client-side parsing cost is included. The server runs in its own thread.
// Prints numbers; never fails on speed. Events: AOD_BENCH_EVENTS (default 100000).
#include "serverclient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <time.h>

using namespace ServerTest;
using Aod::Testing::LocalServer;
using Aod::Testing::ServerTiming;

class BenchFirehose : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firehoseCeiling();
    void pollLimitedReplay();

private:
    struct Result {
        qint64 bytes = 0;
        qint64 events = 0;
        qint64 ms = 0;
        bool terminal = false;
        bool ready = false;
        bool closed = false;
        double serverCpuMs = 0; // CPU time of the server thread while streaming
    };
    Result runOnce(const QString &prompt, qint64 expectedRows, const ServerTiming &timing);
};

BenchFirehose::Result BenchFirehose::runOnce(const QString &prompt, qint64 expectedRows, const ServerTiming &timing)
{
    QThread thread;
    thread.start();
    QObject context;
    context.moveToThread(&thread);
    LocalServer *server = nullptr;
    quint16 port = 0;
    QString token;
    QMetaObject::invokeMethod(&context, [&] {
        server = new LocalServer;
        server->setTiming(timing);
        server->listen();
        port = server->port();
        token = server->token();
    }, Qt::BlockingQueuedConnection);

    Result res;
    {
        Client c(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), token);
        const QString agent = c.createAgent();
        const QString id = c.createSession(agent, prompt);
        // wait until every row exists (turn_count/status via HTTP: no cross-thread reads)
        res.ready = QTest::qWaitFor([&] { return c.get(QStringLiteral("/sessions/") + id).obj().value(QStringLiteral("status")).toString()
                                     == QLatin1String("completed"); }, 120000);

        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        s.waitForConnected(5000);
        s.setReadBufferSize(0);
        QByteArray carry;
        bool headDone = false;
        QElapsedTimer clock;
        connect(&s, &QTcpSocket::readyRead, this, [&] {
            QByteArray chunk = s.readAll();
            if (!headDone) {
                carry += chunk;
                const qsizetype h = carry.indexOf("\r\n\r\n");
                if (h < 0)
                    return;
                headDone = true;
                chunk = carry.mid(h + 4);
                carry.clear();
            }
            res.bytes += chunk.size();
            // count frame separators across chunk boundaries
            const QByteArray scan = carry + chunk;
            res.events += scan.count("\n\n") - carry.count("\n\n");
            carry = scan.right(64);
            if (scan.contains("\"type\": \"exit\""))
                res.terminal = true;
        });
        auto threadCpuMs = [&] {
            double ms = 0;
            QMetaObject::invokeMethod(&context, [&] {
                timespec ts{};
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
                ms = double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
            }, Qt::BlockingQueuedConnection);
            return ms;
        };
        const double cpuBefore = threadCpuMs();
        clock.start();
        s.write("GET /sessions/" + id.toLatin1() + "/stream HTTP/1.0\r\nAuthorization: Bearer " + token.toUtf8() + "\r\n\r\n");
        res.closed = QTest::qWaitFor([&] { return s.state() == QAbstractSocket::UnconnectedState; }, 240000);
        res.ms = std::max<qint64>(1, clock.elapsed());
        res.serverCpuMs = std::max(0.001, threadCpuMs() - cpuBefore);
        Q_UNUSED(expectedRows)
    }
    QMetaObject::invokeMethod(&context, [&] { delete server; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return res;
}

void BenchFirehose::firehoseCeiling()
{
    bool ok = false;
    qint64 n = qEnvironmentVariableIntValue("AOD_BENCH_EVENTS", &ok);
    if (!ok || n <= 0)
        n = 100000;
    const Result r = runOnce(QStringLiteral("scenario:firehose:%1 go").arg(n), n, ServerTiming::fast());
    const double secs = r.ms / 1000.0;
    qInfo("firehose: %lld events, %.1f MB in %lld ms wall -> %.0f events/s, %.1f MB/s (raw socket reader)",
          r.events, r.bytes / 1e6, r.ms, r.events / secs, r.bytes / 1e6 / secs);
    // Load-independent figure: what one fully available core would sustain.
    const double cpuSecs = r.serverCpuMs / 1000.0;
    qInfo("firehose: server thread used %.0f ms CPU -> %.0f events/s, %.1f MB/s per CPU-second",
          r.serverCpuMs, r.events / cpuSecs, r.bytes / 1e6 / cpuSecs);
    QVERIFY(r.ready);
    QVERIFY(r.closed);
    QVERIFY(r.terminal);
    // start + stages + runtime_start + turn_start + n outputs + exit
    QVERIFY2(r.events >= n + 3, qPrintable(QString::number(r.events)));
}

void BenchFirehose::pollLimitedReplay()
{
    // For comparison: a normal session replayed through the contract's poll loop (100 rows per poll).
    ServerTiming t = ServerTiming::fast();
    const Result r = runOnce(QStringLiteral("scenario:long x"), 0, t);
    const double secs = r.ms / 1000.0;
    qInfo("poll-limited replay (poll %d ms, 100 rows/poll): %lld events, %.1f MB in %lld ms -> %.0f events/s",
          t.pollIntervalMs, r.events, r.bytes / 1e6, r.ms, r.events / secs);
    QVERIFY(r.terminal);
    QVERIFY(r.events > 100);
}

QTEST_MAIN(BenchFirehose)
#include "bench_firehose.moc"
