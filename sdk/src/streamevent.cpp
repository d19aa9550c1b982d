#include <aod/streamevent.h>

#include "streamevent_p.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QVarLengthArray>

#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <tmmintrin.h>
#include <immintrin.h>
#define AOD_HAVE_SSSE3_TARGET 1 // SSSE3 and AVX2 code in functions of their own, chosen at run time
#endif
#endif

namespace Aod {

namespace {

QLatin1String key(const char *k)
{
    return QLatin1String(k);
}

// An integer JSON value: a number with no fractional part in range, or a string of an
// optional '-' and digits (pydantic coerces "5" to 5; so do we). Anything else is nullopt.
std::optional<qint64> toInt64(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::trunc(d) != d || d < -9.0e15 || d > 9.0e15)
            return std::nullopt;
        return qint64(d);
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

} // namespace

// --- The decoded event ---------------------------------------------------------------------

// What an event holds, shared by its copies. Nothing changes after fromData() or the
// constructor returns, except `json` of a flat event, which is built once under `jsonOnce`.
class StreamEventPrivate
{
public:
    // The fields the typed accessors read.
    enum Key : quint8 {
        KeyType, KeyId, KeyProvider, KeySessionId, KeyStage, KeyState, KeyDurationMs, KeyTurn,
        KeyStream, KeyData, KeyCode, KeyExitCode, KeyMessage, KeyDetail, KeyCount
    };
    enum class Kind : quint8 { Absent, Null, Bool, Integer, String };
    struct Field
    {
        qint64 integer;      // Integer (Bool: 0 or 1); set with the kind
        quint8 text;         // String: its index in `texts`
        Kind kind = Kind::Absent;
    };

    // User-provided, so that make_shared does not zero the whole object first: only the
    // fields' kinds need a value. An output event has three strings (two of them shared
    // literals), so the texts live apart from the fourteen fields, mostly in place.
    StreamEventPrivate() {} // NOLINT(modernize-use-equals-default)

    //! true: `fields` were decoded from `raw` by the flat parser, and `json` is parsed from
    //! `raw` on first use. false: `json` is the event and `fields` are unused.
    bool flat = false;
    //! Filled by FlatDecoder's output shortcut: `texts` are the type, the stream and the data,
    //! and only their five fields are set. A reused event like that is refilled in place.
    bool outputLayout = false;
    std::array<Field, KeyCount> fields;
    QVarLengthArray<QString, 4> texts;
    QByteArray raw;
    mutable std::once_flag jsonOnce;
    mutable QJsonObject json;

    const QJsonObject &object() const
    {
        if (flat)
            std::call_once(jsonOnce, [this] { json = QJsonDocument::fromJson(raw).object(); });
        return json;
    }
};

namespace {

using Key = StreamEventPrivate::Key;
using Kind = StreamEventPrivate::Kind;
using Field = StreamEventPrivate::Field;

constexpr std::array<std::string_view, StreamEventPrivate::KeyCount> KeyNames = {
    "type", "id", "provider", "session_id", "stage", "state", "duration_ms", "turn",
    "stream", "data", "code", "exit_code", "message", "detail",
};

// \a size (at most 8) bytes at \a at as one word, zero above them: byte strings compared a word
// at a time (GCC calls memcmp() even for small constant sizes).
inline quint64 word8(const char *at, std::size_t size = 8)
{
    quint64 v = 0;
    std::memcpy(&v, at, size);
    return v;
}

// \a k when \a name, whose size the caller checked, is \a word. At run time the bytes are
// compared as one or two (overlapping) 8-byte words: GCC calls memcmp even for these
// constant sizes, and those calls cost 1.5% of the stream.
template <std::size_t N>
constexpr int pick(std::string_view name, const char (&word)[N], Key k)
{
    constexpr std::size_t n = N - 1;
    static_assert(n >= 1 && n <= 16);
    if (std::is_constant_evaluated())
        return name == std::string_view(word, n) ? int(k) : -1;
    constexpr std::size_t head = n < 8 ? n : 8;
    bool same = word8(name.data(), head) == word8(word, head);
    if constexpr (n > 8)
        same = same && word8(name.data() + n - 8, 8) == word8(word + n - 8, 8);
    return same ? int(k) : -1;
}

// By length and first letters, then one comparison.
constexpr int keyIndex(std::string_view name)
{
    switch (name.size()) {
    case 2: return pick(name, "id", StreamEventPrivate::KeyId);
    case 4:
        switch (name.front()) {
        case 't': return name[1] == 'y' ? pick(name, "type", StreamEventPrivate::KeyType) : pick(name, "turn", StreamEventPrivate::KeyTurn);
        case 'd': return pick(name, "data", StreamEventPrivate::KeyData);
        case 'c': return pick(name, "code", StreamEventPrivate::KeyCode);
        default: return -1;
        }
    case 5: return name[3] == 'g' ? pick(name, "stage", StreamEventPrivate::KeyStage) : pick(name, "state", StreamEventPrivate::KeyState);
    case 6: return name.front() == 's' ? pick(name, "stream", StreamEventPrivate::KeyStream) : pick(name, "detail", StreamEventPrivate::KeyDetail);
    case 7: return pick(name, "message", StreamEventPrivate::KeyMessage);
    case 8: return pick(name, "provider", StreamEventPrivate::KeyProvider);
    case 9: return pick(name, "exit_code", StreamEventPrivate::KeyExitCode);
    case 10: return pick(name, "session_id", StreamEventPrivate::KeySessionId);
    case 11: return pick(name, "duration_ms", StreamEventPrivate::KeyDurationMs);
    default: return -1;
    }
}

constexpr bool keyIndexKnowsEveryName()
{
    for (std::size_t k = 0; k < KeyNames.size(); ++k) {
        if (keyIndex(KeyNames[k]) != int(k))
            return false;
    }
    return true;
}
static_assert(keyIndexKnowsEveryName(), "keyIndex() and KeyNames disagree");

// The contract's type names, by length first: one fixed-size comparison for each of AoD's
// events (comparing with typeToString()'s QStrings cost some 150 instructions per event). The
// one reader of the names: typeFromString() goes through it too, and tst_streamevent checks it
// against typeToString() both ways.
constexpr StreamEvent::Type typeFromName(std::string_view n)
{
    using T = StreamEvent::Type;
    switch (n.size()) {
    case 4: return n == "exit" ? T::Exit : T::Unknown;
    case 5: return n == "start" ? T::Start : n == "stage" ? T::Stage : n == "error" ? T::Error
                 : n == "stale" ? T::Stale : T::Unknown;
    case 6: return n == "output" ? T::Output : T::Unknown;
    case 10: return n == "turn_start" ? T::TurnStart : n == "terminated" ? T::Terminated : T::Unknown;
    default: return T::Unknown;
    }
}

StreamEvent::Type typeFromLatin1(QLatin1String name)
{
    return typeFromName(std::string_view(name.data(), size_t(name.size())));
}

QLatin1String keyName(Key k)
{
    return QLatin1String(KeyNames[k].data(), qsizetype(KeyNames[k].size()));
}

// The widest string decoder the CPU has runs, unless a test asks for a narrower one.
using Path = StreamEventDecoding::Path;
std::atomic<int> widestAllowed{int(Path::Avx2)}; // a test hook (streamevent_p.h)
std::atomic<bool> outputShortcut{true};            // a test hook too

Path cpuPath()
{
#if defined(AOD_HAVE_SSSE3_TARGET)
    static const Path best = !__builtin_cpu_supports("ssse3") || !__builtin_cpu_supports("popcnt") ? Path::Sse2
                           : __builtin_cpu_supports("avx2")                                        ? Path::Avx2
                                                                                                    : Path::Ssse3;
    return best;
#else
    return Path::Sse2;
#endif
}

Path decoderPath()
{
    return Path(qMin(int(cpuPath()), widestAllowed.load(std::memory_order_relaxed)));
}

#if defined(AOD_HAVE_SSSE3_TARGET)
// pshufb indices that drop the bytes of an 8-bit mask from one half of 16 bytes, close the
// gap and widen what is left to UTF-16 in the same shuffle (each kept byte's index, then
// 0x80 for a zero high byte). One table per half, so that neither the shift to the low
// half nor the widening costs an instruction of its own; 8 KB together, which stay in L1
// beside the event's bytes.
struct alignas(16) DropIndices
{
    std::array<quint8, 16> index;
};
constexpr std::array<DropIndices, 256> dropTable(int half)
{
    std::array<DropIndices, 256> t{};
    for (int mask = 0; mask < 256; ++mask) {
        int out = 0;
        DropIndices &entry = t[size_t(mask)];
        entry.index.fill(0x80); // the tail: zeros, past the kept units
        for (int i = 0; i < 8; ++i) {
            if (!(mask & (1 << i))) {
                entry.index[size_t(2 * out)] = quint8(8 * half + i);
                ++out;
            }
        }
    }
    return t;
}
#endif

// --- A fast path for the one JSON shape the stream carries --------------------------------
//
// Every AoD event is a flat object of strings, integers and nulls, and the `data` of an output
// event is an escaped JSONL line: quotes every few characters. QJsonDocument decodes such
// strings one QChar at a time, then QJsonObject stores them in its own encoding and the
// accessors convert them back. This decoder fills the typed fields straight from the bytes,
// 64 bytes per step where the CPU has SSSE3 (16 with SSE2 alone), escapes included. It accepts
// only what it decodes exactly as QJsonDocument does: plain ASCII keys without escapes and no
// duplicates, strings of ASCII, escapes (no lone surrogates) and well-formed UTF-8 (no
// noncharacters), integers of up to 15 digits, null/true/false, no nesting. Anything else
// returns false and QJsonDocument decides (and reports errors); so fromData() accepts and
// yields exactly what QJsonDocument would.
class FlatDecoder
{
public:
    FlatDecoder(QByteArrayView in, StreamEventDecoding::Buffers *buffers)
        : p(in.data()), end(in.data() + in.size()), m_buffers(buffers)
    {
    }

    // The general loop, into an empty event.
    bool parse(StreamEventPrivate &d, StreamEvent::Type &type)
    {
        skipWs();
        if (!eat('{'))
            return false;
        skipWs();
        if (p < end && *p == '}')
            return false; // {} has no type: QJsonDocument's path reports it
        // Duplicate keys go to QJsonDocument (which keeps the last): the known ones are
        // tracked as bits, the others by name.
        constexpr int MaxOtherKeys = 32;
        struct Span
        {
            const char *data;
            qsizetype size;
        };
        Span others[MaxOtherKeys]; // left uninitialised: filled before it is read
        int otherCount = 0;
        quint32 seen = 0;
        for (;;) {
            if (!eat('"'))
                return false;
            const char *k = p;
            p = plainRunEnd(p, end - p);
            if (p >= end || *p != '"')
                return false; // escaped, non-ASCII or unterminated keys: QJsonDocument's call
            const QByteArrayView name(k, p - k);
            ++p;
            const int index = keyIndex(std::string_view(name.data(), size_t(name.size())));
            if (index >= 0) {
                if (seen & (1u << index))
                    return false;
                seen |= 1u << index;
            } else {
                for (int i = 0; i < otherCount; ++i) {
                    if (QByteArrayView(others[i].data, others[i].size) == name)
                        return false;
                }
                if (otherCount == MaxOtherKeys)
                    return false;
                others[otherCount++] = Span{name.data(), name.size()};
            }
            if (!separator(':'))
                return false;
            if (index < 0) {
                Field ignored;
                if (!value(ignored, nullptr, -1))
                    return false;
            } else if (!value(d.fields[size_t(index)], &d, index)) {
                return false;
            }
            if (separator(','))
                continue;
            if (eat('}')) {
                if (!atEnd())
                    return false;
                if (d.fields[StreamEventPrivate::KeyType].kind != Kind::String)
                    return false;
                type = m_typeKnown ? m_type
                                   : StreamEvent::typeFromString(d.texts[d.fields[StreamEventPrivate::KeyType].text]);
                return true;
            }
            return false;
        }
    }

    // An output event exactly as AoD writes it (Python's json.dumps, keys in this order):
    // {"type": "output", "id": N, "stream": "stdout", "data": "...", "turn": N}, with stderr
    // or a null turn. Nearly every event of a busy stream is one, and reading its envelope
    // through the general loop (five keys read, looked up and checked for duplicates, five
    // values dispatched) cost the Direct stream about 685 more instructions per event than
    // this, of some 6,100 (callgrind). This one compares the fixed bytes and fills the same
    // fields, texts in the same order, with the same functions as that loop would, so the
    // event is the same. \a d is empty, or an earlier output event of this shortcut (its
    // outputLayout), which is refilled in place: the two literal texts stay and the data is
    // decoded into its own buffer when nothing else holds that. Anything else (another key
    // order or spacing, a missing or extra key, an id that is not an integer, a string turn)
    // returns false with p where it was; \a d must then be emptied for parse().
    bool outputEvent(StreamEventPrivate &d)
    {
        static constexpr char Head[] = R"({"type": "output", "id": )";
        static constexpr char Stdout[] = R"(, "stream": "stdout", "data": ")";
        static constexpr char Stderr[] = R"(, "stream": "stderr", "data": ")";
        static constexpr char Turn[] = R"(, "turn": )";
        const char *const begin = p;
        if (!eatBytes(Head))
            return false;
        qint64 id = 0;
        bool isStdout = false;
        if (!integer(id) || !((isStdout = eatBytes(Stdout)) || eatBytes(Stderr))) {
            p = begin;
            return false;
        }
        if (!d.outputLayout) {
            // Empty (takeEvent() or make_shared()): no texts, every field absent.
            Q_ASSERT(d.texts.isEmpty());
            plainString("output", 6, d.texts.emplace_back(), StreamEventPrivate::KeyType);
            d.texts.emplace_back();
            d.texts.emplace_back();
        }
        plainString(isStdout ? "stdout" : "stderr", 6, d.texts[1], StreamEventPrivate::KeyStream);
        Field turn{}; // any value but a string, which would need a text of its own
        if (!string(d.texts[2], StreamEventPrivate::KeyData) || !eatBytes(Turn) || p == end || *p == '"'
            || !value(turn, nullptr, -1) || !eat('}') || !atEnd()) {
            m_typeKnown = false;
            p = begin;
            return false;
        }
        d.fields[StreamEventPrivate::KeyType] = Field{0, 0, Kind::String};
        d.fields[StreamEventPrivate::KeyId] = Field{id, 0, Kind::Integer};
        d.fields[StreamEventPrivate::KeyStream] = Field{0, 1, Kind::String};
        d.fields[StreamEventPrivate::KeyData] = Field{0, 2, Kind::String};
        d.fields[StreamEventPrivate::KeyTurn] = turn;
        d.outputLayout = true;
        return true;
    }

private:
    // Past \a text when the next bytes are that literal. Compared 8 bytes at a time (the last
    // word overlapping the one before): GCC calls memcmp() even for a constant size.
    template <std::size_t N>
    [[gnu::always_inline]] bool eatBytes(const char (&text)[N])
    {
        constexpr std::size_t n = N - 1;
        static_assert(n >= 8);
        if (end - p < qsizetype(n))
            return false;
        quint64 diff = 0;
        for (std::size_t i = 0; i + 8 <= n; i += 8)
            diff |= word8(p + i) ^ word8(text + i);
        if constexpr (n % 8 != 0)
            diff |= word8(p + n - 8) ^ word8(text + n - 8);
        if (diff != 0)
            return false;
        p += n;
        return true;
    }
    // Not a quote, a backslash, a control byte or a non-ASCII byte.
    static bool isPlain(char c) { return c != '"' && c != '\\' && uchar(c) >= 0x20 && uchar(c) < 0x80; }

    [[gnu::always_inline]] void skipWs()
    {
        // Most calls are at a token or one space before it: one comparison each.
        while (p < end && uchar(*p) <= ' ' && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            ++p;
    }
    // Past \a c and the whitespace around it. AoD writes ", " and ": " (Python's json.dumps),
    // tried first with one comparison of each byte. False (with the whitespace before it
    // skipped) when \a c is not there.
    [[gnu::always_inline]] bool separator(char c)
    {
        if (end - p >= 3 && p[0] == c && p[1] == ' ' && uchar(p[2]) > ' ') {
            p += 2;
            return true;
        }
        skipWs();
        if (!eat(c))
            return false;
        skipWs();
        return true;
    }
    bool eat(char c)
    {
        if (p < end && *p == c) {
            ++p;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        skipWs();
        return p == end;
    }
    bool literal(std::string_view word)
    {
        if (end - p < qsizetype(word.size()) || std::memcmp(p, word.data(), word.size()) != 0)
            return false;
        p += word.size();
        return true;
    }
    // A value into \a out; a string's text goes to \a d's texts (or is dropped without \a d).
    bool value(Field &out, StreamEventPrivate *d, int key)
    {
        if (p >= end)
            return false;
        switch (*p) {
        case '"': {
            ++p;
            out.kind = Kind::String;
            if (!d) {
                QString dropped;
                return string(dropped, key);
            }
            out.text = quint8(d->texts.size());
            return string(d->texts.emplace_back(), key);
        }
        case 'n':
            out.kind = Kind::Null;
            return literal("null");
        case 't':
            out.kind = Kind::Bool;
            out.integer = 1;
            return literal("true");
        case 'f':
            out.kind = Kind::Bool;
            out.integer = 0;
            return literal("false");
        default:
            out.kind = Kind::Integer;
            return integer(out.integer);
        }
    }
    bool integer(qint64 &out)
    {
        const bool negative = eat('-');
        const char *digits = p;
        while (p < end && *p >= '0' && *p <= '9')
            ++p;
        const qsizetype n = p - digits;
        // No fraction/exponent (QJsonDocument may store those as doubles), no leading zero,
        // no -0, at most 15 digits (exact in a double, too).
        if (n == 0 || n > 15 || (digits[0] == '0' && n > 1) || (negative && n == 1 && digits[0] == '0'))
            return false;
        if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
            return false;
        qint64 v = 0;
        for (const char *d = digits; d < p; ++d)
            v = v * 10 + (*d - '0');
        out = negative ? -v : v;
        return true;
    }
    static int hex(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }
    // Four hex digits at \a at.
    static bool hex4At(const char *at, char32_t &u)
    {
        u = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex(at[i]);
            if (h < 0)
                return false;
            u = (u << 4) | char32_t(h);
        }
        return true;
    }
    // Four hex digits at p, which moves past them.
    bool hex4(char32_t &u)
    {
        if (end - p < 4 || !hex4At(p, u))
            return false;
        p += 4;
        return true;
    }
    // An escape-free string: the names AoD sends for `type` and `stream` come from static
    // storage, so the common events allocate nothing for them.
    void plainString(const char *s, qsizetype n, QString &out, int key)
    {
        const QLatin1String text(s, n);
        if (key == StreamEventPrivate::KeyType) {
            const StreamEvent::Type t = typeFromLatin1(text);
            if (t != StreamEvent::Type::Unknown) {
                m_type = t;
                m_typeKnown = true;
                out = StreamEvent::typeToString(t);
                return;
            }
        } else if (key == StreamEventPrivate::KeyStream) {
            if (text == QLatin1String("stdout")) {
                out = QStringLiteral("stdout");
                return;
            }
            if (text == QLatin1String("stderr")) {
                out = QStringLiteral("stderr");
                return;
            }
        }
        out = QString::fromLatin1(s, n);
    }
    // The first byte in [from, end) that is not plain (or end), looking at most \a limit bytes.
    const char *plainRunEnd(const char *from, qsizetype limit) const
    {
        const char *const stop = end - from > limit ? from + limit : end;
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(0x20);
        while (stop - from >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
            // Signed: bytes >= 0x80 are negative, so "< 0x20" also catches non-ASCII.
            const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                                 _mm_cmplt_epi8(v, space));
            const int mask = _mm_movemask_epi8(special);
            if (mask != 0)
                return from + __builtin_ctz(unsigned(mask));
            from += 16;
        }
#endif
        while (from < stop && isPlain(*from))
            ++from;
        return from;
    }
    // One well-formed UTF-8 sequence at p (its lead byte >= 0x80) to UTF-16. False on anything
    // malformed, and on noncharacters: QJsonDocument's call.
    bool utf8(char16_t *&dst)
    {
        const uchar b0 = uchar(*p);
        if (b0 < 0xC2 || b0 > 0xF4)
            return false;
        int n = 0;
        char32_t cp = 0;
        uchar lo = 0x80, hi = 0xBF;
        if (b0 < 0xE0) {
            n = 1;
            cp = b0 & 0x1F;
        } else if (b0 < 0xF0) {
            n = 2;
            cp = b0 & 0x0F;
            if (b0 == 0xE0)
                lo = 0xA0; // overlong
            else if (b0 == 0xED)
                hi = 0x9F; // surrogates
        } else {
            n = 3;
            cp = b0 & 0x07;
            if (b0 == 0xF0)
                lo = 0x90; // overlong
            else if (b0 == 0xF4)
                hi = 0x8F; // beyond U+10FFFF
        }
        if (end - p <= n)
            return false;
        const uchar b1 = uchar(p[1]);
        if (b1 < lo || b1 > hi)
            return false;
        cp = (cp << 6) | (b1 & 0x3F);
        for (int i = 2; i <= n; ++i) {
            const uchar b = uchar(p[i]);
            if ((b & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            return false;
        p += n + 1;
        if (cp >= 0x10000) {
            *dst++ = QChar::highSurrogate(cp);
            *dst++ = QChar::lowSurrogate(cp);
        } else {
            *dst++ = char16_t(cp);
        }
        return true;
    }
    // What a simple escape stands for, by the byte after the backslash; 0 for `u` (four hex
    // digits follow) and for bytes JSON does not allow there.
    static constexpr std::array<char16_t, 256> SimpleEscapes = [] {
        std::array<char16_t, 256> t{};
        t[uchar('"')] = u'"';
        t[uchar('\\')] = u'\\';
        t[uchar('/')] = u'/';
        t[uchar('b')] = u'\b';
        t[uchar('f')] = u'\f';
        t[uchar('n')] = u'\n';
        t[uchar('r')] = u'\r';
        t[uchar('t')] = u'\t';
        return t;
    }();
    bool escape(char16_t *&dst)
    {
        if (++p >= end)
            return false;
        if (const char16_t meaning = SimpleEscapes[uchar(*p)]) {
            ++p;
            *dst++ = meaning;
            return true;
        }
        switch (*p++) {
        case 'u': {
            char32_t u = 0;
            if (!hex4(u))
                return false;
            if (u >= 0xD800 && u <= 0xDBFF) {
                char32_t low = 0;
                if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
                    return false; // a lone high surrogate: QJsonDocument's call
                p += 2;
                if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                *dst++ = char16_t(u); // \uXXXX\uXXXX (12 bytes) -> 2 units
                *dst++ = char16_t(low);
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                return false; // a lone low surrogate
            } else {
                *dst++ = char16_t(u);
            }
            return true;
        }
        default:
            return false;
        }
    }
#if defined(__SSE2__)
    enum class Blocks { Closed, Scalar };
    static void widen16(char16_t *dst, __m128i v)
    {
        const __m128i zero = _mm_setzero_si128();
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst), _mm_unpacklo_epi8(v, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + 8), _mm_unpackhi_epi8(v, zero));
    }
    static __m128i load16(const char *at) { return _mm_loadu_si128(reinterpret_cast<const __m128i *>(at)); }

    // One 16-byte block of a string's body, read at p.
    struct Block
    {
        __m128i bytes;
        unsigned slashes = 0;  // backslashes
        unsigned quotes = 0;
        unsigned others = 0;   // control and non-ASCII bytes
        unsigned escapers = 0; // the backslashes that begin an escape, within `used`
        unsigned used = 16;    // bytes of the block that belong to this step
        bool closing = false;  // the byte at `used` is the closing quote
    };
    static Block scan(const char *at)
    {
        Block b;
        b.bytes = load16(at);
        b.slashes = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(b.bytes, _mm_set1_epi8('\\'))));
        b.quotes = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(b.bytes, _mm_set1_epi8('"'))));
        // Signed: bytes >= 0x80 are negative, so "< 0x20" also catches non-ASCII.
        b.others = unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(b.bytes, _mm_set1_epi8(0x20))));
        return b;
    }
    // The backslashes of a block that begin an escape.
    //
    // A block never starts on an escaped byte: one whose last byte is an escaping backslash
    // ends before it. So in each run of backslashes the first escapes the second, the third
    // the fourth, and so on: the escapers are the run's bytes at the parity of its start.
    // Adding the runs' first bytes at even positions to the mask carries through exactly those
    // runs and clears them, which tells the runs by the parity of their start without a loop.
    // For a 16-bit block mask or a 64-bit window mask: a run's carry out of the mask's top bit
    // is lost with the run's bits, and bits above a block's 16 are zero.
    template <typename Mask>
    static Mask escapersOf(Mask slashes)
    {
        constexpr Mask Even = Mask(~Mask(0)) / 3; // 0x...5555
        const Mask starts = slashes & ~(slashes << 1);
        const Mask evenRuns = slashes & ~(slashes + (starts & Even));
        const Mask oddRuns = slashes & ~evenRuns;
        return (evenRuns & Even) | (oddRuns & ~Even);
    }
    // The usual block: all 16 bytes are string and are decoded in this step (no closing quote,
    // no escaping backslash last, no control or non-ASCII byte). The loops test this with a
    // branch that the CPU predicts, so reading the next block never waits for this one's
    // masks: computing the step's length from them instead would chain the blocks through
    // some 25 cycles of load, compare, movemask and bit arithmetic each.
    static bool isWhole(const Block &b)
    {
        return ((b.escapers & 0x8000u) | b.others | (b.quotes & ~(b.escapers << 1))) == 0;
    }
    // For any other block: where its step ends (before an escaping backslash in the last byte,
    // or at the closing quote), and false when it needs the byte-wise loop.
    static bool endOfStep(Block &b)
    {
        unsigned length = 16;
        if (b.escapers & 0x8000u) { // its escaped byte is in the next block: start there
            b.escapers &= 0x7FFFu;
            length = 15;
        }
        const unsigned closing = b.quotes & ~(b.escapers << 1) & ((1u << length) - 1);
        b.closing = closing != 0;
        b.used = b.closing ? unsigned(__builtin_ctz(closing)) : length;
        const unsigned inside = (1u << b.used) - 1;
        b.escapers &= inside; // an escaper before the end has its escaped byte inside
        return (b.others & inside) == 0;
    }
    // The block's escapes one at a time, after its bytes were widened to dst: each run after
    // an escaper is copied from the input with one 16-byte load and store, at addresses that
    // depend only on the block's masks, so consecutive escapes do not wait for each other. The
    // escaped byte is the first of that run: one store of its meaning completes the escape.
    // False at an escape that is not simple (\u, or invalid), with at and dst moved up to it.
    static bool escapesOneByOne(const Block &b, const char *&at, char16_t *&dst)
    {
        unsigned dropped = 0;
        for (unsigned m = b.escapers; m != 0; m &= m - 1) {
            const unsigned i = unsigned(__builtin_ctz(m));
            const char16_t meaning = SimpleEscapes[uchar(at[i + 1])];
            if (meaning == 0) {
                at += i; // the bytes before this escape are decoded
                dst += i - dropped;
                return false;
            }
            widen16(dst + i - dropped, load16(at + i + 1));
            dst[i - dropped] = meaning;
            ++dropped;
        }
        dst += b.used - dropped;
        return true;
    }
    // The string's body 16 bytes per step, simple escapes included: Closed when it consumed
    // the closing quote; Scalar at anything else (fewer than 32 bytes left, a \u escape, a
    // control or non-ASCII byte, an invalid escape), with p and dst where the byte-wise loop
    // takes over. Every step decodes the same bytes as that loop would. \a step decodes a
    // block with escapes (escapesOneByOne() after widening it, or dropEscapers()); inlined
    // into each caller, so that the SSSE3 one compiles it for its instruction set.
    //
    // Bounds: reads reach at most p + 31 and writes dst + 30; the caller sized the output to
    // the input, so dst - first <= p - begin, and both stay inside while end - p >= 32.
    //
    // The loop keeps its position and dst in locals, written back when it ends. As a member and
    // a reference they went through memory on every step, since the vector stores may alias
    // anything, and each block's load waited for the store of the last step's position: about
    // 5% of the Direct stream in bench_sessionstream.
    template <typename Step>
    [[gnu::always_inline]] Blocks blockLoop(char16_t *&dstRef, Step step)
    {
        const char *at = p;
        const char *const stop = end;
        char16_t *dst = dstRef;
        Blocks result = Blocks::Scalar;
        while (stop - at >= 32) {
            Block b = scan(at);
            if ((b.slashes | b.quotes | b.others) == 0) {
                widen16(dst, b.bytes);
                at += 16;
                dst += 16;
                continue;
            }
            b.escapers = escapersOf(b.slashes);
            if (isWhole(b)) {
                if (!step(b, at, dst))
                    break;
                at += 16;
                continue;
            }
            if (!endOfStep(b) || !step(b, at, dst))
                break;
            at += b.used;
            if (b.closing) {
                ++at;
                result = Blocks::Closed;
                break;
            }
        }
        p = at;
        dstRef = dst;
        return result;
    }
    Blocks blocks(char16_t *&dst)
    {
        return blockLoop(dst, [](const Block &b, const char *&at, char16_t *&out) {
            widen16(out, b.bytes);
            return escapesOneByOne(b, at, out);
        });
    }
#if defined(AOD_HAVE_SSSE3_TARGET)
    static constexpr std::array<DropIndices, 256> DropLow = dropTable(0);
    static constexpr std::array<DropIndices, 256> DropHigh = dropTable(1);
    // The 8-byte group G of a block or window (the low half of \a bytes for an even G, the high
    // half for an odd one) without the bytes of \a drop, widened and stored where the kept bytes
    // of the groups before it end.
    template <unsigned G>
    __attribute__((target("ssse3,popcnt"))) static void dropGroup(__m128i bytes, quint64 drop, char16_t *dst)
    {
        const unsigned mask = unsigned(drop >> (8 * G)) & 0xFFu;
        unsigned before = 0;
        if constexpr (G > 0)
            before = unsigned(__builtin_popcountll(drop & ((quint64(1) << (8 * G)) - 1)));
        const auto &table = (G % 2 == 0) ? DropLow : DropHigh;
        const __m128i indices = _mm_load_si128(reinterpret_cast<const __m128i *>(table[mask].index.data()));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + 8 * G - before), _mm_shuffle_epi8(bytes, indices));
    }
    // One step of blocksSsse3(): see there. False as escapesOneByOne().
    __attribute__((target("ssse3,popcnt"))) static bool dropEscapers(const Block &b, const char *&at, char16_t *&dst)
    {
        const unsigned selfMeaning =
            b.quotes | b.slashes | unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(b.bytes, _mm_set1_epi8('/'))));
        if ((b.escapers << 1) & ~selfMeaning) {
            widen16(dst, b.bytes);
            return escapesOneByOne(b, at, dst);
        }
        dropGroup<0>(b.bytes, b.escapers, dst);
        dropGroup<1>(b.bytes, b.escapers, dst);
        dst += b.used - unsigned(__builtin_popcount(b.escapers));
        return true;
    }
    // blocks() with the usual escapes dropped in one step per block: when every escaped byte
    // stands for itself (\" \\ \/, nearly all of AoD's), the escapers leave each 8-byte half
    // through one pshufb and nothing depends on how many there are. Other simple escapes take
    // escapesOneByOne(). Chosen at run time on CPUs with SSSE3 and POPCNT.
    struct DropStep // not a lambda: its call operator needs the target attribute to inline
    {
        __attribute__((target("ssse3,popcnt"))) bool operator()(const Block &b, const char *&at, char16_t *&out) const
        {
            return dropEscapers(b, at, out);
        }
    };
    // The string's body 64 bytes per step while at least 64 are left, simple escapes included.
    // The masks of four blocks are one 64-bit word each, so the escapers and the end of the
    // step come from one pass per 64 bytes, not one per block, and the eight compactions do not
    // wait for each other (14% fewer instructions than blockLoop() on AoD's output in
    // callgrind; the compaction is most of both). A step ends early before anything
    // else (the closing quote, a control or non-ASCII byte, a \u or invalid escape, an escaping
    // backslash as the last byte). Closed after the closing quote, Stopped before something the
    // byte-wise loop must take, Short when fewer than 64 bytes are left. The same rule as
    // blockLoop()'s keeps the escapers right: a step never starts on an escaped byte.
    //
    // Bounds: reads reach p + 63; the 8-byte group at g writes 8 units at most 8 * g units past
    // dst, which is at most p - begin units in, so writes stay inside the input-sized output.
    enum class WindowEnd { Closed, Stopped, Short };
    // A unit of a window's escape, for the input position of its escaped byte.
    struct Patch
    {
        unsigned at;
        char16_t unit;
    };
    // The bits below \a n (all of them for 64).
    static quint64 lowBits(unsigned n) { return n >= 64 ? ~quint64(0) : (quint64(1) << n) - 1; }
    // One bit per byte of four 16-byte comparison results.
    static quint64 bits64(__m128i a, __m128i b, __m128i c, __m128i d)
    {
        return quint64(unsigned(_mm_movemask_epi8(a))) | quint64(unsigned(_mm_movemask_epi8(b))) << 16
             | quint64(unsigned(_mm_movemask_epi8(c))) << 32 | quint64(unsigned(_mm_movemask_epi8(d))) << 48;
    }
    // The masks of a window: backslashes, quotes, control and non-ASCII bytes.
    struct WindowMasks
    {
        quint64 slashes;
        quint64 quotes;
        quint64 others;
    };
    // From four 16-byte comparisons of each kind.
    struct SseMasks // not lambdas: their call operators need the target attribute to inline
    {
        __attribute__((target("ssse3,popcnt"))) WindowMasks operator()(const char *at) const
        {
            const __m128i v0 = load16(at);
            const __m128i v1 = load16(at + 16);
            const __m128i v2 = load16(at + 32);
            const __m128i v3 = load16(at + 48);
            const __m128i slash = _mm_set1_epi8('\\');
            const __m128i quote = _mm_set1_epi8('"');
            const __m128i space = _mm_set1_epi8(0x20);
            // Signed: bytes >= 0x80 are negative, so "< 0x20" also catches non-ASCII.
            return {bits64(_mm_cmpeq_epi8(v0, slash), _mm_cmpeq_epi8(v1, slash), _mm_cmpeq_epi8(v2, slash),
                           _mm_cmpeq_epi8(v3, slash)),
                    bits64(_mm_cmpeq_epi8(v0, quote), _mm_cmpeq_epi8(v1, quote), _mm_cmpeq_epi8(v2, quote),
                           _mm_cmpeq_epi8(v3, quote)),
                    bits64(_mm_cmplt_epi8(v0, space), _mm_cmplt_epi8(v1, space), _mm_cmplt_epi8(v2, space),
                           _mm_cmplt_epi8(v3, space))};
        }
    };
    // From two 32-byte comparisons of each kind instead of four 16-byte ones.
    struct Avx2Masks
    {
        __attribute__((target("avx2,popcnt"))) static quint64 bits(__m256i low, __m256i high)
        {
            return quint64(unsigned(_mm256_movemask_epi8(low))) | quint64(unsigned(_mm256_movemask_epi8(high))) << 32;
        }
        __attribute__((target("avx2,popcnt"))) WindowMasks operator()(const char *at) const
        {
            const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(at));
            const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(at + 32));
            const __m256i slash = _mm256_set1_epi8('\\');
            const __m256i quote = _mm256_set1_epi8('"');
            const __m256i space = _mm256_set1_epi8(0x20);
            return {bits(_mm256_cmpeq_epi8(a, slash), _mm256_cmpeq_epi8(b, slash)),
                    bits(_mm256_cmpeq_epi8(a, quote), _mm256_cmpeq_epi8(b, quote)),
                    bits(_mm256_cmpgt_epi8(space, a), _mm256_cmpgt_epi8(space, b))};
        }
    };
    template <typename Masks>
    [[gnu::always_inline]] WindowEnd windowLoop(char16_t *&dstRef, Masks masksOf)
    {
        const char *at = p;
        const char *const stop = end;
        char16_t *dst = dstRef;
        WindowEnd result = WindowEnd::Short;
        while (stop - at >= 64) {
            const WindowMasks m = masksOf(at);
            const quint64 slashes = m.slashes;
            const quint64 quotes = m.quotes;
            const quint64 others = m.others;
            const __m128i v0 = load16(at);
            const __m128i v1 = load16(at + 16);
            const __m128i v2 = load16(at + 32);
            const __m128i v3 = load16(at + 48);
            if ((slashes | quotes | others) == 0) {
                widen16(dst, v0);
                widen16(dst + 16, v1);
                widen16(dst + 32, v2);
                widen16(dst + 48, v3);
                at += 64;
                dst += 64;
                continue;
            }
            const quint64 escapers = escapersOf(slashes);
            const quint64 escaped = escapers << 1;
            // The step ends at the closing quote, a control or non-ASCII byte, or an escaper
            // last (its escaped byte is the next step's)...
            const quint64 ends = (quotes & ~escaped) | others | (escapers & (quint64(1) << 63));
            unsigned used = ends ? unsigned(__builtin_ctzll(ends)) : 64u;
            // The escapes whose byte does not stand for itself, up to there: the simple ones
            // (\n, \t, \/ and the like, one or two per output event) and \uXXXX (two of them
            // for a surrogate pair) become units patched in after the groups are stored, and
            // their hex digits are dropped like the escapers. Any other escape (a lone
            // surrogate, an invalid one, one that runs past the step) ends the step before its
            // escaper, for the byte-wise loop to decide. So does `\` before a control or
            // non-ASCII byte where the step ended.
            Patch patches[32]; // an escape takes two bytes at least: 32 fit in 64
            int patchCount = 0;
            quint64 hexDigits = 0;
            quint64 pending = escaped & ~(quotes | slashes) & lowBits(used + 1);
            while (pending != 0) {
                const unsigned i = unsigned(__builtin_ctzll(pending));
                pending &= pending - 1;
                if (i < used) {
                    if (const char16_t meaning = SimpleEscapes[uchar(at[i])]) {
                        patches[patchCount++] = Patch{i, meaning};
                        continue;
                    }
                    char32_t u = 0;
                    char32_t low = 0;
                    if (at[i] == 'u' && i + 4 < used && hex4At(at + i + 1, u)) {
                        if (u < 0xD800 || u > 0xDFFF) {
                            patches[patchCount++] = Patch{i, char16_t(u)};
                            hexDigits |= quint64(0xF) << (i + 1);
                            continue;
                        }
                        if (u <= 0xDBFF && i + 10 < used && at[i + 5] == '\\' && at[i + 6] == 'u'
                            && hex4At(at + i + 7, low) && low >= 0xDC00 && low <= 0xDFFF) {
                            patches[patchCount++] = Patch{i, char16_t(u)};
                            patches[patchCount++] = Patch{i + 6, char16_t(low)};
                            hexDigits |= (quint64(0xF) << (i + 1)) | (quint64(0xF) << (i + 7));
                            pending &= ~(quint64(1) << (i + 6)); // the low half's escape is done
                            continue;
                        }
                    }
                }
                used = i - 1; // before its escaper
                break;
            }
            const quint64 drop = (escapers | hexDigits) & lowBits(used);
            // Each 8-byte group without its escapers, widened, stored where the kept bytes
            // before it end: the eight stores do not wait for each other. Groups past `used`
            // store past the step's end, where the next step or the truncation overwrites.
            dropGroup<0>(v0, drop, dst);
            dropGroup<1>(v0, drop, dst);
            dropGroup<2>(v1, drop, dst);
            dropGroup<3>(v1, drop, dst);
            dropGroup<4>(v2, drop, dst);
            dropGroup<5>(v2, drop, dst);
            dropGroup<6>(v3, drop, dst);
            dropGroup<7>(v3, drop, dst);
            for (int k = 0; k < patchCount; ++k) {
                const unsigned i = patches[k].at;
                dst[i - unsigned(__builtin_popcountll(drop & lowBits(i)))] = patches[k].unit;
            }
            dst += used - unsigned(__builtin_popcountll(drop));
            at += used;
            if (used == 64)
                continue;
            if (quotes & ~escaped & (quint64(1) << used)) {
                ++at; // the closing quote
                result = WindowEnd::Closed;
                break;
            }
            if (used != 63 || !(escapers >> 63)) {
                result = WindowEnd::Stopped;
                break;
            }
            // An escaper last: the next step starts with it.
        }
        p = at;
        dstRef = dst;
        return result;
    }
    // Windows of 64 bytes, then blocks of 16 for the rest. Stopped goes to the byte-wise loop,
    // which takes the one thing and calls this again.
    template <typename Masks>
    [[gnu::always_inline]] Blocks windowsThenBlocks(char16_t *&dst, Masks masksOf)
    {
        switch (windowLoop(dst, masksOf)) {
        case WindowEnd::Closed:
            return Blocks::Closed;
        case WindowEnd::Stopped:
            return Blocks::Scalar;
        case WindowEnd::Short:
            break;
        }
        return blockLoop(dst, DropStep{});
    }
    __attribute__((target("ssse3,popcnt"))) Blocks blocksSsse3(char16_t *&dst)
    {
        return windowsThenBlocks(dst, SseMasks{});
    }
    // The same with the window's masks from 32-byte comparisons (and VEX encodings throughout).
    __attribute__((target("avx2,popcnt"))) Blocks blocksAvx2(char16_t *&dst)
    {
        return windowsThenBlocks(dst, Avx2Masks{});
    }
#endif
    Blocks fastBlocks(char16_t *&dst)
    {
#if defined(AOD_HAVE_SSSE3_TARGET)
        switch (decoderPath()) {
        case Path::Avx2:
            return blocksAvx2(dst);
        case Path::Ssse3:
            return blocksSsse3(dst);
        case Path::Sse2:
            break;
        }
#endif
        return blocks(dst);
    }
#endif
    // After the opening quote, to just after the closing one.
    bool string(QString &out, int key)
    {
        // A raw UTF-8 BOM (U+FEFF) first in a string: QJsonDocument drops it when the string
        // has no escapes (its QString::fromUtf8 step takes it for a byte order mark) and keeps
        // it otherwise. AoD escapes all non-ASCII, so this never comes from the server; leave
        // the case to QJsonDocument rather than mirror that rule here.
        if (end - p >= 3 && uchar(p[0]) == 0xEF && uchar(p[1]) == 0xBB && uchar(p[2]) == 0xBF)
            return false;
        const char *const begin = p;
        // Short escape-free strings (every value but an output chunk, usually) are copied as they
        // are, without an allocation for the names AoD repeats. Anything longer is decoded in one
        // pass: scanning it all first would read a whole chunk twice.
        constexpr qsizetype ShortString = 48;
        p = plainRunEnd(p, ShortString);
        if (p < end && *p == '"') {
            plainString(begin, p - begin, out, key);
            ++p;
            return true;
        }
        // No input byte yields more than one UTF-16 unit (escapes shrink; a 4-byte UTF-8
        // sequence yields 2), so dst - first <= p - begin throughout: the input size bounds
        // the output, and a 16-unit store at dst is in bounds while p + 16 <= end.
        if (p >= end)
            return false; // unterminated
        const qsizetype bound = qsizetype(end - begin);
        QString s;
        if (out.isDetached() && out.capacity() >= bound) {
            // A refilled event's own text that no receiver holds (the relaxed load in
            // isDetached() is ordered before our writes: see Access::recycle()).
            std::atomic_thread_fence(std::memory_order_acquire);
            s = std::move(out);
            s.resize(bound); // within its capacity and unshared: no allocation
        } else {
            s = m_buffers ? m_buffers->text(bound) : QString(bound, Qt::Uninitialized);
        }
        char16_t *const first = reinterpret_cast<char16_t *>(s.data());
        char16_t *dst = first;
        // The plain bytes seen above go over as they are, without being scanned again.
        const char *from = begin;
#if defined(__SSE2__)
        for (; p - from >= 16; from += 16, dst += 16)
            widen16(dst, _mm_loadu_si128(reinterpret_cast<const __m128i *>(from)));
#endif
        while (from < p)
            *dst++ = char16_t(uchar(*from++));
        for (;;) {
#if defined(__SSE2__)
            if (fastBlocks(dst) == Blocks::Closed) {
                s.truncate(qsizetype(dst - first));
                out = std::move(s);
                return true;
            }
            const __m128i quote = _mm_set1_epi8('"');
            const __m128i backslash = _mm_set1_epi8('\\');
            const __m128i space = _mm_set1_epi8(0x20);
            const __m128i zero = _mm_setzero_si128();
            int mask = 0;
            while (end - p >= 16) {
                // Widen 16 bytes unconditionally, then keep only the plain prefix.
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(dst), _mm_unpacklo_epi8(v, zero));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + 8), _mm_unpackhi_epi8(v, zero));
                const __m128i special = _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), _mm_cmplt_epi8(v, space));
                mask = _mm_movemask_epi8(special);
                if (mask != 0) {
                    const int n = __builtin_ctz(unsigned(mask));
                    p += n;
                    dst += n;
                    break;
                }
                p += 16;
                dst += 16;
            }
            if (mask == 0) {
#endif
                while (p < end && isPlain(*p))
                    *dst++ = char16_t(uchar(*p++));
#if defined(__SSE2__)
            }
#endif
            if (p >= end)
                return false; // unterminated
            const uchar c = uchar(*p);
            // By far the most common escapes in JSONL output: an escaped quote (and backslash,
            // slash), where the character is the one after the backslash. Checked first, with
            // predictable branches.
            if (c == '\\' && end - p >= 2 && (p[1] == '"' || p[1] == '\\' || p[1] == '/')) {
                *dst++ = char16_t(p[1]);
                p += 2;
                continue;
            }
            if (c == '"') {
                ++p;
                s.truncate(qsizetype(dst - first));
                out = std::move(s);
                return true;
            }
            if (c == '\\') {
                if (!escape(dst))
                    return false;
            } else if (c >= 0x80) {
                if (!utf8(dst))
                    return false;
            } else {
                return false; // a raw control byte: QJsonDocument's call
            }
        }
    }

    const char *p;
    const char *end;
    StreamEventDecoding::Buffers *m_buffers;
    StreamEvent::Type m_type = StreamEvent::Type::Unknown;
    bool m_typeKnown = false;
};

// --- Field access, whichever way the event was built ----------------------------------------

QString stringOf(const StreamEventPrivate *d, Key k)
{
    if (!d)
        return {};
    if (d->flat) {
        const Field &f = d->fields[k];
        return f.kind == Kind::String ? d->texts[f.text] : QString();
    }
    const QJsonValue v = d->json.value(keyName(k));
    return v.isString() ? v.toString() : QString();
}

std::optional<qint64> int64Of(const StreamEventPrivate *d, Key k)
{
    if (!d)
        return std::nullopt;
    if (!d->flat)
        return toInt64(d->json.value(keyName(k)));
    const Field &f = d->fields[k];
    switch (f.kind) {
    case Kind::Integer:
        return f.integer; // at most 15 digits: what toInt64() makes of the same JSON number
    case Kind::String: {
        bool ok = false;
        const qint64 n = d->texts[f.text].toLongLong(&ok);
        return ok ? std::optional<qint64>(n) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

std::optional<int> intOf(const StreamEventPrivate *d, Key k)
{
    const auto n = int64Of(d, k);
    if (!n || *n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(*n);
}

bool isStringField(const StreamEventPrivate *d, Key k)
{
    if (!d)
        return false;
    return d->flat ? d->fields[k].kind == Kind::String : d->json.value(keyName(k)).isString();
}

bool has(const StreamEventPrivate *d, Key k)
{
    if (!d)
        return false;
    return d->flat ? d->fields[k].kind != Kind::Absent : d->json.contains(keyName(k));
}

bool isNullField(const StreamEventPrivate *d, Key k)
{
    if (!d)
        return false;
    return d->flat ? d->fields[k].kind == Kind::Null : d->json.value(keyName(k)).isNull();
}

} // namespace

StreamEvent::StreamEvent(const QJsonObject &json, qint64 sseId)
    : m_type(typeFromString(json.value(key("type")).toString())), m_sseId(sseId < 0 ? -1 : sseId)
{
    auto p = std::make_shared<StreamEventPrivate>();
    p->json = json;
    d = std::move(p);
}

// New buffers are allocated in steps of this many bytes, so that a recycled one usually fits
// the next payload, whose size varies by some hundreds of bytes around the same mean.
constexpr qsizetype SpareGranule = 512;
// Buffers larger than this go back to the allocator.
constexpr qsizetype MaxRecycledSize = qsizetype(64) * 1024;
// How many of the newest spares are tried for a fit.
constexpr int SpareProbes = 8;

struct StreamEventDecoding::Access
{
    // \a data is moved into the event on success and left as it was on failure.
    static bool fromData(QByteArray &data, qint64 sseId, StreamEvent &out, QString *error, Buffers *buffers,
                         std::optional<int> *turn = nullptr);
    static void recycle(StreamEvent &event, Buffers &buffers);
    static std::shared_ptr<StreamEventPrivate> takeEvent(Buffers &buffers);
    // \a d's texts and fields as make_shared() makes them (its raw bytes are the caller's),
    // the texts to \a buffers' pools (if any).
    static void emptyEvent(StreamEventPrivate &d, Buffers *buffers);
};

bool StreamEvent::fromData(const QByteArray &data, qint64 sseId, StreamEvent &out, QString *error)
{
    QByteArray shared = data;
    return StreamEventDecoding::Access::fromData(shared, sseId, out, error, nullptr);
}

bool StreamEventDecoding::fromData(const QByteArray &data, qint64 sseId, StreamEvent &out, QString *error,
                                   Buffers *buffers, std::optional<int> *turn)
{
    QByteArray shared = data;
    return Access::fromData(shared, sseId, out, error, buffers, turn);
}

bool StreamEventDecoding::fromData(QByteArray &&data, qint64 sseId, StreamEvent &out, QString *error,
                                   Buffers *buffers, std::optional<int> *turn)
{
    return Access::fromData(data, sseId, out, error, buffers, turn);
}

void StreamEventDecoding::Buffers::recycle(StreamEvent &event)
{
    Access::recycle(event, *this);
}

void StreamEventDecoding::Access::recycle(StreamEvent &event, Buffers &buffers)
{
    // Only a private that this event alone holds may be reused: no copy of the event is left
    // anywhere to see it (another thread's included). Its strings and raw bytes are reused
    // only if they are not shared either (a receiver may have kept data()).
    if (event.d && event.d.use_count() == 1) {
        // use_count() and isDetached() are relaxed loads. The last other holder gave its
        // reference up (a release) after its last read; an acquire fence after our loads
        // orders our writes (here, and into the buffers later) after those reads.
        std::atomic_thread_fence(std::memory_order_acquire);
        auto &d = const_cast<StreamEventPrivate &>(*event.d);
        // Kept whole when fromData() can fill it again: a flat event whose json() was never
        // built (std::once_flag cannot be reset).
        if (d.flat && d.json.isEmpty() && buffers.m_events.size() < size_t(Buffers::MaxEvents)) {
            qsizetype textBytes = 0;
            for (const QString &text : std::as_const(d.texts)) {
                if (text.isDetached())
                    textBytes += text.capacity() * qsizetype(sizeof(QChar));
            }
            const qsizetype rawBytes = d.raw.isDetached() ? d.raw.capacity() : 0;
            if (buffers.m_texts.bytes + textBytes <= Buffers::MaxBytes
                && buffers.m_raws.bytes + rawBytes <= Buffers::MaxBytes) {
                buffers.m_texts.bytes += textBytes;
                buffers.m_raws.bytes += rawBytes;
                buffers.m_events.push_back(
                    {std::const_pointer_cast<StreamEventPrivate>(std::move(event.d)), textBytes, rawBytes});
                event = StreamEvent();
                std::atomic_thread_fence(std::memory_order_acquire); // after the isDetached() loads
                return;
            }
        }
        for (QString &text : d.texts)
            buffers.m_texts.give(std::move(text));
        buffers.m_raws.give(std::move(d.raw));
        std::atomic_thread_fence(std::memory_order_acquire); // after give()'s isDetached() loads
    }
    event = StreamEvent();
}

std::shared_ptr<StreamEventPrivate> StreamEventDecoding::Access::takeEvent(Buffers &buffers)
{
    if (buffers.m_events.empty())
        return std::make_shared<StreamEventPrivate>();
    Buffers::Event e = std::move(buffers.m_events.back());
    buffers.m_events.pop_back();
    buffers.m_texts.bytes -= e.textBytes;
    buffers.m_raws.bytes -= e.rawBytes;
    // Its raw bytes go to the pool (when bytes() did not take them already). An output event
    // of FlatDecoder's shortcut keeps its texts for the next one to refill; any other is
    // emptied, its texts to the pools for this event's own strings to reuse.
    StreamEventPrivate &d = *e.d;
    buffers.m_raws.give(std::move(d.raw));
    d.raw = QByteArray();
    d.flat = false;
    if (!d.outputLayout)
        emptyEvent(d, &buffers);
    return std::move(e.d);
}

void StreamEventDecoding::Access::emptyEvent(StreamEventPrivate &d, Buffers *buffers)
{
    for (QString &text : d.texts) {
        if (!buffers)
            break; // the public fromData(): nowhere to keep them
        if (buffers->m_text.isNull() && text.isDetached() && text.capacity() * qsizetype(sizeof(QChar)) >= SpareGranule) {
            buffers->m_texts.bytes += text.capacity() * qsizetype(sizeof(QChar));
            buffers->m_text = std::move(text); // see Buffers::m_text
        } else {
            buffers->m_texts.give(std::move(text));
        }
    }
    while (!d.texts.isEmpty()) // not clear(): in Qt 6.4 it goes through reallocate()
        d.texts.removeLast();
    for (Field &field : d.fields)
        field.kind = Kind::Absent;
    d.outputLayout = false;
}

bool StreamEventDecoding::Access::fromData(QByteArray &data, qint64 sseId, StreamEvent &out, QString *error,
                                           Buffers *buffers, std::optional<int> *turn)
{
    using Type = StreamEvent::Type;
    {
        std::shared_ptr<StreamEventPrivate> p = buffers ? takeEvent(*buffers) : std::make_shared<StreamEventPrivate>();
        Type type = Type::Unknown;
        FlatDecoder decoder(data, buffers);
        bool decoded = false;
        if (outputShortcut.load(std::memory_order_relaxed) && decoder.outputEvent(*p)) {
            type = Type::Output;
            decoded = true;
        } else {
            if (p->outputLayout || !p->texts.isEmpty())
                emptyEvent(*p, buffers); // a refilled output event, or the shortcut's partial fill
            decoded = decoder.parse(*p, type);
        }
        if (decoded) {
            p->flat = true;
            p->raw = std::move(data);
            if (turn) {
                // Inline for the usual integer (a call per event otherwise); intOf() for the rest.
                const Field &f = p->fields[StreamEventPrivate::KeyTurn];
                if (f.kind == Kind::Integer && f.integer >= std::numeric_limits<int>::min()
                    && f.integer <= std::numeric_limits<int>::max())
                    *turn = int(f.integer);
                else
                    *turn = intOf(p.get(), StreamEventPrivate::KeyTurn);
            }
            out.d = std::move(p);
            out.m_type = type;
            out.m_sseId = sseId < 0 ? -1 : sseId;
            return true;
        }
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("stream event is not valid JSON: %1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("stream event is not a JSON object");
        return false;
    }
    const QJsonObject obj = doc.object();
    if (!obj.value(key("type")).isString()) {
        if (error)
            *error = QStringLiteral("stream event has no string \"type\"");
        return false;
    }
    auto p = std::make_shared<StreamEventPrivate>();
    p->json = obj;
    p->raw = std::move(data);
    out.d = std::move(p);
    out.m_type = StreamEvent::typeFromString(obj.value(key("type")).toString());
    out.m_sseId = sseId < 0 ? -1 : sseId;
    if (turn)
        *turn = out.turn();
    return true;
}

bool StreamEvent::isValid() const
{
    return d && (d->flat || !d->json.isEmpty());
}

QByteArray StreamEvent::rawData() const
{
    return d ? d->raw : QByteArray();
}

const QJsonObject &StreamEvent::json() const
{
    static const QJsonObject empty;
    return d ? d->object() : empty;
}

QString StreamEvent::typeString() const
{
    return stringOf(d.get(), StreamEventPrivate::KeyType);
}

bool StreamEvent::isTerminal() const
{
    return m_type == Type::Exit || m_type == Type::Error || m_type == Type::Terminated
        || m_type == Type::Stale;
}

bool StreamEvent::endsSession() const
{
    return m_type == Type::Exit || m_type == Type::Error || m_type == Type::Terminated;
}

qint64 StreamEvent::id() const
{
    return int64Of(d.get(), StreamEventPrivate::KeyId).value_or(-1);
}

QString StreamEvent::provider() const
{
    return stringOf(d.get(), StreamEventPrivate::KeyProvider);
}

QString StreamEvent::sessionId() const
{
    return stringOf(d.get(), StreamEventPrivate::KeySessionId);
}

QString StreamEvent::stage() const
{
    return stringOf(d.get(), StreamEventPrivate::KeyStage);
}

QString StreamEvent::stageState() const
{
    return stringOf(d.get(), StreamEventPrivate::KeyState);
}

std::optional<qint64> StreamEvent::durationMs() const
{
    return int64Of(d.get(), StreamEventPrivate::KeyDurationMs);
}

std::optional<int> StreamEvent::turn() const
{
    return intOf(d.get(), StreamEventPrivate::KeyTurn);
}

QString StreamEvent::stream() const
{
    return stringOf(d.get(), StreamEventPrivate::KeyStream);
}

QString StreamEvent::data() const
{
    return stringOf(d.get(), StreamEventPrivate::KeyData);
}

std::optional<int> StreamEvent::exitCode() const
{
    // `code` per the server; `exit_code` in one SDK fixture. A present-but-null `code` is a
    // real null (an interrupted turn), not a reason to look at the fallback.
    if (has(d.get(), StreamEventPrivate::KeyCode))
        return intOf(d.get(), StreamEventPrivate::KeyCode);
    return intOf(d.get(), StreamEventPrivate::KeyExitCode);
}

bool StreamEvent::hasNullExitCode() const
{
    if (has(d.get(), StreamEventPrivate::KeyCode))
        return isNullField(d.get(), StreamEventPrivate::KeyCode);
    return has(d.get(), StreamEventPrivate::KeyExitCode) && isNullField(d.get(), StreamEventPrivate::KeyExitCode);
}

QString StreamEvent::message() const
{
    if (isStringField(d.get(), StreamEventPrivate::KeyMessage))
        return stringOf(d.get(), StreamEventPrivate::KeyMessage);
    return stringOf(d.get(), StreamEventPrivate::KeyDetail);
}

StreamEvent::Type StreamEvent::typeFromString(const QString &type)
{
    // typeFromName() reads the names; an ASCII copy of a short string is all it needs.
    constexpr qsizetype Longest = 10; // turn_start, terminated
    char ascii[Longest];
    if (type.size() > Longest)
        return Type::Unknown;
    for (qsizetype i = 0; i < type.size(); ++i) {
        const char16_t c = type.at(i).unicode();
        if (c >= 0x80)
            return Type::Unknown;
        ascii[i] = char(c);
    }
    return typeFromName(std::string_view(ascii, size_t(type.size())));
}

QString StreamEvent::typeToString(Type type)
{
    switch (type) {
    case Type::Start: return QStringLiteral("start");
    case Type::Stage: return QStringLiteral("stage");
    case Type::TurnStart: return QStringLiteral("turn_start");
    case Type::Output: return QStringLiteral("output");
    case Type::Exit: return QStringLiteral("exit");
    case Type::Error: return QStringLiteral("error");
    case Type::Terminated: return QStringLiteral("terminated");
    case Type::Stale: return QStringLiteral("stale");
    case Type::Unknown: break;
    }
    return QString();
}

StreamEvent StreamEvent::output(const QString &stream, const QString &data, int turn, qint64 id)
{
    QJsonObject o;
    o.insert(key("type"), QStringLiteral("output"));
    o.insert(key("id"), id);
    o.insert(key("stream"), stream);
    o.insert(key("data"), data);
    o.insert(key("turn"), turn);
    return StreamEvent(o, id);
}

bool StreamEvent::operator==(const StreamEvent &other) const
{
    if (m_sseId != other.m_sseId)
        return false;
    if (d == other.d)
        return true;
    // Two flat events of the same bytes hold the same JSON: no need to build it.
    if (d && other.d && d->flat && other.d->flat && d->raw == other.d->raw)
        return true;
    return json() == other.json();
}

QDebug operator<<(QDebug dbg, const StreamEvent &event)
{
    const QDebugStateSaver saver(dbg);
    dbg.nospace() << "Aod::StreamEvent(" << event.typeString();
    if (event.hasSseId())
        dbg << " sse-id=" << event.sseId();
    QByteArray json = QJsonDocument(event.json()).toJson(QJsonDocument::Compact);
    if (json.size() > 200)
        json = json.left(200) + "...";
    dbg << ' ' << json.constData() << ')';
    return dbg;
}

template <typename Buffer>
void StreamEventDecoding::Buffers::Spares<Buffer>::give(Buffer &&b)
{
    const qsizetype size = b.capacity() * qsizetype(sizeof(typename Buffer::value_type));
    // A buffer someone else still shares would only be copied on its next write: not worth
    // holding.
    if (!b.isDetached() || size < SpareGranule || size > MaxRecycledSize || bytes + size > MaxBytes)
        return;
    bytes += size;
    buffers.push_back(std::move(b));
}

template <typename Buffer>
Buffer StreamEventDecoding::Buffers::Spares<Buffer>::take(qsizetype size)
{
    constexpr qsizetype unit = qsizetype(sizeof(typename Buffer::value_type));
    const int n = int(buffers.size());
    for (int i = n - 1; i >= 0 && i >= n - SpareProbes; --i) {
        if (buffers[size_t(i)].capacity() < size)
            continue;
        // The newest fits nearly always: then it is just popped (moving the last buffer into
        // its own slot first was a self-move, an out-of-line swap).
        Buffer b = std::move(buffers[size_t(i)]);
        if (i != n - 1)
            buffers[size_t(i)] = std::move(buffers.back());
        buffers.pop_back();
        bytes -= b.capacity() * unit;
        b.resize(size); // within its capacity and unshared: no allocation
        return b;
    }
    constexpr qsizetype granule = SpareGranule / unit;
    Buffer b;
    b.reserve((size + granule - 1) / granule * granule);
    b.resize(size);
    return b;
}

QString StreamEventDecoding::Buffers::text(qsizetype size)
{
    if (!m_text.isNull() && m_text.capacity() >= size) {
        QString s = std::move(m_text);
        m_texts.bytes -= s.capacity() * qsizetype(sizeof(QChar));
        s.resize(size); // within its capacity and unshared: no allocation
        return s;
    }
    return m_texts.take(size);
}

StreamEventDecoding::Buffers::Buffers() = default;
StreamEventDecoding::Buffers::~Buffers() = default;

QByteArray StreamEventDecoding::Buffers::bytes(QByteArrayView bytes)
{
    // The stream copies an event's data line before it decodes it: the raw bytes of the event
    // that fromData() fills next are the first choice.
    QByteArray b;
    if (!m_events.empty() && m_events.back().rawBytes > 0 && m_events.back().d->raw.capacity() >= bytes.size()) {
        Event &e = m_events.back();
        b = std::move(e.d->raw);
        m_raws.bytes -= e.rawBytes;
        e.rawBytes = 0;
        b.resize(bytes.size()); // within its capacity and unshared: no allocation
    } else {
        b = m_raws.take(bytes.size());
    }
    if (!bytes.isEmpty())
        std::memcpy(b.data(), bytes.data(), size_t(bytes.size()));
    return b;
}

void StreamEventDecoding::setOutputShortcut(bool enabled)
{
    outputShortcut.store(enabled, std::memory_order_relaxed);
}

void StreamEventDecoding::setWidestPath(Path widest)
{
    widestAllowed.store(int(widest), std::memory_order_relaxed);
}

StreamEventDecoding::Path StreamEventDecoding::currentPath()
{
    return decoderPath();
}

} // namespace Aod
