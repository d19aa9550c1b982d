#pragma once
// Private header: not part of the installed API.
#include <aod/client.h>
#include <aod/agentsapi.h>
#include <aod/environmentsapi.h>
#include <aod/sessionsapi.h>

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

namespace Aod {

class ClientPrivate
{
public:
    ClientPrivate(Client *owner, const ClientConfig &initialConfig, QNetworkAccessManager *manager);

    //! The absolute URL of \a path ("/agents/<id>") with \a query.
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;
    //! A request with the Bearer token (if \a authenticated), User-Agent and Accept headers.
    QNetworkRequest makeRequest(const QString &path, const QUrlQuery &query = {},
                                bool authenticated = true) const;
    //! "/agents/" + percent-encoded id. Empty ids must be rejected before (see send*).
    static QString idPath(const QString &prefix, const QString &id, const QString &suffix = {});

    //! Creates a typed reply and sends the request, or fails it (queued) with the
    //! configuration error or \a preflight (e.g. client-side validation, an empty id).
    template <typename T>
    ReplyOf<T> *send(const QByteArray &method, const QString &path,
                     typename ReplyOf<T>::Parser parser,
                     const std::optional<QJsonObject> &body = std::nullopt,
                     const Error &preflight = {}, bool authenticated = true)
    {
        auto *reply = new ReplyOf<T>(ReplyKey(), q, std::move(parser));
        start(reply, method, path, body, preflight, authenticated);
        return reply;
    }
    void start(Reply *reply, const QByteArray &method, const QString &path,
               const std::optional<QJsonObject> &body, const Error &preflight,
               bool authenticated);
    //! Error for an empty id, or NoError.
    static Error checkId(const QString &what, const QString &id);
    //! Called by every reply that fails (after its own signals).
    void reportFailure(Reply *reply, const Error &error);
    //! A 401 met outside a Reply (the live stream): Client::authenticationFailed, once per
    //! token, as for replies. Does not emit requestFailed (there is no reply).
    void reportAuthenticationFailure(const Error &error);

    Client *q;
    ClientConfig config;
    QNetworkAccessManager *nam = nullptr;
    bool ownsNam = false;
    QString lastRejectedToken;
    bool authFailureReported = false;
    AgentsApi *agents = nullptr;
    EnvironmentsApi *environments = nullptr;
    SessionsApi *sessions = nullptr;

    static ClientPrivate *get(Client *client) { return client->d.get(); }
};

} // namespace Aod
