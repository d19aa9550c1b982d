// Fault-injection suite, REST side (label `faults`): SDK calls against the local AoD server
// under the same faults as the streams. The rule under test (sdk README, ClientConfig):
// idempotent GETs are retried on connection errors and 502/503/504 (never on timeouts), and
// state-changing calls are never repeated behind the caller's back. The server's requestLog is
// the witness: it shows how often each call really reached the server, and the server's state
// shows whether it took effect once, or not at all.
#include "faultharness.h"

using namespace FaultHarness;
using Aod::Error;
using Aod::Testing::ServerTiming;

namespace {

enum class Fault {
    Burst503x2,      // within the GET retry budget (2)
    Burst503x5,      // beyond it
    Burst502Html,
    Burst500,        // 5xx but not transient: not retried
    ResetEveryConnection,
    CloseEverySecondConnection,
    DelayBeyondTimeout,
    Trickle,
    ServerDown,
};

} // namespace

Q_DECLARE_METATYPE(Fault)

class TestFaultsRest : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<Aod::Client> m_client;

    void apply(Fault fault, int times)
    {
        auto *f = m_server->faults();
        switch (fault) {
        case Fault::Burst503x2: f->failNextRequests(2 * times, 503); break;
        case Fault::Burst503x5: f->failNextRequests(5 * times, 503); break;
        case Fault::Burst502Html: f->failNextRequests(1 * times, 502, true); break;
        case Fault::Burst500: f->failNextRequests(1 * times, 500); break;
        case Fault::ResetEveryConnection: f->refuseEveryKthConnection(1, true); break;
        case Fault::CloseEverySecondConnection: f->refuseEveryKthConnection(2, false); break;
        case Fault::DelayBeyondTimeout: f->delayResponses(1500); break;
        case Fault::Trickle: f->trickleStreamBytes(true); break;
        case Fault::ServerDown: m_server->close(); break;
        }
    }
    void clear(Fault fault)
    {
        m_server->faults()->reset();
        if (fault == Fault::ServerDown) {
            const quint16 port = m_server->port() ? m_server->port() : m_port;
            QVERIFY(m_server->listen(port));
        }
    }
    quint16 m_port = 0;

    //! A fresh Client per call: no pooled keep-alive connection hides a fault.
    std::unique_ptr<Aod::Client> freshClient(int timeoutMs = 30000)
    {
        Aod::ClientConfig c(QStringLiteral("http://127.0.0.1:%1").arg(m_port), m_server->token());
        c.setRetryBaseDelayMs(10);
        c.setTimeoutMs(timeoutMs);
        return std::make_unique<Aod::Client>(c);
    }

    //! Agents the server holds, read without faults.
    int agentCount()
    {
        auto client = freshClient();
        Aod::AgentListReply *r = client->agents()->list();
        r->setAutoDelete(false);
        const bool ok = r->waitForFinished(20000) && r->isSuccess();
        const int n = ok ? int(r->result().size()) : -1;
        delete r;
        return n;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<LocalServer>();
        m_server->setTiming(ServerTiming::fast());
        QVERIFY(m_server->listen());
        m_port = m_server->port();
        m_client = std::make_unique<Aod::Client>(fastClientConfig(*m_server));
        QVERIFY(!createAgent(*m_client, QStringLiteral("existing")).isEmpty());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void getRecoversPostIsNotRepeated_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<bool>("getSucceeds");
        QTest::addColumn<Error::Code>("getError");
        QTest::addColumn<int>("getAttempts");   // GETs that reached the server; -1: not checked
        QTest::addColumn<int>("postCreated");   // agents the POST created; -1: 0 or 1, as the log says
        QTest::addColumn<Error::Code>("postError");
        using C = Error::Code;
        // fault                                   GET ok   GET error     reached  created  POST error
        QTest::newRow("503 burst of 2") << Fault::Burst503x2 << true << C::NoError << 3 << 0 << C::ServerError;
        QTest::newRow("503 burst of 5") << Fault::Burst503x5 << false << C::ServerError << 3 << 0 << C::ServerError;
        QTest::newRow("502 html") << Fault::Burst502Html << true << C::NoError << 2 << 0 << C::ServerError;
        QTest::newRow("500") << Fault::Burst500 << false << C::ServerError << 1 << 0 << C::ServerError;
        QTest::newRow("RST at every connect") << Fault::ResetEveryConnection << false << C::NetworkError << 0 << 0
                                              << C::NetworkError;
        // Which connection is refused depends on how many came before: GET must get through
        // (retried), POST either gets through once or fails without reaching the server.
        QTest::newRow("close every 2nd connect") << Fault::CloseEverySecondConnection << true << C::NoError << 1
                                                 << -1 << C::NoError;
        // The server took the POST and answers too late: a timeout is reported, the agent exists
        // once, and nothing is sent again.
        QTest::newRow("responses delayed past the timeout")
            << Fault::DelayBeyondTimeout << false << C::TimeoutError << -1 << 1 << C::TimeoutError;
        QTest::newRow("one-byte trickle") << Fault::Trickle << true << C::NoError << 1 << 1 << C::NoError;
        QTest::newRow("server down") << Fault::ServerDown << false << C::NetworkError << 0 << 0 << C::NetworkError;
    }

    void getRecoversPostIsNotRepeated()
    {
        QFETCH(Fault, fault);
        QFETCH(bool, getSucceeds);
        QFETCH(Error::Code, getError);
        QFETCH(int, getAttempts);
        QFETCH(int, postCreated);
        QFETCH(Error::Code, postError);
        // Qt 6.4's QNetworkAccessManager sometimes never finishes a request sent on the same
        // manager after connections were reset at connect (reproduced with a bare QNAM: about one
        // request in thirty hangs). Only the SDK's per-request timeout ends it, as TimeoutError,
        // and a timed-out GET is not retried. Under RSTs either report is accepted, with a short
        // timeout so that a hang costs seconds; what must hold is that nothing reached the server.
        const bool resets = fault == Fault::ResetEveryConnection;
        const int timeoutMs = fault == Fault::DelayBeyondTimeout ? 400 : resets ? 3000 : 30000;
        const auto hungAfterReset = [resets](const Aod::Reply *r) {
            return resets && r->error().code() == Error::Code::TimeoutError;
        };
        const QString agents = QStringLiteral("/agents");

        // GET /agents under the fault.
        m_server->clearRequestLog();
        apply(fault, 1);
        {
            auto client = freshClient(timeoutMs);
            Aod::AgentListReply *r = client->agents()->list();
            r->setAutoDelete(false);
            QVERIFY(r->waitForFinished(30000));
            QCOMPARE(r->isSuccess(), getSucceeds);
            if (hungAfterReset(r))
                qInfo("GET /agents hung after a reset until the %d ms timeout (Qt 6.4)", timeoutMs);
            else
                QCOMPARE(r->error().code(), getError);
            if (getSucceeds)
                QCOMPARE(r->result().size(), 1);
            if (getAttempts >= 0)
                QCOMPARE(countRequests(*m_server, "GET", agents), getAttempts);
            if (getAttempts > 0 && fault != Fault::CloseEverySecondConnection)
                QCOMPARE(r->retryCount(), getAttempts - 1);
            if (fault == Fault::DelayBeyondTimeout)
                QCOMPARE(r->retryCount(), 0); // a timeout is never retried
            if (getError == Error::Code::NetworkError && !hungAfterReset(r))
                QCOMPARE(r->retryCount(), m_client->config().maxRetries());
            qInfo("GET /agents: %s, %d retries, %d reached the server", qPrintable(Error::codeName(r->error().code())),
                  r->retryCount(), countRequests(*m_server, "GET", agents));
            delete r;
        }
        clear(fault);
        if (QTest::currentTestFailed())
            return;

        // POST /agents under the same fault.
        const int agentsBefore = agentCount();
        QCOMPARE(agentsBefore, 1);
        bool postOk = false;
        m_server->clearRequestLog();
        apply(fault, 1);
        {
            auto client = freshClient(timeoutMs);
            Aod::AgentDraft draft;
            draft.name = QStringLiteral("created-under-fault");
            draft.provider = QStringLiteral("anthropic");
            draft.model = QStringLiteral("claude-sonnet-4-6");
            Aod::AgentReply *r = client->agents()->create(draft);
            r->setAutoDelete(false);
            QVERIFY(r->waitForFinished(30000));
            if (postCreated == 1 && postError == Error::Code::NoError)
                QVERIFY2(r->isSuccess(), qPrintable(r->error().message()));
            if (postError != Error::Code::NoError && !hungAfterReset(r))
                QCOMPARE(r->error().code(), postError);
            QCOMPARE(r->retryCount(), 0); // never retried by the SDK
            postOk = r->isSuccess();
            qInfo("POST /agents: %s, QNetworkReply error %d (%s)", qPrintable(Error::codeName(r->error().code())),
                  int(r->error().networkError()), qPrintable(r->error().message().left(120)));
            delete r;
        }
        clear(fault);
        if (QTest::currentTestFailed())
            return;

        // At most one POST reached the server, the agent was created at most once, and exactly
        // as often as the server accepted the call (a late answer to a timed-out call is not
        // logged: the connection was gone, so the expectation is stated per row).
        const int posts = countRequests(*m_server, "POST", agents);
        QVERIFY2(posts <= 1, "a POST was sent twice");
        int accepted = 0;
        const auto log = m_server->requestLog();
        for (const auto &req : log)
            accepted += req.method == "POST" && req.path == agents && req.status >= 200 && req.status < 300 ? 1 : 0;
        const int created = agentCount() - agentsBefore;
        QCOMPARE(created, postCreated >= 0 ? postCreated : accepted);
        if (postCreated < 0)
            QCOMPARE(created, postOk ? 1 : 0);
        if (fault != Fault::DelayBeyondTimeout)
            QCOMPARE(created, accepted);
    }

    // One client through a storm of resets: every call must end, as NetworkError or, when
    // Qt 6.4 leaves a request on a reset-scarred manager hanging, as TimeoutError once the
    // per-request timeout elapses. Nothing may hang past it and nothing reaches the server.
    void resetStormNeverHangsPastTheTimeout()
    {
        m_server->clearRequestLog();
        m_server->faults()->refuseEveryKthConnection(1, true);
        auto client = freshClient(1500);
        int network = 0, timeouts = 0;
        for (int i = 0; i < 20; ++i) {
            Aod::AgentListReply *r = client->agents()->list();
            r->setAutoDelete(false);
            QVERIFY(r->waitForFinished(10000));
            const Error::Code code = r->error().code();
            QVERIFY2(code == Error::Code::NetworkError || code == Error::Code::TimeoutError,
                     qPrintable(r->error().message()));
            network += code == Error::Code::NetworkError ? 1 : 0;
            timeouts += code == Error::Code::TimeoutError ? 1 : 0;
            delete r;
        }
        m_server->faults()->reset();
        QCOMPARE(countRequests(*m_server, "GET", QStringLiteral("/agents")), 0);
        qInfo("20 GETs under resets: %d NetworkError, %d TimeoutError (hung until the timeout)", network, timeouts);
        // And once the storm is over, a new client works at once.
        QCOMPARE(agentCount(), 1);
    }

    // Non-idempotent session calls: a terminate that fails with a 502 is not retried, so the
    // session keeps running; the caller's own retry then works, and a third call is a 409.
    void terminateIsNotRepeated()
    {
        const QString agentId = createAgent(*m_client);
        QVERIFY(!agentId.isEmpty());
        const QString id = startSession(*m_client, agentId, QStringLiteral("scenario:hang"));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_server->sessionStatus(id), QStringLiteral("running"), 20000);
        const QString path = QStringLiteral("/sessions/%1/terminate").arg(id);

        m_server->clearRequestLog();
        m_server->faults()->failNextRequests(1, 502);
        Aod::SessionAckReply *first = m_client->sessions()->terminate(id);
        first->setAutoDelete(false);
        QVERIFY(first->waitForFinished(20000));
        QCOMPARE(first->error().code(), Error::Code::ServerError);
        QCOMPARE(first->error().httpStatus(), 502);
        QVERIFY(first->error().isTransient()); // the caller may retry; the SDK did not
        QCOMPARE(first->retryCount(), 0);
        delete first;
        QCOMPARE(countRequests(*m_server, "POST", path), 1);
        QCOMPARE(m_server->sessionStatus(id), QStringLiteral("running"));

        Aod::SessionAckReply *second = m_client->sessions()->terminate(id);
        second->setAutoDelete(false);
        QVERIFY(second->waitForFinished(20000));
        QVERIFY2(second->isSuccess(), qPrintable(second->error().message()));
        delete second;
        QCOMPARE(countRequests(*m_server, "POST", path), 2);
        QTRY_COMPARE(m_server->sessionStatus(id), QStringLiteral("terminated"));

        Aod::SessionAckReply *third = m_client->sessions()->terminate(id);
        third->setAutoDelete(false);
        QVERIFY(third->waitForFinished(20000));
        QCOMPARE(third->error().code(), Error::Code::Conflict);
        delete third;
        QCOMPARE(countRequests(*m_server, "POST", path), 3);
    }

    // Creating a session under an RST storm: it fails without reaching the server, so no session
    // and no quota is used; once the storm ends the same call works exactly once.
    void sessionCreateUnderResets()
    {
        const QString agentId = createAgent(*m_client);
        QVERIFY(!agentId.isEmpty());
        const int sessionsBefore = int(m_server->sessionIds().size());
        m_server->clearRequestLog();
        m_server->faults()->refuseEveryKthConnection(1, true);
        auto client = freshClient();
        Aod::SessionDraft draft;
        draft.agentId = agentId;
        draft.prompt = QStringLiteral("scenario:success");
        Aod::SessionAckReply *r = client->sessions()->create(draft);
        r->setAutoDelete(false);
        QVERIFY(r->waitForFinished(20000));
        QCOMPARE(r->error().code(), Error::Code::NetworkError);
        delete r;
        QCOMPARE(countRequests(*m_server, "POST", QStringLiteral("/sessions")), 0);
        QCOMPARE(int(m_server->sessionIds().size()), sessionsBefore);

        m_server->faults()->reset();
        // A new client: on the one that saw the resets, Qt 6.4 may leave the next request hanging
        // until the timeout (see getRecoversPostIsNotRepeated).
        auto after = freshClient();
        Aod::SessionAckReply *again = after->sessions()->create(draft);
        again->setAutoDelete(false);
        QVERIFY(again->waitForFinished(20000));
        QVERIFY2(again->isSuccess(), qPrintable(again->error().message()));
        delete again;
        QCOMPARE(countRequests(*m_server, "POST", QStringLiteral("/sessions")), 1);
        QCOMPARE(int(m_server->sessionIds().size()), sessionsBefore + 1);
    }
};

QTEST_GUILESS_MAIN(TestFaultsRest)
#include "tst_faults_rest.moc"
