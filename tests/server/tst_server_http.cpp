// Conformance of the local server: transport (HTTP/1.1 parsing, keep-alive, garbage), /health,
// URL matching (HTML 404), the two 405 shapes, auth strings, JSON conventions (contract §1, §2, §7).
#include "serverclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace ServerTest;
using Aod::Testing::LocalServer;
using Aod::Testing::ServerTiming;

class TestServerHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void listensOnLoopbackWithFreePort();
    void tokenFormat();
    void healthOkExactBytes();
    void healthDegraded();
    void healthRejectsOtherMethodsBeforeAnything_data();
    void healthRejectsOtherMethodsBeforeAnything();
    void unknownRoutesAreHtml404_data();
    void unknownRoutesAreHtml404();
    void pinnedRoutesGiveEmpty405BeforeAuth_data();
    void pinnedRoutesGiveEmpty405BeforeAuth();
    void multiMethodRoutesGiveJson405AfterAuth_data();
    void multiMethodRoutesGiveJson405AfterAuth();
    void environmentDetailDeleteQuirk();
    void authStrings();
    void authUsersAreIsolated();
    void invalidJsonBodies_data();
    void invalidJsonBodies();
    void unknownKeysIgnoredAndLaxInt();
    void nonAsciiIsEscapedWithPythonSeparators();
    void pythonJsonEdgeValuesRoundTrip();
    void timestampsBothForms();
    void keepAliveAndPipelining();
    void http10ClosesAndLfOnlyAccepted();
    void requestSplitByteByByte();
    void chunkedRequestBody();
    void garbageGets400AndClose_data();
    void garbageGets400AndClose();
    void oversizedHeadersAndBody();
    void corsPreflightAndOrigin();
    void requestLogAndSignal();

private:
    std::unique_ptr<LocalServer> server;
    std::unique_ptr<Client> client;
    QString id0 = QStringLiteral("00000000-0000-4000-8000-000000000000");
};

void TestServerHttp::init()
{
    server = std::make_unique<LocalServer>();
    server->setTiming(ServerTiming::fast());
    QVERIFY(server->listen());
    client = std::make_unique<Client>(server->url(), server->token());
}

void TestServerHttp::cleanup()
{
    client.reset();
    server.reset();
}

void TestServerHttp::listensOnLoopbackWithFreePort()
{
    QVERIFY(server->port() != 0);
    QCOMPARE(server->url().toString(), QStringLiteral("http://127.0.0.1:%1").arg(server->port()));
    LocalServer second;
    QVERIFY(!second.listen(server->port())); // taken
    QVERIFY(second.listen(0));
    QVERIFY(second.port() != server->port());
}

void TestServerHttp::tokenFormat()
{
    static const QRegularExpression re(QStringLiteral("^aod_[A-Za-z0-9_-]{43}$"));
    QVERIFY2(re.match(server->token()).hasMatch(), qPrintable(server->token()));
    const QString other = server->addUser();
    QVERIFY(re.match(other).hasMatch());
    QVERIFY(other != server->token());
}

void TestServerHttp::healthOkExactBytes()
{
    Client anon(server->url(), QString());
    const Reply r = anon.send("GET", QStringLiteral("/health"), {}, {}, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"status": "ok", "checks": {"db": "ok", "crypto": "ok"}})"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(!r.hasHeader("WWW-Authenticate"));
}

void TestServerHttp::healthDegraded()
{
    server->setHealthy(false);
    const Reply r = client->get(QStringLiteral("/health"));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.obj().value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    QVERIFY(r.obj().value(QStringLiteral("checks")).toObject().value(QStringLiteral("crypto")).toString().startsWith(QStringLiteral("fail: ")));
}

void TestServerHttp::healthRejectsOtherMethodsBeforeAnything_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("POST") << QByteArray("POST");
    QTest::newRow("HEAD") << QByteArray("HEAD");
    QTest::newRow("DELETE") << QByteArray("DELETE");
}

void TestServerHttp::healthRejectsOtherMethodsBeforeAnything()
{
    QFETCH(QByteArray, method);
    const QByteArray raw = rawExchange(server->port(), method + " /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(raw), 405);
    const auto parts = splitResponse(raw);
    QVERIFY(parts.first.contains("\r\nAllow: GET\r\n"));
    QVERIFY(parts.first.contains("\r\nContent-Length: 0\r\n"));
    QVERIFY(parts.second.isEmpty());
}

void TestServerHttp::unknownRoutesAreHtml404_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("auth");
    QTest::newRow("unknown") << QStringLiteral("/nope") << true;
    QTest::newRow("api prefix") << QStringLiteral("/api/agents") << true;
    QTest::newRow("trailing slash list") << QStringLiteral("/agents/") << true;
    QTest::newRow("trailing slash no auth") << QStringLiteral("/sessions/") << false;
    QTest::newRow("trailing slash detail") << QStringLiteral("/agents/%1/").arg(id0) << true;
    QTest::newRow("bad uuid") << QStringLiteral("/agents/not-a-uuid") << true;
    QTest::newRow("uppercase uuid") << QStringLiteral("/sessions/%1").arg(id0.toUpper().replace(QLatin1Char('0'), QLatin1Char('A'))) << true;
    QTest::newRow("uuid without hyphens") << QStringLiteral("/sessions/00000000000040008000000000000000") << true;
    QTest::newRow("unknown sub-route") << QStringLiteral("/sessions/%1/logs").arg(id0) << true;
    QTest::newRow("bad uuid stream") << QStringLiteral("/sessions/123/stream") << false;
    QTest::newRow("double slash") << QStringLiteral("//agents") << true;
    QTest::newRow("v1 prefix") << QStringLiteral("/v1/sessions") << true;
}

void TestServerHttp::unknownRoutesAreHtml404()
{
    QFETCH(QString, path);
    QFETCH(bool, auth);
    // raw bytes: QUrl would normalise some of these paths
    const QByteArray authLine = auth ? "Authorization: Bearer " + server->token().toUtf8() + "\r\n" : QByteArray();
    const QByteArray raw = rawExchange(server->port(), "GET " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\n" + authLine + "Connection: close\r\n\r\n");
    QCOMPARE(statusOf(raw), 404);
    const auto parts = splitResponse(raw);
    QVERIFY(parts.first.contains("\r\nContent-Type: text/html; charset=utf-8\r\n"));
    QVERIFY(parts.second.contains("<title>Page not found"));
    QVERIFY(QJsonDocument::fromJson(parts.second).isNull()); // not JSON
}

void TestServerHttp::pinnedRoutesGiveEmpty405BeforeAuth_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("allow");
    const QString s = QStringLiteral("/sessions/") + id0;
    const QString a = QStringLiteral("/agents/") + id0;
    const QString e = QStringLiteral("/environments/") + id0;
    QTest::newRow("DELETE session") << s << QByteArray("DELETE") << QByteArray("GET");
    QTest::newRow("POST session") << s << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("GET prompt") << s + QStringLiteral("/prompt") << QByteArray("GET") << QByteArray("POST");
    QTest::newRow("POST turns") << s + QStringLiteral("/turns") << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("GET interrupt") << s + QStringLiteral("/interrupt") << QByteArray("GET") << QByteArray("POST");
    QTest::newRow("PUT terminate") << s + QStringLiteral("/terminate") << QByteArray("PUT") << QByteArray("POST");
    QTest::newRow("POST stream") << s + QStringLiteral("/stream") << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("HEAD stream") << s + QStringLiteral("/stream") << QByteArray("HEAD") << QByteArray("GET");
    QTest::newRow("GET agent archive") << a + QStringLiteral("/archive") << QByteArray("GET") << QByteArray("POST");
    QTest::newRow("POST agent versions") << a + QStringLiteral("/versions") << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("DELETE env archive") << e + QStringLiteral("/archive") << QByteArray("DELETE") << QByteArray("POST");
    QTest::newRow("PUT env versions") << e + QStringLiteral("/versions") << QByteArray("PUT") << QByteArray("GET");
}

void TestServerHttp::pinnedRoutesGiveEmpty405BeforeAuth()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, allow);
    // No Authorization header at all: the method check must still win.
    const QByteArray raw = rawExchange(server->port(), method + ' ' + path.toLatin1() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(raw), 405);
    const auto parts = splitResponse(raw);
    QVERIFY2(parts.first.contains(QByteArray("\r\nAllow: " + allow + "\r\n")), parts.first.constData());
    QVERIFY(parts.second.isEmpty());
}

void TestServerHttp::multiMethodRoutesGiveJson405AfterAuth_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("PATCH agents") << QStringLiteral("/agents") << QByteArray("PATCH");
    QTest::newRow("DELETE agents") << QStringLiteral("/agents") << QByteArray("DELETE");
    QTest::newRow("DELETE agent") << QStringLiteral("/agents/") + id0 << QByteArray("DELETE");
    QTest::newRow("PUT environments") << QStringLiteral("/environments") << QByteArray("PUT");
    QTest::newRow("DELETE sessions") << QStringLiteral("/sessions") << QByteArray("DELETE");
    QTest::newRow("GET session delete") << QStringLiteral("/sessions/%1/delete").arg(id0) << QByteArray("GET");
    QTest::newRow("POST env delete") << QStringLiteral("/environments/%1/delete").arg(id0) << QByteArray("POST");
}

void TestServerHttp::multiMethodRoutesGiveJson405AfterAuth()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, method);
    const Reply noAuth = client->send(method, path, {}, {}, false);
    QCOMPARE(noAuth.status, 401);
    QCOMPARE(noAuth.detail(), QStringLiteral("Missing or invalid Authorization header"));
    const Reply r = client->send(method, path);
    QCOMPARE(r.status, 405);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Method not allowed"})"));
    QVERIFY(!r.hasHeader("Allow"));
}

void TestServerHttp::environmentDetailDeleteQuirk()
{
    // Unknown id: the lookup comes before the method dispatch -> 404, not 405.
    Reply r = client->del(QStringLiteral("/environments/") + id0);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Environment not found"})"));
    const QString env = client->createEnvironment(QStringLiteral("quirk"));
    QVERIFY(!env.isEmpty());
    r = client->del(QStringLiteral("/environments/") + env);
    QCOMPARE(r.status, 405);
    QCOMPARE(r.detail(), QStringLiteral("Method not allowed"));
    // and it is still there
    QCOMPARE(client->get(QStringLiteral("/environments/") + env).status, 200);
}

void TestServerHttp::authStrings()
{
    auto status = [&](const QList<QPair<QByteArray, QByteArray>> &h) {
        return client->send("GET", QStringLiteral("/agents"), {}, h, false);
    };
    Reply r = status({});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body, QByteArray(R"({"detail": "Missing or invalid Authorization header"})"));
    QVERIFY(!r.hasHeader("WWW-Authenticate"));
    QCOMPARE(status({{"Authorization", "bearer " + server->token().toUtf8()}}).detail(),
             QStringLiteral("Missing or invalid Authorization header"));
    QCOMPARE(status({{"Authorization", "Token " + server->token().toUtf8()}}).detail(),
             QStringLiteral("Missing or invalid Authorization header"));
    QCOMPARE(status({{"Authorization", "Bearer"}}).detail(), QStringLiteral("Missing or invalid Authorization header"));
    QCOMPARE(status({{"Authorization", "Bearer aod_nope"}}).detail(), QStringLiteral("Invalid API key"));
    // No trimming: two spaces make the token start with a space.
    QCOMPARE(status({{"Authorization", "Bearer  " + server->token().toUtf8()}}).detail(), QStringLiteral("Invalid API key"));
    QCOMPARE(status({{"Authorization", "Bearer " + server->token().toUtf8()}}).status, 200);

    const QString inactive = server->addToken(server->token(), false, {});
    QCOMPARE(status({{"Authorization", "Bearer " + inactive.toUtf8()}}).detail(), QStringLiteral("API key is inactive"));
    const QString expired = server->addToken(server->token(), true, QDateTime::currentDateTimeUtc().addSecs(-5));
    r = status({{"Authorization", "Bearer " + expired.toUtf8()}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.detail(), QStringLiteral("API key has expired"));
    const QString future = server->addToken(server->token(), true, QDateTime::currentDateTimeUtc().addDays(1));
    QCOMPARE(status({{"Authorization", "Bearer " + future.toUtf8()}}).status, 200);
    QCOMPARE(server->addToken(QStringLiteral("aod_unknown"), true, {}), QString());
    // /health needs no auth; 403 is never used
    QCOMPARE(client->send("GET", QStringLiteral("/health"), {}, {{"Authorization", "Bearer wrong"}}, false).status, 200);
}

void TestServerHttp::authUsersAreIsolated()
{
    const QString agent = client->createAgent();
    const QString env = client->createEnvironment(QStringLiteral("mine"));
    const QString session = client->createSession(agent);
    QVERIFY(!session.isEmpty());
    Client other(server->url(), server->addUser());
    QCOMPARE(other.get(QStringLiteral("/agents/") + agent).detail(), QStringLiteral("Agent not found"));
    QCOMPARE(other.get(QStringLiteral("/agents/") + agent).status, 404);
    QCOMPARE(other.get(QStringLiteral("/environments/") + env).status, 404);
    QCOMPARE(other.get(QStringLiteral("/sessions/") + session).detail(), QStringLiteral("Session not found"));
    QCOMPARE(other.get(QStringLiteral("/sessions/%1/stream").arg(session)).status, 404);
    QCOMPARE(other.post(QStringLiteral("/sessions/%1/terminate").arg(session)).status, 404);
    QCOMPARE(other.get(QStringLiteral("/agents")).data().size(), 0);
    QCOMPARE(other.get(QStringLiteral("/sessions")).data().size(), 0);
    // another user's agent cannot start a session, nor be used as environment
    QCOMPARE(other.postJson(QStringLiteral("/sessions"), {{QStringLiteral("agent_id"), agent}, {QStringLiteral("prompt"), QStringLiteral("x")}}).detail(),
             QStringLiteral("Agent not found"));
    QCOMPARE(other.postJson(QStringLiteral("/agents"), {{QStringLiteral("name"), QStringLiteral("a")}, {QStringLiteral("provider"), QStringLiteral("openai")},
                                                       {QStringLiteral("model"), QStringLiteral("gpt-5")}, {QStringLiteral("environment_id"), env}}).detail(),
             QStringLiteral("Environment not found"));
    // the same name is fine for another user
    QCOMPARE(other.postJson(QStringLiteral("/environments"), {{QStringLiteral("name"), QStringLiteral("mine")}}).status, 201);
}

void TestServerHttp::invalidJsonBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("garbage") << QByteArray("{not json");
    QTest::newRow("array") << QByteArray("[1, 2]");
    QTest::newRow("string") << QByteArray("\"x\"");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("trailing data") << QByteArray("{} {}");
    QTest::newRow("single quotes") << QByteArray("{'a': 1}");
    QTest::newRow("control char in string") << QByteArray("{\"name\": \"a\x01\"}");
    QTest::newRow("invalid utf8") << QByteArray("{\"name\": \"\xff\xfe\"}");
    QTest::newRow("deep nesting") << QByteArray(5000, '[') + QByteArray(5000, ']');
}

void TestServerHttp::invalidJsonBodies()
{
    QFETCH(QByteArray, body);
    for (const QString &path : {QStringLiteral("/agents"), QStringLiteral("/environments"), QStringLiteral("/sessions")}) {
        const Reply r = client->send("POST", path, body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body, QByteArray(R"({"detail": "Invalid JSON"})"));
    }
}

void TestServerHttp::unknownKeysIgnoredAndLaxInt()
{
    const Reply r = client->send("POST", QStringLiteral("/agents"),
                                 R"({"name": "x", "provider": "anthropic", "model": "m", "runtime": "claude", "extra": [1]})");
    QCOMPARE(r.status, 201);
    QVERIFY(!r.obj().contains(QStringLiteral("runtime")));
    QVERIFY(!r.obj().contains(QStringLiteral("extra")));
    // the content type does not matter
    const Reply t = client->send("POST", QStringLiteral("/agents"), R"({"name": "y", "provider": "openai", "model": "gpt"})",
                                 {{"Content-Type", "text/plain"}});
    QCOMPARE(t.status, 201);
    // "2" is accepted for an int field in lax mode, 2.0 too, 2.5 is not
    const QString id = r.obj().value(QStringLiteral("id")).toString();
    QCOMPARE(client->put(QStringLiteral("/agents/") + id, R"({"version": "1", "name": "z"})").status, 200);
    QCOMPARE(client->put(QStringLiteral("/agents/") + id, R"({"version": 2.0, "name": "w"})").status, 200);
    const Reply bad = client->put(QStringLiteral("/agents/") + id, R"({"version": 2.5})");
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.obj().value(QStringLiteral("detail")).toArray().at(0).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("int_from_float"));
    // 123 is not accepted for a string field
    const Reply s = client->send("POST", QStringLiteral("/agents"), R"({"name": 123, "provider": "openai", "model": "gpt"})");
    QCOMPARE(s.status, 422);
    const QJsonObject item = s.obj().value(QStringLiteral("detail")).toArray().at(0).toObject();
    QCOMPARE(item.value(QStringLiteral("type")).toString(), QStringLiteral("string_type"));
    QCOMPARE(item.value(QStringLiteral("msg")).toString(), QStringLiteral("Input should be a valid string"));
    QCOMPARE(item.value(QStringLiteral("input")).toInt(), 123);
    QCOMPARE(item.value(QStringLiteral("loc")).toArray(), QJsonArray{QStringLiteral("name")});
    QCOMPARE(item.value(QStringLiteral("url")).toString(), QStringLiteral("https://errors.pydantic.dev/2.11/v/string_type"));
}

void TestServerHttp::nonAsciiIsEscapedWithPythonSeparators()
{
    const QByteArray body = QStringLiteral(R"({"name": "café ☕ 𝄞", "provider": "anthropic", "model": "m", "metadata": {"b": "1", "a": "x\ny"}})").toUtf8();
    const Reply r = client->send("POST", QStringLiteral("/agents"), body);
    QCOMPARE(r.status, 201);
    QVERIFY2(r.body.contains(R"("name": "caf\u00e9 \u2615 \ud834\udd1e")"), r.body.constData());
    for (const char c : r.body)
        QVERIFY(static_cast<unsigned char>(c) < 0x80);
    // submitted key order is kept (Python dicts), newlines escaped
    QVERIFY(r.body.contains(R"("metadata": {"b": "1", "a": "x\ny"})"));
    QCOMPARE(keysInOrder(r.body),
             (QStringList{QStringLiteral("id"), QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("description"),
                          QStringLiteral("system"), QStringLiteral("provider"), QStringLiteral("model"),
                          QStringLiteral("environment_id"), QStringLiteral("skills"), QStringLiteral("mcp_servers"),
                          QStringLiteral("metadata"), QStringLiteral("version"), QStringLiteral("created_at"),
                          QStringLiteral("updated_at"), QStringLiteral("archived_at")}));
    QCOMPARE(r.obj().value(QStringLiteral("name")).toString(), QStringLiteral("café ☕ 𝄞"));
}

void TestServerHttp::pythonJsonEdgeValuesRoundTrip()
{
    // Python json.loads accepts NaN/Infinity and big ints; json.dumps writes floats with repr().
    const QByteArray body = R"({"name": "n", "provider": "anthropic", "model": "m", "metadata": {"f": 1.0, "g": 1e-05, "h": 1e16, "i": 123456789012345678901234567890, "j": NaN, "k": -Infinity, "l": 0.1, "m": -0.0, "n": 2.5e-7, "o": 1e15, "p": true, "q": null, "dup": 1, "dup": 2}})";
    const Reply r = client->send("POST", QStringLiteral("/agents"), body);
    QCOMPARE(r.status, 201);
    QVERIFY2(r.body.contains(R"("metadata": {"f": 1.0, "g": 1e-05, "h": 1e+16, "i": 123456789012345678901234567890, "j": NaN, "k": -Infinity, "l": 0.1, "m": -0.0, "n": 2.5e-07, "o": 1000000000000000.0, "p": true, "q": null, "dup": 2})"),
             r.body.constData());
}

void TestServerHttp::timestampsBothForms()
{
    server->seed();
    int withFraction = 0, without = 0;
    for (const QString &path : {QStringLiteral("/agents"), QStringLiteral("/environments"), QStringLiteral("/sessions")}) {
        const QJsonArray items = client->get(path).data();
        QVERIFY(!items.isEmpty());
        for (const auto &v : items) {
            const QJsonObject o = v.toObject();
            for (const QString &k : {QStringLiteral("created_at"), QStringLiteral("updated_at")}) {
                const QString ts = o.value(k).toString();
                QVERIFY2(isTimestamp(ts), qPrintable(ts));
                (ts.contains(QLatin1Char('.')) ? withFraction : without) += 1;
            }
        }
    }
    QVERIFY(withFraction > 0);
    QVERIFY(without > 0);
}

void TestServerHttp::keepAliveAndPipelining()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(s.waitForConnected(5000));
    const QByteArray auth = "Authorization: Bearer " + server->token().toUtf8() + "\r\n";
    // two requests in one write, then a third later on the same connection
    s.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /agents HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
    QByteArray got;
    connect(&s, &QTcpSocket::readyRead, this, [&] { got += s.readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(got.count("HTTP/1.1 ") == 2 && got.endsWith(R"({"data": []})"), 10000);
    QVERIFY(got.indexOf(R"({"status": "ok")") < got.indexOf(R"({"data": [])"));
    QCOMPARE(s.state(), QAbstractSocket::ConnectedState);
    got.clear();
    s.write("GET /sessions HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 10000);
    QVERIFY(got.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(got.contains("\r\nConnection: close\r\n"));
}

void TestServerHttp::http10ClosesAndLfOnlyAccepted()
{
    bool closed = false;
    const QByteArray raw = rawExchange(server->port(), "GET /health HTTP/1.0\n\n", 10000, &closed);
    QVERIFY(closed);
    QCOMPARE(statusOf(raw), 200);
    QVERIFY(raw.endsWith(R"({"status": "ok", "checks": {"db": "ok", "crypto": "ok"}})"));
}

void TestServerHttp::requestSplitByteByByte()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(s.waitForConnected(5000));
    const QByteArray body = R"({"name": "split", "provider": "openai", "model": "gpt-5"})";
    const QByteArray req = "POST /agents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server->token().toUtf8()
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    QByteArray got;
    connect(&s, &QTcpSocket::readyRead, this, [&] { got += s.readAll(); });
    for (const char c : req) {
        s.write(&c, 1);
        s.flush();
        QCoreApplication::processEvents();
    }
    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(statusOf(got), 201);
    QVERIFY(got.contains(R"("name": "split")"));
}

void TestServerHttp::chunkedRequestBody()
{
    const QByteArray req = "POST /environments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server->token().toUtf8()
        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
          "5\r\n{\"nam\r\n" "f;ext=1\r\ne\": \"chunked\"}\r\n" "0\r\n\r\n";
    const QByteArray raw = rawExchange(server->port(), req);
    QCOMPARE(statusOf(raw), 201);
    QVERIFY(raw.contains(R"("name": "chunked")"));
}

void TestServerHttp::garbageGets400AndClose_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("no version") << QByteArray("hello\r\n\r\n") << 400;
    QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
    QTest::newRow("bad header") << QByteArray("GET /health HTTP/1.1\r\nno colon here\r\n\r\n") << 400;
    QTest::newRow("space in name") << QByteArray("GET /health HTTP/1.1\r\nBad Name: x\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET /health HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("bad content-length") << QByteArray("POST /agents HTTP/1.1\r\nContent-Length: abc\r\n\r\n") << 400;
    QTest::newRow("negative content-length") << QByteArray("POST /agents HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("conflicting content-length") << QByteArray("POST /agents HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
    QTest::newRow("te and cl") << QByteArray("POST /agents HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("bad chunk size") << QByteArray("POST /agents HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
    QTest::newRow("http/2.0") << QByteArray("GET /health HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("relative target") << QByteArray("GET health HTTP/1.1\r\n\r\n") << 400;
    static const char nul[] = "GET /hea\0lth HTTP/1.1\r\n\r\n";
    QTest::newRow("nul in target") << QByteArray(nul, sizeof nul - 1) << 400;
}

void TestServerHttp::garbageGets400AndClose()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    bool closed = false;
    const QByteArray raw = rawExchange(server->port(), bytes, 10000, &closed);
    QVERIFY2(closed, "the server must close the connection after garbage");
    QCOMPARE(statusOf(raw), status);
    QVERIFY(raw.contains("\r\nConnection: close\r\n"));
    // the server is still fine afterwards
    QCOMPARE(client->get(QStringLiteral("/health")).status, 200);
}

void TestServerHttp::oversizedHeadersAndBody()
{
    bool closed = false;
    QByteArray raw = rawExchange(server->port(), "GET /health HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n", 10000, &closed);
    QVERIFY(closed);
    QCOMPARE(statusOf(raw), 431);
    // Django refuses bodies above DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) with a plain 400 page.
    raw = rawExchange(server->port(), "POST /agents HTTP/1.1\r\nContent-Length: 3000000\r\n\r\n", 10000, &closed);
    QVERIFY(closed);
    QCOMPARE(statusOf(raw), 400);
    QVERIFY(raw.contains("Bad Request (400)"));
    // a huge prompt under the limit works
    const QString agent = client->createAgent();
    const QString prompt(2 * 1024 * 1024, QLatin1Char('p'));
    const Reply r = client->postJson(QStringLiteral("/sessions"), {{QStringLiteral("agent_id"), agent}, {QStringLiteral("prompt"), prompt}});
    QCOMPARE(r.status, 202);
}

void TestServerHttp::corsPreflightAndOrigin()
{
    const QByteArray raw = rawExchange(server->port(),
                                       "OPTIONS /agents HTTP/1.1\r\nHost: x\r\nOrigin: http://example.com\r\n"
                                       "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(raw), 200);
    QVERIFY(raw.contains("Access-Control-Allow-Origin: *"));
    QVERIFY(raw.contains("Access-Control-Allow-Methods: "));
    const Reply r = client->send("GET", QStringLiteral("/agents"), {}, {{"Origin", "http://example.com"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*"));
}

void TestServerHttp::requestLogAndSignal()
{
    QSignalSpy spy(server.get(), &LocalServer::requestServed);
    server->clearRequestLog();
    client->send("GET", QStringLiteral("/agents"), {}, {{"X-Test", "1"}});
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toByteArray(), QByteArray("GET"));
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("/agents"));
    QCOMPARE(spy.at(0).at(2).toInt(), 200);
    const auto log = server->requestLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().header("x-test"), QByteArray("1"));
    QCOMPARE(log.first().status, 200);
}

QTEST_MAIN(TestServerHttp)
#include "tst_server_http.moc"
