#include <aod/sessionstream.h>

#include "client_p.h"
#include "errormapping_p.h"
#include "logging_p.h"
#include "requestfactory_p.h"
#include "sseparser_p.h"
#include "ssetransport_p.h"
#include "streamevent_p.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QUrlQuery>
#include <QWaitCondition>

#include <cstring>
#include <memory>
#include <optional>
#include <utility>

namespace Aod {

class SessionStreamPrivate;

namespace {
constexpr qsizetype ErrorBodyLimit = 64 * 1024;
// Background decoding: once this many received bytes wait for the decoder, the stream's thread
// waits (briefly) for it to catch up instead of queueing without bound.
constexpr qsizetype MaxQueuedBytes = qsizetype(8) * 1024 * 1024;
constexpr int MaxBackpressureWaitMs = 50;
// The decoder hands back a batch per this many input bytes (cutting large chunks): the stream's
// thread delivers one batch while the next is decoded, and the decoded events in flight stay
// few enough for the allocator to recycle them from one batch to the next.
constexpr qsizetype BatchInputBytes = 256 * 1024;
// At most this many decoded batches wait for the stream's thread: beyond it the task ends and
// the stream's thread starts it again once it has taken them. The decoder never runs far
// ahead of delivery, so the decoded events in flight stay a few megabytes, reused by the
// allocator instead of growing and trimming its heap every round, and a pool thread never
// waits for the stream's thread.
constexpr qsizetype MaxPendingBatches = 4;
// Received bytes are copied for the decoder in pieces of at most this size, into the buffers
// of pieces it has decoded (up to MaxSpareBuffers of them). A fresh buffer for each read
// (hundreds of kilobytes) made the allocator map or grow its heap and give the memory back
// every time, and the kernel fault in and zero every page again: that cost the stream's thread
// more than the copy itself. Bounded pieces keep every buffer reusable: with whole reads, a
// slow round made the next read larger than any spare, which made that round slow too.
constexpr qsizetype PieceBytes = 512 * 1024;
constexpr qsizetype MaxSpareBuffers = 8;
const QByteArray Get = QByteArrayLiteral("GET");
} // namespace

// A named namespace, not an anonymous one: SessionStreamPrivate holds a DecodePipeline, and
// in a unity build this file is not the main file, where GCC warns about a class with a
// member of a type from an anonymous namespace (-Wsubobject-linkage).
namespace StreamDecoding {

// One parser item, decoded: everything the delivery rules need, made on either thread.
struct DecodedItem
{
    StreamEvent event;   // when decoded
    QString why;         // when the payload did not decode
    QByteArray raw;      // the payload, kept only when it did not decode (the Error's sample)
    // event.turn(), read by the decoder while the event is in its cache: with background
    // decoding, reading it on the stream's thread was a cache miss per event.
    std::optional<int> turn;
    bool comment = false;
    bool ok = false;
};

void decodeItem(SseEvent &item, DecodedItem &d, StreamEventDecoding::Buffers *buffers)
{
    if (item.isComment()) {
        d.comment = true;
        return;
    }
    qint64 sseId = -1;
    if (item.hasId) {
        // The usual id, up to 18 plain digits, read here; anything else as QByteArray reads it
        // (trimmed() and its general number parser took some 265 instructions per event).
        const QByteArray &id = item.lastEventId;
        qint64 n = 0;
        bool digits = !id.isEmpty() && id.size() <= 18;
        for (qsizetype i = 0; digits && i < id.size(); ++i) {
            const char c = id.at(i);
            digits = c >= '0' && c <= '9';
            n = n * 10 + (c - '0');
        }
        if (!digits) {
            bool ok = false;
            n = id.trimmed().toLongLong(&ok);
            if (!ok)
                n = -1;
        }
        if (n >= 0)
            sseId = n;
    }
    std::optional<int> turn;
    // On success the event takes the data line over: it holds it alone, so Buffers::recycle()
    // can take it back.
    d.ok = StreamEventDecoding::fromData(std::move(item.data), sseId, d.event, &d.why, buffers, &turn);
    if (!d.ok) {
        d.raw = std::move(item.data); // left as it was
        return;
    }
    if (d.event.type() == StreamEvent::Type::Output || d.event.type() == StreamEvent::Type::TurnStart)
        d.turn = turn;
}

// SseParser's data-line copier: into a recycled buffer of the Buffers at \a buffers.
QByteArray copyInto(void *buffers, QByteArrayView bytes)
{
    return static_cast<StreamEventDecoding::Buffers *>(buffers)->bytes(bytes);
}

// Received bytes waiting for the decoder; `offset` of them are decoded already.
struct QueuedChunk
{
    quint64 generation = 0;
    QByteArray bytes;
    qsizetype offset = 0;
};

// What the decoder made of the chunks of one connection (generation), in order.
struct DecodedBatch
{
    quint64 generation = 0;
    qsizetype chunks = 0;      // how many received chunks it covers
    QList<DecodedItem> items;
    QString parserError;       // set once the parser hit its ceiling
    qint64 retryMs = -1;
    bool parserFailed = false;
    bool pendingEvent = false; // an event was begun and not dispatched at the batch's end
};

// Shared by a stream (in its thread) and its decoding task on the global thread pool. The
// task never touches the stream: it posts to `channel`, a plain QObject in the stream's thread
// that the stream deletes (after nulling the pointer under the mutex) when it goes away.
struct DecodePipeline
{
    explicit DecodePipeline(qsizetype maxBufferSize) : parser(maxBufferSize)
    {
        parser.setDataCopier(copyInto, &buffers);
    }

    QMutex mutex;
    QWaitCondition taken;                       // the task took chunks (backpressure)
    // Guarded by mutex:
    QList<QueuedChunk> chunks;                  // received bytes, tagged with the generation
    qsizetype queuedBytes = 0;
    QList<DecodedBatch> results;
    // Delivered batches, destroyed by the task: their events were allocated on its thread, and
    // freeing them there spares both threads the allocator's cross-thread lock traffic.
    QList<DecodedBatch> delivered;
    QList<QByteArray> spare;                    // decoded chunks' buffers, for the next chunks
    QObject *channel = nullptr;                 // null once the stream is gone
    quint64 liveGeneration = 0;                 // chunks and batches of others are dropped
    bool taskActive = false;                    // one task per stream at a time: order
    bool taskRunning = false;                   // it has started (is not waiting for a thread)
    bool taskParked = false;                    // ended on MaxPendingBatches: drain restarts it
    bool wakePosted = false;                    // a drain() call is on its way to the stream
    // The stream's thread only:
    SessionStreamPrivate *owner = nullptr;
    bool draining = false;
    QObject *channelToDelete = nullptr;         // the stream went away during a drain
    // The task only (tasks run one after the other; the mutex hands the state over):
    SseParser parser;
    quint64 parserGeneration = 0;
    StreamEventDecoding::Buffers buffers;       // for the parser's data lines and the decoder
    qsizetype lastBatchItems = 0;
};

} // namespace StreamDecoding

namespace {
using StreamDecoding::DecodedBatch;
using StreamDecoding::DecodedItem;
using StreamDecoding::DecodePipeline;
using StreamDecoding::QueuedChunk;
using StreamDecoding::copyInto;
using StreamDecoding::decodeItem;

void runDecoder(const std::shared_ptr<DecodePipeline> &p);
void drainDecoded(const std::shared_ptr<DecodePipeline> &p);
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
        // With one core there is nothing to overlap: the hand-over would only cost.
        if (options.decodeInBackground && QThread::idealThreadCount() > 1) {
            pipeline = std::make_shared<DecodePipeline>(opts.maxBufferSize);
            pipeline->channel = new QObject; // in this (the stream's) thread
            pipeline->owner = this;
        }
        parser.setDataCopier(copyInto, &buffers);
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
    void queueForDecoding(QByteArrayView chunk);
    void onTransportEnded(QNetworkReply::NetworkError netError, const QString &errorString);
    void onEnded(QNetworkReply::NetworkError netError, const QString &errorString);
    //! Delivery of decoded items (processItem() and deliver(): the one place for the cursor,
    //! duplicate, turn, terminal and stale rules, for both decoding paths).
    void processItems(const QList<DecodedItem> &items);
    //! One item: heartbeat, malformed-payload error, or deliver(). False: stop processing.
    bool processItem(const DecodedItem &item);
    //! processItem() with the slot depth counted (for the watchdog); false when the caller
    //! must stop: told to, or the stream was deleted, finished or moved on (\a guard, \a gen).
    bool processItemAndGoOn(const DecodedItem &item, const QPointer<SessionStream> &guard, quint64 gen);
    void processBatch(const DecodedBatch &batch);
    //! Background decoding: resumes a transport paused by queueForDecoding() once the decoder
    //! has caught up (called at the end of each outermost drain).
    void resumeTransportIfCaughtUp();
    void parserFailure(const QString &why);
    //! A new connection or the end of one: bumps generation, drops what is being decoded.
    void newGeneration();
    void detachPipeline();
    //! Delivers \a item's event if the rules allow; false when the caller must stop processing.
    bool deliver(const DecodedItem &item);
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
    SseParser parser;                            // synchronous decoding only
    StreamEventDecoding::Buffers buffers;        // its data lines' and events' buffers
    std::shared_ptr<DecodePipeline> pipeline;    // background decoding only
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
    qint64 serverRetryMs = -1;    // the last `retry:` value seen (kept across connections)
    qsizetype inFlight = 0;       // chunks of this connection not yet delivered (background)
    QNetworkReply::NetworkError endError = QNetworkReply::NoError; // a transport end waiting
    QString endText;              //   for inFlight to reach 0
    bool endPending = false;
    bool pendingEventAtEnd = false; // for the log: a drop in mid-event
    int lastTurn = -1;
    int attempt = 0;              // consecutive failures without progress
    int reconnects = 0;
    int httpStatus = 0;
    int waitDepth = 0;
    int deliveryDepth = 0;        // > 0 while our receivers run (maybe a nested event loop)
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
        // We may be inside one of its signals, even in a nested event loop below one (and the
        // caller may delete the stream next): release() deletes it only once that is over.
        t->release();
    }
}

void SessionStreamPrivate::markActivity()
{
    idleClock.start();
    lastActivity.start();
}

int SessionStreamPrivate::backoffMs() const
{
    const qint64 base = serverRetryMs >= 0 ? serverRetryMs : qMax(0, options.initialBackoffMs);
    const qint64 cap = qMax<qint64>(base, options.maxBackoffMs);
    qint64 delay = base;
    for (int i = 1; i < attempt && delay < cap; ++i)
        delay *= 2;
    return int(qMin(delay, cap));
}

void SessionStreamPrivate::newGeneration()
{
    ++generation;
    inFlight = 0;
    endPending = false;
    pendingEventAtEnd = false;
    if (pipeline) {
        QMutexLocker lock(&pipeline->mutex);
        pipeline->liveGeneration = generation;
        pipeline->chunks.clear();
        pipeline->queuedBytes = 0;
        pipeline->results.clear();
        pipeline->taskParked = false; // nothing left for it: the next chunk starts a task
        pipeline->taken.wakeAll();
    }
}

void SessionStreamPrivate::detachPipeline()
{
    if (!pipeline)
        return;
    QObject *channel = nullptr;
    {
        QMutexLocker lock(&pipeline->mutex);
        channel = std::exchange(pipeline->channel, nullptr); // the task posts nothing more
        pipeline->chunks.clear();
        pipeline->queuedBytes = 0;
        pipeline->results.clear();
        pipeline->taken.wakeAll();
    }
    pipeline->owner = nullptr;
    // Deleting the channel also discards a drain() posted to it. Inside a drain (a slot
    // deleted the stream) its call is still on the stack: the drain deletes it on the way out.
    if (pipeline->draining)
        pipeline->channelToDelete = channel;
    else
        delete channel;
    pipeline.reset();
}

void SessionStreamPrivate::connectNow()
{
    dropTransport();
    newGeneration();
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
                     [this](QNetworkReply::NetworkError e, const QString &text) { onTransportEnded(e, text); });
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
    if (pipeline) {
        queueForDecoding(chunk);
        return;
    }
    // Each event is decoded and delivered as soon as the parser completes it, while its bytes
    // are in cache. A slot may close, reconnect (which resets the parser) or delete the
    // stream: then parse() returns false at once and nothing here is touched again.
    const QPointer<SessionStream> guard(q);
    const quint64 gen = generation;
    const bool whole = parser.parse(chunk, [this, &guard, gen](SseEvent &item) {
        serverRetryMs = parser.retryMs();
        DecodedItem decoded;
        decodeItem(item, decoded, &buffers);
        if (!processItemAndGoOn(decoded, guard, gen))
            return false; // `this` may be gone: touch nothing
        buffers.recycle(decoded.event); // for the next event, unless a receiver kept it
        return true;
    });
    if (!whole)
        return;
    serverRetryMs = parser.retryMs();
    pendingEventAtEnd = parser.hasPendingEvent();
    if (parser.hasError())
        parserFailure(parser.errorString());
}

void SessionStreamPrivate::parserFailure(const QString &why)
{
    Error e(Error::Code::StreamError, ErrorMapping::describeRequest(Get, url) + QStringLiteral(": ") + why);
    e.setHttpStatus(200).setRequest(Get, url);
    finish(Reason::ProtocolError, e);
}

void SessionStreamPrivate::queueForDecoding(QByteArrayView chunk)
{
    // The view is the transport's buffer: copy it (PieceBytes at a time, into buffers the
    // decoder is done with when there are some). Delivery follows from drainDecoded().
    bool start = false;
    bool pause = false;
    // One bound for the whole read, however many pieces it makes.
    const QDeadlineTimer deadline(MaxBackpressureWaitMs);
    while (!chunk.isEmpty()) {
        const QByteArrayView piece = chunk.first(qMin(chunk.size(), PieceBytes));
        chunk = chunk.sliced(piece.size());
        ++inFlight;
        QByteArray copy;
        {
            QMutexLocker lock(&pipeline->mutex);
            if (!pipeline->spare.isEmpty())
                copy = pipeline->spare.takeLast();
        }
        copy.resize(piece.size()); // keeps a spare's allocation when it is large enough
        std::memcpy(copy.data(), piece.data(), size_t(piece.size()));
        QMutexLocker lock(&pipeline->mutex);
        pipeline->chunks.append({generation, std::move(copy), 0});
        pipeline->queuedBytes += piece.size();
        if (!pipeline->taskActive) {
            if (!pipeline->taskParked) {
                pipeline->taskActive = true;
                start = true;
            }
        } else if (pipeline->taskRunning && pipeline->queuedBytes > MaxQueuedBytes) {
            // The socket outruns the decoder: give it a moment instead of queueing without
            // bound (bounded, so a busy pool can never freeze this thread).
            while (pipeline->taskRunning && pipeline->queuedBytes > MaxQueuedBytes / 2) {
                if (!pipeline->taken.wait(&pipeline->mutex, deadline))
                    break;
            }
        }
        // Still too much waiting: the decoder is slow, or parked because a receiver runs a
        // nested event loop and takes no batches. Stop reading until it catches up; the
        // transport's bounded buffer and TCP hold the rest back.
        pause = pipeline->queuedBytes > MaxQueuedBytes;
    }
    if (start)
        QThreadPool::globalInstance()->start([p = pipeline] { runDecoder(p); });
    if (pause && transport)
        transport->setPaused(true);
}

void SessionStreamPrivate::resumeTransportIfCaughtUp()
{
    if (!transport || !transport->isPaused() || !pipeline)
        return;
    {
        QMutexLocker lock(&pipeline->mutex);
        if (pipeline->queuedBytes > MaxQueuedBytes / 2)
            return; // the next batch's drain looks again
    }
    transport->setPaused(false);
}

void SessionStreamPrivate::processBatch(const DecodedBatch &batch)
{
    if (finished || batch.generation != generation)
        return; // from a connection that is gone
    if (batch.retryMs >= 0)
        serverRetryMs = batch.retryMs;
    pendingEventAtEnd = batch.pendingEvent;
    const QPointer<SessionStream> guard(q);
    const quint64 gen = generation;
    processItems(batch.items);
    if (!stillCurrent(guard, this, gen))
        return;
    if (batch.parserFailed) {
        parserFailure(batch.parserError);
        return;
    }
    // Only now is the batch done: an end that arrived meanwhile (even during a slot's nested
    // event loop) waits until every event of its connection was delivered.
    inFlight -= batch.chunks;
    if (inFlight <= 0 && endPending) {
        endPending = false;
        onEnded(endError, std::exchange(endText, QString()));
    }
}

void SessionStreamPrivate::processItems(const QList<DecodedItem> &items)
{
    const QPointer<SessionStream> guard(q);
    const quint64 gen = generation;
    for (const DecodedItem &item : items) {
        if (!processItemAndGoOn(item, guard, gen))
            return;
    }
}

bool SessionStreamPrivate::processItemAndGoOn(const DecodedItem &item, const QPointer<SessionStream> &guard,
                                              quint64 gen)
{
    ++deliveryDepth;
    const bool go = processItem(item);
    if (!guard)
        return false; // deleted from a slot: touch nothing
    --deliveryDepth;
    return go && stillCurrent(guard, this, gen);
}

bool SessionStreamPrivate::processItem(const DecodedItem &item)
{
    if (item.comment) {
        attempt = 0; // the server is alive and this connection works: that is progress
        Q_EMIT q->heartbeat();
        return true;
    }
    if (!item.ok) {
        qCWarning(lcAodStream) << "skipping a malformed event of" << sessionId << item.why;
        Error e(Error::Code::StreamError, ErrorMapping::describeRequest(Get, url) + QStringLiteral(": ") + item.why);
        e.setHttpStatus(200).setRequest(Get, url).setRawSample(item.raw);
        Q_EMIT q->errorOccurred(e);
        return true;
    }
    return deliver(item);
}

bool SessionStreamPrivate::deliver(const DecodedItem &item)
{
    const StreamEvent &event = item.event;
    switch (event.type()) {
    case StreamEvent::Type::Start:
        if (startDelivered) {
            ++duplicates;
            return true;
        }
        startDelivered = true;
        break;
    case StreamEvent::Type::TurnStart: {
        const int turn = item.turn.value_or(-1);
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
        if (event.type() == StreamEvent::Type::Output && item.turn)
            lastTurn = *item.turn;
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
    newGeneration();
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

void SessionStreamPrivate::onTransportEnded(QNetworkReply::NetworkError netError, const QString &errorString)
{
    if (finished || !transport)
        return;
    if (inFlight > 0) {
        // Bytes of this connection are still being decoded: end it after their events.
        qCDebug(lcAodStream) << "end of" << sessionId << "waits for" << inFlight << "chunks being decoded";
        endPending = true;
        endError = netError;
        endText = errorString;
        watchdog.stop();
        return;
    }
    onEnded(netError, errorString);
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
        if (pendingEventAtEnd)
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
    // Our own receiver holds the stream (a slot in a nested event loop, a modal dialog): the
    // bytes wait for it, not for the server. Not a silent connection.
    if (deliveryDepth > 0 || transport->isPaused()) {
        watchdog.start(options.idleTimeoutMs);
        return;
    }
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
    newGeneration();
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
    newGeneration();
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

// --- Background decoding -------------------------------------------------------------------

namespace {

// The pool task: decodes what is queued, one generation at a time, and posts the batches.
void runDecoder(const std::shared_ptr<DecodePipeline> &p)
{
    // One batch (about BatchInputBytes of input) per round, so that between two batches the
    // task frees what was delivered and stops when enough waits for the stream's thread.
    for (;;) {
        QList<QByteArrayView> take;
        QList<QByteArray> hold; // keeps the bytes behind `take` alive
        QList<DecodedBatch> garbage;
        DecodedBatch batch;
        {
            QMutexLocker lock(&p->mutex);
            p->taskRunning = true;
            garbage.swap(p->delivered);
            while (!p->chunks.isEmpty() && p->chunks.first().generation != p->liveGeneration) {
                p->queuedBytes -= p->chunks.first().bytes.size() - p->chunks.first().offset;
                p->chunks.removeFirst();
            }
            if (p->chunks.isEmpty() || !p->channel || p->results.size() >= MaxPendingBatches) {
                p->taskParked = !p->chunks.isEmpty() && p->channel;
                p->taskActive = false;
                p->taskRunning = false;
                p->taken.wakeAll();
                return; // (garbage is freed here, outside the lock)
            }
            batch.generation = p->chunks.first().generation;
            qsizetype room = BatchInputBytes;
            while (room > 0 && !p->chunks.isEmpty() && p->chunks.first().generation == batch.generation) {
                QueuedChunk &c = p->chunks.first();
                const qsizetype n = qMin(room, c.bytes.size() - c.offset);
                hold.append(c.bytes);
                take.append(QByteArrayView(c.bytes).sliced(c.offset, n));
                c.offset += n;
                room -= n;
                p->queuedBytes -= n;
                if (c.offset == c.bytes.size()) {
                    ++batch.chunks; // the batch that completes a chunk accounts for it
                    p->chunks.removeFirst();
                }
            }
            p->taken.wakeAll();
        }

        // The delivered events' buffers, for this batch's events (StreamEventDecoding::Buffers).
        for (DecodedBatch &old : garbage) {
            for (DecodedItem &item : old.items)
                p->buffers.recycle(item.event);
        }
        if (batch.generation != p->parserGeneration) {
            p->parser.reset(); // a new connection: a new event stream
            p->parserGeneration = batch.generation;
        }
        // Sized like the last batch: growing it copied every item (1% of the decoder's time).
        batch.items.reserve(p->lastBatchItems);
        for (const QByteArrayView bytes : std::as_const(take)) {
            p->parser.parse(bytes, [&batch, &p](SseEvent &item) {
                DecodedItem d;
                decodeItem(item, d, &p->buffers);
                batch.items.append(std::move(d));
                return true;
            });
        }
        take.clear();
        p->lastBatchItems = qMin<qsizetype>(batch.items.size(), 4096);
        // The chunks decoded to their end are held by nothing else now: their buffers go
        // back to the stream's thread for the next chunks.
        QList<QByteArray> reusable;
        for (QByteArray &bytes : hold) {
            if (bytes.isDetached() && bytes.capacity() <= 2 * PieceBytes)
                reusable.append(std::move(bytes));
        }
        hold.clear();
        batch.parserFailed = p->parser.hasError();
        if (batch.parserFailed)
            batch.parserError = p->parser.errorString();
        batch.retryMs = p->parser.retryMs();
        batch.pendingEvent = p->parser.hasPendingEvent();
        {
            QMutexLocker lock(&p->mutex);
            while (!reusable.isEmpty() && p->spare.size() < MaxSpareBuffers)
                p->spare.append(reusable.takeLast());
            if (p->channel && batch.generation == p->liveGeneration) {
                p->results.append(std::move(batch));
                if (!p->wakePosted) {
                    p->wakePosted = true;
                    QMetaObject::invokeMethod(p->channel, [p] { drainDecoded(p); }, Qt::QueuedConnection);
                }
            }
        }
        // Freed only now, after this batch was allocated beside them: the hole they leave is
        // reused by the next batch instead of the allocator trimming and regrowing its heap.
        garbage.clear();
    }
}

// In the stream's thread: delivers the decoded batches in order. A slot that runs a nested
// event loop holds the rest back (the nested drain returns at once), as the transport does.
void drainDecoded(const std::shared_ptr<DecodePipeline> &p)
{
    if (p->draining || !p->owner)
        return;
    p->draining = true;
    for (;;) {
        QList<DecodedBatch> batches;
        bool restart = false;
        {
            QMutexLocker lock(&p->mutex);
            batches.swap(p->results);
            p->wakePosted = false;
            if (p->taskParked) {
                p->taskParked = false;
                p->taskActive = restart = true;
            }
        }
        if (restart)
            QThreadPool::globalInstance()->start([p] { runDecoder(p); });
        if (batches.isEmpty())
            break;
        for (const DecodedBatch &batch : std::as_const(batches)) {
            p->owner->processBatch(batch);
            if (!p->owner)
                break; // deleted from a slot
        }
        // The events go back to the decoder's side to be freed: allocated there, they would
        // cost this thread the allocator's cross-thread path and cache misses. Without a task
        // running, a short one of their own frees them.
        bool freeTask = false;
        {
            QMutexLocker lock(&p->mutex);
            if (p->taskActive)
                p->delivered.append(std::move(batches)); // the task frees them
            else
                freeTask = true;
        }
        if (freeTask)
            QThreadPool::globalInstance()->start([garbage = std::move(batches)]() mutable { garbage.clear(); });
        batches.clear();
        if (!p->owner)
            break;
    }
    p->draining = false;
    if (p->owner)
        p->owner->resumeTransportIfCaughtUp();
    // The stream was deleted by a slot: its channel is this call's receiver, so it goes once
    // this event is done (not from a nested event loop while this call is still running).
    if (QObject *channel = std::exchange(p->channelToDelete, nullptr))
        channel->deleteLater();
}

} // namespace

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
    d->detachPipeline();
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
