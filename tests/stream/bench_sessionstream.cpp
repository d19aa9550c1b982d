// Benchmark (label bench): consuming a firehose session through SessionStream, against the
// ceiling of reading the very same bytes with a bare QTcpSocket. Prints numbers; never fails
// on speed (only on wrong results).
//
// Two setups, both in the same run:
//  1. "local server": the in-process LocalServer generates the stream while we read it, so
//     both readers pay for the server too (what an app against a local server sees);
//  2. "replay": the recorded HTTP response is served by a plain socket server in its own
//     thread as fast as the kernel takes it, which isolates the client's cost.
// Each setup runs the Direct transport both ways: the default (parsing and JSON decoding
// inline, on the stream's thread) and with StreamOptions::decodeInBackground on ("decoding in
// background", on the thread pool), so both show in the same run. Stream lines also show the process's CPU time during the
// run (all threads, so the local server's share in setup 1 and the replay thread's in setup 2
// too): CPU time above the elapsed time is work done in parallel. "main thread" is the share
// of the thread that runs the stream (and, in setup 1, the local server): what a GUI thread
// would spend.
// Two ceilings: the classic one reads into a buffer of its own (QIODevice::read(char *,
// qint64), a copy of every byte), the other with QIODevice::read(qint64), which hands over
// the socket's buffered block without a copy when it is the only one. The Direct transport
// reads the second way, so the stricter ratio is shown too.
// Then, without a network: the same bytes through SseParser alone and through parser and
// StreamEvent, as the stream decodes them, to show what the client's share is made of.
// Size: AOD_BENCH_EVENTS firehose events (default 20000), best of AOD_BENCH_ROUNDS (3).
#include "stream/sseparser_p.h"
#include "streamtestutil.h"

#include <aod/client.h>
#include <aod/sessionsapi.h>
#include <aod/sessionstream.h>
#include <aod/testing/localserver.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <cstdio>

#include <sys/resource.h>

using Aod::SessionStream;
using Aod::StreamOptions;
using namespace StreamTest;

namespace {

// Serves one canned HTTP response to every connection, from its own thread.
class ReplayServer : public QTcpServer
{
public:
    explicit ReplayServer(QByteArray response) : m_response(std::move(response)) {}

protected:
    void incomingConnection(qintptr fd) override
    {
        auto *s = new QTcpSocket(this);
        s->setSocketDescriptor(fd);
        auto head = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, s, [this, s, head] {
            *head += s->readAll();
            if (!head->contains("\r\n\r\n") || s->property("sent").toBool())
                return;
            s->setProperty("sent", true);
            s->write(m_response);
            s->disconnectFromHost();
        });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
    }

private:
    QByteArray m_response;
};

struct Result
{
    double seconds = 0;
    qint64 events = 0;
    qint64 bytes = 0;
    double cpuSeconds = -1;    // CPU time of the whole process (all threads) during the run
    double threadSeconds = -1; // of these, the stream's (main) thread
};

// User + system CPU time so far: of the process (all threads), or of the calling thread.
double cpuSeconds(int who = RUSAGE_SELF)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

void print(const char *label, const Result &r)
{
    std::printf("  %-44s %8.3f s  %10.0f events/s  %8.1f MB/s", label, r.seconds,
                r.events / r.seconds, r.bytes / r.seconds / 1e6);
    if (r.cpuSeconds >= 0)
        std::printf("  (cpu %.3f s, main thread %.3f s)", r.cpuSeconds, r.threadSeconds);
    std::printf("\n");
}

} // namespace

class BenchSessionStream : public QObject
{
    Q_OBJECT

    Result viaStream(Aod::Client &client, const QString &id, StreamOptions::Transport transport, qint64 expectEvents,
                     bool background = false)
    {
        StreamOptions o;
        o.transport = transport;
        o.decodeInBackground = background;
        o.autoReconnect = false;
        QElapsedTimer t;
        t.start();
        const double cpu0 = cpuSeconds();
        const double thread0 = cpuSeconds(RUSAGE_THREAD);
        SessionStream *s = client.sessions()->openStream(id, o);
        s->setAutoDelete(false);
        qint64 outputBytes = 0;
        connect(s, &SessionStream::eventReceived, s, [&outputBytes](const Aod::StreamEvent &e) {
            outputBytes += e.data().size(); // touch the payload as a consumer would
        });
        const bool done = s->waitForFinished(600000);
        Result r{t.nsecsElapsed() / 1e9, s->deliveredCount(), s->bytesReceived(), cpuSeconds() - cpu0,
                 cpuSeconds(RUSAGE_THREAD) - thread0};
        const bool ok = done && s->isTerminal() && s->deliveredCount() == expectEvents && outputBytes > 0;
        delete s;
        if (!ok)
            qFatal("stream run did not deliver the session (%lld of %lld events)", r.events, expectEvents);
        return r;
    }

    // The ceiling: a bare QTcpSocket that sends the GET and reads the response to its end,
    // counting bytes and keeping none (no accumulation, no de-chunking, no parsing).
    static Result viaRawSocket(const QUrl &url, const QString &token, const QString &id, qint64 expectWire,
                               bool blocks = false)
    {
        QElapsedTimer t;
        t.start();
        QTcpSocket socket;
        qint64 wire = 0;
        QEventLoop loop;
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
            if (blocks) {
                while (socket.bytesAvailable() > 0)
                    wire += socket.read(socket.bytesAvailable()).size();
                return;
            }
            char buffer[256 * 1024];
            for (qint64 n; (n = socket.read(buffer, sizeof buffer)) > 0;)
                wire += n;
        });
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
            socket.write("GET /sessions/" + id.toLatin1() + "/stream HTTP/1.1\r\nHost: " + url.host().toLatin1()
                         + "\r\nAuthorization: Bearer " + token.toLatin1()
                         + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n");
        });
        QTimer::singleShot(600000, &loop, &QEventLoop::quit);
        socket.connectToHost(url.host(), quint16(url.port()));
        loop.exec();
        wire += socket.readAll().size();
        const Result r{t.nsecsElapsed() / 1e9, 0, wire};
        if (wire < expectWire)
            qFatal("raw read got %lld bytes, expected at least %lld", wire, expectWire);
        return r;
    }

    template <typename F>
    static Result best(int rounds, F f)
    {
        Result b;
        for (int i = 0; i < rounds; ++i) {
            const Result r = f();
            if (i == 0 || r.seconds < b.seconds)
                b = r;
        }
        return b;
    }

private Q_SLOTS:
    void firehose()
    {
        const int n = envInt("AOD_BENCH_EVENTS", 20000);
        const int rounds = envInt("AOD_BENCH_ROUNDS", 3);
        Aod::Testing::LocalServer server;
        server.setTiming(Aod::Testing::ServerTiming::fast());
        QVERIFY(server.listen(0));
        Aod::Client client(Aod::ClientConfig(server.url().toString(), server.token()));
        const QString agent = createAgent(client);
        const QString id = createSession(client, agent, QStringLiteral("scenario:firehose:%1").arg(n));
        QVERIFY(waitForStatus(server, id, QStringLiteral("completed"), 120000));

        // The reference bytes and event count.
        qint64 wire = 0;
        const QByteArray body = rawStreamBody(server.url(), server.token(), id, -1, &wire);
        QVERIFY(!body.isEmpty());
        Aod::SseParser parser;
        qint64 events = 0;
        for (const Aod::SseEvent &e : parser.append(body))
            events += e.isComment() ? 0 : 1;
        // start, turn_start are delivered once; everything in one connection is delivered.
        std::printf("\nfirehose: %d output events, %lld SSE events, %.1f MB of SSE (%.1f MB on the wire)\n",
                    n, events, body.size() / 1e6, wire / 1e6);

        // Pure decoding cost, no network, the way the stream does it (each event decoded as the
        // parser completes it): the parser alone, then parser + StreamEvent with the payload
        // touched as in viaStream(). The body is read from memory, not from a socket's fresh
        // buffer, so both lines include reading it from RAM.
        const auto inMemory = [&](bool decode) {
            return best(rounds, [&] {
                QElapsedTimer t;
                t.start();
                Aod::SseParser p;
                qint64 count = 0;
                qint64 payload = 0;
                for (qsizetype at = 0; at < body.size(); at += 65536) {
                    p.parse(QByteArrayView(body).sliced(at, qMin<qsizetype>(65536, body.size() - at)), [&](Aod::SseEvent &e) {
                        if (e.isComment())
                            return true;
                        Aod::StreamEvent ev;
                        if (!decode || Aod::StreamEvent::fromData(e.data, -1, ev, nullptr))
                            ++count;
                        if (decode)
                            payload += ev.data().size();
                        return true;
                    });
                }
                if (count != events || (decode && payload == 0))
                    qFatal("in-memory decoding got %lld of %lld events", count, events);
                return Result{t.nsecsElapsed() / 1e9, count, body.size()};
            });
        };
        const Result parseOnly = inMemory(false);
        const Result decode = inMemory(true);

        std::printf("1) local server (generates while we read):\n");
        const Result rawLocal = best(rounds, [&] { return viaRawSocket(server.url(), server.token(), id, body.size()); });
        const Result blocksLocal =
            best(rounds, [&] { return viaRawSocket(server.url(), server.token(), id, body.size(), true); });
        const Result directLocal = best(rounds, [&] { return viaStream(client, id, StreamOptions::Transport::Direct, events); });
        const Result bgLocal = best(rounds, [&] { return viaStream(client, id, StreamOptions::Transport::Direct, events, true); });
        const Result namLocal = best(rounds, [&] { return viaStream(client, id, StreamOptions::Transport::NetworkAccessManager, events); });
        print("raw QTcpSocket (ceiling, wire bytes)", Result{rawLocal.seconds, events, rawLocal.bytes});
        print("raw QTcpSocket, read(qint64): no copy", Result{blocksLocal.seconds, events, blocksLocal.bytes});
        print("SessionStream, Direct transport", directLocal);
        print("SessionStream, Direct, decoding in background", bgLocal);
        print("SessionStream, QNetworkAccessManager", namLocal);
        std::printf("  ratio Direct/ceiling %.2f, Direct background decoding/ceiling %.2f, QNAM/ceiling %.2f\n",
                    rawLocal.seconds / directLocal.seconds, rawLocal.seconds / bgLocal.seconds,
                    rawLocal.seconds / namLocal.seconds);
        std::printf("  against the no-copy ceiling: Direct %.2f, Direct background decoding %.2f\n",
                    blocksLocal.seconds / directLocal.seconds, blocksLocal.seconds / bgLocal.seconds);

        // Replay the recorded response from another thread.
        QByteArray response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                              "Connection: close\r\n\r\n" + body;
        QThread thread;
        auto *replay = new ReplayServer(response);
        replay->moveToThread(&thread);
        thread.start();
        quint16 port = 0;
        QMetaObject::invokeMethod(replay, [&] {
            replay->listen(QHostAddress::LocalHost, 0);
            port = replay->serverPort();
        }, Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);
        const QUrl replayUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        Aod::Client replayClient(Aod::ClientConfig(replayUrl.toString(), server.token()));

        std::printf("2) replay server (its own thread, client cost only):\n");
        const Result rawReplay = best(rounds, [&] { return viaRawSocket(replayUrl, server.token(), id, body.size()); });
        const Result blocksReplay =
            best(rounds, [&] { return viaRawSocket(replayUrl, server.token(), id, body.size(), true); });
        const Result directReplay = best(rounds, [&] { return viaStream(replayClient, id, StreamOptions::Transport::Direct, events); });
        const Result bgReplay = best(rounds, [&] { return viaStream(replayClient, id, StreamOptions::Transport::Direct, events, true); });
        const Result namReplay = best(rounds, [&] { return viaStream(replayClient, id, StreamOptions::Transport::NetworkAccessManager, events); });
        print("raw QTcpSocket (ceiling, wire bytes)", Result{rawReplay.seconds, events, rawReplay.bytes});
        print("raw QTcpSocket, read(qint64): no copy", Result{blocksReplay.seconds, events, blocksReplay.bytes});
        print("SessionStream, Direct transport", directReplay);
        print("SessionStream, Direct, decoding in background", bgReplay);
        print("SessionStream, QNetworkAccessManager", namReplay);
        std::printf("  ratio Direct/ceiling %.2f, Direct background decoding/ceiling %.2f, QNAM/ceiling %.2f\n",
                    rawReplay.seconds / directReplay.seconds, rawReplay.seconds / bgReplay.seconds,
                    rawReplay.seconds / namReplay.seconds);
        std::printf("  against the no-copy ceiling: Direct %.2f, Direct background decoding %.2f\n",
                    blocksReplay.seconds / directReplay.seconds, blocksReplay.seconds / bgReplay.seconds);
        std::printf("3) decoding only (in memory, as the stream does it):\n");
        print("SseParser::parse", parseOnly);
        print("SseParser::parse + StreamEvent::fromData", decode);
        std::printf("\n");
        std::fflush(stdout);

        QMetaObject::invokeMethod(replay, [replay] { delete replay; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

QTEST_GUILESS_MAIN(BenchSessionStream)
#include "bench_sessionstream.moc"
