#pragma once
// Private header: JSON reading helpers shared by the model parsers and the resource APIs.
#include <aod/global.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace Aod::Json {

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

} // namespace Aod::Json
