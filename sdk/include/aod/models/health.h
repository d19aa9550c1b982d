#pragma once
//! \file health.h  Health: GET /health.
#include <aod/global.h>

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace Aod {

//! \brief GET /health. A 503 with a `degraded` body is a successful reply with isOk() false;
//! the reply's httpStatus() tells 200 from 503.
struct AOD_EXPORT Health
{
    QString status;                 //!< "ok" | "degraded"
    QMap<QString, QString> checks;  //!< "db" -> "ok" | "fail: <ExcClass>", "crypto" -> ...
    QJsonObject raw;

    bool isOk() const { return status == QLatin1String("ok"); }
    static bool fromJson(const QJsonValue &json, Health &out, QString *error);
};

} // namespace Aod
