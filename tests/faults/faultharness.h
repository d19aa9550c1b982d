#pragma once
// Shared helpers of the fault-injection suite (label `faults`): a LocalServer plus an SDK
// Client pointed at it, a stream follower that records everything the SDK reports, and the
// "nothing lost, nothing duplicated" check against the server's own session log.
#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/sessionsapi.h>
#include <aod/sessionstream.h>
#include <aod/testing/localserver.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace FaultHarness {

using Aod::Testing::LocalServer;

//! Fast backoff so that a dozen reconnects cost milliseconds, not minutes.
inline Aod::StreamOptions fastStreamOptions()
{
    Aod::StreamOptions o;
    o.initialBackoffMs = 10;
    o.maxBackoffMs = 100;
    o.maxRetries = 60;
    o.idleTimeoutMs = 4000; // well above the fast heartbeat (1 s), also under ASan
    return o;
}

inline Aod::ClientConfig fastClientConfig(const LocalServer &server)
{
    Aod::ClientConfig c(server.url().toString(), server.token());
    c.setRetryBaseDelayMs(10);
    return c;
}

//! A Claude-like transcript whose lines never contain ", " (with multi-byte characters and
//! lines of every length). The injector's MultiLineData fault splits a frame at the first ", "
//! past its middle; inside a JSON string that split changes the string itself (the SSE join
//! inserts an LF), so frames carrying such text cannot be compared with the log byte for byte.
inline QByteArray plainTranscript(int lines = 240)
{
    QByteArray out;
    for (int i = 0; i < lines; ++i) {
        QByteArray text = "step " + QByteArray::number(i) + ": r\\u00e9sum\\u00e9 \\u6f22\\u5b57 \\ud83d\\ude80";
        text += QByteArray(i % 37 * 11, char('a' + i % 26));
        out += "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"" + text
            + "\"}]}}\n";
        // Raw UTF-8 too, so that utf8_split has sequences to cut.
        out += "{\"type\":\"user\",\"note\":\"" + QByteArray("\xc3\xa9t\xc3\xa9 \xe6\xbc\xa2\xe5\xad\x97 \xf0\x9f\x9a\x80") + "\"}\n";
    }
    return out;
}

//! Everything one SessionStream reported, in order.
struct Follow {
    QPointer<Aod::SessionStream> stream;
    QList<Aod::StreamEvent> events;
    QList<Aod::Error> errors;
    QList<Aod::SessionStream::State> states;
    int heartbeats = 0;
    int finishedSignals = 0;

    ~Follow() { delete stream.data(); }
    bool finished() const { return finishedSignals > 0; }
    int outputEvents() const
    {
        int n = 0;
        for (const Aod::StreamEvent &e : events)
            n += e.type() == Aod::StreamEvent::Type::Output ? 1 : 0;
        return n;
    }
    QByteArray output(const QString &which = QStringLiteral("stdout")) const
    {
        QString out;
        for (const Aod::StreamEvent &e : events)
            if (e.type() == Aod::StreamEvent::Type::Output && e.stream() == which)
                out += e.data();
        return out.toUtf8();
    }
    //! How many reported errors have \a code.
    int errorCount(Aod::Error::Code code) const
    {
        int n = 0;
        for (const Aod::Error &e : errors)
            n += e.code() == code ? 1 : 0;
        return n;
    }
    QString errorSummary() const
    {
        QStringList parts;
        for (const Aod::Error &e : errors)
            parts << Aod::Error::codeName(e.code()) + QLatin1Char('/') + QString::number(e.httpStatus());
        return parts.join(QLatin1Char(' '));
    }
};

inline std::unique_ptr<Follow> follow(Aod::Client &client, const QString &sessionId,
                                      const Aod::StreamOptions &options = fastStreamOptions())
{
    auto f = std::make_unique<Follow>();
    Aod::SessionStream *s = client.sessions()->openStream(sessionId, options);
    s->setAutoDelete(false);
    f->stream = s;
    Follow *p = f.get();
    QObject::connect(s, &Aod::SessionStream::eventReceived, s, [p](const Aod::StreamEvent &e) { p->events << e; });
    QObject::connect(s, &Aod::SessionStream::errorOccurred, s, [p](const Aod::Error &e) { p->errors << e; });
    QObject::connect(s, &Aod::SessionStream::stateChanged, s,
                     [p](Aod::SessionStream::State st) { p->states << st; });
    QObject::connect(s, &Aod::SessionStream::heartbeat, s, [p] { ++p->heartbeats; });
    QObject::connect(s, &Aod::SessionStream::finished, s, [p] { ++p->finishedSignals; });
    return f;
}

//! Creates an agent through the SDK; empty on failure (the caller QVERIFYs).
inline QString createAgent(Aod::Client &client, const QString &name = QStringLiteral("faults"))
{
    Aod::AgentDraft draft;
    draft.name = name;
    draft.provider = QStringLiteral("anthropic");
    draft.model = QStringLiteral("claude-sonnet-4-6");
    Aod::ReplyOf<Aod::Agent> *reply = client.agents()->create(draft);
    reply->setAutoDelete(false);
    QString id;
    if (reply->waitForFinished(15000) && reply->isSuccess())
        id = reply->result().id;
    delete reply;
    return id;
}

//! Starts a session (POST /sessions) with \a prompt; empty on failure.
inline QString startSession(Aod::Client &client, const QString &agentId, const QString &prompt)
{
    Aod::SessionDraft draft;
    draft.agentId = agentId;
    draft.prompt = prompt;
    Aod::SessionAckReply *reply = client.sessions()->create(draft);
    reply->setAutoDelete(false);
    QString id;
    if (reply->waitForFinished(15000) && reply->isSuccess())
        id = reply->result().id;
    delete reply;
    return id;
}

//! JSON ids of the rows (stage, output) the stream delivered, in delivery order.
inline QList<qint64> deliveredRowIds(const Follow &f)
{
    QList<qint64> ids;
    for (const Aod::StreamEvent &e : f.events)
        if (e.type() == Aod::StreamEvent::Type::Stage || e.type() == Aod::StreamEvent::Type::Output)
            ids << e.id();
    return ids;
}

inline QList<qint64> serverRowIds(const LocalServer &server, const QString &sessionId)
{
    QList<qint64> ids;
    const QJsonArray log = server.sessionLog(sessionId);
    for (const QJsonValue &row : log)
        ids << qint64(row.toObject().value(QStringLiteral("id")).toDouble());
    return ids;
}

//! The delivered events are a prefix-free, duplicate-free image of the server's log: one
//! `start` first, `turn_start`s in increasing turns, every row exactly once in id order, and
//! (when \a complete) the whole log and one terminal event last, with stdout and stderr equal
//! byte for byte to what the server recorded.
inline void verifyNoLossNoDuplicates(const LocalServer &server, const QString &sessionId, const Follow &f,
                                     bool complete = true)
{
    QVERIFY(!f.events.isEmpty());
    QCOMPARE(f.events.first().type(), Aod::StreamEvent::Type::Start);
    int starts = 0, terminals = 0, lastTurn = 0;
    for (const Aod::StreamEvent &e : f.events) {
        starts += e.type() == Aod::StreamEvent::Type::Start ? 1 : 0;
        terminals += e.endsSession() ? 1 : 0;
        if (e.type() == Aod::StreamEvent::Type::TurnStart) {
            QVERIFY2(e.turn().value_or(0) > lastTurn, "turn_start repeated for the same turn");
            lastTurn = e.turn().value_or(0);
        }
    }
    QCOMPARE(starts, 1);

    const QList<qint64> got = deliveredRowIds(f);
    for (qsizetype i = 1; i < got.size(); ++i)
        QVERIFY2(got[i] > got[i - 1], qPrintable(QStringLiteral("row %1 delivered after row %2 (duplicate or out of order)")
                                                     .arg(got[i]).arg(got[i - 1])));
    const QList<qint64> all = serverRowIds(server, sessionId);
    if (complete) {
        QCOMPARE(terminals, 1);
        QVERIFY(f.events.last().endsSession());
        QCOMPARE(got.size(), all.size());
        QCOMPARE(got, all);
        QCOMPARE(f.output(), server.sessionOutput(sessionId));
        QCOMPARE(f.output(QStringLiteral("stderr")), server.sessionOutput(sessionId, QStringLiteral("stderr")));
    } else {
        QVERIFY(got.size() <= all.size());
        QCOMPARE(got, all.mid(0, got.size()));
    }
}

//! Requests of the server's log with this method and path.
inline int countRequests(const LocalServer &server, const QByteArray &method, const QString &path)
{
    int n = 0;
    const QList<Aod::Testing::RecordedRequest> log = server.requestLog();
    for (const Aod::Testing::RecordedRequest &r : log)
        n += r.method == method && r.path == path ? 1 : 0;
    return n;
}

} // namespace FaultHarness
