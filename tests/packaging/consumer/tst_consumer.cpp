// A downstream app's own QtTest against the installed SDK: the installed local server
// (Aod::Testing) on a loopback port, the installed client (Aod::Sdk) pointed at it.
// Only public, installed headers are used.
#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/clientconfig.h>
#include <aod/error.h>
#include <aod/sessionsapi.h>
#include <aod/sessionstream.h>
#include <aod/streamevent.h>
#include <aod/testing/localserver.h>
#include <aod/version.h>

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {
// Blocking use as the SDK documents it for tests: keep the reply, wait, read it, delete it.
template <typename R>
std::unique_ptr<R> wait(R *reply)
{
    reply->setAutoDelete(false);
    std::unique_ptr<R> owned(reply);
    if (!owned->waitForFinished(15000))
        qWarning("reply did not finish within 15 s");
    return owned;
}
} // namespace

class TestConsumer : public QObject
{
    Q_OBJECT

    std::unique_ptr<Aod::Testing::LocalServer> m_server;
    std::unique_ptr<Aod::Client> m_client;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<Aod::Testing::LocalServer>();
        m_server->setTiming(Aod::Testing::ServerTiming::fast());
        QVERIFY(m_server->listen());
        QVERIFY(m_server->port() != 0);
        m_client = std::make_unique<Aod::Client>(
            Aod::ClientConfig(m_server->url().toString(), m_server->token()));
        QCOMPARE(m_client->configurationError().code(), Aod::Error::Code::NoError);
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void versionHeaderMatchesPackage()
    {
        QCOMPARE(QString::fromLatin1(AOD_VERSION_STRING), QString::fromLatin1(AOD_EXPECTED_VERSION));
    }

    void health()
    {
        auto reply = wait(m_client->health());
        QVERIFY2(reply->isSuccess(), qPrintable(reply->error().message()));
        QVERIFY(reply->result().isOk());
    }

    void createAndListAgents()
    {
        Aod::AgentDraft draft;
        draft.name = QStringLiteral("consumer-agent");
        draft.provider = QStringLiteral("anthropic");
        draft.model = QStringLiteral("claude-sonnet-4-6");
        auto created = wait(m_client->agents()->create(draft));
        QVERIFY2(created->isSuccess(), qPrintable(created->error().message()));
        QCOMPARE(created->result().name, draft.name);
        QCOMPARE(created->result().version, 1);

        auto listed = wait(m_client->agents()->list());
        QVERIFY2(listed->isSuccess(), qPrintable(listed->error().message()));
        QCOMPARE(listed->result().size(), 1);
        QCOMPARE(listed->result().first().id, created->result().id);
    }

    void typedErrors()
    {
        auto missing = wait(m_client->agents()->get(QStringLiteral("does-not-exist")));
        QVERIFY(!missing->isSuccess());
        QCOMPARE(missing->error().code(), Aod::Error::Code::NotFound);
        QCOMPARE(missing->error().httpStatus(), 404);

        Aod::ClientConfig wrongToken(m_server->url().toString(), QStringLiteral("aod_wrong"));
        Aod::Client other(wrongToken);
        QSignalSpy authFailed(&other, &Aod::Client::authenticationFailed);
        auto rejected = wait(other.agents()->list());
        QCOMPARE(rejected->error().code(), Aod::Error::Code::AuthenticationError);
        QCOMPARE(authFailed.count(), 1);
    }

    // The whole path an app takes: create a session and follow its live output to the end.
    void sessionStreamsToCompletion()
    {
        Aod::AgentDraft agentDraft;
        agentDraft.name = QStringLiteral("runner");
        agentDraft.provider = QStringLiteral("anthropic");
        agentDraft.model = QStringLiteral("claude-sonnet-4-6");
        auto agent = wait(m_client->agents()->create(agentDraft));
        QVERIFY2(agent->isSuccess(), qPrintable(agent->error().message()));

        Aod::SessionDraft draft;
        draft.agentId = agent->result().id;
        draft.prompt = QStringLiteral("say hi");
        draft.secretEnvVars.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-test"));
        auto created = wait(m_client->sessions()->create(draft));
        QVERIFY2(created->isSuccess(), qPrintable(created->error().message()));
        const QString sessionId = created->result().id;

        Aod::SessionStream *stream = m_client->sessions()->openStream(sessionId);
        stream->setAutoDelete(false);
        std::unique_ptr<Aod::SessionStream> owned(stream);
        QByteArray stdoutBytes;
        connect(stream, &Aod::SessionStream::eventReceived, this, [&stdoutBytes](const Aod::StreamEvent &e) {
            if (e.type() == Aod::StreamEvent::Type::Output && e.isStdout())
                stdoutBytes += e.data().toUtf8();
        });
        QVERIFY(stream->waitForFinished(30000));
        QCOMPARE(stream->finishReason(), Aod::SessionStream::FinishReason::TerminalEvent);
        QCOMPARE(stream->terminalEvent().type(), Aod::StreamEvent::Type::Exit);
        QCOMPARE(stream->terminalEvent().exitCode(), std::optional<int>(0));
        QVERIFY(!stdoutBytes.isEmpty());
        QCOMPARE(stdoutBytes, m_server->sessionOutput(sessionId));
    }
};

QTEST_GUILESS_MAIN(TestConsumer)
#include "tst_consumer.moc"
