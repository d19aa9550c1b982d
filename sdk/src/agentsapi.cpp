#include "apicommon_p.h"
#include "client_p.h"
#include "models/json_p.h"

namespace Aod {

AgentsApi::AgentsApi(ClientPrivate *client, QObject *parent) : QObject(parent), c(client) {}

AgentListReply *AgentsApi::list()
{
    return c->send<QList<Agent>>("GET", QStringLiteral("/agents"), &Json::parseDataList<Agent>);
}

AgentReply *AgentsApi::get(const QString &agentId)
{
    return c->send<Agent>("GET", ClientPrivate::idPath(QStringLiteral("/agents"), agentId), &Agent::fromJson,
                          std::nullopt, ClientPrivate::checkId(QStringLiteral("agent"), agentId));
}

AgentReply *AgentsApi::create(const AgentDraft &draft)
{
    return c->send<Agent>("POST", QStringLiteral("/agents"), &Agent::fromJson, draft.toJson(),
                          clientValidationError(draft.validate()));
}

AgentReply *AgentsApi::update(const QString &agentId, const AgentPatch &patch)
{
    return c->send<Agent>("PUT", ClientPrivate::idPath(QStringLiteral("/agents"), agentId), &Agent::fromJson,
                          patch.toJson(),
                          firstError({ClientPrivate::checkId(QStringLiteral("agent"), agentId),
                                      clientValidationError(patch.validate())}));
}

AgentReply *AgentsApi::archive(const QString &agentId)
{
    return c->send<Agent>("POST", ClientPrivate::idPath(QStringLiteral("/agents"), agentId, QStringLiteral("/archive")),
                          &Agent::fromJson, std::nullopt, ClientPrivate::checkId(QStringLiteral("agent"), agentId));
}

AgentVersionListReply *AgentsApi::versions(const QString &agentId)
{
    return c->send<QList<AgentVersion>>(
        "GET", ClientPrivate::idPath(QStringLiteral("/agents"), agentId, QStringLiteral("/versions")),
        &Json::parseDataList<AgentVersion>, std::nullopt, ClientPrivate::checkId(QStringLiteral("agent"), agentId));
}

} // namespace Aod
