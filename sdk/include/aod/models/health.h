#pragma once
//! \file health.h  Health: GET /health.
#include <aod/global.h>

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace Aod {

//! \brief GET /health. A 503 with a `degraded` body is a successful reply with isOk() false.
struct AOD_EXPORT Health
{
    QString status;                 //!< "ok" | "degraded"
    QMap<QString, QString> checks;  //!< "db" -> "ok" | "fail: <ExcClass>", "crypto" -> ...
    int httpStatus = 0;
    QJsonObject raw;

    bool isOk() const { return status == QLatin1String("ok"); }
    static bool fromJson(const QJsonValue &json, Health &out, QString *error);
};

} // namespace Aod
