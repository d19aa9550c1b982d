// Conformance of the local server's SSE stream (contract §6): framing bytes, ids, cursor rules,
// turn_start, heartbeats, terminal and stale events, replay, chunked transfer.
#include "serverclient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace ServerTest;
using Aod::Testing::LocalServer;
using Aod::Testing::ServerTiming;

namespace {
QString S(const char *s) { return QString::fromUtf8(s); }
} // namespace

class TestServerSse : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void headersAndStartFrame();
    void framingRulesOnFullReplay();
    void idsSharedAcrossSessionsWithGaps();
    void cursorIsExclusiveAndResumeRepeatsTurnStart();
    void lastEventIdWins();
    void cursorParsing_data();
    void cursorParsing();
    void streamErrorsAndCheckOrder();
    void terminalIdIsCursorWhenNothingSent();
    void terminalEventsPerStatus();
    void terminalOnlyAfterAnEmptyPoll();
    void liveStreamAcrossTurns();
    void heartbeatsWhileOutputFlows();
    void staleWhileRunningAndPending();
    void chunkedTransferWithQnamAndKeepAlive();
    void deletedSessionCutsTheStream();
    void purgedRowsResumeFromNextSurvivor();
    void streamSignalsAndCounters();

private:
    QString completedSession(const QString &prompt = QStringLiteral("hi"));
    std::unique_ptr<LocalServer> server;
    std::unique_ptr<Client> c;
    QString agent;
};

void TestServerSse::init()
{
    server = std::make_unique<LocalServer>();
    server->setTiming(ServerTiming::fast());
    QVERIFY(server->listen());
    c = std::make_unique<Client>(server->url(), server->token());
    agent = c->createAgent();
}

void TestServerSse::cleanup()
{
    c.reset();
    server.reset();
}

QString TestServerSse::completedSession(const QString &prompt)
{
    const QString id = c->createSession(agent, prompt);
    if (!waitForStatus(*server, id, S("completed")) && !waitForStatus(*server, id, S("failed"), 10))
        return {};
    return id;
}

void TestServerSse::headersAndStartFrame()
{
    const QString id = completedSession();
    QVERIFY(!id.isEmpty());
    const RawStream r = readStream(server->port(), server->token(), id);
    QCOMPARE(r.status, 200);
    QVERIFY(r.closed);
    QVERIFY(r.head.contains("\r\nContent-Type: text/event-stream\r\n"));
    QVERIFY(r.head.contains("\r\nCache-Control: no-cache\r\n"));
    QVERIFY(r.head.contains("\r\nX-Accel-Buffering: no\r\n"));
    QVERIFY(r.body.startsWith(QStringLiteral("data: {\"type\": \"start\", \"provider\": \"anthropic\", \"session_id\": \"%1\"}\n\n").arg(id).toUtf8()));
}

void TestServerSse::framingRulesOnFullReplay()
{
    const QString id = completedSession();
    const RawStream r = readStream(server->port(), server->token(), id);
    QVERIFY(!r.body.contains("\nevent:") && !r.body.startsWith("event:"));
    QVERIFY(!r.body.contains("retry:"));
    QVERIFY(!r.body.contains('\r'));
    const QList<Frame> frames = r.frames();
    QVERIFY(frames.size() > 10);
    QJsonArray log = server->sessionLog(id);
    int rowIndex = 0;
    qint64 pendingTurnStartId = -1;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const Frame &f = frames[i];
        // every frame is at most one id line plus exactly one single-line data line
        QVERIFY(f.lines.size() <= 2);
        QVERIFY(!f.data.isEmpty());
        const QJsonObject o = f.json();
        QVERIFY2(!o.isEmpty(), f.data.constData());
        const QStringList keys = keysInOrder(f.data);
        QCOMPARE(keys.first(), S("type"));
        const QString type = o.value(QStringLiteral("type")).toString();
        // json.dumps default separators
        QVERIFY(f.data.startsWith("{\"type\": \""));
        if (type == QLatin1String("start")) {
            QCOMPARE(i, 0);
            QVERIFY(!f.hasId);
            QVERIFY(!o.contains(QStringLiteral("id")));
            continue;
        }
        QCOMPARE(keys.at(1), S("id"));
        const qint64 jsonId = o.value(QStringLiteral("id")).toInteger();
        if (type == QLatin1String("turn_start")) {
            QVERIFY(!f.hasId); // never an id line on turn_start
            QCOMPARE(keys, (QStringList{S("type"), S("id"), S("turn")}));
            pendingTurnStartId = jsonId;
            continue;
        }
        if (type == QLatin1String("exit")) {
            QCOMPARE(i, frames.size() - 1);
            QCOMPARE(f.data, QStringLiteral("{\"type\": \"exit\", \"id\": %1, \"code\": 0}").arg(jsonId).toUtf8());
            QCOMPARE(jsonId, log.last().toObject().value(QStringLiteral("id")).toInteger());
            QVERIFY(f.hasId);
            continue;
        }
        QVERIFY(f.hasId);
        QCOMPARE(f.id.toLongLong(), jsonId);
        // rows in order, exactly as the log
        const QJsonObject row = log.at(rowIndex++).toObject();
        QCOMPARE(o, row);
        if (type == QLatin1String("output")) {
            QCOMPARE(keys, (QStringList{S("type"), S("id"), S("stream"), S("data"), S("turn")}));
            if (pendingTurnStartId >= 0) {
                QCOMPARE(pendingTurnStartId, jsonId); // turn_start carries the id of the output after it
                pendingTurnStartId = -1;
            }
        } else {
            QCOMPARE(type, S("stage"));
            QVERIFY(!o.contains(QStringLiteral("turn")));
        }
    }
    QCOMPARE(rowIndex, log.size());
    // exactly one turn_start for a one-turn replay
    int turnStarts = 0;
    for (const Frame &f : frames)
        turnStarts += f.type() == QLatin1String("turn_start");
    QCOMPARE(turnStarts, 1);
    // non-ASCII in the data is escaped: the transcript contains "café" and "✅"
    QVERIFY(r.body.contains("caf\\u00e9"));
    QVERIFY(r.body.contains("\\u2705"));
    for (const char ch : r.body)
        QVERIFY(static_cast<unsigned char>(ch) < 0x80);
}

void TestServerSse::idsSharedAcrossSessionsWithGaps()
{
    const QString a = c->createSession(agent);
    const QString b = c->createSession(agent);
    QVERIFY(waitForStatus(*server, a, S("completed")));
    QVERIFY(waitForStatus(*server, b, S("completed")));
    QSet<qint64> idsA, idsB;
    for (const auto &v : server->sessionLog(a))
        idsA.insert(v.toObject().value(QStringLiteral("id")).toInteger());
    for (const auto &v : server->sessionLog(b))
        idsB.insert(v.toObject().value(QStringLiteral("id")).toInteger());
    QVERIFY(!idsA.intersects(idsB)); // one sequence for all sessions
    // interleaved: the two sessions ran at the same time, so each has gaps filled by the other
    QList<qint64> sorted = idsA.values();
    std::sort(sorted.begin(), sorted.end());
    int gaps = 0;
    for (qsizetype i = 1; i < sorted.size(); ++i)
        gaps += sorted[i] != sorted[i - 1] + 1;
    QVERIFY(gaps > 0);
}

void TestServerSse::cursorIsExclusiveAndResumeRepeatsTurnStart()
{
    const QString id = completedSession();
    const QJsonArray log = server->sessionLog(id);
    // find the 3rd output row of turn 1 and resume after it
    int outputs = 0;
    qint64 cursor = 0, nextId = 0;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const QJsonObject o = log.at(i).toObject();
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("output") && ++outputs == 3) {
            cursor = o.value(QStringLiteral("id")).toInteger();
            nextId = log.at(i + 1).toObject().value(QStringLiteral("id")).toInteger();
            break;
        }
    }
    QVERIFY(cursor > 0);
    const RawStream r = readStream(server->port(), server->token(), id, "since=" + QByteArray::number(cursor));
    const QList<Frame> ev = r.events();
    QCOMPARE(ev.at(0).type(), S("start"));
    // mid-turn resume: turn_start for the same turn again, then the row after the cursor
    QCOMPARE(ev.at(1).type(), S("turn_start"));
    QCOMPARE(ev.at(1).json().value(QStringLiteral("turn")).toInt(), 1);
    QCOMPARE(ev.at(1).json().value(QStringLiteral("id")).toInteger(), nextId);
    QCOMPARE(ev.at(2).json().value(QStringLiteral("id")).toInteger(), nextId);
    for (const Frame &f : ev) {
        if (f.hasId)
            QVERIFY(f.id.toLongLong() > cursor);
    }
    // the concatenation of the resumed part plus the part before equals everything
    QByteArray before, after;
    for (const auto &v : log) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("stream")).toString() == QLatin1String("stdout") && o.value(QStringLiteral("id")).toInteger() <= cursor)
            before += o.value(QStringLiteral("data")).toString().toUtf8();
    }
    for (const Frame &f : ev) {
        const QJsonObject o = f.json();
        if (o.value(QStringLiteral("stream")).toString() == QLatin1String("stdout"))
            after += o.value(QStringLiteral("data")).toString().toUtf8();
    }
    QCOMPARE(before + after, server->sessionOutput(id));
    // since=0 and no cursor replay everything
    QCOMPARE(readStream(server->port(), server->token(), id, "since=0").body,
             readStream(server->port(), server->token(), id).body);
}

void TestServerSse::lastEventIdWins()
{
    const QString id = completedSession();
    const QJsonArray log = server->sessionLog(id);
    const qint64 last = log.last().toObject().value(QStringLiteral("id")).toInteger();
    const qint64 mid = log.at(5).toObject().value(QStringLiteral("id")).toInteger();
    // header wins over the query
    RawStream r = readStream(server->port(), server->token(), id, "since=0", {{"Last-Event-ID", QByteArray::number(last)}});
    QList<Frame> ev = r.events();
    QCOMPARE(ev.size(), 2); // start + exit
    QCOMPARE(ev.at(1).type(), S("exit"));
    QCOMPARE(ev.at(1).json().value(QStringLiteral("id")).toInteger(), last);
    // an empty header falls back to since
    r = readStream(server->port(), server->token(), id, "since=" + QByteArray::number(mid), {{"Last-Event-ID", ""}});
    ev = r.events();
    QVERIFY(ev.size() > 2);
    QVERIFY(ev.at(1).json().value(QStringLiteral("id")).toInteger() > mid);
    // a bad header is a bad cursor even with a good since
    r = readStream(server->port(), server->token(), id, "since=1", {{"Last-Event-ID", "abc"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, QByteArray(R"({"detail": "since must be an integer"})"));
}

void TestServerSse::cursorParsing_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("fullReplay");
    QTest::newRow("plain") << QByteArray("since=0") << 200 << true;
    QTest::newRow("whitespace") << QByteArray("since=%20%200%20") << 200 << true;
    QTest::newRow("plus sign") << QByteArray("since=%2B0") << 200 << true;
    QTest::newRow("negative clamps") << QByteArray("since=-50") << 200 << true;
    QTest::newRow("underscores") << QByteArray("since=1_000_000_000") << 200 << false;
    QTest::newRow("huge") << QByteArray("since=99999999999999999999999") << 200 << false;
    QTest::newRow("leading zeros") << QByteArray("since=000") << 200 << true;
    QTest::newRow("float") << QByteArray("since=1.5") << 400 << false;
    QTest::newRow("empty") << QByteArray("since=") << 400 << false;
    QTest::newRow("key only") << QByteArray("since") << 400 << false;
    QTest::newRow("text") << QByteArray("since=abc") << 400 << false;
    QTest::newRow("double underscore") << QByteArray("since=1__0") << 400 << false;
    QTest::newRow("trailing underscore") << QByteArray("since=10_") << 400 << false;
    QTest::newRow("last of repeated") << QByteArray("since=abc&since=0") << 200 << true;
    QTest::newRow("hex") << QByteArray("since=0x10") << 400 << false;
}

void TestServerSse::cursorParsing()
{
    QFETCH(QByteArray, query);
    QFETCH(int, status);
    QFETCH(bool, fullReplay);
    const QString id = completedSession();
    const RawStream r = readStream(server->port(), server->token(), id, query);
    QCOMPARE(r.status, status);
    if (status == 400) {
        QCOMPARE(r.body, QByteArray(R"({"detail": "since must be an integer"})"));
        return;
    }
    const QList<Frame> ev = r.events();
    if (fullReplay) {
        QCOMPARE(ev.size() - 2 - 1, server->sessionLog(id).size()); // start, rows, one turn_start, exit
    } else {
        QCOMPARE(ev.size(), 2);
        QCOMPARE(ev.at(1).type(), S("exit"));
    }
}

void TestServerSse::streamErrorsAndCheckOrder()
{
    const QString id = completedSession();
    // method (empty 405) before auth
    QByteArray raw = rawExchange(server->port(), "POST /sessions/" + id.toLatin1() + "/stream HTTP/1.0\r\n\r\n");
    QCOMPARE(statusOf(raw), 405);
    // auth before lookup
    raw = rawExchange(server->port(), "GET /sessions/00000000-0000-4000-8000-000000000000/stream?since=abc HTTP/1.0\r\n\r\n");
    QCOMPARE(statusOf(raw), 401);
    // lookup before cursor parse
    RawStream r = readStream(server->port(), server->token(), S("00000000-0000-4000-8000-000000000000"), "since=abc");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Session not found"})"));
    r = readStream(server->port(), server->token(), id, "since=abc");
    QCOMPARE(r.status, 400);
    QVERIFY(r.head.contains("Content-Type: application/json"));
}

void TestServerSse::terminalIdIsCursorWhenNothingSent()
{
    const QString id = completedSession();
    const QJsonArray log = server->sessionLog(id);
    const qint64 last = log.last().toObject().value(QStringLiteral("id")).toInteger();
    // cursor past the end: the terminal id is the cursor itself
    RawStream r = readStream(server->port(), server->token(), id, "since=" + QByteArray::number(last + 1000));
    QList<Frame> ev = r.events();
    QCOMPARE(ev.size(), 2);
    QCOMPARE(ev.at(1).data, QStringLiteral("{\"type\": \"exit\", \"id\": %1, \"code\": 0}").arg(last + 1000).toUtf8());
    QCOMPARE(ev.at(1).id.toLongLong(), last + 1000);
    // no rows at all and cursor 0: id 0 and no id line
    QCOMPARE(server->purgeLogRows(id, 0, last), log.size());
    r = readStream(server->port(), server->token(), id);
    ev = r.events();
    QCOMPARE(ev.size(), 2);
    QCOMPARE(ev.at(1).data, QByteArray(R"({"type": "exit", "id": 0, "code": 0})"));
    QVERIFY(!ev.at(1).hasId);
    QVERIFY(r.body.endsWith("\n\ndata: {\"type\": \"exit\", \"id\": 0, \"code\": 0}\n\n"));
}

void TestServerSse::terminalEventsPerStatus()
{
    const QString failed = c->createSession(agent, S("scenario:exit_nonzero x"));
    const QString error = c->createSession(agent, S("scenario:error x"));
    const QString term = c->createSession(agent, S("scenario:hang x"));
    QVERIFY(waitForStatus(*server, failed, S("failed")));
    QVERIFY(waitForStatus(*server, error, S("failed")));
    QVERIFY(waitForStatus(*server, term, S("running")));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(term)).status, 200);
    auto lastEvent = [&](const QString &id) { return readStream(server->port(), server->token(), id).events().last().json(); };
    QJsonObject e = lastEvent(failed);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), S("exit"));
    QCOMPARE(e.value(QStringLiteral("code")).toInt(), 1);
    e = lastEvent(error);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), S("error"));
    QCOMPARE(e.value(QStringLiteral("message")).toString(), S("Session failed"));
    const RawStream t = readStream(server->port(), server->token(), term);
    e = t.events().last().json();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), S("terminated"));
    QCOMPARE(e.value(QStringLiteral("message")).toString(), S("Session terminated"));
    QVERIFY(t.closed);
    // interrupted turn: completed session, exit with the process code
    const QString intr = c->createSession(agent, S("scenario:hang x"));
    QVERIFY(waitForStatus(*server, intr, S("running")));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/interrupt").arg(intr)).status, 202);
    QVERIFY(waitForStatus(*server, intr, S("completed")));
    e = lastEvent(intr);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), S("exit"));
    QCOMPARE(e.value(QStringLiteral("code")).toInt(), 143);
    // provisioning failure: stage failed, turn_start, stderr row, error
    const QString prov = c->createSession(agent, S("scenario:provision_fail x"));
    QVERIFY(waitForStatus(*server, prov, S("failed")));
    const QList<Frame> ev = readStream(server->port(), server->token(), prov).events();
    QCOMPARE(ev.at(ev.size() - 4).json().value(QStringLiteral("state")).toString(), S("failed"));
    QCOMPARE(ev.at(ev.size() - 3).type(), S("turn_start"));
    QVERIFY(ev.at(ev.size() - 2).json().value(QStringLiteral("data")).toString().startsWith(S("provision failed: ")));
    QCOMPARE(ev.last().type(), S("error"));
}

void TestServerSse::terminalOnlyAfterAnEmptyPoll()
{
    // With a slow poll, a finished session with more than 100 rows needs several polls (at most
    // 100 rows each) plus one empty poll before the terminal event.
    ServerTiming t = ServerTiming::fast();
    t.pollIntervalMs = 150;
    server->setTiming(t);
    const QString id = c->createSession(agent, S("scenario:long x"));
    QVERIFY(waitForStatus(*server, id, S("completed"), 60000));
    const int rows = int(server->sessionLog(id).size());
    QVERIFY(rows > 200);
    QElapsedTimer clock;
    clock.start();
    const RawStream r = readStream(server->port(), server->token(), id, {}, {}, 60000);
    const qint64 elapsed = clock.elapsed();
    const int polls = (rows + 99) / 100; // the last of these (or one more) is the empty one
    QVERIFY2(elapsed >= qint64(polls) * 150 - 50, qPrintable(QStringLiteral("%1 ms for %2 rows").arg(elapsed).arg(rows)));
    QCOMPARE(r.events().last().type(), S("exit"));
    QCOMPARE(r.events().size(), rows + 3);
}

void TestServerSse::liveStreamAcrossTurns()
{
    // Connect while provisioning: everything arrives live; the stream ends once the session is done.
    const QString id = c->createSession(agent);
    const RawStream r1 = readStream(server->port(), server->token(), id);
    QCOMPARE(r1.events().last().type(), S("exit"));
    const qint64 last = r1.events().last().json().value(QStringLiteral("id")).toInteger();
    // follow-up: prompt first, then connect with since=<last id>: only the new turn
    QCOMPARE(c->postJson(QStringLiteral("/sessions/%1/prompt").arg(id), {{S("prompt"), S("more")}}).status, 202);
    const RawStream r2 = readStream(server->port(), server->token(), id, "since=" + QByteArray::number(last));
    const QList<Frame> ev = r2.events();
    QCOMPARE(ev.at(1).json().value(QStringLiteral("stage")).toString(), S("runtime_start"));
    QCOMPARE(ev.at(2).type(), S("turn_start"));
    QCOMPARE(ev.at(2).json().value(QStringLiteral("turn")).toInt(), 2);
    for (const Frame &f : ev) {
        if (f.type() == QLatin1String("output"))
            QCOMPARE(f.json().value(QStringLiteral("turn")).toInt(), 2);
    }
    QCOMPARE(ev.last().type(), S("exit"));
    // a full replay carries both turns, told apart by turn_start
    int turnStarts = 0;
    for (const Frame &f : readStream(server->port(), server->token(), id).events())
        turnStarts += f.type() == QLatin1String("turn_start");
    QCOMPARE(turnStarts, 2);
}

void TestServerSse::heartbeatsWhileOutputFlows()
{
    ServerTiming t = ServerTiming::fast();
    t.heartbeatMs = 60;
    t.slowChunkDelayMs = 15;
    server->setTiming(t);
    const QString id = c->createSession(agent, S("scenario:slow x"));
    const RawStream r = readStream(server->port(), server->token(), id, {}, {}, 60000);
    const QList<Frame> frames = r.frames();
    int heartbeats = 0, outputsAfterFirstHeartbeat = 0;
    for (const Frame &f : frames) {
        if (f.comment == ": heartbeat") {
            QCOMPARE(f.lines.size(), 1);
            ++heartbeats;
        } else if (heartbeats > 0 && f.type() == QLatin1String("output")) {
            ++outputsAfterFirstHeartbeat;
        }
    }
    QVERIFY(r.body.contains("\n\n: heartbeat\n\n"));
    QVERIFY2(heartbeats >= 2, qPrintable(QString::number(heartbeats)));
    QVERIFY(outputsAfterFirstHeartbeat > 0); // heartbeats are sent while output is flowing
    QCOMPARE(frames.last().type(), S("exit"));
}

void TestServerSse::staleWhileRunningAndPending()
{
    ServerTiming t = ServerTiming::fast();
    t.staleTimeoutMs = 300;
    server->setTiming(t);
    const QString id = c->createSession(agent, S("scenario:hang x"));
    QVERIFY(waitForStatus(*server, id, S("running")));
    QTRY_VERIFY(server->sessionLog(id).size() > 10);
    const RawStream r = readStream(server->port(), server->token(), id);
    QVERIFY(r.closed);
    const QList<Frame> ev = r.events();
    const QJsonObject stale = ev.last().json();
    QCOMPARE(stale.value(QStringLiteral("type")).toString(), S("stale"));
    QCOMPARE(stale.value(QStringLiteral("message")).toString(), S("No output for 0.3s"));
    QCOMPARE(stale.value(QStringLiteral("id")).toInteger(), server->sessionLog(id).last().toObject().value(QStringLiteral("id")).toInteger());
    QCOMPARE(server->sessionStatus(id), S("running")); // the session is unaffected
    // pending counts too
    t.stageDelayMs = 5000;
    t.staleTimeoutMs = 200;
    server->setTiming(t);
    const QString pending = c->createSession(agent);
    const RawStream p = readStream(server->port(), server->token(), pending);
    QCOMPARE(p.events().last().type(), S("stale"));
    QCOMPARE(server->sessionStatus(pending), S("pending"));
    // the default message text
    t = ServerTiming::fast();
    t.staleTimeoutMs = 2000;
    server->setTiming(t);
    const RawStream d = readStream(server->port(), server->token(), id);
    QCOMPARE(d.events().last().json().value(QStringLiteral("message")).toString(), S("No output for 2s"));
}

void TestServerSse::chunkedTransferWithQnamAndKeepAlive()
{
    const QString id = completedSession();
    const QByteArray expected = readStream(server->port(), server->token(), id).body;
    // QNAM speaks HTTP/1.1: the body arrives chunked and must decode to the same bytes
    const Reply r = c->get(QStringLiteral("/sessions/%1/stream").arg(id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, expected);
    QCOMPARE(r.header("Transfer-Encoding"), QByteArray("chunked"));
    // on a raw HTTP/1.1 connection the stream ends with the final chunk and the connection stays usable
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(s.waitForConnected(5000));
    QByteArray got;
    connect(&s, &QTcpSocket::readyRead, this, [&] { got += s.readAll(); });
    s.write("GET /sessions/" + id.toLatin1() + "/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server->token().toUtf8() + "\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(got.endsWith("\r\n0\r\n\r\n"), 10000);
    QCOMPARE(s.state(), QAbstractSocket::ConnectedState);
    got.clear();
    s.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(got.endsWith(R"({"status": "ok", "checks": {"db": "ok", "crypto": "ok"}})"), 10000);
}

void TestServerSse::deletedSessionCutsTheStream()
{
    const QString id = c->createSession(agent, S("scenario:hang x"));
    QVERIFY(waitForStatus(*server, id, S("running")));
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(s.waitForConnected(5000));
    QByteArray got;
    connect(&s, &QTcpSocket::readyRead, this, [&] { got += s.readAll(); });
    s.write("GET /sessions/" + id.toLatin1() + "/stream HTTP/1.0\r\nAuthorization: Bearer " + server->token().toUtf8() + "\r\n\r\n");
    QTRY_VERIFY(got.contains("\"turn_start\""));
    QCOMPARE(server->openStreamCount(), 1);
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(id)).status, 200);
    QTRY_VERIFY(got.contains("\"terminated\""));
    QTRY_COMPARE(s.state(), QAbstractSocket::UnconnectedState);
    // now a stream that is open while the session row is deleted
    const QString other = completedSession();
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(other)).status, 200);
    ServerTiming t = ServerTiming::fast();
    t.staleTimeoutMs = 600000;
    server->setTiming(t);
    QTcpSocket s2;
    s2.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(s2.waitForConnected(5000));
    QByteArray got2;
    connect(&s2, &QTcpSocket::readyRead, this, [&] { got2 += s2.readAll(); });
    server->faults()->stallStreamAfterEvents(3); // keep it open mid-replay
    s2.write("GET /sessions/" + other.toLatin1() + "/stream HTTP/1.0\r\nAuthorization: Bearer " + server->token().toUtf8() + "\r\n\r\n");
    QTRY_VERIFY(got2.count("data: ") >= 3);
    QCOMPARE(c->del(QStringLiteral("/sessions/%1/delete").arg(other)).status, 200);
    QTRY_COMPARE(s2.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(!got2.contains("\"exit\""));
    QTRY_COMPARE(server->openStreamCount(), 0);
}

void TestServerSse::purgedRowsResumeFromNextSurvivor()
{
    const QString id = completedSession();
    const QJsonArray log = server->sessionLog(id);
    const qint64 a = log.at(3).toObject().value(QStringLiteral("id")).toInteger();
    const qint64 b = log.at(6).toObject().value(QStringLiteral("id")).toInteger();
    QCOMPARE(server->purgeLogRows(id, a, b), 4);
    const RawStream r = readStream(server->port(), server->token(), id, "since=" + QByteArray::number(a));
    QCOMPARE(r.events().at(1).json().value(QStringLiteral("id")).toInteger(),
             log.at(7).toObject().value(QStringLiteral("id")).toInteger());
}

void TestServerSse::streamSignalsAndCounters()
{
    QSignalSpy opened(server.get(), &LocalServer::streamOpened);
    QSignalSpy closed(server.get(), &LocalServer::streamClosed);
    const QString id = completedSession();
    readStream(server->port(), server->token(), id, "since=-7");
    QTRY_COMPARE(closed.count(), 1);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), id);
    QCOMPARE(opened.at(0).at(1).toLongLong(), 0); // clamped
    QCOMPARE(closed.at(0).at(1).toString(), S("exit"));
    QCOMPARE(server->streamConnectionCount(), 1);
    QCOMPARE(server->openStreamCount(), 0);
}

QTEST_MAIN(TestServerSse)
#include "tst_server_sse.moc"
