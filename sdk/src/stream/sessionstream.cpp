#include <aod/sessionstream.h>

#include "client_p.h"
#include "errormapping_p.h"
#include "logging_p.h"
#include "requestfactory_p.h"
#include "sseparser_p.h"
#include "ssetransport_p.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

namespace Aod {

namespace {
constexpr qsizetype ErrorBodyLimit = 64 * 1024;
const QByteArray Get = QByteArrayLiteral("GET");
} // namespace

class SessionStreamPrivate
{
public:
    using State = SessionStream::State;
    using Reason = SessionStream::FinishReason;

    SessionStreamPrivate(SessionStream *owner, ClientPrivate *client, const QString &id,
                         const StreamOptions &opts)
        : q(owner), c(client), sessionId(id), options(opts), parser(opts.maxBufferSize),
          cursor(qMax<qint64>(0, opts.since))
    {
        reconnectTimer.setSingleShot(true);
        watchdog.setSingleShot(true);
        QObject::connect(&reconnectTimer, &QTimer::timeout, q, [this] {
            ++reconnects;
            connectNow();
        });
        QObject::connect(&watchdog, &QTimer::timeout, q, [this] { onWatchdog(); });
    }

    void connectNow();
    void onResponseStarted(int status, const QByteArray &contentType);
    void onData(QByteArrayView chunk);
    void onEnded(QNetworkReply::NetworkError netError, const QString &errorString);
    void processItems(const QList<SseEvent> &items);
    //! Delivers \a event if the rules allow; false when the caller must stop processing.
    bool deliver(const StreamEvent &event);
    void handleStale();
    void transientFailure(const Error &error);
    void finish(Reason why, const Error &why_error = {});
    void setState(State s);
    void dropTransport();
    void onWatchdog();
    void markActivity();
    int backoffMs() const;
    void scheduleAutoDelete();
    void maybeAutoDelete();
    //! After emitting: false when the stream was deleted (\a guard null), finished, or moved
    //! on to another connection. Static so it never touches a deleted \a d.
    static bool stillCurrent(const QPointer<SessionStream> &guard, const SessionStreamPrivate *d, quint64 gen)
    {
        return guard && gen == d->generation && !d->finished;
    }

    SessionStream *q;
    ClientPrivate *c;
    QString sessionId;
    StreamOptions options;
    SseParser parser;
    QPointer<SseTransport> transport;
    QPointer<Reply> staleCheck;
    QUrl url;
    QTimer reconnectTimer;
    QTimer watchdog;
    QElapsedTimer idleClock;      // restarted on every byte: the watchdog's reference
    QElapsedTimer lastActivity;   // same, but only valid once a byte arrived (for the UI)
    QByteArray errorBody;

    State state = State::Connecting;
    Reason reason = Reason::None;
    Error error;
    StreamEvent terminal;
    qint64 cursor = 0;
    qint64 delivered = 0;
    qint64 duplicates = 0;
    qint64 bytes = 0;
    quint64 generation = 0;       // bumped per connection and per finish: stale callbacks bail
    int lastTurn = -1;
    int attempt = 0;              // consecutive failures without progress
    int reconnects = 0;
    int httpStatus = 0;
    int waitDepth = 0;
    bool streamOk = false;        // 200 + text/event-stream seen on the current connection
    bool firstConnection = true;
    bool startDelivered = false;
    bool finished = false;
    bool autoDelete = true;
    bool deletePending = false;
};

void SessionStreamPrivate::setState(State s)
{
    if (state == s)
        return;
    state = s;
    Q_EMIT q->stateChanged(s);
}

void SessionStreamPrivate::dropTransport()
{
    watchdog.stop();
    if (SseTransport *t = transport.data()) {
        transport = nullptr;
        QObject::disconnect(t, nullptr, q, nullptr);
        t->abort();
        // We may be inside one of its signals (and the caller may delete the stream next):
        // detach it so it is only ever deleted from the event loop.
        t->setParent(nullptr);
        t->deleteLater();
    }
}

void SessionStreamPrivate::markActivity()
{
    idleClock.start();
    lastActivity.start();
}

int SessionStreamPrivate::backoffMs() const
{
    const qint64 base = parser.retryMs() >= 0 ? parser.retryMs() : qMax(0, options.initialBackoffMs);
    const qint64 cap = qMax<qint64>(base, options.maxBackoffMs);
    qint64 delay = base;
    for (int i = 1; i < attempt && delay < cap; ++i)
        delay *= 2;
    return int(qMin(delay, cap));
}

void SessionStreamPrivate::connectNow()
{
    dropTransport();
    ++generation;
    parser.reset();
    httpStatus = 0;
    streamOk = false;
    errorBody.clear();

    const Error configError = c->config.validate(true);
    const Error idError = ClientPrivate::checkId(QStringLiteral("session"), sessionId);
    if (configError.isError() || idError.isError()) {
        finish(Reason::ConfigurationError, configError.isError() ? configError : idError);
        return;
    }

    // The cursor travels in both places (contract §6.1: the header wins when non-empty, the
    // TS SDK sends only the query). Sent on every reconnect, and on the first connection
    // when a cursor was given.
    const bool sendCursor = !firstConnection || cursor > 0;
    firstConnection = false;
    QUrlQuery query;
    if (sendCursor)
        query.addQueryItem(QStringLiteral("since"), QString::number(cursor));
    QNetworkRequest request =
        c->makeRequest(ClientPrivate::idPath(QStringLiteral("/sessions"), sessionId, QStringLiteral("/stream")), query);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArray(RequestFactory::SseContentType));
    request.setRawHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    if (sendCursor)
        request.setRawHeader(QByteArrayLiteral("Last-Event-ID"), QByteArray::number(cursor));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(0); // the idle watchdog replaces it
    url = request.url();

    qCDebug(lcAodStream) << "connecting" << sessionId << "cursor" << cursor << "attempt" << attempt;
    SseTransport *t = nullptr;
    if (options.transport == StreamOptions::Transport::NetworkAccessManager)
        t = new NetworkAccessManagerSseTransport(c->nam, request, q);
    else
        t = new SocketSseTransport(request, proxyFor(c->nam, url), q);
    transport = t;
    QObject::connect(t, &SseTransport::responseStarted, q,
                     [this](int status, const QByteArray &type) { onResponseStarted(status, type); });
    QObject::connect(t, &SseTransport::dataReceived, q, [this](QByteArrayView chunk) { onData(chunk); });
    QObject::connect(t, &SseTransport::ended, q,
                     [this](QNetworkReply::NetworkError e, const QString &text) { onEnded(e, text); });
    if (options.idleTimeoutMs > 0) {
        idleClock.start();
        watchdog.start(options.idleTimeoutMs);
    }
}

void SessionStreamPrivate::onResponseStarted(int status, const QByteArray &contentType)
{
    if (!transport || streamOk)
        return;
    httpStatus = status;
    markActivity();
    if (status != 200)
        return; // decided in onEnded(), with the body
    if (!contentType.trimmed().toLower().startsWith(RequestFactory::SseContentType)) {
        Error e(Error::Code::StreamError,
                ErrorMapping::describeRequest(Get, url)
                    + QStringLiteral(" -> 200 with Content-Type \"%1\", not an event stream")
                          .arg(QString::fromLatin1(contentType)));
        e.setHttpStatus(status).setRequest(Get, url);
        finish(Reason::ProtocolError, e);
        return;
    }
    streamOk = true;
    qCDebug(lcAodStream) << "open" << sessionId << "cursor" << cursor;
    setState(State::Open);
}

void SessionStreamPrivate::onData(QByteArrayView chunk)
{
    if (!transport || chunk.isEmpty())
        return;
    markActivity();
    if (!streamOk) {
        // An error body: keep a bounded sample for the Error, drop the rest.
        if (errorBody.size() < ErrorBodyLimit)
            errorBody.append(chunk.first(qMin(chunk.size(), ErrorBodyLimit - errorBody.size())));
        return;
    }
    bytes += chunk.size();
    const QList<SseEvent> items = parser.append(chunk);
    const QPointer<SessionStream> guard(q);
    const quint64 gen = generation;
    processItems(items);
    if (!stillCurrent(guard, this, gen))
        return;
    if (parser.hasError()) {
        Error e(Error::Code::StreamError, ErrorMapping::describeRequest(Get, url) + QStringLiteral(": ")
                                              + parser.errorString());
        e.setHttpStatus(200).setRequest(Get, url);
        finish(Reason::ProtocolError, e);
    }
}

void SessionStreamPrivate::processItems(const QList<SseEvent> &items)
{
    const QPointer<SessionStream> guard(q);
    const quint64 gen = generation;
    for (const SseEvent &item : items) {
        if (item.isComment()) {
            attempt = 0; // the server is alive and this connection works: that is progress
            Q_EMIT q->heartbeat();
        } else {
            qint64 sseId = -1;
            if (item.hasId) {
                bool ok = false;
                const qint64 n = item.lastEventId.trimmed().toLongLong(&ok);
                if (ok && n >= 0)
                    sseId = n;
            }
            StreamEvent event;
            QString why;
            if (!StreamEvent::fromData(item.data, sseId, event, &why)) {
                qCWarning(lcAodStream) << "skipping a malformed event of" << sessionId << why;
                Error e(Error::Code::StreamError, ErrorMapping::describeRequest(Get, url) + QStringLiteral(": ") + why);
                e.setHttpStatus(200).setRequest(Get, url).setRawSample(item.data);
                Q_EMIT q->errorOccurred(e);
            } else if (!deliver(event)) {
                return;
            }
        }
        if (!stillCurrent(guard, this, gen))
            return;
    }
}

bool SessionStreamPrivate::deliver(const StreamEvent &event)
{
    switch (event.type()) {
    case StreamEvent::Type::Start:
        if (startDelivered) {
            ++duplicates;
            return true;
        }
        startDelivered = true;
        break;
    case StreamEvent::Type::TurnStart: {
        const int turn = event.turn().value_or(-1);
        if (turn >= 0 && turn == lastTurn) {
            ++duplicates; // the server repeats it on every connection that resumes mid-turn
            return true;
        }
        lastTurn = turn;
        break;
    }
    case StreamEvent::Type::Exit:
    case StreamEvent::Type::Error:
    case StreamEvent::Type::Terminated: {
        // Synthesised per connection with the last id (or the cursor): never a duplicate.
        cursor = qMax(cursor, event.sseId());
        terminal = event;
        ++delivered;
        const QPointer<SessionStream> guard(q);
        Q_EMIT q->eventReceived(event);
        if (guard && !finished)
            finish(Reason::TerminalEvent);
        return false;
    }
    case StreamEvent::Type::Stale:
        if (options.autoReconnect) {
            handleStale();
            return false;
        }
        terminal = event;
        ++delivered;
        {
            const QPointer<SessionStream> guard(q);
            Q_EMIT q->eventReceived(event);
            if (guard && !finished)
                finish(Reason::TerminalEvent);
        }
        return false;
    case StreamEvent::Type::Stage:
    case StreamEvent::Type::Output:
    case StreamEvent::Type::Unknown:
        if (event.hasSseId()) {
            if (event.sseId() <= cursor) {
                ++duplicates;
                return true;
            }
            cursor = event.sseId();
        }
        if (event.type() == StreamEvent::Type::Output && event.turn())
            lastTurn = *event.turn();
        attempt = 0;
        break;
    }
    ++delivered;
    Q_EMIT q->eventReceived(event);
    return true;
}

void SessionStreamPrivate::handleStale()
{
    // The server gave up on a silent connection; the session may still be running.
    qCDebug(lcAodStream) << "stale on" << sessionId << "- checking the session";
    dropTransport();
    ++generation;
    const QPointer<SessionStream> guard(q);
    const quint64 before = generation;
    setState(State::Reconnecting);
    if (!stillCurrent(guard, this, before))
        return;
    SessionReply *check = c->sessions->get(sessionId);
    staleCheck = check;
    const quint64 gen = generation;
    auto proceed = [this, gen] {
        if (finished || gen != generation)
            return;
        staleCheck = nullptr;
        ++reconnects;
        connectNow();
    };
    QObject::connect(check, &Reply::succeeded, q, proceed);
    QObject::connect(check, &Reply::failed, q, [this, gen, proceed](const Error &e) {
        if (finished || gen != generation)
            return;
        const int status = e.httpStatus();
        if (status >= 400 && status < 500) {
            staleCheck = nullptr;
            finish(Reason::HttpError, e);
            return;
        }
        // Transient: let the stream's own reconnect find out.
        proceed();
    });
}

void SessionStreamPrivate::onEnded(QNetworkReply::NetworkError netError, const QString &errorString)
{
    if (finished || !transport)
        return;
    dropTransport();

    if (streamOk) {
        // An end without a terminal event is a drop, clean or not.
        const bool cut = netError != QNetworkReply::NoError;
        Error e(Error::Code::NetworkError,
                ErrorMapping::describeRequest(Get, url)
                    + (cut ? QStringLiteral(": connection lost: ") + errorString
                           : QStringLiteral(": the stream ended without a terminal event")));
        e.setNetworkError(cut ? netError : QNetworkReply::RemoteHostClosedError).setRequest(Get, url);
        if (parser.hasPendingEvent())
            qCDebug(lcAodStream) << "dropped mid-event; the server resends it after" << cursor;
        transientFailure(e);
        return;
    }

    if (httpStatus > 0 && netError == QNetworkReply::NoError) {
        const Error e = ErrorMapping::fromHttpResponse(httpStatus, errorBody, Get, url);
        if (httpStatus >= 500) {
            transientFailure(e);
        } else if (httpStatus >= 400) {
            // As replies do: the stream's own signals first, then the Client's, once per token.
            ClientPrivate *client = c;
            const QPointer<Client> clientGuard(c->q);
            finish(Reason::HttpError, e);
            if (httpStatus == 401 && clientGuard)
                client->reportAuthenticationFailure(e);
        } else {
            // 1xx/2xx other than 200 (e.g. 204), or a redirect: WHATWG says stop.
            Error pe(Error::Code::StreamError, ErrorMapping::describeRequest(Get, url)
                                                   + QStringLiteral(" -> %1: not an event stream").arg(httpStatus));
            pe.setHttpStatus(httpStatus).setRequest(Get, url).setRawSample(errorBody);
            finish(Reason::ProtocolError, pe);
        }
        return;
    }

    Error e(Error::Code::NetworkError, ErrorMapping::describeRequest(Get, url) + QStringLiteral(": ") + errorString);
    e.setNetworkError(netError == QNetworkReply::NoError ? QNetworkReply::UnknownNetworkError : netError)
        .setHttpStatus(httpStatus)
        .setRequest(Get, url);
    transientFailure(e);
}

void SessionStreamPrivate::onWatchdog()
{
    if (!transport || finished)
        return;
    const qint64 idle = idleClock.elapsed();
    if (idle < options.idleTimeoutMs) {
        watchdog.start(int(options.idleTimeoutMs - idle));
        return;
    }
    qCDebug(lcAodStream) << "no data for" << idle << "ms on" << sessionId << "- reconnecting";
    Error e(Error::Code::TimeoutError, ErrorMapping::describeRequest(Get, url)
                                           + QStringLiteral(": no data for %1 ms").arg(idle));
    e.setNetworkError(QNetworkReply::TimeoutError).setHttpStatus(httpStatus).setRequest(Get, url);
    transientFailure(e);
}

void SessionStreamPrivate::transientFailure(const Error &e)
{
    dropTransport();
    ++generation;
    parser.reset(); // WHATWG: an unfinished event at a drop is discarded; the server resends it
    error = e;
    const QPointer<SessionStream> guard(q);
    const quint64 gen = generation;
    Q_EMIT q->errorOccurred(e);
    if (!stillCurrent(guard, this, gen))
        return;
    if (!options.autoReconnect) {
        finish(Reason::RetryBudgetExhausted, e);
        return;
    }
    ++attempt;
    if (options.maxRetries >= 0 && attempt > options.maxRetries) {
        qCDebug(lcAodStream) << "giving up on" << sessionId << "after" << options.maxRetries << "retries";
        finish(Reason::RetryBudgetExhausted, e);
        return;
    }
    const int delay = backoffMs();
    qCDebug(lcAodStream) << "reconnecting" << sessionId << "in" << delay << "ms, attempt" << attempt << e;
    setState(State::Reconnecting);
    if (stillCurrent(guard, this, gen))
        reconnectTimer.start(delay);
}

void SessionStreamPrivate::finish(Reason why, const Error &e)
{
    if (finished)
        return;
    finished = true;
    reason = why;
    error = (why == Reason::TerminalEvent || why == Reason::ClosedByCaller) ? Error() : e;
    ++generation;
    reconnectTimer.stop();
    dropTransport();
    if (Reply *check = staleCheck.data()) {
        staleCheck = nullptr;
        check->abort();
    }
    qCDebug(lcAodStream) << "finished" << sessionId << why << "cursor" << cursor;
    const QPointer<SessionStream> guard(q);
    setState(State::Closed);
    if (!guard)
        return;
    Q_EMIT q->finished();
    if (guard)
        scheduleAutoDelete();
}

void SessionStreamPrivate::scheduleAutoDelete()
{
    if (autoDelete)
        QMetaObject::invokeMethod(q, [this] { maybeAutoDelete(); }, Qt::QueuedConnection);
}

void SessionStreamPrivate::maybeAutoDelete()
{
    if (!autoDelete || !finished)
        return; // resumed, or kept by the caller
    if (waitDepth > 0) {
        deletePending = true;
        return;
    }
    q->deleteLater();
}

// --- SessionStream -------------------------------------------------------------------------

SessionStream::SessionStream(ClientPrivate *client, const QString &sessionId, const StreamOptions &options)
    : QObject(client->q), d(std::make_unique<SessionStreamPrivate>(this, client, sessionId, options))
{
    // Connect from the event loop, so the caller can connect signals first.
    QMetaObject::invokeMethod(this, [this] {
        if (!d->finished && d->firstConnection)
            d->connectNow();
    }, Qt::QueuedConnection);
}

SessionStream::~SessionStream()
{
    // Quietly: no signals from a destructor.
    d->finished = true;
    d->reconnectTimer.stop();
    d->watchdog.stop();
    // Possibly inside one of the transport's signals (deleted from a slot): never delete it
    // synchronously.
    d->dropTransport();
    if (Reply *check = d->staleCheck.data())
        check->abort();
}

QString SessionStream::sessionId() const { return d->sessionId; }
StreamOptions SessionStream::options() const { return d->options; }
SessionStream::State SessionStream::state() const { return d->state; }
qint64 SessionStream::cursor() const { return d->cursor; }
bool SessionStream::isFinished() const { return d->finished; }
SessionStream::FinishReason SessionStream::finishReason() const { return d->reason; }
bool SessionStream::isTerminal() const
{
    return d->finished && d->reason == FinishReason::TerminalEvent && d->terminal.endsSession();
}
StreamEvent SessionStream::terminalEvent() const { return d->terminal; }
Error SessionStream::error() const { return d->error; }
int SessionStream::currentTurn() const { return d->lastTurn; }
int SessionStream::reconnectCount() const { return d->reconnects; }
qint64 SessionStream::deliveredCount() const { return d->delivered; }
qint64 SessionStream::duplicateCount() const { return d->duplicates; }
qint64 SessionStream::bytesReceived() const { return d->bytes; }
qint64 SessionStream::msSinceLastActivity() const
{
    return d->lastActivity.isValid() ? d->lastActivity.elapsed() : -1;
}
bool SessionStream::autoDelete() const { return d->autoDelete; }
void SessionStream::setAutoDelete(bool autoDelete) { d->autoDelete = autoDelete; }

bool SessionStream::waitForFinished(int msecs)
{
    if (d->finished)
        return true;
    const QPointer<SessionStream> guard(this);
    QEventLoop loop;
    QObject::connect(this, &SessionStream::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    timer.setSingleShot(true);
    if (msecs >= 0) {
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(msecs);
    }
    ++d->waitDepth;
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!guard)
        return true; // destroyed with its Client while waiting
    --d->waitDepth;
    if (d->deletePending && d->waitDepth == 0) {
        d->deletePending = false;
        d->scheduleAutoDelete();
    }
    return d->finished;
}

void SessionStream::close()
{
    d->finish(FinishReason::ClosedByCaller);
}

bool SessionStream::resume()
{
    if (!d->finished)
        return false;
    d->finished = false;
    d->reason = FinishReason::None;
    d->error = Error();
    d->terminal = StreamEvent();
    d->attempt = 0;
    d->firstConnection = false;
    const QPointer<SessionStream> guard(this);
    d->setState(State::Connecting);
    if (guard && !d->finished)
        d->connectNow();
    return true;
}

// --- SessionsApi::openStream (declared in sessionsapi.h) ------------------------------------

SessionStream *SessionsApi::openStream(const QString &sessionId, const StreamOptions &options)
{
    return new SessionStream(c, sessionId, options);
}

SessionStream *SessionsApi::openStream(const QString &sessionId)
{
    return openStream(sessionId, StreamOptions());
}

} // namespace Aod
