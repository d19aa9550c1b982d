#include "json_p.h"

#include <aod/models/common.h>

#include <cmath>
#include <limits>

namespace Aod::Json {

bool parseDetailMessage(const QJsonValue &body, QString &out, QString *error)
{
    const QJsonValue detail = body.toObject().value(QLatin1String("detail"));
    if (!body.isObject() || !detail.isString()) {
        if (error)
            *error = QStringLiteral("expected an object with a string \"detail\"");
        return false;
    }
    out = detail.toString();
    return true;
}

// --- Reader ---------------------------------------------------------------------------------

void Reader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

QString Reader::path(QLatin1String key) const
{
    return m_prefix.isEmpty() ? QString(key) : m_prefix + QLatin1Char('.') + key;
}

QJsonValue Reader::present(QLatin1String key)
{
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd()) {
        fail(QStringLiteral("missing field '%1'").arg(path(key)));
        return QJsonValue(QJsonValue::Undefined);
    }
    return it.value();
}

QString Reader::requiredString(QLatin1String key)
{
    const QJsonValue v = present(key);
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        fail(QStringLiteral("field '%1' is not a string").arg(path(key)));
        return {};
    }
    return nonNull(v.toString());
}

QString Reader::nullableString(QLatin1String key)
{
    if (!ok())
        return {};
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString()) {
        fail(QStringLiteral("field '%1' is not a string or null").arg(path(key)));
        return {};
    }
    return nonNull(v.toString());
}

int Reader::requiredInt(QLatin1String key)
{
    const QJsonValue v = present(key);
    if (v.isUndefined())
        return 0;
    if (!isInt(v)) {
        fail(QStringLiteral("field '%1' is not an integer").arg(path(key)));
        return 0;
    }
    return v.toInt();
}

int Reader::optionalInt(QLatin1String key, int fallback)
{
    if (!ok() || !m_object.contains(key))
        return fallback;
    return requiredInt(key);
}

std::optional<int> Reader::nullableInt(QLatin1String key)
{
    if (!ok())
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!isInt(v)) {
        fail(QStringLiteral("field '%1' is not an integer or null").arg(path(key)));
        return std::nullopt;
    }
    return v.toInt();
}

QDateTime Reader::requiredTimestamp(QLatin1String key)
{
    const QJsonValue v = present(key);
    if (v.isUndefined())
        return {};
    const QDateTime t = v.isString() ? parseTimestamp(v.toString()) : QDateTime();
    if (!t.isValid())
        fail(QStringLiteral("field '%1' is not a valid timestamp").arg(path(key)));
    return t;
}

QDateTime Reader::nullableTimestamp(QLatin1String key)
{
    if (!ok())
        return {};
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    const QDateTime t = v.isString() ? parseTimestamp(v.toString()) : QDateTime();
    if (!t.isValid())
        fail(QStringLiteral("field '%1' is not a valid timestamp or null").arg(path(key)));
    return t;
}

QJsonArray Reader::array(QLatin1String key)
{
    if (!ok())
        return {};
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray()) {
        fail(QStringLiteral("field '%1' is not an array").arg(path(key)));
        return {};
    }
    return v.toArray();
}

QJsonObject Reader::object(QLatin1String key)
{
    if (!ok())
        return {};
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isObject()) {
        fail(QStringLiteral("field '%1' is not an object").arg(path(key)));
        return {};
    }
    return v.toObject();
}

// --- helpers --------------------------------------------------------------------------------

QString stringOrNull(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue v = object.value(key);
    return v.isString() ? nonNull(v.toString()) : QString();
}

QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    out.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (v.isString())
            out.append(v.toString());
    }
    return out;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

bool isInt(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && d == std::floor(d) && d >= double(std::numeric_limits<int>::min())
        && d <= double(std::numeric_limits<int>::max());
}

qsizetype codePoints(const QString &s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        // A surrogate pair counts once, a lone surrogate counts as one character.
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            ++i;
        ++n;
    }
    return n;
}

void writeString(QJsonObject &o, QLatin1String key, const QString &v)
{
    const QJsonValue cur = o.value(key);
    if (v.isNull()) {
        if (cur.isString())
            o.remove(key);
        return;
    }
    if (cur.isString() && cur.toString() == v)
        return;
    o.insert(key, v);
}

void writeNullableString(QJsonObject &o, QLatin1String key, const QString &v)
{
    if (v.isNull()) {
        o.insert(key, QJsonValue::Null);
        return;
    }
    writeString(o, key, v);
}

void writeInt(QJsonObject &o, QLatin1String key, int v)
{
    const QJsonValue cur = o.value(key);
    if (isInt(cur) && cur.toInt() == v)
        return;
    o.insert(key, v);
}

void writeNullableInt(QJsonObject &o, QLatin1String key, std::optional<int> v)
{
    if (!v) {
        o.insert(key, QJsonValue::Null);
        return;
    }
    writeInt(o, key, *v);
}

void writeTimestamp(QJsonObject &o, QLatin1String key, const QDateTime &v)
{
    if (!v.isValid()) {
        o.insert(key, QJsonValue::Null);
        return;
    }
    const QJsonValue cur = o.value(key);
    if (cur.isString() && parseTimestamp(cur.toString()) == v)
        return; // same instant: keep the server's text (microseconds, offset form)
    o.insert(key, formatTimestamp(v));
}

void writeStringList(QJsonObject &o, QLatin1String key, const QStringList &v)
{
    const QJsonValue cur = o.value(key);
    if (cur.isArray() && stringList(cur) == v)
        return; // keeps non-string elements the typed list cannot hold
    o.insert(key, toArray(v));
}

void writeValue(QJsonObject &o, QLatin1String key, const QJsonValue &v)
{
    if (o.value(key) != v)
        o.insert(key, v);
}

QJsonObject toObject(const QMap<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject toObject(const QMap<QString, QStringList> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), toArray(it.value()));
    return o;
}

QMap<QString, QString> stringMap(const QJsonObject &object)
{
    QMap<QString, QString> out;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.value().isString())
            out.insert(it.key(), it.value().toString());
    }
    return out;
}

QMap<QString, QStringList> stringListMap(const QJsonObject &object)
{
    QMap<QString, QStringList> out;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.value().isArray())
            out.insert(it.key(), stringList(it.value()));
    }
    return out;
}

} // namespace Aod::Json
