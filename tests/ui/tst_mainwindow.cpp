// The real windows, driven offscreen against an in-process LocalServer: connect, list, create
// and edit an agent (with a provoked 409), launch a session and watch formatted output arrive
// live, follow up, terminate, delete; a rejected token asks once; a 429 offers the active list.
#include "core/connectionmanager.h"
#include "dialogs/agenteditordialog.h"
#include "dialogs/conflictdialog.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/environmenteditordialog.h"
#include "dialogs/settingsdialog.h"
#include "widgets/keyvalueeditor.h"
#include "dialogs/launchsessiondialog.h"
#include "dialogs/versionhistorydialog.h"
#include "core/notifier.h"
#include "mainwindow.h"
#include "models/agentlistmodel.h"
#include "models/environmentlistmodel.h"
#include "session/consolefeeder.h"
#include "widgets/outputlogview.h"
#include "models/outputlogmodel.h"
#include "models/sessionlistmodel.h"
#include "models/stagetimelinemodel.h"
#include "models/turnlistmodel.h"
#include "session/sessionview.h"
#include "settings/tokenstore.h"
#include "widgets/errorbanner.h"
#include "widgets/listpage.h"
#include "widgets/streamstatusindicator.h"

#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/sessionsapi.h>
#include <aod/testing/localserver.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Aod::Ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Aod::Testing::LocalServer> server;
    QTemporaryDir dir;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<TokenStore> tokens;
    std::unique_ptr<ConnectionManager> conn;
    std::unique_ptr<MainWindow> window;

    bool connectWith(const QString &token)
    {
        window->showConnectionDialog();
        auto *dlg = qobject_cast<ConnectionDialog *>(window->lastDialog());
        if (!dlg)
            return false;
        dlg->nameEdit()->setText(QStringLiteral("local"));
        dlg->urlEdit()->setText(server->url().toString());
        dlg->tokenEdit()->setText(token);
        if (!dlg->connectButton()->isEnabled())
            return false;
        dlg->connectButton()->click();
        return true;
    }

    bool connectAndLoad()
    {
        QSignalSpy loaded(window.get(), &MainWindow::listsLoaded);
        return connectWith(server->token()) && loaded.wait(15000);
    }

    QString firstAgent(const QString &provider = QStringLiteral("anthropic"))
    {
        for (const auto &a : window->agentModel()->items())
            if (!a.isArchived() && a.provider == provider)
                return a.id;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Aod::Ui::ConflictDialog *>();
        server = std::make_unique<Aod::Testing::LocalServer>();
        server->setTiming(Aod::Testing::ServerTiming::fast());
        QVERIFY(server->listen(0));
        server->seed();
    }

    void init()
    {
        settings = std::make_unique<AppSettings>(dir.filePath(QStringLiteral("%1.ini").arg(QString::fromLatin1(QTest::currentTestFunction()))));
        tokens = std::make_unique<TokenStore>(TokenStore::Backend::SessionOnly);
        conn = std::make_unique<ConnectionManager>();
        window = std::make_unique<MainWindow>(settings.get(), tokens.get(), conn.get());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }

    void cleanup()
    {
        window.reset();
        conn.reset();
        tokens.reset();
        settings.reset();
        server->setConcurrencyLimit(100);
    }

    void connectAndList()
    {
        QCOMPARE(conn->state(), ConnectionManager::State::Disconnected);
        QVERIFY(connectAndLoad());
        QTRY_COMPARE(conn->state(), ConnectionManager::State::Online);
        QVERIFY(window->connectionLabel()->text().contains(QStringLiteral("Connected")));
        QVERIFY(window->agentModel()->rowCount() > 0);
        QVERIFY(window->environmentModel()->rowCount() > 0);
        QVERIFY(window->sessionModel()->rowCount() > 0);
        QCOMPARE(window->sessionsPage()->stateName(), QStringLiteral("table"));
        // every session shows an agent name: archived agents were fetched by id
        QTRY_VERIFY(window->sessionModel()->unknownAgentIds().isEmpty());
        for (int r = 0; r < window->sessionModel()->rowCount(); ++r) {
            const QString agent = window->sessionModel()->index(r, SessionListModel::Agent).data().toString();
            QVERIFY2(!agent.endsWith(QStringLiteral("…")), qPrintable(agent));
        }
        // the profile is remembered, the token is not in the settings file
        QCOMPARE(settings->lastProfile(), QStringLiteral("local"));
        settings->sync();
        QFile ini(dir.filePath(QStringLiteral("connectAndList.ini")));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains(server->token().toUtf8()));
        // filter box and status filter act on the table
        window->sessionsPage()->statusCombo()->setCurrentIndex(5); // Failed
        const auto *proxy = window->sessionsPage()->view()->model();
        for (int r = 0; r < proxy->rowCount(); ++r)
            QCOMPARE(proxy->index(r, SessionListModel::Status).data().toString(), QStringLiteral("failed"));
        int archived = 0;
        for (const auto &a : window->agentModel()->items())
            archived += a.isArchived() ? 1 : 0;
        const int shown = window->agentsPage()->view()->model()->rowCount();
        QCOMPARE(shown, window->agentModel()->rowCount() - archived);
        window->agentsPage()->archivedToggle()->setChecked(true);
        QCOMPARE(window->agentsPage()->view()->model()->rowCount(), window->agentModel()->rowCount());
    }

    void createAndEditAgentWithConflict()
    {
        QVERIFY(connectAndLoad());
        window->newAgent();
        auto *create = qobject_cast<AgentEditorDialog *>(window->lastDialog());
        QVERIFY(create);
        create->nameEdit()->setText(QStringLiteral("ui-test-agent"));
        create->modelEdit()->setText(QStringLiteral("claude-sonnet-4-6"));
        create->descriptionEdit()->setText(QStringLiteral("first"));
        create->addMcpRow([] { Aod::McpServer s; s.name = QStringLiteral("docs"); s.url = QStringLiteral("https://mcp.example/sse"); return s; }());
        create->trySubmit();
        QTRY_VERIFY_WITH_TIMEOUT(window->agentModel()->rowOf(QString()) < 0 && [&] {
            for (const auto &a : window->agentModel()->items())
                if (a.name == QLatin1String("ui-test-agent"))
                    return true;
            return false;
        }(), 10000);
        Aod::Agent created;
        for (const auto &a : window->agentModel()->items())
            if (a.name == QLatin1String("ui-test-agent"))
                created = a;
        QCOMPARE(created.version, 1);
        QCOMPARE(created.mcpServers.size(), 1);

        // open the editor, then someone else saves first
        window->editAgent(created.id);
        auto *edit = qobject_cast<AgentEditorDialog *>(window->lastDialog());
        QVERIFY(edit);
        QVERIFY(edit->isEditMode());
        edit->descriptionEdit()->setText(QStringLiteral("mine"));
        Aod::AgentPatch other;
        other.version = 1;
        other.system = QStringLiteral("changed elsewhere");
        auto *reply = conn->client()->agents()->update(created.id, other);
        QSignalSpy ok(reply, &Aod::Reply::succeeded);
        QVERIFY(ok.wait(5000));

        QSignalSpy conflict(edit, &AgentEditorDialog::conflictShown);
        edit->trySubmit();
        QVERIFY(conflict.wait(10000));
        auto *dlg = conflict.first().first().value<ConflictDialog *>();
        QVERIFY(dlg);
        QCOMPARE(dlg->serverChanges().size(), 1);
        QCOMPARE(dlg->serverChanges().first().after, QStringLiteral("changed elsewhere"));
        QCOMPARE(dlg->myChanges().first().after, QStringLiteral("mine"));
        QSignalSpy saved(edit, &AgentEditorDialog::saved);
        dlg->choose(ConflictDialog::Reapply);
        QVERIFY(saved.wait(10000));
        const auto result = saved.first().first().value<Aod::Agent>();
        QCOMPARE(result.version, 3);
        QCOMPARE(result.description, QStringLiteral("mine"));
        QCOMPARE(result.system, QStringLiteral("changed elsewhere")); // nothing overwritten
        QTRY_COMPARE(window->agentModel()->itemAt(window->agentModel()->rowOf(created.id)).version, 3);

        // version history lists the three versions with a diff
        window->agentsPage()->selectId(created.id);
        window->showVersions(true, created.id);
        auto *history = qobject_cast<VersionHistoryDialog *>(window->lastDialog());
        QVERIFY(history);
        QTRY_COMPARE(history->entryCount(), 3);
        QVERIFY(history->diffHtml().contains(QStringLiteral("mine")));
    }

    void launchWatchFollowUpTerminate()
    {
        QVERIFY(connectAndLoad());
        const QString agentId = firstAgent();
        QVERIFY(!agentId.isEmpty());
        window->launchSession(agentId);
        auto *launch = qobject_cast<LaunchSessionDialog *>(window->lastDialog());
        QVERIFY(launch);
        launch->promptEdit()->setPlainText(QStringLiteral("scenario:slow"));
        launch->addRepository(QStringLiteral("https://github.com/octo/hello"), {}, QStringLiteral("ghp_secret"));
        const int tabsBefore = window->tabs()->count();
        launch->trySubmit();
        QTRY_COMPARE_WITH_TIMEOUT(window->tabs()->count(), tabsBefore + 1, 10000);
        auto *view = qobject_cast<SessionView *>(window->tabs()->currentWidget());
        QVERIFY(view);
        // formatted output arrives while the session is still running: live, not a dump at the end
        auto formattedRows = [view] {
            int n = 0;
            for (int i = 0; i < view->formattedModel()->rowCount(); ++i) {
                const auto k = view->formattedModel()->lineAt(i).kind;
                n += k == LogLine::Text || k == LogLine::ToolUse || k == LogLine::Init || k == LogLine::Thinking;
            }
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(formattedRows() > 0, 15000);
        QCOMPARE(server->sessionStatus(view->sessionId()), QStringLiteral("running"));
        QCOMPARE(view->indicator()->state(), StreamStatusIndicator::LinkState::Live);
        const int early = formattedRows();
        QTRY_VERIFY_WITH_TIMEOUT(formattedRows() > early, 15000); // and keeps arriving
        QCOMPARE(view->feeder()->formatterName(), QStringLiteral("claude"));
        QVERIFY(view->stages()->rowCount() > 0);
        QVERIFY(!view->canPrompt()); // running: no follow-up yet
        QVERIFY(view->canInterrupt());

        QTRY_COMPARE_WITH_TIMEOUT(view->session().status, Aod::SessionStatus::Completed, 30000);
        QVERIFY(view->canPrompt());
        QVERIFY(!view->canInterrupt());
        QTRY_VERIFY(window->notifier()->count() >= 1); // a watched session ended
        QTRY_COMPARE(view->turns()->rowCount(), 1);

        // follow up: only the new turn arrives on the same console, after a separator
        const int rowsBefore = view->formattedModel()->rowCount();
        view->sendFollowUp(QStringLiteral("scenario:success and now the tests"), 60);
        QTRY_COMPARE_WITH_TIMEOUT(view->turns()->rowCount(), 2, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(view->session().status, Aod::SessionStatus::Completed, 30000);
        view->formattedModel()->flush();
        QVERIFY(view->formattedModel()->rowCount() > rowsBefore);
        bool separator = false;
        for (int i = rowsBefore; i < view->formattedModel()->rowCount(); ++i)
            separator |= view->formattedModel()->lineAt(i).kind == LogLine::TurnSeparator && view->formattedModel()->lineAt(i).turn == 2;
        QVERIFY(separator);

        // raw toggle, search, save
        view->setRawView(true);
        QVERIFY(view->console()->model() == view->rawModel());
        view->setRawView(false);
        QVERIFY(view->findNext(QStringLiteral("turn 2")));
        const QString transcript = dir.filePath(QStringLiteral("t.txt"));
        QVERIFY(view->saveTranscript(transcript));
        QVERIFY(QFileInfo(transcript).size() > 100);

        // terminate, then delete (contract §5.4)
        view->setConfirmDestructive(false);
        QVERIFY(view->canTerminate());
        QVERIFY(view->canDelete());
        view->terminate();
        QTRY_COMPARE_WITH_TIMEOUT(view->session().status, Aod::SessionStatus::Terminated, 10000);
        QVERIFY(!view->canTerminate());
        QVERIFY(!view->canPrompt());
        QCOMPARE(server->sessionStatus(view->sessionId()), QStringLiteral("terminated"));
        const QString id = view->sessionId();
        view->remove();
        QTRY_VERIFY(!window->sessionView(id));
        QTRY_VERIFY(window->sessionModel()->rowOf(id) < 0);
        QVERIFY(server->sessionStatus(id).isEmpty());
    }

    void terminateWhileRunning()
    {
        QVERIFY(connectAndLoad());
        Aod::SessionDraft draft;
        draft.agentId = firstAgent();
        draft.prompt = QStringLiteral("scenario:hang");
        auto *reply = conn->client()->sessions()->create(draft);
        QSignalSpy ok(reply, &Aod::Reply::succeeded);
        QVERIFY(ok.wait(5000));
        const QString id = reply->result().id;
        window->refreshSessions();
        SessionView *view = window->openSession(id);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->session().isActive() && server->sessionStatus(id) == QLatin1String("running"), 10000);
        QVERIFY(!view->canDelete()); // active: delete would be 409
        view->setConfirmDestructive(false);
        view->terminate();
        QTRY_COMPARE_WITH_TIMEOUT(view->session().status, Aod::SessionStatus::Terminated, 10000);
        QTRY_COMPARE(view->indicator()->state(), StreamStatusIndicator::LinkState::Ended);
        QTRY_VERIFY(view->formattedModel()->toPlainText().contains(QStringLiteral("terminated")));
    }

    void streamRecoversAfterDrop()
    {
        QVERIFY(connectAndLoad());
        Aod::SessionDraft draft;
        draft.agentId = firstAgent();
        draft.prompt = QStringLiteral("scenario:slow");
        auto *reply = conn->client()->sessions()->create(draft);
        QSignalSpy ok(reply, &Aod::Reply::succeeded);
        QVERIFY(ok.wait(5000));
        const QString id = reply->result().id;
        server->faults()->dropStreamAfterEvents(6); // cut the live stream mid-run, once
        SessionView *view = window->openSession(id);
        QVERIFY(view && view->stream());
        QList<StreamStatusIndicator::LinkState> seen;
        connect(view->stream(), &Aod::SessionStream::stateChanged, this, [&seen, view] { seen << view->indicator()->state(); });
        QTRY_COMPARE_WITH_TIMEOUT(view->session().status, Aod::SessionStatus::Completed, 30000);
        QTRY_COMPARE(view->indicator()->state(), StreamStatusIndicator::LinkState::Ended);
        QVERIFY2(seen.contains(StreamStatusIndicator::LinkState::Reconnecting), "the indicator never showed reconnecting");
        QVERIFY(server->streamConnectionCount() >= 2);
        // nothing lost or repeated: the raw stdout lines are the session's log, byte for byte
        view->rawModel()->flush();
        const QString raw = view->rawModel()->toPlainText(1u << LogLine::Passthrough);
        QString expected = QString::fromUtf8(server->sessionOutput(id));
        expected.remove(QLatin1Char('\r'));
        if (!expected.endsWith(QLatin1Char('\n')))
            expected += QLatin1Char('\n');
        QCOMPARE(raw, expected);
    }

    void rejectedTokenAsksOnce()
    {
        QSignalSpy dialogs(window.get(), &MainWindow::dialogOpened);
        QVERIFY(connectWith(QStringLiteral("aod_wrongwrongwrongwrongwrongwrongwrongwrongwro")));
        QTRY_COMPARE_WITH_TIMEOUT(conn->state(), ConnectionManager::State::Unauthorized, 10000);
        QTRY_COMPARE(dialogs.count(), 2); // the connection dialog, then one token prompt
        auto *ask = qobject_cast<ConnectionDialog *>(window->lastDialog());
        QVERIFY(ask);
        QCOMPARE(ask->windowTitle(), QStringLiteral("Token rejected"));
        window->refreshAll(); // more 401s: no more prompts, no banner storm
        window->refreshAll();
        QTest::qWait(0);
        QSignalSpy sessions(window.get(), &MainWindow::listsLoaded);
        QCOMPARE(dialogs.count(), 2);
        QVERIFY(window->banner()->repeatCount() <= 1);
        ask->tokenEdit()->setText(server->token());
        ask->connectButton()->click();
        QVERIFY(sessions.wait(10000));
        QTRY_COMPARE(conn->state(), ConnectionManager::State::Online);
    }

    void rateLimitOffersActiveSessions()
    {
        QVERIFY(connectAndLoad());
        server->setConcurrencyLimit(0);
        window->launchSession(firstAgent());
        auto *launch = qobject_cast<LaunchSessionDialog *>(window->lastDialog());
        QVERIFY(launch);
        launch->promptEdit()->setPlainText(QStringLiteral("hello"));
        launch->trySubmit();
        QTRY_VERIFY_WITH_TIMEOUT(launch->banner()->isVisible(), 10000);
        QVERIFY2(launch->banner()->text().contains(QStringLiteral("/0")), qPrintable(launch->banner()->text()));
        QVERIFY(launch->isVisible()); // nothing launched, the dialog stays
        QSignalSpy active(launch, &LaunchSessionDialog::showActiveSessionsRequested);
        for (auto *b : launch->banner()->findChildren<QPushButton *>())
            if (b->text().contains(QStringLiteral("active")))
                b->click();
        QCOMPARE(active.count(), 1);
        QCOMPARE(window->tabs()->currentWidget(), window->sessionsPage());
        QCOMPARE(window->sessionsPage()->statusCombo()->currentIndex(), 1);
    }

    void environmentCreateEditDelete()
    {
        QVERIFY(connectAndLoad());
        window->newEnvironment();
        auto *create = qobject_cast<EnvironmentEditorDialog *>(window->lastDialog());
        QVERIFY(create);
        create->nameEdit()->setText(QStringLiteral("ui-test-env"));
        create->networkingCombo()->setCurrentIndex(1); // limited
        create->hostsEdit()->setPlainText(QStringLiteral("pypi.org\nfiles.pythonhosted.org"));
        create->packagesEdit(QStringLiteral("pip"))->setText(QStringLiteral("requests rich"));
        create->envVarsEditor()->addRow(QStringLiteral("1BAD"), QStringLiteral("x"));
        create->validateNow();
        QVERIFY2(create->invalidFields().contains(QStringLiteral("env_vars")), qPrintable(create->validationMessages().join(u'|')));
        create->envVarsEditor()->setPairs({{QStringLiteral("LOG_LEVEL"), QStringLiteral("debug")}});
        create->validateNow();
        QVERIFY2(create->validationMessages().isEmpty(), qPrintable(create->validationMessages().join(u'|')));
        QSignalSpy created(create, &EnvironmentEditorDialog::saved);
        create->trySubmit();
        QVERIFY(created.wait(10000));
        const auto env = created.first().first().value<Aod::Environment>();
        QVERIFY(env.networking.isLimited());
        QCOMPARE(env.packages.value(QStringLiteral("pip")), (QStringList{QStringLiteral("requests"), QStringLiteral("rich")}));
        QTRY_VERIFY(window->environmentModel()->rowOf(env.id) >= 0);

        window->editEnvironment(env.id);
        auto *edit = qobject_cast<EnvironmentEditorDialog *>(window->lastDialog());
        QVERIFY(edit);
        QVERIFY(!edit->replaceEnvVars()->isChecked()); // write-only values are kept unless replaced
        QVERIFY(!edit->patchAgainst(env).envVars.has_value());
        edit->setupEdit()->setPlainText(QStringLiteral("echo ready"));
        QSignalSpy saved(edit, &EnvironmentEditorDialog::saved);
        edit->trySubmit();
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().first().value<Aod::Environment>().version, 2);

        window->environmentsPage()->selectId(env.id);
        window->deleteEnvironment(env.id);
        auto *ask = qobject_cast<QDialog *>(window->lastDialog());
        QVERIFY(ask);
        ask->accept();
        QTRY_VERIFY_WITH_TIMEOUT(window->environmentModel()->rowOf(env.id) < 0, 10000);
    }

    void settingsApplyToOpenConsoles()
    {
        QVERIFY(connectAndLoad());
        SessionView *view = window->openSession(window->sessionModel()->itemAt(0).id);
        QVERIFY(view);
        window->showSettings();
        auto *dlg = qobject_cast<SettingsDialog *>(window->lastDialog());
        QVERIFY(dlg);
        dlg->lineCapSpin()->setValue(2000);
        dlg->notificationsCheck()->setChecked(false);
        dlg->apply();
        QCOMPARE(settings->consoleLineCap(), 2000);
        QCOMPARE(view->formattedModel()->lineCap(), 2000);
        QVERIFY(!window->notifier()->isEnabled());
    }

    void layoutIsRemembered()
    {
        window->resize(1111, 666);
        window->close();
        MainWindow again(settings.get(), tokens.get(), conn.get());
        QCOMPARE(again.size(), QSize(1111, 666));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
