#include "mainwindow.h"

#include "core/connectionmanager.h"
#include "core/notifier.h"
#include "core/theme.h"
#include "dialogs/agenteditordialog.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/environmenteditordialog.h"
#include "dialogs/launchsessiondialog.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/versionhistorydialog.h"
#include "models/agentlistmodel.h"
#include "models/environmentlistmodel.h"
#include "models/listfilterproxy.h"
#include "models/sessionlistmodel.h"
#include "session/sessionview.h"
#include "settings/tokenstore.h"
#include "widgets/errorbanner.h"
#include "widgets/listpage.h"

#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/environmentsapi.h>
#include <aod/sessionsapi.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

namespace Aod::Ui {

namespace {
enum Loaded { AgentsLoaded = 1, EnvironmentsLoaded = 2, SessionsLoaded = 4, AllLoaded = 7 };
constexpr int FixedTabs = 3;
} // namespace

MainWindow::MainWindow(AppSettings *settings, TokenStore *tokens, ConnectionManager *connection, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_tokens(tokens)
    , m_conn(connection)
    , m_agents(new AgentListModel(this))
    , m_environments(new EnvironmentListModel(this))
    , m_sessions(new SessionListModel(this))
    , m_notifier(new Notifier(this, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("AoD Desktop"));
    buildPages();
    buildActions();
    wire();
    applyPreferences();
    updateStatusBar();
    updateActions();
    resize(1280, 800);
    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildPages()
{
    m_banner = new ErrorBanner(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(false);

    m_agentsPage = new ListPage(QStringLiteral("agents"), m_agents, this);
    m_agentsPage->setArchivedToggleVisible(true);
    m_agentsPage->setStatusChoices({{tr("All providers"), {}}});
    m_agentsPage->statusCombo()->hide();
    m_agentsPage->setEmptyText(tr("No agents yet. Create one with “New agent” (Ctrl+N)."));
    m_agentDetails = new QTextBrowser(this);
    m_agentDetails->setObjectName(QStringLiteral("agentDetails"));
    m_agentSplit = new QSplitter(Qt::Horizontal, this);
    m_agentSplit->setObjectName(QStringLiteral("agentSplit"));
    m_agentSplit->addWidget(m_agentsPage);
    m_agentSplit->addWidget(m_agentDetails);
    m_agentSplit->setStretchFactor(0, 3);
    m_agentSplit->setStretchFactor(1, 1);

    m_environmentsPage = new ListPage(QStringLiteral("environments"), m_environments, this);
    m_environmentsPage->setArchivedToggleVisible(true);
    m_environmentsPage->setEmptyText(tr("No environments yet. Create one with “New environment”."));
    m_environmentDetails = new QTextBrowser(this);
    m_environmentDetails->setObjectName(QStringLiteral("environmentDetails"));
    m_environmentSplit = new QSplitter(Qt::Horizontal, this);
    m_environmentSplit->setObjectName(QStringLiteral("environmentSplit"));
    m_environmentSplit->addWidget(m_environmentsPage);
    m_environmentSplit->addWidget(m_environmentDetails);
    m_environmentSplit->setStretchFactor(0, 3);
    m_environmentSplit->setStretchFactor(1, 1);

    m_sessionsPage = new ListPage(QStringLiteral("sessions"), m_sessions, this);
    m_sessionsPage->setStatusChoices({
        {tr("All statuses"), {}},
        {tr("Active"), {QStringLiteral("pending"), QStringLiteral("running")}},
        {tr("Pending"), {QStringLiteral("pending")}},
        {tr("Running"), {QStringLiteral("running")}},
        {tr("Completed"), {QStringLiteral("completed")}},
        {tr("Failed"), {QStringLiteral("failed")}},
        {tr("Terminated"), {QStringLiteral("terminated")}},
    });
    m_sessionsPage->setEmptyText(tr("No sessions yet. Start one from an agent (Ctrl+L)."));
    m_sessionsPage->view()->sortByColumn(SessionListModel::Created, Qt::DescendingOrder);
    m_sessionsPage->view()->horizontalHeader()->resizeSection(SessionListModel::Id, 100);
    m_sessionsPage->view()->horizontalHeader()->resizeSection(SessionListModel::Agent, 160);
    m_sessionsPage->view()->horizontalHeader()->resizeSection(SessionListModel::Status, 110);
    m_sessionsPage->view()->horizontalHeader()->resizeSection(SessionListModel::ExitCode, 60);
    m_sessionsPage->view()->horizontalHeader()->resizeSection(SessionListModel::Turns, 60);
    m_sessionsPage->view()->horizontalHeader()->resizeSection(SessionListModel::Created, 170);
    m_agentsPage->view()->horizontalHeader()->resizeSection(AgentListModel::Version, 70);
    m_agentsPage->view()->horizontalHeader()->resizeSection(AgentListModel::Status, 80);
    m_agentsPage->view()->horizontalHeader()->resizeSection(AgentListModel::Model, 170);

    m_tabs->addTab(m_agentSplit, tr("&Agents"));
    m_tabs->addTab(m_environmentSplit, tr("&Environments"));
    m_tabs->addTab(m_sessionsPage, tr("&Sessions"));
    for (int i = 0; i < FixedTabs; ++i)
        m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);

    auto *central = new QWidget(this);
    auto *box = new QVBoxLayout(central);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(0);
    box->addWidget(m_banner);
    box->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_connLabel = new QLabel(this);
    m_connLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_healthLabel = new QLabel(this);
    m_healthLabel->setObjectName(QStringLiteral("healthLabel"));
    m_tokenLabel = new QLabel(this);
    m_activeLabel = new QLabel(this);
    statusBar()->addWidget(m_connLabel);
    statusBar()->addWidget(m_healthLabel);
    statusBar()->addPermanentWidget(m_activeLabel);
    statusBar()->addPermanentWidget(m_tokenLabel);

    m_agentsPage->restoreState(m_settings->viewState(QStringLiteral("agentsHeader")));
    m_environmentsPage->restoreState(m_settings->viewState(QStringLiteral("environmentsHeader")));
    m_sessionsPage->restoreState(m_settings->viewState(QStringLiteral("sessionsHeader")));
    m_agentSplit->restoreState(m_settings->viewState(QStringLiteral("agentSplit")));
    m_environmentSplit->restoreState(m_settings->viewState(QStringLiteral("environmentSplit")));
}

void MainWindow::buildActions()
{
    auto add = [this](const QString &key, const QString &text, const QKeySequence &shortcut, auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(key);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        m_actions.insert(key, a);
        return a;
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(add(QStringLiteral("connect"), tr("&Connect…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                        [this] { showConnectionDialog(); }));
    auto *demo = add(QStringLiteral("demo"), tr("Start offline &demo"), QKeySequence(), [this] {
        QString error;
        if (!m_conn->startDemo(&error))
            m_banner->showMessage(error, ErrorBanner::Level::Error);
    });
    demo->setEnabled(ConnectionManager::demoAvailable());
    file->addAction(demo);
    file->addSeparator();
    file->addAction(add(QStringLiteral("settings"), tr("&Settings…"), QKeySequence::Preferences, [this] { showSettings(); }));
    file->addSeparator();
    file->addAction(add(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit, [this] { close(); }));

    QMenu *agents = menuBar()->addMenu(tr("A&gents"));
    agents->addAction(add(QStringLiteral("newAgent"), tr("&New agent…"), QKeySequence::New, [this] { newAgent(); }));
    agents->addAction(add(QStringLiteral("editAgent"), tr("&Edit agent…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                          [this] { editAgent(m_agentsPage->currentId()); }));
    agents->addAction(add(QStringLiteral("agentVersions"), tr("Version &history…"), QKeySequence(Qt::CTRL | Qt::Key_H),
                          [this] { showVersions(true, m_agentsPage->currentId()); }));
    agents->addAction(add(QStringLiteral("archiveAgent"), tr("&Archive agent"), QKeySequence(),
                          [this] { archiveAgent(m_agentsPage->currentId()); }));
    agents->addSeparator();
    agents->addAction(add(QStringLiteral("launch"), tr("&Start session…"), QKeySequence(Qt::CTRL | Qt::Key_L),
                          [this] { launchSession(m_agentsPage->currentId()); }));

    QMenu *envs = menuBar()->addMenu(tr("E&nvironments"));
    envs->addAction(add(QStringLiteral("newEnvironment"), tr("&New environment…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                        [this] { newEnvironment(); }));
    envs->addAction(add(QStringLiteral("editEnvironment"), tr("&Edit environment…"), QKeySequence(),
                        [this] { editEnvironment(m_environmentsPage->currentId()); }));
    envs->addAction(add(QStringLiteral("environmentVersions"), tr("Version &history…"), QKeySequence(),
                        [this] { showVersions(false, m_environmentsPage->currentId()); }));
    envs->addAction(add(QStringLiteral("archiveEnvironment"), tr("&Archive environment"), QKeySequence(),
                        [this] { archiveEnvironment(m_environmentsPage->currentId()); }));
    envs->addAction(add(QStringLiteral("deleteEnvironment"), tr("&Delete environment"), QKeySequence(),
                        [this] { deleteEnvironment(m_environmentsPage->currentId()); }));

    QMenu *sessions = menuBar()->addMenu(tr("&Sessions"));
    sessions->addAction(add(QStringLiteral("openSession"), tr("&Open session"), QKeySequence(Qt::CTRL | Qt::Key_O), [this] {
        const auto ids = m_sessionsPage->selectedIds();
        for (const QString &id : ids)
            openSession(id);
    }));
    sessions->addAction(add(QStringLiteral("activeSessions"), tr("Show &active sessions"), QKeySequence(Qt::CTRL | Qt::Key_3),
                            [this] { showActiveSessions(); }));
    sessions->addAction(add(QStringLiteral("cleanup"), tr("Delete finished sessions older than…"), QKeySequence(), [this] {
        bool ok = false;
        const int days = QInputDialog::getInt(this, tr("Clean up sessions"),
            tr("Delete completed, failed and terminated sessions older than (days):"), 7, 0, 3650, 1, &ok);
        if (ok)
            deleteFinishedOlderThan(days);
    }));
    sessions->addAction(add(QStringLiteral("closeTab"), tr("&Close session tab"), QKeySequence::Close, [this] {
        if (m_tabs->currentIndex() >= FixedTabs)
            m_tabs->widget(m_tabs->currentIndex())->deleteLater();
    }));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(add(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence::Refresh, [this] { refreshAll(); }));
    view->addAction(add(QStringLiteral("showAgents"), tr("&Agents"), QKeySequence(Qt::CTRL | Qt::Key_1), [this] { m_tabs->setCurrentIndex(0); }));
    view->addAction(add(QStringLiteral("showEnvironments"), tr("&Environments"), QKeySequence(Qt::CTRL | Qt::Key_2), [this] { m_tabs->setCurrentIndex(1); }));
    view->addAction(add(QStringLiteral("showSessions"), tr("&Sessions"), QKeySequence(Qt::CTRL | Qt::Key_4), [this] { m_tabs->setCurrentIndex(2); }));
    view->addAction(add(QStringLiteral("filter"), tr("&Filter"), QKeySequence(Qt::CTRL | Qt::Key_K), [this] {
        ListPage *page = m_tabs->currentIndex() == 0 ? m_agentsPage : m_tabs->currentIndex() == 1 ? m_environmentsPage : m_sessionsPage;
        page->filterEdit()->setFocus();
        page->filterEdit()->selectAll();
    }));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(add(QStringLiteral("about"), tr("&About AoD Desktop"), QKeySequence(), [this] {
        QMessageBox::about(this, tr("About AoD Desktop"),
            tr("<b>AoD Desktop %1</b><br>A native operator app for the Agent on Demand API.<br>Qt %2")
                .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    }));

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_actions.value(QStringLiteral("newAgent")));
    bar->addAction(m_actions.value(QStringLiteral("editAgent")));
    bar->addAction(m_actions.value(QStringLiteral("launch")));
    bar->addSeparator();
    bar->addAction(m_actions.value(QStringLiteral("newEnvironment")));
    bar->addSeparator();
    bar->addAction(m_actions.value(QStringLiteral("refresh")));
    bar->addAction(m_actions.value(QStringLiteral("settings")));

    // Page-local buttons for the common per-row actions.
    auto button = [this](ListPage *page, const QString &key) {
        auto *b = new QPushButton(m_actions.value(key)->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")), page);
        connect(b, &QPushButton::clicked, m_actions.value(key), &QAction::trigger);
        page->addToolWidget(b);
    };
    button(m_agentsPage, QStringLiteral("agentVersions"));
    button(m_agentsPage, QStringLiteral("archiveAgent"));
    button(m_environmentsPage, QStringLiteral("editEnvironment"));
    button(m_environmentsPage, QStringLiteral("environmentVersions"));
    button(m_environmentsPage, QStringLiteral("archiveEnvironment"));
    button(m_environmentsPage, QStringLiteral("deleteEnvironment"));
    button(m_sessionsPage, QStringLiteral("openSession"));
}

void MainWindow::wire()
{
    connect(m_conn, &ConnectionManager::stateChanged, this, &MainWindow::updateStatusBar);
    connect(m_conn, &ConnectionManager::healthChanged, this, &MainWindow::updateStatusBar);
    connect(m_conn, &ConnectionManager::connectionChanged, this, &MainWindow::onConnectionChanged);
    connect(m_conn, &ConnectionManager::tokenRejected, this, &MainWindow::onTokenRejected);
    connect(m_tokens, &TokenStore::persistenceChanged, this, &MainWindow::updateStatusBar);
    connect(m_settings, &AppSettings::preferencesChanged, this, &MainWindow::applyPreferences);

    connect(m_agentsPage, &ListPage::refreshRequested, this, &MainWindow::refreshAll);
    connect(m_environmentsPage, &ListPage::refreshRequested, this, &MainWindow::refreshAll);
    connect(m_sessionsPage, &ListPage::refreshRequested, this, &MainWindow::refreshSessions);
    connect(m_agentsPage, &ListPage::activated, this, &MainWindow::editAgent);
    connect(m_environmentsPage, &ListPage::activated, this, &MainWindow::editEnvironment);
    connect(m_sessionsPage, &ListPage::activated, this, [this](const QString &id) { openSession(id); });
    connect(m_agentsPage, &ListPage::currentChanged, this, &MainWindow::updateAgentDetails);
    connect(m_environmentsPage, &ListPage::currentChanged, this, &MainWindow::updateEnvironmentDetails);
    connect(m_agentsPage, &ListPage::currentChanged, this, &MainWindow::updateActions);
    connect(m_environmentsPage, &ListPage::currentChanged, this, &MainWindow::updateActions);
    connect(m_agentsPage, &ListPage::showArchivedChanged, this, &MainWindow::fetchArchivedReferences);
    connect(m_environmentsPage, &ListPage::showArchivedChanged, this, &MainWindow::fetchArchivedReferences);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (index >= FixedTabs)
            m_tabs->widget(index)->deleteLater();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(&m_poll, &QTimer::timeout, this, &MainWindow::refreshSessions);
    connect(m_notifier, &Notifier::activated, this, [this] {
        show();
        raise();
        activateWindow();
    });
}

void MainWindow::startup()
{
    const auto profiles = m_settings->profiles();
    const QString last = m_settings->lastProfile();
    for (const auto &p : profiles) {
        if (p.name != last)
            continue;
        if (p.demo) {
            QString error;
            if (m_conn->startDemo(&error))
                return;
            break;
        }
        m_tokens->read(p.name, this, [this, p](const QString &token) {
            if (token.isEmpty())
                showConnectionDialog();
            else
                m_conn->connectTo(p, token);
        });
        return;
    }
    showConnectionDialog();
}

void MainWindow::showConnectionDialog()
{
    const QString note = m_tokens->isPersistent()
        ? tr("The token is stored in the system keychain, never in the settings file.")
        : tr("No system keychain is available (%1): the token is kept for this session only and "
             "must be pasted again next time.").arg(m_tokens->fallbackReason());
    auto *dlg = new ConnectionDialog(m_settings->profiles(), note, ConnectionManager::demoAvailable(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->selectProfile(m_settings->lastProfile());
    connect(dlg, &ConnectionDialog::connectRequested, this, &MainWindow::connectWithToken);
    connect(dlg, &ConnectionDialog::demoRequested, this, [this] {
        QString error;
        if (!m_conn->startDemo(&error))
            m_banner->showMessage(error, ErrorBanner::Level::Error);
    });
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::connectWithToken(const ConnectionProfile &profile, const QString &token)
{
    m_settings->upsertProfile(profile);
    m_tokens->write(profile.name, token, this, [this](bool persisted) {
        if (!persisted)
            statusBar()->showMessage(tr("Token kept for this session only: no keychain available."), 8000);
        updateStatusBar();
    });
    m_conn->connectTo(profile, token);
}

void MainWindow::onTokenRejected(const Aod::Error &error)
{
    updateStatusBar();
    m_banner->showError(error, tr("The server rejected the token"));
    if (m_tokenDialog || m_conn->isDemo())
        return; // asked once: not per request
    const ConnectionProfile profile = m_conn->profile();
    const QString note = m_tokens->isPersistent()
        ? tr("The new token replaces the old one in the system keychain.")
        : tr("No system keychain: the token is kept for this session only.");
    auto *dlg = new ConnectionDialog(m_settings->profiles(), note, false, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->askForNewToken(profile, error.detailText().isEmpty() ? error.message() : error.detailText());
    connect(dlg, &ConnectionDialog::connectRequested, this, [this](const ConnectionProfile &p, const QString &token) {
        m_tokens->write(p.name, token, this);
        m_conn->setToken(token);
    });
    m_tokenDialog = dlg;
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::onConnectionChanged()
{
    const ConnectionProfile p = m_conn->profile();
    if (p.demo) {
        ConnectionProfile saved = p;
        saved.url.clear(); // the port is picked anew each run
        m_settings->upsertProfile(saved);
    }
    m_settings->setLastProfile(p.name);
    setWindowTitle(tr("AoD Desktop — %1").arg(p.name));
    m_archivedAgents.clear();
    m_archivedEnvironments.clear();
    m_seenActive.clear();
    m_loadedMask = 0;
    m_sessionsLoading = false;
    ++m_generation;
    m_banner->dismiss();
    refreshAll();
}

void MainWindow::refreshAll()
{
    Aod::Client *c = m_conn->client();
    m_agentsPage->setLoading(true);
    m_environmentsPage->setLoading(true);
    const int generation = m_generation;
    c->agents()->list()->then(this,
        [this, generation](const QList<Aod::Agent> &agents) {
            if (generation != m_generation)
                return;
            m_activeAgents = agents;
            QList<Aod::Agent> all = agents;
            for (const auto &a : std::as_const(m_archivedAgents))
                all.append(a);
            m_agents->setAgents(all);
            m_agentsPage->setLoading(false);
            m_agentsPage->setLoaded(true);
            joinAgentNames();
            updateAgentDetails(m_agentsPage->currentId());
            markLoaded(AgentsLoaded);
        },
        [this](const Aod::Error &e) {
            m_agentsPage->setLoading(false);
            showError(e, tr("Loading agents failed"));
        });
    c->environments()->list()->then(this,
        [this, generation](const QList<Aod::Environment> &envs) {
            if (generation != m_generation)
                return;
            m_activeEnvironments = envs;
            QList<Aod::Environment> all = envs;
            for (const auto &e : std::as_const(m_archivedEnvironments))
                all.append(e);
            m_environments->setEnvironments(all);
            m_agents->setEnvironmentNames(m_environments->names());
            m_environmentsPage->setLoading(false);
            m_environmentsPage->setLoaded(true);
            markLoaded(EnvironmentsLoaded);
        },
        [this](const Aod::Error &e) {
            m_environmentsPage->setLoading(false);
            showError(e, tr("Loading environments failed"));
        });
    refreshSessions();
}

void MainWindow::refreshSessions()
{
    if (m_sessionsLoading)
        return;
    m_sessionsLoading = true;
    m_sessionsPage->setLoading(true);
    const int generation = m_generation;
    m_conn->client()->sessions()->list()->then(this,
        [this, generation](const QList<Aod::Session> &sessions) {
            if (generation != m_generation)
                return;
            m_sessionsLoading = false;
            m_sessionsPage->setLoading(false);
            m_sessionsPage->setLoaded(true);
            setSessions(sessions);
            markLoaded(SessionsLoaded);
        },
        [this, generation](const Aod::Error &e) {
            if (generation != m_generation)
                return;
            m_sessionsLoading = false;
            m_sessionsPage->setLoading(false);
            showError(e, tr("Loading sessions failed"));
        });
}

void MainWindow::markLoaded(int what)
{
    const int before = m_loadedMask;
    m_loadedMask |= what;
    if (before != AllLoaded && m_loadedMask == AllLoaded)
        Q_EMIT listsLoaded();
}

void MainWindow::setSessions(const QList<Aod::Session> &sessions)
{
    m_sessions->setSessions(sessions);
    for (const auto &s : sessions) {
        if (s.isActive()) {
            m_seenActive.insert(s.id);
        } else if (s.isTerminal() && m_seenActive.remove(s.id)) {
            const QString status = s.statusString.isEmpty() ? Aod::sessionStatusToString(s.status) : s.statusString;
            noteSessionEnded(s.id, status, s.exitCode ? tr("%1 (exit %2)").arg(status).arg(*s.exitCode) : status);
        }
    }
    joinAgentNames();
    updateActiveCount();
    // Poll only while something can change by itself.
    if (m_sessions->activeCount() > 0) {
        if (!m_poll.isActive())
            m_poll.start(m_settings->pollIntervalSec() * 1000);
    } else {
        m_poll.stop();
    }
}

void MainWindow::updateActiveCount()
{
    const int active = m_sessions->activeCount();
    m_activeLabel->setText(active > 0 ? tr("%n active session(s)", nullptr, active) : QString());
}

void MainWindow::joinAgentNames()
{
    QHash<QString, QString> names = m_agents->names();
    m_sessions->addAgentNames(names);
    const QStringList unknown = m_sessions->unknownAgentIds();
    for (const QString &id : unknown) {
        if (m_fetching.contains(id))
            continue;
        m_fetching.insert(id);
        // Archived agents are missing from GET /agents: fetch them by id.
        m_conn->client()->agents()->get(id)->then(this,
            [this, id](const Aod::Agent &a) {
                m_fetching.remove(id);
                m_archivedAgents.insert(a.id, a);
                m_agents->upsert(a);
                m_sessions->addAgentNames({{a.id, a.name}});
                for (int i = FixedTabs; i < m_tabs->count(); ++i) {
                    if (auto *v = qobject_cast<SessionView *>(m_tabs->widget(i)); v && v->session().agentId == a.id)
                        v->setAgentName(a.name);
                }
            },
            [this, id](const Aod::Error &) {
                m_fetching.remove(id);
                m_sessions->addAgentNames({{id, tr("(unknown agent %1)").arg(id.left(8))}});
            });
    }
}

void MainWindow::fetchArchivedReferences()
{
    // Archived environments are referenced by agents: fetch them on demand.
    QSet<QString> envIds;
    for (const auto &a : m_agents->items())
        if (!a.environmentId.isEmpty())
            envIds.insert(a.environmentId);
    for (const auto &s : m_sessions->items())
        if (!s.environmentId.isEmpty())
            envIds.insert(s.environmentId);
    for (const QString &id : std::as_const(envIds)) {
        if (m_environments->rowOf(id) >= 0 || m_fetching.contains(id))
            continue;
        m_fetching.insert(id);
        m_conn->client()->environments()->get(id)->then(this,
            [this, id](const Aod::Environment &e) {
                m_fetching.remove(id);
                m_archivedEnvironments.insert(e.id, e);
                m_environments->upsert(e);
                m_agents->setEnvironmentNames(m_environments->names());
            },
            [this, id](const Aod::Error &) { m_fetching.remove(id); });
    }
    joinAgentNames();
}

Aod::Agent MainWindow::agentById(const QString &id) const
{
    const int row = m_agents->rowOf(id);
    return row >= 0 ? m_agents->itemAt(row) : Aod::Agent{};
}

Aod::Environment MainWindow::environmentById(const QString &id) const
{
    const int row = m_environments->rowOf(id);
    return row >= 0 ? m_environments->itemAt(row) : Aod::Environment{};
}

void MainWindow::updateAgentDetails(const QString &id)
{
    const Aod::Agent a = agentById(id);
    if (a.id.isEmpty()) {
        m_agentDetails->setHtml(QStringLiteral("<p><i>%1</i></p>").arg(tr("Select an agent to see its details.")));
        return;
    }
    auto row = [](const QString &k, const QString &v) {
        return QStringLiteral("<tr><td valign=top style=\"padding-right:10px\"><b>%1</b></td><td>%2</td></tr>").arg(k, v);
    };
    QStringList skills, mcp;
    for (const auto &s : a.skills)
        skills << (s.isGithub() ? QStringLiteral("%1 (github: %2)").arg(s.name.isEmpty() ? s.source : s.name, s.source) : s.name).toHtmlEscaped();
    for (const auto &m : a.mcpServers)
        mcp << QStringLiteral("%1 (%2)").arg(m.name, m.type).toHtmlEscaped();
    const QLocale loc;
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(a.name.toHtmlEscaped());
    html += row(tr("ID"), a.id);
    html += row(tr("Version"), QStringLiteral("v%1").arg(a.version));
    html += row(tr("Provider"), a.provider.toHtmlEscaped());
    html += row(tr("Model"), a.model.toHtmlEscaped());
    html += row(tr("Environment"), a.environmentId.isEmpty() ? tr("none")
                : environmentById(a.environmentId).name.isEmpty() ? a.environmentId : environmentById(a.environmentId).name.toHtmlEscaped());
    html += row(tr("Description"), a.description.toHtmlEscaped());
    html += row(tr("System prompt"), QStringLiteral("<pre style=\"white-space:pre-wrap\">%1</pre>").arg(a.system.toHtmlEscaped()));
    html += row(tr("Skills"), skills.isEmpty() ? tr("none") : skills.join(QStringLiteral("<br>")));
    html += row(tr("MCP servers"), mcp.isEmpty() ? tr("none") : mcp.join(QStringLiteral("<br>")));
    html += row(tr("Status"), a.isArchived() ? tr("archived %1").arg(loc.toString(a.archivedAt.toLocalTime(), QLocale::ShortFormat)) : tr("active"));
    html += row(tr("Created"), loc.toString(a.createdAt.toLocalTime(), QLocale::ShortFormat));
    html += row(tr("Updated"), loc.toString(a.updatedAt.toLocalTime(), QLocale::ShortFormat));
    html += QStringLiteral("</table>");
    m_agentDetails->setHtml(html);
}

void MainWindow::updateEnvironmentDetails(const QString &id)
{
    const Aod::Environment e = environmentById(id);
    if (e.id.isEmpty()) {
        m_environmentDetails->setHtml(QStringLiteral("<p><i>%1</i></p>").arg(tr("Select an environment to see its details.")));
        return;
    }
    auto row = [](const QString &k, const QString &v) {
        return QStringLiteral("<tr><td valign=top style=\"padding-right:10px\"><b>%1</b></td><td>%2</td></tr>").arg(k, v);
    };
    QStringList packages;
    for (auto it = e.packages.cbegin(); it != e.packages.cend(); ++it)
        packages << QStringLiteral("%1: %2").arg(it.key(), it.value().join(QStringLiteral(", "))).toHtmlEscaped();
    const QLocale loc;
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(e.name.toHtmlEscaped());
    html += row(tr("ID"), e.id);
    html += row(tr("Version"), QStringLiteral("v%1").arg(e.version));
    html += row(tr("Networking"), e.networking.isLimited()
                ? tr("limited: %1").arg(e.networking.allowedHosts.isEmpty() ? tr("no egress") : e.networking.allowedHosts.join(QStringLiteral(", ")).toHtmlEscaped())
                : tr("unrestricted"));
    html += row(tr("Packages"), packages.isEmpty() ? tr("none") : packages.join(QStringLiteral("<br>")));
    html += row(tr("Setup script"), QStringLiteral("<pre style=\"white-space:pre-wrap\">%1</pre>").arg(e.setupScript.toHtmlEscaped()));
    html += row(tr("Env vars"), tr("write-only: values are never returned"));
    html += row(tr("Status"), e.isArchived() ? tr("archived") : tr("active"));
    html += row(tr("Created"), loc.toString(e.createdAt.toLocalTime(), QLocale::ShortFormat));
    html += row(tr("Updated"), loc.toString(e.updatedAt.toLocalTime(), QLocale::ShortFormat));
    html += QStringLiteral("</table>");
    m_environmentDetails->setHtml(html);
}

void MainWindow::updateActions()
{
    const Aod::Agent a = agentById(m_agentsPage->currentId());
    const bool agentActive = !a.id.isEmpty() && !a.isArchived();
    m_actions.value(QStringLiteral("editAgent"))->setEnabled(agentActive);
    m_actions.value(QStringLiteral("archiveAgent"))->setEnabled(agentActive);
    m_actions.value(QStringLiteral("agentVersions"))->setEnabled(!a.id.isEmpty());
    const Aod::Environment e = environmentById(m_environmentsPage->currentId());
    const bool envActive = !e.id.isEmpty() && !e.isArchived();
    m_actions.value(QStringLiteral("editEnvironment"))->setEnabled(envActive);
    m_actions.value(QStringLiteral("archiveEnvironment"))->setEnabled(envActive);
    m_actions.value(QStringLiteral("deleteEnvironment"))->setEnabled(!e.id.isEmpty());
    m_actions.value(QStringLiteral("environmentVersions"))->setEnabled(!e.id.isEmpty());
}

void MainWindow::updateStatusBar()
{
    using S = ConnectionManager::State;
    const S state = m_conn->state();
    const char *key = state == S::Online ? "completed" : state == S::Connecting ? "pending"
        : state == S::Degraded ? "running" : state == S::Disconnected ? "terminated" : "failed";
    const auto colors = Theme::statusColors(QLatin1String(key), Theme::isDark(palette()));
    m_connLabel->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                             .arg(colors.foreground.name(), m_conn->stateText().toHtmlEscaped()));
    const Aod::Health h = m_conn->lastHealth();
    QString health;
    if (state == S::Online || state == S::Degraded) {
        QStringList checks;
        for (auto it = h.checks.cbegin(); it != h.checks.cend(); ++it)
            checks << QStringLiteral("%1 %2").arg(it.key(), it.value());
        health = tr("health: %1").arg(h.status) + (checks.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(checks.join(QStringLiteral(", "))));
    } else if (state == S::Unreachable) {
        health = tr("health check failed: %1").arg(h.status);
    }
    m_healthLabel->setText(health);
    if (m_conn->isDemo())
        m_tokenLabel->setText(tr("offline demo (local server in this app)"));
    else
        m_tokenLabel->setText(m_tokens->isPersistent() ? tr("token in system keychain")
                                                      : tr("token for this session only (no keychain)"));
}

SessionView *MainWindow::sessionView(const QString &sessionId) const
{
    for (int i = FixedTabs; i < m_tabs->count(); ++i) {
        auto *v = qobject_cast<SessionView *>(m_tabs->widget(i));
        if (v && v->sessionId() == sessionId)
            return v;
    }
    return nullptr;
}

SessionView *MainWindow::openSession(const QString &sessionId)
{
    if (sessionId.isEmpty())
        return nullptr;
    if (SessionView *existing = sessionView(sessionId)) {
        m_tabs->setCurrentWidget(existing);
        return existing;
    }
    auto *view = new SessionView(m_conn->client(), sessionId, m_settings, m_tabs);
    const int row = m_sessions->rowOf(sessionId);
    if (row >= 0) {
        const auto &s = m_sessions->itemAt(row);
        const QString name = m_sessions->agentName(s.agentId);
        if (!name.isEmpty())
            view->setAgentName(name);
    }
    const int index = m_tabs->addTab(view, view->title());
    m_tabs->setTabToolTip(index, sessionId);
    connect(view, &SessionView::titleChanged, this, [this, view](const QString &title) {
        const int i = m_tabs->indexOf(view);
        if (i >= 0)
            m_tabs->setTabText(i, title);
    });
    connect(view, &SessionView::sessionChanged, this, [this, view](const Aod::Session &s) {
        const int i = m_tabs->indexOf(view);
        const QString status = s.statusString.isEmpty() ? Aod::sessionStatusToString(s.status) : s.statusString;
        if (i >= 0)
            m_tabs->tabBar()->setTabTextColor(i, Theme::statusColors(status, Theme::isDark(palette())).foreground);
        if (m_sessions->rowOf(s.id) >= 0 && !s.id.isEmpty()) {
            m_sessions->upsert(s);
            updateActiveCount();
        }
        if (view->agentName().isEmpty() && !s.agentId.isEmpty()) {
            const QString name = m_sessions->agentName(s.agentId).isEmpty() ? m_agents->names().value(s.agentId)
                                                                             : m_sessions->agentName(s.agentId);
            if (!name.isEmpty())
                view->setAgentName(name);
        }
        if (s.isActive()) {
            m_seenActive.insert(s.id);
            if (!m_poll.isActive())
                m_poll.start(m_settings->pollIntervalSec() * 1000);
        }
    });
    connect(view, &SessionView::ended, this, &MainWindow::noteSessionEnded);
    connect(view, &SessionView::deleted, this, [this, view](const QString &id) {
        m_sessions->removeId(id);
        view->deleteLater();
        statusBar()->showMessage(tr("Session %1 deleted.").arg(id.left(8)), 5000);
    });
    view->start();
    m_tabs->setCurrentWidget(view);
    return view;
}

void MainWindow::noteSessionEnded(const QString &id, const QString &status, const QString &summary)
{
    m_seenActive.remove(id);
    const int row = m_sessions->rowOf(id);
    const int turns = row >= 0 ? m_sessions->itemAt(row).turnCount : 0;
    const QString key = QStringLiteral("%1#%2#%3").arg(id).arg(turns).arg(status);
    if (m_notified.contains(key))
        return;
    m_notified.insert(key);
    QString agent;
    if (row >= 0)
        agent = m_sessions->agentName(m_sessions->itemAt(row).agentId);
    statusBar()->showMessage(tr("Session %1 ended: %2").arg(id.left(8), summary), 10000);
    if (m_settings->notificationsEnabled())
        m_notifier->notify(tr("Session %1 %2").arg(agent.isEmpty() ? id.left(8) : agent, status), summary);
}

void MainWindow::trackDialog(QWidget *dialog)
{
    m_lastDialog = dialog;
    Q_EMIT dialogOpened(dialog);
}

void MainWindow::newAgent()
{
    auto *dlg = new AgentEditorDialog(m_conn->client(), m_environments->items(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &AgentEditorDialog::saved, this, [this](const Aod::Agent &a) {
        m_agents->upsert(a);
        m_sessions->addAgentNames({{a.id, a.name}});
        m_agentsPage->selectId(a.id);
        statusBar()->showMessage(tr("Agent %1 created.").arg(a.name), 5000);
    });
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::editAgent(const QString &agentId)
{
    const Aod::Agent a = agentById(agentId);
    if (a.id.isEmpty())
        return;
    if (a.isArchived()) {
        m_banner->showMessage(tr("%1 is archived: archived agents cannot be edited.").arg(a.name), ErrorBanner::Level::Info);
        return;
    }
    auto *dlg = new AgentEditorDialog(m_conn->client(), m_environments->items(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setAgent(a);
    connect(dlg, &AgentEditorDialog::saved, this, [this](const Aod::Agent &saved) {
        m_agents->upsert(saved);
        m_sessions->addAgentNames({{saved.id, saved.name}});
        updateAgentDetails(m_agentsPage->currentId());
        statusBar()->showMessage(tr("Agent %1 saved as version %2.").arg(saved.name).arg(saved.version), 5000);
    });
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::archiveAgent(const QString &agentId)
{
    const Aod::Agent a = agentById(agentId);
    if (a.id.isEmpty() || a.isArchived())
        return;
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Archive agent"),
        tr("Archive %1? It disappears from the list and cannot start new sessions. There is no un-archive.").arg(a.name),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::accepted, this, [this, agentId] {
        m_conn->client()->agents()->archive(agentId)->then(this,
            [this](const Aod::Agent &archived) {
                m_archivedAgents.insert(archived.id, archived);
                m_agents->upsert(archived);
                updateActions();
                statusBar()->showMessage(tr("Agent %1 archived.").arg(archived.name), 5000);
            },
            [this](const Aod::Error &e) { showError(e, tr("Archiving failed")); });
    });
    trackDialog(ask);
    ask->open();
}

void MainWindow::newEnvironment()
{
    auto *dlg = new EnvironmentEditorDialog(m_conn->client(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &EnvironmentEditorDialog::saved, this, [this](const Aod::Environment &e) {
        m_environments->upsert(e);
        m_agents->setEnvironmentNames(m_environments->names());
        m_environmentsPage->selectId(e.id);
    });
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::editEnvironment(const QString &environmentId)
{
    const Aod::Environment e = environmentById(environmentId);
    if (e.id.isEmpty() || e.isArchived())
        return;
    auto *dlg = new EnvironmentEditorDialog(m_conn->client(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setEnvironment(e);
    connect(dlg, &EnvironmentEditorDialog::saved, this, [this](const Aod::Environment &saved) {
        m_environments->upsert(saved);
        m_agents->setEnvironmentNames(m_environments->names());
        updateEnvironmentDetails(m_environmentsPage->currentId());
    });
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::archiveEnvironment(const QString &environmentId)
{
    const Aod::Environment e = environmentById(environmentId);
    if (e.id.isEmpty() || e.isArchived())
        return;
    m_conn->client()->environments()->archive(environmentId)->then(this,
        [this](const Aod::Environment &archived) {
            m_archivedEnvironments.insert(archived.id, archived);
            m_environments->upsert(archived);
            updateActions();
        },
        [this](const Aod::Error &err) { showError(err, tr("Archiving failed")); });
}

void MainWindow::deleteEnvironment(const QString &environmentId)
{
    const Aod::Environment e = environmentById(environmentId);
    if (e.id.isEmpty())
        return;
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Delete environment"),
        tr("Delete %1 for good? This fails while sessions still reference it.").arg(e.name),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::accepted, this, [this, environmentId] {
        m_conn->client()->environments()->remove(environmentId)->then(this,
            [this, environmentId](const QString &) {
                m_environments->removeId(environmentId);
                m_archivedEnvironments.remove(environmentId);
            },
            [this](const Aod::Error &err) { showError(err, tr("Deleting the environment failed")); });
    });
    trackDialog(ask);
    ask->open();
}

void MainWindow::showVersions(bool agent, const QString &id)
{
    if (id.isEmpty())
        return;
    const QString name = agent ? agentById(id).name : environmentById(id).name;
    trackDialog(VersionHistoryDialog::showFor(m_conn->client(), agent, id, name, this));
}

void MainWindow::launchSession(const QString &agentId)
{
    auto *dlg = new LaunchSessionDialog(m_conn->client(), m_activeAgents.isEmpty() ? m_agents->items() : m_activeAgents,
                                        m_environments->items(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    if (!agentId.isEmpty())
        dlg->setAgentId(agentId);
    connect(dlg, &LaunchSessionDialog::launched, this, [this](const QString &id) {
        m_seenActive.insert(id);
        refreshSessions();
        openSession(id);
    });
    connect(dlg, &LaunchSessionDialog::showActiveSessionsRequested, this, &MainWindow::showActiveSessions);
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::showActiveSessions()
{
    m_tabs->setCurrentWidget(m_sessionsPage);
    m_sessionsPage->statusCombo()->setCurrentIndex(1);
    refreshSessions();
}

void MainWindow::deleteFinishedOlderThan(int days)
{
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-days);
    int n = 0;
    const auto items = m_sessions->items();
    for (const auto &s : items) {
        if (!s.isTerminal() || s.createdAt > cutoff)
            continue;
        ++n;
        const QString id = s.id;
        m_conn->client()->sessions()->remove(id)->then(this,
            [this, id](const QString &) { m_sessions->removeId(id); },
            [this](const Aod::Error &e) { showError(e, tr("Cleanup")); });
    }
    statusBar()->showMessage(tr("Deleting %n finished session(s)…", nullptr, n), 5000);
}

void MainWindow::showSettings()
{
    auto *dlg = new SettingsDialog(m_settings, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    trackDialog(dlg);
    dlg->open();
}

void MainWindow::applyPreferences()
{
    m_notifier->setEnabled(m_settings->notificationsEnabled());
    m_conn->setHealthInterval(m_settings->healthIntervalSec());
    if (m_poll.isActive())
        m_poll.start(m_settings->pollIntervalSec() * 1000);
    for (int i = FixedTabs; i < m_tabs->count(); ++i) {
        if (auto *v = qobject_cast<SessionView *>(m_tabs->widget(i)))
            v->applySettings();
    }
}

void MainWindow::showError(const Aod::Error &error, const QString &context)
{
    if (error.code() == Aod::Error::Code::AuthenticationError)
        return; // one token prompt, not a banner per request
    m_banner->showError(error, context);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setViewState(QStringLiteral("agentsHeader"), m_agentsPage->saveState());
    m_settings->setViewState(QStringLiteral("environmentsHeader"), m_environmentsPage->saveState());
    m_settings->setViewState(QStringLiteral("sessionsHeader"), m_sessionsPage->saveState());
    m_settings->setViewState(QStringLiteral("agentSplit"), m_agentSplit->saveState());
    m_settings->setViewState(QStringLiteral("environmentSplit"), m_environmentSplit->saveState());
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

} // namespace Aod::Ui
