// The Reply contract and the transport edge cases, against a scripted byte-level mock:
// signal order, queued immediate failures, auto-delete, abort, timeout, GET-only retries,
// odd bodies (HTML 404, empty 405, 422 list, 429, truncated JSON, wrong shape, 10 MB).
#include "mockserver.h"

#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/environmentsapi.h>
#include <aod/sessionsapi.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Aod;

namespace {
QByteArray agentJson(const QString &id = QStringLiteral("5d1c1e7e-8a52-4c36-9d4c-0f1f6f0c2a11"), int version = 1)
{
    return QStringLiteral("{\"id\": \"%1\", \"type\": \"agent\", \"name\": \"reviewer\", \"description\": null, "
                          "\"system\": null, \"provider\": \"anthropic\", \"model\": \"claude-sonnet-4-6\", "
                          "\"environment_id\": null, \"skills\": [], \"mcp_servers\": [], \"metadata\": {}, "
                          "\"version\": %2, \"created_at\": \"2026-04-22T05:15:16.910301+00:00\", "
                          "\"updated_at\": \"2026-04-22T05:15:16+00:00\", \"archived_at\": null}")
        .arg(id)
        .arg(version)
        .toUtf8();
}
const QString kToken = QStringLiteral("aod_test_token_0123456789");
} // namespace

class TestReply : public QObject
{
    Q_OBJECT

    std::unique_ptr<MockServer> server;
    std::unique_ptr<Client> client;

    void makeClient(int timeoutMs = 5000, int retries = 2)
    {
        ClientConfig config(server->url().toString(), kToken);
        config.setTimeoutMs(timeoutMs);
        config.setMaxRetries(retries);
        config.setRetryBaseDelayMs(10);
        client = std::make_unique<Client>(config);
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<MockServer>();
        makeClient();
    }
    void cleanup()
    {
        client.reset();
        server.reset();
    }

    void signalOrderOnSuccess()
    {
        server->enqueue(MockResponse::json(200, agentJson()));
        auto *reply = client->agents()->get(QStringLiteral("5d1c1e7e-8a52-4c36-9d4c-0f1f6f0c2a11"));
        QStringList order;
        connect(reply, &Reply::finished, this, [&] { order << QStringLiteral("finished"); });
        connect(reply, &Reply::succeeded, this, [&] { order << QStringLiteral("succeeded"); });
        connect(reply, &Reply::failed, this, [&] { order << QStringLiteral("failed"); });
        QPointer<Reply> guard(reply);
        QTRY_VERIFY(guard.isNull()); // auto-deleted after its last signal
        QCOMPARE(order, (QStringList{QStringLiteral("finished"), QStringLiteral("succeeded")}));
    }

    void requestHeadersAndPath()
    {
        server->enqueue(MockResponse::json(200, agentJson()));
        auto *reply = client->agents()->get(QStringLiteral("a b/c?d"));
        QVERIFY(reply->waitForFinished(5000));
        QCOMPARE(server->requestCount(), 1);
        const MockRequest req = server->requests().first();
        QCOMPARE(req.method, QByteArray("GET"));
        QCOMPARE(req.target, QByteArray("/agents/a%20b%2Fc%3Fd"));
        QCOMPARE(req.headers.value("authorization"), QByteArray("Bearer ") + kToken.toUtf8());
        QVERIFY(req.headers.value("user-agent").startsWith("aod-qt/"));
    }

    void postSendsJsonBody()
    {
        server->enqueue(MockResponse::json(201, agentJson()));
        AgentDraft draft;
        draft.name = QStringLiteral("reviewer");
        draft.provider = QStringLiteral("anthropic");
        draft.model = QStringLiteral("claude-sonnet-4-6");
        auto *reply = client->agents()->create(draft);
        reply->setAutoDelete(false);
        QVERIFY(reply->waitForFinished(5000));
        QVERIFY2(reply->isSuccess(), qPrintable(reply->error().message()));
        QCOMPARE(reply->result().name, QStringLiteral("reviewer"));
        const MockRequest req = server->requests().first();
        QCOMPARE(req.method, QByteArray("POST"));
        QCOMPARE(req.headers.value("content-type"), QByteArray("application/json"));
        const QJsonObject sent = QJsonDocument::fromJson(req.body).object();
        QCOMPARE(sent.value(QLatin1String("name")).toString(), QStringLiteral("reviewer"));
        QCOMPARE(sent.value(QLatin1String("provider")).toString(), QStringLiteral("anthropic"));
        delete reply;
    }

    void immediateFailuresAreQueued()
    {
        auto *reply = client->agents()->get(QString());
        QSignalSpy finished(reply, &Reply::finished);
        QSignalSpy failed(reply, &Reply::failed);
        QCOMPARE(finished.count(), 0); // nothing inside the call
        QVERIFY(failed.wait(2000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.first().first().value<Error>().code(), Error::Code::ConfigurationError);
        QCOMPARE(server->requestCount(), 0);
    }

    void missingTokenIsConfigurationError()
    {
        client = std::make_unique<Client>(ClientConfig(server->url().toString(), QString()));
        QSignalSpy sink(client.get(), &Client::requestFailed);
        auto *reply = client->sessions()->list();
        QSignalSpy failed(reply, &Reply::failed);
        QVERIFY(failed.wait(2000));
        QCOMPARE(failed.first().first().value<Error>().code(), Error::Code::ConfigurationError);
        QCOMPARE(sink.count(), 1);
        QCOMPARE(server->requestCount(), 0);
    }

    void clientSideValidationSendsNothing()
    {
        AgentDraft draft; // no name, provider or model
        auto *reply = client->agents()->create(draft);
        QSignalSpy failed(reply, &Reply::failed);
        QVERIFY(failed.wait(2000));
        const Error e = failed.first().first().value<Error>();
        QCOMPARE(e.code(), Error::Code::ValidationError);
        QVERIFY(!e.validationItems().isEmpty());
        QCOMPARE(e.httpStatus(), 0);
        QCOMPARE(server->requestCount(), 0);
    }

    void abortEmitsOnlyFinished()
    {
        MockResponse hang;
        hang.hang = true;
        server->enqueue(hang);
        auto *reply = client->sessions()->list();
        reply->setAutoDelete(false);
        QSignalSpy finished(reply, &Reply::finished);
        QSignalSpy succeeded(reply, &Reply::succeeded);
        QSignalSpy failed(reply, &Reply::failed);
        QSignalSpy sink(client.get(), &Client::requestFailed);
        QTRY_COMPARE(server->requestCount(), 1);
        reply->abort();
        QCOMPARE(finished.count(), 1);
        QVERIFY(reply->isCanceled());
        QCOMPARE(reply->error().code(), Error::Code::Canceled);
        reply->abort(); // no-op
        QTest::qWait(0);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(succeeded.count(), 0);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(sink.count(), 0);
        delete reply;
    }

    void timeout()
    {
        makeClient(150);
        MockResponse hang;
        hang.hang = true;
        server->enqueue(hang);
        auto *reply = client->sessions()->list();
        QSignalSpy failed(reply, &Reply::failed);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<Error>().code(), Error::Code::TimeoutError);
        QCOMPARE(server->requestCount(), 1); // timeouts are not retried: the server may be working
    }

    void getIsRetriedOn503()
    {
        server->enqueue(MockResponse::html(503, "<html><title>Service Unavailable</title></html>"));
        server->enqueue(MockResponse::json(502, "{}"));
        server->enqueue(MockResponse::json(200, "{\"data\": []}"));
        auto *reply = client->sessions()->list();
        reply->setAutoDelete(false);
        QVERIFY(reply->waitForFinished(5000));
        QVERIFY2(reply->isSuccess(), qPrintable(reply->error().message()));
        QCOMPARE(reply->retryCount(), 2);
        QCOMPARE(server->requestCount(), 3);
        delete reply;
    }

    void retryBudgetIsBounded()
    {
        server->enqueue(MockResponse::json(503, "{\"detail\": \"Session backend is not configured\"}"));
        auto *reply = client->sessions()->list();
        QSignalSpy failed(reply, &Reply::failed);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<Error>().code(), Error::Code::ServerError);
        QCOMPARE(server->requestCount(), 3); // 1 + maxRetries(2)
    }

    void postIsNeverRetried()
    {
        server->enqueue(MockResponse::json(503, "{\"detail\": \"Session backend is not configured\"}"));
        SessionDraft draft;
        draft.agentId = QStringLiteral("5d1c1e7e-8a52-4c36-9d4c-0f1f6f0c2a11");
        draft.prompt = QStringLiteral("hi");
        auto *reply = client->sessions()->create(draft);
        QSignalSpy failed(reply, &Reply::failed);
        QVERIFY(failed.wait(5000));
        const Error e = failed.first().first().value<Error>();
        QCOMPARE(e.httpStatus(), 503);
        QCOMPARE(e.detailText(), QStringLiteral("Session backend is not configured"));
        QCOMPARE(server->requestCount(), 1);
    }

    void connectionRefused()
    {
        const QUrl dead = server->url();
        server.reset(); // nothing listens there any more
        ClientConfig config(dead.toString(), kToken);
        config.setRetryBaseDelayMs(5);
        client = std::make_unique<Client>(config);
        auto *reply = client->agents()->list();
        reply->setAutoDelete(false);
        QVERIFY(reply->waitForFinished(10000));
        QCOMPARE(reply->error().code(), Error::Code::NetworkError);
        QCOMPARE(reply->error().networkError(), QNetworkReply::ConnectionRefusedError);
        QCOMPARE(reply->retryCount(), 2);
        QVERIFY(reply->error().isTransient());
        delete reply;
        server = std::make_unique<MockServer>();
    }

    void oddBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Error::Code>("code");
        QTest::newRow("html 404") << 404 << QByteArray("text/html") << QByteArray("<html><title>Not Found</title></html>")
                                  << Error::Code::NotFound;
        QTest::newRow("empty 405") << 405 << QByteArray("text/html") << QByteArray() << Error::Code::HttpError;
        QTest::newRow("json 405") << 405 << QByteArray("application/json")
                                  << QByteArray("{\"detail\": \"Method not allowed\"}") << Error::Code::HttpError;
        QTest::newRow("html 500") << 500 << QByteArray("text/html") << QByteArray("<html>Traceback</html>")
                                  << Error::Code::ServerError;
        QTest::newRow("truncated json 200") << 200 << QByteArray("application/json")
                                            << QByteArray("{\"data\": [{\"id\": \"x\"") << Error::Code::InvalidResponse;
        QTest::newRow("html 200") << 200 << QByteArray("text/html") << QByteArray("<html>hi</html>")
                                  << Error::Code::InvalidResponse;
        QTest::newRow("wrong shape 200") << 200 << QByteArray("application/json") << QByteArray("{\"items\": []}")
                                         << Error::Code::InvalidResponse;
        QTest::newRow("bad item 200") << 200 << QByteArray("application/json")
                                      << QByteArray("{\"data\": [{\"id\": 5}]}") << Error::Code::InvalidResponse;
        QTest::newRow("401") << 401 << QByteArray("application/json") << QByteArray("{\"detail\": \"Invalid API key\"}")
                             << Error::Code::AuthenticationError;
        QTest::newRow("422 list") << 422 << QByteArray("application/json")
                                  << QByteArray(R"({"detail": [{"type": "missing", "loc": ["name"], "msg": "Field required", "input": {}}]})")
                                  << Error::Code::ValidationError;
        QTest::newRow("429") << 429 << QByteArray("application/json")
                             << QByteArray(R"({"detail": "Concurrent session limit reached (2/2).", "limit": 2, "active": 2})")
                             << Error::Code::RateLimited;
    }
    void oddBodies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(Error::Code, code);
        MockResponse r;
        r.status = status;
        r.headers = {{"Content-Type", contentType}};
        r.body = body;
        server->enqueue(r);
        auto *reply = client->agents()->list();
        QSignalSpy failed(reply, &Reply::failed);
        QVERIFY(failed.wait(5000));
        const Error e = failed.first().first().value<Error>();
        QCOMPARE(e.code(), code);
        QCOMPARE(e.httpStatus(), status);
        QVERIFY(!e.message().isEmpty());
        if (code == Error::Code::RateLimited) {
            QCOMPARE(e.rateLimit(), 2);
            QCOMPARE(e.activeCount(), 2);
        }
        if (status == 422)
            QCOMPARE(e.validationItems().first().field(), QStringLiteral("name"));
    }

    void truncatedConnection()
    {
        MockResponse r = MockResponse::json(200, agentJson());
        r.truncate = true;
        server->enqueue(r);
        auto *reply = client->agents()->get(QStringLiteral("x"));
        reply->setAutoDelete(false);
        QVERIFY(reply->waitForFinished(5000));
        // A body cut off mid-way is a transport failure (retried for GETs), not bad JSON.
        QCOMPARE(reply->error().code(), Error::Code::NetworkError);
        QCOMPARE(reply->retryCount(), 2);
        delete reply;
    }

    void tenMegabyteBody()
    {
        QByteArray body = "{\"data\": [";
        int count = 0;
        while (body.size() < 10 * 1024 * 1024) {
            if (count)
                body += ", ";
            body += agentJson(QStringLiteral("00000000-0000-4000-8000-%1").arg(count, 12, 10, QLatin1Char('0')));
            ++count;
        }
        body += "]}";
        server->enqueue(MockResponse::json(200, body));
        auto *reply = client->agents()->list();
        reply->setAutoDelete(false);
        QVERIFY(reply->waitForFinished(30000));
        QVERIFY2(reply->isSuccess(), qPrintable(reply->error().message()));
        QCOMPARE(reply->result().size(), count);
        delete reply;
    }

    void authenticationFailedOncePerToken()
    {
        server->enqueue(MockResponse::json(401, "{\"detail\": \"Invalid API key\"}"));
        QSignalSpy auth(client.get(), &Client::authenticationFailed);
        QSignalSpy sink(client.get(), &Client::requestFailed);
        for (int i = 0; i < 3; ++i)
            client->agents()->list();
        QTRY_COMPARE(sink.count(), 3);
        QCOMPARE(auth.count(), 1);
        QCOMPARE(auth.first().first().value<Error>().detailText(), QStringLiteral("Invalid API key"));
        ClientConfig config = client->config();
        config.setToken(QStringLiteral("aod_other"));
        client->setConfig(config);
        client->agents()->list();
        QTRY_COMPARE(auth.count(), 2);
    }

    void thenWithContext()
    {
        server->enqueue(MockResponse::json(200, "{\"data\": []}"));
        bool called = false;
        {
            QObject context;
            client->agents()->list()->then(&context, [&](const QList<Agent> &) { called = true; },
                                           [&](const Error &) { called = true; });
        } // context gone: no callback
        QTRY_COMPARE(server->requestCount(), 1);
        QTest::qWait(50); // let the answer arrive; nothing may be called
        QVERIFY(!called);

        QList<Agent> got{Agent{}};
        QObject alive;
        auto *reply = client->agents()->list();
        QSignalSpy done(reply, &Reply::finished);
        reply->then(&alive, [&](const QList<Agent> &agents) { got = agents; }, [](const Error &) {});
        QVERIFY(done.wait(5000));
        QVERIFY(got.isEmpty());
    }

    void healthDegradedIsAResult()
    {
        server->enqueue(MockResponse::json(503, R"({"status": "degraded", "checks": {"db": "ok", "crypto": "fail: InvalidToken"}})"));
        auto *reply = client->health();
        reply->setAutoDelete(false);
        QVERIFY(reply->waitForFinished(5000));
        QVERIFY2(reply->isSuccess(), qPrintable(reply->error().message()));
        QVERIFY(!reply->result().isOk());
        QCOMPARE(reply->result().checks.value(QStringLiteral("crypto")), QStringLiteral("fail: InvalidToken"));
        QVERIFY(!server->requests().first().headers.contains("authorization"));
        delete reply;
    }

    void deletingClientAbortsReplies()
    {
        MockResponse hang;
        hang.hang = true;
        server->enqueue(hang);
        QPointer<Reply> reply = client->sessions()->list();
        QTRY_COMPARE(server->requestCount(), 1);
        client.reset();
        QVERIFY(reply.isNull());
    }
};

QTEST_GUILESS_MAIN(TestReply)
#include "tst_reply.moc"
