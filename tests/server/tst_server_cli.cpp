// The aod-server executable: flags, printed URL and token, loopback only, clean exit on signals.
#include "serverclient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace ServerTest;

namespace {
QString S(const char *s) { return QString::fromUtf8(s); }

struct Running {
    std::unique_ptr<QProcess> proc;
    QUrl url;
    QString token;
};

Running start(const QStringList &args)
{
    Running r;
    r.proc = std::make_unique<QProcess>();
    r.proc->start(QStringLiteral(AOD_SERVER_EXE), QStringList{S("--port"), S("0")} + args);
    if (!r.proc->waitForStarted(10000))
        return r;
    QByteArray out;
    [[maybe_unused]] const bool printed = QTest::qWaitFor([&] {
        out += r.proc->readAllStandardOutput();
        return out.contains("export AOD_API_URL=") || r.proc->state() == QProcess::NotRunning;
    }, 20000);
    static const QRegularExpression urlRe(QStringLiteral("AoD local server listening on (http://127\\.0\\.0\\.1:\\d+)\n"));
    static const QRegularExpression tokRe(QStringLiteral("Token: (\\S+)\n"));
    const QString text = QString::fromUtf8(out);
    r.url = QUrl(urlRe.match(text).captured(1));
    r.token = tokRe.match(text).captured(1);
    return r;
}

bool stop(Running &r, int sig)
{
    ::kill(pid_t(r.proc->processId()), sig);
    return r.proc->waitForFinished(20000);
}
} // namespace

class TestServerCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void help();
    void badArguments_data();
    void badArguments();
    void runsAndStopsOnSigterm();
    void tokenSeedAndSigint();
    void faultFlags();
};

void TestServerCli::help()
{
    QProcess p;
    p.start(QStringLiteral(AOD_SERVER_EXE), {S("--help")});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    for (const char *flag : {"--port", "--token", "--seed", "--concurrency-limit", "--fast", "--poll-ms", "--drop-after-events",
                             "--fail-next", "--malformed", "scenario:<name>"})
        QVERIFY2(out.contains(flag), flag);
}

void TestServerCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("port text") << QStringList{S("--port"), S("abc")};
    QTest::newRow("port range") << QStringList{S("--port"), S("70000")};
    QTest::newRow("limit zero") << QStringList{S("--concurrency-limit"), S("0")};
    QTest::newRow("malformed kind") << QStringList{S("--malformed"), S("nope")};
    QTest::newRow("fail-next status") << QStringList{S("--fail-next"), S("1:200")};
    QTest::newRow("positional") << QStringList{S("extra")};
    QTest::newRow("empty token") << QStringList{S("--token"), QString()};
}

void TestServerCli::badArguments()
{
    QFETCH(QStringList, args);
    QProcess p;
    p.start(QStringLiteral(AOD_SERVER_EXE), args);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().startsWith("aod-server: "));
}

void TestServerCli::runsAndStopsOnSigterm()
{
    Running r = start({S("--fast")});
    QVERIFY2(r.url.isValid() && r.url.port() > 0, qPrintable(QString::fromUtf8(r.proc->readAllStandardError())));
    QVERIFY(r.token.startsWith(S("aod_")));
    Client c(r.url, r.token);
    QCOMPARE(c.get(S("/health")).status, 200);
    QCOMPARE(c.get(S("/agents")).status, 200);
    // a whole session against the process
    const QString agent = c.createAgent();
    const QString session = c.createSession(agent);
    QVERIFY(!session.isEmpty());
    const RawStream s = readStream(quint16(r.url.port()), r.token, session);
    QCOMPARE(s.events().last().type(), S("exit"));
    QVERIFY(stop(r, SIGTERM));
    QCOMPARE(r.proc->exitStatus(), QProcess::NormalExit);
    QCOMPARE(r.proc->exitCode(), 0);
}

void TestServerCli::tokenSeedAndSigint()
{
    Running r = start({S("--token"), S("aod_fixed-token"), S("--seed"), S("--users"), S("1")});
    QCOMPARE(r.token, S("aod_fixed-token"));
    Client c(r.url, r.token);
    QVERIFY(c.get(S("/agents")).data().size() >= 2);
    QVERIFY(c.get(S("/sessions")).data().size() >= 5);
    QVERIFY(stop(r, SIGINT));
    QCOMPARE(r.proc->exitCode(), 0);
}

void TestServerCli::faultFlags()
{
    Running r = start({S("--fast"), S("--fail-next"), S("1:500"), S("--concurrency-limit"), S("1"), S("--no-backend")});
    Client c(r.url, r.token);
    QCOMPARE(c.get(S("/health")).status, 500);
    QCOMPARE(c.get(S("/health")).status, 200);
    const QString agent = c.createAgent();
    const Reply s = c.postJson(S("/sessions"), {{S("agent_id"), agent}, {S("prompt"), S("x")}});
    QCOMPARE(s.status, 503);
    QVERIFY(stop(r, SIGTERM));
}

QTEST_MAIN(TestServerCli)
#include "tst_server_cli.moc"
