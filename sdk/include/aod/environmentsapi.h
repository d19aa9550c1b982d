#pragma once
//! \file environmentsapi.h  Aod::EnvironmentsApi: /environments routes.
#include <aod/models/environment.h>
#include <aod/reply.h>

#include <QObject>

namespace Aod {

class ClientPrivate;

using EnvironmentReply = ReplyOf<Environment>;
using EnvironmentListReply = ReplyOf<QList<Environment>>;
using EnvironmentVersionListReply = ReplyOf<QList<EnvironmentVersion>>;
//! Result: the server's `detail` text ("Environment deleted", "Session deleted").
using DetailReply = ReplyOf<QString>;

//! \brief Environments (contract §4.2). Owned by the Client: `client->environments()`.
class AOD_EXPORT EnvironmentsApi : public QObject
{
    Q_OBJECT
public:
    EnvironmentListReply *list();
    EnvironmentReply *get(const QString &environmentId);
    EnvironmentReply *create(const EnvironmentDraft &draft);
    EnvironmentReply *update(const QString &environmentId, const EnvironmentPatch &patch);
    EnvironmentReply *archive(const QString &environmentId);
    //! DELETE /environments/{id}/delete: 409 while sessions reference it.
    DetailReply *remove(const QString &environmentId);
    EnvironmentVersionListReply *versions(const QString &environmentId);

private:
    friend class Client;
    friend class ClientPrivate;
    explicit EnvironmentsApi(ClientPrivate *client, QObject *parent);
    ClientPrivate *const c;
};

} // namespace Aod
