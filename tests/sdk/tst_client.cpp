// Every REST route of the SDK against the stateful local AoD server: success paths, every
// error class the contract names, typed models, and the client-level signals.
#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/environmentsapi.h>
#include <aod/sessionsapi.h>
#include <aod/testing/localserver.h>

#include <QSignalSpy>
#include <QTest>

using namespace Aod;
using Aod::Testing::LocalServer;
using Aod::Testing::ServerTiming;

namespace {
// Blocks until the reply finishes (tests and scripts only) and keeps it readable.
template <typename R>
R *await(R *reply)
{
    reply->setAutoDelete(false);
    if (!reply->waitForFinished(15000))
        qFatal("reply did not finish");
    return reply;
}
// Owns the finished reply; the caller asserts success or the expected error.
template <typename R>
std::unique_ptr<R> ok(R *reply)
{
    return std::unique_ptr<R>(await(reply));
}
} // namespace

class TestClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalServer> server;
    std::unique_ptr<Client> client;

    Agent makeAgent(const QString &name, const QString &environmentId = {}, const QJsonObject &metadata = {})
    {
        AgentDraft draft;
        draft.name = name;
        draft.provider = QStringLiteral("anthropic");
        draft.model = QStringLiteral("claude-sonnet-4-6");
        draft.environmentId = environmentId;
        draft.metadata = metadata;
        auto reply = ok(client->agents()->create(draft));
        return reply->result();
    }
    Environment makeEnvironment(const QString &name)
    {
        EnvironmentDraft draft;
        draft.name = name;
        draft.packages.insert(QStringLiteral("apt"), {QStringLiteral("jq")});
        draft.envVars.insert(QStringLiteral("DEBUG"), QStringLiteral("1"));
        auto reply = ok(client->environments()->create(draft));
        return reply->result();
    }
    Session waitForStatus(const QString &id, SessionStatus status)
    {
        Session last;
        const bool reached = QTest::qWaitFor([&] {
            auto reply = ok(client->sessions()->get(id));
            last = reply->result();
            return last.status == status;
        }, 15000);
        if (!reached)
            qWarning() << "session" << id << "stuck in" << last.statusString;
        return last;
    }

private Q_SLOTS:
    void init()
    {
        server = std::make_unique<LocalServer>();
        server->setTiming(ServerTiming::fast());
        QVERIFY(server->listen());
        ClientConfig config(server->url().toString(), server->token());
        config.setRetryBaseDelayMs(5);
        client = std::make_unique<Client>(config);
    }
    void cleanup()
    {
        client.reset();
        server.reset();
    }

    void health()
    {
        auto reply = ok(client->health());
        QVERIFY(reply->isSuccess());
        QVERIFY(reply->result().isOk());
        QCOMPARE(reply->result().checks.value(QStringLiteral("db")), QStringLiteral("ok"));
        server->setHealthy(false);
        auto degraded = ok(client->health());
        QVERIFY(degraded->isSuccess());
        QCOMPARE(degraded->result().status, QStringLiteral("degraded"));
        QCOMPARE(degraded->httpStatus(), 503);
    }

    void agentsLifecycle()
    {
        const Environment env = makeEnvironment(QStringLiteral("py"));
        const Agent agent = makeAgent(QStringLiteral("reviewer"), env.id, QJsonObject{{QStringLiteral("team"), QStringLiteral("a")}});
        QCOMPARE(agent.version, 1);
        QCOMPARE(agent.environmentId, env.id);
        QVERIFY(agent.createdAt.isValid());
        QVERIFY(!agent.isArchived());
        QVERIFY(agent.description.isNull());

        auto list = ok(client->agents()->list());
        QCOMPARE(list->result().size(), 1);
        QCOMPARE(list->result().first().id, agent.id);

        auto got = ok(client->agents()->get(agent.id));
        QCOMPARE(got->result().name, QStringLiteral("reviewer"));

        // Patch: metadata merge ("" deletes), detach the environment explicitly.
        AgentPatch patch;
        patch.version = 1;
        patch.description = QStringLiteral("Reviews PRs");
        patch.metadata = QJsonObject{{QStringLiteral("team"), QString()}, {QStringLiteral("tier"), QStringLiteral("gold")}};
        patch.detachEnvironment();
        auto updated = ok(client->agents()->update(agent.id, patch));
        QVERIFY2(updated->isSuccess(), qPrintable(updated->error().message()));
        QCOMPARE(updated->result().version, 2);
        QVERIFY(updated->result().environmentId.isNull());
        QCOMPARE(updated->result().description, QStringLiteral("Reviews PRs"));
        QCOMPARE(updated->result().metadata, (QJsonObject{{QStringLiteral("tier"), QStringLiteral("gold")}}));

        // Stale version: 409 with the exact detail.
        auto stale = ok(client->agents()->update(agent.id, patch));
        QCOMPARE(stale->error().code(), Error::Code::Conflict);
        QCOMPARE(stale->error().detailText(), QStringLiteral("Version mismatch: expected 2, got 1"));

        auto versions = ok(client->agents()->versions(agent.id));
        QCOMPARE(versions->result().size(), 2);
        QCOMPARE(versions->result().first().version, 2);
        QCOMPARE(versions->result().last().version, 1);
        QCOMPARE(versions->result().first().agentId, agent.id);

        auto archived = ok(client->agents()->archive(agent.id));
        QVERIFY(archived->result().isArchived());
        auto again = ok(client->agents()->archive(agent.id));
        QCOMPARE(again->error().code(), Error::Code::Conflict);
        QCOMPARE(again->error().detailText(), QStringLiteral("Agent is already archived"));
        QVERIFY(ok(client->agents()->list())->result().isEmpty());
        QVERIFY(ok(client->agents()->get(agent.id))->isSuccess());
    }

    void legacyCallingStyle()
    {
        AgentDraft draft;
        draft.name = QStringLiteral("legacy");
        draft.model = QStringLiteral("anthropic/claude-sonnet-4-6");
        draft.runtime = QStringLiteral("claude");
        auto reply = ok(client->agents()->create(draft));
        QVERIFY2(reply->isSuccess(), qPrintable(reply->error().message()));
        QCOMPARE(reply->result().provider, QStringLiteral("anthropic"));
        QCOMPARE(reply->result().model, QStringLiteral("claude-sonnet-4-6"));
    }

    void serverValidationErrors()
    {
        // A body the client-side rules accept but the server rejects (provider prefix mismatch).
        AgentDraft draft;
        draft.name = QStringLiteral("x");
        draft.provider = QStringLiteral("openai");
        draft.model = QStringLiteral("anthropic/claude");
        auto reply = ok(client->agents()->create(draft));
        QCOMPARE(reply->error().code(), Error::Code::ValidationError);
        QVERIFY(reply->error().httpStatus() == 422 || reply->error().httpStatus() == 0);
    }

    void notFoundAndBadIds()
    {
        auto missing = ok(client->agents()->get(QStringLiteral("5d1c1e7e-8a52-4c36-9d4c-0f1f6f0c2a11")));
        QCOMPARE(missing->error().code(), Error::Code::NotFound);
        QCOMPARE(missing->error().detailText(), QStringLiteral("Agent not found"));
        // A malformed UUID matches no route: the server answers its HTML 404.
        auto html = ok(client->sessions()->get(QStringLiteral("not-a-uuid")));
        QCOMPARE(html->error().code(), Error::Code::NotFound);
        QVERIFY(html->error().detail().isUndefined());
        QVERIFY(!html->error().rawSample().isEmpty());
        auto empty = ok(client->environments()->get(QString()));
        QCOMPARE(empty->error().code(), Error::Code::ConfigurationError);
    }

    void authentication()
    {
        QSignalSpy auth(client.get(), &Client::authenticationFailed);
        ClientConfig config = client->config();
        config.setToken(QStringLiteral("aod_wrong"));
        client->setConfig(config);
        auto reply = ok(client->agents()->list());
        QCOMPARE(reply->error().code(), Error::Code::AuthenticationError);
        QCOMPARE(reply->error().detailText(), QStringLiteral("Invalid API key"));
        QCOMPARE(auth.count(), 1);

        const QString inactive = server->addToken(server->token(), false);
        config.setToken(inactive);
        client->setConfig(config);
        QCOMPARE(ok(client->agents()->list())->error().detailText(), QStringLiteral("API key is inactive"));
        const QString expired = server->addToken(server->token(), true, QDateTime::currentDateTimeUtc().addSecs(-5));
        config.setToken(expired);
        client->setConfig(config);
        QCOMPARE(ok(client->agents()->list())->error().detailText(), QStringLiteral("API key has expired"));
        QCOMPARE(auth.count(), 3);
    }

    void usersAreIsolated()
    {
        const Agent mine = makeAgent(QStringLiteral("mine"));
        Client other(ClientConfig(server->url().toString(), server->addUser()));
        auto reply = ok(other.agents()->get(mine.id));
        QCOMPARE(reply->error().code(), Error::Code::NotFound);
    }

    void environmentsLifecycle()
    {
        const Environment env = makeEnvironment(QStringLiteral("node"));
        QCOMPARE(env.packages.value(QStringLiteral("apt")), QStringList{QStringLiteral("jq")});
        QVERIFY(!env.raw.contains(QLatin1String("env_vars"))); // write-only
        QVERIFY(!env.networking.isLimited());

        auto dup = ok(client->environments()->create([] {
            EnvironmentDraft d;
            d.name = QStringLiteral("node");
            return d;
        }()));
        QCOMPARE(dup->error().code(), Error::Code::Conflict);
        QCOMPARE(dup->error().detailText(), QStringLiteral("An active environment named 'node' already exists"));

        EnvironmentPatch patch;
        patch.version = env.version;
        Networking net;
        net.type = QStringLiteral("limited");
        net.allowedHosts = {QStringLiteral("pypi.org")};
        patch.networking = net;
        auto updated = ok(client->environments()->update(env.id, patch));
        QVERIFY2(updated->isSuccess(), qPrintable(updated->error().message()));
        QVERIFY(updated->result().networking.isLimited());
        QCOMPARE(updated->result().networking.allowedHosts, QStringList{QStringLiteral("pypi.org")});
        QCOMPARE(updated->result().version, 2);

        auto versions = ok(client->environments()->versions(env.id));
        QCOMPARE(versions->result().size(), 2);
        QCOMPARE(versions->result().first().environmentId, env.id);
        QCOMPARE(ok(client->environments()->list())->result().size(), 1);

        auto archived = ok(client->environments()->archive(env.id));
        QVERIFY(archived->result().isArchived());
        QCOMPARE(ok(client->environments()->archive(env.id))->error().detailText(),
                 QStringLiteral("Environment is already archived"));
        auto removed = ok(client->environments()->remove(env.id));
        QVERIFY2(removed->isSuccess(), qPrintable(removed->error().message()));
        QCOMPARE(removed->result(), QStringLiteral("Environment deleted"));
        QCOMPARE(ok(client->environments()->get(env.id))->error().code(), Error::Code::NotFound);
    }

    void sessionsLifecycle()
    {
        const Environment env = makeEnvironment(QStringLiteral("base"));
        const Agent agent = makeAgent(QStringLiteral("runner"), env.id);
        SessionDraft draft;
        draft.agentId = agent.id;
        draft.prompt = QStringLiteral("say hi");
        draft.timeout = 120;
        RepositoryResource repo;
        repo.url = QStringLiteral("https://github.com/octo/hello.git");
        repo.authorizationToken = QStringLiteral("ghp_secret");
        draft.resources = {repo};
        draft.secretEnvVars.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-test"));
        auto created = ok(client->sessions()->create(draft));
        QVERIFY2(created->isSuccess(), qPrintable(created->error().message()));
        const SessionAck ack = created->result();
        QCOMPARE(ack.status, SessionStatus::Pending);
        QCOMPARE(ack.streamUrl, QStringLiteral("/sessions/%1/stream").arg(ack.id));
        QCOMPARE(ack.environmentId, env.id);
        QCOMPARE(ack.currentTurn, std::optional<int>(1));
        QCOMPARE(ack.resources.size(), 1);
        QCOMPARE(ack.resources.first().url, QStringLiteral("https://github.com/octo/hello"));
        QCOMPARE(ack.resources.first().mountPath, QStringLiteral("/workspace/hello"));

        // Not deletable while active; environment not deletable while referenced.
        QCOMPARE(ok(client->sessions()->remove(ack.id))->error().detailText(),
                 QStringLiteral("Cannot delete an active session"));
        QCOMPARE(ok(client->environments()->remove(env.id))->error().detailText(),
                 QStringLiteral("Cannot delete environment with existing sessions"));

        const Session done = waitForStatus(ack.id, SessionStatus::Completed);
        QCOMPARE(done.status, SessionStatus::Completed);
        QCOMPARE(done.exitCode, std::optional<int>(0));
        QCOMPARE(done.provider, QStringLiteral("anthropic"));
        QCOMPARE(done.agentId, agent.id);
        QCOMPARE(done.turnCount, 1);

        auto listed = ok(client->sessions()->list());
        QCOMPARE(listed->result().size(), 1);

        // Interrupt needs an active turn.
        QCOMPARE(ok(client->sessions()->interrupt(ack.id))->error().detailText(),
                 QStringLiteral("Session has no active turn to interrupt"));

        auto prompted = ok(client->sessions()->prompt(ack.id, QStringLiteral("again")));
        QVERIFY2(prompted->isSuccess(), qPrintable(prompted->error().message()));
        QCOMPARE(prompted->result().currentTurn, std::optional<int>(2));
        QCOMPARE(ok(client->sessions()->prompt(ack.id, QStringLiteral("too soon")))->error().code(), Error::Code::Conflict);
        waitForStatus(ack.id, SessionStatus::Completed);

        auto turns = ok(client->sessions()->turns(ack.id));
        QCOMPARE(turns->result().size(), 2);
        QCOMPARE(turns->result().at(0).turnNumber, 1);
        QCOMPARE(turns->result().at(0).prompt, QStringLiteral("say hi"));
        QCOMPARE(turns->result().at(1).status, TurnStatus::Completed);
        QVERIFY(turns->result().at(1).endedAt.isValid());

        auto terminated = ok(client->sessions()->terminate(ack.id));
        QCOMPARE(terminated->result().status, SessionStatus::Terminated);
        QCOMPARE(ok(client->sessions()->terminate(ack.id))->error().detailText(),
                 QStringLiteral("Session is already terminated"));
        QCOMPARE(ok(client->sessions()->prompt(ack.id, QStringLiteral("x")))->error().detailText(),
                 QStringLiteral("Session has been terminated"));
        auto removed = ok(client->sessions()->remove(ack.id));
        QCOMPARE(removed->result(), QStringLiteral("Session deleted"));
        QCOMPARE(ok(client->sessions()->get(ack.id))->error().code(), Error::Code::NotFound);
        // The deleted session no longer blocks the environment's deletion.
        QVERIFY(ok(client->environments()->remove(env.id))->isSuccess());
    }

    void interruptRunningSession()
    {
        const Agent agent = makeAgent(QStringLiteral("hang"), {}, QJsonObject{{QStringLiteral("scenario"), QStringLiteral("hang")}});
        SessionDraft draft;
        draft.agentId = agent.id;
        draft.prompt = QStringLiteral("wait");
        auto created = ok(client->sessions()->create(draft));
        const QString id = created->result().id;
        waitForStatus(id, SessionStatus::Running);
        auto interrupted = ok(client->sessions()->interrupt(id));
        QVERIFY2(interrupted->isSuccess(), qPrintable(interrupted->error().message()));
        QCOMPARE(interrupted->result().status, SessionStatus::Running);
        waitForStatus(id, SessionStatus::Completed);
        auto turns = ok(client->sessions()->turns(id));
        QCOMPARE(turns->result().first().status, TurnStatus::Interrupted);
    }

    void failedSessionStates()
    {
        const Agent agent = makeAgent(QStringLiteral("fails"));
        SessionDraft draft;
        draft.agentId = agent.id;
        draft.prompt = QStringLiteral("scenario:exit_nonzero");
        const QString id = ok(client->sessions()->create(draft))->result().id;
        const Session s = waitForStatus(id, SessionStatus::Failed);
        QVERIFY(s.exitCode.has_value() && *s.exitCode != 0);
        QCOMPARE(ok(client->sessions()->prompt(id, QStringLiteral("x")))->error().detailText(),
                 QStringLiteral("Session has failed and cannot be resumed. Start a new session."));
        QCOMPARE(ok(client->sessions()->interrupt(id))->error().detailText(), QStringLiteral("Session has failed"));
    }

    void rateLimited()
    {
        server->setConcurrencyLimit(1);
        const Agent agent = makeAgent(QStringLiteral("busy"), {}, QJsonObject{{QStringLiteral("scenario"), QStringLiteral("hang")}});
        SessionDraft draft;
        draft.agentId = agent.id;
        draft.prompt = QStringLiteral("one");
        QVERIFY(ok(client->sessions()->create(draft))->isSuccess());
        auto second = ok(client->sessions()->create(draft));
        QCOMPARE(second->error().code(), Error::Code::RateLimited);
        QCOMPARE(second->error().rateLimit(), 1);
        QCOMPARE(second->error().activeCount(), 1);
        QCOMPARE(second->error().httpStatus(), 429);
    }

    void backendNotConfigured()
    {
        server->setBackendConfigured(false);
        const Agent agent = makeAgent(QStringLiteral("nobackend"));
        SessionDraft draft;
        draft.agentId = agent.id;
        draft.prompt = QStringLiteral("x");
        auto reply = ok(client->sessions()->create(draft));
        QCOMPARE(reply->error().code(), Error::Code::ServerError);
        QCOMPARE(reply->error().detailText(), QStringLiteral("Session backend is not configured"));
        QCOMPARE(server->requestLog().size(), 2); // POST /agents + one POST /sessions: never retried
    }

    void getsRecoverFromInjected503()
    {
        server->faults()->failNextRequests(2, 503);
        auto reply = ok(client->agents()->list());
        QVERIFY2(reply->isSuccess(), qPrintable(reply->error().message()));
        QCOMPARE(reply->retryCount(), 2);
    }

    void seededData()
    {
        server->seed();
        auto sessions = ok(client->sessions()->list());
        QVERIFY(sessions->result().size() >= 3);
        for (const Session &s : sessions->result())
            QVERIFY2(s.createdAt.isValid() && !s.id.isEmpty(), qPrintable(s.id));
        QVERIFY(!ok(client->agents()->list())->result().isEmpty());
        QVERIFY(!ok(client->environments()->list())->result().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
