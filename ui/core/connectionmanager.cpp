#include "connectionmanager.h"

#include <aod/client.h>
#include <aod/reply.h>

#ifdef AOD_HAVE_LOCAL_SERVER
#include <aod/testing/localserver.h>
#endif

namespace Aod::Ui {

ConnectionManager::ConnectionManager(QObject *parent)
    : QObject(parent)
{
    Aod::ClientConfig config; // nothing from the environment: the profile decides
    m_client = new Aod::Client(config, this);
    m_healthTimer.setInterval(15000);
    connect(&m_healthTimer, &QTimer::timeout, this, &ConnectionManager::probe);
    // Client::authenticationFailed cannot tell a late 401 of a request sent with the previous
    // token from a real rejection of the new one; requestFailed carries the reply, so it can.
    connect(m_client, &Aod::Client::requestFailed, this, &ConnectionManager::onRequestFailed);
}

ConnectionManager::~ConnectionManager() = default;

QString ConnectionManager::stateText() const
{
    switch (m_state) {
    case State::Disconnected: return tr("Not connected");
    case State::Connecting: return tr("Connecting to %1…").arg(m_profile.name);
    case State::Online: return tr("Connected to %1").arg(m_profile.name);
    case State::Degraded: return tr("%1 is degraded").arg(m_profile.name);
    case State::Unreachable: return tr("%1 is unreachable").arg(m_profile.name);
    case State::Unauthorized: return tr("Token rejected by %1").arg(m_profile.name);
    }
    return {};
}

void ConnectionManager::markInFlightStale()
{
    m_stale.clear();
    const auto replies = m_client->findChildren<Aod::Reply *>();
    for (Aod::Reply *r : replies)
        if (!r->isFinished())
            m_stale.append(r);
    m_rejected = false;
}

void ConnectionManager::onRequestFailed(Aod::Reply *reply, const Aod::Error &error)
{
    if (error.code() != Aod::Error::Code::AuthenticationError)
        return;
    for (const auto &stale : std::as_const(m_stale))
        if (stale == reply)
            return;
    if (m_rejected)
        return; // once per token, not per request
    m_rejected = true;
    setState(State::Unauthorized);
    Q_EMIT tokenRejected(error);
}

void ConnectionManager::connectTo(const ConnectionProfile &profile, const QString &token)
{
    markInFlightStale();
    m_profile = profile;
    Aod::ClientConfig config = m_client->config();
    config.setBaseUrl(profile.url);
    config.setToken(token);
    m_client->setConfig(config);
    setState(State::Connecting);
    m_healthTimer.start();
    probe();
    Q_EMIT connectionChanged();
}

void ConnectionManager::setToken(const QString &token)
{
    markInFlightStale();
    Aod::ClientConfig config = m_client->config();
    config.setToken(token);
    m_client->setConfig(config);
    setState(State::Connecting);
    probe();
    Q_EMIT connectionChanged();
}

bool ConnectionManager::demoAvailable()
{
#ifdef AOD_HAVE_LOCAL_SERVER
    return true;
#else
    return false;
#endif
}

Aod::Testing::LocalServer *ConnectionManager::demoServer() const
{
#ifdef AOD_HAVE_LOCAL_SERVER
    return static_cast<Aod::Testing::LocalServer *>(m_demo);
#else
    return nullptr;
#endif
}

bool ConnectionManager::startDemo(QString *error)
{
#ifdef AOD_HAVE_LOCAL_SERVER
    // In-process rather than a spawned aod-server: nothing to locate on disk, no port race, and
    // the server dies with the app.
    auto *server = demoServer();
    if (!server) {
        server = new Aod::Testing::LocalServer(this);
        if (!server->listen(0)) {
            delete server;
            if (error)
                *error = tr("The local demo server could not listen on a loopback port.");
            return false;
        }
        server->seed();
        m_demo = server;
    }
    ConnectionProfile p;
    p.name = tr("Offline demo");
    p.url = server->url().toString();
    p.demo = true;
    connectTo(p, server->token());
    return true;
#else
    if (error)
        *error = tr("This build has no local demo server.");
    return false;
#endif
}

void ConnectionManager::setHealthInterval(int seconds)
{
    m_healthTimer.setInterval(std::max(1, seconds) * 1000);
}

void ConnectionManager::probe()
{
    if (m_probing || m_profile.url.isEmpty())
        return;
    m_probing = true;
    m_client->health()->then(this,
        [this](const Aod::Health &health) {
            m_probing = false;
            m_health = health;
            Q_EMIT healthChanged(health);
            if (m_state == State::Unauthorized)
                return; // the server is up, but the token still needs replacing
            setState(health.isOk() ? State::Online : State::Degraded);
        },
        [this](const Aod::Error &error) {
            m_probing = false;
            Aod::Health h;
            h.status = error.message();
            m_health = h;
            if (m_state != State::Unauthorized)
                setState(State::Unreachable);
        });
}

void ConnectionManager::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Aod::Ui
