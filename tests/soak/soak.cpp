// aod-soak: the long-run check (issue 9). Not a test and not in CI: run it for minutes with
// tests/soak/run-soak.sh.
//
// A LocalServer in its own thread runs session after session (firehose, Claude and Codex
// transcripts, 100,000-line runs, UTF-8 split chunks). N slots each follow one session at a
// time through the SDK's SessionStream and, when the app library is built, feed every event into
// that slot's console (ConsoleFeeder -> formatted and raw OutputLogModel with the app's line
// cap), exactly what a session tab does. Every finished session is checked against the server's
// log (stdout byte for byte) and then deleted through the SDK, so the server holds only the
// running sessions. Optionally the connections are cut at random points all along.
//
// Every report interval it prints RSS, sessions, events, MB and console rows; at the end it
// compares the RSS once every console reached its cap with the RSS at the end: memory must be
// flat from there on. Exit status 0 when every session matched and the growth stayed under the
// limit, 1 otherwise.
#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/format/outputformatter.h>
#include <aod/sessionsapi.h>
#include <aod/sessionstream.h>
#include <aod/testing/localserver.h>

#ifdef AOD_SOAK_HAVE_UI
#include "models/outputlogmodel.h"
#include "session/consolefeeder.h"
#include <QGuiApplication>
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &l : lines)
        if (l.startsWith("VmRSS:"))
            return l.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

struct Options {
    int minutes = 5;
    int concurrent = 8;
    int reportSeconds = 10;
    int firehoseEvents = 20000;
    int lineCap = 0;          // 0: the app's default
    bool faults = true;
    double maxGrowthMiB = 24;
};

class Soak : public QObject
{
public:
    Soak(const Options &o, Aod::Testing::LocalServer *server, const QUrl &url, const QString &token)
        : m_opt(o), m_server(server)
    {
        Aod::ClientConfig config(url.toString(), token);
        config.setRetryBaseDelayMs(50);
        m_client = std::make_unique<Aod::Client>(config);
        m_report.setInterval(o.reportSeconds * 1000);
        connect(&m_report, &QTimer::timeout, this, [this] { report(); });
    }

    void start()
    {
        m_claudeAgent = createAgent(QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-6"));
        m_codexAgent = createAgent(QStringLiteral("openai"), QStringLiteral("gpt-5-codex"));
        if (m_claudeAgent.isEmpty() || m_codexAgent.isEmpty()) {
            std::fprintf(stderr, "soak: cannot create agents\n");
            QCoreApplication::exit(2);
            return;
        }
        m_clock.start();
        m_rssStart = rssKiB();
        std::printf("soak: %d min, %d concurrent sessions, firehose %d events, faults %s, console cap %s\n", m_opt.minutes,
                    m_opt.concurrent, m_opt.firehoseEvents, m_opt.faults ? "on" : "off", qPrintable(capText()));
        std::printf("%6s %9s %9s %10s %9s %11s %10s %8s\n", "t(s)", "RSS(MiB)", "sessions", "events", "MB", "console", "reconnect",
                    "mismatch");
        for (int i = 0; i < m_opt.concurrent; ++i) {
            m_slots.push_back(std::make_unique<Slot>());
#ifdef AOD_SOAK_HAVE_UI
            Slot &s = *m_slots.back();
            s.formatted = std::make_unique<Aod::Ui::OutputLogModel>();
            s.raw = std::make_unique<Aod::Ui::OutputLogModel>();
            if (m_opt.lineCap > 0) {
                s.formatted->setLineCap(m_opt.lineCap);
                s.raw->setLineCap(m_opt.lineCap);
            }
#endif
            next(i);
        }
        m_report.start();
    }

private:
    struct Slot {
        QString sessionId;
        QString prompt;
        QPointer<Aod::SessionStream> stream;
        QString stdoutText;
        qint64 events = 0;
#ifdef AOD_SOAK_HAVE_UI
        std::unique_ptr<Aod::Ui::OutputLogModel> formatted;
        std::unique_ptr<Aod::Ui::OutputLogModel> raw;
        std::unique_ptr<Aod::Ui::ConsoleFeeder> feeder;
#else
        std::unique_ptr<Aod::OutputFormatter> formatter;
        qint64 lines = 0;
#endif
    };

    QString capText() const
    {
#ifdef AOD_SOAK_HAVE_UI
        return QString::number(m_opt.lineCap > 0 ? m_opt.lineCap : Aod::Ui::OutputLogModel::DefaultLineCap)
               + QStringLiteral(" lines x2 per slot");
#else
        return QStringLiteral("n/a (built without the app: formatter only)");
#endif
    }

    QString createAgent(const QString &provider, const QString &model)
    {
        Aod::AgentDraft d;
        d.name = QStringLiteral("soak-") + provider;
        d.provider = provider;
        d.model = model;
        auto *r = m_client->agents()->create(d);
        r->setAutoDelete(false);
        const QString id = r->waitForFinished(30000) && r->isSuccess() ? r->result().id : QString();
        delete r;
        return id;
    }

    //! Runs \a f in the server's thread and returns its result.
    template <typename F>
    auto onServer(F f)
    {
        decltype(f()) result{};
        QMetaObject::invokeMethod(m_server, [&] { result = f(); }, Qt::BlockingQueuedConnection);
        return result;
    }

    void next(int i)
    {
        if (m_stopping)
            return;
        if (m_clock.elapsed() >= qint64(m_opt.minutes) * 60000) {
            finishAll();
            return;
        }
        Slot &s = *m_slots[size_t(i)];
        static const QStringList prompts = {QStringLiteral("scenario:firehose:%1"), QStringLiteral("scenario:success"),
                                            QStringLiteral("scenario:codex"), QStringLiteral("scenario:utf8_split"),
                                            QStringLiteral("scenario:long"), QStringLiteral("transcript:claude_edge")};
        const int pick = int(m_started % prompts.size());
        ++m_started;
        s.prompt = prompts[pick].contains(QLatin1String("%1")) ? prompts[pick].arg(m_opt.firehoseEvents) : prompts[pick];
        Aod::SessionDraft draft;
        draft.agentId = pick == 2 ? m_codexAgent : m_claudeAgent;
        draft.prompt = s.prompt;
        auto *create = m_client->sessions()->create(draft);
        connect(create, &Aod::Reply::failed, this, [this, i](const Aod::Error &e) {
            std::fprintf(stderr, "soak: create failed: %s\n", qPrintable(e.message()));
            ++m_failures;
            QTimer::singleShot(500, this, [this, i] { next(i); });
        });
        connect(create, &Aod::Reply::succeeded, this, [this, i, create] { follow(i, create->result().id); });
    }

    void follow(int i, const QString &id)
    {
        Slot &s = *m_slots[size_t(i)];
        s.sessionId = id;
        s.stdoutText.clear();
        s.events = 0;
#ifdef AOD_SOAK_HAVE_UI
        s.feeder = std::make_unique<Aod::Ui::ConsoleFeeder>(s.formatted.get(), s.raw.get());
#else
        s.formatter.reset();
#endif
        Aod::StreamOptions o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 1000;
        o.maxRetries = 100;
        auto *stream = m_client->sessions()->openStream(id, o);
        s.stream = stream;
        connect(stream, &Aod::SessionStream::eventReceived, this, [this, i](const Aod::StreamEvent &e) {
            Slot &sl = *m_slots[size_t(i)];
            ++sl.events;
            ++m_events;
            if (e.type() == Aod::StreamEvent::Type::Output && e.isStdout())
                sl.stdoutText += e.data();
#ifdef AOD_SOAK_HAVE_UI
            sl.feeder->feed(e);
#else
            if (e.type() == Aod::StreamEvent::Type::Start)
                sl.formatter = Aod::OutputFormatter::forProvider(e.provider());
            if (sl.formatter)
                sl.lines += sl.formatter->feed(e).size();
#endif
        });
        connect(stream, &Aod::SessionStream::finished, this, [this, i, stream] {
            m_bytes += stream->bytesReceived();
            m_reconnects += stream->reconnectCount();
            finished(i, stream->isTerminal());
        });
    }

    void finished(int i, bool terminal)
    {
        if (m_stopping)
            return; // closed by finishAll(): not a result
        Slot &s = *m_slots[size_t(i)];
#ifdef AOD_SOAK_HAVE_UI
        s.feeder->finish();
#endif
        const QString id = s.sessionId;
        const QByteArray expected = onServer([this, id] { return m_server->sessionOutput(id); });
        const bool match = terminal && s.stdoutText.toUtf8() == expected;
        if (!match) {
            ++m_mismatches;
            std::fprintf(stderr, "soak: MISMATCH in %s (%s): terminal %d, got %lld bytes, server has %lld\n",
                         qPrintable(id), qPrintable(s.prompt), terminal ? 1 : 0,
                         static_cast<long long>(s.stdoutText.toUtf8().size()), static_cast<long long>(expected.size()));
        }
        ++m_completed;
        s.stdoutText = QString();
        // Delete the session so the server only holds running ones: what remains is the client.
        auto *del = m_client->sessions()->remove(id);
        connect(del, &Aod::Reply::finished, this, [this, i] { next(i); });
    }

    qint64 consoleRows(bool *allAtCap) const
    {
        qint64 rows = 0;
        bool all = true;
#ifdef AOD_SOAK_HAVE_UI
        for (const auto &s : m_slots) {
            rows += s->formatted->rowCount() + s->raw->rowCount();
            all = all && s->raw->rowCount() >= s->raw->lineCap() && s->formatted->rowCount() >= s->formatted->lineCap();
        }
#else
        for (const auto &s : m_slots)
            rows += s->lines;
        all = false;
#endif
        *allAtCap = all;
        return rows;
    }

    void report()
    {
        if (m_opt.faults) // cut a few connections at random points during the next interval
            onServer([this] {
                m_server->faults()->dropStreamsRandomly(m_opt.concurrent, quint32(m_clock.elapsed()), 256 * 1024);
                return 0;
            });
        bool atCap = false;
        const qint64 rows = consoleRows(&atCap);
        const qint64 rss = rssKiB();
        if (atCap && m_rssAtCap < 0) {
            m_rssAtCap = rss;
            m_tAtCap = m_clock.elapsed() / 1000;
        }
        m_samples.push_back(rss);
        std::printf("%6lld %9.1f %9lld %10lld %9.1f %10lld%s %10lld %8lld\n", static_cast<long long>(m_clock.elapsed() / 1000),
                    double(rss) / 1024.0, static_cast<long long>(m_completed), static_cast<long long>(m_events),
                    double(m_bytes) / 1e6, static_cast<long long>(rows), atCap ? "*" : " ",
                    static_cast<long long>(m_reconnects), static_cast<long long>(m_mismatches));
        std::fflush(stdout);
    }

    void finishAll()
    {
        if (m_stopping)
            return;
        m_stopping = true;
        m_report.stop();
        report();
        for (auto &s : m_slots)
            if (s->stream)
                s->stream->close();
        const qint64 rssEnd = m_samples.empty() ? rssKiB() : m_samples.back();
        // The reference point: the first sample with every console at its cap; without the app,
        // or if the caps were never reached, the sample a third into the run.
        qint64 reference = m_rssAtCap;
        qint64 refT = m_tAtCap;
        if (reference < 0 && !m_samples.empty()) {
            const size_t k = m_samples.size() / 3;
            reference = m_samples[k];
            refT = qint64(k + 1) * m_opt.reportSeconds;
        }
        const double growth = double(rssEnd - reference) / 1024.0;
        qint64 peak = 0;
        for (qint64 v : m_samples)
            peak = std::max(peak, v);
        const bool flat = growth <= m_opt.maxGrowthMiB;
        std::printf("\nsoak: %lld sessions, %lld events, %.1f MB streamed, %lld reconnects, %lld mismatches, %lld failed creates\n",
                    static_cast<long long>(m_completed), static_cast<long long>(m_events), double(m_bytes) / 1e6,
                    static_cast<long long>(m_reconnects), static_cast<long long>(m_mismatches),
                    static_cast<long long>(m_failures));
        std::printf("soak: RSS start %.1f MiB, at t=%llds %.1f MiB (%s), end %.1f MiB, peak %.1f MiB: growth %+.1f MiB "
                    "(limit %.1f) -> %s\n",
                    double(m_rssStart) / 1024.0, static_cast<long long>(refT), double(reference) / 1024.0,
                    m_rssAtCap >= 0 ? "every console at its cap" : "a third into the run", double(rssEnd) / 1024.0,
                    double(peak) / 1024.0, growth, m_opt.maxGrowthMiB, flat ? "FLAT" : "GROWING");
        std::fflush(stdout);
        QCoreApplication::exit(m_mismatches == 0 && m_failures == 0 && flat ? 0 : 1);
    }

    Options m_opt;
    Aod::Testing::LocalServer *m_server;
    std::unique_ptr<Aod::Client> m_client;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QString m_claudeAgent, m_codexAgent;
    QTimer m_report;
    QElapsedTimer m_clock;
    std::vector<qint64> m_samples;
    qint64 m_rssStart = 0, m_rssAtCap = -1, m_tAtCap = -1;
    qint64 m_started = 0, m_completed = 0, m_events = 0, m_bytes = 0, m_reconnects = 0, m_mismatches = 0, m_failures = 0;
    bool m_stopping = false;
};

} // namespace

int main(int argc, char **argv)
{
#ifdef AOD_SOAK_HAVE_UI
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Streams many sessions for a long time and reports memory over time."));
    p.addHelpOption();
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("Duration (default 5)."), QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption concurrentOpt(QStringLiteral("sessions"), QStringLiteral("Concurrent sessions (default 8)."), QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption every(QStringLiteral("report"), QStringLiteral("Report interval in seconds (default 10)."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption events(QStringLiteral("firehose-events"), QStringLiteral("Events per firehose session (default 20000)."), QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption cap(QStringLiteral("line-cap"), QStringLiteral("Console line cap (default: the app's)."), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption noFaults(QStringLiteral("no-faults"), QStringLiteral("Do not cut connections."));
    const QCommandLineOption growth(QStringLiteral("max-growth"), QStringLiteral("Allowed RSS growth after the caps are reached, MiB (default 24)."), QStringLiteral("mib"), QStringLiteral("24"));
    p.addOptions({minutes, concurrentOpt, every, events, cap, noFaults, growth});
    p.process(app);
    Options o;
    o.minutes = std::max(1, p.value(minutes).toInt());
    o.concurrent = std::clamp(p.value(concurrentOpt).toInt(), 1, 6 * 4);
    o.reportSeconds = std::max(1, p.value(every).toInt());
    o.firehoseEvents = std::max(1, p.value(events).toInt());
    o.lineCap = std::max(0, p.value(cap).toInt());
    o.faults = !p.isSet(noFaults);
    o.maxGrowthMiB = p.value(growth).toDouble();

    // The server in its own thread, as a remote server would be: its work is not the client's.
    QThread serverThread;
    serverThread.setObjectName(QStringLiteral("aod-soak-server"));
    auto *server = new Aod::Testing::LocalServer;
    server->moveToThread(&serverThread);
    serverThread.start();
    QUrl url;
    QString token;
    QMetaObject::invokeMethod(server, [&] {
        server->setTiming(Aod::Testing::ServerTiming::fast());
        server->setConcurrencyLimit(1000);
        if (server->listen())
            url = server->url();
        token = server->token();
    }, Qt::BlockingQueuedConnection);
    if (url.isEmpty()) {
        std::fprintf(stderr, "soak: the local server cannot listen\n");
        return 2;
    }
    int rc = 0;
    {
        Soak soak(o, server, url, token);
        QTimer::singleShot(0, &soak, [&soak] { soak.start(); });
        rc = QCoreApplication::exec();
    }
    QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return rc;
}
