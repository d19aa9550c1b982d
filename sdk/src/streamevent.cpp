#include <aod/streamevent.h>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>
#include <cstring>
#include <limits>

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

std::optional<int> toInt(const QJsonValue &v)
{
    const auto n = toInt64(v);
    if (!n || *n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(*n);
}

QString stringField(const QJsonObject &o, const char *name)
{
    const QJsonValue v = o.value(key(name));
    return v.isString() ? v.toString() : QString();
}

// --- A fast path for the one JSON shape the stream carries --------------------------------
//
// Every AoD event is a flat object of strings, integers and nulls, and the `data` of an output
// event is an escaped JSONL line: quotes every few characters. QJsonDocument decodes such
// strings one QChar at a time (about 25 MB/s on the firehose); this parser copies the runs
// between escapes in bulk. It accepts only what it decodes exactly as QJsonDocument does:
// ASCII-only strings, integers of up to 15 digits, null/true/false, no nesting, no duplicate
// keys. Anything else returns false and QJsonDocument decides (and reports errors).
class FlatJson
{
public:
    explicit FlatJson(QByteArrayView in) : p(in.data()), end(in.data() + in.size()) {}

    bool parse(QJsonObject &out)
    {
        skipWs();
        if (!eat('{'))
            return false;
        skipWs();
        if (eat('}'))
            return atEnd();
        for (;;) {
            skipWs();
            if (!eat('"'))
                return false;
            QString key;
            if (!string(key))
                return false;
            skipWs();
            if (!eat(':'))
                return false;
            skipWs();
            QJsonValue value;
            if (!scalar(value) || out.contains(key))
                return false;
            out.insert(key, value);
            skipWs();
            if (eat(','))
                continue;
            if (eat('}'))
                return atEnd();
            return false;
        }
    }

private:
    void skipWs()
    {
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            ++p;
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
    bool literal(const char *word, QJsonValue v, QJsonValue &out)
    {
        const qsizetype n = qsizetype(std::strlen(word));
        if (end - p < n || std::memcmp(p, word, size_t(n)) != 0)
            return false;
        p += n;
        out = v;
        return true;
    }
    bool scalar(QJsonValue &out)
    {
        if (p >= end)
            return false;
        switch (*p) {
        case '"': {
            ++p;
            QString s;
            if (!string(s))
                return false;
            out = QJsonValue(s);
            return true;
        }
        case 'n': return literal("null", QJsonValue(QJsonValue::Null), out);
        case 't': return literal("true", QJsonValue(true), out);
        case 'f': return literal("false", QJsonValue(false), out);
        default: return integer(out);
        }
    }
    bool integer(QJsonValue &out)
    {
        const char *start = p;
        const bool negative = eat('-');
        const char *digits = p;
        while (p < end && *p >= '0' && *p <= '9')
            ++p;
        const qsizetype n = p - digits;
        // No fraction/exponent (QJsonDocument may store those as doubles), no leading zero,
        // at most 15 digits (exact in a double, too).
        if (n == 0 || n > 15 || (digits[0] == '0' && n > 1) || (negative && n == 1 && digits[0] == '0'))
            return false;
        if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
            return false;
        qint64 v = 0;
        for (const char *d = digits; d < p; ++d)
            v = v * 10 + (*d - '0');
        out = QJsonValue(negative ? -v : v);
        return start != p;
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
    bool hex4(char32_t &u)
    {
        if (end - p < 4)
            return false;
        u = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex(p[i]);
            if (h < 0)
                return false;
            u = (u << 4) | char32_t(h);
        }
        p += 4;
        return true;
    }
    // After the opening quote. Builds UTF-16 directly: the text is ASCII apart from \u escapes.
    bool string(QString &out)
    {
        const char *runStart = p;
        // The common case, a string without escapes, converts in one go.
        while (p < end) {
            const uchar c = uchar(*p);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            ++p;
        }
        if (p < end && *p == '"') {
            out = QString::fromLatin1(runStart, p - runStart);
            ++p;
            return true;
        }
        // Escapes only ever shrink the text: one UTF-16 unit per input byte is enough.
        QString s(qsizetype(end - runStart), Qt::Uninitialized);
        char16_t *const begin = reinterpret_cast<char16_t *>(s.data());
        char16_t *dst = begin;
        for (const char *c = runStart; c < p; ++c)
            *dst++ = char16_t(uchar(*c));
        while (p < end) {
            const uchar c = uchar(*p);
            if (c == '"') {
                ++p;
                s.truncate(qsizetype(dst - begin));
                out = std::move(s);
                return true;
            }
            if (c < 0x20 || c >= 0x80)
                return false; // raw control or non-ASCII bytes: let QJsonDocument decide
            if (c != '\\') {
                *dst++ = char16_t(c);
                ++p;
                continue;
            }
            if (++p >= end)
                return false;
            const char e = *p++;
            switch (e) {
            case '"': *dst++ = u'"'; break;
            case '\\': *dst++ = u'\\'; break;
            case '/': *dst++ = u'/'; break;
            case 'b': *dst++ = u'\b'; break;
            case 'f': *dst++ = u'\f'; break;
            case 'n': *dst++ = u'\n'; break;
            case 'r': *dst++ = u'\r'; break;
            case 't': *dst++ = u'\t'; break;
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
                    *dst++ = char16_t(u); // \uXXXX\uXXXX (12 bytes) -> 2 units: fits
                    *dst++ = char16_t(low);
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    return false; // a lone low surrogate
                } else {
                    *dst++ = char16_t(u);
                }
                break;
            }
            default:
                return false;
            }
        }
        return false; // unterminated
    }

    const char *p;
    const char *end;
};

} // namespace

StreamEvent::StreamEvent(const QJsonObject &json, qint64 sseId)
    : m_json(json), m_type(typeFromString(json.value(key("type")).toString())), m_sseId(sseId < 0 ? -1 : sseId)
{
}

bool StreamEvent::fromData(const QByteArray &data, qint64 sseId, StreamEvent &out, QString *error)
{
    QJsonObject fast;
    if (FlatJson(data).parse(fast) && fast.value(key("type")).isString()) {
        out = StreamEvent(fast, sseId);
        out.m_raw = data;
        return true;
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
    out = StreamEvent(obj, sseId);
    out.m_raw = data;
    return true;
}

QString StreamEvent::typeString() const
{
    return stringField(m_json, "type");
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
    return toInt64(m_json.value(key("id"))).value_or(-1);
}

QString StreamEvent::provider() const
{
    return stringField(m_json, "provider");
}

QString StreamEvent::sessionId() const
{
    return stringField(m_json, "session_id");
}

QString StreamEvent::stage() const
{
    return stringField(m_json, "stage");
}

QString StreamEvent::stageState() const
{
    return stringField(m_json, "state");
}

std::optional<qint64> StreamEvent::durationMs() const
{
    return toInt64(m_json.value(key("duration_ms")));
}

std::optional<int> StreamEvent::turn() const
{
    return toInt(m_json.value(key("turn")));
}

QString StreamEvent::stream() const
{
    return stringField(m_json, "stream");
}

QString StreamEvent::data() const
{
    return stringField(m_json, "data");
}

std::optional<int> StreamEvent::exitCode() const
{
    // `code` per the server; `exit_code` in one SDK fixture. A present-but-null `code` is a
    // real null (an interrupted turn), not a reason to look at the fallback.
    if (m_json.contains(key("code")))
        return toInt(m_json.value(key("code")));
    return toInt(m_json.value(key("exit_code")));
}

bool StreamEvent::hasNullExitCode() const
{
    if (m_json.contains(key("code")))
        return m_json.value(key("code")).isNull();
    return m_json.contains(key("exit_code")) && m_json.value(key("exit_code")).isNull();
}

QString StreamEvent::message() const
{
    const QJsonValue m = m_json.value(key("message"));
    if (m.isString())
        return m.toString();
    return stringField(m_json, "detail");
}

StreamEvent::Type StreamEvent::typeFromString(const QString &type)
{
    if (type == key("output"))
        return Type::Output;
    if (type == key("stage"))
        return Type::Stage;
    if (type == key("turn_start"))
        return Type::TurnStart;
    if (type == key("start"))
        return Type::Start;
    if (type == key("exit"))
        return Type::Exit;
    if (type == key("error"))
        return Type::Error;
    if (type == key("terminated"))
        return Type::Terminated;
    if (type == key("stale"))
        return Type::Stale;
    return Type::Unknown;
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
    return m_sseId == other.m_sseId && m_json == other.m_json;
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

} // namespace Aod
