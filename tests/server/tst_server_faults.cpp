// The local server's fault injection (for SDK reliability tests): dropped, stalled, trickled and
// malformed streams, refused connections, injected 5xx, delays.
#include "serverclient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace ServerTest;
using Aod::Testing::LocalServer;
using Aod::Testing::MalformedKind;
using Aod::Testing::ServerTiming;

namespace {
QString S(const char *s) { return QString::fromUtf8(s); }
} // namespace

class TestServerFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void dropAfterEvents();
    void dropAfterBytes();
    void dropRandomlyIsSeeded();
    void refuseAndResetConnections();
    void failNextRequests();
    void delayResponses();
    void stallAfterEvents();
    void trickle();
    void malformedInvalidJson();
    void malformedMultiLine();
    void malformedCrOnly();
    void malformedHugeLine();
    void resetClearsEverything();

private:
    QString completedSession();
    std::unique_ptr<LocalServer> server;
    std::unique_ptr<Client> c;
    QString agent;
};

void TestServerFaults::init()
{
    server = std::make_unique<LocalServer>();
    server->setTiming(ServerTiming::fast());
    QVERIFY(server->listen());
    c = std::make_unique<Client>(server->url(), server->token());
    agent = c->createAgent();
}

void TestServerFaults::cleanup()
{
    c.reset();
    server.reset();
}

QString TestServerFaults::completedSession()
{
    const QString id = c->createSession(agent);
    return waitForStatus(*server, id, S("completed")) ? id : QString();
}

void TestServerFaults::dropAfterEvents()
{
    const QString id = completedSession();
    QVERIFY(!id.isEmpty());
    const QByteArray full = readStream(server->port(), server->token(), id).body;
    server->faults()->dropStreamAfterEvents(4, 2);
    for (int i = 0; i < 2; ++i) {
        const RawStream r = readStream(server->port(), server->token(), id);
        QCOMPARE(r.status, 200);
        QVERIFY(r.closed);
        QCOMPARE(r.events().size(), 4); // start, 3 more, then the socket is closed
        QVERIFY(full.startsWith(r.body));
        for (const Frame &f : r.events())
            QVERIFY(f.type() != QLatin1String("exit"));
    }
    QCOMPARE(readStream(server->port(), server->token(), id).body, full); // reset after 2 connections
    // n = 0: cut right after the response headers
    server->faults()->dropStreamAfterEvents(0);
    const RawStream z = readStream(server->port(), server->token(), id);
    QCOMPARE(z.status, 200);
    QVERIFY(z.body.isEmpty());
}

void TestServerFaults::dropAfterBytes()
{
    const QString id = completedSession();
    const QByteArray full = readStream(server->port(), server->token(), id).body;
    server->faults()->dropStreamAfterBytes(150);
    const RawStream r = readStream(server->port(), server->token(), id);
    QCOMPARE(r.body.size(), 150);
    QCOMPARE(r.body, full.left(150));
    // over HTTP/1.1 the cut leaves the chunked body unterminated: QNAM reports an error
    server->faults()->dropStreamAfterBytes(300);
    const Reply q = c->get(QStringLiteral("/sessions/%1/stream").arg(id));
    QVERIFY(q.error != QNetworkReply::NoError);
    QCOMPARE(readStream(server->port(), server->token(), id).body, full);
}

void TestServerFaults::dropRandomlyIsSeeded()
{
    const QString id = completedSession();
    auto offsets = [&](quint32 seed) {
        server->faults()->dropStreamsRandomly(3, seed, 2000);
        QList<qsizetype> out;
        for (int i = 0; i < 3; ++i)
            out << readStream(server->port(), server->token(), id).body.size();
        return out;
    };
    const QList<qsizetype> a = offsets(42);
    const QList<qsizetype> b = offsets(42);
    QCOMPARE(a, b);
    for (qsizetype n : a)
        QVERIFY(n >= 1 && n <= 2000);
    QVERIFY(a != offsets(7) || a != offsets(8));
    const qsizetype full = readStream(server->port(), server->token(), id).body.size();
    QVERIFY(full > 2000); // no more drops
}

void TestServerFaults::refuseAndResetConnections()
{
    server->faults()->refuseEveryKthConnection(2);
    int refused = 0, served = 0;
    for (int i = 0; i < 6; ++i) {
        bool closed = false;
        const QByteArray raw = rawExchange(server->port(), "GET /health HTTP/1.0\r\n\r\n", 10000, &closed);
        QVERIFY(closed);
        if (raw.isEmpty())
            ++refused;
        else if (statusOf(raw) == 200)
            ++served;
    }
    QCOMPARE(refused, 3);
    QCOMPARE(served, 3);
    server->faults()->refuseEveryKthConnection(1, true);
    QTcpSocket s;
    QSignalSpy errors(&s, &QTcpSocket::errorOccurred);
    QByteArray got;
    connect(&s, &QTcpSocket::readyRead, this, [&] { got += s.readAll(); });
    s.connectToHost(QHostAddress::LocalHost, server->port());
    if (s.waitForConnected(5000))
        s.write("GET /health HTTP/1.0\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::UnconnectedState, 10000);
    QVERIFY(errors.count() >= 1); // reset, not a clean close
    QVERIFY(got.isEmpty());
    server->faults()->refuseEveryKthConnection(0);
    QCOMPARE(c->get(QStringLiteral("/health")).status, 200);
}

void TestServerFaults::failNextRequests()
{
    server->faults()->failNextRequests(2, 500);
    Reply r = c->get(QStringLiteral("/agents"));
    QCOMPARE(r.status, 500);
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    QVERIFY(r.json().isUndefined());
    QCOMPARE(c->get(QStringLiteral("/health")).status, 500);
    QCOMPARE(c->get(QStringLiteral("/health")).status, 200);
    server->faults()->failNextRequests(1); // 503 JSON by default
    r = c->get(QStringLiteral("/agents"));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Service unavailable"})"));
    server->faults()->failNextRequests(1, 502);
    r = c->get(QStringLiteral("/agents"));
    QCOMPARE(r.status, 502);
    QVERIFY(r.body.contains("502 Bad Gateway"));
    server->faults()->failNextRequests(1, 503, true);
    QVERIFY(c->get(QStringLiteral("/agents")).body.contains("<html>"));
    // streams count as requests too
    const QString id = completedSession();
    server->faults()->failNextRequests(1, 503);
    QCOMPARE(readStream(server->port(), server->token(), id).status, 503);
    QCOMPARE(readStream(server->port(), server->token(), id).status, 200);
}

void TestServerFaults::delayResponses()
{
    server->faults()->delayResponses(250);
    QElapsedTimer t;
    t.start();
    QCOMPARE(c->get(QStringLiteral("/health")).status, 200);
    QVERIFY(t.elapsed() >= 240);
    server->faults()->delayResponses(0);
    t.restart();
    QCOMPARE(c->get(QStringLiteral("/health")).status, 200);
    QVERIFY(t.elapsed() < 5000);
}

void TestServerFaults::stallAfterEvents()
{
    ServerTiming timing = ServerTiming::fast();
    timing.heartbeatMs = 50;
    server->setTiming(timing);
    const QString id = completedSession();
    server->faults()->stallStreamAfterEvents(3);
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(s.waitForConnected(5000));
    QByteArray got;
    connect(&s, &QTcpSocket::readyRead, this, [&] { got += s.readAll(); });
    s.write("GET /sessions/" + id.toLatin1() + "/stream HTTP/1.0\r\nAuthorization: Bearer " + server->token().toUtf8() + "\r\n\r\n");
    QTRY_COMPARE(got.count("data: "), 3);
    // nothing more arrives (no rows, no heartbeats) while the connection stays open
    const QByteArray snapshot = got;
    QVERIFY(!QTest::qWaitFor([&] { return got != snapshot; }, 400));
    QCOMPARE(s.state(), QAbstractSocket::ConnectedState);
    QVERIFY(!got.contains(": heartbeat"));
    QCOMPARE(server->openStreamCount(), 1);
    s.abort();
    QTRY_COMPARE(server->openStreamCount(), 0);
}

void TestServerFaults::trickle()
{
    const QString id = completedSession();
    const QByteArray since = "since=" + QByteArray::number(server->sessionLog(id).at(20).toObject().value(QStringLiteral("id")).toInteger());
    const QByteArray expected = readStream(server->port(), server->token(), id, since).body;
    QVERIFY(expected.size() > 1000);
    server->faults()->trickleStreamBytes(true);
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(s.waitForConnected(5000));
    QByteArray got;
    int reads = 0;
    connect(&s, &QTcpSocket::readyRead, this, [&] {
        got += s.readAll();
        ++reads;
    });
    s.write("GET /sessions/" + id.toLatin1() + "/stream?" + since + " HTTP/1.0\r\nAuthorization: Bearer " + server->token().toUtf8() + "\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 60000);
    QCOMPARE(splitResponse(got).second, expected);
    QVERIFY2(reads > 50, qPrintable(QString::number(reads))); // arrived in many small pieces
    server->faults()->trickleStreamBytes(false);
}

void TestServerFaults::malformedInvalidJson()
{
    const QString id = completedSession();
    server->faults()->sendMalformedFrames(MalformedKind::InvalidJson);
    const RawStream r = readStream(server->port(), server->token(), id);
    const QList<Frame> ev = r.events();
    QCOMPARE(ev.at(0).type(), S("start"));
    QVERIFY(ev.at(1).data.startsWith("{not json"));
    QVERIFY(ev.at(1).json().isEmpty());
    QCOMPARE(ev.last().type(), S("exit")); // the rest of the stream is intact
}

void TestServerFaults::malformedMultiLine()
{
    const QString id = completedSession();
    server->faults()->sendMalformedFrames(MalformedKind::MultiLineData);
    const RawStream r = readStream(server->port(), server->token(), id);
    int multi = 0;
    const QList<QByteArray> blocks = r.body.split('\n');
    QByteArray joined;
    QList<QJsonObject> events;
    for (const QByteArray &line : blocks) {
        if (line.startsWith("data: ")) {
            joined += (joined.isEmpty() ? QByteArray() : QByteArray("\n")) + line.mid(6);
        } else if (line.isEmpty() && !joined.isEmpty()) {
            // WHATWG: data lines of one event are joined with LF; the JSON stays valid
            const QJsonObject o = QJsonDocument::fromJson(joined).object();
            QVERIFY2(!o.isEmpty(), joined.constData());
            events << o;
            multi += joined.contains('\n');
            joined.clear();
        }
    }
    QVERIFY(multi > 10);
    QCOMPARE(events.last().value(QStringLiteral("type")).toString(), S("exit"));
}

void TestServerFaults::malformedCrOnly()
{
    const QString id = completedSession();
    server->faults()->sendMalformedFrames(MalformedKind::CrOnlyLineEnds);
    const RawStream r = readStream(server->port(), server->token(), id);
    QVERIFY(!r.body.contains('\n'));
    QVERIFY(r.body.contains("\r\rid: "));
    QVERIFY(r.body.endsWith("\r\r"));
}

void TestServerFaults::malformedHugeLine()
{
    const QString id = completedSession();
    server->faults()->sendMalformedFrames(MalformedKind::HugeLine);
    const RawStream r = readStream(server->port(), server->token(), id);
    qsizetype longest = 0;
    for (const QByteArray &line : r.body.split('\n'))
        longest = std::max(longest, line.size());
    QVERIFY(longest >= 1024 * 1024);
    QCOMPARE(r.events().last().type(), S("exit"));
}

void TestServerFaults::resetClearsEverything()
{
    auto *f = server->faults();
    f->dropStreamAfterEvents(1, 0);
    f->failNextRequests(5);
    f->delayResponses(5000);
    f->sendMalformedFrames(MalformedKind::CrOnlyLineEnds);
    f->refuseEveryKthConnection(1);
    f->reset();
    QCOMPARE(c->get(QStringLiteral("/health")).status, 200);
    const QString id = completedSession();
    const RawStream r = readStream(server->port(), server->token(), id);
    QCOMPARE(r.events().last().type(), S("exit"));
    QVERIFY(!r.body.contains('\r'));
}

QTEST_MAIN(TestServerFaults)
#include "tst_server_faults.moc"
