// aod-server: runs Aod::Testing::LocalServer standalone on 127.0.0.1 (demo mode, manual testing,
// other apps' integration tests). Prints its URL and token, exits cleanly on SIGINT/SIGTERM.
#include <aod/testing/localserver.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    // Only async-signal-safe work here: wake the event loop through the socket pair.
    [[maybe_unused]] const ssize_t n = ::write(g_signalFds[0], &c, 1);
}

bool parseIntOption(const QCommandLineParser &p, const QString &name, int minimum, int *out, QString *error)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < minimum) {
        *error = QStringLiteral("--%1 expects an integer >= %2, got '%3'").arg(name).arg(minimum).arg(p.value(name));
        return false;
    }
    *out = v;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aod-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Local AoD server: an in-memory simulation of the Agent on Demand API on 127.0.0.1.\n"
        "Point a client at the printed URL with the printed token (AOD_API_URL / AOD_API_TOKEN).\n"
        "Scenarios: prompt prefix 'scenario:<name>' or agent metadata {\"scenario\": \"<name>\"}, names:\n"
        "success, exit_nonzero, error, provision_fail, slow, long, codex, firehose:<N>, hang, utf8_split.\n"
        "Transcripts: prompt prefix 'transcript:<name>' or agent metadata {\"transcript\": \"<name>\"}."));
    p.addHelpOption();
    p.addVersionOption();
    const QList<QCommandLineOption> options = {
        {QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (default 8777, 0 = any free port)."), QStringLiteral("port"), QStringLiteral("8777")},
        {QStringLiteral("token"), QStringLiteral("Use this token for the default user instead of a random one."), QStringLiteral("token")},
        {QStringLiteral("seed"), QStringLiteral("Create realistic sample agents, environments and finished sessions.")},
        {QStringLiteral("users"), QStringLiteral("Create N extra users and print their tokens."), QStringLiteral("n")},
        {QStringLiteral("random-seed"), QStringLiteral("Seed for chunking, id gaps and timestamps (default 1)."), QStringLiteral("n")},
        {QStringLiteral("concurrency-limit"), QStringLiteral("Concurrent session limit per user (default 100)."), QStringLiteral("n")},
        {QStringLiteral("no-backend"), QStringLiteral("POST /sessions answers 503 'Session backend is not configured'.")},
        {QStringLiteral("degraded"), QStringLiteral("GET /health answers 503 degraded.")},
        {QStringLiteral("fast"), QStringLiteral("Test timing: poll 20 ms, heartbeat 1 s, stale 60 s, stage 5 ms, chunk 2 ms.")},
        {QStringLiteral("poll-ms"), QStringLiteral("SSE poll interval (default 500)."), QStringLiteral("ms")},
        {QStringLiteral("heartbeat-ms"), QStringLiteral("Heartbeat period (default 15000)."), QStringLiteral("ms")},
        {QStringLiteral("stale-ms"), QStringLiteral("Stale timeout (default 600000)."), QStringLiteral("ms")},
        {QStringLiteral("stage-ms"), QStringLiteral("Simulated provisioning stage duration (default 300)."), QStringLiteral("ms")},
        {QStringLiteral("chunk-ms"), QStringLiteral("Pause between output chunks (default 40)."), QStringLiteral("ms")},
        {QStringLiteral("drop-after-events"), QStringLiteral("Fault: cut every stream after N events."), QStringLiteral("n")},
        {QStringLiteral("drop-after-bytes"), QStringLiteral("Fault: cut every stream after N body bytes."), QStringLiteral("n")},
        {QStringLiteral("drop-randomly"), QStringLiteral("Fault: cut the next COUNT streams at seeded random offsets."), QStringLiteral("count[:seed]")},
        {QStringLiteral("refuse-every"), QStringLiteral("Fault: close every K-th TCP connection at once."), QStringLiteral("k")},
        {QStringLiteral("reset-every"), QStringLiteral("Fault: reset (RST) every K-th TCP connection at once."), QStringLiteral("k")},
        {QStringLiteral("fail-next"), QStringLiteral("Fault: answer the next N requests with STATUS (default 503)."), QStringLiteral("n[:status]")},
        {QStringLiteral("delay-ms"), QStringLiteral("Fault: delay every response by MS."), QStringLiteral("ms")},
        {QStringLiteral("stall-after-events"), QStringLiteral("Fault: every stream goes silent after N events."), QStringLiteral("n")},
        {QStringLiteral("trickle"), QStringLiteral("Fault: write stream bytes one at a time.")},
        {QStringLiteral("malformed"), QStringLiteral("Fault: malformed SSE frames: invalid-json, multi-line, cr, huge-line."), QStringLiteral("kind")},
        {QStringLiteral("log"), QStringLiteral("Log every request (method, path, status) to stderr.")},
    };
    p.addOptions(options);
    p.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    auto fail = [&](const QString &message) {
        err << "aod-server: " << message << Qt::endl;
        return 2;
    };
    if (!p.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1' (see --help)").arg(p.positionalArguments().first()));

    Aod::Testing::LocalServer server;
    Aod::Testing::ServerTiming timing = p.isSet(QStringLiteral("fast")) ? Aod::Testing::ServerTiming::fast()
                                                                          : Aod::Testing::ServerTiming();
    QString error;
    int port = 8777, concurrency = 100, randomSeed = 1, users = 0;
    if (!parseIntOption(p, QStringLiteral("port"), 0, &port, &error) || port > 65535
        || !parseIntOption(p, QStringLiteral("concurrency-limit"), 1, &concurrency, &error)
        || !parseIntOption(p, QStringLiteral("random-seed"), 0, &randomSeed, &error)
        || !parseIntOption(p, QStringLiteral("users"), 0, &users, &error)
        || !parseIntOption(p, QStringLiteral("poll-ms"), 1, &timing.pollIntervalMs, &error)
        || !parseIntOption(p, QStringLiteral("heartbeat-ms"), 1, &timing.heartbeatMs, &error)
        || !parseIntOption(p, QStringLiteral("stale-ms"), 1, &timing.staleTimeoutMs, &error)
        || !parseIntOption(p, QStringLiteral("stage-ms"), 0, &timing.stageDelayMs, &error)
        || !parseIntOption(p, QStringLiteral("chunk-ms"), 0, &timing.chunkDelayMs, &error))
        return fail(error.isEmpty() ? QStringLiteral("--port must be 0..65535") : error);

    server.setTiming(timing);
    server.setRandomSeed(quint32(randomSeed));
    server.setConcurrencyLimit(concurrency);
    server.setBackendConfigured(!p.isSet(QStringLiteral("no-backend")));
    server.setHealthy(!p.isSet(QStringLiteral("degraded")));
    if (p.isSet(QStringLiteral("token"))) {
        const QString token = p.value(QStringLiteral("token"));
        if (token.isEmpty())
            return fail(QStringLiteral("--token must not be empty"));
        server.setToken(token);
    }

    Aod::Testing::FaultInjector *f = server.faults();
    int n = 0;
    if (!parseIntOption(p, QStringLiteral("drop-after-events"), 0, &n, &error))
        return fail(error);
    if (p.isSet(QStringLiteral("drop-after-events")))
        f->dropStreamAfterEvents(n, 0);
    if (p.isSet(QStringLiteral("drop-after-bytes"))) {
        bool ok = false;
        const qint64 bytes = p.value(QStringLiteral("drop-after-bytes")).toLongLong(&ok);
        if (!ok || bytes < 0)
            return fail(QStringLiteral("--drop-after-bytes expects a non-negative integer"));
        f->dropStreamAfterBytes(bytes, 0);
    }
    if (p.isSet(QStringLiteral("drop-randomly"))) {
        const QStringList parts = p.value(QStringLiteral("drop-randomly")).split(QLatin1Char(':'));
        bool ok1 = false, ok2 = true;
        const int count = parts.value(0).toInt(&ok1);
        const uint seed = parts.size() > 1 ? parts[1].toUInt(&ok2) : 1u;
        if (!ok1 || !ok2 || count < 0 || parts.size() > 2)
            return fail(QStringLiteral("--drop-randomly expects COUNT or COUNT:SEED"));
        f->dropStreamsRandomly(count, seed);
    }
    if (!parseIntOption(p, QStringLiteral("refuse-every"), 1, &n, &error))
        return fail(error);
    if (p.isSet(QStringLiteral("refuse-every")))
        f->refuseEveryKthConnection(n, false);
    if (!parseIntOption(p, QStringLiteral("reset-every"), 1, &n, &error))
        return fail(error);
    if (p.isSet(QStringLiteral("reset-every")))
        f->refuseEveryKthConnection(n, true);
    if (p.isSet(QStringLiteral("fail-next"))) {
        const QStringList parts = p.value(QStringLiteral("fail-next")).split(QLatin1Char(':'));
        bool ok1 = false, ok2 = true;
        const int count = parts.value(0).toInt(&ok1);
        const int status = parts.size() > 1 ? parts[1].toInt(&ok2) : 503;
        if (!ok1 || !ok2 || count < 0 || status < 400 || status > 599 || parts.size() > 2)
            return fail(QStringLiteral("--fail-next expects N or N:STATUS (STATUS 400..599)"));
        f->failNextRequests(count, status);
    }
    if (!parseIntOption(p, QStringLiteral("delay-ms"), 0, &n, &error))
        return fail(error);
    if (p.isSet(QStringLiteral("delay-ms")))
        f->delayResponses(n);
    if (!parseIntOption(p, QStringLiteral("stall-after-events"), 0, &n, &error))
        return fail(error);
    if (p.isSet(QStringLiteral("stall-after-events")))
        f->stallStreamAfterEvents(n, 0);
    f->trickleStreamBytes(p.isSet(QStringLiteral("trickle")));
    if (p.isSet(QStringLiteral("malformed"))) {
        const QString kind = p.value(QStringLiteral("malformed"));
        using MK = Aod::Testing::MalformedKind;
        if (kind == QLatin1String("invalid-json"))
            f->sendMalformedFrames(MK::InvalidJson);
        else if (kind == QLatin1String("multi-line"))
            f->sendMalformedFrames(MK::MultiLineData);
        else if (kind == QLatin1String("cr"))
            f->sendMalformedFrames(MK::CrOnlyLineEnds);
        else if (kind == QLatin1String("huge-line"))
            f->sendMalformedFrames(MK::HugeLine);
        else
            return fail(QStringLiteral("--malformed expects invalid-json, multi-line, cr or huge-line"));
    }

    if (p.isSet(QStringLiteral("seed")))
        server.seed();
    if (!server.listen(quint16(port)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1 (port in use?)").arg(port));

    if (p.isSet(QStringLiteral("log"))) {
        QObject::connect(&server, &Aod::Testing::LocalServer::requestServed, &app,
                         [&err](const QByteArray &method, const QString &path, int status) {
                             err << QString::fromLatin1(method) << ' ' << path << ' ' << status << Qt::endl;
                         });
    }

    const QString url = server.url().toString();
    out << "AoD local server listening on " << url << Qt::endl;
    out << "Token: " << server.token() << Qt::endl;
    for (int i = 0; i < users; ++i)
        out << "Extra user token: " << server.addUser() << Qt::endl;
    out << "export AOD_API_URL=" << url << " AOD_API_TOKEN=" << server.token() << Qt::endl;
    out.flush();
    std::fflush(stdout);

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return fail(QStringLiteral("cannot create the signal socket pair"));
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c = 0;
        [[maybe_unused]] const ssize_t r = ::read(g_signalFds[1], &c, 1);
        err << "aod-server: shutting down" << Qt::endl;
        server.close();
        QCoreApplication::quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);

    const int rc = QCoreApplication::exec();
    ::close(g_signalFds[0]);
    ::close(g_signalFds[1]);
    return rc;
}
