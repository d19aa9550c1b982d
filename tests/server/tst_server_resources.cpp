// Conformance of the local server: agents and environments (contract §3, §4.1-§4.4, §7, §9).
#include "serverclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace ServerTest;
using Aod::Testing::LocalServer;
using Aod::Testing::ServerTiming;

namespace {
QJsonObject firstError(const Reply &r) { return r.obj().value(QStringLiteral("detail")).toArray().at(0).toObject(); }
QString S(const char *s) { return QString::fromUtf8(s); }
} // namespace

class TestServerResources : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void agentCreateShapeAndDefaults();
    void agentCreateMissingFieldsListItems();
    void agentCreateValidationItems_data();
    void agentCreateValidationItems();
    void agentProviderModelNormalization_data();
    void agentProviderModelNormalization();
    void agentCreateCheckOrder();
    void agentListNewestFirstWithoutArchived();
    void agentUpdateVersionsAndHistory();
    void agentUpdateMetadataMergeAndClears();
    void agentUpdateEnvironmentDetach();
    void agentUpdateCheckOrder();
    void agentArchive();
    void agentSkillsAndMcpValidation_data();
    void agentSkillsAndMcpValidation();
    void environmentCreateShape();
    void environmentValidation_data();
    void environmentValidation();
    void environmentDuplicateNames();
    void environmentUpdateReplaceAndCheckOrder();
    void environmentArchiveAndVersions();
    void environmentDelete();

private:
    std::unique_ptr<LocalServer> server;
    std::unique_ptr<Client> c;
    QString id0 = QStringLiteral("00000000-0000-4000-8000-000000000000");
};

void TestServerResources::init()
{
    server = std::make_unique<LocalServer>();
    server->setTiming(ServerTiming::fast());
    QVERIFY(server->listen());
    c = std::make_unique<Client>(server->url(), server->token());
}

void TestServerResources::cleanup()
{
    c.reset();
    server.reset();
}

void TestServerResources::agentCreateShapeAndDefaults()
{
    const Reply r = c->send("POST", QStringLiteral("/agents"), R"({"name": "demo", "provider": "anthropic", "model": "claude-sonnet-4-5"})");
    QCOMPARE(r.status, 201);
    const QJsonObject a = r.obj();
    static const QRegularExpression uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QVERIFY(uuid.match(a.value(QStringLiteral("id")).toString()).hasMatch());
    QCOMPARE(a.value(QStringLiteral("type")).toString(), S("agent"));
    QVERIFY(a.value(QStringLiteral("description")).isNull());
    QVERIFY(a.value(QStringLiteral("system")).isNull());
    QVERIFY(a.value(QStringLiteral("environment_id")).isNull());
    QCOMPARE(a.value(QStringLiteral("skills")).toArray(), QJsonArray());
    QCOMPARE(a.value(QStringLiteral("mcp_servers")).toArray(), QJsonArray());
    QCOMPARE(a.value(QStringLiteral("metadata")).toObject(), QJsonObject());
    QCOMPARE(a.value(QStringLiteral("version")).toInt(), 1);
    QVERIFY(a.value(QStringLiteral("archived_at")).isNull());
    QCOMPARE(a.value(QStringLiteral("created_at")), a.value(QStringLiteral("updated_at")));
    QVERIFY(isTimestamp(a.value(QStringLiteral("created_at")).toString()));
    // GET returns the same bytes
    QCOMPARE(c->get(QStringLiteral("/agents/") + a.value(QStringLiteral("id")).toString()).body, r.body);
    // empty system/description are returned as null; an MCP server's missing type is not written back
    const Reply full = c->send("POST", QStringLiteral("/agents"),
                               R"({"name": "d", "provider": "openai", "model": "gpt-5", "system": "", "description": "desc",)"
                                   " \"mcp_servers\": [{\"name\": \"docs\", \"url\": \"https://docs.example/mcp\"}], \"metadata\": {\"k\": 1}}");
    QCOMPARE(full.status, 201);
    QVERIFY(full.obj().value(QStringLiteral("system")).isNull());
    QCOMPARE(full.obj().value(QStringLiteral("description")).toString(), S("desc"));
    QVERIFY(full.body.contains("\"mcp_servers\": [{\"name\": \"docs\", \"url\": \"https://docs.example/mcp\"}]"));
    QVERIFY(full.body.contains(R"("metadata": {"k": 1})"));
}

void TestServerResources::agentCreateMissingFieldsListItems()
{
    const Reply r = c->send("POST", QStringLiteral("/agents"), R"({"system": "x"})");
    QCOMPARE(r.status, 422);
    const QJsonArray items = r.obj().value(QStringLiteral("detail")).toArray();
    QCOMPARE(items.size(), 3);
    const QStringList fields = {S("name"), S("provider"), S("model")};
    for (int i = 0; i < 3; ++i) {
        const QJsonObject it = items.at(i).toObject();
        QCOMPARE(it.value(QStringLiteral("type")).toString(), S("missing"));
        QCOMPARE(it.value(QStringLiteral("loc")).toArray(), QJsonArray{fields[i]});
        QCOMPARE(it.value(QStringLiteral("msg")).toString(), S("Field required"));
        // for `missing`, input is the whole request object
        QCOMPARE(it.value(QStringLiteral("input")).toObject(), (QJsonObject{{S("system"), S("x")}}));
        QCOMPARE(it.value(QStringLiteral("url")).toString(), S("https://errors.pydantic.dev/2.11/v/missing"));
        QCOMPARE(keysInOrder(QJsonDocument(it).toJson()).size(), 5);
    }
    QVERIFY(r.body.startsWith(R"({"detail": [{"type": "missing", "loc": ["name"], "msg": "Field required", "input": {"system": "x"}, "url": )"));
}

void TestServerResources::agentCreateValidationItems_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("loc");
    QTest::addColumn<QString>("msg");
    const QByteArray base = R"("provider": "anthropic", "model": "m")";
    QTest::newRow("name too long") << "{\"name\": \"" + QByteArray(201, 'n') + "\", " + base + "}" << S("string_too_long") << S("name")
                                   << S("String should have at most 200 characters");
    QTest::newRow("name 200 ok") << "{\"name\": \"" + QByteArray(200, 'n') + "\", " + base + "}" << QString() << QString() << QString();
    QTest::newRow("model too long") << "{\"name\": \"n\", \"provider\": \"anthropic\", \"model\": \"" + QByteArray(101, 'm') + "\"}"
                                    << S("string_too_long") << S("model") << S("String should have at most 100 characters");
    QTest::newRow("provider too long") << "{\"name\": \"n\", \"provider\": \"" + QByteArray(33, 'p') + "\", \"model\": \"m\"}"
                                       << S("string_too_long") << S("provider") << S("String should have at most 32 characters");
    QTest::newRow("blank model") << QByteArray(R"({"name": "n", "provider": "anthropic", "model": "   "})") << S("value_error")
                                 << S("model") << S("Value error, Model must be a non-empty string");
    QTest::newRow("null name") << QByteArray(R"({"name": null, "provider": "anthropic", "model": "m"})") << S("string_type")
                               << S("name") << S("Input should be a valid string");
    QTest::newRow("skills not list") << "{\"name\": \"n\", " + base + ", \"skills\": {}}" << S("list_type") << S("skills")
                                     << S("Input should be a valid list");
    QTest::newRow("metadata not dict") << "{\"name\": \"n\", " + base + ", \"metadata\": []}" << S("dict_type") << S("metadata")
                                       << S("Input should be a valid dictionary");
    QTest::newRow("env id int") << "{\"name\": \"n\", " + base + ", \"environment_id\": 5}" << S("string_type") << S("environment_id")
                                << S("Input should be a valid string");
    QTest::newRow("system null") << "{\"name\": \"n\", " + base + ", \"system\": null}" << S("string_type") << S("system")
                                 << S("Input should be a valid string");
}

void TestServerResources::agentCreateValidationItems()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QString, loc);
    QFETCH(QString, msg);
    const Reply r = c->send("POST", QStringLiteral("/agents"), body);
    if (type.isEmpty()) {
        QCOMPARE(r.status, 201);
        return;
    }
    QCOMPARE(r.status, 422);
    const QJsonObject e = firstError(r);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), type);
    QCOMPARE(e.value(QStringLiteral("loc")).toArray(), QJsonArray{loc});
    QCOMPARE(e.value(QStringLiteral("msg")).toString(), msg);
    QVERIFY(e.contains(QStringLiteral("input")));
    QCOMPARE(e.value(QStringLiteral("url")).toString(), S("https://errors.pydantic.dev/2.11/v/") + type);
}

void TestServerResources::agentProviderModelNormalization_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("result"); // model on success, detail otherwise
    QTest::newRow("prefix stripped") << S("anthropic") << S("anthropic/claude-sonnet-4-6") << 201 << S("claude-sonnet-4-6");
    QTest::newRow("trimmed") << S("  openai ") << S("  openai/ gpt-5 ") << 201 << S("gpt-5");
    QTest::newRow("foreign prefix kept") << S("openai") << S("meta-llama/llama-3") << 201 << S("meta-llama/llama-3");
    QTest::newRow("prefix mismatch") << S("anthropic") << S("openai/gpt-5") << 422
                                     << S("Model provider prefix 'openai' does not match provider 'anthropic'");
    QTest::newRow("google prefix") << S("openai") << S("google/gemini") << 422
                                   << S("Model provider prefix 'google' does not match provider 'openai'");
    QTest::newRow("empty after prefix") << S("anthropic") << S("anthropic/  ") << 422 << S("Model must be a non-empty string");
    QTest::newRow("unknown provider") << S("gemini") << S("gemini-2") << 422
                                      << S("Unknown provider: gemini. Must be one of: ['anthropic', 'openai']");
    QTest::newRow("provider case") << S("Anthropic") << S("m") << 422
                                   << S("Unknown provider: Anthropic. Must be one of: ['anthropic', 'openai']");
}

void TestServerResources::agentProviderModelNormalization()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(int, status);
    QFETCH(QString, result);
    const Reply r = c->postJson(QStringLiteral("/agents"), {{S("name"), S("n")}, {S("provider"), provider}, {S("model"), model}});
    QCOMPARE(r.status, status);
    if (status == 201) {
        QCOMPARE(r.obj().value(QStringLiteral("model")).toString(), result);
        QCOMPARE(r.obj().value(QStringLiteral("provider")).toString(), provider.trimmed());
    } else {
        // business validation: a string detail, not a list
        QVERIFY(r.obj().value(QStringLiteral("detail")).isString());
        QCOMPARE(r.detail(), result);
    }
}

void TestServerResources::agentCreateCheckOrder()
{
    // body (list) before provider (string)
    Reply r = c->send("POST", QStringLiteral("/agents"), R"({"provider": "nope", "model": "m"})");
    QCOMPARE(r.status, 422);
    QVERIFY(r.obj().value(QStringLiteral("detail")).isArray());
    // provider before environment
    r = c->postJson(QStringLiteral("/agents"), {{S("name"), S("n")}, {S("provider"), S("nope")}, {S("model"), S("m")}, {S("environment_id"), id0}});
    QCOMPARE(r.detail(), S("Unknown provider: nope. Must be one of: ['anthropic', 'openai']"));
    // environment 404, also for a malformed id; "" means none
    r = c->postJson(QStringLiteral("/agents"), {{S("name"), S("n")}, {S("provider"), S("openai")}, {S("model"), S("m")}, {S("environment_id"), id0}});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Environment not found"})"));
    r = c->postJson(QStringLiteral("/agents"), {{S("name"), S("n")}, {S("provider"), S("openai")}, {S("model"), S("m")}, {S("environment_id"), S("garbage")}});
    QCOMPARE(r.status, 404);
    r = c->postJson(QStringLiteral("/agents"), {{S("name"), S("n")}, {S("provider"), S("openai")}, {S("model"), S("m")}, {S("environment_id"), S("")}});
    QCOMPARE(r.status, 201);
    QVERIFY(r.obj().value(QStringLiteral("environment_id")).isNull());
    // an environment id in another spelling (uppercase, no hyphens) is found like Python's uuid.UUID does
    const QString env = c->createEnvironment(S("e"));
    r = c->postJson(QStringLiteral("/agents"), {{S("name"), S("n")}, {S("provider"), S("openai")}, {S("model"), S("m")},
                                                {S("environment_id"), env.toUpper().remove(QLatin1Char('-'))}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.obj().value(QStringLiteral("environment_id")).toString(), env);
    // archived environment
    QCOMPARE(c->post(QStringLiteral("/environments/%1/archive").arg(env)).status, 200);
    r = c->postJson(QStringLiteral("/agents"), {{S("name"), S("n")}, {S("provider"), S("openai")}, {S("model"), S("m")}, {S("environment_id"), env}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Cannot assign an archived environment to an agent"));
}

void TestServerResources::agentListNewestFirstWithoutArchived()
{
    const QString a = c->createAgent({{S("name"), S("first")}});
    const QString b = c->createAgent({{S("name"), S("second")}});
    const QString d = c->createAgent({{S("name"), S("third")}});
    QCOMPARE(c->post(QStringLiteral("/agents/%1/archive").arg(b)).status, 200);
    const Reply r = c->get(QStringLiteral("/agents"));
    QCOMPARE(r.status, 200);
    QCOMPARE(keysInOrder(r.body), QStringList{S("data")});
    const QJsonArray items = r.data();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("id")).toString(), d);
    QCOMPARE(items.at(1).toObject().value(QStringLiteral("id")).toString(), a);
    QCOMPARE(c->get(QStringLiteral("/agents/") + b).status, 200); // archived ones by id still work
    QCOMPARE(c->get(QStringLiteral("/agents/") + id0).body, QByteArray(R"({"detail": "Agent not found"})"));
}

void TestServerResources::agentUpdateVersionsAndHistory()
{
    const QString id = c->createAgent();
    const QString path = QStringLiteral("/agents/") + id;
    // version required
    Reply r = c->put(path, R"({"name": "x"})");
    QCOMPARE(r.status, 422);
    QCOMPARE(firstError(r).value(QStringLiteral("type")).toString(), S("missing"));
    QCOMPARE(firstError(r).value(QStringLiteral("loc")).toArray(), QJsonArray{S("version")});
    r = c->put(path, R"({"version": "one"})");
    QCOMPARE(firstError(r).value(QStringLiteral("type")).toString(), S("int_parsing"));
    // mismatch
    r = c->put(path, R"({"version": 5, "name": "x"})");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Version mismatch: expected 1, got 5"})"));
    // no-op PUT: no bump, no snapshot, same body
    const QByteArray before = c->get(path).body;
    r = c->put(path, R"({"version": 1, "name": "agent", "model": "claude-sonnet-4-5", "metadata": {}})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, before);
    QCOMPARE(c->get(path + QStringLiteral("/versions")).data().size(), 1);
    // a change bumps and snapshots
    r = c->put(path, R"({"version": 1, "name": "renamed", "description": "d"})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 2);
    QCOMPARE(r.obj().value(QStringLiteral("name")).toString(), S("renamed"));
    QVERIFY(r.obj().value(QStringLiteral("updated_at")) != r.obj().value(QStringLiteral("created_at")));
    const Reply v = c->get(path + QStringLiteral("/versions"));
    QCOMPARE(v.status, 200);
    const QJsonArray versions = v.data();
    QCOMPARE(versions.size(), 2);
    QCOMPARE(versions.at(0).toObject().value(QStringLiteral("version")).toInt(), 2);
    QCOMPARE(versions.at(1).toObject().value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(versions.at(1).toObject().value(QStringLiteral("name")).toString(), S("agent"));
    QCOMPARE(versions.at(0).toObject().value(QStringLiteral("id")).toString(), id); // the agent's id
    const QByteArray firstVersion = QJsonDocument(versions.at(0).toObject()).toJson(QJsonDocument::Compact);
    QVERIFY(!versions.at(0).toObject().contains(QStringLiteral("updated_at")));
    QVERIFY(!versions.at(0).toObject().contains(QStringLiteral("archived_at")));
    QVERIFY(!firstVersion.isEmpty());
    const int dataStart = int(v.body.indexOf("[{"));
    QCOMPARE(keysInOrder(v.body.mid(dataStart + 1)),
             (QStringList{S("id"), S("type"), S("name"), S("description"), S("system"), S("provider"), S("model"),
                          S("environment_id"), S("skills"), S("mcp_servers"), S("metadata"), S("version"), S("created_at")}));
    // provider change with the stored model; an empty provider keeps the stored one
    r = c->put(path, R"({"version": 2, "provider": "openai", "model": "openai/gpt-5"})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.obj().value(QStringLiteral("model")).toString(), S("gpt-5"));
    r = c->put(path, R"({"version": 3, "provider": "", "model": "anthropic/x"})");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.detail(), S("Model provider prefix 'anthropic' does not match provider 'openai'"));
    // update has no max length on name (§12)
    r = c->putJson(path, {{S("version"), 3}, {S("name"), QString(300, QLatin1Char('n'))}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 4);
}

void TestServerResources::agentUpdateMetadataMergeAndClears()
{
    const QString id = c->createAgent({{S("metadata"), QJsonObject{{S("a"), S("1")}, {S("b"), S("2")}}},
                                       {S("system"), S("sys")}, {S("description"), S("desc")}});
    const QString path = QStringLiteral("/agents/") + id;
    Reply r = c->put(path, R"({"version": 1, "metadata": {"a": "", "c": null, "d": "4"}})");
    QCOMPARE(r.status, 200);
    QVERIFY2(r.body.contains(R"("metadata": {"b": "2", "c": null, "d": "4"})"), r.body.constData());
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 2);
    // deleting a missing key only: nothing changes, no bump
    r = c->put(path, R"({"version": 2, "metadata": {"zzz": ""}})");
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 2);
    // "" clears system/description (stored "" and returned null); null leaves them alone
    r = c->put(path, R"({"version": 2, "system": "", "description": null})");
    QVERIFY(r.obj().value(QStringLiteral("system")).isNull());
    QCOMPARE(r.obj().value(QStringLiteral("description")).toString(), S("desc"));
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 3);
    // skills and mcp_servers replaced as a whole
    r = c->put(path, R"({"version": 3, "skills": [{"name": "s", "description": "d", "content": "c"}]})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.obj().value(QStringLiteral("skills")).toArray().size(), 1);
    r = c->put(path, R"({"version": 4, "skills": []})");
    QCOMPARE(r.obj().value(QStringLiteral("skills")).toArray().size(), 0);
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 5);
}

void TestServerResources::agentUpdateEnvironmentDetach()
{
    const QString env = c->createEnvironment(S("e1"));
    const QString id = c->createAgent({{S("environment_id"), env}});
    const QString path = QStringLiteral("/agents/") + id;
    QCOMPARE(c->get(path).obj().value(QStringLiteral("environment_id")).toString(), env);
    // omitted: unchanged
    Reply r = c->put(path, R"({"version": 1, "name": "x"})");
    QCOMPARE(r.obj().value(QStringLiteral("environment_id")).toString(), env);
    // explicit null detaches
    r = c->put(path, R"({"version": 2, "environment_id": null})");
    QVERIFY(r.obj().value(QStringLiteral("environment_id")).isNull());
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 3);
    // detaching again is a no-op
    r = c->put(path, R"({"version": 3, "environment_id": null})");
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 3);
    r = c->putJson(path, {{S("version"), 3}, {S("environment_id"), env}});
    QCOMPARE(r.obj().value(QStringLiteral("environment_id")).toString(), env);
}

void TestServerResources::agentUpdateCheckOrder()
{
    const QString id = c->createAgent();
    const QString path = QStringLiteral("/agents/") + id;
    // body first: invalid JSON on an unknown agent is still 400
    QCOMPARE(c->put(QStringLiteral("/agents/") + id0, "nope").status, 400);
    // environment lookup before the agent lookup
    Reply r = c->putJson(QStringLiteral("/agents/") + id0, {{S("version"), 1}, {S("environment_id"), id0}});
    QCOMPARE(r.detail(), S("Environment not found"));
    r = c->putJson(QStringLiteral("/agents/") + id0, {{S("version"), 1}});
    QCOMPARE(r.detail(), S("Agent not found"));
    // archived before version
    QCOMPARE(c->post(path + QStringLiteral("/archive")).status, 200);
    r = c->putJson(path, {{S("version"), 99}, {S("name"), S("x")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Cannot update an archived agent"));
    // version before normalization
    const QString live = c->createAgent();
    r = c->putJson(QStringLiteral("/agents/") + live, {{S("version"), 7}, {S("provider"), S("nope")}});
    QCOMPARE(r.detail(), S("Version mismatch: expected 1, got 7"));
    r = c->putJson(QStringLiteral("/agents/") + live, {{S("version"), 1}, {S("provider"), S("nope")}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.detail(), S("Unknown provider: nope. Must be one of: ['anthropic', 'openai']"));
}

void TestServerResources::agentArchive()
{
    const QString id = c->createAgent();
    const QJsonObject before = c->get(QStringLiteral("/agents/") + id).obj();
    Reply r = c->post(QStringLiteral("/agents/%1/archive").arg(id));
    QCOMPARE(r.status, 200);
    QVERIFY(isTimestamp(r.obj().value(QStringLiteral("archived_at")).toString()));
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 1);
    QVERIFY(r.obj().value(QStringLiteral("updated_at")) != before.value(QStringLiteral("updated_at")));
    r = c->post(QStringLiteral("/agents/%1/archive").arg(id));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Agent is already archived"})"));
    QCOMPARE(c->get(QStringLiteral("/agents/%1/versions").arg(id)).data().size(), 1); // archiving writes no snapshot
    QCOMPARE(c->post(QStringLiteral("/agents/%1/archive").arg(id0)).detail(), S("Agent not found"));
    QCOMPARE(c->get(QStringLiteral("/agents/%1/versions").arg(id0)).detail(), S("Agent not found"));
    // sessions refuse archived agents
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), id}, {S("prompt"), S("x")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Cannot create session with archived agent"));
}

void TestServerResources::agentSkillsAndMcpValidation_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QString>("message"); // empty: accepted
    QByteArray many = "[";
    for (int i = 0; i < 21; ++i)
        many += (i ? ", " : "") + QByteArray(R"({"name": "s)") + QByteArray::number(i) + R"(", "description": "d", "content": "c"})";
    many += "]";
    QTest::newRow("21 skills") << R"("skills": )" + many << S("Value error, Maximum 20 skills per agent");
    QTest::newRow("skill missing content") << QByteArray(R"("skills": [{"name": "a", "description": "d"}])")
                                           << S("Value error, skills[0] missing required field: content");
    QTest::newRow("duplicate skill") << QByteArray(R"("skills": [{"name": "x", "description": "d", "content": "c"}, {"name": "x", "description": "d", "content": "c"}])")
                                     << S("Value error, skills[1]: duplicate name 'x'");
    QTest::newRow("skill not object") << QByteArray(R"("skills": ["x"])") << S("Value error, skills[0] must be an object");
    QTest::newRow("skill EOF marker") << QByteArray(R"("skills": [{"name": "a", "description": "d", "content": "x SKILL_EOF y"}])")
                                      << S("Value error, skills[0].content must not contain 'SKILL_EOF'");
    QTest::newRow("github skill ok") << QByteArray(R"("skills": [{"type": "github", "description": "Browser", "source": "ravi-hq/skills", "name": "browse"}, {"type": "github", "description": "All", "source": "ravi-hq/all"}])")
                                     << QString();
    QTest::newRow("github bad source") << QByteArray(R"("skills": [{"type": "github", "description": "d", "source": "not-a-source"}])")
                                       << S("Value error, skills[0].source must look like 'owner/repo'");
    QTest::newRow("bad skill name") << QByteArray(R"("skills": [{"name": "Bad Name", "description": "d", "content": "c"}])")
                                    << S("Value error, skills[0].name must match ^[a-z0-9][a-z0-9-]{0,63}$");
    QTest::newRow("mcp stdio without command") << QByteArray(R"("mcp_servers": [{"name": "a", "url": "u"}, {"name": "b", "type": "stdio"}])")
                                               << S("Value error, mcp_servers[1] (stdio): missing required field: command");
    QTest::newRow("mcp without name") << QByteArray(R"("mcp_servers": [{"url": "u"}])") << S("Value error, mcp_servers[0] missing required field: name");
    QTest::newRow("mcp url missing") << QByteArray(R"("mcp_servers": [{"name": "a"}])") << S("Value error, mcp_servers[0] (url): missing required field: url");
    QTest::newRow("mcp duplicate") << QByteArray(R"("mcp_servers": [{"name": "a", "url": "u"}, {"name": "a", "url": "v"}])")
                                   << S("Value error, mcp_servers[1]: duplicate name 'a'");
    QTest::newRow("mcp extra keys ok") << QByteArray(R"("mcp_servers": [{"name": "a", "type": "stdio", "command": "x", "args": ["-q"], "env": {"A": "1"}, "zzz": 1}])")
                                       << QString();
}

void TestServerResources::agentSkillsAndMcpValidation()
{
    QFETCH(QByteArray, field);
    QFETCH(QString, message);
    const Reply r = c->send("POST", QStringLiteral("/agents"), R"({"name": "n", "provider": "anthropic", "model": "m", )" + field + "}");
    if (message.isEmpty()) {
        QCOMPARE(r.status, 201);
        return;
    }
    QCOMPARE(r.status, 422);
    const QJsonObject e = firstError(r);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), S("value_error"));
    QCOMPARE(e.value(QStringLiteral("msg")).toString(), message);
}

void TestServerResources::environmentCreateShape()
{
    Reply r = c->send("POST", QStringLiteral("/environments"), R"({"name": "plain"})");
    QCOMPARE(r.status, 201);
    QCOMPARE(keysInOrder(r.body), (QStringList{S("id"), S("type"), S("name"), S("packages"), S("setup_script"), S("networking"),
                                               S("version"), S("created_at"), S("updated_at"), S("archived_at")}));
    QVERIFY(r.body.contains(R"("type": "environment", "name": "plain", "packages": {}, "setup_script": null, "networking": {"type": "unrestricted"}, "version": 1)"));
    r = c->send("POST", QStringLiteral("/environments"),
                R"({"name": "prod", "packages": {"apt": ["jq", "curl"], "npm": ["typescript"]}, "env_vars": {"OPENAI_API_KEY": "sk-secret", "EMPTY": ""},)"
                    R"( "setup_script": "echo hello", "networking": {"type": "limited", "allowed_hosts": ["api.github.com"], "note": 1}})");
    QCOMPARE(r.status, 201);
    QVERIFY(r.body.contains(R"("packages": {"apt": ["jq", "curl"], "npm": ["typescript"]}, "setup_script": "echo hello", "networking": {"type": "limited", "allowed_hosts": ["api.github.com"], "note": 1})"));
    QVERIFY(!r.body.contains("env_vars"));
    QVERIFY(!r.body.contains("sk-secret"));
    // unrestricted: extra keys are stored but not returned
    r = c->send("POST", QStringLiteral("/environments"), R"({"name": "u", "networking": {"allowed_hosts": ["x"]}})");
    QCOMPARE(r.status, 201);
    QVERIFY(r.body.contains(R"("networking": {"type": "unrestricted"})"));
    const QString id = r.obj().value(QStringLiteral("id")).toString();
    const Reply v = c->get(QStringLiteral("/environments/%1/versions").arg(id));
    QCOMPARE(v.data().size(), 1);
    QVERIFY(!v.body.contains("env_vars"));
    QCOMPARE(keysInOrder(v.body.mid(v.body.indexOf("[{") + 1)),
             (QStringList{S("id"), S("type"), S("name"), S("packages"), S("setup_script"), S("networking"), S("version"), S("created_at")}));
}

void TestServerResources::environmentValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("msgStart");
    QTest::newRow("missing name") << QByteArray("{}") << S("missing") << S("Field required");
    QTest::newRow("bad manager") << QByteArray(R"({"name": "n", "packages": {"brew": ["x"]}})") << S("value_error")
                                 << S("Value error, Unknown package manager: 'brew'. Must be one of: ['apt', 'cargo', 'gem', 'go', 'npm', 'pip']");
    QTest::newRow("packages not list") << QByteArray(R"({"name": "n", "packages": {"apt": "jq"}})") << S("list_type") << S("Input should be a valid list");
    QTest::newRow("package not string") << QByteArray(R"({"name": "n", "packages": {"apt": [1]}})") << S("string_type") << S("Input should be a valid string");
    QTest::newRow("bad env key") << QByteArray(R"({"name": "n", "env_vars": {"1BAD": "x"}})") << S("value_error")
                                 << S("Value error, Invalid environment variable name: '1BAD'");
    QTest::newRow("env value not string") << QByteArray(R"({"name": "n", "env_vars": {"A": 1}})") << S("string_type") << S("Input should be a valid string");
    QTest::newRow("bad network type") << QByteArray(R"({"name": "n", "networking": {"type": "open"}})") << S("value_error")
                                      << S("Value error, networking.type must be 'unrestricted' or 'limited'");
    QTest::newRow("hosts not list") << QByteArray(R"({"name": "n", "networking": {"type": "limited", "allowed_hosts": "x"}})") << S("value_error")
                                    << S("Value error, networking.allowed_hosts must be a list");
    QTest::newRow("name too long") << "{\"name\": \"" + QByteArray(201, 'x') + "\"}" << S("string_too_long") << S("String should have at most 200 characters");
    QTest::newRow("limited without hosts ok") << QByteArray(R"({"name": "n", "networking": {"type": "limited"}})") << QString() << QString();
}

void TestServerResources::environmentValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QString, msgStart);
    const Reply r = c->send("POST", QStringLiteral("/environments"), body);
    if (type.isEmpty()) {
        QCOMPARE(r.status, 201);
        return;
    }
    QCOMPARE(r.status, 422);
    QCOMPARE(firstError(r).value(QStringLiteral("type")).toString(), type);
    QVERIFY2(firstError(r).value(QStringLiteral("msg")).toString().startsWith(msgStart), r.body.constData());
}

void TestServerResources::environmentDuplicateNames()
{
    QCOMPARE(c->postJson(QStringLiteral("/environments"), {{S("name"), S("dup")}}).status, 201);
    Reply r = c->postJson(QStringLiteral("/environments"), {{S("name"), S("dup")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.body, QByteArray(R"({"detail": "An active environment named 'dup' already exists"})"));
    QCOMPARE(c->postJson(QStringLiteral("/environments"), {{S("name"), S("it's")}}).status, 201);
    r = c->postJson(QStringLiteral("/environments"), {{S("name"), S("it's")}});
    QCOMPARE(r.detail(), S("An active environment named \"it's\" already exists")); // Python repr quoting
    // archiving frees the name
    const QString other = c->createEnvironment(S("free"));
    QCOMPARE(c->post(QStringLiteral("/environments/%1/archive").arg(other)).status, 200);
    QCOMPARE(c->postJson(QStringLiteral("/environments"), {{S("name"), S("free")}}).status, 201);
}

void TestServerResources::environmentUpdateReplaceAndCheckOrder()
{
    const QString id = c->createEnvironment(S("e"), {{S("packages"), QJsonObject{{S("apt"), QJsonArray{S("jq")}}, {S("pip"), QJsonArray{S("x")}}}},
                                                    {S("env_vars"), QJsonObject{{S("A"), S("1")}}}});
    const QString path = QStringLiteral("/environments/") + id;
    // unknown id: 404 before the body is even parsed
    QCOMPARE(c->put(QStringLiteral("/environments/") + id0, "garbage").detail(), S("Environment not found"));
    QCOMPARE(c->put(path, "garbage").status, 400);
    QCOMPARE(c->put(path, R"({"name": "x"})").status, 422);
    Reply r = c->put(path, R"({"version": 3, "name": "x"})");
    QCOMPARE(r.detail(), S("Version mismatch: expected 1, got 3"));
    // replaced wholesale
    r = c->put(path, R"({"version": 1, "packages": {"npm": ["ts"]}, "env_vars": {"B": "2"}})");
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains(R"("packages": {"npm": ["ts"]})"));
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 2);
    // same env_vars again: no change (write-only values still count for the no-op rule)
    r = c->put(path, R"({"version": 2, "env_vars": {"B": "2"}})");
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 2);
    r = c->put(path, R"({"version": 2, "env_vars": {"B": "3"}})");
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 3);
    r = c->put(path, R"({"version": 3, "networking": {"type": "limited", "allowed_hosts": ["a.example"]}, "setup_script": "make"})");
    QVERIFY(r.body.contains(R"("setup_script": "make", "networking": {"type": "limited", "allowed_hosts": ["a.example"]})"));
    QCOMPARE(r.obj().value(QStringLiteral("version")).toInt(), 4);
    // renaming onto an active name
    c->createEnvironment(S("taken"));
    r = c->put(path, R"({"version": 4, "name": "taken"})");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("An active environment named 'taken' already exists"));
    // archived: 409 before the body
    QCOMPARE(c->post(path + QStringLiteral("/archive")).status, 200);
    r = c->put(path, "garbage");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Cannot update an archived environment"));
}

void TestServerResources::environmentArchiveAndVersions()
{
    const QString id = c->createEnvironment(S("arch"));
    Reply r = c->post(QStringLiteral("/environments/%1/archive").arg(id));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.obj().value(QStringLiteral("archived_at")).isNull());
    r = c->post(QStringLiteral("/environments/%1/archive").arg(id));
    QCOMPARE(r.body, QByteArray(R"({"detail": "Environment is already archived"})"));
    QCOMPARE(c->get(QStringLiteral("/environments")).data().size(), 0);
    QCOMPARE(c->get(QStringLiteral("/environments/") + id).status, 200);
    QCOMPARE(c->post(QStringLiteral("/environments/%1/archive").arg(id0)).detail(), S("Environment not found"));
    QCOMPARE(c->get(QStringLiteral("/environments/%1/versions").arg(id0)).detail(), S("Environment not found"));
    // sessions refuse archived environments, also through the agent default
    const QString agent = c->createAgent();
    r = c->postJson(QStringLiteral("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("x")}, {S("environment_id"), id}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Cannot create session with archived environment"));
}

void TestServerResources::environmentDelete()
{
    const QString env = c->createEnvironment(S("del"));
    const QString agent = c->createAgent({{S("environment_id"), env}});
    const QString session = c->createSession(agent, S("scenario:success hi"));
    QVERIFY(!session.isEmpty());
    Reply r = c->del(QStringLiteral("/environments/%1/delete").arg(env));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.detail(), S("Cannot delete environment with existing sessions"));
    QVERIFY(waitForStatus(*server, session, S("completed")));
    QCOMPARE(c->del(QStringLiteral("/sessions/%1/delete").arg(session)).status, 200);
    // deleted session rows no longer count; need not be archived first
    r = c->del(QStringLiteral("/environments/%1/delete").arg(env));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Environment deleted"})"));
    QCOMPARE(c->get(QStringLiteral("/environments/") + env).status, 404);
    QCOMPARE(c->get(QStringLiteral("/environments/%1/versions").arg(env)).status, 404);
    const QJsonObject a = c->get(QStringLiteral("/agents/") + agent).obj();
    QVERIFY(a.value(QStringLiteral("environment_id")).isNull());
    QCOMPARE(a.value(QStringLiteral("version")).toInt(), 1); // set-null by the FK, no new version
    QCOMPARE(c->del(QStringLiteral("/environments/%1/delete").arg(env)).detail(), S("Environment not found"));
}

QTEST_MAIN(TestServerResources)
#include "tst_server_resources.moc"
