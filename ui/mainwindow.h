#pragma once
//! \file mainwindow.h  The operator's main window: agents, environments and sessions tables,
//! one tab per open session, connection and health in the status bar.
#include "settings/appsettings.h"

#include <aod/error.h>
#include <aod/models/agent.h>
#include <aod/models/environment.h>
#include <aod/models/session.h>

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>

class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
class QTextBrowser;

namespace Aod::Ui {

class AgentListModel;
class AppSettings;
class ConnectionDialog;
class ConnectionManager;
class EnvironmentListModel;
class ErrorBanner;
class ListPage;
class Notifier;
class SessionListModel;
class SessionView;
class TokenStore;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(AppSettings *settings, TokenStore *tokens, ConnectionManager *connection,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    //! First run shows the connection dialog; later runs reconnect to the last profile.
    void startup();
    //! Reloads agents, environments and sessions.
    void refreshAll();
    void refreshSessions();
    SessionView *openSession(const QString &sessionId);
    SessionView *sessionView(const QString &sessionId) const;

    // Actions, callable from tests.
    void newAgent();
    void editAgent(const QString &agentId);
    void archiveAgent(const QString &agentId);
    void newEnvironment();
    void editEnvironment(const QString &environmentId);
    void archiveEnvironment(const QString &environmentId);
    void deleteEnvironment(const QString &environmentId);
    void showVersions(bool agent, const QString &id);
    void launchSession(const QString &agentId = {});
    void showActiveSessions();
    void deleteFinishedOlderThan(int days);
    void showSettings();
    void showConnectionDialog();

    AgentListModel *agentModel() const { return m_agents; }
    EnvironmentListModel *environmentModel() const { return m_environments; }
    SessionListModel *sessionModel() const { return m_sessions; }
    ListPage *agentsPage() const { return m_agentsPage; }
    ListPage *environmentsPage() const { return m_environmentsPage; }
    ListPage *sessionsPage() const { return m_sessionsPage; }
    QTabWidget *tabs() const { return m_tabs; }
    ErrorBanner *banner() const { return m_banner; }
    Notifier *notifier() const { return m_notifier; }
    QLabel *connectionLabel() const { return m_connLabel; }
    QTimer *pollTimer() { return &m_poll; }
    //! The last dialog opened by an action (editor, launcher, connection, versions), for tests.
    QWidget *lastDialog() const { return m_lastDialog; }

Q_SIGNALS:
    //! Emitted once the three lists have loaded after a (re)connect.
    void listsLoaded();
    void dialogOpened(QWidget *dialog);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildPages();
    void wire();
    void onConnectionChanged();
    void updateStatusBar();
    void onTokenRejected(const Aod::Error &error);
    void connectWithToken(const ConnectionProfile &profile, const QString &token);
    void setSessions(const QList<Aod::Session> &sessions);
    void joinAgentNames();
    void updateActiveCount();
    void fetchArchivedReferences();
    void updateAgentDetails(const QString &id);
    void updateEnvironmentDetails(const QString &id);
    void updateActions();
    void noteSessionEnded(const QString &id, const QString &status, const QString &summary);
    void applyPreferences();
    void markLoaded(int what);
    void trackDialog(QWidget *dialog);
    Aod::Agent agentById(const QString &id) const;
    Aod::Environment environmentById(const QString &id) const;
    void showError(const Aod::Error &error, const QString &context);

    AppSettings *m_settings;
    TokenStore *m_tokens;
    ConnectionManager *m_conn;
    AgentListModel *m_agents;
    EnvironmentListModel *m_environments;
    SessionListModel *m_sessions;
    Notifier *m_notifier;

    QTabWidget *m_tabs = nullptr;
    ErrorBanner *m_banner = nullptr;
    ListPage *m_agentsPage = nullptr;
    ListPage *m_environmentsPage = nullptr;
    ListPage *m_sessionsPage = nullptr;
    QTextBrowser *m_agentDetails = nullptr;
    QTextBrowser *m_environmentDetails = nullptr;
    QSplitter *m_agentSplit = nullptr;
    QSplitter *m_environmentSplit = nullptr;
    QLabel *m_connLabel = nullptr;
    QLabel *m_healthLabel = nullptr;
    QLabel *m_tokenLabel = nullptr;
    QLabel *m_activeLabel = nullptr;
    QTimer m_poll;
    QHash<QString, QAction *> m_actions;
    QList<Aod::Agent> m_activeAgents;
    QHash<QString, Aod::Agent> m_archivedAgents;
    QList<Aod::Environment> m_activeEnvironments;
    QHash<QString, Aod::Environment> m_archivedEnvironments;
    QSet<QString> m_seenActive;
    QSet<QString> m_notified;
    QSet<QString> m_fetching;
    QPointer<ConnectionDialog> m_tokenDialog;
    QPointer<QWidget> m_lastDialog;
    int m_loadedMask = 0;
    bool m_sessionsLoading = false;
    int m_generation = 0; //!< bumped per (re)connect: late replies for the old server are ignored
};

} // namespace Aod::Ui
