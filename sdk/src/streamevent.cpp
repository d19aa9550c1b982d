#include <aod/streamevent.h>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>
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

} // namespace

StreamEvent::StreamEvent(const QJsonObject &json, qint64 sseId)
    : m_json(json), m_type(typeFromString(json.value(key("type")).toString())), m_sseId(sseId < 0 ? -1 : sseId)
{
}

bool StreamEvent::fromData(const QByteArray &data, qint64 sseId, StreamEvent &out, QString *error)
{
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
