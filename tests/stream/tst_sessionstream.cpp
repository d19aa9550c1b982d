// Aod::SessionStream against a scripted byte-level mock (ssemockserver.h): the delivery rules,
// the cursor on the wire, every failure class, lifetime, and following across turns. Every
// test runs twice (global data): decoding on the stream's thread (the default) and on the
// thread pool (StreamOptions::decodeInBackground on).
#include "ssemockserver.h"

#include <aod/client.h>
#include <aod/sessionsapi.h>
#include <aod/sessionstream.h>

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

using Aod::Error;
using Aod::SessionStream;
using Aod::StreamEvent;
using Aod::StreamOptions;
using State = Aod::SessionStream::State;
using Reason = Aod::SessionStream::FinishReason;
using Mock = SseMockServer;

namespace {

const QString Sid = QStringLiteral("6f1c2a4e-9b1d-4c39-8a57-2f0f3f6d1e21");
const QString Token = QStringLiteral("aod_test-token");

QByteArray frame(const QByteArray &json, qint64 id = -1)
{
    return (id >= 0 ? "id: " + QByteArray::number(id) + "\n" : QByteArray()) + "data: " + json + "\n\n";
}
QByteArray startEv()
{
    return frame(R"({"type": "start", "provider": "anthropic", "session_id": "6f1c2a4e-9b1d-4c39-8a57-2f0f3f6d1e21"})");
}
QByteArray stageEv(qint64 id, const char *stage = "runtime_start")
{
    return frame(R"({"type": "stage", "id": )" + QByteArray::number(id) + R"(, "stage": ")" + stage
                     + R"(", "state": "started"})",
                 id);
}
QByteArray turnStartEv(qint64 id, int turn)
{
    return frame(R"({"type": "turn_start", "id": )" + QByteArray::number(id) + R"(, "turn": )"
                 + QByteArray::number(turn) + "}"); // no id: line, as the server does
}
QByteArray outEv(qint64 id, const QByteArray &data, int turn = 1, const char *stream = "stdout")
{
    return frame(R"({"type": "output", "id": )" + QByteArray::number(id) + R"(, "stream": ")" + stream
                     + R"(", "data": ")" + data + R"(", "turn": )" + QByteArray::number(turn) + "}",
                 id);
}
QByteArray exitEv(qint64 id, int code = 0)
{
    return frame(R"({"type": "exit", "id": )" + QByteArray::number(id) + R"(, "code": )"
                     + QByteArray::number(code) + "}",
                 id > 0 ? id : -1);
}
QByteArray sessionJson(const char *status)
{
    return R"({"id": "6f1c2a4e-9b1d-4c39-8a57-2f0f3f6d1e21", "agent_id": null, "environment_id": null, )"
           R"("provider": "anthropic", "status": ")" + QByteArray(status) + R"(", "exit_code": null, )"
           R"("created_at": "2026-04-22T05:15:16.910301+00:00", "updated_at": "2026-04-22T05:15:16+00:00", )"
           R"("resources": [], "turn_count": 1, "current_turn": 1})";
}

// The decoding path of the current test row (see initTestCase_data()).
bool g_background = true;

StreamOptions fastOptions()
{
    StreamOptions o;
    o.decodeInBackground = g_background;
    o.initialBackoffMs = 5;
    o.maxBackoffMs = 40;
    o.maxRetries = 5;
    o.idleTimeoutMs = 10000;
    return o;
}

// \a chunks body chunks of \a perChunk output events each, ids 1 .. chunks * perChunk.
QList<QByteArray> outputChunks(int chunks, int perChunk, const QByteArray &payload)
{
    QList<QByteArray> out;
    for (int chunk = 0; chunk < chunks; ++chunk) {
        QByteArray frames;
        for (int i = 1; i <= perChunk; ++i)
            frames += outEv(qint64(chunk) * perChunk + i, payload);
        out.append(frames);
    }
    return out;
}

// The output events of \a events carry the ids 1, 2, 3, ... (none lost, none repeated, in
// order): returns how many they are, or minus the position of the first that breaks the run.
qint64 outputIdsInOrder(const QList<StreamEvent> &events)
{
    qint64 expected = 1;
    for (const StreamEvent &e : events) {
        if (e.type() != StreamEvent::Type::Output)
            continue;
        if (e.sseId() != expected)
            return -expected;
        ++expected;
    }
    return expected - 1;
}

// Runs \a dialog inside the slot of the stream's first output event, as a modal dialog opened
// there would run (a nested event loop below the stream's signal). True once it ran.
std::shared_ptr<bool> atFirstOutput(SessionStream *s, std::function<void()> dialog)
{
    auto ran = std::make_shared<bool>(false);
    QObject::connect(s, &SessionStream::eventReceived, s, [ran, dialog = std::move(dialog)](const StreamEvent &e) {
        if (e.type() == StreamEvent::Type::Output && !*ran) {
            *ran = true;
            dialog();
        }
    });
    return ran;
}

// Records every signal of a stream, in order.
class Recorder : public QObject
{
public:
    explicit Recorder(SessionStream *s)
    {
        connect(s, &SessionStream::eventReceived, this, [this](const StreamEvent &e) {
            events.append(e);
            log.append(e.typeString());
        });
        connect(s, &SessionStream::stateChanged, this, [this](State st) {
            states.append(st);
            log.append(QStringLiteral("state:%1").arg(int(st)));
        });
        connect(s, &SessionStream::errorOccurred, this, [this](const Error &e) {
            errors.append(e);
            log.append(QStringLiteral("error"));
        });
        connect(s, &SessionStream::heartbeat, this, [this] {
            ++heartbeats;
            log.append(QStringLiteral("heartbeat"));
        });
        connect(s, &SessionStream::finished, this, [this] {
            ++finishedCount;
            log.append(QStringLiteral("finished"));
        });
    }
    QStringList types() const
    {
        QStringList t;
        for (const StreamEvent &e : events)
            t.append(e.typeString());
        return t;
    }
    QString output() const
    {
        QString o;
        for (const StreamEvent &e : events) {
            if (e.type() == StreamEvent::Type::Output)
                o += e.data();
        }
        return o;
    }

    QList<StreamEvent> events;
    QList<State> states;
    QList<Error> errors;
    QStringList log;
    int heartbeats = 0;
    int finishedCount = 0;
};

} // namespace

class TestSessionStream : public QObject
{
    Q_OBJECT

    std::unique_ptr<Mock> server;
    std::unique_ptr<Aod::Client> client;

    SessionStream *open(const StreamOptions &o = fastOptions(), const QString &id = Sid)
    {
        SessionStream *s = client->sessions()->openStream(id, o);
        s->setAutoDelete(false);
        return s;
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("background");
        QTest::addRow("decode-in-background") << true;
        QTest::addRow("decode-on-stream-thread") << false;
    }
    void init()
    {
        QFETCH_GLOBAL(bool, background);
        g_background = background;
        server = std::make_unique<Mock>();
        client = std::make_unique<Aod::Client>(Aod::ClientConfig(server->url().toString(), Token));
    }
    void cleanup()
    {
        client.reset();
        server.reset();
    }

    void happyPathAndRequestShape()
    {
        QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/sse/docs_example.sse"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        server->enqueue(Mock::sse({f.readAll()}));
        SessionStream *s = open();
        Recorder rec(s);
        QCOMPARE(s->state(), State::Connecting);
        QVERIFY(rec.log.isEmpty()); // nothing inside openStream()
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("turn_start"),
                                           QStringLiteral("output"), QStringLiteral("output"),
                                           QStringLiteral("exit")}));
        QCOMPARE(rec.log.first(), QStringLiteral("state:%1").arg(int(State::Open)));
        QCOMPARE(rec.log.mid(rec.log.size() - 2),
                 QStringList({QStringLiteral("state:%1").arg(int(State::Closed)), QStringLiteral("finished")}));
        QCOMPARE(rec.finishedCount, 1);
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QVERIFY(s->isTerminal());
        QCOMPARE(s->terminalEvent().exitCode().value_or(-1), 0);
        QVERIFY(!s->error().isError());
        QCOMPARE(s->cursor(), qint64(2));
        QCOMPARE(s->currentTurn(), 1);
        QCOMPARE(rec.output(), QStringLiteral("hello\nworld\n"));
        QCOMPARE(s->deliveredCount(), qint64(5));
        QVERIFY(s->bytesReceived() > 100);
        QVERIFY(s->msSinceLastActivity() >= 0);

        QCOMPARE(server->requests().size(), 1);
        const auto req = server->requests().first();
        QCOMPARE(req.method, QByteArray("GET"));
        QCOMPARE(req.path(), "/sessions/" + Sid.toLatin1() + "/stream");
        QCOMPARE(req.query(), QByteArray()); // from the beginning: no cursor
        QCOMPARE(req.header("Accept"), QByteArray("text/event-stream"));
        QCOMPARE(req.header("Authorization"), "Bearer " + Token.toLatin1());
        QVERIFY(req.header("Last-Event-ID").isEmpty());
        QCOMPARE(req.header("Cache-Control"), QByteArray("no-cache"));
        QVERIFY(req.header("User-Agent").startsWith("aod"));
        QCOMPARE(req.header("Connection"), QByteArray("close"));
        QCOMPARE(req.header("Host"), server->url().authority().toLatin1());
        // Finished once; waiting again returns at once.
        QVERIFY(s->waitForFinished(0));
        s->close(); // no-op
        QCOMPARE(rec.finishedCount, 1);
        delete s;
    }

    void sinceSentAsQueryAndHeader()
    {
        server->enqueue(Mock::sse({startEv(), outEv(12, "x"), exitEv(12)}));
        StreamOptions o = fastOptions();
        o.since = 10;
        SessionStream *s = open(o);
        QCOMPARE(s->cursor(), qint64(10));
        QVERIFY(s->waitForFinished(10000));
        const auto req = server->requests().value(0);
        QCOMPARE(req.query(), QByteArray("since=10"));
        QCOMPARE(req.header("Last-Event-ID"), QByteArray("10"));
        QCOMPARE(s->cursor(), qint64(12));
        delete s;
    }

    // The `id:` value is the resume cursor: plain digits (what AoD sends) and the forms
    // QByteArray::toLongLong() takes after trimming are ids; anything else is no id at all.
    void sseIdLinesAreReadAsNumbers()
    {
        const auto withId = [](const QByteArray &idLine, int n) -> QByteArray {
            return "id:" + idLine + "\ndata: {\"type\": \"output\", \"stream\": \"stdout\", \"data\": \"e"
                   + QByteArray::number(n) + "\", \"turn\": 1}\n\n";
        };
        const QList<QPair<QByteArray, qint64>> ids = {
            {" 5", 5}, {"  6 ", 6}, {" +7", 7}, {" 0008", 8}, {" x9", -1}, {" 12a", -1}, {"", -1},
            {" 123456789012345678", 123456789012345678}, {" 1234567890123456789", 1234567890123456789},
            {" 99999999999999999999", -1}, {" -3", -1}};
        QByteArray body = startEv();
        for (int i = 0; i < ids.size(); ++i)
            body += withId(ids[i].first, i);
        server->enqueue(Mock::sse({body, exitEv(0)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QList<qint64> seen;
        for (const StreamEvent &e : std::as_const(rec.events)) {
            if (e.type() == StreamEvent::Type::Output)
                seen.append(e.sseId());
        }
        QList<qint64> expected;
        for (const auto &id : ids)
            expected.append(id.second);
        QCOMPARE(seen, expected);
        QCOMPARE(s->cursor(), qint64(1234567890123456789));
        delete s;
    }

    // The Python SDK's bug (sdk-parity §1.7): a drop between turn_start and its output.
    void dropBetweenTurnStartAndOutput()
    {
        server->enqueue(Mock::sse({startEv(), stageEv(3), turnStartEv(5, 1)}));
        server->enqueue(Mock::sse({startEv(), turnStartEv(5, 1), outEv(5, "first chunk\\n"), outEv(8, "second"), exitEv(8)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("stage"),
                                           QStringLiteral("turn_start"), QStringLiteral("output"),
                                           QStringLiteral("output"), QStringLiteral("exit")}));
        QCOMPARE(rec.output(), QStringLiteral("first chunk\nsecond"));
        QCOMPARE(server->requests().size(), 2);
        // The cursor did not move on turn_start: the resume asks for everything after 3.
        QCOMPARE(server->requests()[1].query(), QByteArray("since=3"));
        QCOMPARE(server->requests()[1].header("Last-Event-ID"), QByteArray("3"));
        QCOMPARE(s->duplicateCount(), qint64(2)); // start and turn_start again
        QCOMPARE(s->reconnectCount(), 1);
        QCOMPARE(rec.errors.size(), 1);
        QCOMPARE(rec.errors[0].code(), Error::Code::NetworkError);
        QVERIFY(rec.states.contains(State::Reconnecting));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        delete s;
    }

    void dropInsideAFrame()
    {
        const QByteArray o7 = outEv(7, "seven");
        server->enqueue(Mock::sse({startEv(), outEv(4, "four"), o7.left(o7.size() / 2)}, Mock::End::Abort));
        server->enqueue(Mock::sse({startEv(), o7.mid(0, 10), o7.mid(10), exitEv(7)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.output(), QStringLiteral("fourseven"));
        QCOMPARE(server->requests()[1].query(), QByteArray("since=4"));
        delete s;
    }

    void serverIgnoringTheCursorIsDeduplicated()
    {
        // A server that replays from the start on every connection: ids <= cursor are dropped.
        const QList<QByteArray> all = {startEv(), turnStartEv(2, 1), outEv(2, "a"), outEv(5, "b"), outEv(9, "c")};
        server->enqueue(Mock::sse(all.mid(0, 4)));
        server->enqueue(Mock::sse(all + QList<QByteArray>{exitEv(9)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.output(), QStringLiteral("abc"));
        QCOMPARE(rec.types().count(QStringLiteral("turn_start")), 1);
        QCOMPARE(rec.types().count(QStringLiteral("start")), 1);
        QCOMPARE(s->duplicateCount(), qint64(4)); // start, turn_start, ids 2 and 5
        delete s;
    }

    void turnStartRuleAcrossTurns()
    {
        // One connection covering two turns, then a resume inside turn 2.
        server->enqueue(Mock::sse({startEv(), turnStartEv(3, 1), outEv(3, "t1"), stageEv(6),
                                   turnStartEv(8, 2), outEv(8, "t2a", 2)}));
        server->enqueue(Mock::sse({startEv(), turnStartEv(11, 2), outEv(11, "t2b", 2), exitEv(11)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QStringList turnStarts;
        for (const StreamEvent &e : rec.events) {
            if (e.type() == StreamEvent::Type::TurnStart)
                turnStarts.append(QString::number(e.turn().value_or(-1)));
        }
        QCOMPARE(turnStarts, QStringList({QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(rec.output(), QStringLiteral("t1t2at2b"));
        QCOMPARE(s->currentTurn(), 2);
        delete s;
    }

    void heartbeatsAreSignalled()
    {
        server->enqueue(Mock::sse({startEv(), ": heartbeat\n\n", outEv(3, "x"), ": heartbeat\n\n", exitEv(3)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.heartbeats, 2);
        QCOMPARE(rec.log.indexOf(QStringLiteral("heartbeat")), rec.log.indexOf(QStringLiteral("start")) + 1);
        delete s;
    }

    void notFoundEndsAtOnce()
    {
        server->enqueue(Mock::status(404, R"({"detail": "Session not found"})"));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::HttpError);
        QCOMPARE(s->error().code(), Error::Code::NotFound);
        QCOMPARE(s->error().httpStatus(), 404);
        QCOMPARE(s->error().detailText(), QStringLiteral("Session not found"));
        QVERIFY(rec.errors.isEmpty()); // not transient
        QCOMPARE(server->requests().size(), 1);
        QVERIFY(!s->isTerminal());
        QCOMPARE(s->state(), State::Closed);
        delete s;
    }

    void unauthorizedEndsAtOnce()
    {
        server->enqueue(Mock::status(401, R"({"detail": "Invalid API key"})"));
        server->enqueue(Mock::status(401, R"({"detail": "Invalid API key"})"));
        QSignalSpy authFailed(client.get(), &Aod::Client::authenticationFailed);
        SessionStream *s = open();
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(authFailed.count(), 1); // the Client hears of the rejected token
        SessionStream *again = open();
        QVERIFY(again->waitForFinished(10000));
        QCOMPARE(authFailed.count(), 1); // once per token
        delete again;
        QCOMPARE(s->finishReason(), Reason::HttpError);
        QCOMPARE(s->error().code(), Error::Code::AuthenticationError);
        QCOMPARE(s->error().detailText(), QStringLiteral("Invalid API key"));
        QCOMPARE(server->requests().size(), 2);
        delete s;
    }

    void badCursorIs400AndFinal()
    {
        server->enqueue(Mock::status(400, R"({"detail": "since must be an integer"})"));
        SessionStream *s = open();
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::HttpError);
        QCOMPARE(s->error().httpStatus(), 400);
        delete s;
    }

    void serviceUnavailableBurstRecovers()
    {
        for (int i = 0; i < 3; ++i)
            server->enqueue(Mock::status(503, R"({"detail": "Service unavailable"})"));
        server->enqueue(Mock::status(502, "<html>bad gateway</html>", "text/html"));
        server->enqueue(Mock::sse({startEv(), outEv(3, "ok"), exitEv(3)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(rec.output(), QStringLiteral("ok"));
        QCOMPARE(rec.errors.size(), 4);
        QCOMPARE(rec.errors[0].code(), Error::Code::ServerError);
        QCOMPARE(rec.errors[0].httpStatus(), 503);
        QCOMPARE(rec.errors[3].httpStatus(), 502);
        QCOMPARE(s->reconnectCount(), 4);
        QCOMPARE(rec.states.first(), State::Reconnecting);
        delete s;
    }

    void retryBudgetExhausted()
    {
        for (int i = 0; i < 3; ++i)
            server->enqueue(Mock::status(503, R"({"detail": "Service unavailable"})"));
        StreamOptions o = fastOptions();
        o.maxRetries = 2;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::RetryBudgetExhausted);
        QCOMPARE(s->error().code(), Error::Code::ServerError);
        QCOMPARE(server->requests().size(), 3); // the first try and two retries
        QCOMPARE(rec.errors.size(), 3);
        QCOMPARE(rec.finishedCount, 1);
        delete s;
    }

    // sdk-parity §3.6 R3: the budget resets after progress.
    void budgetResetsOnProgress()
    {
        server->enqueue(Mock::sse({startEv()}));
        server->enqueue(Mock::sse({outEv(2, "a")}));
        server->enqueue(Mock::sse({outEv(3, "b")}));
        server->enqueue(Mock::sse({exitEv(4)}));
        StreamOptions o = fastOptions();
        o.maxRetries = 2;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("output"),
                                           QStringLiteral("output"), QStringLiteral("exit")}));
        QCOMPARE(server->requests().size(), 4);
        delete s;
    }

    void autoReconnectOffFinishesOnDrop()
    {
        server->enqueue(Mock::sse({startEv(), outEv(2, "a")}));
        StreamOptions o = fastOptions();
        o.autoReconnect = false;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::RetryBudgetExhausted);
        QCOMPARE(s->error().code(), Error::Code::NetworkError);
        QCOMPARE(server->requests().size(), 1);
        QCOMPARE(rec.output(), QStringLiteral("a"));
        delete s;
    }

    void connectionRefused()
    {
        server->stopListening();
        StreamOptions o = fastOptions();
        o.maxRetries = 1;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::RetryBudgetExhausted);
        QCOMPARE(s->error().code(), Error::Code::NetworkError);
        QVERIFY(s->error().networkError() != QNetworkReply::NoError);
        QCOMPARE(rec.errors.size(), 2);
        delete s;
    }

    void idleWatchdogReconnects()
    {
        server->enqueue(Mock::sse({startEv(), outEv(2, "before ")}, Mock::End::Hold));
        server->enqueue(Mock::sse({startEv(), outEv(4, "after"), exitEv(4)}));
        StreamOptions o = fastOptions();
        o.idleTimeoutMs = 150;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.output(), QStringLiteral("before after"));
        QCOMPARE(rec.errors.size(), 1);
        QCOMPARE(rec.errors[0].code(), Error::Code::TimeoutError);
        QCOMPARE(server->requests()[1].header("Last-Event-ID"), QByteArray("2"));
        QTRY_COMPARE(server->openSockets(), 0); // the stalled connection was dropped
        delete s;
    }

    void watchdogCoversMissingHeaders()
    {
        SseMockServer::Response silent;
        silent.end = SseMockServer::End::Hold; // accepts, never answers
        server->enqueue(silent);
        server->enqueue(Mock::sse({startEv(), exitEv(0)}));
        StreamOptions o = fastOptions();
        o.idleTimeoutMs = 150;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.errors.value(0).code(), Error::Code::TimeoutError);
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("exit")}));
        delete s;
    }

    void serverRetryFieldSetsTheDelay()
    {
        server->enqueue(Mock::sse({"retry: 1\n\n", startEv(), outEv(2, "a")}));
        server->enqueue(Mock::sse({exitEv(2)}));
        StreamOptions o = fastOptions();
        o.initialBackoffMs = 600000; // would time the test out if `retry:` were ignored
        o.maxBackoffMs = 600000;
        SessionStream *s = open(o);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        delete s;
    }

    void wrongContentTypeIsFinal()
    {
        server->enqueue(Mock::status(200, "<html>login page</html>", "text/html"));
        SessionStream *s = open();
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::ProtocolError);
        QCOMPARE(s->error().code(), Error::Code::StreamError);
        QCOMPARE(server->requests().size(), 1);
        delete s;
    }

    void noContentIsFinal()
    {
        SseMockServer::Response r;
        r.head = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
        server->enqueue(r);
        SessionStream *s = open();
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::ProtocolError);
        QCOMPARE(server->requests().size(), 1);
        delete s;
    }

    void bufferCeiling()
    {
        server->enqueue(Mock::sse({startEv(), "data: " + QByteArray(8192, 'x')}, Mock::End::Hold));
        StreamOptions o = fastOptions();
        o.maxBufferSize = 1024;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::ProtocolError);
        QVERIFY(s->error().message().contains(QLatin1String("1024")));
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start")}));
        QCOMPARE(server->requests().size(), 1);
        delete s;
    }

    void malformedPayloadIsReportedAndSkipped()
    {
        server->enqueue(Mock::sse({startEv(), "data: {not json\n\n", "data: [1, 2]\n\n",
                                   R"(data: {"type": "usage", "id": 3, "tokens": 5})" "\n\n",
                                   outEv(4, "fine"), exitEv(4)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.errors.size(), 2);
        QCOMPARE(rec.errors[0].code(), Error::Code::StreamError);
        QCOMPARE(rec.errors[0].rawSample(), QByteArray("{not json"));
        // The unknown type passes through, the stream goes on.
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("usage"),
                                           QStringLiteral("output"), QStringLiteral("exit")}));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(server->requests().size(), 1);
        delete s;
    }

    void lineEndingsAndChunkedEncoding()
    {
        QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/sse/claude_turn.sse"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        text.replace('\n', '\r'); // bare CR line ends
        QList<QByteArray> pieces;
        for (qsizetype i = 0; i < text.size(); i += 7)
            pieces.append(text.mid(i, 7));
        server->enqueue(Mock::sse(pieces, Mock::End::Close, true));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(20000));
        QCOMPARE(rec.events.size(), 20);
        QCOMPARE(rec.heartbeats, 2);
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QVERIFY(rec.output().contains(QStringLiteral("\"result\"")));
        QVERIFY(rec.output().contains(QStringLiteral("Caf\\u00e9"))); // JSONL text, escaped by the CLI
        delete s;
    }

    void staleChecksAndReconnects()
    {
        server->enqueue(Mock::sse({startEv(), outEv(5, "a"),
                                   frame(R"({"type": "stale", "id": 5, "message": "No output for 600s"})", 5)}));
        server->enqueue(Mock::status(200, sessionJson("running")));
        server->enqueue(Mock::sse({startEv(), outEv(7, "b"), exitEv(7)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("output"),
                                           QStringLiteral("output"), QStringLiteral("exit")}));
        QCOMPARE(server->requests().size(), 3);
        QCOMPARE(server->requests()[1].path(), "/sessions/" + Sid.toLatin1());
        QCOMPARE(server->requests()[2].query(), QByteArray("since=5"));
        QVERIFY(rec.errors.isEmpty()); // stale is not a failure
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        delete s;
    }

    void staleOnADeletedSession()
    {
        server->enqueue(Mock::sse({startEv(), frame(R"({"type": "stale", "id": 0, "message": "No output for 600s"})")}));
        server->enqueue(Mock::status(404, R"({"detail": "Session not found"})"));
        SessionStream *s = open();
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::HttpError);
        QCOMPARE(s->error().code(), Error::Code::NotFound);
        QCOMPARE(server->requests().size(), 2);
        delete s;
    }

    void staleWithoutAutoReconnectIsDelivered()
    {
        server->enqueue(Mock::sse({startEv(), frame(R"({"type": "stale", "id": 0, "message": "No output for 600s"})")}));
        StreamOptions o = fastOptions();
        o.autoReconnect = false;
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("stale")}));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QVERIFY(!s->isTerminal()); // the session did not end
        delete s;
    }

    void terminalEventWithoutId()
    {
        server->enqueue(Mock::sse({startEv(), frame(R"({"type": "terminated", "id": 0, "message": "Session terminated"})")}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.types().last(), QStringLiteral("terminated"));
        QVERIFY(s->isTerminal());
        QCOMPARE(s->cursor(), qint64(0));
        delete s;
    }

    void closeByCaller()
    {
        server->enqueue(Mock::sse({startEv(), outEv(2, "a")}, Mock::End::Hold));
        SessionStream *s = open();
        Recorder rec(s);
        QTRY_COMPARE(rec.events.size(), 2);
        QCOMPARE(s->state(), State::Open);
        s->close();
        QCOMPARE(rec.finishedCount, 1); // synchronous
        QCOMPARE(s->state(), State::Closed);
        QCOMPARE(s->finishReason(), Reason::ClosedByCaller);
        QVERIFY(!s->error().isError());
        QTRY_COMPARE(server->openSockets(), 0); // the connection really went away
        s->close();
        QCOMPARE(rec.finishedCount, 1);
        delete s;
    }

    void closeInsideASlotStopsDelivery()
    {
        server->enqueue(Mock::sse({startEv() + outEv(2, "a") + outEv(3, "b") + exitEv(3)}));
        SessionStream *s = open();
        Recorder rec(s);
        connect(s, &SessionStream::eventReceived, s, [s](const StreamEvent &e) {
            if (e.type() == StreamEvent::Type::Output)
                s->close();
        });
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("output")}));
        QCOMPARE(s->finishReason(), Reason::ClosedByCaller);
        QCOMPARE(rec.finishedCount, 1);
        delete s;
    }

    void deleteInsideASlot()
    {
        server->enqueue(Mock::sse({startEv() + outEv(2, "a") + outEv(3, "b") + exitEv(3)}));
        QPointer<SessionStream> s = open();
        int seen = 0;
        connect(s, &SessionStream::eventReceived, this, [&](const StreamEvent &) {
            ++seen;
            delete s.data();
        });
        QTRY_VERIFY(!s);
        QCOMPARE(seen, 1);
    }

    // A slot that runs a nested event loop (a modal dialog, say) sees no later event before the
    // rest of the batch it is in, and nothing is lost; with both body framings.
    void nestedEventLoopInASlotKeepsOrder_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::addRow("close-delimited") << false;
        QTest::addRow("chunked") << true;
    }
    void nestedEventLoopInASlotKeepsOrder()
    {
        QFETCH(bool, chunked);
        server->enqueue(Mock::sse({startEv() + outEv(2, "a") + outEv(3, "b"), outEv(4, "c"), exitEv(4)}, Mock::End::Close,
                                  chunked));
        SessionStream *s = open();
        Recorder rec(s);
        const auto nested = atFirstOutput(s, [&] {
            QTest::qWait(300); // the server sends the rest, and closes, meanwhile
            QCOMPARE(rec.output(), QStringLiteral("a"));
        });
        QVERIFY(s->waitForFinished(10000));
        QVERIFY(*nested);
        QCOMPARE(rec.output(), QStringLiteral("abc"));
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("output"), QStringLiteral("output"),
                                           QStringLiteral("output"), QStringLiteral("exit")}));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(rec.errors.size(), 0);
        delete s;
    }

    void autoDeleteAfterFinished()
    {
        server->enqueue(Mock::sse({startEv(), exitEv(0)}));
        QPointer<SessionStream> s = client->sessions()->openStream(Sid, fastOptions());
        QVERIFY(s->autoDelete());
        QVERIFY(s->waitForFinished(10000));
        QVERIFY(s); // still readable right after waitForFinished
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QTRY_VERIFY(!s);
    }

    void configurationErrors()
    {
        client->setConfig(Aod::ClientConfig(server->url().toString(), QString()));
        SessionStream *s = open();
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::ConfigurationError);
        QCOMPARE(s->error().code(), Error::Code::ConfigurationError);
        delete s;
        client->setConfig(Aod::ClientConfig(server->url().toString(), Token));
        s = open(fastOptions(), QStringLiteral("  "));
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::ConfigurationError);
        QVERIFY(server->requests().isEmpty());
        delete s;
    }

    void waitForFinishedTimesOut()
    {
        server->enqueue(Mock::sse({startEv()}, Mock::End::Hold));
        SessionStream *s = open();
        QVERIFY(!s->waitForFinished(100));
        QVERIFY(!s->isFinished());
        QCOMPARE(s->finishReason(), Reason::None);
        delete s; // aborts quietly
        QTRY_COMPARE(server->openSockets(), 0);
    }

    // Following a session across turns: the second run delivers only the new turn.
    void resumeAfterAFollowUpPrompt()
    {
        server->enqueue(Mock::sse({startEv(), turnStartEv(5, 1), outEv(5, "turn one"), exitEv(5)}));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->cursor(), qint64(5));
        // (Here an application sends POST /prompt and waits for its 202.)
        server->enqueue(Mock::sse({startEv(), stageEv(9), turnStartEv(11, 2), outEv(11, "turn two", 2), exitEv(11)}));
        QVERIFY(s->resume());
        QCOMPARE(s->state(), State::Connecting);
        QVERIFY(!s->resume()); // running: refused
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.finishedCount, 2);
        QCOMPARE(server->requests().size(), 2);
        QCOMPARE(server->requests()[1].query(), QByteArray("since=5"));
        QCOMPARE(server->requests()[1].header("Last-Event-ID"), QByteArray("5"));
        const QStringList second = rec.types().mid(4);
        QCOMPARE(second, QStringList({QStringLiteral("stage"), QStringLiteral("turn_start"),
                                      QStringLiteral("output"), QStringLiteral("exit")}));
        QCOMPARE(rec.output(), QStringLiteral("turn oneturn two"));
        QCOMPARE(s->currentTurn(), 2);
        delete s;
    }

    // The QNetworkAccessManager transport: the same rules on the paths where QNAM behaves
    // (complete responses; ends we cause ourselves). Cuts are covered in tst_streamfaults.
    // The QNetworkAccessManager transport: the same rules on the paths where QNAM behaves
    // (complete responses, and streams that we end ourselves on a terminal or stale event;
    // the mock holds those sockets open, as the real server's keep-alive does). Qt 6.4 re-sends
    // requests whose connection the server cuts, see ssetransport_p.h; tst_streamfaults
    // measures that against the local server.
    void networkAccessManagerTransport()
    {
        StreamOptions o = fastOptions();
        o.transport = StreamOptions::Transport::NetworkAccessManager;
        server->enqueue(Mock::status(503, R"({"detail": "Service unavailable"})"));
        server->enqueue(Mock::sse({startEv(), turnStartEv(5, 1), outEv(5, "a"),
                                   frame(R"({"type": "stale", "id": 5, "message": "No output for 600s"})", 5)}, Mock::End::Hold));
        server->enqueue(Mock::status(200, sessionJson("running")));
        server->enqueue(Mock::sse({startEv(), turnStartEv(7, 1), outEv(7, "b"), exitEv(7)}, Mock::End::Hold));
        SessionStream *s = open(o);
        Recorder rec(s);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(rec.types(), QStringList({QStringLiteral("start"), QStringLiteral("turn_start"),
                                           QStringLiteral("output"), QStringLiteral("output"),
                                           QStringLiteral("exit")}));
        QCOMPARE(rec.errors.size(), 1);
        QCOMPARE(rec.errors[0].httpStatus(), 503);
        QCOMPARE(server->requests().size(), 4);
        QCOMPARE(server->requests()[3].query(), QByteArray("since=5"));
        QCOMPARE(server->requests()[3].header("Last-Event-ID"), QByteArray("5"));
        QCOMPARE(server->requests()[0].header("Accept"), QByteArray("text/event-stream"));

        // Following the next turn through the same manager.
        server->enqueue(Mock::sse({startEv(), turnStartEv(9, 2), outEv(9, "c", 2), exitEv(9)}, Mock::End::Hold));
        QVERIFY(s->resume());
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(rec.output(), QStringLiteral("abc"));
        QCOMPARE(server->requests().size(), 5);
        delete s;

        server->enqueue(Mock::status(404, R"({"detail": "Session not found"})"));
        s = open(o);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->error().code(), Error::Code::NotFound);
        delete s;
        server->enqueue(Mock::status(200, "<html></html>", "text/html"));
        s = open(o);
        QVERIFY(s->waitForFinished(10000));
        QCOMPARE(s->finishReason(), Reason::ProtocolError);
        delete s;
    }

    void tlsDirectTransport()
    {
        auto readPem = [](const char *name) {
            QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/sse/tls/") + QLatin1String(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QSslCertificate cert(readPem("cert.pem"));
        const QSslKey key(readPem("key.pem"), QSsl::Rsa);
        QVERIFY(!cert.isNull());
        QVERIFY(!key.isNull());
        QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
        serverTls.setLocalCertificate(cert);
        serverTls.setPrivateKey(key);
        Mock tlsServer(nullptr, &serverTls);
        tlsServer.enqueue(Mock::sse({startEv(), outEv(3, "secure"), exitEv(3)}, Mock::End::Hold));
        tlsServer.enqueue(Mock::sse({startEv(), exitEv(0)}, Mock::End::Hold));

        // The client trusts the test CA through the default configuration, as an app would
        // through the system store.
        const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = saved;
        trusting.addCaCertificate(cert);
        QSslConfiguration::setDefaultConfiguration(trusting);
        Aod::Client tlsClient(Aod::ClientConfig(tlsServer.url().toString(), Token));
        SessionStream *s = tlsClient.sessions()->openStream(Sid, fastOptions());
        s->setAutoDelete(false);
        Recorder rec(s);
        const bool done = s->waitForFinished(20000);
        QSslConfiguration::setDefaultConfiguration(saved);
        QVERIFY(done);
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(rec.output(), QStringLiteral("secure"));
        QCOMPARE(tlsServer.requests().value(0).header("Authorization"), "Bearer " + Token.toLatin1());
        delete s;

        // Without trust in the certificate: a TLS failure, transient, until the budget is spent.
        StreamOptions o = fastOptions();
        o.maxRetries = 1;
        s = tlsClient.sessions()->openStream(Sid, o);
        s->setAutoDelete(false);
        QVERIFY(s->waitForFinished(20000));
        QCOMPARE(s->finishReason(), Reason::RetryBudgetExhausted);
        QCOMPARE(s->error().networkError(), QNetworkReply::SslHandshakeFailedError);
        delete s;
    }

    void resumeFromTheFinishedSlotKeepsAnAutoDeleteStream()
    {
        server->enqueue(Mock::sse({startEv(), exitEv(0)}));
        server->enqueue(Mock::sse({stageEv(3), exitEv(3)}));
        QPointer<SessionStream> s = client->sessions()->openStream(Sid, fastOptions());
        int runs = 0;
        connect(s, &SessionStream::finished, this, [&] {
            if (++runs == 1)
                QVERIFY(s->resume());
        });
        QTRY_COMPARE(runs, 2);
        QTRY_VERIFY(!s); // deleted after the second run
        QCOMPARE(server->requests().size(), 2);
    }

    // --- Decoding off the stream's thread: order, ends, reconnects, lifetime ---------------

    void defaultsToInlineDecoding()
    {
        QVERIFY(!StreamOptions().decodeInBackground);
    }

    // A connection with megabytes of events that ends without a terminal event: the drop is
    // handled only after every event of it was delivered (the resume asks for the last id),
    // and nothing of the first connection arrives after the second one's events began.
    void endOfAConnectionWaitsForItsEvents()
    {
        const QByteArray payload(900, 'p');
        QList<QByteArray> first{startEv(), turnStartEv(1, 1)};
        first += outputChunks(30, 100, payload);
        server->enqueue(Mock::sse(first)); // a clean close mid-session: a drop
        QList<QByteArray> second{startEv(), turnStartEv(2990, 1)};
        for (int id = 2990; id <= 3500; ++id) // overlaps the first connection: duplicates
            second.append(outEv(id, payload));
        second.append(exitEv(3500));
        server->enqueue(Mock::sse(second, Mock::End::Hold));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(60000));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(server->requests().size(), 2);
        QCOMPARE(server->requests()[1].query(), QByteArray("since=3000"));
        QCOMPARE(server->requests()[1].header("Last-Event-ID"), QByteArray("3000"));
        QCOMPARE(outputIdsInOrder(rec.events), qint64(3500)); // none lost, none repeated, in order
        QCOMPARE(s->duplicateCount(), qint64(11 + 2)); // 2990..3000, start, turn_start
        // The drop's error comes after the last event of the first connection.
        const qsizetype error = rec.log.indexOf(QStringLiteral("error"));
        QVERIFY(error > 0);
        QCOMPARE(rec.log.count(QStringLiteral("error")), 1);
        qsizetype outputsBefore = 0;
        for (qsizetype i = 0; i < error; ++i)
            outputsBefore += rec.log[i] == QLatin1String("output") ? 1 : 0;
        QCOMPARE(outputsBefore, qsizetype(3000));
        // The terminal event, then Closed, then finished.
        QCOMPARE(rec.log.mid(rec.log.size() - 3),
                 QStringList({QStringLiteral("exit"), QStringLiteral("state:%1").arg(int(State::Closed)),
                              QStringLiteral("finished")}));
        delete s;
    }

    // A slot that runs a nested event loop while megabytes arrive: the decoder stops after a
    // few batches, nothing is delivered inside the nested loop, and afterwards everything
    // follows in order.
    void nestedEventLoopWhileALargeBodyArrives()
    {
        const QByteArray payload(1000, 'n');
        QList<QByteArray> pieces{startEv(), turnStartEv(1, 1)};
        pieces += outputChunks(40, 100, payload);
        pieces.append(exitEv(4000));
        server->enqueue(Mock::sse(pieces, Mock::End::Close, true));
        SessionStream *s = open();
        Recorder rec(s);
        const auto nested = atFirstOutput(s, [&] {
            const qsizetype before = rec.events.size();
            QTest::qWait(300); // the whole body arrives meanwhile
            QCOMPARE(rec.events.size(), before);
        });
        QVERIFY(s->waitForFinished(60000));
        QVERIFY(*nested);
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(outputIdsInOrder(rec.events), qint64(4000));
        QVERIFY(rec.errors.isEmpty());
        delete s;
    }

    // A slot that keeps a modal dialog open while the server sends 64 MB: the client stops
    // reading once its bounded buffers are full (the transport's read buffer, and in the
    // background mode the decoder's queue), so most of the body stays with the server instead
    // of piling up in our memory; afterwards everything arrives in order.
    void nestedEventLoopKeepsMemoryBounded_data()
    {
        QTest::addColumn<StreamOptions::Transport>("transport");
        QTest::addRow("direct") << StreamOptions::Transport::Direct;
        QTest::addRow("qnam") << StreamOptions::Transport::NetworkAccessManager;
    }
    void nestedEventLoopKeepsMemoryBounded()
    {
        QFETCH(StreamOptions::Transport, transport);
        const QByteArray payload(1000, 'm');
        constexpr int Pieces = 64;
        constexpr int PerPiece = 1000;
        const QList<QByteArray> outputs = outputChunks(Pieces, PerPiece, payload);
        qint64 total = 0;
        for (const QByteArray &chunk : outputs)
            total += chunk.size();
        QList<QByteArray> pieces{startEv(), turnStartEv(1, 1)};
        pieces += outputs;
        pieces.append(exitEv(Pieces * PerPiece));
        server->enqueue(Mock::sse(pieces, Mock::End::Close)); // close-delimited: the close is its end
        StreamOptions o = fastOptions();
        o.transport = transport;
        SessionStream *s = open(o);
        Recorder rec(s);
        qint64 unsentDuringDialog = -1;
        const auto nested = atFirstOutput(s, [&] {
            QTest::qWait(1500); // the dialog; the server writes all it has meanwhile
            unsentDuringDialog = server->unsentBytes();
        });
        QVERIFY(s->waitForFinished(120000));
        QVERIFY(*nested);
        // Without the bounds the server sends everything within the dialog's time. With them,
        // what it could send is what we hold (the transport's 4 MB read buffer; in the
        // background mode the decoder's 8 MB queue, a chunk beyond it and four decoded
        // batches; with QNAM also Qt's buffers between its HTTP thread and the reply) plus
        // the loopback's socket buffers: 8-23 MB of the 70 MB measured.
        QVERIFY2(unsentDuringDialog > total / 4,
                 qPrintable(QStringLiteral("the server could send %1 of %2 bytes while the receiver was busy")
                                .arg(total - unsentDuringDialog).arg(total)));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(outputIdsInOrder(rec.events), qint64(Pieces * PerPiece));
        QVERIFY(rec.errors.isEmpty());
        QCOMPARE(server->requests().size(), 1);
        delete s;
    }

    // A receiver busy longer than the idle timeout (a modal dialog in a slot) is not a silent
    // connection: the watchdog waits for it instead of reconnecting.
    void watchdogWaitsForABusyReceiver()
    {
        server->enqueue(Mock::sse({startEv(), turnStartEv(1, 1), outEv(1, "a"), outEv(2, "b"), outEv(3, "c"), exitEv(3)}));
        StreamOptions o = fastOptions();
        o.idleTimeoutMs = 150;
        SessionStream *s = open(o);
        Recorder rec(s);
        const auto nested = atFirstOutput(s, [&] {
            QTest::qWait(800); // several idle timeouts
        });
        QVERIFY(s->waitForFinished(10000));
        QVERIFY(*nested);
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(rec.output(), QStringLiteral("abc"));
        QVERIFY(rec.errors.isEmpty());
        QCOMPARE(server->requests().size(), 1);
        QCOMPARE(s->reconnectCount(), 0);
        delete s;
    }

    // close() or delete from inside a nested event loop that a slot runs (a modal dialog with
    // a Stop button; the header says both are allowed there): the transport whose signal is
    // still on the stack below is deleted only after that signal returns, not by the nested
    // loop (which crashed inside QIODevice, or was a use-after-free under ASan), the
    // connection closes, and nothing is delivered after the stop.
    void stopFromANestedEventLoopInASlot_data()
    {
        QTest::addColumn<bool>("deleteIt");
        QTest::addRow("close") << false;
        QTest::addRow("delete") << true;
    }
    void stopFromANestedEventLoopInASlot()
    {
        QFETCH(bool, deleteIt);
        server->enqueue(Mock::sse({startEv() + turnStartEv(1, 1) + outEv(1, "a") + outEv(2, "b") + outEv(3, "c"), exitEv(3)},
                                  Mock::End::Hold));
        SessionStream *s = open();
        const QPointer<SessionStream> alive(s);
        Recorder rec(s);
        const auto nested = atFirstOutput(s, [&] {
            if (deleteIt)
                QTimer::singleShot(0, this, [s] { delete s; });
            else
                QTimer::singleShot(0, s, &SessionStream::close);
            QTest::qWait(200); // the dialog stays open after Stop was pressed
        });
        if (deleteIt) {
            QTRY_VERIFY(alive.isNull());
        } else {
            QVERIFY(s->waitForFinished(10000));
            QCOMPARE(s->finishReason(), Reason::ClosedByCaller);
        }
        QVERIFY(*nested);
        QCOMPARE(rec.output(), QStringLiteral("a"));
        QCOMPARE(rec.finishedCount, deleteIt ? 0 : 1); // deleting is quiet
        QTRY_COMPARE(server->openSockets(), 0);
        delete alive.data();
    }

    // A large session ending with its terminal event and a close: every event, then the
    // terminal one, then finished; the close after it is not a drop.
    void terminalEventBeforeFinishedAfterALargeBody()
    {
        const QByteArray payload(2000, 'q');
        QList<QByteArray> pieces{startEv()};
        for (int id = 1; id <= 2000; ++id)
            pieces.append(outEv(id, payload));
        pieces.append(exitEv(2000));
        server->enqueue(Mock::sse({pieces.join()}, Mock::End::Close, true));
        SessionStream *s = open();
        Recorder rec(s);
        QVERIFY(s->waitForFinished(60000));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(rec.events.size(), 2002);
        QCOMPARE(rec.events.last().type(), StreamEvent::Type::Exit);
        QVERIFY(rec.errors.isEmpty());
        QCOMPARE(rec.log.mid(rec.log.size() - 3),
                 QStringList({QStringLiteral("exit"), QStringLiteral("state:%1").arg(int(State::Closed)),
                              QStringLiteral("finished")}));
        QCOMPARE(s->cursor(), qint64(2000));
        delete s;
    }

    // Deleted while its bytes are being decoded or its batches wait in the event queue:
    // nothing is delivered afterwards, nothing posts to the deleted object (ASan/LSan).
    void deleteWhileDecoding()
    {
        const QByteArray payload(1000, 'd');
        QByteArray body = startEv();
        for (int id = 1; id <= 4000; ++id)
            body += outEv(id, payload);
        body += exitEv(4000);
        for (int round = 0; round < 3; ++round)
            server->enqueue(Mock::sse({body}, Mock::End::Hold));
        for (int round = 0; round < 3; ++round) {
            QPointer<SessionStream> s = open();
            int seen = 0;
            int atDelete = -1;
            const auto deleteIt = [&] {
                if (s) {
                    atDelete = seen;
                    delete s.data();
                }
            };
            connect(s, &SessionStream::eventReceived, this, [&](const StreamEvent &e) {
                ++seen;
                if (round == 1 && seen == 1) // from the event loop, with batches queued
                    QTimer::singleShot(0, this, deleteIt);
                else if (round == 2 && e.sseId() == 10) // from a slot, inside a batch
                    deleteIt();
            });
            QTimer poll; // round 0: as soon as bytes arrived, before (most of) their decoding
            poll.setInterval(0);
            connect(&poll, &QTimer::timeout, this, [&] {
                if (round == 0 && s && s->bytesReceived() > 0)
                    deleteIt();
            });
            poll.start();
            QTRY_VERIFY(!s);
            poll.stop();
            QVERIFY2(atDelete >= 0 && atDelete < 4002, qPrintable(QString::number(atDelete)));
            QThreadPool::globalInstance()->waitForDone();
            QTest::qWait(50); // anything posted meanwhile is processed (or was discarded)
            QCOMPARE(seen, atDelete);
        }
        QTRY_COMPARE(server->openSockets(), 0);
    }

    // close() while decoded batches wait: nothing after finished, and resume() starts clean.
    void closeWhileBatchesAreQueued()
    {
        const QByteArray payload(1000, 'c');
        QByteArray body = startEv() + turnStartEv(1, 1);
        for (int id = 1; id <= 3000; ++id)
            body += outEv(id, payload);
        server->enqueue(Mock::sse({body}, Mock::End::Hold));
        SessionStream *s = open();
        Recorder rec(s);
        QTRY_VERIFY(s->bytesReceived() > 0);
        s->close();
        const qsizetype atClose = rec.log.size();
        QCOMPARE(rec.log.last(), QStringLiteral("finished"));
        QThreadPool::globalInstance()->waitForDone();
        QTest::qWait(50);
        QCOMPARE(rec.log.size(), atClose);
        // Resuming delivers the rest exactly once, from the cursor.
        const qint64 cursor = s->cursor();
        QByteArray rest;
        for (qint64 id = cursor + 1; id <= 3000; ++id)
            rest += outEv(id, payload);
        server->enqueue(Mock::sse({startEv(), turnStartEv(cursor + 1, 1), rest, exitEv(3000)}, Mock::End::Hold));
        QVERIFY(s->resume());
        QVERIFY(s->waitForFinished(60000));
        QCOMPARE(s->finishReason(), Reason::TerminalEvent);
        QCOMPARE(outputIdsInOrder(rec.events), qint64(3000));
        QCOMPARE(server->requests()[1].query(), "since=" + QByteArray::number(cursor));
        delete s;
    }
};

QTEST_GUILESS_MAIN(TestSessionStream)
#include "tst_sessionstream.moc"
