#pragma once
// Private to Aod::Testing: the state of the simulated AoD server and the pieces that share it.
#include <aod/testing/localserver.h>

#include "http_p.h"
#include "pyjson_p.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace Aod::Testing {

class SessionRunner;

namespace Internal {

using Micros = qint64; //!< microseconds since the Unix epoch (UTC)

//! Python datetime.isoformat() of an aware UTC datetime: fraction omitted when microseconds are 0.
QString isoTimestamp(Micros us);

struct ApiKey {
    int userId = 0;
    bool active = true;
    std::optional<Micros> expiresAt;
};

struct User {
    int id = 0;
    QString token; // the first token (what addUser() returned)
    int concurrencyLimit = -1; // per-user override, -1 none
};

struct AgentSnapshot {
    int version = 1;
    QString name, description, system, provider, model, environmentId;
    PyValue skills = PyValue::array(), mcpServers = PyValue::array(), metadata = PyValue::object();
    Micros createdAt = 0;
};

struct Agent {
    QString id;
    int userId = 0;
    qint64 seq = 0; // creation order, breaks created_at ties
    QString name, description, system, provider, model, environmentId;
    PyValue skills = PyValue::array(), mcpServers = PyValue::array(), metadata = PyValue::object();
    int version = 1;
    Micros createdAt = 0, updatedAt = 0;
    std::optional<Micros> archivedAt;
    std::vector<AgentSnapshot> versions;
};

struct EnvironmentSnapshot {
    int version = 1;
    QString name, setupScript, networkingType;
    PyValue packages = PyValue::object(), envVars = PyValue::object(), networkingConfig = PyValue::object();
    Micros createdAt = 0;
};

struct Environment {
    QString id;
    int userId = 0;
    qint64 seq = 0;
    QString name, setupScript;
    QString networkingType = QStringLiteral("unrestricted");
    PyValue packages = PyValue::object(), envVars = PyValue::object(), networkingConfig = PyValue::object();
    int version = 1;
    Micros createdAt = 0, updatedAt = 0;
    std::optional<Micros> archivedAt;
    std::vector<EnvironmentSnapshot> versions;
};

struct LogRow {
    enum Kind : quint8 { Stdout, Stderr, Stage };
    qint64 id = 0;
    qint32 turn = 0;        // 0 = no turn (stage rows)
    qint32 durationMs = -1; // stage done/failed only
    Kind kind = Stdout;
    QString data;           // output chunk, or the failure message of a stage row
    QString stage, state;   // stage rows
    mutable QByteArray dataJson; // cached JSON string literal of data (output rows)
};

struct Turn {
    int number = 1;
    QString prompt;
    QString status = QStringLiteral("pending");
    std::optional<int> exitCode;
    Micros createdAt = 0;
    std::optional<Micros> startedAt, endedAt;
    int timeoutSec = 600;
};

struct Resource {
    QString url, mountPath;
    bool hasToken = false;
};

struct Session {
    QString id;
    int userId = 0;
    qint64 seq = 0;
    QString agentId;       // empty once the agent row is gone
    QString environmentId; // empty if none
    QString runtime;       // claude / codex
    QString status = QStringLiteral("pending");
    std::optional<int> exitCode;
    Micros createdAt = 0, updatedAt = 0;
    QList<Resource> resources;
    PyValue secretEnvVars = PyValue::object();
    std::vector<Turn> turns;
    std::vector<LogRow> log;
    bool interruptRequested = false;
    bool sandboxExists = false; // the (simulated) sprite exists
    bool sandboxForcedGone = false;
    bool firehose = false;      // stream rows without poll batching
    QPointer<SessionRunner> runner;
};

//! Scenario of one turn, from the prompt directive or the agent metadata.
struct ScenarioChoice {
    QString scenario = QStringLiteral("success");
    qint64 firehoseCount = 0;
    QString transcript; // explicit transcript, empty = runtime default
};
ScenarioChoice chooseScenario(const QString &prompt, const PyValue &agentMetadata);

struct Transcript {
    QByteArray stdoutBytes;
    QByteArray stderrBytes;
};

} // namespace Internal

class HttpConnection;
class StreamResponder;

struct FaultInjector::Private {
    int dropAfterEvents = -1;
    int dropAfterEventsConns = 0; // remaining connections (< 0: every one)
    qint64 dropAfterBytes = -1;
    int dropAfterBytesConns = 0;
    int randomDrops = 0;
    qint64 randomMaxOffset = 4096;
    QRandomGenerator randomDropRng;
    int refuseK = 0;
    bool refuseReset = false;
    int failRemaining = 0;
    int failStatus = 503;
    bool failHtml = false;
    int delayMs = 0;
    int stallAfterEvents = -1;
    int stallConns = 0;
    bool trickle = false;
    MalformedKind malformed = MalformedKind::None;
};

//! Per-stream-connection fault plan, drawn from the FaultInjector when a stream starts.
struct StreamFaults {
    int dropAfterEvents = -1;
    qint64 dropAfterBytes = -1;
    int stallAfterEvents = -1;
    MalformedKind malformed = MalformedKind::None;
};

struct LocalServer::Private {
    LocalServer *q = nullptr;
    QTcpServer *tcp = nullptr; // child of q, so moveToThread() takes it along
    FaultInjector *faults = nullptr;
    ServerTiming timing;
    quint32 randomSeed = 1;
    QRandomGenerator rng{1};

    // users and tokens
    std::map<int, Internal::User> users;
    QHash<QByteArray, Internal::ApiKey> keys; // sha256 hex of the raw token -> key
    int defaultUserId = 0;
    int nextUserId = 1;

    // resources
    QHash<QString, Internal::Agent> agents;
    QHash<QString, Internal::Environment> environments;
    QHash<QString, Internal::Session> sessions;
    qint64 nextSeq = 1;
    qint64 lastLogId = 0;
    Internal::Micros lastTimestamp = 0;

    // configuration
    int concurrencyLimit = 100;
    bool backendConfigured = true;
    bool healthy = true;
    QString promptBackendError;
    bool interruptStopsRunning = true;
    QHash<QString, Internal::Transcript> extraTranscripts;

    // connections
    QSet<HttpConnection *> connections;
    quint64 acceptedConnections = 0;
    int openStreams = 0;
    int streamConnections = 0;
    QList<RecordedRequest> requestLog;

    // ---- helpers shared by the route handlers, the runner and the streams
    Internal::Micros now();
    qint64 nextLogId();
    QString newUuid();
    QString createToken();
    QString registerToken(int userId, const QString &token, bool active, std::optional<Internal::Micros> expires);
    int createUser();
    Internal::Session *session(const QString &id);
    void appendStage(Internal::Session &s, const QString &stage, const QString &state, int durationMs = -1,
                     const QString &message = {});
    void appendOutput(Internal::Session &s, int turn, bool stderrStream, const QString &data);
    void setSessionStatus(Internal::Session &s, const QString &status);
    void startSessionRun(const QString &sessionId, const QString &effectivePrompt);
    void startTurnRun(const QString &sessionId, int turnNumber);
    void onTerminate(Internal::Session &s);
    void onInterrupt(Internal::Session &s);
    std::optional<Internal::Transcript> transcript(const QString &name) const;
    QStringList transcriptNames() const;
    QString providerOf(const Internal::Session &s) const;
    StreamFaults takeStreamFaults();

    // ---- HTTP
    void handle(HttpConnection *conn, Internal::HttpRequest req);
    void record(const Internal::HttpRequest &req, int status);
};

//! One accepted TCP connection: parses requests, writes responses, hosts an SSE stream.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    HttpConnection(LocalServer::Private *server, QTcpSocket *socket, QObject *parent);
    ~HttpConnection() override;

    //! Writes a complete response (adds Date, Server, Content-Length, Connection).
    void respond(const Internal::HttpRequest &req, int status, const Internal::HeaderList &headers,
                 const QByteArray &body, bool forceClose = false);
    //! Starts an SSE response (status 200, chunked for HTTP/1.1) driven by a StreamResponder.
    void startStream(const Internal::HttpRequest &req, const QString &sessionId, qint64 cursor);
    //! Raw write honouring the trickle fault.
    void writeRaw(const QByteArray &bytes);
    //! Writes one piece of the stream body (chunk-framed when chunked).
    void writeBody(const QByteArray &bytes);
    //! Ends the stream body properly (final chunk) and goes back to reading requests.
    void finishStream(bool keepAlive);
    //! Cuts the connection at once (no final chunk).
    void cut(bool reset = false);
    qint64 pendingBytes() const;
    QTcpSocket *socket() const { return m_socket; }
    bool isStreaming() const { return m_stream != nullptr; }
    StreamResponder *stream() const { return m_stream; }

Q_SIGNALS:
    void drained();

private:
    void onReadyRead();
    void processBuffer();
    void flushTrickle();

    LocalServer::Private *m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    Internal::HttpRequestParser m_parser;
    bool m_busy = false;   // a response is pending (delayed) or a stream runs
    bool m_closing = false;
    bool m_chunked = false;
    StreamResponder *m_stream = nullptr;
    QByteArray m_trickle;
    QTimer m_trickleTimer;
};

//! The SSE loop of one stream connection (contract §6.5).
class StreamResponder : public QObject {
    Q_OBJECT
public:
    StreamResponder(LocalServer::Private *server, HttpConnection *conn, const QString &sessionId,
                    qint64 cursor, const StreamFaults &faults, bool keepAlive);
    ~StreamResponder() override;
    void begin();
    //! The session row was deleted: the real server raises inside the generator.
    void sessionGone();
    const QString &sessionId() const { return m_sessionId; }

private:
    void iterate();
    void scheduleNext(int ms);
    void emitFrame(const QByteArray &frame, bool countsAsEvent);
    void flush();
    static void appendFrame(QByteArray &out, const Internal::LogRow &row);
    QByteArray terminalFrame(const QString &type, const Internal::PyValue &extraKey,
                             const QString &extraName);
    void finish(const QString &terminalType);
    bool alive() const { return !m_done; }

    LocalServer::Private *m_server;
    QPointer<HttpConnection> m_conn;
    QString m_sessionId;
    qint64 m_lastId;
    int m_lastTurn = 0; // 0: none yet on this connection
    StreamFaults m_faults;
    bool m_keepAlive;
    bool m_done = false;
    bool m_stalled = false;
    int m_events = 0;
    qint64 m_bodyBytes = 0;
    QByteArray m_out; // frames of the current poll, written at once
    QElapsedTimer m_clock;
    qint64 m_lastChunkMs = 0;
    qint64 m_lastHeartbeatMs = 0;
    QTimer m_timer;
    QMetaObject::Connection m_drainConn;
};

//! Drives the simulated runtime of one session: provisioning stages, turns, output chunks.
class SessionRunner : public QObject {
    Q_OBJECT
public:
    SessionRunner(LocalServer::Private *server, const QString &sessionId, QObject *parent);
    //! Queues provisioning and turn 1.
    void startSession(const QString &effectivePrompt);
    //! Queues a follow-up turn.
    void startTurn(int turnNumber);
    //! Terminate: stop whatever runs and finalize as the real worker eventually would.
    void terminate();
    //! Interrupt of a running turn (SIGTERM).
    void interruptRunning();
    bool isRunningTurn() const { return m_runningTurn > 0; }
    //! Runs every queued step at once (used by seed()).
    void runToCompletion();

private:
    struct Step {
        int delayMs;
        std::function<void()> fn;
    };
    void push(int delayMs, std::function<void()> fn);
    void next();
    void clear();
    void queueTurn(int turnNumber);
    void beginTurn(int turnNumber);
    void finalizeTurn(int turnNumber, std::optional<int> exitCode, bool raised);
    Internal::Session *session();

    LocalServer::Private *m_server;
    QString m_sessionId;
    std::deque<Step> m_steps;
    QTimer m_timer;
    QElapsedTimer m_stageClock;
    int m_runningTurn = 0;
    QTimer m_timeoutTimer;
    quint32 m_seed = 0;
    bool m_instant = false;
};

} // namespace Aod::Testing
