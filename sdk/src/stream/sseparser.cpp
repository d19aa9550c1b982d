#include "sseparser_p.h"

#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace Aod {

namespace {

constexpr char Bom[] = "\xEF\xBB\xBF";
constexpr qsizetype BomSize = 3;

// The first CR or LF in [p, p + n), or null. One pass for both: two memchr() calls read a
// line twice, and a data line is most of an event (they were 5% of the stream).
#if defined(__SSE2__)
// CR (0x0D) and LF (0x0A) are the only bytes that OR 0x07 makes 0x0F apart from the other
// controls 0x08-0x0F (backspace, tab, ...), which AoD's data lines do not hold (JSON escapes
// them in strings; a tab between tokens only costs an exact look): so one OR and one
// comparison per 16 bytes find the candidates, and only a block that has one is looked at
// exactly.
inline __m128i lineEndCandidates(__m128i v)
{
    return _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x07)), _mm_set1_epi8(0x0F));
}
inline unsigned lineEnds16(const char *at)
{
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(at));
    return unsigned(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))));
}
#endif

const char *findLineEnd(const char *p, qsizetype n)
{
    const char *const end = p + n;
#if defined(__SSE2__)
    const auto load = [](const char *at) { return _mm_loadu_si128(reinterpret_cast<const __m128i *>(at)); };
    while (end - p >= 64) {
        const __m128i any = _mm_or_si128(
            _mm_or_si128(lineEndCandidates(load(p)), lineEndCandidates(load(p + 16))),
            _mm_or_si128(lineEndCandidates(load(p + 32)), lineEndCandidates(load(p + 48))));
        if (_mm_movemask_epi8(any) != 0) {
            const quint64 ends = quint64(lineEnds16(p)) | quint64(lineEnds16(p + 16)) << 16
                               | quint64(lineEnds16(p + 32)) << 32 | quint64(lineEnds16(p + 48)) << 48;
            if (ends != 0)
                return p + __builtin_ctzll(ends);
        }
        p += 64;
    }
    for (; end - p >= 16; p += 16) {
        if (const unsigned m = lineEnds16(p))
            return p + __builtin_ctz(m);
    }
#endif
    for (; p < end; ++p) {
        if (*p == '\n' || *p == '\r')
            return p;
    }
    return nullptr;
}

bool allAsciiDigits(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

QByteArrayView stripOneSpace(QByteArrayView v)
{
    return (!v.isEmpty() && v.front() == ' ') ? v.sliced(1) : v;
}

// Whether \a line's field is \a name: the line is the name alone or the name and a colon.
// \a value is then what follows the colon, less one space. One fixed-size comparison per
// field, no search for the colon (AoD's lines are `data:` and `id:`, which come first).
template <std::size_t N>
bool fieldIs(QByteArrayView line, const char (&name)[N], QByteArrayView &value)
{
    constexpr qsizetype n = qsizetype(N - 1);
    if (line.size() < n || std::memcmp(line.data(), name, size_t(n)) != 0)
        return false;
    if (line.size() == n) {
        value = {};
        return true;
    }
    if (line[n] != ':')
        return false;
    value = stripOneSpace(line.sliced(n + 1));
    return true;
}

} // namespace

SseParser::SseParser(qsizetype maxBufferSize)
    : m_maxBufferSize(maxBufferSize < 1 ? 1 : maxBufferSize)
{
}

void SseParser::setMaxBufferSize(qsizetype bytes)
{
    m_maxBufferSize = bytes < 1 ? 1 : bytes;
}

QString SseParser::errorString() const
{
    switch (m_status) {
    case Status::Ok:
        return {};
    case Status::BufferOverflow:
        return QStringLiteral("SSE buffer ceiling of %1 bytes exceeded by an unfinished line or event")
            .arg(m_maxBufferSize);
    }
    return {};
}

qsizetype SseParser::pendingBytes() const
{
    return m_line.size() + m_start.size() + m_data.size() + m_type.size();
}

bool SseParser::hasPendingEvent() const
{
    return m_frameHasFields || !m_line.isEmpty() || !m_start.isEmpty();
}

void SseParser::reset()
{
    m_line.clear();
    m_start.clear();
    m_data.clear();
    m_type.clear();
    m_idBuffer.clear();
    m_dataLines = 0;
    m_status = Status::Ok;
    m_atStart = true;
    m_skipLf = false;
    m_frameHasId = false;
    m_frameHasFields = false;
}

void SseParser::fail(Status status)
{
    m_status = status;
    // Give the memory back at once; the stream is unusable until reset().
    m_line = QByteArray();
    m_start = QByteArray();
    m_data = QByteArray();
    m_type = QByteArray();
}

bool SseParser::checkCeiling(qsizetype extra)
{
    if (m_line.size() + m_data.size() + m_type.size() + extra > m_maxBufferSize) {
        fail(Status::BufferOverflow);
        return false;
    }
    return true;
}

namespace {

bool appendToList(void *list, SseEvent &event)
{
    static_cast<QList<SseEvent> *>(list)->append(std::move(event));
    return true;
}

} // namespace

QList<SseEvent> SseParser::append(QByteArrayView chunk)
{
    QList<SseEvent> out;
    parse(chunk, appendToList, &out);
    return out;
}

bool SseParser::parse(QByteArrayView chunk, Sink sink, void *context)
{
    if (hasError() || chunk.isEmpty())
        return true;
    const Target target{sink, context};
    m_bytesConsumed += chunk.size();

    if (m_atStart) {
        // Hold the first bytes until we know whether they begin with a BOM, which may itself
        // arrive split across chunks.
        m_start.append(chunk);
        const qsizetype probe = qMin(m_start.size(), BomSize);
        if (std::memcmp(m_start.constData(), Bom, size_t(probe)) == 0 && m_start.size() < BomSize)
            return true; // still a BOM prefix: wait for more
        m_atStart = false;
        const QByteArray start = std::exchange(m_start, QByteArray()); // outlives the parser
        QByteArrayView in(start);
        if (in.startsWith(QByteArrayView(Bom, BomSize)))
            in = in.sliced(BomSize);
        return feed(in, target);
    }
    return feed(chunk, target);
}

bool SseParser::feed(QByteArrayView in, const Target &target)
{
    const char *p = in.data();
    const char *const end = p + in.size();

    if (m_skipLf && p < end) {
        if (*p == '\n')
            ++p;
        m_skipLf = false;
    }

    while (p < end && !hasError()) {
        const char *eol = findLineEnd(p, end - p);
        if (!eol) {
            if (checkCeiling(end - p))
                m_line.append(p, end - p);
            return true;
        }
        if (m_line.isEmpty()) {
            if (!processLine(QByteArrayView(p, eol - p), target))
                return false;
        } else {
            if (!checkCeiling(eol - p))
                return true;
            m_line.append(p, eol - p);
            const QByteArray line = std::exchange(m_line, QByteArray()); // outlives the parser
            if (!processLine(line, target))
                return false;
        }
        if (*eol == '\r') {
            if (eol + 1 < end) {
                p = (eol[1] == '\n') ? eol + 2 : eol + 1;
            } else {
                m_skipLf = true; // the LF, if any, starts the next chunk
                p = eol + 1;
            }
        } else {
            p = eol + 1;
        }
    }
    return true;
}

bool SseParser::processLine(QByteArrayView line, const Target &target)
{
    if (line.isEmpty())
        return dispatch(target);
    if (line.front() == ':') {
        SseEvent comment;
        comment.kind = SseEvent::Kind::Comment;
        comment.data = stripOneSpace(line.sliced(1)).toByteArray();
        comment.lastEventId = m_idBuffer;
        ++m_commentCount;
        return target(comment);
    }

    QByteArrayView value;
    if (fieldIs(line, "data", value)) {
        if (!checkCeiling(value.size() + 1))
            return true;
        if (m_dataLines == 0) {
            // The usual single data line: one exact allocation, or a buffer of the copier's.
            m_data = m_copier ? m_copier(m_copierContext, value) : value.toByteArray();
        } else {
            m_data.append('\n');
            m_data.append(value);
        }
        ++m_dataLines;
        m_frameHasFields = true;
    } else if (fieldIs(line, "event", value)) {
        if (!checkCeiling(value.size()))
            return true;
        m_type = value.toByteArray();
        m_frameHasFields = true;
    } else if (fieldIs(line, "id", value)) {
        // (std::memchr: QByteArrayView::contains() goes through Qt's general substring search.)
        if (value.isEmpty() || !std::memchr(value.data(), '\0', size_t(value.size()))) {
            if (m_idBuffer.isDetached() && m_idBuffer.capacity() >= value.size()) {
                // No event holds the previous id any more (parse() consumers usually drop
                // each event before the next frame): reuse its buffer.
                m_idBuffer.resize(value.size());
                if (!value.isEmpty()) // an empty `id:` has no data pointer to copy from
                    std::memcpy(m_idBuffer.data(), value.data(), size_t(value.size()));
            } else {
                m_idBuffer = value.toByteArray();
            }
            m_frameHasId = true;
        }
        m_frameHasFields = true;
    } else if (fieldIs(line, "retry", value)) {
        // Digits only; more than 18 digits cannot be a sane delay and would overflow.
        if (allAsciiDigits(value) && value.size() <= 18)
            m_retryMs = value.toByteArray().toLongLong();
        m_frameHasFields = true;
    }
    // Any other field is ignored (WHATWG).
    return true;
}

bool SseParser::dispatch(const Target &target)
{
    const bool hadId = std::exchange(m_frameHasId, false);
    m_frameHasFields = false;
    if (m_dataLines == 0) {
        // Nothing to dispatch; the type buffer is reset, the last event ID stays set.
        m_type.clear();
        return true;
    }
    SseEvent event;
    event.type = m_type.isEmpty() ? QByteArrayLiteral("message") : std::exchange(m_type, QByteArray());
    event.data = std::exchange(m_data, QByteArray());
    event.lastEventId = m_idBuffer;
    event.hasId = hadId;
    m_dataLines = 0;
    ++m_eventCount;
    return target(event); // the parser's state is complete before the hand-over
}

QList<SseEvent> SseParser::flush(FlushMode mode)
{
    QList<SseEvent> out;
    if (!hasError() && mode == FlushMode::Dispatch) {
        const Target target{appendToList, &out};
        if (m_atStart && !m_start.isEmpty()) {
            // A stream shorter than a BOM: settle the question now.
            m_atStart = false;
            const QByteArray start = std::exchange(m_start, QByteArray());
            QByteArrayView in(start);
            if (in.startsWith(QByteArrayView(Bom, BomSize)))
                in = in.sliced(BomSize);
            feed(in, target);
        }
        if (!hasError() && !m_line.isEmpty()) {
            const QByteArray line = std::exchange(m_line, QByteArray());
            processLine(line, target);
        }
        if (!hasError())
            dispatch(target);
    }
    reset();
    return out;
}

QByteArray SseParser::format(QByteArrayView data, QByteArrayView id, QByteArrayView type)
{
    QByteArray out;
    out.reserve(data.size() + id.size() + type.size() + 24);
    if (!type.isEmpty())
        out.append("event: ").append(type).append('\n');
    if (!id.isEmpty())
        out.append("id: ").append(id).append('\n');
    qsizetype from = 0;
    for (;;) {
        const qsizetype lf = data.indexOf('\n', from);
        out.append("data: ").append(data.sliced(from, (lf < 0 ? data.size() : lf) - from)).append('\n');
        if (lf < 0)
            break;
        from = lf + 1;
    }
    out.append('\n');
    return out;
}

QByteArray SseParser::formatComment(QByteArrayView text)
{
    QByteArray out;
    out.append(": ").append(text).append("\n\n");
    return out;
}

} // namespace Aod
