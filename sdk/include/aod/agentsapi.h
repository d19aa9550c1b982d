#pragma once
//! \file agentsapi.h  Aod::AgentsApi: /agents routes.
#include <aod/models/agent.h>
#include <aod/reply.h>

#include <QObject>

namespace Aod {

class ClientPrivate;

using AgentReply = ReplyOf<Agent>;
using AgentListReply = ReplyOf<QList<Agent>>;
using AgentVersionListReply = ReplyOf<QList<AgentVersion>>;

//! \brief Agents (contract §4.1). Owned by the Client: `client->agents()`.
//! Ids are percent-encoded; an empty id fails with ConfigurationError before any request.
class AOD_EXPORT AgentsApi : public QObject
{
    Q_OBJECT
public:
    //! GET /agents: non-archived agents, newest first.
    AgentListReply *list();
    //! GET /agents/{id}: archived ones too.
    AgentReply *get(const QString &agentId);
    //! POST /agents. Validated client-side first (ValidationError with items, no request).
    AgentReply *create(const AgentDraft &draft);
    //! PUT /agents/{id}. A stale patch.version fails with Conflict (409 Version mismatch).
    AgentReply *update(const QString &agentId, const AgentPatch &patch);
    //! POST /agents/{id}/archive.
    AgentReply *archive(const QString &agentId);
    //! GET /agents/{id}/versions: newest first.
    AgentVersionListReply *versions(const QString &agentId);

private:
    friend class Client;
    friend class ClientPrivate;
    explicit AgentsApi(ClientPrivate *client, QObject *parent);
    ClientPrivate *const c;
};

} // namespace Aod
