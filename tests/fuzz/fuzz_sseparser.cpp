// libFuzzer target: Aod::SseParser with arbitrary bytes in arbitrary chunking.
//
// Input: the raw event-stream bytes (the recorded transcripts in tests/data/sse are good
// seeds). The chunk boundaries and the buffer ceiling are derived from the input itself, so a
// crash reproduces from the file alone.
//
// Beyond "no crash, no sanitizer report", the parser must keep its promises:
//  - chunking never changes the result: feeding the input in pieces yields exactly the events
//    of feeding it whole (unless a ceiling was hit, which depends on what is held);
//  - nothing is dispatched with an empty type; comments carry no type; an event's hasId
//    implies its lastEventId is free of NUL;
//  - the ceiling holds: pendingBytes() never exceeds it, and an error swallows all input
//    until reset(), after which the parser works again;
//  - counters add up.
#include "stream/sseparser_p.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        abort();
}

quint64 mix(quint64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

void checkItems(const QList<Aod::SseEvent> &items)
{
    for (const Aod::SseEvent &e : items) {
        if (e.isComment()) {
            check(e.type.isEmpty());
            check(!e.hasId);
        } else {
            check(!e.type.isEmpty());
            if (e.hasId)
                check(!e.lastEventId.contains('\0'));
        }
        check(!e.data.isNull() || e.data.isEmpty());
    }
}

struct Outcome
{
    QList<Aod::SseEvent> items;
    bool error = false;
};

Outcome run(QByteArrayView input, qsizetype ceiling, quint64 seed, bool whole,
            Aod::SseParser::FlushMode mode)
{
    Aod::SseParser parser(ceiling);
    Outcome out;
    qsizetype pos = 0;
    quint64 state = seed;
    while (pos < input.size()) {
        qsizetype len = input.size() - pos;
        if (!whole) {
            state = mix(state + 0x9e3779b97f4a7c15ULL);
            // Mostly tiny pieces (1..8 bytes, the split-heavy cases), sometimes larger ones.
            len = qMin<qsizetype>(len, (state & 3) ? qsizetype(1 + (state >> 8) % 8) : qsizetype(1 + (state >> 8) % 512));
        }
        const QList<Aod::SseEvent> items = parser.append(input.sliced(pos, len));
        checkItems(items);
        out.items += items;
        pos += len;
        check(parser.pendingBytes() <= ceiling + 3); // + a held partial BOM
        if (parser.hasError()) {
            out.error = true;
            check(parser.append("data: x\n\n").isEmpty()); // swallowed until reset
            check(!parser.errorString().isEmpty());
        }
    }
    const QList<Aod::SseEvent> tail = parser.flush(mode);
    checkItems(tail);
    out.items += tail;
    out.error = out.error || parser.hasError();
    check(!parser.hasError()); // flush() resets
    // Usable again after the reset.
    const QList<Aod::SseEvent> again = parser.append("data: ok\n\n");
    check(again.size() == 1 && again[0].data == "ok");
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    quint64 seed = size;
    for (qsizetype i = 0; i < qMin<qsizetype>(input.size(), 16); ++i)
        seed = mix(seed ^ quint8(input[i]));
    // A small ceiling one time in four, to reach the overflow paths with small inputs.
    const qsizetype ceiling = (seed & 3) == 0 ? qsizetype(16 + (seed >> 4) % 256)
                                              : Aod::SseParser::DefaultMaxBufferSize;
    for (const auto mode : {Aod::SseParser::FlushMode::Discard, Aod::SseParser::FlushMode::Dispatch}) {
        const Outcome whole = run(input, ceiling, seed, true, mode);
        const Outcome pieces = run(input, ceiling, seed, false, mode);
        if (!whole.error && !pieces.error)
            check(whole.items == pieces.items);
        if (mode == Aod::SseParser::FlushMode::Discard && !whole.error) {
            qint64 events = 0;
            for (const Aod::SseEvent &e : whole.items)
                events += e.isComment() ? 0 : 1;
            Aod::SseParser p(ceiling);
            p.append(input);
            check(p.eventCount() == events);
            check(p.bytesConsumed() == input.size());
        }
    }
    return 0;
}
