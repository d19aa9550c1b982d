#pragma once
//! \file sessionstream.h  Aod::SessionStream: the live, self-resuming SSE stream of a session.
#include <aod/error.h>
#include <aod/streamevent.h>

#include <QObject>
#include <QString>

#include <memory>

namespace Aod {

class ClientPrivate;
class SessionsApi;
class SessionStreamPrivate;

//! \brief How a SessionStream connects and recovers. A plain value.
struct AOD_EXPORT StreamOptions
{
    //! How the HTTP request is made.
    enum class Transport {
        //! HTTP/1.1 over a socket of the stream's own (TLS for https://, the proxy the
        //! Client's QNetworkAccessManager would use; an HTTP proxy is used via CONNECT).
        //! Default: unlike QNetworkAccessManager in Qt 6.4, it never re-sends a stream
        //! request behind the caller's back after a cut, and a truncated body is always a drop.
        Direct,
        //! Through the Client's QNetworkAccessManager (cache off, no transfer timeout), for
        //! applications that route every request through their own manager.
        NetworkAccessManager,
    };

    //! Exclusive cursor to start after (a log row id, contract §6.4). 0 replays everything.
    //! Events with an id at or below it are never delivered.
    qint64 since = 0;
    //! Reconnect after drops, 5xx, stalls and `stale`. Off: the first failure finishes the
    //! stream (as if maxRetries were 0).
    bool autoReconnect = true;
    //! Consecutive failed attempts allowed before finished() with RetryBudgetExhausted;
    //! -1 is unlimited. Progress (a new event or a heartbeat) resets the count.
    int maxRetries = 10;
    //! First reconnect delay; it doubles per consecutive failure up to maxBackoffMs and drops
    //! back to this value on progress. A server `retry:` field replaces this base.
    int initialBackoffMs = 1000;
    int maxBackoffMs = 30000;
    //! A connection that delivers no byte (not even a heartbeat, sent every 15 s) for this
    //! long is dropped and resumed. Also bounds the wait for the response headers. 0 = off.
    //! Time spent inside a slot of this stream (a modal dialog, say) does not count.
    int idleTimeoutMs = 35000;
    //! Ceiling of the SSE parser's buffer: an unfinished line or event beyond it finishes the
    //! stream with ProtocolError instead of eating memory.
    qsizetype maxBufferSize = qsizetype(16) * 1024 * 1024;
    Transport transport = Transport::Direct;
    //! Where the SSE parsing and JSON decoding run. false (default): on the stream's thread,
    //! inside the transport's read. true: on QThreadPool::globalInstance(), one task at a time
    //! per stream, while the stream's thread keeps reading the socket; events are still
    //! delivered on the stream's thread, in stream order, with the same rules and signal order,
    //! and the end of a connection is handled only after all of its events were delivered (a
    //! machine with a single core decodes inline anyway). Trade-off (bench_sessionstream,
    //! 100 MB firehose, idle 2-core machine, twelve runs of best of 7 rounds): in the
    //! background the stream's thread spends 58-91% of the CPU time it spends decoding inline
    //! in most runs (up to 126% in others) and the process more in total; with an in-process
    //! server on the stream's thread the session was consumed in 34-39% less time in seven
    //! runs and in 8-16% more in five, without it always in more (36-103%), and single rounds
    //! vary much more. Hence off by default; turn it on where the thread's responsiveness
    //! matters more than throughput.
    bool decodeInBackground = false;
};

//! \brief The live event stream of one session (`GET /sessions/{id}/stream`), resuming by
//! itself so that no event is lost or delivered twice.
//!
//! Obtained from `client->sessions()->openStream(sessionId, options)`; it connects as soon as
//! control returns to the event loop, so connect the signals first.
//!
//! **Delivery rules.**
//! - The cursor is the last SSE `id:` value seen (never the JSON id of `turn_start`, which
//!   shares the id of the output that follows it). Every reconnect sends it as both `?since=`
//!   and `Last-Event-ID`.
//! - Stage, output and unknown events whose SSE id is at or below the cursor are dropped.
//! - `start` is delivered once per stream object, not once per connection.
//! - `turn_start` is delivered only when its turn differs from the turn of the last delivered
//!   `turn_start` or `output`: the server repeats it after every resume in mid-turn, and a
//!   consumer sees exactly one per turn, before that turn's first output.
//! - `exit`, `error` and `terminated` are delivered, then finished() (TerminalEvent).
//! - `stale` (the server gave up on a silent connection, the session lives on) is not
//!   delivered when autoReconnect is on: the stream GETs the session; a 4xx finishes with
//!   HttpError, anything else reconnects from the cursor at once (an active session goes on;
//!   one that ended meanwhile yields its remaining rows and its real terminal event). With
//!   autoReconnect off, `stale` is delivered and finishes the stream.
//!
//! **Failures.** Network errors, an end of stream without a terminal event, 5xx, and a
//! connection silent for idleTimeoutMs are transient: errorOccurred(), state Reconnecting,
//! backoff, reconnect. A 4xx finishes at once (HttpError; 401 is AuthenticationError, 404
//! NotFound). A 200 that is not `text/event-stream`, or a runaway frame, finishes with
//! ProtocolError. A data payload that is not a JSON object with a `type` is reported with
//! errorOccurred(StreamError) and skipped.
//!
//! **Signal order.** stateChanged(Open) once the 200 headers arrive, then eventReceived() and
//! heartbeat() in stream order; errorOccurred() then stateChanged(Reconnecting) on a transient
//! failure; finally stateChanged(Closed) then finished(), exactly once per run (resume() starts
//! a new run). Nothing is emitted inside openStream().
//!
//! **Slots that block or run a nested event loop** (a modal dialog): no later event is
//! delivered until the slot returns, and the stream stops reading meanwhile, so at most a few
//! megabytes wait in memory (the rest stays with the server, held back by TCP). The stream
//! may be closed or deleted from there.
//!
//! **Ownership.** A child of the Client. After finished() it deletes itself (deleteLater) once
//! control returns to the event loop, unless setAutoDelete(false) was called or resume() was
//! called first (e.g. from a slot connected to finished()). Deleting a running stream aborts
//! its request quietly, with no signals.
//!
//! **Threads.** Lives in the Client's thread; use it from there. All signals are emitted in
//! that thread. With StreamOptions::decodeInBackground (off by default) the bytes of a connection
//! are parsed and decoded on QThreadPool::globalInstance() and the decoded events are handed
//! back through the thread's event loop, so the stream needs a running event loop (it needs
//! one for its socket anyway; waitForFinished() runs one). A stream deleted while its bytes
//! are being decoded drops them: nothing is posted to a deleted object.
class AOD_EXPORT SessionStream : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State { Connecting, Open, Reconnecting, Closed };
    Q_ENUM(State)

    enum class FinishReason {
        None,                 //!< still running
        TerminalEvent,        //!< exit, error or terminated (or stale with autoReconnect off)
        HttpError,            //!< a 4xx on the stream (or on the session check after stale)
        RetryBudgetExhausted, //!< maxRetries consecutive failures; error() has the last one
        ClosedByCaller,       //!< close()
        ProtocolError,        //!< not an event stream, or the parser's buffer ceiling
        ConfigurationError,   //!< nothing was sent: no token, a bad base URL, an empty id
    };
    Q_ENUM(FinishReason)

    ~SessionStream() override;

    QString sessionId() const;
    StreamOptions options() const;
    State state() const;
    //! The last SSE `id:` value delivered (or options().since): pass it as `since` to continue.
    qint64 cursor() const;

    bool isFinished() const;
    FinishReason finishReason() const;
    //! True when finished on exit, error or terminated.
    bool isTerminal() const;
    //! The terminal event that ended the stream (invalid otherwise).
    StreamEvent terminalEvent() const;
    //! Why it finished for HttpError, RetryBudgetExhausted, ProtocolError and
    //! ConfigurationError; NoError for TerminalEvent and ClosedByCaller.
    //! While running: the last transient error.
    Error error() const;

    //! The turn of the last delivered `turn_start` or `output`, -1 before any.
    int currentTurn() const;
    //! Reconnect attempts made so far (all runs).
    int reconnectCount() const;
    //! Events delivered through eventReceived() (all runs).
    qint64 deliveredCount() const;
    //! Events the server sent again after a resume and that were dropped (duplicates).
    qint64 duplicateCount() const;
    //! Response body bytes received (all connections).
    qint64 bytesReceived() const;
    //! Milliseconds since the last byte arrived (-1 before any): liveness for a UI.
    qint64 msSinceLastActivity() const;

    bool autoDelete() const;
    void setAutoDelete(bool autoDelete);

    //! Blocks in a local event loop until finished() or \a msecs elapse (-1: no limit).
    //! For command-line tools, scripts, tests and worker threads, never the GUI thread.
    //! Returns isFinished(). Auto-delete is deferred until the caller's event loop runs.
    bool waitForFinished(int msecs = -1);

public Q_SLOTS:
    //! Stops following: aborts the connection, then stateChanged(Closed) and finished()
    //! (ClosedByCaller) synchronously. No-op once finished.
    void close();
    //! Starts a new run from cursor() after finished(), e.g. after sending a follow-up prompt
    //! to a completed session: the new run delivers only the new turn. Send the prompt first
    //! and wait for its 202, else the server may still see the session as completed and end
    //! the new run at once. Returns false (and does nothing) while running.
    bool resume();

Q_SIGNALS:
    void stateChanged(Aod::SessionStream::State state);
    void eventReceived(const Aod::StreamEvent &event);
    //! A comment line (`: heartbeat`) arrived: the connection is alive.
    void heartbeat();
    //! A transient failure; a reconnect follows (or finished() if the budget is spent).
    void errorOccurred(const Aod::Error &error);
    void finished();

private:
    friend class SessionsApi;
    friend class SessionStreamPrivate;
    SessionStream(ClientPrivate *client, const QString &sessionId, const StreamOptions &options);
    std::unique_ptr<SessionStreamPrivate> d;
};

} // namespace Aod

Q_DECLARE_METATYPE(Aod::StreamOptions)
