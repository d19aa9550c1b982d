// Aod::SessionRunner (the run helper) against the local AoD server: create with secrets and
// resources, follow through drops, final GET, signal order, failures, cancel, follow().
#include "streamtestutil.h"

#include <aod/sessionrunner.h>
#include <aod/testing/localserver.h>

#include <QJsonDocument>
#include <QPointer>
#include <QTest>

using Aod::Error;
using Aod::RunOptions;
using Aod::SessionRunner;
using Aod::StreamEvent;
using Aod::Testing::LocalServer;
using namespace StreamTest;

class TestSessionRunner : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalServer> server;
    std::unique_ptr<Aod::Client> client;
    QString agentId;

    static RunOptions options()
    {
        RunOptions o;
        o.stream.initialBackoffMs = 2;
        o.stream.maxBackoffMs = 20;
        o.stream.idleTimeoutMs = 5000;
        return o;
    }

    Aod::SessionDraft draft(const QString &prompt) const
    {
        Aod::SessionDraft d;
        d.agentId = agentId;
        d.prompt = prompt;
        return d;
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<LocalServer>();
        server->setTiming(Aod::Testing::ServerTiming::fast());
        QVERIFY(server->listen(0));
        client = std::make_unique<Aod::Client>(Aod::ClientConfig(server->url().toString(), server->token()));
        agentId = createAgent(*client);
        QVERIFY(!agentId.isEmpty());
    }
    void cleanup()
    {
        client.reset();
        server.reset();
    }

    void runToCompletionWithSecretsAndResources()
    {
        Aod::SessionDraft d = draft(QStringLiteral("scenario:success review the PR"));
        d.secretEnvVars.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-test"));
        Aod::RepositoryResource repo;
        repo.url = QStringLiteral("https://github.com/octo/widgets.git");
        repo.authorizationToken = QStringLiteral("ghp_secret");
        d.resources.append(repo);

        SessionRunner *runner = SessionRunner::run(client.get(), d, options());
        runner->setAutoDelete(false);
        QStringList order;
        QString createdId;
        connect(runner, &SessionRunner::sessionCreated, this, [&](const QString &id) {
            order << QStringLiteral("created");
            createdId = id;
        });
        connect(runner, &SessionRunner::eventReceived, this, [&](const StreamEvent &) {
            if (order.isEmpty() || order.last() != QLatin1String("event"))
                order << QStringLiteral("event");
        });
        connect(runner, &SessionRunner::finished, this, [&] { order << QStringLiteral("finished"); });
        connect(runner, &SessionRunner::succeeded, this, [&] { order << QStringLiteral("succeeded"); });
        connect(runner, &SessionRunner::failed, this, [&] { order << QStringLiteral("failed"); });
        QVERIFY(order.isEmpty()); // nothing inside run()
        QVERIFY(runner->waitForFinished(60000));
        QCOMPARE(order, QStringList({QStringLiteral("created"), QStringLiteral("event"),
                                     QStringLiteral("finished"), QStringLiteral("succeeded")}));
        QVERIFY(runner->isSuccess());
        const Aod::RunResult &r = runner->result();
        QCOMPARE(r.sessionId, createdId);
        QCOMPARE(runner->sessionId(), createdId);
        QCOMPARE(r.session.id, createdId);
        QCOMPARE(r.session.status, Aod::SessionStatus::Completed);
        QVERIFY(r.isSuccess());
        QCOMPARE(r.exitCode().value_or(-1), 0);
        QCOMPARE(r.terminalEvent.type(), StreamEvent::Type::Exit);
        QCOMPARE(r.events.first().type(), StreamEvent::Type::Start);
        QCOMPARE(r.events.last().type(), StreamEvent::Type::Exit);
        QCOMPARE(r.stdoutText.toUtf8(), server->sessionOutput(createdId));
        QCOMPARE(r.stderrText.toUtf8(), server->sessionOutput(createdId, QStringLiteral("stderr")));
        QCOMPARE(r.session.resources.size(), 1);
        QCOMPARE(r.session.resources[0].url, QStringLiteral("https://github.com/octo/widgets"));
        QVERIFY(runner->stream() == nullptr); // released after the run

        // The secrets and the repository token went out in the create body.
        QJsonObject body;
        for (const auto &req : server->requestLog()) {
            if (req.method == "POST" && req.path == QLatin1String("/sessions"))
                body = QJsonDocument::fromJson(req.body).object();
        }
        QCOMPARE(body.value(QLatin1String("secret_env_vars")).toObject().value(QLatin1String("ANTHROPIC_API_KEY")).toString(),
                 QStringLiteral("sk-ant-test"));
        QCOMPARE(body.value(QLatin1String("resources")).toArray().at(0).toObject()
                     .value(QLatin1String("authorization_token")).toString(),
                 QStringLiteral("ghp_secret"));
        delete runner;
    }

    void runThroughDrops()
    {
        server->faults()->dropStreamsRandomly(5, 31u, 3000);
        SessionRunner *runner = SessionRunner::run(client.get(), draft(QStringLiteral("scenario:success")), options());
        runner->setAutoDelete(false);
        QVERIFY(runner->waitForFinished(60000));
        QVERIFY(runner->isSuccess());
        const Aod::RunResult &r = runner->result();
        QCOMPARE(r.stdoutText.toUtf8(), server->sessionOutput(r.sessionId));
        // Exactly what one clean connection delivers.
        server->faults()->reset();
        SessionRunner *again = SessionRunner::follow(client.get(), r.sessionId, options());
        again->setAutoDelete(false);
        QVERIFY(again->waitForFinished(60000));
        QCOMPARE(describeAll(r.events), describeAll(again->result().events));
        delete again;
        delete runner;
    }

    void failedSessionStillSucceedsToFollow()
    {
        SessionRunner *runner = SessionRunner::run(client.get(), draft(QStringLiteral("scenario:error")), options());
        runner->setAutoDelete(false);
        QSignalSpy failed(runner, &SessionRunner::failed);
        QVERIFY(runner->waitForFinished(60000));
        QVERIFY(runner->isSuccess()); // followed to its end
        QCOMPARE(failed.count(), 0);
        const Aod::RunResult &r = runner->result();
        QCOMPARE(r.session.status, Aod::SessionStatus::Failed);
        QVERIFY(!r.isSuccess());
        QCOMPARE(r.terminalEvent.type(), StreamEvent::Type::Error);
        QVERIFY(!r.exitCode().has_value());
        delete runner;

        runner = SessionRunner::run(client.get(), draft(QStringLiteral("scenario:exit_nonzero")), options());
        runner->setAutoDelete(false);
        QVERIFY(runner->waitForFinished(60000));
        QVERIFY(runner->result().exitCode().value_or(0) != 0);
        QVERIFY(!runner->result().isSuccess());
        delete runner;
    }

    void createFailureIsReported()
    {
        Aod::SessionDraft d = draft(QStringLiteral("x"));
        d.agentId = QStringLiteral("0b0e2c7e-1111-4222-8333-944455556666");
        SessionRunner *runner = SessionRunner::run(client.get(), d, options());
        runner->setAutoDelete(false);
        QSignalSpy created(runner, &SessionRunner::sessionCreated);
        QSignalSpy failed(runner, &SessionRunner::failed);
        QVERIFY(runner->waitForFinished(20000));
        QCOMPARE(created.count(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!runner->isSuccess());
        QCOMPARE(runner->error().code(), Error::Code::NotFound);
        QVERIFY(runner->sessionId().isEmpty());
        delete runner;
    }

    void streamFailureIsReported()
    {
        // The session exists but every stream request is refused with 401 from now on.
        const QString id = createSession(*client, agentId, QStringLiteral("scenario:success"));
        client->setConfig(Aod::ClientConfig(server->url().toString(), QStringLiteral("aod_not-a-valid-token")));
        SessionRunner *runner = SessionRunner::follow(client.get(), id, options());
        runner->setAutoDelete(false);
        QVERIFY(runner->waitForFinished(20000));
        QVERIFY(!runner->isSuccess());
        QCOMPARE(runner->error().code(), Error::Code::AuthenticationError);
        delete runner;
    }

    void collectOptions()
    {
        RunOptions o = options();
        o.collectEvents = false;
        SessionRunner *runner = SessionRunner::run(client.get(), draft(QStringLiteral("scenario:success")), o);
        runner->setAutoDelete(false);
        int seen = 0;
        connect(runner, &SessionRunner::eventReceived, this, [&] { ++seen; });
        QVERIFY(runner->waitForFinished(60000));
        QVERIFY(runner->result().events.isEmpty());
        QVERIFY(seen > 3);
        QVERIFY(!runner->result().stdoutText.isEmpty());
        delete runner;

        o.collectEvents = true;
        o.collectOutput = false;
        runner = SessionRunner::run(client.get(), draft(QStringLiteral("scenario:success")), o);
        runner->setAutoDelete(false);
        QVERIFY(runner->waitForFinished(60000));
        QVERIFY(runner->result().stdoutText.isEmpty());
        QVERIFY(!runner->result().events.isEmpty());
        delete runner;
    }

    void cancelStopsFollowingOnly()
    {
        SessionRunner *runner = SessionRunner::run(client.get(), draft(QStringLiteral("scenario:hang")), options());
        runner->setAutoDelete(false);
        QSignalSpy finished(runner, &SessionRunner::finished);
        QSignalSpy succeeded(runner, &SessionRunner::succeeded);
        QSignalSpy failed(runner, &SessionRunner::failed);
        QTRY_VERIFY_WITH_TIMEOUT(runner->stream() && runner->stream()->state() == Aod::SessionStream::State::Open, 20000);
        const QString id = runner->sessionId();
        runner->cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(runner->isCanceled());
        QCOMPARE(runner->error().code(), Error::Code::Canceled);
        QVERIFY(runner->waitForFinished(0));
        QCOMPARE(succeeded.count() + failed.count(), 0);
        QTRY_COMPARE(server->openStreamCount(), 0);
        const QString status = server->sessionStatus(id); // the session goes on
        QVERIFY2(status == QLatin1String("pending") || status == QLatin1String("running"), qPrintable(status));
        runner->cancel();
        QCOMPARE(finished.count(), 1);
        delete runner;
    }

    void autoDeleteAndFollowSince()
    {
        const QString id = createSession(*client, agentId, QStringLiteral("scenario:success"));
        QVERIFY(waitForStatus(*server, id, QStringLiteral("completed")));
        const QJsonArray log = server->sessionLog(id);
        const qint64 mid = log.at(log.size() / 2).toObject().value(QLatin1String("id")).toInteger();
        RunOptions o = options();
        o.stream.since = mid;
        QPointer<SessionRunner> runner = SessionRunner::follow(client.get(), id, o);
        QVERIFY(runner->autoDelete());
        QVERIFY(runner->waitForFinished(30000));
        QVERIFY(runner); // readable right after waitForFinished
        for (const StreamEvent &e : runner->result().events) {
            if (e.hasSseId() && e.type() != StreamEvent::Type::Exit)
                QVERIFY(e.sseId() > mid);
        }
        QCOMPARE(runner->result().session.status, Aod::SessionStatus::Completed);
        QTRY_VERIFY(!runner); // deleted once the event loop ran
    }
};

QTEST_GUILESS_MAIN(TestSessionRunner)
#include "tst_sessionrunner.moc"
