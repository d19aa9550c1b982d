#pragma once
// Private header: StreamEvent's decoder (streamevent.cpp) as the stream uses it, and its test
// hooks.
#include <aod/global.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace Aod {

class StreamEvent;
class StreamEventPrivate;

namespace StreamEventDecoding {

//! The string decoders, narrowest first: 16-byte blocks with SSE2; 64-byte windows with SSSE3
//! (and POPCNT), their masks from 16-byte or, with AVX2, 32-byte comparisons.
enum class Path { Sse2, Ssse3, Avx2 };
//! Use no decoder wider than \a widest, even on a CPU that has one (so tests cover each on any
//! machine). Process-wide; for tests only.
AOD_TESTS_EXPORT void setWidestPath(Path widest);
//! The decoder fromData() uses on this CPU right now.
AOD_TESTS_EXPORT Path currentPath();
//! Whether output events in AoD's exact byte layout skip the general object loop (the default).
//! Off, every event goes through that loop, so tests can compare the two. Process-wide; for
//! tests only.
AOD_TESTS_EXPORT void setOutputShortcut(bool enabled);

//! Payload buffers reused from the events a decoder has delivered to the next ones it decodes.
//! An output event holds two buffers of a few kilobytes, its raw JSON and its decoded `data`,
//! both above glibc's per-thread cache. The background decoder frees them a batch at a time,
//! and malloc and free took a quarter of its time; inline, where each event is freed before
//! the next one, they cost less but still measurably. recycle() takes the buffers of an event
//! that nothing else holds any more; text() and bytes() hand them out again.
//!
//! Up to MaxEvents of those events are kept whole, their buffers inside, and fromData() fills
//! them again: taking them apart and building new ones (an allocation, its constructor and
//! destructor, the buffers' round trip through the pools) was about a tenth of the inline
//! stream's own instructions. An output event in AoD's exact layout is not even emptied: the
//! next such event keeps its texts and decodes its data into the same buffer (the Direct
//! stream took 6% less time than with the texts taken apart and rebuilt each time).
//!
//! Not thread-safe: one thread at a time (the stream's, or its decoding task). Holds at most
//! MaxBytes of each kind, freed with the object.
class AOD_TESTS_EXPORT Buffers
{
public:
    static constexpr qsizetype MaxBytes = qsizetype(2) * 1024 * 1024;
    static constexpr int MaxEvents = 64;

    Buffers();
    ~Buffers();
    Buffers(const Buffers &) = delete;
    Buffers &operator=(const Buffers &) = delete;

    //! Takes \a event's payload buffers if nothing else holds the event or them (no receiver
    //! kept a copy of it, of its data() or of its rawData()). \a event is null afterwards.
    void recycle(StreamEvent &event);
    //! A string of \a size units, contents undefined.
    QString text(qsizetype size);
    //! A copy of \a bytes.
    QByteArray bytes(QByteArrayView bytes);
    //! What is held for reuse, in bytes (for tests).
    qsizetype heldBytes() const { return m_texts.bytes + m_raws.bytes; }

private:
    friend struct Access;
    template <typename Buffer>
    struct Spares
    {
        std::vector<Buffer> buffers;
        qsizetype bytes = 0;
        void give(Buffer &&b);
        Buffer take(qsizetype size);
    };
    Spares<QString> m_texts;
    Spares<QByteArray> m_raws;
    // Delivered events kept whole, newest last, with the bytes of their buffers (counted in
    // m_texts and m_raws too).
    struct Event
    {
        std::shared_ptr<StreamEventPrivate> d;
        qsizetype textBytes = 0;
        qsizetype rawBytes = 0;
    };
    std::vector<Event> m_events;
    // The long text of the event fromData() refills now (an output's data), counted in
    // m_texts: it waits here for that event's text() instead of going through m_texts' list
    // (2% of the Direct stream's time, bench_sessionstream).
    QString m_text;
};

//! StreamEvent::fromData() that takes its buffers from \a buffers (may be null). With \a turn,
//! also out.turn(), read while the event is in cache (on success only).
AOD_TESTS_EXPORT bool fromData(const QByteArray &data, qint64 sseId, StreamEvent &out, QString *error,
                               Buffers *buffers, std::optional<int> *turn = nullptr);
//! The same, with \a data moved into the event on success (no reference count to change) and
//! left as it was on failure.
AOD_TESTS_EXPORT bool fromData(QByteArray &&data, qint64 sseId, StreamEvent &out, QString *error,
                               Buffers *buffers, std::optional<int> *turn = nullptr);

} // namespace StreamEventDecoding
} // namespace Aod
