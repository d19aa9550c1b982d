#pragma once
// Helpers shared by the stream tests and the benchmark that talk to the local AoD server:
// creating agents and sessions synchronously, reading a raw SSE body with a plain QTcpSocket,
// and a canonical description of delivered events for exact comparisons.
#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/sessionsapi.h>
#include <aod/sessionstream.h>
#include <aod/testing/localserver.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTcpSocket>
#include <QTimer>

namespace StreamTest {

//! Creates an agent (anthropic) and returns its id; empty on failure.
inline QString createAgent(Aod::Client &client, const QJsonObject &metadata = {})
{
    Aod::AgentDraft draft;
    draft.name = QStringLiteral("stream-test");
    draft.provider = QStringLiteral("anthropic");
    draft.model = QStringLiteral("claude-sonnet-4-6");
    draft.metadata = metadata;
    auto *reply = client.agents()->create(draft);
    reply->setAutoDelete(false);
    reply->waitForFinished(20000);
    const QString id = reply->isSuccess() ? reply->result().id : QString();
    if (!reply->isSuccess())
        qWarning() << "agent create failed" << reply->error();
    delete reply;
    return id;
}

//! Creates a session and returns its id; empty on failure.
inline QString createSession(Aod::Client &client, const QString &agentId, const QString &prompt)
{
    Aod::SessionDraft draft;
    draft.agentId = agentId;
    draft.prompt = prompt;
    auto *reply = client.sessions()->create(draft);
    reply->setAutoDelete(false);
    reply->waitForFinished(20000);
    const QString id = reply->isSuccess() ? reply->result().id : QString();
    if (!reply->isSuccess())
        qWarning() << "session create failed" << reply->error();
    delete reply;
    return id;
}

//! Waits (spinning the event loop, which runs the server) until the session has \a status.
inline bool waitForStatus(Aod::Testing::LocalServer &server, const QString &sessionId,
                          const QString &status, int timeoutMs = 30000)
{
    return QTest::qWaitFor([&] { return server.sessionStatus(sessionId) == status; }, timeoutMs);
}

//! De-chunks an HTTP/1.1 chunked body (stops at the 0-chunk or at truncation).
inline QByteArray dechunk(const QByteArray &body)
{
    QByteArray out;
    qsizetype pos = 0;
    while (pos < body.size()) {
        const qsizetype eol = body.indexOf("\r\n", pos);
        if (eol < 0)
            break;
        bool ok = false;
        const qsizetype n = body.mid(pos, eol - pos).trimmed().toLongLong(&ok, 16);
        if (!ok || n == 0)
            break;
        out += body.mid(eol + 2, n);
        pos = eol + 2 + n + 2;
    }
    return out;
}

//! GETs /sessions/{id}/stream with a bare QTcpSocket (`Connection: close`) and returns the
//! decoded body: the exact SSE bytes a client must parse. Empty on failure. The socket is
//! read asynchronously so the in-process server keeps running.
inline QByteArray rawStreamBody(const QUrl &base, const QString &token, const QString &sessionId,
                                qint64 since = -1, qint64 *wireBytes = nullptr, int timeoutMs = 60000)
{
    QTcpSocket socket;
    QByteArray raw;
    QEventLoop loop;
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { raw += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        QByteArray target = "/sessions/" + sessionId.toLatin1() + "/stream";
        if (since >= 0)
            target += "?since=" + QByteArray::number(since);
        socket.write("GET " + target + " HTTP/1.1\r\nHost: " + base.host().toLatin1() + "\r\nAuthorization: Bearer "
                     + token.toLatin1() + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n");
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    socket.connectToHost(base.host(), quint16(base.port()));
    loop.exec();
    raw += socket.readAll();
    if (wireBytes)
        *wireBytes = raw.size();
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (headEnd < 0 || !raw.startsWith("HTTP/1.1 200"))
        return {};
    const QByteArray head = raw.left(headEnd).toLower();
    const QByteArray body = raw.mid(headEnd + 4);
    return head.contains("transfer-encoding: chunked") ? dechunk(body) : body;
}

//! One line per event with everything that must match: type, JSON id, SSE id, turn, stream, data.
inline QString describe(const Aod::StreamEvent &e)
{
    return QStringLiteral("%1|%2|%3|%4|%5|%6")
        .arg(e.typeString())
        .arg(e.id())
        .arg(e.sseId())
        .arg(e.turn().value_or(-1))
        .arg(e.stream(), e.data());
}

inline QStringList describeAll(const QList<Aod::StreamEvent> &events)
{
    QStringList out;
    out.reserve(events.size());
    for (const Aod::StreamEvent &e : events)
        out.append(describe(e));
    return out;
}

//! The output of a list of events, per stream, as UTF-8 bytes (compare with sessionOutput()).
inline QByteArray outputOf(const QList<Aod::StreamEvent> &events, const QString &stream = QStringLiteral("stdout"))
{
    QString text;
    for (const Aod::StreamEvent &e : events) {
        if (e.type() == Aod::StreamEvent::Type::Output && e.stream() == stream)
            text += e.data();
    }
    return text.toUtf8();
}

//! Collects everything a stream delivers; the stream itself is kept (autoDelete off).
struct Collector : QObject
{
    explicit Collector(Aod::SessionStream *s) : stream(s)
    {
        s->setAutoDelete(false);
        connect(s, &Aod::SessionStream::eventReceived, this, [this](const Aod::StreamEvent &e) { events.append(e); });
        connect(s, &Aod::SessionStream::errorOccurred, this, [this](const Aod::Error &e) { errors.append(e); });
        connect(s, &Aod::SessionStream::heartbeat, this, [this] { ++heartbeats; });
    }
    Aod::SessionStream *stream;
    QList<Aod::StreamEvent> events;
    QList<Aod::Error> errors;
    int heartbeats = 0;
};

} // namespace StreamTest
