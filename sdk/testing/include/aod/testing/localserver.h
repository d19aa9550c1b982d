#pragma once
//! \file localserver.h  Aod::Testing::LocalServer: an in-memory, stateful simulation of the AoD
//! HTTP + SSE API (../shared/api/contract.md §1-§7 and §11) on a loopback port.
//!
//! Meant for QtTest suites, benchmarks, the app's offline demo and the `aod-server` executable.
//! It does not depend on the AoD SDK, so SDK tests and the server cannot share a misreading.
//!
//! Threads: a LocalServer and its FaultInjector live in the thread that created them (or the one
//! they were moved to before listen()); call every member from that thread. All work happens in
//! that thread's event loop: a test that uses a blocking client call (waitForFinished, QSignalSpy::wait)
//! in the same thread keeps the server running because those spin the event loop.
#include <aod/testing/aod_testing_export.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>

namespace Aod::Testing {

//! Timing of the simulation. Plain value; the defaults are the real server's (contract §6.5)
//! plus a demo-friendly pace for the simulated runtime.
struct AOD_TESTING_EXPORT ServerTiming {
    int pollIntervalMs = 500;      //!< SSE poll loop period (contract §6.5)
    int heartbeatMs = 15000;       //!< `: heartbeat` period, sent whether or not output flows
    int staleTimeoutMs = 600000;   //!< no new row on a connection for this long -> `stale` + close
    int stageDelayMs = 300;        //!< simulated duration of each provisioning stage
    int chunkDelayMs = 40;         //!< pause between simulated output chunks
    int slowChunkDelayMs = 400;    //!< pause between chunks in the `slow` scenario

    //! Fast timing for tests: poll 20 ms, heartbeat 1000 ms, stale 60000 ms, stage 5 ms,
    //! chunk 2 ms, slow chunk 40 ms.
    static ServerTiming fast();
};

//! Malformed SSE framing that the FaultInjector can make the stream send (see sendMalformedFrames).
enum class MalformedKind {
    None,          //!< well-formed frames (default)
    InvalidJson,   //!< one `data: {not json...` frame right after `start`
    MultiLineData, //!< every event's JSON is split over two `data:` lines
    CrOnlyLineEnds,//!< every line ends with a bare CR instead of LF
    HugeLine,      //!< one 1 MiB comment line (`: xxxx…`) and a 1 MiB `data:` line of a valid output event
};

class LocalServer;

//! Fault injection for reliability tests. Owned by its LocalServer (LocalServer::faults()).
//! Everything is off by default. Each setter documents when the fault resets by itself;
//! reset() turns everything off at once. Same thread rules as LocalServer.
class AOD_TESTING_EXPORT FaultInjector : public QObject {
    Q_OBJECT
public:
    ~FaultInjector() override;

    //! The next stream connection is cut (socket closed, no terminal event) after it has sent
    //! \a n SSE events (start counts; heartbeats do not). Applies to \a connections connections,
    //! then resets. n = 0 cuts right after the response headers.
    void dropStreamAfterEvents(int n, int connections = 1);
    //! The next stream connection is cut after \a n body bytes (headers not counted), possibly in
    //! the middle of a frame. Applies to \a connections connections, then resets.
    void dropStreamAfterBytes(qint64 n, int connections = 1);
    //! The next \a count stream connections are each cut at a byte offset drawn from a generator
    //! seeded with \a seed (uniform in [1, maxOffset]). Resets after \a count connections.
    void dropStreamsRandomly(int count, quint32 seed, qint64 maxOffset = 4096);
    //! Every \a k-th accepted TCP connection (counting from now) is closed at once without reading
    //! (k = 1: all of them). With \a reset true it is aborted (RST) instead of closed. 0 turns it off.
    //! Stays on until changed.
    void refuseEveryKthConnection(int k, bool reset = false);
    //! The next \a n requests (any route, /health included, streams included) get \a status:
    //! 500 and 502 with Django-like HTML bodies, 503 with a JSON `{"detail": "Service unavailable"}`
    //! for 503 unless \a html is true, other statuses JSON `{"detail": "Injected failure"}`.
    //! Resets after n requests.
    void failNextRequests(int n, int status = 503, bool html = false);
    //! Every response (streams included: their headers) is delayed by \a ms. 0 turns it off.
    //! Stays on until changed.
    void delayResponses(int ms);
    //! The next stream connection stops sending anything (no rows, no heartbeats, no terminal
    //! event) after \a n events but keeps the socket open until the client goes away or the server
    //! closes. Applies to \a connections connections, then resets.
    void stallStreamAfterEvents(int n, int connections = 1);
    //! When on, stream bytes are written one byte per event-loop turn. Stays on until changed.
    void trickleStreamBytes(bool on);
    //! Malformed framing on every following stream connection until set back to None.
    void sendMalformedFrames(MalformedKind kind);
    //! Turns every fault off.
    void reset();

    //! \internal The fault state, read by the server's connections.
    struct Private;
    //! \internal
    std::unique_ptr<Private> d;

private:
    friend class LocalServer;
    explicit FaultInjector(QObject *parent);
};

//! One request as the server saw it (see LocalServer::requestLog()).
struct AOD_TESTING_EXPORT RecordedRequest {
    QByteArray method;
    QString path;                                   //!< decoded path, no query
    QString query;                                  //!< raw query string without '?'
    QList<QPair<QByteArray, QByteArray>> headers;   //!< as received, names in original case
    QByteArray body;
    int status = 0;                                 //!< status sent (0 if the socket died first)
    //! First header named \a name (case-insensitive), or a null QByteArray.
    QByteArray header(const QByteArray &name) const;
};

//! The local AoD server. Create it, optionally configure it, listen(), point a client at url()
//! with token(). The object owns all state (users, agents, environments, sessions, log rows) and
//! every socket; destroying it closes all connections.
//!
//! Scenarios: a session's simulated run is chosen by a prompt that starts with `scenario:<name>`
//! (the prompt wins) or by the agent's metadata key `scenario`. Names: `success` (default),
//! `exit_nonzero`, `error`, `provision_fail`, `slow`, `long`, `codex`, `firehose:<N>`, `hang`,
//! `utf8_split`. A transcript (file `tests/data/transcripts/<name>.jsonl`, embedded as a resource)
//! can be chosen with the metadata key `transcript` or a prompt starting with
//! `transcript:<name>`. See sdk/testing/README.md for every detail.
class AOD_TESTING_EXPORT LocalServer : public QObject {
    Q_OBJECT
public:
    explicit LocalServer(QObject *parent = nullptr);
    ~LocalServer() override;

    //! Listens on 127.0.0.1 only. \a port 0 picks a free port. Returns false if the port is taken.
    bool listen(quint16 port = 0);
    //! Stops listening and closes every open connection (streams end without a terminal event).
    void close();
    bool isListening() const;
    quint16 port() const;
    //! `http://127.0.0.1:<port>` (no trailing slash).
    QUrl url() const;

    //! The default user's valid token (`aod_` + 43 URL-safe base64 characters).
    QString token() const;
    //! Replaces the default user's token (used by `aod-server --token`). Any string is accepted.
    void setToken(const QString &token);
    //! Creates a new user and returns its token. Users see only their own rows (others get 404).
    QString addUser();
    //! Adds another token for the user owning \a userToken: inactive (401 "API key is inactive")
    //! or with an expiry (401 "API key has expired" once expiresAt <= now; pass a null QDateTime
    //! for no expiry). Returns the new token, or an empty string if \a userToken is unknown.
    QString addToken(const QString &userToken, bool active, const QDateTime &expiresAt = {});

    void setTiming(const ServerTiming &t);
    ServerTiming timing() const;
    //! Default concurrency limit for every user (contract §7.5; default 100).
    void setConcurrencyLimit(int limit);
    //! Per-user override for the user owning \a userToken; a negative limit removes the override.
    void setUserConcurrencyLimit(const QString &userToken, int limit);
    //! false -> POST /sessions answers 503 "Session backend is not configured" (after the
    //! agent/environment checks, before the quota).
    void setBackendConfigured(bool on);
    //! false -> GET /health answers 503 degraded with a failing crypto check.
    void setHealthy(bool on);
    //! Non-empty -> POST /sessions/{id}/prompt answers 503 with this detail (the platform token is
    //! missing, contract §4.5 step 4). Empty turns it off.
    void setPromptBackendError(const QString &detail);
    //! Marks a session's sandbox as gone: its next prompts get 409
    //! "Session backend is no longer available; start a new session.". Returns false if unknown.
    bool setSandboxGone(const QString &sessionId, bool gone = true);
    //! Simulates an agent row removed from the database (no API can do it): its sessions then
    //! show agent_id null and a provider derived from their runtime. Returns false if unknown.
    bool removeAgentRow(const QString &agentId);
    //! Purges a session's log rows with ids in [fromId, toId] (retention gap simulation).
    //! Returns the number of rows removed.
    int purgeLogRows(const QString &sessionId, qint64 fromId, qint64 toId);
    //! true (default): interrupting a running turn stops it at once (SIGTERM; the turn ends
    //! `interrupted`, exit 143). false: as the code at 8fa93d3c probably behaves (contract §5.5),
    //! the flag is only honoured when the turn ends by itself.
    void setInterruptStopsRunningTurn(bool on);
    //! Seed for chunk boundaries, skipped ids and everything else random (default 1).
    void setRandomSeed(quint32 seed);
    //! Registers (or replaces) a transcript under \a name, usable like the embedded ones
    //! (`transcript:<name>` prompt prefix or metadata key `transcript`). \a jsonl is replayed on
    //! stdout byte for byte; \a stderrText (optional) is written on stderr, its lines spread
    //! over the run. Embedded transcripts take their stderr from `<name>.stderr` when present.
    void addTranscript(const QString &name, const QByteArray &jsonl,
                       const QByteArray &stderrText = {});
    //! Names of every available transcript (embedded and added).
    QStringList transcriptNames() const;

    //! Creates realistic sample data for token()'s user: environments, agents (one archived),
    //! and finished sessions (completed, failed, terminated, multi-turn). Runs synchronously:
    //! the seeded sessions are already finished, with their whole log, when it returns.
    void seed();

    //! Concatenation of the data of one stream's output rows of a session, in id order (what a
    //! client that reassembles the stream must get byte for byte). Empty if unknown.
    QByteArray sessionOutput(const QString &sessionId,
                             const QString &stream = QStringLiteral("stdout")) const;
    //! Same, restricted to one turn.
    QByteArray turnOutput(const QString &sessionId, int turn,
                          const QString &stream = QStringLiteral("stdout")) const;
    //! Every stage/output row of a session as the JSON object its SSE event carries, in id order.
    QJsonArray sessionLog(const QString &sessionId) const;
    //! Status of a session (`pending` … `terminated`), or empty if unknown.
    QString sessionStatus(const QString &sessionId) const;
    //! Ids of the default user's sessions, newest first (including seeded ones).
    QStringList sessionIds() const;
    //! Number of SSE stream connections currently open.
    int openStreamCount() const;
    //! Number of SSE stream connections accepted so far (responses with status 200).
    int streamConnectionCount() const;

    //! Every request served since start or clearRequestLog() (bounded to the last 10000).
    QList<RecordedRequest> requestLog() const;
    void clearRequestLog();

    //! Fault injection; owned by the server.
    FaultInjector *faults();

Q_SIGNALS:
    //! After each response head is written (streams: when the stream starts; 0 if the client
    //! went away before). \a path excludes the query string.
    void requestServed(const QByteArray &method, const QString &path, int status);
    //! A stream connection started with this cursor (after `since`/`Last-Event-ID` resolution).
    void streamOpened(const QString &sessionId, qint64 cursor);
    //! A stream connection ended. \a terminalType is the terminal event sent (`exit`, `error`,
    //! `terminated`, `stale`), or empty if the connection was cut or the client left.
    void streamClosed(const QString &sessionId, const QString &terminalType);
    //! A session changed status (also emitted for turn transitions that keep the session status).
    void sessionStatusChanged(const QString &sessionId, const QString &status);

public:
    //! \internal The server state (defined in a private header).
    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace Aod::Testing
