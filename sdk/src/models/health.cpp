#include <aod/models/health.h>

#include "json_p.h"

namespace Aod {

bool Health::fromJson(const QJsonValue &json, Health &out, QString *error)
{
    if (!json.isObject()) {
        if (error)
            *error = QStringLiteral("expected a JSON object for health");
        return false;
    }
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    Health h;
    h.status = r.requiredString(QLatin1String("status"));
    // `checks` is real on current servers but absent from the docs' example: tolerated.
    h.checks = Json::stringMap(r.object(QLatin1String("checks")));
    if (!r.ok()) {
        if (error)
            *error = r.error();
        return false;
    }
    h.raw = obj;
    out = std::move(h);
    return true;
}

} // namespace Aod
