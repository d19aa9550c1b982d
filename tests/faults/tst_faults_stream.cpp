// Fault-injection suite, stream side (label `faults`): the SDK's SessionStream against the
// local AoD server while its FaultInjector breaks several things at once. For every case: what
// the SDK reports (errorOccurred codes, reconnects, finish reason) and that the events delivered
// are exactly the server's session log: every row once, in order, stdout/stderr byte for byte.
//
// tests/stream (tst_streamfaults) covers each fault alone; this suite adds the cross-cutting
// matrix (faults combined, seeded, on live sessions), the server that disappears and comes
// back on the same port (with and without its state), and many streams on one client.
#include "faultharness.h"

#include <algorithm>

using namespace FaultHarness;
using Aod::Error;
using Aod::SessionStream;
using Aod::Testing::MalformedKind;
using Aod::Testing::ServerTiming;

// QVERIFY inside a helper only returns from the helper.
#define VERIFY_EXACT(...)                                                                          \
    do {                                                                                           \
        verifyNoLossNoDuplicates(__VA_ARGS__);                                                     \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

class TestFaultsStream : public QObject
{
    Q_OBJECT

    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<Aod::Client> m_client;
    QString m_agentId;

    void startServer()
    {
        m_server = std::make_unique<LocalServer>();
        m_server->setTiming(ServerTiming::fast());
        m_server->setRandomSeed(7);
        QVERIFY(m_server->listen());
        m_server->addTranscript(QStringLiteral("faults_plain"), plainTranscript(),
                                QByteArrayLiteral("warning: one\nwarning: two\n"));
        m_client = std::make_unique<Aod::Client>(fastClientConfig(*m_server));
        m_agentId = createAgent(*m_client);
        QVERIFY(!m_agentId.isEmpty());
    }

    //! Follows \a sessionId to its end and returns what was reported.
    std::unique_ptr<Follow> followToEnd(const QString &sessionId, const Aod::StreamOptions &o = fastStreamOptions(),
                                        int timeoutMs = 60000)
    {
        auto f = follow(*m_client, sessionId, o);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(f->finished(), timeoutMs); }();
        return f;
    }

private Q_SLOTS:
    void init() { startServer(); }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // The cross-cutting matrix: faults combined on one stream, each row seeded and so
    // reproducible (tests/stream covers each fault alone, mostly on finished sessions). Every
    // row must end on the terminal event with the log delivered exactly once; the SDK may only
    // report what the row's faults can cause, and every transient report is one reconnect.
    void matrix_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<bool>("live");       // follow while it runs, or replay a finished one
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("drops");       // dropStreamsRandomly(drops, seed, maxOffset)
        QTest::addColumn<int>("maxOffset");
        QTest::addColumn<int>("resetK");      // RST every k-th connection (0: off)
        QTest::addColumn<int>("burstStatus"); // a burst of 3 of these after the first cut (0: off)
        QTest::addColumn<int>("stallAfter");  // stall the first connection after n events (-1: off)
        QTest::addColumn<bool>("trickle");
        QTest::addColumn<int>("malformed");
        const QString utf8 = QStringLiteral("scenario:utf8_split transcript:faults_plain");
        const QString plain = QStringLiteral("transcript:faults_plain");
        const QString fire = QStringLiteral("scenario:firehose:1200");
        const int none = int(MalformedKind::None);
        //                                       prompt  live  seed drops off   rst burst stall trickle malformed
        QTest::newRow("drops + resets, live") << utf8 << true << 1u << 5 << 3000 << 3 << 0 << -1 << false << none;
        QTest::newRow("drops + 503 burst, live") << plain << true << 2u << 4 << 4000 << 0 << 503 << -1 << false << none;
        QTest::newRow("drops + 502 html + resets, replay") << fire << false << 3u << 6 << 20000 << 2 << 502 << -1 << false << none;
        QTest::newRow("stall + drops, live") << plain << true << 4u << 3 << 5000 << 0 << 0 << 8 << false << none;
        QTest::newRow("trickle + drops, live") << QStringLiteral("transcript:codex_default") << true << 5u << 3 << 1500 << 0 << 0
                                               << -1 << true << none;
        QTest::newRow("multi-line + drops + resets") << utf8 << true << 6u << 5 << 3000 << 3 << 0 << -1 << false
                                                    << int(MalformedKind::MultiLineData);
        QTest::newRow("CR-only + drops + stall") << plain << true << 7u << 3 << 4000 << 0 << 0 << 5 << false
                                                << int(MalformedKind::CrOnlyLineEnds);
        QTest::newRow("invalid json + drops + 500 burst") << fire << false << 8u << 4 << 20000 << 0 << 500 << -1 << false
                                                         << int(MalformedKind::InvalidJson);
        QTest::newRow("1 MiB lines + drops") << plain << true << 9u << 3 << 3000000 << 0 << 0 << -1 << false
                                            << int(MalformedKind::HugeLine);
        for (quint32 seed : {11u, 12u, 13u})
            QTest::addRow("everything, seed %u", seed) << utf8 << true << seed << 5 << 3000 << 3 << 503 << 6 << false
                                                       << int(MalformedKind::MultiLineData);
    }
    void matrix()
    {
        QFETCH(QString, prompt);
        QFETCH(bool, live);
        QFETCH(quint32, seed);
        QFETCH(int, drops);
        QFETCH(int, maxOffset);
        QFETCH(int, resetK);
        QFETCH(int, burstStatus);
        QFETCH(int, stallAfter);
        QFETCH(bool, trickle);
        QFETCH(int, malformed);

        m_server->setRandomSeed(seed);
        const QString id = startSession(*m_client, m_agentId, prompt);
        QVERIFY(!id.isEmpty());
        if (!live)
            QTRY_VERIFY_WITH_TIMEOUT(m_server->sessionStatus(id) == QLatin1String("completed"), 30000);

        auto *faults = m_server->faults();
        faults->dropStreamsRandomly(drops, seed, maxOffset);
        faults->refuseEveryKthConnection(resetK, true);
        faults->trickleStreamBytes(trickle);
        faults->sendMalformedFrames(MalformedKind(malformed));
        if (stallAfter >= 0)
            faults->stallStreamAfterEvents(stallAfter, 1);
        QObject scope; // the hook below must not outlive this test function
        int cuts = 0;
        connect(m_server.get(), &LocalServer::streamClosed, &scope,
                [this, &cuts, burstStatus](const QString &, const QString &terminal) {
                    if (!terminal.isEmpty())
                        return;
                    if (++cuts == 1 && burstStatus)
                        m_server->faults()->failNextRequests(3, burstStatus, burstStatus == 503);
                });
        Aod::StreamOptions o = fastStreamOptions();
        if (stallAfter >= 0)
            o.idleTimeoutMs = 1500;
        auto f = followToEnd(id, o, 120000);
        QVERIFY(f->finished());
        QVERIFY2(f->stream->finishReason() == SessionStream::FinishReason::TerminalEvent, qPrintable(f->errorSummary()));
        VERIFY_EXACT(*m_server, id, *f);

        // Only what these faults can cause.
        int streamErrors = 0;
        for (const Error &e : std::as_const(f->errors)) {
            bool possible = false;
            switch (e.code()) {
            case Error::Code::NetworkError: possible = drops > 0 || resetK > 0; break;
            case Error::Code::ServerError: possible = burstStatus != 0 && e.httpStatus() == burstStatus; break;
            case Error::Code::TimeoutError: possible = stallAfter >= 0; break;
            case Error::Code::StreamError: possible = MalformedKind(malformed) == MalformedKind::InvalidJson; break;
            default: break;
            }
            QVERIFY2(possible, qPrintable(QStringLiteral("unexpected report: ") + f->errorSummary()));
            streamErrors += e.code() == Error::Code::StreamError ? 1 : 0;
        }
        if (burstStatus)
            QCOMPARE(f->errorCount(Error::Code::ServerError), 3);
        // A skipped frame is reported without a reconnect; every other report is one reconnect.
        QCOMPARE(f->stream->reconnectCount(), int(f->errors.size()) - streamErrors);
        QVERIFY2(f->stream->reconnectCount() >= 1, "no fault fired");
        QCOMPARE(f->stream->deliveredCount(), qint64(f->events.size()));
        QCOMPARE(f->finishedSignals, 1);
        QTRY_COMPARE(m_server->openStreamCount(), 0);
    }

    // The server disappears mid-stream (listening socket closed, connections aborted) and comes
    // back on the same port with its state: the stream reports connection errors meanwhile,
    // then resumes from its cursor. REST GETs fail while it is down and work again after.
    void serverRestartsOnTheSamePort()
    {
        const QString id = startSession(*m_client, m_agentId, QStringLiteral("scenario:success"));
        QVERIFY(!id.isEmpty());
        const quint16 port = m_server->port();
        auto f = follow(*m_client, id);
        QTRY_VERIFY_WITH_TIMEOUT(f->outputEvents() >= 3, 20000);
        const qsizetype before = f->events.size();
        m_server->close();
        QVERIFY(!m_server->isListening());
        // Connection refused, again and again, while it is gone.
        QTRY_VERIFY_WITH_TIMEOUT(f->errors.size() >= 3, 20000);
        QVERIFY(!f->finished());
        QCOMPARE(f->stream->state(), SessionStream::State::Reconnecting);

        Aod::AgentListReply *down = m_client->agents()->list();
        down->setAutoDelete(false);
        QVERIFY(down->waitForFinished(20000));
        QCOMPARE(down->error().code(), Error::Code::NetworkError);
        QCOMPARE(down->retryCount(), m_client->config().maxRetries());
        delete down;

        QVERIFY(m_server->listen(port));
        QCOMPARE(m_server->port(), port);
        QTRY_VERIFY_WITH_TIMEOUT(f->finished(), 60000);
        QCOMPARE(f->stream->finishReason(), SessionStream::FinishReason::TerminalEvent);
        QVERIFY(f->events.size() > before);
        VERIFY_EXACT(*m_server, id, *f);
        for (const Error &e : std::as_const(f->errors))
            QCOMPARE(e.code(), Error::Code::NetworkError);

        Aod::AgentListReply *up = m_client->agents()->list();
        up->setAutoDelete(false);
        QVERIFY(up->waitForFinished(20000));
        QVERIFY(up->isSuccess());
        QCOMPARE(up->result().size(), 1);
        delete up;
    }

    // It comes back on the same port without its state (a fresh server, same token): the
    // session is unknown now, so the stream ends with HttpError/NotFound instead of retrying
    // forever, and what it delivered before is still a clean prefix of the old log.
    void serverComesBackWithoutTheSession()
    {
        const QString id = startSession(*m_client, m_agentId, QStringLiteral("scenario:slow"));
        QVERIFY(!id.isEmpty());
        const quint16 port = m_server->port();
        const QString token = m_server->token();
        auto f = follow(*m_client, id);
        QTRY_VERIFY_WITH_TIMEOUT(f->outputEvents() >= 2, 20000);
        m_server->close();
        QTRY_VERIFY_WITH_TIMEOUT(f->errors.size() >= 2, 20000);
        // Check the delivered prefix against the old server before it goes away for good.
        VERIFY_EXACT(*m_server, id, *f, false);

        auto fresh = std::make_unique<LocalServer>();
        fresh->setTiming(ServerTiming::fast());
        fresh->setToken(token);
        QVERIFY(fresh->listen(port));
        QTRY_VERIFY_WITH_TIMEOUT(f->finished(), 30000);
        QCOMPARE(f->stream->finishReason(), SessionStream::FinishReason::HttpError);
        QCOMPARE(f->stream->error().code(), Error::Code::NotFound);
        QCOMPARE(f->stream->error().httpStatus(), 404);
        QCOMPARE(f->finishedSignals, 1);
        f.reset();
        m_client.reset();
        m_server.reset();
    }

    // Many sessions streamed at once through one Client while connections are cut at random:
    // each stream stays exact on its own.
    void concurrentStreamsUnderDrops()
    {
        QStringList ids;
        for (int i = 0; i < 6; ++i) {
            const QString id = startSession(*m_client, m_agentId,
                                            i % 2 ? QStringLiteral("scenario:success") : QStringLiteral("scenario:firehose:300"));
            QVERIFY(!id.isEmpty());
            ids << id;
        }
        m_server->faults()->dropStreamsRandomly(12, 99, 6000);
        std::vector<std::unique_ptr<Follow>> follows;
        for (const QString &id : std::as_const(ids))
            follows.push_back(follow(*m_client, id));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(follows.begin(), follows.end(), [](const auto &f) { return f->finished(); }),
                                 90000);
        int reconnects = 0;
        for (size_t i = 0; i < follows.size(); ++i) {
            QCOMPARE(follows[i]->stream->finishReason(), SessionStream::FinishReason::TerminalEvent);
            VERIFY_EXACT(*m_server, ids[qsizetype(i)], *follows[i]);
            reconnects += follows[i]->stream->reconnectCount();
        }
        QVERIFY(reconnects >= 1);
    }
};

QTEST_GUILESS_MAIN(TestFaultsStream)
#include "tst_faults_stream.moc"
