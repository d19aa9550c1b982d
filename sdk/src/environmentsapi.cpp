#include "apicommon_p.h"
#include "client_p.h"
#include "models/json_p.h"

namespace Aod {

namespace {
const QString kEnvironments = QStringLiteral("/environments");
Error checkEnvId(const QString &id) { return ClientPrivate::checkId(QStringLiteral("environment"), id); }
} // namespace

EnvironmentsApi::EnvironmentsApi(ClientPrivate *client, QObject *parent) : QObject(parent), c(client) {}

EnvironmentListReply *EnvironmentsApi::list()
{
    return c->send<QList<Environment>>("GET", kEnvironments, &Json::parseDataList<Environment>);
}

EnvironmentReply *EnvironmentsApi::get(const QString &environmentId)
{
    return c->send<Environment>("GET", ClientPrivate::idPath(kEnvironments, environmentId), &Environment::fromJson,
                                std::nullopt, checkEnvId(environmentId));
}

EnvironmentReply *EnvironmentsApi::create(const EnvironmentDraft &draft)
{
    return c->send<Environment>("POST", kEnvironments, &Environment::fromJson, draft.toJson(),
                                clientValidationError(draft.validate()));
}

EnvironmentReply *EnvironmentsApi::update(const QString &environmentId, const EnvironmentPatch &patch)
{
    return c->send<Environment>("PUT", ClientPrivate::idPath(kEnvironments, environmentId), &Environment::fromJson,
                                patch.toJson(),
                                firstError({checkEnvId(environmentId), clientValidationError(patch.validate())}));
}

EnvironmentReply *EnvironmentsApi::archive(const QString &environmentId)
{
    return c->send<Environment>("POST", ClientPrivate::idPath(kEnvironments, environmentId, QStringLiteral("/archive")),
                                &Environment::fromJson, std::nullopt, checkEnvId(environmentId));
}

DetailReply *EnvironmentsApi::remove(const QString &environmentId)
{
    return c->send<QString>("DELETE", ClientPrivate::idPath(kEnvironments, environmentId, QStringLiteral("/delete")),
                            &Json::parseDetailMessage, std::nullopt, checkEnvId(environmentId));
}

EnvironmentVersionListReply *EnvironmentsApi::versions(const QString &environmentId)
{
    return c->send<QList<EnvironmentVersion>>(
        "GET", ClientPrivate::idPath(kEnvironments, environmentId, QStringLiteral("/versions")),
        &Json::parseDataList<EnvironmentVersion>, std::nullopt, checkEnvId(environmentId));
}

} // namespace Aod
