#pragma once
// Private header: not part of the installed API. Exported in testing builds only
// (AOD_TESTS_EXPORT) so unit tests, benchmarks and fuzzers can reach it.
#include <aod/aod_export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <type_traits>

namespace Aod {

//! \brief One item produced by SseParser: a dispatched event, or a comment line.
//!
//! Bytes stay bytes: `data` is UTF-8 exactly as framed, decoded only on request (text()), so
//! a multi-byte character split across network chunks is never damaged.
struct AOD_TESTS_EXPORT SseEvent
{
    enum class Kind : quint8 { Message, Comment };

    Kind kind = Kind::Message;
    //! The `event:` field, "message" when the frame had none. Empty for comments.
    QByteArray type;
    //! The `data:` lines joined with LF (no trailing LF). For a comment: its text after the
    //! colon and one optional space ("heartbeat").
    QByteArray data;
    //! The last event ID in force when the event was dispatched (WHATWG: it persists across
    //! events of one stream until an `id:` line changes it).
    QByteArray lastEventId;
    //! True when this frame itself carried a valid `id:` line (AoD omits it on `start`,
    //! `turn_start` and id-0 terminal events: that distinction drives the resume cursor).
    bool hasId = false;

    bool isComment() const { return kind == Kind::Comment; }
    //! `data` decoded as UTF-8 (invalid sequences become U+FFFD).
    QString text() const { return QString::fromUtf8(data); }
    bool operator==(const SseEvent &other) const = default;
};

//! \brief A pure, byte-level `text/event-stream` parser (WHATWG HTML "event stream
//! interpretation"): bytes in, events out. No QObject, no network, no clock.
//!
//! Rules implemented:
//! - line ends LF, CRLF and CR, also when a CR ends one chunk and its LF starts the next;
//! - one leading UTF-8 BOM is dropped (also when split across chunks);
//! - `:` lines are comments and are returned in order as Kind::Comment items (heartbeats);
//! - `field:value` with one optional space removed; a line without a colon is a field with an
//!   empty value; unknown fields are ignored;
//! - `data` lines are joined with LF; a blank line dispatches; nothing is dispatched while
//!   the data buffer is empty (an `id:`-only frame still sets the last event ID);
//! - `event` sets the type (default "message"); `id` sets the last event ID unless it
//!   contains NUL, and persists; `retry` is honoured only when it is all ASCII digits;
//! - a buffer ceiling: if an unfinished line plus the pending data grow beyond
//!   maxBufferSize(), the parser stops with hasError() instead of eating memory; it then
//!   ignores input until reset().
//!
//! At the end of a stream call flush(): per WHATWG an unfinished event is discarded
//! (FlushMode::Discard, right for a resuming client, since the server resends it); the
//! FlushMode::Dispatch variant treats EOF as a line end and a blank line, for one-shot bodies
//! that lack the final blank line.
//!
//! Not thread-safe; a plain value that may be copied.
class AOD_TESTS_EXPORT SseParser
{
public:
    static constexpr qsizetype DefaultMaxBufferSize = qsizetype(16) * 1024 * 1024;

    enum class FlushMode { Discard, Dispatch };
    enum class Status { Ok, BufferOverflow };

    explicit SseParser(qsizetype maxBufferSize = DefaultMaxBufferSize);

    //! Feeds \a chunk; returns the events (and comments) completed by it, in stream order.
    QList<SseEvent> append(QByteArrayView chunk);

    //! Receives each event of parse() as soon as it is complete; returns false to stop.
    using Sink = bool (*)(void *context, SseEvent &event);
    //! Feeds \a chunk like append(), but hands each event (and comment) to \a sink the moment
    //! its frame completes, while its bytes are still in cache, instead of collecting them.
    //! The sink may move from the event. When it returns false, parse() returns false at once
    //! without touching the parser again (the sink may have reset or even destroyed it); the
    //! rest of \a chunk is dropped, so the parser must be reset() before it is fed again.
    //! Returns true when the whole chunk was read (check hasError() then).
    bool parse(QByteArrayView chunk, Sink sink, void *context);
    //! The same with any callable `bool (SseEvent &)`.
    template <typename F>
    bool parse(QByteArrayView chunk, F &&f)
    {
        using Callable = std::remove_reference_t<F>; // may be const
        return parse(chunk, [](void *c, SseEvent &e) -> bool { return (*static_cast<Callable *>(c))(e); },
                     const_cast<void *>(static_cast<const void *>(&f)));
    }
    //! End of stream. Returns what FlushMode::Dispatch completes (always empty for Discard),
    //! then resets the per-stream state like reset().
    QList<SseEvent> flush(FlushMode mode = FlushMode::Discard);
    //! Starts a new stream: clears buffers, the error, the BOM state and the last event ID
    //! buffer (WHATWG initialises it per stream). The counters and retry() are kept.
    void reset();

    //! Makes the copy of each event's data line (when it has one line, as AoD's events do):
    //! \a copier returns a QByteArray with the bytes it is given, in a buffer of its choice
    //! (the stream reuses those of delivered events). Null: a plain copy.
    using Copier = QByteArray (*)(void *context, QByteArrayView bytes);
    void setDataCopier(Copier copier, void *context)
    {
        m_copier = copier;
        m_copierContext = context;
    }

    Status status() const { return m_status; }
    bool hasError() const { return m_status != Status::Ok; }
    QString errorString() const;

    qsizetype maxBufferSize() const { return m_maxBufferSize; }
    //! Values below 1 mean "no ceiling" is NOT supported: they are clamped to 1.
    void setMaxBufferSize(qsizetype bytes);

    //! The last event ID buffer (the value an `id:` line set, persisting).
    QByteArray lastEventId() const { return m_idBuffer; }
    //! The reconnection time from the last valid `retry:` line, -1 if none was seen.
    qint64 retryMs() const { return m_retryMs; }
    //! Bytes of an unfinished line or event held right now (0 at a clean frame boundary).
    qsizetype pendingBytes() const;
    //! True when an event was begun but not dispatched (data or fields seen, no blank line).
    bool hasPendingEvent() const;

    qint64 eventCount() const { return m_eventCount; }
    qint64 commentCount() const { return m_commentCount; }
    qint64 bytesConsumed() const { return m_bytesConsumed; }

    //! Encodes one event as SSE text (for tests, mock servers and tools): `event:` if \a type
    //! is set, `id:` if \a id is set, one `data:` line per LF-separated line, a blank line.
    static QByteArray format(QByteArrayView data, QByteArrayView id = {},
                             QByteArrayView type = {});
    //! Encodes a comment line followed by a blank line (`: heartbeat\n\n`).
    static QByteArray formatComment(QByteArrayView text);

private:
    // Where completed events go during one parse(), append() or flush().
    struct Target
    {
        Sink sink;
        void *context;
        bool operator()(SseEvent &event) const { return sink(context, event); }
    };
    // Each returns false when the sink stopped the parse: the caller returns at once.
    bool feed(QByteArrayView in, const Target &target);
    bool processLine(QByteArrayView line, const Target &target);
    bool dispatch(const Target &target);
    bool checkCeiling(qsizetype extra);
    void fail(Status status);

    QByteArray m_line;          // an unfinished line carried over between chunks
    QByteArray m_start;         // the first bytes, held until the BOM question is settled
    QByteArray m_data;          // data buffer (lines joined with LF)
    QByteArray m_type;          // event type buffer
    QByteArray m_idBuffer;      // last event ID buffer (persists within a stream)
    Copier m_copier = nullptr;
    void *m_copierContext = nullptr;
    qsizetype m_maxBufferSize;
    qint64 m_retryMs = -1;
    qint64 m_eventCount = 0;
    qint64 m_commentCount = 0;
    qint64 m_bytesConsumed = 0;
    int m_dataLines = 0;
    Status m_status = Status::Ok;
    bool m_atStart = true;      // nothing decided about a BOM yet
    bool m_skipLf = false;      // the previous byte was a CR: a following LF is part of it
    bool m_frameHasId = false;
    bool m_frameHasFields = false;
};

} // namespace Aod

// Plain Qt containers and scalars: QList may move SseEvents around with memmove.
Q_DECLARE_TYPEINFO(Aod::SseEvent, Q_RELOCATABLE_TYPE);
