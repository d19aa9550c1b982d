#include <aod/error.h>

#include "json_p.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Aod {

namespace {

bool isIndex(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

} // namespace

QString ValidationItem::field() const
{
    QString out;
    for (const QVariant &part : loc) {
        if (isIndex(part)) {
            out += QLatin1Char('[') + QString::number(part.toLongLong()) + QLatin1Char(']');
        } else {
            if (!out.isEmpty())
                out += QLatin1Char('.');
            out += part.toString();
        }
    }
    return out;
}

ValidationItem ValidationItem::fromJson(const QJsonValue &value)
{
    ValidationItem item;
    const QJsonObject obj = value.toObject();
    const QJsonArray loc = obj.value(QLatin1String("loc")).toArray();
    for (const QJsonValue &part : loc) {
        if (Json::isInt(part))
            item.loc.append(part.toInt());
        else if (part.isString())
            item.loc.append(part.toString());
        else
            item.loc.append(part.toVariant());
    }
    item.msg = obj.value(QLatin1String("msg")).toString();
    item.type = obj.value(QLatin1String("type")).toString();
    item.input = obj.value(QLatin1String("input"));
    return item;
}

QJsonObject ValidationItem::toJson() const
{
    QJsonObject obj;
    QJsonArray locArray;
    for (const QVariant &part : loc) {
        if (isIndex(part))
            locArray.append(part.toInt());
        else
            locArray.append(part.toString());
    }
    obj.insert(QLatin1String("type"), type);
    obj.insert(QLatin1String("loc"), locArray);
    obj.insert(QLatin1String("msg"), msg);
    if (!input.isUndefined())
        obj.insert(QLatin1String("input"), input);
    return obj;
}

} // namespace Aod
