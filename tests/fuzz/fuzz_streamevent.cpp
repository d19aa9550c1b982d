// libFuzzer target: Aod::StreamEvent::fromData and every accessor.
//
// Input: either one `data:` payload (a JSON text), or a whole event stream (the recorded
// transcripts in tests/data/sse are seeds); a stream is framed with SseParser and every
// event's data goes through fromData, and the raw input does too.
//
// Beyond "no crash, no sanitizer report": fromData succeeds exactly when QJsonDocument finds
// an object with a string `type`, and then yields the same object (its flat-object fast path
// is checked against Qt on every input); a parse either fails with a message and leaves the
// output untouched, or yields an event whose type string is the JSON `type`, whose raw data
// is the input, whose Type agrees with typeFromString, and whose accessors are total
// (terminal/endsSession consistent, turn and code within int, ids -1 or non-negative when
// absent or integral), and whose typed accessors read what QJsonDocument's object holds, with
// either of the string decoders, with and without the shortcut for AoD's output events. The
// same again the stream's way, through the decoders' reused buffers and events.
#include "stream/sseparser_p.h"
#include "streamevent_p.h"

#include <aod/streamevent.h>

#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

namespace {

void check(bool condition)
{
    if (!condition)
        abort();
}

void exercise(const QByteArray &payload, qint64 sseId)
{
    const Aod::StreamEvent sentinel = Aod::StreamEvent::output(QStringLiteral("stdout"), QStringLiteral("sentinel"));
    Aod::StreamEvent e = sentinel;
    QString error;
    // fromData has a fast path for flat objects: it must agree with QJsonDocument exactly.
    QJsonParseError qtError;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &qtError);
    const bool qtOk = qtError.error == QJsonParseError::NoError && doc.isObject()
                   && doc.object().value(QLatin1String("type")).isString();
    const bool ok = Aod::StreamEvent::fromData(payload, sseId, e, &error);
    check(ok == qtOk);
    if (!ok) {
        check(!error.isEmpty());
        check(e == sentinel);
        return;
    }
    check(e.json() == doc.object());
    check(e.isValid());
    check(e.rawData() == payload);
    check(e.typeString() == e.json().value(QLatin1String("type")).toString());
    check(e.type() == Aod::StreamEvent::typeFromString(e.typeString()));
    check(e.sseId() == (sseId < 0 ? -1 : sseId));
    check(!e.endsSession() || e.isTerminal());
    check(e.isTerminal() == (e.endsSession() || e.type() == Aod::StreamEvent::Type::Stale));
    if (e.type() != Aod::StreamEvent::Type::Unknown)
        check(Aod::StreamEvent::typeToString(e.type()) == e.typeString());
    // Every accessor is total (the rest are compared with QJsonDocument's reading below).
    check(e.isStdout() == (e.stream() == QLatin1String("stdout")));
    check(e.isStderr() == (e.stream() == QLatin1String("stderr")));
    if (e.hasNullExitCode())
        check(!e.exitCode().has_value());
    QString text;
    QDebug(&text) << e;
    check(!text.isEmpty());
    // The typed fields the flat fast path decoded are what QJsonDocument's object holds.
    // (Accessors read the JSON for an event built from it, so these compare two decoders.)
    const Aod::StreamEvent want(e.json(), sseId);
    check(want == e);
    check(e.id() == want.id());
    check(e.provider() == want.provider());
    check(e.sessionId() == want.sessionId());
    check(e.stage() == want.stage());
    check(e.stageState() == want.stageState());
    check(e.durationMs() == want.durationMs());
    check(e.turn() == want.turn());
    check(e.stream() == want.stream());
    check(e.data() == want.data());
    check(e.exitCode() == want.exitCode());
    check(e.hasNullExitCode() == want.hasNullExitCode());
    check(e.message() == want.message());
}

// The stream's way: the payload copied into the decoders' Buffers, decoded into an event that
// may be refilled from one of earlier inputs, moved in, recycled. The Buffers persist across
// inputs, so every shape of event is refilled with every other. Same verdict and same fields
// as the public fromData() (\a e when \a ok).
void exerciseRecycled(const QByteArray &payload, qint64 sseId, bool ok, const Aod::StreamEvent &e)
{
    static Aod::StreamEventDecoding::Buffers buffers;
    QByteArray bytes = buffers.bytes(payload);
    check(bytes == payload);
    Aod::StreamEvent r;
    std::optional<int> turn;
    const bool rok = Aod::StreamEventDecoding::fromData(std::move(bytes), sseId, r, nullptr, &buffers, &turn);
    check(rok == ok);
    if (!rok) {
        check(bytes == payload); // left as it was
        check(!r.isValid());
        return;
    }
    check(r.rawData() == payload);
    check(turn == r.turn());
    check(r.type() == e.type() && r.typeString() == e.typeString() && r.sseId() == e.sseId());
    check(r.id() == e.id() && r.provider() == e.provider() && r.sessionId() == e.sessionId());
    check(r.stage() == e.stage() && r.stageState() == e.stageState() && r.durationMs() == e.durationMs());
    check(r.turn() == e.turn() && r.stream() == e.stream() && r.data() == e.data());
    check(r.exitCode() == e.exitCode() && r.hasNullExitCode() == e.hasNullExitCode() && r.message() == e.message());
    if (payload.size() % 2) // json() built: that event is not kept whole
        check(r.json() == e.json());
    buffers.recycle(r);
    check(!r.isValid());
    check(buffers.heldBytes() <= 2 * Aod::StreamEventDecoding::Buffers::MaxBytes);
}

// Every string decoder the CPU has (SSE2; SSSE3 and AVX2 where it has them) on every payload.
void exerciseEveryDecoder(const QByteArray &payload, qint64 sseId)
{
    using Path = Aod::StreamEventDecoding::Path;
    for (const Path path : {Path::Sse2, Path::Ssse3, Path::Avx2}) {
        Aod::StreamEventDecoding::setWidestPath(path);
        if (Aod::StreamEventDecoding::currentPath() != path)
            continue;
        exercise(payload, sseId);
        Aod::StreamEvent e;
        const bool ok = Aod::StreamEvent::fromData(payload, sseId, e, nullptr);
        exerciseRecycled(payload, sseId, ok, e);
    }
    Aod::StreamEventDecoding::setWidestPath(Path::Avx2);
    // Output events in AoD's exact layout skip the general object loop: that loop alone too.
    Aod::StreamEventDecoding::setOutputShortcut(false);
    exercise(payload, sseId);
    Aod::StreamEventDecoding::setOutputShortcut(true);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    exerciseEveryDecoder(input, qint64(size % 7) - 1);
    if (input.contains("data:")) {
        Aod::SseParser parser;
        QList<Aod::SseEvent> items = parser.append(input);
        items += parser.flush(Aod::SseParser::FlushMode::Dispatch);
        for (const Aod::SseEvent &item : std::as_const(items)) {
            if (item.isComment())
                continue;
            bool ok = false;
            const qint64 id = item.hasId ? item.lastEventId.toLongLong(&ok) : -1;
            exerciseEveryDecoder(item.data, ok ? id : -1);
        }
    }
    return 0;
}
