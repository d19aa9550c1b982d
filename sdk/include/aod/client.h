#pragma once
//! \file client.h  Aod::Client: the entry point of the SDK.
#include <aod/clientconfig.h>
#include <aod/models/health.h>
#include <aod/reply.h>

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace Aod {

class AgentsApi;
class EnvironmentsApi;
class SessionsApi;
class ClientPrivate;

using HealthReply = ReplyOf<Health>;

//! \brief The AoD API client: configuration, one object per resource group, central signals.
//!
//! Every call returns a Reply owned by the client (see reply.h for the signal order and
//! lifetime rules). The client is the only factory; there are no singletons.
//!
//! \code
//! Aod::Client client(Aod::ClientConfig::fromEnvironment());
//! client.agents()->list()->then(&window,
//!     [&](const QList<Aod::Agent> &agents) { model.setAgents(agents); },
//!     [&](const Aod::Error &error) { banner.show(error); });
//! \endcode
//!
//! **Threads.** A Client and everything it returns belong to the thread that created it.
class AOD_EXPORT Client : public QObject
{
    Q_OBJECT
public:
    //! Uses \a config as given (call ClientConfig::fromEnvironment() for the env rules).
    //! \a nam, if given, is used and not owned; otherwise the client makes its own.
    explicit Client(const ClientConfig &config = ClientConfig::fromEnvironment(),
                    QObject *parent = nullptr, QNetworkAccessManager *nam = nullptr);
    ~Client() override;

    ClientConfig config() const;
    //! Takes effect for requests made afterwards.
    void setConfig(const ClientConfig &config);
    //! The configuration error that every authenticated call would fail with, if any.
    Error configurationError() const;

    QNetworkAccessManager *networkAccessManager() const;

    AgentsApi *agents() const;
    EnvironmentsApi *environments() const;
    SessionsApi *sessions() const;

    //! GET /health (no token needed).
    HealthReply *health();

Q_SIGNALS:
    //! Every failed reply, after its own failed() signal: a sink for fire-and-forget calls.
    //! Not emitted for aborted replies.
    void requestFailed(Aod::Reply *reply, const Aod::Error &error);
    //! A 401: emitted once per token (again only after setConfig() changes the token).
    void authenticationFailed(const Aod::Error &error);

private:
    friend class ClientPrivate;
    std::unique_ptr<ClientPrivate> d;
};

} // namespace Aod
