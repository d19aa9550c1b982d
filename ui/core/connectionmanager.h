#pragma once
//! \file connectionmanager.h  Owns the Aod::Client, probes /health, tracks the connection state
//! and runs the offline demo server in-process.
#include "settings/appsettings.h"

#include <aod/error.h>
#include <aod/models/health.h>

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Aod {
class Client;
class Reply;
namespace Testing {
class LocalServer;
}
} // namespace Aod

namespace Aod::Ui {

class ConnectionManager : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,  //!< no profile yet
        Connecting,    //!< first health probe running
        Online,        //!< /health ok
        Degraded,      //!< /health answered "degraded"
        Unreachable,   //!< /health failed (network, 5xx)
        Unauthorized,  //!< the token was rejected (401)
    };
    Q_ENUM(State)

    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    Aod::Client *client() const { return m_client; }
    State state() const { return m_state; }
    QString stateText() const;
    ConnectionProfile profile() const { return m_profile; }
    Aod::Health lastHealth() const { return m_health; }
    bool isDemo() const { return m_profile.demo; }

    //! Points the client at \a profile with \a token and probes /health.
    void connectTo(const ConnectionProfile &profile, const QString &token);
    //! Replaces the token after a rejection (asks again only after this).
    void setToken(const QString &token);
    //! Starts the local AoD server in this process with sample data and connects to it.
    //! Returns false (and \a error) when this build has no local server or it cannot listen.
    bool startDemo(QString *error = nullptr);
    static bool demoAvailable();
    Aod::Testing::LocalServer *demoServer() const;

    void setHealthInterval(int seconds);
    //! Probes /health now.
    void probe();

Q_SIGNALS:
    void stateChanged(Aod::Ui::ConnectionManager::State state);
    void healthChanged(const Aod::Health &health);
    //! The client is pointed at a new server or token: reload everything.
    void connectionChanged();
    //! A 401 arrived for the current token (once per token).
    void tokenRejected(const Aod::Error &error);

private:
    void setState(State state);
    //! Replies sent with the previous token: their late 401s must not reject the new one.
    void markInFlightStale();
    void onRequestFailed(Aod::Reply *reply, const Aod::Error &error);

    Aod::Client *m_client;
    ConnectionProfile m_profile;
    State m_state = State::Disconnected;
    Aod::Health m_health;
    QTimer m_healthTimer;
    QObject *m_demo = nullptr; // the LocalServer, when the demo runs
    bool m_probing = false;
    bool m_rejected = false; //!< the current token was rejected (asked once per token)
    QList<QPointer<Aod::Reply>> m_stale;
};

} // namespace Aod::Ui
