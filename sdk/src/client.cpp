#include "client_p.h"

#include "errormapping_p.h"
#include "logging_p.h"
#include "reply_p.h"
#include "requestfactory_p.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace Aod {

ClientPrivate::ClientPrivate(Client *owner, const ClientConfig &initialConfig, QNetworkAccessManager *manager)
    : q(owner), config(initialConfig), nam(manager)
{
}

void ClientPrivate::start(Reply *reply, const QByteArray &method, const QString &path,
                          const std::optional<QJsonObject> &body, const Error &preflight, bool authenticated)
{
    ReplyPrivate *rd = ReplyPrivate::get(reply);
    rd->client = this;
    rd->nam = nam;
    rd->method = method;
    rd->timeoutMs = config.timeoutMs();
    rd->maxRetries = qMax(0, config.maxRetries());
    rd->retryBaseDelayMs = qMax(1, config.retryBaseDelayMs());

    const Error configError = config.validate(authenticated);
    if (configError.isError()) {
        // Keep the request URL out of the error when the base URL itself is the problem.
        rd->failLater(configError);
        return;
    }
    rd->request = makeRequest(path, {}, authenticated);
    if (preflight.isError()) {
        rd->failLater(preflight);
        return;
    }
    if (body) {
        rd->body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        rd->request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray(RequestFactory::JsonContentType));
    } else if (method != "GET" && method != "DELETE") {
        rd->body = QByteArray(); // POST without a body: send Content-Length: 0
    }
    rd->send();
}

void ClientPrivate::reportFailure(Reply *reply, const Error &error)
{
    QPointer<Client> guard(q);
    Q_EMIT q->requestFailed(reply, error);
    if (!guard)
        return;
    if (error.code() == Error::Code::AuthenticationError && error.httpStatus() == 401) {
        // Once per token: a rejected token should prompt the user once, not per request.
        if (lastRejectedToken != config.token()) {
            lastRejectedToken = config.token();
            Q_EMIT q->authenticationFailed(error);
        }
    }
}

void ClientPrivate::reportAuthenticationFailure(const Error &error)
{
    if (error.httpStatus() != 401 || lastRejectedToken == config.token())
        return;
    lastRejectedToken = config.token();
    Q_EMIT q->authenticationFailed(error);
}

Client::Client(const ClientConfig &config, QObject *parent, QNetworkAccessManager *nam)
    : QObject(parent), d(std::make_unique<ClientPrivate>(this, config, nam))
{
    if (!d->nam) {
        d->nam = new QNetworkAccessManager(this);
        d->ownsNam = true;
    }
    d->agents = new AgentsApi(d.get(), this);
    d->environments = new EnvironmentsApi(d.get(), this);
    d->sessions = new SessionsApi(d.get(), this);
    qCDebug(lcAodHttp) << "client for" << d->config;
}

Client::~Client()
{
    // Replies and streams are children that reach into d: delete them while d still exists.
    const QList<QObject *> kids = children();
    for (QObject *child : kids) {
        if (child != d->nam)
            delete child;
    }
}

ClientConfig Client::config() const { return d->config; }

void Client::setConfig(const ClientConfig &config)
{
    d->config = config;
    qCDebug(lcAodHttp) << "client reconfigured" << d->config;
}

Error Client::configurationError() const { return d->config.validate(true); }
QNetworkAccessManager *Client::networkAccessManager() const { return d->nam; }
AgentsApi *Client::agents() const { return d->agents; }
EnvironmentsApi *Client::environments() const { return d->environments; }
SessionsApi *Client::sessions() const { return d->sessions; }

HealthReply *Client::health()
{
    auto *reply = new HealthReply(ReplyKey(), this, [](const QJsonValue &v, Health &out, QString *e) {
        return Health::fromJson(v, out, e);
    });
    // A 503 with a parseable `degraded` body is an answer, not a failure.
    ReplyPrivate::get(reply)->extraSuccessStatuses = {503};
    d->start(reply, "GET", QStringLiteral("/health"), std::nullopt, {}, false);
    return reply;
}

} // namespace Aod
