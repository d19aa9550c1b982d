#include "localserver_p.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QUuid>

#include <sys/socket.h>

#include <algorithm>
#include <limits>

namespace Aod::Testing {

using namespace Internal;

namespace Internal {

QString isoTimestamp(Micros us)
{
    qint64 secs = us / 1000000;
    qint64 micro = us % 1000000;
    if (micro < 0) {
        micro += 1000000;
        secs -= 1;
    }
    QString s = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
    if (micro != 0)
        s += QLatin1Char('.') + QString::number(micro).rightJustified(6, QLatin1Char('0'));
    return s + QStringLiteral("+00:00");
}

} // namespace Internal

ServerTiming ServerTiming::fast()
{
    ServerTiming t;
    t.pollIntervalMs = 20;
    t.heartbeatMs = 1000;
    t.staleTimeoutMs = 60000;
    t.stageDelayMs = 5;
    t.chunkDelayMs = 2;
    t.slowChunkDelayMs = 40;
    return t;
}

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

// ================================================================ FaultInjector

FaultInjector::FaultInjector(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}
FaultInjector::~FaultInjector() = default;

void FaultInjector::dropStreamAfterEvents(int n, int connections)
{
    d->dropAfterEvents = n;
    d->dropAfterEventsConns = connections <= 0 ? -1 : connections;
}

void FaultInjector::dropStreamAfterBytes(qint64 n, int connections)
{
    d->dropAfterBytes = n;
    d->dropAfterBytesConns = connections <= 0 ? -1 : connections;
}

void FaultInjector::dropStreamsRandomly(int count, quint32 seed, qint64 maxOffset)
{
    d->randomDrops = count;
    d->randomDropRng.seed(seed);
    d->randomMaxOffset = std::max<qint64>(1, maxOffset);
}

void FaultInjector::refuseEveryKthConnection(int k, bool reset)
{
    d->refuseK = std::max(0, k);
    d->refuseReset = reset;
}

void FaultInjector::failNextRequests(int n, int status, bool html)
{
    d->failRemaining = std::max(0, n);
    d->failStatus = status;
    d->failHtml = html;
}

void FaultInjector::delayResponses(int ms) { d->delayMs = std::max(0, ms); }

void FaultInjector::stallStreamAfterEvents(int n, int connections)
{
    d->stallAfterEvents = n;
    d->stallConns = connections <= 0 ? -1 : connections;
}

void FaultInjector::trickleStreamBytes(bool on) { d->trickle = on; }
void FaultInjector::sendMalformedFrames(MalformedKind kind) { d->malformed = kind; }

void FaultInjector::reset()
{
    auto fresh = std::make_unique<Private>();
    d.swap(fresh);
}

StreamFaults LocalServer::Private::takeStreamFaults()
{
    FaultInjector::Private &f = *faults->d;
    StreamFaults sf;
    if (f.dropAfterEvents >= 0 && f.dropAfterEventsConns != 0) {
        sf.dropAfterEvents = f.dropAfterEvents;
        if (f.dropAfterEventsConns > 0 && --f.dropAfterEventsConns == 0)
            f.dropAfterEvents = -1;
    }
    if (f.dropAfterBytes >= 0 && f.dropAfterBytesConns != 0) {
        sf.dropAfterBytes = f.dropAfterBytes;
        if (f.dropAfterBytesConns > 0 && --f.dropAfterBytesConns == 0)
            f.dropAfterBytes = -1;
    }
    if (f.randomDrops > 0) {
        --f.randomDrops;
        sf.dropAfterBytes = 1 + qint64(f.randomDropRng.bounded(quint64(f.randomMaxOffset)));
    }
    if (f.stallAfterEvents >= 0 && f.stallConns != 0) {
        sf.stallAfterEvents = f.stallAfterEvents;
        if (f.stallConns > 0 && --f.stallConns == 0)
            f.stallAfterEvents = -1;
    }
    sf.malformed = f.malformed;
    return sf;
}

// ================================================================ LocalServer::Private helpers

Micros LocalServer::Private::now()
{
    const Micros real = QDateTime::currentMSecsSinceEpoch() * 1000 + Micros(rng.bounded(1000));
    Micros t = std::max(real, lastTimestamp + 1);
    // Python's isoformat() drops the fraction when microseconds are 0: make that happen often
    // enough that clients meet both forms, without ever going backwards.
    if (rng.bounded(4) == 0) {
        const Micros whole = t - t % 1000000;
        if (whole > lastTimestamp)
            t = whole;
    }
    lastTimestamp = t;
    return t;
}

qint64 LocalServer::Private::nextLogId()
{
    // One sequence for every session, with gaps, so clients cannot assume id + 1.
    lastLogId += 1;
    if (rng.bounded(3) == 0)
        lastLogId += 1 + qint64(rng.bounded(4));
    return lastLogId;
}

QString LocalServer::Private::newUuid() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

QString LocalServer::Private::createToken()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
    return QStringLiteral("aod_")
        + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString LocalServer::Private::registerToken(int userId, const QString &token, bool active, std::optional<Micros> expires)
{
    const QByteArray hash = QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
    keys.insert(hash, ApiKey{userId, active, expires});
    return token;
}

int LocalServer::Private::createUser()
{
    const int id = nextUserId++;
    User u;
    u.id = id;
    u.token = registerToken(id, createToken(), true, std::nullopt);
    users[id] = u;
    return id;
}

Session *LocalServer::Private::session(const QString &id)
{
    auto it = sessions.find(id);
    return it == sessions.end() ? nullptr : &*it;
}

void LocalServer::Private::appendStage(Session &s, const QString &stage, const QString &state, int durationMs,
                                       const QString &message)
{
    LogRow r;
    r.id = nextLogId();
    r.kind = LogRow::Stage;
    r.stage = stage;
    r.state = state;
    r.durationMs = durationMs;
    r.data = message;
    s.log.push_back(std::move(r));
}

void LocalServer::Private::appendOutput(Session &s, int turn, bool stderrStream, const QString &data)
{
    LogRow r;
    r.id = nextLogId();
    r.kind = stderrStream ? LogRow::Stderr : LogRow::Stdout;
    r.turn = turn;
    r.data = data;
    s.log.push_back(std::move(r));
}

void LocalServer::Private::setSessionStatus(Session &s, const QString &status)
{
    s.status = status;
    s.updatedAt = now();
    Q_EMIT q->sessionStatusChanged(s.id, status);
}

void LocalServer::Private::record(const HttpRequest &req, int status)
{
    RecordedRequest r;
    r.method = req.method;
    r.path = req.path;
    r.query = QString::fromUtf8(req.query);
    r.headers = req.headers;
    r.body = req.body;
    r.status = status;
    requestLog.append(r);
    if (requestLog.size() > 10000)
        requestLog.removeFirst();
    Q_EMIT q->requestServed(req.method, req.path, status);
}

// ================================================================ HttpConnection

HttpConnection::HttpConnection(LocalServer::Private *server, QTcpSocket *socket, QObject *parent)
    : QObject(parent), m_server(server), m_socket(socket)
{
    socket->setParent(this);
    m_server->connections.insert(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (m_stream)
            m_stream->sessionGone();
        m_server->connections.remove(this);
        deleteLater();
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_trickle.isEmpty() && m_socket->bytesToWrite() < 256 * 1024)
            Q_EMIT drained();
    });
    m_trickleTimer.setInterval(0);
    connect(&m_trickleTimer, &QTimer::timeout, this, &HttpConnection::flushTrickle);
}

HttpConnection::~HttpConnection()
{
    if (m_stream) {
        StreamResponder *s = m_stream;
        m_stream = nullptr;
        delete s;
    }
    m_server->connections.remove(this);
}

void HttpConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    if (m_buffer.size() > 8 * 1024 * 1024 && m_busy) {
        cut(); // a client that floods a busy connection is not served further
        return;
    }
    processBuffer();
}

void HttpConnection::processBuffer()
{
    if (m_busy || m_closing || m_buffer.isEmpty())
        return;
    HttpRequest req;
    int status = 0;
    const auto r = m_parser.parse(m_buffer, &req, &status);
    if (r == HttpRequestParser::Result::NeedMore)
        return;
    m_busy = true;
    if (r == HttpRequestParser::Result::Error) {
        // Garbage: answer like uvicorn/Django would and close the connection.
        HttpRequest fake;
        fake.method = "?";
        fake.keepAlive = false;
        if (status == 413) {
            // Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE with its plain 400 page.
            respond(fake, 400, {{"Content-Type", "text/html; charset=utf-8"}},
                    QByteArrayLiteral("<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Bad Request (400)</title>\n"
                                      "</head>\n<body>\n  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n"),
                    true);
        } else {
            respond(fake, status, {{"Content-Type", "text/plain; charset=utf-8"}},
                    status == 400 ? QByteArrayLiteral("Invalid HTTP request received.") : reasonPhrase(status), true);
        }
        m_buffer.clear();
        return;
    }
    m_server->handle(this, std::move(req));
}

void HttpConnection::respond(const HttpRequest &req, int status, const HeaderList &headers, const QByteArray &body,
                             bool forceClose)
{
    auto write = [this, req, status, headers, body, forceClose] {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
            m_server->record(req, 0);
            return;
        }
        const bool close = forceClose || !req.keepAlive;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        head += "date: " + httpDate() + "\r\nserver: uvicorn\r\n";
        for (const auto &h : headers)
            head += h.first + ": " + h.second + "\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        if (!req.header("Origin").isEmpty())
            head += "Access-Control-Allow-Origin: *\r\n";
        head += "Vary: origin\r\nX-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n"
                "Referrer-Policy: same-origin\r\nCross-Origin-Opener-Policy: same-origin\r\n";
        if (close)
            head += "Connection: close\r\n";
        else if (req.version == "HTTP/1.0")
            head += "Connection: keep-alive\r\n";
        head += "\r\n";
        writeRaw(req.method == "HEAD" ? head : head + body);
        m_server->record(req, status);
        m_busy = false;
        if (close) {
            m_closing = true;
            if (m_trickle.isEmpty())
                m_socket->disconnectFromHost();
        } else if (!m_buffer.isEmpty()) {
            QMetaObject::invokeMethod(this, &HttpConnection::processBuffer, Qt::QueuedConnection);
        }
    };
    const int delay = m_server->faults->d->delayMs;
    if (delay > 0)
        QTimer::singleShot(delay, this, write);
    else
        write();
}

void HttpConnection::startStream(const HttpRequest &req, const QString &sessionId, qint64 cursor)
{
    auto start = [this, req, sessionId, cursor] {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
            m_server->record(req, 0);
            return;
        }
        m_chunked = req.version == "HTTP/1.1";
        const bool keepAlive = m_chunked && req.keepAlive;
        QByteArray head = "HTTP/1.1 200 OK\r\ndate: " + httpDate() + "\r\nserver: uvicorn\r\n"
                          "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\nX-Accel-Buffering: no\r\n";
        if (!req.header("Origin").isEmpty())
            head += "Access-Control-Allow-Origin: *\r\n";
        head += "Vary: origin\r\nX-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n"
                "Referrer-Policy: same-origin\r\nCross-Origin-Opener-Policy: same-origin\r\n";
        head += m_chunked ? QByteArray("Transfer-Encoding: chunked\r\n") : QByteArray("Connection: close\r\n");
        if (m_chunked && !keepAlive)
            head += "Connection: close\r\n";
        head += "\r\n";
        writeRaw(head);
        m_server->streamConnections += 1;
        m_server->openStreams += 1;
        m_server->record(req, 200);
        Q_EMIT m_server->q->streamOpened(sessionId, cursor);
        m_stream = new StreamResponder(m_server, this, sessionId, cursor, m_server->takeStreamFaults(), keepAlive);
        m_stream->begin();
    };
    const int delay = m_server->faults->d->delayMs;
    if (delay > 0)
        QTimer::singleShot(delay, this, start);
    else
        start();
}

void HttpConnection::writeRaw(const QByteArray &bytes)
{
    if (!m_socket)
        return;
    if (m_server->faults->d->trickle || !m_trickle.isEmpty()) {
        m_trickle += bytes;
        if (!m_trickleTimer.isActive())
            m_trickleTimer.start();
        return;
    }
    m_socket->write(bytes);
}

void HttpConnection::flushTrickle()
{
    if (m_trickle.isEmpty() || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_trickleTimer.stop();
        m_trickle.clear();
        return;
    }
    m_socket->write(m_trickle.constData(), 1);
    m_socket->flush();
    m_trickle.remove(0, 1);
    if (m_trickle.isEmpty()) {
        m_trickleTimer.stop();
        if (m_closing)
            m_socket->disconnectFromHost();
        else
            Q_EMIT drained();
    }
}

void HttpConnection::writeBody(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_chunked) {
        // Separate writes: the socket's buffer keeps the (large) body without another copy.
        writeRaw(QByteArray::number(bytes.size(), 16) + "\r\n");
        writeRaw(bytes);
        writeRaw(QByteArrayLiteral("\r\n"));
    } else {
        writeRaw(bytes);
    }
}

void HttpConnection::finishStream(bool keepAlive)
{
    if (m_chunked)
        writeRaw(QByteArrayLiteral("0\r\n\r\n"));
    if (m_stream) {
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    m_busy = false;
    if (keepAlive && m_chunked) {
        if (!m_buffer.isEmpty())
            QMetaObject::invokeMethod(this, &HttpConnection::processBuffer, Qt::QueuedConnection);
        return;
    }
    m_closing = true;
    if (m_trickle.isEmpty() && m_socket)
        m_socket->disconnectFromHost();
}

void HttpConnection::cut(bool reset)
{
    if (m_stream) {
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    m_closing = true;
    if (!m_socket)
        return;
    if (reset) {
        struct linger lg = {1, 0};
        ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        m_socket->abort();
        return;
    }
    if (m_trickle.isEmpty())
        m_socket->disconnectFromHost();
}

qint64 HttpConnection::pendingBytes() const
{
    return m_trickle.size() + (m_socket ? m_socket->bytesToWrite() : 0);
}

// ================================================================ StreamResponder

StreamResponder::StreamResponder(LocalServer::Private *server, HttpConnection *conn, const QString &sessionId,
                                 qint64 cursor, const StreamFaults &faults, bool keepAlive)
    : QObject(conn), m_server(server), m_conn(conn), m_sessionId(sessionId), m_lastId(cursor), m_faults(faults),
      m_keepAlive(keepAlive)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &StreamResponder::iterate);
}

StreamResponder::~StreamResponder()
{
    if (!m_done)
        finish(QString());
}

static QByteArray dataFrame(const QByteArray &json) { return "data: " + json + "\n\n"; }

void StreamResponder::begin()
{
    m_clock.start();
    if (m_faults.dropAfterEvents == 0 || m_faults.dropAfterBytes == 0) {
        if (m_conn)
            m_conn->cut();
        finish(QString());
        return;
    }
    Session *s = m_server->session(m_sessionId);
    if (!s) {
        sessionGone();
        return;
    }
    PyValue start = PyObjectBuilder()
                        .add(QStringLiteral("type"), QStringLiteral("start"))
                        .add(QStringLiteral("provider"), m_server->providerOf(*s))
                        .add(QStringLiteral("session_id"), s->id)
                        .build();
    emitFrame(dataFrame(pyDumps(start)), true);
    if (!alive())
        return;
    if (m_faults.malformed == MalformedKind::InvalidJson) {
        emitFrame(QByteArrayLiteral("data: {not json, \"type\": \"output\"\n\n"), true);
    } else if (m_faults.malformed == MalformedKind::HugeLine) {
        const QByteArray mib(1024 * 1024, 'x');
        emitFrame(": " + mib + "\n\n", false);
        if (!alive())
            return;
        emitFrame("data: {\"type\": \"x-padding\", \"data\": \"" + mib + "\"}\n\n", true);
    }
    flush();
    if (alive())
        iterate();
}

void StreamResponder::sessionGone()
{
    if (m_done)
        return;
    if (m_conn)
        m_conn->cut();
    finish(QString());
}

void StreamResponder::scheduleNext(int ms)
{
    if (m_done || m_stalled)
        return;
    m_timer.start(ms);
}

void StreamResponder::appendFrame(QByteArray &out, const LogRow &row)
{
    // Plain append() calls: in Qt 6.4, `+=` of a QStringBuilder reallocates (and copies) a
    // buffer that is more than half full, however much room it has left, so each 256 KB batch
    // was copied again on its way, into freshly faulted pages.
    const QByteArray id = QByteArray::number(row.id);
    if (row.kind == LogRow::Stage) {
        out.append("id: ").append(id).append("\ndata: {\"type\": \"stage\", \"id\": ").append(id).append(", \"stage\": ");
        appendPyString(out, row.stage);
        out += ", \"state\": ";
        appendPyString(out, row.state);
        if (row.durationMs >= 0)
            out.append(", \"duration_ms\": ").append(QByteArray::number(row.durationMs));
        if (row.state == QLatin1String("failed") && !row.data.isEmpty()) {
            out += ", \"message\": ";
            appendPyString(out, row.data);
        }
        out += "}\n\n";
        return;
    }
    if (row.dataJson.isEmpty())
        appendPyString(row.dataJson, row.data);
    out.append("id: ").append(id).append("\ndata: {\"type\": \"output\", \"id\": ").append(id).append(", \"stream\": ");
    out.append(row.kind == LogRow::Stderr ? "\"stderr\"" : "\"stdout\"").append(", \"data\": ");
    out.append(row.dataJson);
    out.append(", \"turn\": ").append(row.turn > 0 ? QByteArray::number(row.turn) : QByteArray("null")).append("}\n\n");
}

void StreamResponder::flush()
{
    // One write (and one HTTP chunk) per poll: QAbstractSocket writes one buffered block per
    // write notification, so many small writes would cap the throughput.
    if (!m_out.isEmpty() && m_conn)
        m_conn->writeBody(m_out);
    m_out.clear();
}

void StreamResponder::emitFrame(const QByteArray &frame, bool countsAsEvent)
{
    if (m_done || !m_conn)
        return;
    QByteArray bytes = frame;
    if (m_faults.malformed == MalformedKind::MultiLineData) {
        const qsizetype d = bytes.indexOf("data: {");
        if (d >= 0) {
            const qsizetype end = bytes.indexOf('\n', d);
            const qsizetype mid = bytes.indexOf(", ", d + (end - d) / 2);
            if (mid > 0 && mid < end)
                bytes = bytes.left(mid + 1) + "\ndata: " + bytes.mid(mid + 1);
        }
    } else if (m_faults.malformed == MalformedKind::CrOnlyLineEnds) {
        bytes.replace('\n', '\r');
    }
    if (m_faults.dropAfterBytes >= 0 && m_bodyBytes + bytes.size() >= m_faults.dropAfterBytes) {
        m_out += bytes.left(m_faults.dropAfterBytes - m_bodyBytes);
        m_bodyBytes = m_faults.dropAfterBytes;
        flush();
        m_conn->cut();
        finish(QString());
        return;
    }
    m_out += bytes;
    m_bodyBytes += bytes.size();
    if (!countsAsEvent)
        return;
    ++m_events;
    if (m_faults.dropAfterEvents > 0 && m_events >= m_faults.dropAfterEvents) {
        flush();
        m_conn->cut();
        finish(QString());
        return;
    }
    if (m_faults.stallAfterEvents >= 0 && m_events >= m_faults.stallAfterEvents) {
        flush();
        m_stalled = true;
        m_timer.stop();
    }
}

QByteArray StreamResponder::terminalFrame(const QString &type, const PyValue &extraValue, const QString &extraName)
{
    const PyValue json = PyObjectBuilder()
                             .add(QStringLiteral("type"), type)
                             .addInt(QStringLiteral("id"), m_lastId)
                             .add(extraName, extraValue)
                             .build();
    QByteArray frame;
    if (m_lastId != 0)
        frame = "id: " + QByteArray::number(m_lastId) + '\n';
    return frame + dataFrame(pyDumps(json));
}

void StreamResponder::iterate()
{
    if (m_done || m_stalled || !m_conn)
        return;
    Session *s = m_server->session(m_sessionId);
    if (!s) {
        sessionGone();
        return;
    }
    // Back-pressure: the real generator blocks in `yield` while the client does not read.
    if (m_conn->pendingBytes() > 1024 * 1024) {
        QObject::disconnect(m_drainConn);
        m_drainConn = connect(m_conn, &HttpConnection::drained, this, [this] {
            QObject::disconnect(m_drainConn);
            iterate();
        });
        return;
    }
    const qint64 nowMs = m_clock.elapsed();
    auto it = std::upper_bound(s->log.begin(), s->log.end(), m_lastId,
                               [](qint64 v, const LogRow &r) { return v < r.id; });
    // Up to 100 rows per poll (contract §6.5). A firehose session is written as fast as the
    // socket takes it: batches of about 256 KB and no pause between them.
    const int limit = s->firehose ? 1000000 : 100;
    const qsizetype byteBudget = s->firehose ? 256 * 1024 : std::numeric_limits<qsizetype>::max();
    // The batch's buffer at once, not grown frame by frame (with reallocations and fresh pages
    // faulted in). The socket keeps the previous batch's buffer, so each batch needs a new one.
    if (s->firehose && m_out.isEmpty())
        m_out.reserve(byteBudget + 64 * 1024);
    // Without stream faults the frames are appended straight into the output buffer.
    const bool plain = m_faults.malformed == MalformedKind::None && m_faults.dropAfterBytes < 0
        && m_faults.dropAfterEvents <= 0 && m_faults.stallAfterEvents < 0;
    int count = 0;
    for (; it != s->log.end() && count < limit && m_out.size() < byteBudget; ++it, ++count) {
        const LogRow &row = *it;
        if (row.kind != LogRow::Stage && row.turn != 0 && row.turn != m_lastTurn) {
            m_lastTurn = row.turn;
            const QByteArray ts = "{\"type\": \"turn_start\", \"id\": " + QByteArray::number(row.id)
                + ", \"turn\": " + QByteArray::number(row.turn) + '}';
            emitFrame(dataFrame(ts), true);
            if (m_done || m_stalled)
                return;
        }
        m_lastId = row.id;
        if (plain) {
            const qsizetype before = m_out.size();
            appendFrame(m_out, row);
            m_bodyBytes += m_out.size() - before;
            ++m_events;
            continue;
        }
        QByteArray frame;
        appendFrame(frame, row);
        emitFrame(frame, true);
        if (m_done || m_stalled)
            return;
    }
    if (count > 0)
        m_lastChunkMs = nowMs;
    const QString &st = s->status;
    const bool terminal = st == QLatin1String("completed") || st == QLatin1String("failed")
        || st == QLatin1String("terminated");
    if (terminal && count == 0) {
        QString type;
        QByteArray frame;
        if (st == QLatin1String("terminated")) {
            type = QStringLiteral("terminated");
            frame = terminalFrame(type, PyValue::string(QStringLiteral("Session terminated")), QStringLiteral("message"));
        } else if (st == QLatin1String("failed") && !s->exitCode) {
            type = QStringLiteral("error");
            frame = terminalFrame(type, PyValue::string(QStringLiteral("Session failed")), QStringLiteral("message"));
        } else {
            type = QStringLiteral("exit");
            frame = terminalFrame(type, s->exitCode ? PyValue::integer(*s->exitCode) : PyValue::null(),
                                  QStringLiteral("code"));
        }
        emitFrame(frame, true);
        flush();
        if (!m_done)
            finish(type);
        return;
    }
    const int staleMs = m_server->timing.staleTimeoutMs;
    if (nowMs - m_lastChunkMs > staleMs) {
        const int secs = staleMs / 1000;
        const QString text = staleMs % 1000 == 0
            ? QStringLiteral("No output for %1s").arg(secs)
            : QStringLiteral("No output for %1s").arg(QString::fromLatin1(pyFloatRepr(staleMs / 1000.0)));
        emitFrame(terminalFrame(QStringLiteral("stale"), PyValue::string(text), QStringLiteral("message")), true);
        flush();
        if (!m_done)
            finish(QStringLiteral("stale"));
        return;
    }
    if (nowMs - m_lastHeartbeatMs >= m_server->timing.heartbeatMs) {
        m_lastHeartbeatMs = nowMs;
        emitFrame(QByteArrayLiteral(": heartbeat\n\n"), false);
        if (m_done)
            return;
    }
    flush();
    scheduleNext(s->firehose && count > 0 ? 0 : m_server->timing.pollIntervalMs);
}

void StreamResponder::finish(const QString &terminalType)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    QObject::disconnect(m_drainConn);
    m_server->openStreams -= 1;
    Q_EMIT m_server->q->streamClosed(m_sessionId, terminalType);
    if (!terminalType.isEmpty() && m_conn)
        m_conn->finishStream(m_keepAlive);
}

// ================================================================ LocalServer

LocalServer::LocalServer(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->tcp = new QTcpServer(this);
    d->faults = new FaultInjector(this);
    d->defaultUserId = d->createUser();
    connect(d->tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = d->tcp->nextPendingConnection()) {
            d->acceptedConnections += 1;
            FaultInjector::Private &f = *d->faults->d;
            if (f.refuseK > 0 && d->acceptedConnections % quint64(f.refuseK) == 0) {
                if (f.refuseReset) {
                    struct linger lg = {1, 0};
                    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
                    socket->abort();
                } else {
                    socket->close();
                }
                socket->deleteLater();
                continue;
            }
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            new HttpConnection(d.get(), socket, this);
        }
    });
}

LocalServer::~LocalServer()
{
    close();
    // Connections (with their streams) and runners refer to d: delete them while it is alive,
    // including those already scheduled with deleteLater().
    const auto conns = findChildren<HttpConnection *>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(conns);
    const auto runners = findChildren<SessionRunner *>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(runners);
}

bool LocalServer::listen(quint16 port)
{
    if (d->tcp->isListening())
        return true;
    return d->tcp->listen(QHostAddress::LocalHost, port);
}

void LocalServer::close()
{
    d->tcp->close();
    const auto conns = d->connections;
    for (HttpConnection *c : conns) {
        if (c->stream())
            c->stream()->sessionGone();
        c->socket()->abort();
    }
}

bool LocalServer::isListening() const { return d->tcp->isListening(); }
quint16 LocalServer::port() const { return d->tcp->serverPort(); }

QUrl LocalServer::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    return u;
}

QString LocalServer::token() const { return d->users.at(d->defaultUserId).token; }

void LocalServer::setToken(const QString &token)
{
    Internal::User &u = d->users[d->defaultUserId];
    const QByteArray oldHash = QCryptographicHash::hash(u.token.toUtf8(), QCryptographicHash::Sha256).toHex();
    d->keys.remove(oldHash);
    u.token = d->registerToken(u.id, token, true, std::nullopt);
}

QString LocalServer::addUser() { return d->users[d->createUser()].token; }

QString LocalServer::addToken(const QString &userToken, bool active, const QDateTime &expiresAt)
{
    const QByteArray hash = QCryptographicHash::hash(userToken.toUtf8(), QCryptographicHash::Sha256).toHex();
    auto it = d->keys.constFind(hash);
    if (it == d->keys.constEnd())
        return {};
    std::optional<Micros> exp;
    if (expiresAt.isValid())
        exp = expiresAt.toMSecsSinceEpoch() * 1000;
    return d->registerToken(it->userId, d->createToken(), active, exp);
}

void LocalServer::setTiming(const ServerTiming &t) { d->timing = t; }
ServerTiming LocalServer::timing() const { return d->timing; }
void LocalServer::setConcurrencyLimit(int limit) { d->concurrencyLimit = limit; }

void LocalServer::setUserConcurrencyLimit(const QString &userToken, int limit)
{
    const QByteArray hash = QCryptographicHash::hash(userToken.toUtf8(), QCryptographicHash::Sha256).toHex();
    auto it = d->keys.constFind(hash);
    if (it != d->keys.constEnd())
        d->users[it->userId].concurrencyLimit = limit < 0 ? -1 : limit;
}

void LocalServer::setBackendConfigured(bool on) { d->backendConfigured = on; }
void LocalServer::setHealthy(bool on) { d->healthy = on; }
void LocalServer::setPromptBackendError(const QString &detail) { d->promptBackendError = detail; }

bool LocalServer::setSandboxGone(const QString &sessionId, bool gone)
{
    Session *s = d->session(sessionId);
    if (!s)
        return false;
    s->sandboxForcedGone = gone;
    return true;
}

bool LocalServer::removeAgentRow(const QString &agentId)
{
    if (!d->agents.remove(agentId))
        return false;
    for (Session &s : d->sessions) {
        if (s.agentId == agentId)
            s.agentId.clear();
    }
    return true;
}

int LocalServer::purgeLogRows(const QString &sessionId, qint64 fromId, qint64 toId)
{
    Session *s = d->session(sessionId);
    if (!s)
        return 0;
    const auto before = s->log.size();
    s->log.erase(std::remove_if(s->log.begin(), s->log.end(),
                                [&](const LogRow &r) { return r.id >= fromId && r.id <= toId; }),
                 s->log.end());
    return int(before - s->log.size());
}

void LocalServer::setInterruptStopsRunningTurn(bool on) { d->interruptStopsRunning = on; }

void LocalServer::setRandomSeed(quint32 seed)
{
    d->randomSeed = seed;
    d->rng.seed(seed);
}

void LocalServer::addTranscript(const QString &name, const QByteArray &jsonl, const QByteArray &stderrText)
{
    d->extraTranscripts.insert(name, Transcript{jsonl, stderrText});
}

QStringList LocalServer::transcriptNames() const { return d->transcriptNames(); }

QByteArray LocalServer::sessionOutput(const QString &sessionId, const QString &stream) const
{
    return turnOutput(sessionId, 0, stream);
}

QByteArray LocalServer::turnOutput(const QString &sessionId, int turn, const QString &stream) const
{
    const Session *s = d->session(sessionId);
    if (!s)
        return {};
    const LogRow::Kind kind = stream == QLatin1String("stderr") ? LogRow::Stderr : LogRow::Stdout;
    QString out;
    for (const LogRow &r : s->log) {
        if (r.kind == kind && (turn == 0 || r.turn == turn))
            out += r.data;
    }
    return out.toUtf8();
}

QJsonArray LocalServer::sessionLog(const QString &sessionId) const
{
    const Session *s = d->session(sessionId);
    QJsonArray out;
    if (!s)
        return out;
    for (const LogRow &r : s->log) {
        QJsonObject o;
        if (r.kind == LogRow::Stage) {
            o.insert(QStringLiteral("type"), QStringLiteral("stage"));
            o.insert(QStringLiteral("id"), r.id);
            o.insert(QStringLiteral("stage"), r.stage);
            o.insert(QStringLiteral("state"), r.state);
            if (r.durationMs >= 0)
                o.insert(QStringLiteral("duration_ms"), r.durationMs);
            if (r.state == QLatin1String("failed") && !r.data.isEmpty())
                o.insert(QStringLiteral("message"), r.data);
        } else {
            o.insert(QStringLiteral("type"), QStringLiteral("output"));
            o.insert(QStringLiteral("id"), r.id);
            o.insert(QStringLiteral("stream"), r.kind == LogRow::Stderr ? QStringLiteral("stderr") : QStringLiteral("stdout"));
            o.insert(QStringLiteral("data"), r.data);
            o.insert(QStringLiteral("turn"), r.turn > 0 ? QJsonValue(r.turn) : QJsonValue());
        }
        out.append(o);
    }
    return out;
}

QString LocalServer::sessionStatus(const QString &sessionId) const
{
    const Session *s = d->session(sessionId);
    return s ? s->status : QString();
}

QStringList LocalServer::sessionIds() const
{
    std::vector<const Session *> list;
    for (const Session &s : std::as_const(d->sessions)) {
        if (s.userId == d->defaultUserId)
            list.push_back(&s);
    }
    std::sort(list.begin(), list.end(), [](const Session *a, const Session *b) {
        return a->createdAt != b->createdAt ? a->createdAt > b->createdAt : a->seq > b->seq;
    });
    QStringList ids;
    for (const Session *s : list)
        ids << s->id;
    return ids;
}

int LocalServer::openStreamCount() const { return d->openStreams; }
int LocalServer::streamConnectionCount() const { return d->streamConnections; }
QList<RecordedRequest> LocalServer::requestLog() const { return d->requestLog; }
void LocalServer::clearRequestLog() { d->requestLog.clear(); }
FaultInjector *LocalServer::faults() { return d->faults; }

} // namespace Aod::Testing
