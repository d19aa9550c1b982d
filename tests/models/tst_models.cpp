// The SDK's typed models: the realistic payloads of sdk-parity §3 parse and round-trip key for
// key, strict failures name the field, timestamps take both server forms, and the request
// bodies are exactly the §3.4 vectors.
#include <aod/error.h>
#include <aod/models/agent.h>
#include <aod/models/common.h>
#include <aod/models/environment.h>
#include <aod/models/health.h>
#include <aod/models/session.h>

#include "models/json_p.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Aod;

namespace {

QJsonValue fixture(const QString &name)
{
    QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/fixtures/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("bad fixture %s: %s", qPrintable(name), qPrintable(err.errorString()));
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

QJsonObject parseObject(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// Compact text with sorted keys (QJsonObject sorts): readable failure messages.
QByteArray text(const QJsonValue &v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc());
}

template <typename T>
QJsonObject reserialise(const QJsonValue &in, QString *error)
{
    T model;
    if (!T::fromJson(in, model, error))
        return {};
    return model.toJson();
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void agentFull();
    void agentLoose();
    void agentVersion();
    void environmentFixtures();
    void sessionFixtures();
    void turns();
    void acks();
    void health();
    void strictErrors_data();
    void strictErrors();
    void dataListErrorNamesTheItem();
    void timestamps_data();
    void timestamps();
    void formatTimestamp();
    void editsAreWrittenOverRaw();
    void freshModelsSerialiseCompletely();
    void requestBodies_data();
    void requestBodies();
    void agentDraftLegacyStyle();
    void agentPatchDetachAndClear();
    void environmentPatch();
    void skillAndMcpShapes();
    void validationItemJson();
    void detailMessage();
    void statuses();
    void resolvedMountPath();
    void debugOutput();
};

void TestModels::roundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind");
    QTest::newRow("agent full") << QStringLiteral("agent_full.json") << QStringLiteral("agent");
    QTest::newRow("agent loose") << QStringLiteral("agent_loose.json") << QStringLiteral("agent");
    QTest::newRow("agent version") << QStringLiteral("agent_version.json") << QStringLiteral("agentVersion");
    QTest::newRow("environment full") << QStringLiteral("environment_full.json") << QStringLiteral("environment");
    QTest::newRow("environment version") << QStringLiteral("environment_version.json")
                                         << QStringLiteral("environmentVersion");
    QTest::newRow("session full") << QStringLiteral("session_full.json") << QStringLiteral("session");
    QTest::newRow("session legacy") << QStringLiteral("session_legacy.json") << QStringLiteral("session");
    QTest::newRow("turns") << QStringLiteral("session_turns.json") << QStringLiteral("turns");
}

void TestModels::roundTrip()
{
    QFETCH(QString, file);
    QFETCH(QString, kind);
    const QJsonValue in = fixture(file);
    QString error;
    QJsonValue out;
    if (kind == QLatin1String("agent")) {
        out = reserialise<Agent>(in, &error);
    } else if (kind == QLatin1String("agentVersion")) {
        out = reserialise<AgentVersion>(in, &error);
    } else if (kind == QLatin1String("environment")) {
        out = reserialise<Environment>(in, &error);
    } else if (kind == QLatin1String("environmentVersion")) {
        out = reserialise<EnvironmentVersion>(in, &error);
    } else if (kind == QLatin1String("session")) {
        out = reserialise<Session>(in, &error);
    } else {
        QList<SessionTurn> turns;
        QVERIFY2(Json::parseDataList(in, turns, &error), qPrintable(error));
        QJsonArray data;
        for (const SessionTurn &t : turns)
            data.append(t.toJson());
        out = QJsonObject{{QStringLiteral("data"), data}};
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(text(out), text(in));
    QCOMPARE(out, in);
}

void TestModels::agentFull()
{
    Agent a;
    QString error;
    QVERIFY2(Agent::fromJson(fixture(QStringLiteral("agent_full.json")), a, &error), qPrintable(error));
    QCOMPARE(a.id, QStringLiteral("c9d9ab0f-3e2f-4a08-9b58-39b65efb55b2"));
    QCOMPARE(a.raw.value(QLatin1String("type")).toString(), QStringLiteral("agent"));
    QCOMPARE(a.name, QStringLiteral("demo"));
    QCOMPARE(a.description, QStringLiteral("a test agent"));
    QCOMPARE(a.system, QStringLiteral("you are helpful"));
    QCOMPARE(a.provider, QStringLiteral("anthropic"));
    QCOMPARE(a.model, QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(a.environmentId, QStringLiteral("a6aa9a1f-1abf-4f3e-8c8a-53fe3a8bd4c8"));
    QCOMPARE(a.skills.size(), 1);
    QCOMPARE(a.skills.at(0).name, QStringLiteral("web"));
    QVERIFY(!a.skills.at(0).isGithub());
    QVERIFY(a.skills.at(0).description.isNull());
    QVERIFY(a.skills.at(0).raw.value(QLatin1String("config")).isObject());
    QCOMPARE(a.mcpServers.size(), 1);
    QCOMPARE(a.mcpServers.at(0).type, QStringLiteral("stdio"));
    QVERIFY(a.mcpServers.at(0).command.startsWith(QLatin1String("npx")));
    QCOMPARE(a.metadata.value(QLatin1String("team")).toString(), QStringLiteral("platform"));
    QCOMPARE(a.version, 3);
    QCOMPARE(a.createdAt, utc(2026, 4, 22, 5, 15, 16, 910));
    QCOMPARE(a.updatedAt, a.createdAt);
    QVERIFY(!a.archivedAt.isValid());
    QVERIFY(!a.isArchived());
}

void TestModels::agentLoose()
{
    Agent a;
    QString error;
    QVERIFY2(Agent::fromJson(fixture(QStringLiteral("agent_loose.json")), a, &error), qPrintable(error));
    QCOMPARE(a.name, QStringLiteral("loose \u00e9t\u00e9 \U0001F680"));
    QVERIFY(a.description.isNull());
    QVERIFY(a.system.isNull());
    QVERIFY(a.environmentId.isNull());
    // Inline and GitHub skills.
    QCOMPARE(a.skills.size(), 2);
    QCOMPARE(a.skills.at(0).content, QStringLiteral("rules go here"));
    QVERIFY(a.skills.at(1).isGithub());
    QCOMPARE(a.skills.at(1).source, QStringLiteral("ravi-hq/all-skills"));
    QVERIFY(a.skills.at(1).name.isNull());
    // An MCP server without `type` is a url server, and is written back without one.
    QCOMPARE(a.mcpServers.at(0).type, QStringLiteral("url"));
    QVERIFY(!a.mcpServers.at(0).toJson().contains(QLatin1String("type")));
    QCOMPARE(a.mcpServers.at(0).headers.value(QLatin1String("Authorization")).toString(), QStringLiteral("Bearer x"));
    QCOMPARE(a.mcpServers.at(1).args, QStringList{QStringLiteral("--quiet")});
    QCOMPARE(a.mcpServers.at(1).env.value(QLatin1String("DEBUG")).toString(), QStringLiteral("1"));
    QCOMPARE(a.mcpServers.at(1).raw.value(QLatin1String("timeout_ms")).toInt(), 500);
    // Metadata takes any JSON values.
    QCOMPARE(a.metadata.value(QLatin1String("cost_center")).toInt(), 42);
    QVERIFY(a.metadata.value(QLatin1String("owner")).isNull());
    QVERIFY(a.metadata.value(QLatin1String("tags")).isArray());
    // Timestamps without fraction, with "Z", with microseconds.
    QCOMPARE(a.createdAt, utc(2026, 4, 22, 5, 15, 16));
    QCOMPARE(a.updatedAt, utc(2026, 4, 23, 8, 0, 0, 500));
    QCOMPARE(a.archivedAt, utc(2026, 4, 24, 9, 30, 0, 123));
    QVERIFY(a.isArchived());
    QCOMPARE(a.raw.value(QLatin1String("future_field")).toObject().value(QLatin1String("shape")).toString(),
             QStringLiteral("unknown"));
}

void TestModels::agentVersion()
{
    AgentVersion v;
    QString error;
    QVERIFY2(AgentVersion::fromJson(fixture(QStringLiteral("agent_version.json")), v, &error), qPrintable(error));
    QCOMPARE(v.agentId, QStringLiteral("c9d9ab0f-3e2f-4a08-9b58-39b65efb55b2"));
    QCOMPARE(v.version, 1);
    QVERIFY(v.description.isNull());
    QVERIFY(v.system.isNull());
    QVERIFY(v.environmentId.isNull());
    QVERIFY(v.skills.isEmpty());
    QVERIFY(v.mcpServers.isEmpty());
    QVERIFY(v.metadata.isEmpty());
    QCOMPARE(v.createdAt, utc(2026, 4, 22, 5, 15, 16, 910));
    QVERIFY(!v.toJson().contains(QLatin1String("updated_at")));
    QVERIFY(!v.toJson().contains(QLatin1String("archived_at")));
}

void TestModels::environmentFixtures()
{
    Environment e;
    QString error;
    QVERIFY2(Environment::fromJson(fixture(QStringLiteral("environment_full.json")), e, &error), qPrintable(error));
    QCOMPARE(e.name, QStringLiteral("prod"));
    const QMap<QString, QStringList> packages{
        {QStringLiteral("apt"), {QStringLiteral("jq"), QStringLiteral("curl")}},
        {QStringLiteral("npm"), {QStringLiteral("typescript")}}};
    QCOMPARE(e.packages, packages);
    QCOMPARE(e.setupScript, QStringLiteral("echo hello"));
    QVERIFY(e.networking.isLimited());
    QCOMPARE(e.networking.allowedHosts, QStringList{QStringLiteral("api.github.com")});
    QCOMPARE(e.version, 2);
    QVERIFY(!e.isArchived());

    EnvironmentVersion v;
    QVERIFY2(EnvironmentVersion::fromJson(fixture(QStringLiteral("environment_version.json")), v, &error),
             qPrintable(error));
    QCOMPARE(v.environmentId, e.id);
    QVERIFY(v.packages.isEmpty());
    QVERIFY(v.setupScript.isNull());
    QCOMPARE(v.networking.type, QStringLiteral("unrestricted"));
    QVERIFY(v.networking.allowedHosts.isEmpty());
    QVERIFY(!v.networking.toJson().contains(QLatin1String("allowed_hosts")));
}

void TestModels::sessionFixtures()
{
    Session s;
    QString error;
    QVERIFY2(Session::fromJson(fixture(QStringLiteral("session_full.json")), s, &error), qPrintable(error));
    QCOMPARE(s.provider, QStringLiteral("anthropic"));
    QCOMPARE(s.status, SessionStatus::Completed);
    QCOMPARE(s.statusString, QStringLiteral("completed"));
    QVERIFY(s.isTerminal());
    QVERIFY(!s.isActive());
    QCOMPARE(s.exitCode, std::optional<int>(0));
    QCOMPARE(s.resources.size(), 1);
    QCOMPARE(s.resources.at(0).type, QStringLiteral("github_repository"));
    QCOMPARE(s.resources.at(0).url, QStringLiteral("https://github.com/ravi-hq/agent-on-demand"));
    QCOMPARE(s.resources.at(0).mountPath, QStringLiteral("/workspace/agent-on-demand"));
    QCOMPARE(s.turnCount, 3);
    QCOMPARE(s.currentTurn, std::optional<int>(3));
    QCOMPARE(s.updatedAt, utc(2026, 4, 22, 5, 20, 0));
    // ".000000" is not what isoformat() writes, but the text as received is kept.
    QCOMPARE(s.toJson().value(QLatin1String("updated_at")).toString(),
             QStringLiteral("2026-04-22T05:20:00.000000+00:00"));

    Session legacy;
    QVERIFY2(Session::fromJson(fixture(QStringLiteral("session_legacy.json")), legacy, &error), qPrintable(error));
    QVERIFY(legacy.agentId.isNull());
    QVERIFY(legacy.environmentId.isNull());
    QCOMPARE(legacy.provider, QStringLiteral("gemini"));
    QCOMPARE(legacy.status, SessionStatus::Failed);
    QVERIFY(!legacy.exitCode.has_value());
    QVERIFY(!legacy.currentTurn.has_value());
    QCOMPARE(legacy.turnCount, 0);

    // turn_count is optional (the Python model defaults it to 0); unknown statuses are kept.
    QJsonObject loose = fixture(QStringLiteral("session_legacy.json")).toObject();
    loose.remove(QLatin1String("turn_count"));
    loose.insert(QLatin1String("status"), QStringLiteral("paused"));
    Session future;
    QVERIFY2(Session::fromJson(loose, future, &error), qPrintable(error));
    QCOMPARE(future.status, SessionStatus::Unknown);
    QCOMPARE(future.statusString, QStringLiteral("paused"));
    QCOMPARE(future.toJson().value(QLatin1String("status")).toString(), QStringLiteral("paused"));
}

void TestModels::turns()
{
    QList<SessionTurn> turns;
    QString error;
    QVERIFY2(Json::parseDataList(fixture(QStringLiteral("session_turns.json")), turns, &error), qPrintable(error));
    QCOMPARE(turns.size(), 3);
    QCOMPARE(turns.at(0).turnNumber, 1);
    QCOMPARE(turns.at(0).prompt, QStringLiteral("hi"));
    QCOMPARE(turns.at(0).status, TurnStatus::Completed);
    QCOMPARE(turns.at(0).exitCode, std::optional<int>(0));
    QCOMPARE(turns.at(0).startedAt, utc(2026, 4, 22, 5, 15, 40));
    QCOMPARE(turns.at(0).endedAt, utc(2026, 4, 22, 5, 16, 2));
    QCOMPARE(turns.at(1).prompt, QString());
    QVERIFY(!turns.at(1).prompt.isNull());
    QCOMPARE(turns.at(1).status, TurnStatus::Interrupted);
    QVERIFY(!turns.at(1).exitCode);
    QVERIFY(!turns.at(1).startedAt.isValid());
    QCOMPARE(turns.at(1).endedAt, utc(2026, 4, 22, 5, 17, 1, 500));
    QCOMPARE(turns.at(2).status, TurnStatus::Pending);
    QVERIFY(!turns.at(2).endedAt.isValid());
}

void TestModels::acks()
{
    SessionAck ack;
    QString error;
    QVERIFY2(SessionAck::fromJson(fixture(QStringLiteral("session_create_ack.json")), ack, &error), qPrintable(error));
    QCOMPARE(ack.status, SessionStatus::Pending);
    QCOMPARE(ack.currentTurn, std::optional<int>(1));
    QCOMPARE(ack.streamUrl, QStringLiteral("/sessions/3f5e8a8b-9d48-4d70-b7e2-5f1e2d3cabef/stream"));
    QVERIFY(ack.environmentId.isNull());
    QVERIFY(ack.resources.isEmpty());

    SessionAck minimal;
    QVERIFY2(SessionAck::fromJson(fixture(QStringLiteral("session_minimal_ack.json")), minimal, &error),
             qPrintable(error));
    QCOMPARE(minimal.statusString, QStringLiteral("pending"));
    QVERIFY(minimal.streamUrl.isNull());
    QVERIFY(!minimal.currentTurn);

    SessionAck prompt;
    QVERIFY(SessionAck::fromJson(fixture(QStringLiteral("session_prompt_ack.json")), prompt, &error));
    QCOMPARE(prompt.currentTurn, std::optional<int>(2));

    SessionAck interrupt;
    QVERIFY(SessionAck::fromJson(fixture(QStringLiteral("session_interrupt_ack.json")), interrupt, &error));
    QCOMPARE(interrupt.status, SessionStatus::Running);

    SessionAck terminate;
    QVERIFY(SessionAck::fromJson(fixture(QStringLiteral("session_terminate_ack.json")), terminate, &error));
    QCOMPARE(terminate.status, SessionStatus::Terminated);
    QCOMPARE(terminate.raw, fixture(QStringLiteral("session_terminate_ack.json")).toObject());

    QVERIFY(!SessionAck::fromJson(parseObject("{\"status\":\"pending\"}"), ack, &error));
    QCOMPARE(error, QStringLiteral("missing field 'id'"));
}

void TestModels::health()
{
    Health h;
    QString error;
    QVERIFY2(Health::fromJson(fixture(QStringLiteral("health_ok.json")), h, &error), qPrintable(error));
    QVERIFY(h.isOk());
    QCOMPARE(h.checks.value(QStringLiteral("db")), QStringLiteral("ok"));
    QCOMPARE(h.checks.value(QStringLiteral("crypto")), QStringLiteral("ok"));

    Health degraded;
    QVERIFY(Health::fromJson(fixture(QStringLiteral("health_degraded.json")), degraded, &error));
    QVERIFY(!degraded.isOk());
    QCOMPARE(degraded.checks.value(QStringLiteral("db")), QStringLiteral("fail: OperationalError"));

    Health minimal;
    QVERIFY(Health::fromJson(fixture(QStringLiteral("health_minimal.json")), minimal, &error));
    QVERIFY(minimal.isOk());
    QVERIFY(minimal.checks.isEmpty());

    QVERIFY(!Health::fromJson(QJsonValue(QStringLiteral("ok")), minimal, &error));
    QVERIFY(!Health::fromJson(parseObject("{\"checks\":{}}"), minimal, &error));
    QCOMPARE(error, QStringLiteral("missing field 'status'"));
}

void TestModels::strictErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value"); // Undefined: remove the key
    QTest::addColumn<QString>("expected");

    const QJsonValue remove(QJsonValue::Undefined);
    const QString agent = QStringLiteral("agent");
    const QString af = QStringLiteral("agent_full.json");
    QTest::newRow("agent: missing id") << agent << af << QStringLiteral("id") << remove
                                       << QStringLiteral("missing field 'id'");
    QTest::newRow("agent: id not a string") << agent << af << QStringLiteral("id") << QJsonValue(12)
                                            << QStringLiteral("field 'id' is not a string");
    QTest::newRow("agent: missing name") << agent << af << QStringLiteral("name") << remove
                                         << QStringLiteral("missing field 'name'");
    QTest::newRow("agent: null provider") << agent << af << QStringLiteral("provider") << QJsonValue(QJsonValue::Null)
                                          << QStringLiteral("field 'provider' is not a string");
    QTest::newRow("agent: version as text") << agent << af << QStringLiteral("version") << QJsonValue(QStringLiteral("3"))
                                            << QStringLiteral("field 'version' is not an integer");
    QTest::newRow("agent: fractional version") << agent << af << QStringLiteral("version") << QJsonValue(3.5)
                                               << QStringLiteral("field 'version' is not an integer");
    QTest::newRow("agent: huge version") << agent << af << QStringLiteral("version") << QJsonValue(1e12)
                                         << QStringLiteral("field 'version' is not an integer");
    QTest::newRow("agent: description a number") << agent << af << QStringLiteral("description") << QJsonValue(1)
                                                 << QStringLiteral("field 'description' is not a string or null");
    QTest::newRow("agent: bad created_at") << agent << af << QStringLiteral("created_at")
                                           << QJsonValue(QStringLiteral("2026-04-22 05:15:16"))
                                           << QStringLiteral("field 'created_at' is not a valid timestamp");
    QTest::newRow("agent: missing updated_at") << agent << af << QStringLiteral("updated_at") << remove
                                               << QStringLiteral("missing field 'updated_at'");
    QTest::newRow("agent: archived_at a number") << agent << af << QStringLiteral("archived_at") << QJsonValue(0)
                                                 << QStringLiteral("field 'archived_at' is not a valid timestamp or null");
    QTest::newRow("agent: skills an object") << agent << af << QStringLiteral("skills") << QJsonValue(QJsonObject())
                                             << QStringLiteral("field 'skills' is not an array");
    QTest::newRow("agent: skill not an object") << agent << af << QStringLiteral("skills")
                                                << QJsonValue(QJsonArray{QJsonObject(), QStringLiteral("x")})
                                                << QStringLiteral("field 'skills[1]' is not an object");
    QTest::newRow("agent: mcp server not an object") << agent << af << QStringLiteral("mcp_servers")
                                                     << QJsonValue(QJsonArray{1})
                                                     << QStringLiteral("field 'mcp_servers[0]' is not an object");
    QTest::newRow("agent: metadata an array") << agent << af << QStringLiteral("metadata") << QJsonValue(QJsonArray())
                                              << QStringLiteral("field 'metadata' is not an object");

    const QString env = QStringLiteral("environment");
    const QString ef = QStringLiteral("environment_full.json");
    QTest::newRow("environment: packages value") << env << ef << QStringLiteral("packages")
                                                 << QJsonValue(QJsonObject{{QStringLiteral("apt"), QStringLiteral("jq")}})
                                                 << QStringLiteral("field 'packages.apt' is not an array");
    QTest::newRow("environment: networking a string") << env << ef << QStringLiteral("networking")
                                                      << QJsonValue(QStringLiteral("limited"))
                                                      << QStringLiteral("field 'networking' is not an object");
    QTest::newRow("environment: setup_script a list") << env << ef << QStringLiteral("setup_script")
                                                      << QJsonValue(QJsonArray())
                                                      << QStringLiteral("field 'setup_script' is not a string or null");

    const QString session = QStringLiteral("session");
    const QString sf = QStringLiteral("session_full.json");
    QTest::newRow("session: missing status") << session << sf << QStringLiteral("status") << remove
                                             << QStringLiteral("missing field 'status'");
    QTest::newRow("session: exit_code text") << session << sf << QStringLiteral("exit_code")
                                             << QJsonValue(QStringLiteral("0"))
                                             << QStringLiteral("field 'exit_code' is not an integer or null");
    QTest::newRow("session: resource without url")
        << session << sf << QStringLiteral("resources")
        << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("github_repository")}}})
        << QStringLiteral("resources[0]: missing field 'url'");
    QTest::newRow("session: turn_count text") << session << sf << QStringLiteral("turn_count")
                                              << QJsonValue(QStringLiteral("3"))
                                              << QStringLiteral("field 'turn_count' is not an integer");

    QTest::newRow("agent version: missing created_at") << QStringLiteral("agentVersion")
                                                       << QStringLiteral("agent_version.json")
                                                       << QStringLiteral("created_at") << remove
                                                       << QStringLiteral("missing field 'created_at'");
    QTest::newRow("environment version: missing version") << QStringLiteral("environmentVersion")
                                                           << QStringLiteral("environment_version.json")
                                                           << QStringLiteral("version") << remove
                                                           << QStringLiteral("missing field 'version'");
}

void TestModels::strictErrors()
{
    QFETCH(QString, kind);
    QFETCH(QString, file);
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);

    QJsonObject obj = fixture(file).toObject();
    if (value.isUndefined())
        obj.remove(key);
    else
        obj.insert(key, value);

    QString error;
    bool ok = true;
    if (kind == QLatin1String("agent")) {
        Agent a;
        a.name = QStringLiteral("untouched");
        ok = Agent::fromJson(obj, a, &error);
        QCOMPARE(a.name, QStringLiteral("untouched")); // out is left alone on failure
    } else if (kind == QLatin1String("agentVersion")) {
        AgentVersion v;
        ok = AgentVersion::fromJson(obj, v, &error);
    } else if (kind == QLatin1String("environment")) {
        Environment e;
        ok = Environment::fromJson(obj, e, &error);
    } else if (kind == QLatin1String("environmentVersion")) {
        EnvironmentVersion v;
        ok = EnvironmentVersion::fromJson(obj, v, &error);
    } else {
        Session s;
        ok = Session::fromJson(obj, s, &error);
    }
    QVERIFY(!ok);
    QCOMPARE(error, expected);
}

void TestModels::dataListErrorNamesTheItem()
{
    QJsonArray data{fixture(QStringLiteral("agent_full.json")), QJsonObject{{QStringLiteral("id"), QStringLiteral("x")}}};
    QList<Agent> agents;
    QString error;
    QVERIFY(!Json::parseDataList(QJsonObject{{QStringLiteral("data"), data}}, agents, &error));
    QCOMPARE(error, QStringLiteral("data[1]: missing field 'name'"));

    // Not-an-object inputs are refused with a message, not a crash.
    Agent a;
    QVERIFY(!Agent::fromJson(QJsonValue(QJsonArray()), a, &error));
    QVERIFY(!error.isEmpty());
    Environment e;
    QVERIFY(!Environment::fromJson(QJsonValue(), e, &error));
    QVERIFY(!error.isEmpty());
    // A null error pointer is allowed.
    Session s;
    QVERIFY(!Session::fromJson(QJsonValue(1), s, nullptr));
    QVERIFY(!Session::fromJson(parseObject("{\"id\":\"x\"}"), s, nullptr));
}

void TestModels::timestamps_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QDateTime>("expected"); // invalid: rejected

    QTest::newRow("microseconds +00:00") << QStringLiteral("2026-04-22T05:15:16.910301+00:00")
                                         << utc(2026, 4, 22, 5, 15, 16, 910);
    QTest::newRow("no fraction +00:00") << QStringLiteral("2026-04-22T05:15:16+00:00") << utc(2026, 4, 22, 5, 15, 16);
    QTest::newRow("Z") << QStringLiteral("2026-04-22T05:15:16Z") << utc(2026, 4, 22, 5, 15, 16);
    QTest::newRow("fraction Z") << QStringLiteral("2026-04-22T05:15:16.5Z") << utc(2026, 4, 22, 5, 15, 16, 500);
    QTest::newRow("truncated, not rounded") << QStringLiteral("2026-04-22T05:15:16.999999+00:00")
                                            << utc(2026, 4, 22, 5, 15, 16, 999);
    QTest::newRow("nanoseconds") << QStringLiteral("2026-04-22T05:15:16.123456789Z") << utc(2026, 4, 22, 5, 15, 16, 123);
    QTest::newRow("positive offset") << QStringLiteral("2026-04-22T07:15:16+02:00") << utc(2026, 4, 22, 5, 15, 16);
    QTest::newRow("negative offset crosses a day") << QStringLiteral("2026-04-21T23:00:00-06:30")
                                                   << utc(2026, 4, 22, 5, 30, 0);
    QTest::newRow("no offset") << QStringLiteral("2026-04-22T05:15:16") << QDateTime();
    QTest::newRow("space separator") << QStringLiteral("2026-04-22 05:15:16+00:00") << QDateTime();
    QTest::newRow("bad month") << QStringLiteral("2026-13-22T05:15:16+00:00") << QDateTime();
    QTest::newRow("bad day") << QStringLiteral("2026-02-30T05:15:16+00:00") << QDateTime();
    QTest::newRow("bad hour") << QStringLiteral("2026-04-22T24:00:00+00:00") << QDateTime();
    QTest::newRow("bad offset") << QStringLiteral("2026-04-22T05:15:16+25:00") << QDateTime();
    QTest::newRow("empty fraction") << QStringLiteral("2026-04-22T05:15:16.+00:00") << QDateTime();
    QTest::newRow("trailing text") << QStringLiteral("2026-04-22T05:15:16+00:00x") << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
}

void TestModels::timestamps()
{
    QFETCH(QString, input);
    QFETCH(QDateTime, expected);
    const QDateTime t = parseTimestamp(input);
    QCOMPARE(t.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(t, expected);
        QCOMPARE(t.timeSpec(), Qt::UTC);
    }
}

void TestModels::formatTimestamp()
{
    QCOMPARE(Aod::formatTimestamp(utc(2026, 4, 22, 5, 15, 16)), QStringLiteral("2026-04-22T05:15:16+00:00"));
    QCOMPARE(Aod::formatTimestamp(utc(2026, 4, 22, 5, 15, 16, 910)), QStringLiteral("2026-04-22T05:15:16.910000+00:00"));
    QCOMPARE(Aod::formatTimestamp(utc(2026, 4, 22, 5, 15, 16, 7)), QStringLiteral("2026-04-22T05:15:16.007000+00:00"));
    const QDateTime plusTwo(QDate(2026, 4, 22), QTime(7, 15, 16), QTimeZone(7200));
    QCOMPARE(Aod::formatTimestamp(plusTwo), QStringLiteral("2026-04-22T05:15:16+00:00"));
    QCOMPARE(Aod::formatTimestamp(QDateTime()), QString());
    // Round trip through the parser.
    const QDateTime t = utc(2030, 1, 2, 3, 4, 5, 60);
    QCOMPARE(parseTimestamp(Aod::formatTimestamp(t)), t);
}

void TestModels::editsAreWrittenOverRaw()
{
    Agent a;
    QString error;
    QVERIFY(Agent::fromJson(fixture(QStringLiteral("agent_full.json")), a, &error));
    a.name = QStringLiteral("renamed");
    a.description = QString();               // null again
    a.environmentId = QString();             // detached
    a.version = 4;
    a.updatedAt = utc(2026, 5, 1, 0, 0, 0);
    a.archivedAt = utc(2026, 5, 2, 0, 0, 0, 250);
    a.skills.append(AgentSkill::github(QStringLiteral("o/r"), QStringLiteral("d")));
    const QJsonObject o = a.toJson();
    QCOMPARE(o.value(QLatin1String("name")).toString(), QStringLiteral("renamed"));
    QVERIFY(o.value(QLatin1String("description")).isNull());
    QVERIFY(o.value(QLatin1String("environment_id")).isNull());
    QCOMPARE(o.value(QLatin1String("version")).toInt(), 4);
    QCOMPARE(o.value(QLatin1String("updated_at")).toString(), QStringLiteral("2026-05-01T00:00:00+00:00"));
    QCOMPARE(o.value(QLatin1String("archived_at")).toString(), QStringLiteral("2026-05-02T00:00:00.250000+00:00"));
    // Unchanged fields keep the server's text.
    QCOMPARE(o.value(QLatin1String("created_at")).toString(), QStringLiteral("2026-04-22T05:15:16.910301+00:00"));
    QCOMPARE(o.value(QLatin1String("skills")).toArray().size(), 2);
    QCOMPARE(o.value(QLatin1String("skills")).toArray().at(1).toObject(),
             parseObject("{\"type\":\"github\",\"source\":\"o/r\",\"description\":\"d\"}"));

    Session s;
    QVERIFY(Session::fromJson(fixture(QStringLiteral("session_full.json")), s, &error));
    s.status = SessionStatus::Terminated; // statusString is stale now: the typed value wins
    s.exitCode.reset();
    s.currentTurn = 4;
    const QJsonObject so = s.toJson();
    QCOMPARE(so.value(QLatin1String("status")).toString(), QStringLiteral("terminated"));
    QVERIFY(so.value(QLatin1String("exit_code")).isNull());
    QCOMPARE(so.value(QLatin1String("current_turn")).toInt(), 4);

    Environment e;
    QVERIFY(Environment::fromJson(fixture(QStringLiteral("environment_full.json")), e, &error));
    e.networking.allowedHosts.append(QStringLiteral("pypi.org"));
    e.packages.remove(QStringLiteral("npm"));
    const QJsonObject eo = e.toJson();
    QCOMPARE(eo.value(QLatin1String("networking")).toObject(),
             parseObject("{\"type\":\"limited\",\"allowed_hosts\":[\"api.github.com\",\"pypi.org\"]}"));
    QCOMPARE(eo.value(QLatin1String("packages")).toObject(), parseObject("{\"apt\":[\"jq\",\"curl\"]}"));
}

void TestModels::freshModelsSerialiseCompletely()
{
    Agent a;
    a.id = QStringLiteral("id-1");
    a.name = QStringLiteral("n");
    a.provider = QStringLiteral("openai");
    a.model = QStringLiteral("gpt");
    a.version = 1;
    a.createdAt = utc(2026, 1, 1, 0, 0, 0);
    a.updatedAt = a.createdAt;
    const QJsonObject o = a.toJson();
    const QStringList keys{QStringLiteral("archived_at"), QStringLiteral("created_at"), QStringLiteral("description"),
                           QStringLiteral("environment_id"), QStringLiteral("id"), QStringLiteral("mcp_servers"),
                           QStringLiteral("metadata"), QStringLiteral("model"), QStringLiteral("name"),
                           QStringLiteral("provider"), QStringLiteral("skills"), QStringLiteral("system"),
                           QStringLiteral("type"), QStringLiteral("updated_at"), QStringLiteral("version")};
    QCOMPARE(o.keys(), keys);
    // And it parses back to the same values.
    Agent back;
    QString error;
    QVERIFY2(Agent::fromJson(o, back, &error), qPrintable(error));
    QCOMPARE(back.toJson(), o);
    QCOMPARE(back.createdAt, a.createdAt);

    Environment e;
    e.id = QStringLiteral("e");
    e.name = QStringLiteral("n");
    e.version = 1;
    e.createdAt = e.updatedAt = utc(2026, 1, 1, 0, 0, 0);
    Environment eback;
    QVERIFY2(Environment::fromJson(e.toJson(), eback, &error), qPrintable(error));
    QCOMPARE(eback.toJson().value(QLatin1String("networking")).toObject(), parseObject("{\"type\":\"unrestricted\"}"));

    Session s;
    s.id = QStringLiteral("s");
    s.provider = QStringLiteral("anthropic");
    s.status = SessionStatus::Running;
    s.createdAt = s.updatedAt = utc(2026, 1, 1, 0, 0, 0);
    const QJsonObject so = s.toJson();
    QCOMPARE(so.value(QLatin1String("status")).toString(), QStringLiteral("running"));
    Session sback;
    QVERIFY2(Session::fromJson(so, sback, &error), qPrintable(error));
    QCOMPARE(sback.status, SessionStatus::Running);
}

void TestModels::requestBodies_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QJsonObject>("body");

    {
        AgentDraft d;
        d.name = QStringLiteral("created");
        d.model = QStringLiteral("m");
        d.provider = QStringLiteral("p");
        d.system = QStringLiteral("be helpful");
        d.description = QStringLiteral("demo agent");
        d.metadata = QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}};
        QTest::newRow("agents.create all fields") << QStringLiteral("agent_create_full.json") << d.toJson();
    }
    {
        AgentDraft d;
        d.name = QStringLiteral("x");
        d.model = QStringLiteral("m");
        d.provider = QStringLiteral("p");
        QTest::newRow("agents.create minimal") << QStringLiteral("agent_create_minimal.json") << d.toJson();
    }
    {
        AgentDraft d;
        d.name = QStringLiteral("demo");
        d.model = QStringLiteral("anthropic/claude-sonnet-4-6");
        d.runtime = QStringLiteral("claude");
        QTest::newRow("agents.create legacy style") << QStringLiteral("agent_create_legacy.json") << d.toJson();
    }
    {
        AgentDraft d;
        d.name = QStringLiteral("x");
        d.model = QStringLiteral("m");
        d.provider = QStringLiteral("anthropic");
        d.skills = {AgentSkill::inlineSkill(QStringLiteral("careful"), QStringLiteral("Be careful"),
                                            QStringLiteral("rules go here")),
                    AgentSkill::github(QStringLiteral("ravi-hq/skills"), QStringLiteral("Browser automation"),
                                       QStringLiteral("browse")),
                    AgentSkill::github(QStringLiteral("ravi-hq/all-skills"), QStringLiteral("Whole repo"))};
        McpServer docs;
        docs.name = QStringLiteral("docs");
        docs.url = QStringLiteral("https://docs.example/mcp");
        McpServer local;
        local.name = QStringLiteral("local");
        local.type = QStringLiteral("stdio");
        local.command = QStringLiteral("my-mcp-server");
        local.args = {QStringLiteral("--quiet")};
        d.mcpServers = {docs, local};
        QTest::newRow("typed skills and MCP") << QStringLiteral("agent_create_skills_mcp.json") << d.toJson();
    }
    {
        AgentPatch p;
        p.version = 1;
        p.name = QStringLiteral("renamed");
        QTest::newRow("agents.update rename") << QStringLiteral("agent_update_rename.json") << p.toJson();
    }
    {
        AgentPatch p;
        p.version = 1;
        p.detachEnvironment();
        QTest::newRow("agents.update detach") << QStringLiteral("agent_update_detach.json") << p.toJson();
    }
    {
        EnvironmentDraft d;
        d.name = QStringLiteral("prod");
        d.packages = {{QStringLiteral("apt"), {QStringLiteral("jq")}}};
        d.envVars = {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-...")}};
        d.networking.type = QStringLiteral("limited");
        d.networking.allowedHosts = {QStringLiteral("api.github.com")};
        QTest::newRow("environments.create") << QStringLiteral("environment_create.json") << d.toJson();
    }
    {
        SessionDraft d;
        d.agentId = QStringLiteral("c9d9ab0f-3e2f-4a08-9b58-39b65efb55b2");
        d.prompt = QStringLiteral("hello");
        RepositoryResource privateRepo;
        privateRepo.url = QStringLiteral("https://github.com/me/repo");
        privateRepo.authorizationToken = QStringLiteral("ghp_secret");
        RepositoryResource mounted;
        mounted.url = QStringLiteral("https://github.com/me/other.git");
        mounted.mountPath = QStringLiteral("/repo");
        d.resources = {privateRepo, mounted};
        d.secretEnvVars = {{QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-secret")}};
        QTest::newRow("sessions.create resources") << QStringLiteral("session_create_resources.json") << d.toJson();
    }
    {
        PromptRequest p;
        p.prompt = QStringLiteral("next");
        p.timeout = 60;
        QTest::newRow("sessions.prompt") << QStringLiteral("session_prompt.json") << p.toJson();
    }
}

void TestModels::requestBodies()
{
    QFETCH(QString, file);
    QFETCH(QJsonObject, body);
    const QJsonObject expected = fixture(QStringLiteral("requests/") + file).toObject();
    QCOMPARE(text(body), text(expected));
    QCOMPARE(body, expected);
}

void TestModels::agentDraftLegacyStyle()
{
    AgentDraft d;
    d.name = QStringLiteral("demo");
    d.model = QStringLiteral("claude-sonnet-4-6");
    d.runtime = QStringLiteral("claude");
    QCOMPARE(d.effectiveProvider(), QStringLiteral("anthropic"));
    QVERIFY(!d.toJson().contains(QLatin1String("runtime")));
    d.runtime = QStringLiteral("codex");
    QCOMPARE(d.effectiveProvider(), QStringLiteral("openai"));
    d.model = QStringLiteral("openai/gpt-5");
    d.runtime.clear();
    QCOMPARE(d.effectiveProvider(), QStringLiteral("openai"));
    // An explicit provider always wins, even against a prefix.
    d.provider = QStringLiteral("anthropic");
    QCOMPARE(d.effectiveProvider(), QStringLiteral("anthropic"));
    // Nothing to derive from: no provider key at all.
    AgentDraft none;
    none.name = QStringLiteral("n");
    none.model = QStringLiteral("x");
    none.runtime = QStringLiteral("gemini");
    QVERIFY(none.effectiveProvider().isEmpty());
    QVERIFY(!none.toJson().contains(QLatin1String("provider")));
    // Empty optional values are not sent.
    AgentDraft empty;
    empty.name = QStringLiteral("n");
    empty.model = QStringLiteral("m");
    empty.provider = QStringLiteral("openai");
    empty.system = QStringLiteral("");
    empty.environmentId = QStringLiteral("");
    QCOMPARE(empty.toJson().keys(),
             (QStringList{QStringLiteral("model"), QStringLiteral("name"), QStringLiteral("provider")}));
}

void TestModels::agentPatchDetachAndClear()
{
    AgentPatch p;
    p.version = 5;
    QCOMPARE(p.toJson(), parseObject("{\"version\":5}"));
    p.description = QStringLiteral("");
    p.system = QString(); // set, but null: still clears
    p.environmentId = QStringLiteral("a6aa9a1f-1abf-4f3e-8c8a-53fe3a8bd4c8");
    p.metadata = parseObject("{\"drop\":\"\",\"keep\":null,\"n\":1}");
    p.skills = QList<AgentSkill>();
    p.mcpServers = QList<McpServer>();
    QCOMPARE(p.toJson(), parseObject("{\"version\":5,\"description\":\"\",\"system\":\"\",\"environment_id\":\"a6aa9a1f-1abf-4f3e-8c8a-53fe3a8bd4c8\",\"metadata\":{\"drop\":\"\",\"keep\":null,\"n\":1},\"skills\":[],\"mcp_servers\":[]}"));
    p.environmentId = QStringLiteral("");
    QVERIFY(p.toJson().value(QLatin1String("environment_id")).isNull());
    QVERIFY(p.toJson().contains(QLatin1String("environment_id")));
}

void TestModels::environmentPatch()
{
    EnvironmentPatch p;
    p.version = 2;
    QCOMPARE(p.toJson(), parseObject("{\"version\":2}"));
    p.envVars = QMap<QString, QString>(); // replace wholesale: {} deletes every variable
    p.setupScript = QStringLiteral("");
    Networking open;
    p.networking = open;
    p.packages = QMap<QString, QStringList>{{QStringLiteral("pip"), {QStringLiteral("requests")}}};
    QCOMPARE(p.toJson(), parseObject("{\"version\":2,\"env_vars\":{},\"setup_script\":\"\",\"networking\":{\"type\":\"unrestricted\"},\"packages\":{\"pip\":[\"requests\"]}}"));

    // A draft with the default networking leaves it out.
    EnvironmentDraft d;
    d.name = QStringLiteral("dev");
    QCOMPARE(d.toJson(), parseObject("{\"name\":\"dev\"}"));
}

void TestModels::skillAndMcpShapes()
{
    // Unknown shapes keep their object; typed values are written over it.
    AgentSkill odd = AgentSkill::fromJson(parseObject("{\"name\":\"web\",\"config\":{\"a\":1},\"type\":7}"));
    QVERIFY(odd.type.isNull());
    QCOMPARE(odd.toJson(), parseObject("{\"name\":\"web\",\"config\":{\"a\":1},\"type\":7}"));
    odd.name = QStringLiteral("web2");
    QCOMPARE(odd.toJson().value(QLatin1String("name")).toString(), QStringLiteral("web2"));
    QVERIFY(odd == AgentSkill::fromJson(odd.toJson()));

    McpServer s = McpServer::fromJson(parseObject("{\"name\":\"x\",\"url\":\"u\"}"));
    QCOMPARE(s.type, QStringLiteral("url"));
    QCOMPARE(s.toJson(), parseObject("{\"name\":\"x\",\"url\":\"u\"}"));
    s.type = QStringLiteral("stdio");
    s.command = QStringLiteral("c");
    QCOMPARE(s.toJson().value(QLatin1String("type")).toString(), QStringLiteral("stdio"));
    McpServer fresh;
    fresh.name = QStringLiteral("h");
    fresh.url = QStringLiteral("https://h");
    fresh.headers = parseObject("{\"X\":\"1\"}");
    QCOMPARE(fresh.toJson(), parseObject("{\"name\":\"h\",\"type\":\"url\",\"url\":\"https://h\",\"headers\":{\"X\":\"1\"}}"));
    QVERIFY(!(fresh == s));

    Networking n = Networking::fromJson(parseObject("{\"type\":\"limited\",\"allowed_hosts\":[\"a\",1],\"extra\":true}"));
    QCOMPARE(n.allowedHosts, QStringList{QStringLiteral("a")});
    QCOMPARE(n.toJson(), parseObject("{\"type\":\"limited\",\"allowed_hosts\":[\"a\",1],\"extra\":true}"));
    QVERIFY(n == Networking::fromJson(n.toJson()));
}

void TestModels::validationItemJson()
{
    const QJsonArray detail = fixture(QStringLiteral("error_422_list.json")).toObject().value(QLatin1String("detail")).toArray();
    QCOMPARE(detail.size(), 3);
    const ValidationItem missing = ValidationItem::fromJson(detail.at(0));
    QCOMPARE(missing.loc, QVariantList{QStringLiteral("prompt")});
    QCOMPARE(missing.type, QStringLiteral("missing"));
    QCOMPARE(missing.msg, QStringLiteral("Field required"));
    QVERIFY(missing.input.isObject());
    QCOMPARE(missing.field(), QStringLiteral("prompt"));

    const ValidationItem timeout = ValidationItem::fromJson(detail.at(1));
    QCOMPARE(timeout.input.toInt(), 5);
    QCOMPARE(timeout.type, QStringLiteral("greater_than_equal"));

    const ValidationItem url = ValidationItem::fromJson(detail.at(2));
    QCOMPARE(url.loc, (QVariantList{QStringLiteral("resources"), 0, QStringLiteral("url")}));
    QCOMPARE(url.field(), QStringLiteral("resources[0].url"));
    // toJson drops only what the item does not model (url, ctx).
    QJsonObject expected = detail.at(2).toObject();
    expected.remove(QLatin1String("url"));
    QCOMPARE(url.toJson(), expected);
    QCOMPARE(ValidationItem::fromJson(url.toJson()), url);

    ValidationItem nested;
    nested.loc = {QStringLiteral("skills"), 2};
    QCOMPARE(nested.field(), QStringLiteral("skills[2]"));
    nested.loc = {QStringLiteral("a"), 1, 2, QStringLiteral("b")};
    QCOMPARE(nested.field(), QStringLiteral("a[1][2].b"));
    // An item read without `input` is written without it.
    const ValidationItem bare = ValidationItem::fromJson(QJsonObject{{QStringLiteral("loc"), QJsonArray{1}},
                                                                     {QStringLiteral("msg"), QStringLiteral("m")},
                                                                     {QStringLiteral("type"), QStringLiteral("t")}});
    QVERIFY(bare.input.isUndefined());
    QVERIFY(!bare.toJson().contains(QLatin1String("input")));
    QCOMPARE(bare.field(), QStringLiteral("[1]"));
    QCOMPARE(ValidationItem::fromJson(QJsonValue(3)).loc.size(), 0);
}

void TestModels::detailMessage()
{
    QString out;
    QString error;
    QVERIFY(Json::parseDetailMessage(fixture(QStringLiteral("delete_session.json")), out, &error));
    QCOMPARE(out, QStringLiteral("Session deleted"));
    QVERIFY(!Json::parseDetailMessage(parseObject("{\"detail\":[1]}"), out, &error));
    QCOMPARE(error, QStringLiteral("expected an object with a string \"detail\""));
    QVERIFY(!Json::parseDetailMessage(QJsonValue(QStringLiteral("Session deleted")), out, nullptr));
}

void TestModels::statuses()
{
    for (SessionStatus s : {SessionStatus::Pending, SessionStatus::Running, SessionStatus::Completed,
                            SessionStatus::Failed, SessionStatus::Terminated})
        QCOMPARE(sessionStatusFromString(sessionStatusToString(s)), s);
    for (TurnStatus s : {TurnStatus::Pending, TurnStatus::Running, TurnStatus::Completed, TurnStatus::Failed,
                         TurnStatus::Interrupted})
        QCOMPARE(turnStatusFromString(turnStatusToString(s)), s);
    QCOMPARE(sessionStatusFromString(QStringLiteral("Running")), SessionStatus::Unknown);
    QCOMPARE(turnStatusFromString(QStringLiteral("")), TurnStatus::Unknown);
    QCOMPARE(sessionStatusToString(SessionStatus::Unknown), QStringLiteral("unknown"));
    QVERIFY(isActive(SessionStatus::Pending));
    QVERIFY(isActive(SessionStatus::Running));
    QVERIFY(!isActive(SessionStatus::Completed));
    QVERIFY(isTerminal(SessionStatus::Completed));
    QVERIFY(isTerminal(SessionStatus::Failed));
    QVERIFY(isTerminal(SessionStatus::Terminated));
    QVERIFY(!isTerminal(SessionStatus::Unknown));
    QVERIFY(!isTerminal(SessionStatus::Running));
}

void TestModels::resolvedMountPath()
{
    RepositoryResource r;
    r.url = QStringLiteral("https://github.com/ravi-hq/agent-on-demand");
    QCOMPARE(r.resolvedMountPath(), QStringLiteral("/workspace/agent-on-demand"));
    r.url = QStringLiteral("https://github.com/ravi-hq/agent-on-demand.git");
    QCOMPARE(r.resolvedMountPath(), QStringLiteral("/workspace/agent-on-demand"));
    r.mountPath = QStringLiteral("/src");
    QCOMPARE(r.resolvedMountPath(), QStringLiteral("/src"));
    QCOMPARE(r.toJson(), parseObject("{\"type\":\"github_repository\",\"url\":\"https://github.com/ravi-hq/agent-on-demand.git\",\"mount_path\":\"/src\"}"));
}

void TestModels::debugOutput()
{
    Agent a;
    QString error;
    QVERIFY(Agent::fromJson(fixture(QStringLiteral("agent_loose.json")), a, &error));
    QString agentText;
    QDebug(&agentText) << a;
    QVERIFY2(agentText.contains(a.id), qPrintable(agentText));
    QVERIFY2(agentText.contains(QLatin1String("archived")), qPrintable(agentText));

    Session s;
    QVERIFY(Session::fromJson(fixture(QStringLiteral("session_full.json")), s, &error));
    QString sessionText;
    QDebug(&sessionText) << s;
    QVERIFY2(sessionText.contains(QLatin1String("completed")), qPrintable(sessionText));

    Environment e;
    QVERIFY(Environment::fromJson(fixture(QStringLiteral("environment_full.json")), e, &error));
    QString envText;
    QDebug(&envText) << e;
    QVERIFY2(envText.contains(QLatin1String("limited")), qPrintable(envText));
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
