#pragma once
// Private header: JSON reading helpers shared by the model parsers and the resource APIs.
#include <aod/global.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Aod::Json {

// Field names that more than one model file reads (the others stay in each file's anonymous
// namespace). Defined once here, since a unity build compiles the model files as one.
inline constexpr QLatin1String kId("id");
inline constexpr QLatin1String kType("type");
inline constexpr QLatin1String kName("name");
inline constexpr QLatin1String kProvider("provider");
inline constexpr QLatin1String kEnvironmentId("environment_id");
inline constexpr QLatin1String kVersion("version");
inline constexpr QLatin1String kCreatedAt("created_at");
inline constexpr QLatin1String kUpdatedAt("updated_at");
inline constexpr QLatin1String kArchivedAt("archived_at");

//! Sets *error (if given) to \a message; returns false, for `return fail(error, ...)`.
inline bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

//! Parses a list envelope {"data":[...]} with T::fromJson(value, item, error) for each item.
//! On failure sets \a error ("data[3]: missing field 'id'") and returns false.
template <typename T>
bool parseDataList(const QJsonValue &body, QList<T> &out, QString *error)
{
    if (!body.isObject() || !body.toObject().value(QLatin1String("data")).isArray()) {
        if (error)
            *error = QStringLiteral("expected an object with a \"data\" array");
        return false;
    }
    const QJsonArray data = body.toObject().value(QLatin1String("data")).toArray();
    out.clear();
    out.reserve(data.size());
    for (qsizetype i = 0; i < data.size(); ++i) {
        T item;
        QString itemError;
        if (!T::fromJson(data.at(i), item, &itemError)) {
            if (error)
                *error = QStringLiteral("data[%1]: %2").arg(i).arg(itemError);
            return false;
        }
        out.append(std::move(item));
    }
    return true;
}

//! Parses {"detail": "<string>"} (the body of the delete routes).
AOD_TESTS_EXPORT bool parseDetailMessage(const QJsonValue &body, QString &out, QString *error);

//! \brief Strict reader of one response object: the first problem wins and is kept as a
//! precise message ("missing field 'id'", "field 'version' is not an integer").
//! Every getter returns a default value once an error is recorded, so a parser can read all
//! fields in a row and check ok() once at the end.
class Reader
{
public:
    explicit Reader(const QJsonObject &object, const QString &prefix = {})
        : m_object(object), m_prefix(prefix) {}

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    //! Records \a message unless an earlier error is already kept.
    void fail(const QString &message);
    //! Field name as shown in messages ("resources[0].url" with a prefix).
    QString path(QLatin1String key) const;

    QString requiredString(QLatin1String key);
    //! Missing or null: a null QString. Present strings are never null, even "".
    QString nullableString(QLatin1String key);
    int requiredInt(QLatin1String key);
    //! Missing: \a fallback.
    int optionalInt(QLatin1String key, int fallback);
    std::optional<int> nullableInt(QLatin1String key);
    QDateTime requiredTimestamp(QLatin1String key);
    QDateTime nullableTimestamp(QLatin1String key);
    //! Missing or null: empty. Any other non-array: error.
    QJsonArray array(QLatin1String key);
    //! Missing or null: empty. Any other non-object: error.
    QJsonObject object(QLatin1String key);

private:
    QJsonValue present(QLatin1String key);
    QJsonObject m_object;
    QString m_prefix;
    QString m_error;
};

//! A string member: JSON string -> non-null QString; anything else (absent, null, other
//! types) -> null QString.
QString stringOrNull(const QJsonObject &object, QLatin1String key);
//! Same string, never null (for values that must be sent even when empty).
QString nonNull(const QString &s);
//! Strings of a JSON array; other elements are skipped.
QStringList stringList(const QJsonValue &value);
QJsonArray toArray(const QStringList &list);
//! JSON integer (a double holding an integral value in int range).
bool isInt(const QJsonValue &value);
//! Code points, as Python's len() counts them.
qsizetype codePoints(const QString &s);

//! Writers that keep the raw object's representation when the typed value did not change, so
//! that parse -> serialise is byte-for-byte lossless (microseconds, extra keys, odd types).
//! A null QString removes a string member (a non-string one is left alone).
void writeString(QJsonObject &o, QLatin1String key, const QString &v);
//! A null QString writes JSON null.
void writeNullableString(QJsonObject &o, QLatin1String key, const QString &v);
void writeInt(QJsonObject &o, QLatin1String key, int v);
void writeNullableInt(QJsonObject &o, QLatin1String key, std::optional<int> v);
//! Invalid times write JSON null; unchanged instants keep the raw text.
void writeTimestamp(QJsonObject &o, QLatin1String key, const QDateTime &v);
void writeStringList(QJsonObject &o, QLatin1String key, const QStringList &v);
void writeValue(QJsonObject &o, QLatin1String key, const QJsonValue &v);

QJsonObject toObject(const QMap<QString, QString> &map);
QJsonObject toObject(const QMap<QString, QStringList> &map);
QMap<QString, QString> stringMap(const QJsonObject &object);
QMap<QString, QStringList> stringListMap(const QJsonObject &object);

} // namespace Aod::Json
