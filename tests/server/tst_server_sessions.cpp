// Conformance of the local server: sessions, turns, the state machine, simulated runtimes and
// scenarios (contract §3.5-§3.8, §4.5, §5, §6.6, §7.5, §11).
#include "serverclient.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace ServerTest;
using Aod::Testing::LocalServer;
using Aod::Testing::ServerTiming;

namespace {
QString S(const char *s) { return QString::fromUtf8(s); }
QJsonObject firstError(const Reply &r) { return r.obj().value(QStringLiteral("detail")).toArray().at(0).toObject(); }

QStringList stageSequence(const QJsonArray &log)
{
    QStringList out;
    for (const auto &v : log) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("stage"))
            out << o.value(QStringLiteral("stage")).toString() + QLatin1Char('/') + o.value(QStringLiteral("state")).toString();
    }
    return out;
}

QByteArray transcriptFile(const QString &name)
{
    QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/transcripts/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestServerSessions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void createAckShapeAndSessionShape();
    void createValidation_data();
    void createValidation();
    void createCheckOrder();
    void resourcesCanonicalAndSecret();
    void concurrencyLimit();
    void successTimelineAndTurns();
    void stagesDependOnEnvironmentTokensAndSkills();
    void followUpTurn();
    void promptRules();
    void promptBackendErrors();
    void interruptPendingAndRunning();
    void interruptWhenFlagOnlyHonouredAtEnd();
    void interruptErrors();
    void terminateRules();
    void terminatePendingAbortsTurn();
    void deleteRules();
    void scenarioExitNonzero();
    void scenarioErrorNullExit();
    void scenarioProvisionFail();
    void scenarioLongAndCodexAndUtf8Split();
    void transcriptSelectionIsByteIdentical();
    void providerIsLive();
    void perTurnTimeout();
    void seedData();
    void listNewestFirst();

private:
    std::unique_ptr<LocalServer> server;
    std::unique_ptr<Client> c;
    QString agent;
    QString id0 = QStringLiteral("00000000-0000-4000-8000-000000000000");
};

void TestServerSessions::init()
{
    server = std::make_unique<LocalServer>();
    server->setTiming(ServerTiming::fast());
    QVERIFY(server->listen());
    c = std::make_unique<Client>(server->url(), server->token());
    agent = c->createAgent({{S("system"), S("You are terse.")}});
    QVERIFY(!agent.isEmpty());
}

void TestServerSessions::cleanup()
{
    c.reset();
    server.reset();
}

void TestServerSessions::createAckShapeAndSessionShape()
{
    const Reply r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("hi")}});
    QCOMPARE(r.status, 202);
    QCOMPARE(keysInOrder(r.body), (QStringList{S("id"), S("status"), S("stream_url"), S("environment_id"), S("resources"), S("current_turn")}));
    const QString id = r.obj().value(QStringLiteral("id")).toString();
    QVERIFY(r.body.endsWith(QStringLiteral(R"("status": "pending", "stream_url": "/sessions/%1/stream", "environment_id": null, "resources": [], "current_turn": 1})").arg(id).toUtf8()));
    const Reply g = c->get(QStringLiteral("/sessions/") + id);
    QCOMPARE(g.status, 200);
    QCOMPARE(keysInOrder(g.body), (QStringList{S("id"), S("agent_id"), S("environment_id"), S("provider"), S("status"), S("exit_code"),
                                               S("created_at"), S("updated_at"), S("resources"), S("turn_count"), S("current_turn")}));
    const QJsonObject s = g.obj();
    QCOMPARE(s.value(QStringLiteral("agent_id")).toString(), agent);
    QCOMPARE(s.value(QStringLiteral("provider")).toString(), S("anthropic"));
    QCOMPARE(s.value(QStringLiteral("turn_count")).toInt(), 1);
    QCOMPARE(s.value(QStringLiteral("current_turn")).toInt(), 1);
    QVERIFY(!s.contains(QStringLiteral("prompt")));
    QVERIFY(waitForStatus(*server, id, S("completed")));
    const Reply t = c->get(QStringLiteral("/sessions/%1/turns").arg(id));
    QCOMPARE(t.data().size(), 1);
    const QJsonObject turn = t.data().at(0).toObject();
    QCOMPARE(keysInOrder(t.body.mid(t.body.indexOf("[{") + 1)),
             (QStringList{S("turn_number"), S("prompt"), S("status"), S("exit_code"), S("created_at"), S("started_at"), S("ended_at")}));
    QCOMPARE(turn.value(QStringLiteral("prompt")).toString(), S("hi")); // without the agent's system text
    QCOMPARE(turn.value(QStringLiteral("status")).toString(), S("completed"));
    QCOMPARE(turn.value(QStringLiteral("exit_code")).toInt(), 0);
    QVERIFY(isTimestamp(turn.value(QStringLiteral("started_at")).toString()));
    QVERIFY(isTimestamp(turn.value(QStringLiteral("ended_at")).toString()));
    const QJsonObject done = c->get(QStringLiteral("/sessions/") + id).obj();
    QCOMPARE(done.value(QStringLiteral("exit_code")).toInt(), 0);
    QVERIFY(done.value(QStringLiteral("updated_at")) != done.value(QStringLiteral("created_at")));
    QCOMPARE(c->get(QStringLiteral("/sessions/%1").arg(id0)).body, QByteArray(R"({"detail": "Session not found"})"));
    QCOMPARE(c->get(QStringLiteral("/sessions/%1/turns").arg(id0)).detail(), S("Session not found"));
}

void TestServerSessions::createValidation_data()
{
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("msg");
    QTest::newRow("timeout low") << QByteArray(R"("timeout": 5)") << S("greater_than_equal") << S("Input should be greater than or equal to 10");
    QTest::newRow("timeout high") << QByteArray(R"("timeout": 3601)") << S("less_than_equal") << S("Input should be less than or equal to 3600");
    QTest::newRow("timeout text") << QByteArray(R"("timeout": "abc")") << S("int_parsing") << S("Input should be a valid integer, unable to parse string as an integer");
    QTest::newRow("timeout null") << QByteArray(R"("timeout": null)") << S("int_type") << S("Input should be a valid integer");
    QTest::newRow("timeout lax string") << QByteArray(R"("timeout": " 120 ")") << QString() << QString();
    QTest::newRow("timeout bounds") << QByteArray(R"("timeout": 10)") << QString() << QString();
    QTest::newRow("resources not list") << QByteArray(R"("resources": {})") << S("list_type") << S("Input should be a valid list");
    QTest::newRow("resource not object") << QByteArray(R"("resources": ["x"])") << S("model_type")
                                         << S("Input should be a valid dictionary or instance of GitHubRepoResource");
    QTest::newRow("resource wrong type") << QByteArray("\"resources\": [{\"type\": \"gitlab\", \"url\": \"https://github.com/a/b\"}]")
                                         << S("literal_error") << S("Input should be 'github_repository'");
    QTest::newRow("gitlab url") << QByteArray("\"resources\": [{\"type\": \"github_repository\", \"url\": \"https://gitlab.com/a/b\"}]")
                                << S("value_error") << S("Value error, Invalid GitHub repository URL: 'https://gitlab.com/a/b'. Expected https://github.com/<owner>/<repo>");
    QTest::newRow("mount relative") << QByteArray("\"resources\": [{\"type\": \"github_repository\", \"url\": \"https://github.com/a/b\", \"mount_path\": \"repo\"}]")
                                    << S("value_error") << S("Value error, mount_path must be an absolute path");
    QTest::newRow("mount root") << QByteArray("\"resources\": [{\"type\": \"github_repository\", \"url\": \"https://github.com/a/b\", \"mount_path\": \"/\"}]")
                                << S("value_error") << S("Value error, mount_path '/' is not allowed");
    QTest::newRow("mount home") << QByteArray("\"resources\": [{\"type\": \"github_repository\", \"url\": \"https://github.com/a/b\", \"mount_path\": \"/home/sprite\"}]")
                                << S("value_error") << S("Value error, mount_path '/home/sprite' is not allowed");
    QTest::newRow("mount home slash ok") << QByteArray("\"resources\": [{\"type\": \"github_repository\", \"url\": \"https://github.com/a/b\", \"mount_path\": \"/home/sprite/\"}]")
                                         << QString() << QString();
    QTest::newRow("duplicate mount") << QByteArray("\"resources\": [{\"type\": \"github_repository\", \"url\": \"https://github.com/a/b\"}, {\"type\": \"github_repository\", \"url\": \"https://github.com/c/b.git\"}]")
                                     << S("value_error") << S("Value error, Duplicate mount_path in resources");
    QByteArray eleven = R"("resources": [)";
    for (int i = 0; i < 11; ++i)
        eleven += (i ? ", " : "") + QByteArray("{\"type\": \"github_repository\", \"url\": \"https://github.com/o/r") + QByteArray::number(i) + "\"}";
    QTest::newRow("eleven resources") << eleven + "]" << S("value_error") << S("Value error, Maximum 10 resources per session");
    QTest::newRow("secret key") << QByteArray(R"("secret_env_vars": {"bad-key": "x"})") << S("value_error")
                                << S("Value error, Invalid environment variable name: 'bad-key'");
    QTest::newRow("secret value") << QByteArray(R"("secret_env_vars": {"A": 1})") << S("string_type") << S("Input should be a valid string");
    QTest::newRow("empty prompt ok") << QByteArray(R"("prompt": "")") << QString() << QString();
}

void TestServerSessions::createValidation()
{
    QFETCH(QByteArray, extra);
    QFETCH(QString, type);
    QFETCH(QString, msg);
    QByteArray body = "{\"agent_id\": \"" + agent.toLatin1() + "\"";
    if (!extra.startsWith("\"prompt\""))
        body += R"(, "prompt": "p")";
    body += ", " + extra + "}";
    const Reply r = c->send("POST", QStringLiteral("/sessions"), body);
    if (type.isEmpty()) {
        QCOMPARE(r.status, 202);
        return;
    }
    QCOMPARE(r.status, 422);
    QCOMPARE(firstError(r).value(QStringLiteral("type")).toString(), type);
    QCOMPARE(firstError(r).value(QStringLiteral("msg")).toString(), msg);
}

void TestServerSessions::createCheckOrder()
{
    // missing fields: list items with the whole body as input
    Reply r = c->send("POST", QStringLiteral("/sessions"), R"({"timeout": 5})");
    QCOMPARE(r.status, 422);
    const QJsonArray items = r.obj().value(QStringLiteral("detail")).toArray();
    QCOMPARE(items.size(), 3); // agent_id, prompt, timeout
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("loc")).toArray(), QJsonArray{S("agent_id")});
    QCOMPARE(items.at(1).toObject().value(QStringLiteral("loc")).toArray(), QJsonArray{S("prompt")});
    QCOMPARE(items.at(2).toObject().value(QStringLiteral("loc")).toArray(), QJsonArray{S("timeout")});
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("input")).toObject(), (QJsonObject{{S("timeout"), 5}}));
    // agent: malformed id and unknown id are 404
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), S("nope")}, {S("prompt"), S("x")}});
    QCOMPARE(r.body, QByteArray(R"({"detail": "Agent not found"})"));
    // agent before environment, environment before backend, backend before quota
    server->setBackendConfigured(false);
    server->setConcurrencyLimit(0);
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), id0}, {S("prompt"), S("x")}, {S("environment_id"), id0}});
    QCOMPARE(r.detail(), S("Agent not found"));
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("x")}, {S("environment_id"), id0}});
    QCOMPARE(r.detail(), S("Environment not found"));
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("x")}});
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Session backend is not configured"})"));
    server->setBackendConfigured(true);
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("x")}});
    QCOMPARE(r.status, 429);
    // environment: explicit wins, "" falls back to the agent default (cannot opt out)
    server->setConcurrencyLimit(100);
    const QString envA = c->createEnvironment(S("a"));
    const QString envB = c->createEnvironment(S("b"));
    const QString withDefault = c->createAgent({{S("environment_id"), envA}});
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), withDefault}, {S("prompt"), S("x")}, {S("environment_id"), S("")}});
    QCOMPARE(r.obj().value(QStringLiteral("environment_id")).toString(), envA);
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), withDefault}, {S("prompt"), S("x")}, {S("environment_id"), QJsonValue()}});
    QCOMPARE(r.obj().value(QStringLiteral("environment_id")).toString(), envA);
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), withDefault}, {S("prompt"), S("x")}, {S("environment_id"), envB}});
    QCOMPARE(r.obj().value(QStringLiteral("environment_id")).toString(), envB);
}

void TestServerSessions::resourcesCanonicalAndSecret()
{
    const Reply r = c->send("POST", QStringLiteral("/sessions"),
                            QStringLiteral(R"({"agent_id": "%1", "prompt": "x", "secret_env_vars": {"ANTHROPIC_API_KEY": "sk-ant-secret"},)"
                               " \"resources\": [{\"type\": \"github_repository\", \"url\": \"https://github.com/ravi-hq/agent-on-demand.git\", \"authorization_token\": \"ghp_secret\"},"
                                             " {\"type\": \"github_repository\", \"url\": \"https://github.com/me/repo\", \"mount_path\": \"/repo\"}]}").arg(agent).toUtf8());
    QCOMPARE(r.status, 202);
    QVERIFY2(r.body.contains("\"resources\": [{\"type\": \"github_repository\", \"url\": \"https://github.com/ravi-hq/agent-on-demand\", \"mount_path\": \"/workspace/agent-on-demand\"}, {\"type\": \"github_repository\", \"url\": \"https://github.com/me/repo\", \"mount_path\": \"/repo\"}]"),
             r.body.constData());
    const QString id = r.obj().value(QStringLiteral("id")).toString();
    const Reply g = c->get(QStringLiteral("/sessions/") + id);
    QVERIFY(!g.body.contains("ghp_secret"));
    QVERIFY(!g.body.contains("sk-ant-secret"));
    QVERIFY(!g.body.contains("authorization_token"));
    QCOMPARE(g.obj().value(QStringLiteral("resources")).toArray().size(), 2);
}

void TestServerSessions::concurrencyLimit()
{
    server->setConcurrencyLimit(2);
    const QString a = c->createSession(agent, S("scenario:hang one"));
    const QString b = c->createSession(agent, S("scenario:hang two"));
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    Reply r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("three")}});
    QCOMPARE(r.status, 429);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Concurrent session limit reached (2/2). Terminate an active session before starting a new one.", "limit": 2, "active": 2})"));
    QVERIFY(!r.hasHeader("Retry-After"));
    // a per-user override wins; other users are not counted
    server->setUserConcurrencyLimit(server->token(), 3);
    QCOMPARE(c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("scenario:hang three")}}).status, 202);
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("four")}});
    QCOMPARE(r.obj().value(QStringLiteral("limit")).toInt(), 3);
    QCOMPARE(r.obj().value(QStringLiteral("active")).toInt(), 3);
    Client other(server->url(), server->addUser());
    const QString otherAgent = other.createAgent();
    QCOMPARE(other.postJson(QStringLiteral("/sessions"), {{S("agent_id"), otherAgent}, {S("prompt"), S("x")}}).status, 202);
    // terminating frees a slot
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(a)).status, 200);
    QCOMPARE(c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("five")}}).status, 202);
}

void TestServerSessions::successTimelineAndTurns()
{
    QSignalSpy statuses(server.get(), &LocalServer::sessionStatusChanged);
    const QString id = c->createSession(agent);
    QVERIFY(waitForStatus(*server, id, S("completed")));
    QStringList seen;
    for (const auto &args : statuses) {
        if (args.at(0).toString() == id && (seen.isEmpty() || seen.last() != args.at(1).toString()))
            seen << args.at(1).toString();
    }
    QCOMPARE(seen, (QStringList{S("pending"), S("running"), S("completed")}));
    const QJsonArray log = server->sessionLog(id);
    QCOMPARE(stageSequence(log),
             (QStringList{S("create_sprite/started"), S("create_sprite/done"), S("install_runtime/started"), S("install_runtime/done"),
                          S("env_file/started"), S("env_file/done"), S("provision_setup/started"), S("provision_setup/done"),
                          S("runtime_config/started"), S("runtime_config/done"), S("runtime_start/started")}));
    qint64 last = 0;
    bool gap = false, sawStderr = false;
    for (const auto &v : log) {
        const QJsonObject o = v.toObject();
        const qint64 rowId = o.value(QStringLiteral("id")).toInteger();
        QVERIFY(rowId > last);
        gap = gap || (last && rowId > last + 1);
        last = rowId;
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("stage")) {
            QVERIFY(!o.contains(QStringLiteral("turn")));
            QCOMPARE(o.contains(QStringLiteral("duration_ms")), o.value(QStringLiteral("state")).toString() != QLatin1String("started"));
        } else {
            QCOMPARE(o.value(QStringLiteral("turn")).toInt(), 1);
            sawStderr = sawStderr || o.value(QStringLiteral("stream")).toString() == QLatin1String("stderr");
        }
    }
    QVERIFY2(gap, "log ids must skip values");
    QVERIFY(sawStderr);
    // the stdout rows concatenate to the transcript, byte for byte, split at arbitrary points
    const QByteArray expected = transcriptFile(S("claude_default.jsonl"));
    QVERIFY(!expected.isEmpty());
    QCOMPARE(server->sessionOutput(id), expected);
    QCOMPARE(server->sessionOutput(id, S("stderr")), transcriptFile(S("claude_default.stderr")));
    int midLine = 0, multiLine = 0;
    for (const auto &v : log) {
        const QString data = v.toObject().value(QStringLiteral("data")).toString();
        if (!data.isEmpty() && !data.endsWith(QLatin1Char('\n')))
            ++midLine;
        if (data.count(QLatin1Char('\n')) > 1)
            ++multiLine;
    }
    QVERIFY(midLine > 0);
    QVERIFY(multiLine > 0);
}

void TestServerSessions::stagesDependOnEnvironmentTokensAndSkills()
{
    const QString env = c->createEnvironment(S("lim"), {{S("networking"), QJsonObject{{S("type"), S("limited")}, {S("allowed_hosts"), QJsonArray{S("x")}}}}});
    const QString skilled = c->createAgent({{S("environment_id"), env},
                                            {S("skills"), QJsonArray{QJsonObject{{S("name"), S("s")}, {S("description"), S("d")}, {S("content"), S("c")}}}}});
    const QString id = c->createSession(skilled, S("x"), {{S("resources"), QJsonArray{QJsonObject{{S("type"), S("github_repository")},
        {S("url"), S("https://github.com/a/b")}, {S("authorization_token"), S("ghp_x")}}}}});
    QVERIFY(waitForStatus(*server, id, S("completed")));
    QStringList started;
    for (const QString &s : stageSequence(server->sessionLog(id))) {
        if (s.endsWith(QLatin1String("/started")))
            started << s.section(QLatin1Char('/'), 0, 0);
    }
    QCOMPARE(started, (QStringList{S("create_sprite"), S("install_runtime"), S("network_policy"), S("env_file"), S("git_credentials"),
                                   S("provision_setup"), S("runtime_config"), S("skills"), S("runtime_start")}));
}

void TestServerSessions::followUpTurn()
{
    const QString id = c->createSession(agent);
    QVERIFY(waitForStatus(*server, id, S("completed")));
    // a slow worker pick-up, so that the pending state is observable
    server->setTiming([] { auto t = ServerTiming::fast(); t.stageDelayMs = 300; return t; }());
    const Reply r = c->postJson(QStringLiteral("/sessions/%1/prompt").arg(id), {{S("prompt"), S("next")}, {S("timeout"), 60}});
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body, QStringLiteral(R"({"id": "%1", "status": "pending", "stream_url": "/sessions/%1/stream", "current_turn": 2})").arg(id).toUtf8());
    // committed as pending, exit_code reset, before the 202
    const QJsonObject s = c->get(QStringLiteral("/sessions/") + id).obj();
    QCOMPARE(s.value(QStringLiteral("status")).toString(), S("pending"));
    QVERIFY(s.value(QStringLiteral("exit_code")).isNull());
    QCOMPARE(s.value(QStringLiteral("turn_count")).toInt(), 2);
    QCOMPARE(s.value(QStringLiteral("current_turn")).toInt(), 2);
    QVERIFY(waitForStatus(*server, id, S("completed")));
    // runtime_start every turn; no re-provisioning
    const QStringList stages = stageSequence(server->sessionLog(id));
    QCOMPARE(stages.count(S("runtime_start/started")), 2);
    QCOMPARE(stages.count(S("create_sprite/started")), 1);
    QCOMPARE(stages.last(), S("runtime_start/started"));
    QCOMPARE(server->turnOutput(id, 2), transcriptFile(S("claude_followup.jsonl")));
    const QJsonArray turns = c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data();
    QCOMPARE(turns.size(), 2);
    QCOMPARE(turns.at(1).toObject().value(QStringLiteral("turn_number")).toInt(), 2);
    QCOMPARE(turns.at(1).toObject().value(QStringLiteral("prompt")).toString(), S("next"));
    QCOMPARE(turns.at(1).toObject().value(QStringLiteral("status")).toString(), S("completed"));
}

void TestServerSessions::promptRules()
{
    // pending: 409 (backend not yet available while provisioning, or already has a pending turn)
    server->setTiming([] { auto t = ServerTiming::fast(); t.stageDelayMs = 40; return t; }());
    const QString id = c->createSession(agent, S("scenario:hang x"));
    Reply r = c->postJson(QStringLiteral("/sessions/%1/prompt").arg(id), {{S("prompt"), S("p")}});
    QCOMPARE(r.status, 409);
    QVERIFY2(r.detail() == S("Session already has a pending turn")
                 || r.detail() == S("Session backend is no longer available; start a new session."),
             r.body.constData());
    QVERIFY(waitForStatus(*server, id, S("running")));
    // running: state check before the body is parsed
    r = c->send("POST", QStringLiteral("/sessions/%1/prompt").arg(id), "not json");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Session is already running"})"));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(id)).status, 200);
    r = c->postJson(QStringLiteral("/sessions/%1/prompt").arg(id), {{S("prompt"), S("p")}});
    QCOMPARE(r.detail(), S("Session has been terminated"));
    // failed
    const QString failed = c->createSession(agent, S("scenario:exit_nonzero x"));
    QVERIFY(waitForStatus(*server, failed, S("failed")));
    r = c->send("POST", QStringLiteral("/sessions/%1/prompt").arg(failed), "not json");
    QCOMPARE(r.detail(), S("Session has failed and cannot be resumed. Start a new session."));
    // completed: the body is parsed (400/422), then accepted
    const QString done = c->createSession(agent);
    QVERIFY(waitForStatus(*server, done, S("completed")));
    QCOMPARE(c->send("POST", QStringLiteral("/sessions/%1/prompt").arg(done), "not json").status, 400);
    r = c->send("POST", QStringLiteral("/sessions/%1/prompt").arg(done), R"({"timeout": 5000})");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.obj().value(QStringLiteral("detail")).toArray().size(), 2);
    QCOMPARE(c->postJson(QStringLiteral("/sessions/%1/prompt").arg(id0), {{S("prompt"), S("p")}}).detail(), S("Session not found"));
    // the quota is not checked on /prompt
    server->setConcurrencyLimit(0);
    QCOMPARE(c->postJson(QStringLiteral("/sessions/%1/prompt").arg(done), {{S("prompt"), S("p")}}).status, 202);
    r = c->postJson(QStringLiteral("/sessions/%1/prompt").arg(done), {{S("prompt"), S("again")}});
    QCOMPARE(r.status, 409); // pending now
    // archived agent: prompts still work
    QVERIFY(waitForStatus(*server, done, S("completed")));
    QCOMPARE(c->post(QStringLiteral("/agents/%1/archive").arg(agent)).status, 200);
    QCOMPARE(c->postJson(QStringLiteral("/sessions/%1/prompt").arg(done), {{S("prompt"), S("p")}}).status, 202);
}

void TestServerSessions::promptBackendErrors()
{
    const QString id = c->createSession(agent);
    QVERIFY(waitForStatus(*server, id, S("completed")));
    server->setPromptBackendError(S("SPRITES_TOKEN is not set"));
    Reply r = c->postJson(QStringLiteral("/sessions/%1/prompt").arg(id), {{S("prompt"), S("p")}});
    QCOMPARE(r.status, 503);
    QCOMPARE(r.detail(), S("SPRITES_TOKEN is not set"));
    server->setPromptBackendError(QString());
    QVERIFY(server->setSandboxGone(id));
    r = c->postJson(QStringLiteral("/sessions/%1/prompt").arg(id), {{S("prompt"), S("p")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Session backend is no longer available; start a new session."));
    QVERIFY(!server->setSandboxGone(id0));
}

void TestServerSessions::interruptPendingAndRunning()
{
    // pending: the turn is aborted before it starts; session completed; prompt possible next
    server->setTiming([] { auto t = ServerTiming::fast(); t.stageDelayMs = 30; return t; }());
    const QString p = c->createSession(agent);
    Reply r = c->post(QStringLiteral("/sessions/%1/interrupt").arg(p));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body, QStringLiteral(R"({"id": "%1", "status": "pending"})").arg(p).toUtf8());
    QVERIFY(waitForStatus(*server, p, S("completed")));
    QJsonArray turns = c->get(QStringLiteral("/sessions/%1/turns").arg(p)).data();
    QCOMPARE(turns.at(0).toObject().value(QStringLiteral("status")).toString(), S("interrupted"));
    QVERIFY(!turns.at(0).toObject().value(QStringLiteral("started_at")).isNull());
    QVERIFY(turns.at(0).toObject().value(QStringLiteral("exit_code")).isNull());
    QCOMPARE(server->sessionOutput(p, S("stderr")), QByteArray("turn aborted: interrupt requested before execution started\n"));
    QVERIFY(c->get(QStringLiteral("/sessions/") + p).obj().value(QStringLiteral("exit_code")).isNull());
    QCOMPARE(c->postJson(QStringLiteral("/sessions/%1/prompt").arg(p), {{S("prompt"), S("again")}}).status, 202);
    QVERIFY(waitForStatus(*server, p, S("completed")));
    turns = c->get(QStringLiteral("/sessions/%1/turns").arg(p)).data();
    QCOMPARE(turns.at(1).toObject().value(QStringLiteral("status")).toString(), S("completed")); // the flag was cleared

    // running: the turn ends interrupted, the session completed, exit code from the process (SIGTERM)
    server->setTiming(ServerTiming::fast());
    const QString h = c->createSession(agent, S("scenario:hang work"));
    QVERIFY(waitForStatus(*server, h, S("running")));
    r = c->post(QStringLiteral("/sessions/%1/interrupt").arg(h));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.obj().value(QStringLiteral("status")).toString(), S("running"));
    QVERIFY(waitForStatus(*server, h, S("completed")));
    const QJsonObject s = c->get(QStringLiteral("/sessions/") + h).obj();
    QCOMPARE(s.value(QStringLiteral("exit_code")).toInt(), 143);
    turns = c->get(QStringLiteral("/sessions/%1/turns").arg(h)).data();
    QCOMPARE(turns.at(0).toObject().value(QStringLiteral("status")).toString(), S("interrupted"));
    QCOMPARE(turns.at(0).toObject().value(QStringLiteral("exit_code")).toInt(), 143);
}

void TestServerSessions::interruptWhenFlagOnlyHonouredAtEnd()
{
    server->setInterruptStopsRunningTurn(false);
    const QString id = c->createSession(agent, S("scenario:slow x"));
    QVERIFY(waitForStatus(*server, id, S("running")));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/interrupt").arg(id)).status, 202);
    QVERIFY(waitForStatus(*server, id, S("completed"), 30000));
    // the turn ran to its natural end (whole transcript) but is recorded as interrupted
    QCOMPARE(server->sessionOutput(id), transcriptFile(S("claude_default.jsonl")));
    const QJsonObject turn = c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data().at(0).toObject();
    QCOMPARE(turn.value(QStringLiteral("status")).toString(), S("interrupted"));
    QCOMPARE(turn.value(QStringLiteral("exit_code")).toInt(), 0);
}

void TestServerSessions::interruptErrors()
{
    const QString done = c->createSession(agent);
    QVERIFY(waitForStatus(*server, done, S("completed")));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/interrupt").arg(done)).body, QByteArray(R"({"detail": "Session has no active turn to interrupt"})"));
    const QString failed = c->createSession(agent, S("scenario:error x"));
    QVERIFY(waitForStatus(*server, failed, S("failed")));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/interrupt").arg(failed)).detail(), S("Session has failed"));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(failed)).status, 200); // failed -> terminated is allowed
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/interrupt").arg(failed)).detail(), S("Session has been terminated"));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/interrupt").arg(id0)).status, 404);
}

void TestServerSessions::terminateRules()
{
    const QString id = c->createSession(agent, S("scenario:hang x"));
    QVERIFY(waitForStatus(*server, id, S("running")));
    Reply r = c->post(QStringLiteral("/sessions/%1/terminate").arg(id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QStringLiteral(R"({"id": "%1", "status": "terminated"})").arg(id).toUtf8());
    QCOMPARE(server->sessionStatus(id), S("terminated")); // synchronous
    r = c->post(QStringLiteral("/sessions/%1/terminate").arg(id));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Session is already terminated"));
    // the turn in flight is finalized later as failed; the session stays terminated
    QTRY_COMPARE_WITH_TIMEOUT(c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data().at(0).toObject().value(QStringLiteral("status")).toString(),
                              S("failed"), 10000);
    QCOMPARE(server->sessionStatus(id), S("terminated"));
    // completed sessions can be terminated too
    const QString done = c->createSession(agent);
    QVERIFY(waitForStatus(*server, done, S("completed")));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(done)).status, 200);
    QCOMPARE(c->get(QStringLiteral("/sessions/") + done).obj().value(QStringLiteral("exit_code")).toInt(), 0);
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(id0)).detail(), S("Session not found"));
}

void TestServerSessions::terminatePendingAbortsTurn()
{
    server->setTiming([] { auto t = ServerTiming::fast(); t.stageDelayMs = 50; return t; }());
    const QString id = c->createSession(agent);
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(id)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(server->sessionOutput(id, S("stderr")), QByteArray("turn aborted: session terminated before execution started\n"), 10000);
    const QJsonObject t = c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data().at(0).toObject();
    QCOMPARE(t.value(QStringLiteral("status")).toString(), S("failed"));
    QCOMPARE(t.value(QStringLiteral("started_at")), t.value(QStringLiteral("ended_at")));
    QVERIFY(!t.value(QStringLiteral("started_at")).isNull());
    QCOMPARE(server->sessionStatus(id), S("terminated"));
}

void TestServerSessions::deleteRules()
{
    const QString id = c->createSession(agent, S("scenario:hang x"));
    Reply r = c->del(QStringLiteral("/sessions/%1/delete").arg(id));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Cannot delete an active session"})"));
    QVERIFY(waitForStatus(*server, id, S("running")));
    QCOMPARE(c->del(QStringLiteral("/sessions/%1/delete").arg(id)).detail(), S("Cannot delete an active session"));
    QCOMPARE(c->post(QStringLiteral("/sessions/%1/terminate").arg(id)).status, 200);
    r = c->del(QStringLiteral("/sessions/%1/delete").arg(id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Session deleted"})"));
    QCOMPARE(c->get(QStringLiteral("/sessions/") + id).status, 404);
    QCOMPARE(c->get(QStringLiteral("/sessions/%1/stream").arg(id)).status, 404);
    QCOMPARE(c->del(QStringLiteral("/sessions/%1/delete").arg(id)).detail(), S("Session not found"));
    QVERIFY(server->sessionLog(id).isEmpty());
    QVERIFY(!c->get(QStringLiteral("/sessions")).body.contains(id.toUtf8()));
}

void TestServerSessions::scenarioExitNonzero()
{
    const QString id = c->createSession(agent, S("scenario:exit_nonzero go"));
    QVERIFY(waitForStatus(*server, id, S("failed")));
    const QJsonObject s = c->get(QStringLiteral("/sessions/") + id).obj();
    QCOMPARE(s.value(QStringLiteral("exit_code")).toInt(), 1);
    const QJsonObject t = c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data().at(0).toObject();
    QCOMPARE(t.value(QStringLiteral("status")).toString(), S("failed"));
    QCOMPARE(t.value(QStringLiteral("exit_code")).toInt(), 1);
    QVERIFY(server->sessionOutput(id).contains("error_during_execution"));
    QVERIFY(server->sessionOutput(id, S("stderr")).endsWith("Error: the agent exited with status 1\n"));
}

void TestServerSessions::scenarioErrorNullExit()
{
    // scenario from the agent's metadata
    const QString erring = c->createAgent({{S("metadata"), QJsonObject{{S("scenario"), S("error")}}}});
    const QString id = c->createSession(erring);
    QVERIFY(waitForStatus(*server, id, S("failed")));
    QVERIFY(c->get(QStringLiteral("/sessions/") + id).obj().value(QStringLiteral("exit_code")).isNull());
    QVERIFY(c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data().at(0).toObject().value(QStringLiteral("exit_code")).isNull());
    const QByteArray out = server->sessionOutput(id);
    QVERIFY(!out.isEmpty());
    QVERIFY(transcriptFile(S("claude_default.jsonl")).startsWith(out)); // cut short
    QVERIFY(out.size() < transcriptFile(S("claude_default.jsonl")).size());
    // the prompt wins over the metadata
    const QString ok = c->createSession(erring, S("scenario:success please"));
    QVERIFY(waitForStatus(*server, ok, S("completed")));
}

void TestServerSessions::scenarioProvisionFail()
{
    const QString id = c->createSession(agent, S("scenario:provision_fail x"));
    QVERIFY(waitForStatus(*server, id, S("failed")));
    const QJsonArray log = server->sessionLog(id);
    const QStringList stages = stageSequence(log);
    QCOMPARE(stages.last(), S("provision_setup/failed"));
    QVERIFY(!stages.contains(S("runtime_start/started")));
    QJsonObject failedStage;
    for (const auto &v : log) {
        if (v.toObject().value(QStringLiteral("state")).toString() == QLatin1String("failed"))
            failedStage = v.toObject();
    }
    QVERIFY(failedStage.value(QStringLiteral("message")).toString().startsWith(S("Provisioning script failed: ")));
    QVERIFY(failedStage.contains(QStringLiteral("duration_ms")));
    const QJsonObject lastRow = log.last().toObject();
    QCOMPARE(lastRow.value(QStringLiteral("stream")).toString(), S("stderr"));
    QCOMPARE(lastRow.value(QStringLiteral("turn")).toInt(), 1);
    QCOMPARE(lastRow.value(QStringLiteral("data")).toString(),
             S("provision failed: ") + failedStage.value(QStringLiteral("message")).toString() + QLatin1Char('\n'));
    const QJsonObject t = c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data().at(0).toObject();
    QCOMPARE(t.value(QStringLiteral("status")).toString(), S("failed"));
    QVERIFY(t.value(QStringLiteral("started_at")).isNull());
    QVERIFY(!t.value(QStringLiteral("ended_at")).isNull());
    QVERIFY(c->get(QStringLiteral("/sessions/") + id).obj().value(QStringLiteral("exit_code")).isNull());
}

void TestServerSessions::scenarioLongAndCodexAndUtf8Split()
{
    const QString longId = c->createSession(agent, S("scenario:long x"));
    const QString codexAgent = c->createAgent({{S("provider"), S("openai")}, {S("model"), S("gpt-5-codex")}});
    const QString codexId = c->createSession(codexAgent, S("write docs"));
    const QString split = c->createSession(agent, S("scenario:utf8_split x"));
    QVERIFY(waitForStatus(*server, longId, S("completed"), 60000));
    QVERIFY(waitForStatus(*server, codexId, S("completed")));
    QVERIFY(waitForStatus(*server, split, S("completed")));
    const QByteArray out = server->sessionOutput(longId);
    QCOMPARE(out.count('\n'), 100000);
    QVERIFY(out.startsWith("line 000001 of 100000\n"));
    QVERIFY(out.endsWith("line 100000 of 100000\n"));
    QCOMPARE(server->sessionOutput(codexId), transcriptFile(S("codex_default.jsonl")));
    QCOMPARE(server->sessionOutput(codexId, S("stderr")), QByteArray("Reading prompt from stdin...\n"));
    QCOMPARE(c->get(QStringLiteral("/sessions/") + codexId).obj().value(QStringLiteral("provider")).toString(), S("openai"));
    // a multi-byte character split across two chunks decodes as U+FFFD (errors="replace")
    QVERIFY(server->sessionOutput(split).contains("\xEF\xBF\xBD"));
}

void TestServerSessions::transcriptSelectionIsByteIdentical()
{
    const QStringList names = server->transcriptNames();
    QVERIFY(names.contains(S("claude_edge")));
    QVERIFY(names.contains(S("codex_default")));
    const QString viaPrompt = c->createSession(agent, S("transcript:claude_edge show the edge cases"));
    const QString viaMeta = c->createSession(c->createAgent({{S("metadata"), QJsonObject{{S("transcript"), S("claude_error")}}}}));
    server->addTranscript(S("mine"), "{\"type\":\"result\",\"subtype\":\"success\"}\n", "warn\n");
    const QString custom = c->createSession(agent, S("scenario:success transcript:mine go"));
    const QString unknown = c->createSession(agent, S("transcript:does_not_exist"));
    for (const QString &id : {viaPrompt, viaMeta, custom})
        QVERIFY(waitForStatus(*server, id, S("completed")));
    QCOMPARE(server->sessionOutput(viaPrompt), transcriptFile(S("claude_edge.jsonl")));
    QCOMPARE(server->sessionOutput(viaMeta), transcriptFile(S("claude_error.jsonl")));
    QCOMPARE(server->sessionOutput(custom), QByteArray("{\"type\":\"result\",\"subtype\":\"success\"}\n"));
    QCOMPARE(server->sessionOutput(custom, S("stderr")), QByteArray("warn\n"));
    QVERIFY(waitForStatus(*server, unknown, S("failed")));
    QVERIFY(server->sessionOutput(unknown, S("stderr")).contains("unknown transcript 'does_not_exist'"));
}

void TestServerSessions::providerIsLive()
{
    const QString id = c->createSession(agent);
    QVERIFY(waitForStatus(*server, id, S("completed")));
    QCOMPARE(c->put(QStringLiteral("/agents/") + agent, R"({"version": 1, "provider": "openai", "model": "gpt-5"})").status, 200);
    QCOMPARE(c->get(QStringLiteral("/sessions/") + id).obj().value(QStringLiteral("provider")).toString(), S("openai"));
    QVERIFY(server->removeAgentRow(agent));
    const QJsonObject s = c->get(QStringLiteral("/sessions/") + id).obj();
    QVERIFY(s.value(QStringLiteral("agent_id")).isNull());
    QCOMPARE(s.value(QStringLiteral("provider")).toString(), S("anthropic")); // from the runtime (claude)
}

void TestServerSessions::perTurnTimeout()
{
    // minimum timeout is 10 s; hang until the timeout makes the command raise
    const QString id = c->createSession(agent, S("scenario:hang x"), {{S("timeout"), 10}});
    QVERIFY(waitForStatus(*server, id, S("running")));
    QVERIFY(waitForStatus(*server, id, S("failed"), 20000));
    QVERIFY(c->get(QStringLiteral("/sessions/") + id).obj().value(QStringLiteral("exit_code")).isNull());
}

void TestServerSessions::seedData()
{
    server->seed();
    const QJsonArray agents = c->get(QStringLiteral("/agents")).data();
    QVERIFY(agents.size() >= 2);
    const QJsonArray envs = c->get(QStringLiteral("/environments")).data();
    QVERIFY(envs.size() >= 2);
    const QJsonArray sessions = c->get(QStringLiteral("/sessions")).data();
    QSet<QString> statuses;
    bool multiTurn = false;
    for (const auto &v : sessions) {
        statuses.insert(v.toObject().value(QStringLiteral("status")).toString());
        multiTurn = multiTurn || v.toObject().value(QStringLiteral("turn_count")).toInt() > 1;
    }
    QVERIFY(statuses.contains(S("completed")));
    QVERIFY(statuses.contains(S("failed")));
    QVERIFY(statuses.contains(S("terminated")));
    QVERIFY(multiTurn);
    bool interrupted = false;
    for (const auto &v : sessions) {
        const QString id = v.toObject().value(QStringLiteral("id")).toString();
        for (const auto &t : c->get(QStringLiteral("/sessions/%1/turns").arg(id)).data())
            interrupted = interrupted || t.toObject().value(QStringLiteral("status")).toString() == QLatin1String("interrupted");
    }
    QVERIFY(interrupted);
    // an archived agent with history exists
    bool versions3 = false;
    for (const auto &v : agents)
        versions3 = versions3 || v.toObject().value(QStringLiteral("version")).toInt() == 3;
    QVERIFY(versions3);
    QCOMPARE(server->sessionIds().size(), sessions.size());
}

void TestServerSessions::listNewestFirst()
{
    const QString a = c->createSession(agent);
    const QString b = c->createSession(agent, S("scenario:exit_nonzero x"));
    const QJsonArray items = c->get(QStringLiteral("/sessions")).data();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toString(), b);
    QCOMPARE(items.at(1).toObject().value(QStringLiteral("id")).toString(), a);
    QCOMPARE(server->sessionIds(), (QStringList{b, a}));
}

QTEST_MAIN(TestServerSessions)
#include "tst_server_sessions.moc"
