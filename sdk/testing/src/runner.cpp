// The simulated runtime (contract §5, §6.6, §6.7, §11): provisioning stages, turns, output chunks.
#include "localserver_p.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace Aod::Testing {

using namespace Internal;

namespace Internal {

ScenarioChoice chooseScenario(const QString &prompt, const PyValue &agentMetadata)
{
    QString scenario, transcript;
    if (const PyValue *v = agentMetadata.get(u"scenario"); v && v->isString())
        scenario = v->toString().trimmed();
    if (const PyValue *v = agentMetadata.get(u"transcript"); v && v->isString())
        transcript = v->toString().trimmed();
    // Directives at the start of the prompt win: "scenario:slow transcript:claude_edge rest of prompt".
    static const QRegularExpression re(QStringLiteral("^\\s*(scenario|transcript):(\\S+)"));
    qsizetype pos = 0;
    while (true) {
        const auto m = re.match(prompt.mid(pos));
        if (!m.hasMatch())
            break;
        if (m.captured(1) == QLatin1String("scenario"))
            scenario = m.captured(2);
        else
            transcript = m.captured(2);
        pos += m.capturedEnd(0);
    }
    ScenarioChoice c;
    c.transcript = transcript;
    if (scenario.startsWith(QLatin1String("firehose"))) {
        c.scenario = QStringLiteral("firehose");
        bool ok = false;
        const qint64 n = scenario.section(QLatin1Char(':'), 1).toLongLong(&ok);
        c.firehoseCount = ok && n >= 0 ? std::min<qint64>(n, 5000000) : 1000;
        return c;
    }
    static const QStringList known = {QStringLiteral("success"), QStringLiteral("exit_nonzero"),
                                      QStringLiteral("error"), QStringLiteral("provision_fail"),
                                      QStringLiteral("slow"), QStringLiteral("long"), QStringLiteral("codex"),
                                      QStringLiteral("hang"), QStringLiteral("utf8_split")};
    if (known.contains(scenario))
        c.scenario = scenario;
    return c;
}

} // namespace Internal

std::optional<Transcript> LocalServer::Private::transcript(const QString &name) const
{
    auto it = extraTranscripts.constFind(name);
    if (it != extraTranscripts.constEnd())
        return *it;
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1String("..")))
        return std::nullopt;
    QFile f(QStringLiteral(":/aod/testing/transcripts/") + name + QStringLiteral(".jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    Transcript t;
    t.stdoutBytes = f.readAll();
    QFile e(QStringLiteral(":/aod/testing/transcripts/") + name + QStringLiteral(".stderr"));
    if (e.open(QIODevice::ReadOnly))
        t.stderrBytes = e.readAll();
    return t;
}

QStringList LocalServer::Private::transcriptNames() const
{
    QStringList names = extraTranscripts.keys();
    const QStringList files = QDir(QStringLiteral(":/aod/testing/transcripts")).entryList({QStringLiteral("*.jsonl")});
    for (const QString &f : files) {
        const QString n = f.chopped(6);
        if (!names.contains(n))
            names << n;
    }
    names.sort();
    return names;
}

void LocalServer::Private::startSessionRun(const QString &sessionId, const QString &effectivePrompt)
{
    Session *s = session(sessionId);
    if (!s)
        return;
    auto *r = new SessionRunner(this, sessionId, q);
    s->runner = r;
    r->startSession(effectivePrompt);
}

void LocalServer::Private::startTurnRun(const QString &sessionId, int turnNumber)
{
    Session *s = session(sessionId);
    if (!s)
        return;
    if (!s->runner) {
        auto *r = new SessionRunner(this, sessionId, q);
        s->runner = r;
    }
    s->runner->startTurn(turnNumber);
}

void LocalServer::Private::onTerminate(Session &s)
{
    if (s.runner)
        s.runner->terminate();
}

void LocalServer::Private::onInterrupt(Session &s)
{
    if (s.status == QLatin1String("running") && s.runner && interruptStopsRunning)
        s.runner->interruptRunning();
}

// ================================================================ SessionRunner

namespace {

struct Chunk {
    bool stderrStream = false;
    QString data;
};

struct Plan {
    std::vector<Chunk> chunks;
    std::optional<int> exitCode = 0;
    bool raised = false;
    bool hang = false;
    int delayMs = 0;
};

//! Splits bytes at seeded arbitrary points: mid-line, several lines per chunk. Unless
//! \a splitChars, boundaries never cut a UTF-8 sequence.
QList<QByteArray> chunkBytes(const QByteArray &bytes, QRandomGenerator &rng, bool splitChars)
{
    QList<QByteArray> out;
    qsizetype pos = 0;
    bool forcedSplit = !splitChars;
    while (pos < bytes.size()) {
        const quint32 kind = rng.bounded(10u);
        qsizetype size = kind < 3 ? 1 + rng.bounded(64u)
                       : kind < 7 ? 64 + rng.bounded(448u)
                       : kind < 9 ? 512 + rng.bounded(1536u)
                                  : 2048 + rng.bounded(6144u);
        qsizetype end = std::min(bytes.size(), pos + size);
        if (!forcedSplit) {
            // utf8_split: make sure at least one boundary lands inside a multi-byte sequence.
            for (qsizetype i = pos + 1; i < bytes.size(); ++i) {
                if ((uchar(bytes[i]) & 0xC0) == 0x80) {
                    end = i;
                    forcedSplit = true;
                    break;
                }
            }
            if (!forcedSplit)
                forcedSplit = true;
        }
        if (!splitChars) {
            while (end < bytes.size() && (uchar(bytes[end]) & 0xC0) == 0x80)
                ++end;
        }
        out.append(bytes.mid(pos, end - pos));
        pos = end;
    }
    return out;
}

QString defaultTranscript(const QString &runtime, int turn, const QString &scenario)
{
    const bool codex = runtime == QLatin1String("codex") || scenario == QLatin1String("codex");
    if (scenario == QLatin1String("exit_nonzero"))
        return codex ? QStringLiteral("codex_error") : QStringLiteral("claude_error");
    if (codex)
        return turn > 1 ? QStringLiteral("codex_followup") : QStringLiteral("codex_default");
    return turn > 1 ? QStringLiteral("claude_followup") : QStringLiteral("claude_default");
}

} // namespace

SessionRunner::SessionRunner(LocalServer::Private *server, const QString &sessionId, QObject *parent)
    : QObject(parent), m_server(server), m_sessionId(sessionId)
{
    m_seed = server->rng.generate();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_steps.empty())
            return;
        Step st = std::move(m_steps.front());
        m_steps.pop_front();
        st.fn();
        if (!m_steps.empty() && !m_timer.isActive())
            m_timer.start(m_steps.front().delayMs);
    });
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
        // The per-turn timeout: the sandbox command raises, the turn fails with exit null.
        if (m_runningTurn <= 0)
            return;
        clear();
        finalizeTurn(m_runningTurn, std::nullopt, true);
    });
}

Session *SessionRunner::session() { return m_server->session(m_sessionId); }

void SessionRunner::push(int delayMs, std::function<void()> fn)
{
    m_steps.push_back(Step{delayMs, std::move(fn)});
    if (!m_instant && !m_timer.isActive() && m_steps.size() == 1)
        m_timer.start(delayMs);
}

void SessionRunner::clear()
{
    m_steps.clear();
    m_timer.stop();
}

void SessionRunner::runToCompletion()
{
    m_instant = true;
    m_timer.stop();
    while (!m_steps.empty()) {
        Step st = std::move(m_steps.front());
        m_steps.pop_front();
        st.fn();
    }
    m_timeoutTimer.stop();
    m_instant = false;
}

void SessionRunner::startSession(const QString &effectivePrompt)
{
    Q_UNUSED(effectivePrompt)
    Session *s = session();
    if (!s)
        return;
    PyValue metadata = PyValue::object();
    bool hasSkills = false;
    if (auto a = m_server->agents.constFind(s->agentId); a != m_server->agents.constEnd()) {
        metadata = a->metadata;
        hasSkills = !a->skills.toArray().empty();
    }
    const ScenarioChoice sc = chooseScenario(s->turns.front().prompt, metadata);
    bool limited = false;
    if (auto e = m_server->environments.constFind(s->environmentId); e != m_server->environments.constEnd())
        limited = e->networkingType == QLatin1String("limited");
    bool tokens = false;
    for (const Resource &r : std::as_const(s->resources))
        tokens = tokens || r.hasToken;

    QStringList stages = {QStringLiteral("create_sprite"), QStringLiteral("install_runtime")};
    if (limited)
        stages << QStringLiteral("network_policy");
    stages << QStringLiteral("env_file");
    if (tokens)
        stages << QStringLiteral("git_credentials");
    stages << QStringLiteral("provision_setup") << QStringLiteral("runtime_config");
    if (hasSkills)
        stages << QStringLiteral("skills");

    const bool firehose = sc.scenario == QLatin1String("firehose");
    const int stageDelay = firehose ? 0 : m_server->timing.stageDelayMs;
    const QString failStage = sc.scenario == QLatin1String("provision_fail") ? QStringLiteral("provision_setup") : QString();

    for (const QString &stage : std::as_const(stages)) {
        push(0, [this, stage] {
            if (Session *ss = session()) {
                m_stageClock.start();
                m_server->appendStage(*ss, stage, QStringLiteral("started"));
            }
        });
        if (stage == failStage) {
            push(stageDelay, [this, stage] {
                Session *ss = session();
                if (!ss)
                    return;
                const QString msg = QStringLiteral(
                    "Provisioning script failed: exit status 100\nstderr:\nReading package lists...\n"
                    "E: Unable to locate package libfoo-does-not-exist");
                m_server->appendStage(*ss, stage, QStringLiteral("failed"), int(m_instant ? 1234 : m_stageClock.elapsed()), msg);
                m_server->appendOutput(*ss, 1, true, QStringLiteral("provision failed: ") + msg + QLatin1Char('\n'));
                ss->sandboxExists = false;
                Turn &t = ss->turns.front();
                t.status = QStringLiteral("failed");
                t.endedAt = m_server->now();
                if (ss->status != QLatin1String("terminated")) {
                    ss->exitCode.reset();
                    m_server->setSessionStatus(*ss, QStringLiteral("failed"));
                }
                clear();
            });
            return;
        }
        push(stageDelay, [this, stage] {
            Session *ss = session();
            if (!ss)
                return;
            const int ms = m_instant ? int(200 + m_server->rng.bounded(2500)) : int(m_stageClock.elapsed());
            m_server->appendStage(*ss, stage, QStringLiteral("done"), ms);
            if (stage == QLatin1String("create_sprite") && ss->status != QLatin1String("terminated"))
                ss->sandboxExists = true;
        });
    }
    if (firehose) {
        const qint64 count = sc.firehoseCount;
        push(0, [this, count] {
            Session *ss = session();
            if (!ss)
                return;
            ss->firehose = true;
            Turn &t = ss->turns.front();
            t.status = QStringLiteral("running");
            t.startedAt = m_server->now();
            m_server->setSessionStatus(*ss, QStringLiteral("running"));
            m_server->appendStage(*ss, QStringLiteral("runtime_start"), QStringLiteral("started"));
            // Pre-built events: complete transcript lines, their JSON escaping shared between rows.
            const auto tr = m_server->transcript(QStringLiteral("claude_default"));
            QList<QByteArray> lines = tr ? tr->stdoutBytes.split('\n') : QList<QByteArray>();
            lines.removeAll(QByteArray());
            if (lines.isEmpty())
                lines << QByteArrayLiteral("{\"type\":\"assistant\"}");
            std::vector<std::pair<QString, QByteArray>> prebuilt;
            for (const QByteArray &l : std::as_const(lines)) {
                QString data = QString::fromUtf8(l + '\n');
                QByteArray json;
                appendPyString(json, data);
                prebuilt.emplace_back(data, json);
            }
            ss->log.reserve(ss->log.size() + size_t(count));
            for (qint64 i = 0; i < count; ++i) {
                const auto &p = prebuilt[size_t(i) % prebuilt.size()];
                LogRow r;
                r.id = m_server->nextLogId();
                r.kind = LogRow::Stdout;
                r.turn = 1;
                r.data = p.first;
                r.dataJson = p.second;
                ss->log.push_back(std::move(r));
            }
            t.status = QStringLiteral("completed");
            t.exitCode = 0;
            t.endedAt = m_server->now();
            if (ss->status != QLatin1String("terminated")) {
                ss->exitCode = 0;
                m_server->setSessionStatus(*ss, QStringLiteral("completed"));
            }
        });
        return;
    }
    queueTurn(1);
}

void SessionRunner::startTurn(int turnNumber) { queueTurn(turnNumber); }

void SessionRunner::queueTurn(int turnNumber)
{
    // The worker picks the queued turn up shortly after.
    push(m_server->timing.stageDelayMs, [this, turnNumber] { beginTurn(turnNumber); });
}

void SessionRunner::beginTurn(int turnNumber)
{
    Session *s = session();
    if (!s || turnNumber < 1 || size_t(turnNumber) > s->turns.size())
        return;
    Turn &t = s->turns[size_t(turnNumber - 1)];
    if (t.status != QLatin1String("pending"))
        return;
    const Micros nowUs = m_server->now();
    if (s->status == QLatin1String("terminated")) {
        m_server->appendOutput(*s, turnNumber, true,
                               QStringLiteral("turn aborted: session terminated before execution started\n"));
        t.status = QStringLiteral("failed");
        t.startedAt = t.endedAt = nowUs;
        return;
    }
    if (s->interruptRequested) {
        m_server->appendOutput(*s, turnNumber, true,
                               QStringLiteral("turn aborted: interrupt requested before execution started\n"));
        t.status = QStringLiteral("interrupted");
        t.startedAt = t.endedAt = nowUs;
        s->interruptRequested = false;
        m_server->setSessionStatus(*s, QStringLiteral("completed"));
        return;
    }
    t.status = QStringLiteral("running");
    t.startedAt = nowUs;
    m_server->setSessionStatus(*s, QStringLiteral("running"));
    m_server->appendStage(*s, QStringLiteral("runtime_start"), QStringLiteral("started"));
    m_runningTurn = turnNumber;
    if (!m_instant)
        m_timeoutTimer.start(t.timeoutSec * 1000);

    PyValue metadata = PyValue::object();
    if (auto a = m_server->agents.constFind(s->agentId); a != m_server->agents.constEnd())
        metadata = a->metadata;
    const ScenarioChoice sc = chooseScenario(t.prompt, metadata);
    QRandomGenerator rng(m_seed + quint32(turnNumber) * 7919u);

    Plan plan;
    plan.delayMs = sc.scenario == QLatin1String("slow") ? m_server->timing.slowChunkDelayMs : m_server->timing.chunkDelayMs;
    if (sc.scenario == QLatin1String("long")) {
        QByteArray block;
        for (int i = 1; i <= 100000; ++i) {
            block += "line " + QByteArray::number(i).rightJustified(6, '0') + " of 100000\n";
            if (block.size() >= 8192 || i == 100000) {
                plan.chunks.push_back(Chunk{false, QString::fromLatin1(block)});
                block.clear();
            }
        }
        plan.delayMs = std::min(plan.delayMs, 1);
    } else {
        QString name = sc.transcript.isEmpty() ? defaultTranscript(s->runtime, turnNumber, sc.scenario) : sc.transcript;
        std::optional<Transcript> tr = m_server->transcript(name);
        if (!tr) {
            // Unknown transcript: the CLI "fails to start" and says so on stderr.
            plan.chunks.push_back(Chunk{true, QStringLiteral("aod-local-server: unknown transcript '%1'\n").arg(name)});
            plan.exitCode = 127;
        } else {
            const bool split = sc.scenario == QLatin1String("utf8_split");
            for (const QByteArray &piece : chunkBytes(tr->stdoutBytes, rng, split))
                plan.chunks.push_back(Chunk{false, QString::fromUtf8(piece)});
            // stderr lines spread over the run
            const QList<QByteArray> errLines = tr->stderrBytes.split('\n');
            for (qsizetype i = 0; i < errLines.size(); ++i) {
                if (errLines[i].isEmpty())
                    continue;
                const size_t at = plan.chunks.empty() ? 0 : rng.bounded(quint32(plan.chunks.size()));
                plan.chunks.insert(plan.chunks.begin() + qsizetype(at), Chunk{true, QString::fromUtf8(errLines[i] + '\n')});
            }
            if (sc.scenario == QLatin1String("exit_nonzero")) {
                plan.chunks.push_back(Chunk{true, QStringLiteral("Error: the agent exited with status 1\n")});
                plan.exitCode = 1;
            } else if (sc.scenario == QLatin1String("error")) {
                plan.chunks.resize((plan.chunks.size() + 1) / 2);
                plan.raised = true;
                plan.exitCode.reset();
            } else if (sc.scenario == QLatin1String("hang")) {
                plan.chunks.resize(std::min<size_t>(plan.chunks.size(), 3));
                plan.hang = true;
            }
        }
    }
    for (Chunk &c : plan.chunks) {
        push(plan.delayMs, [this, turnNumber, c] {
            if (Session *ss = session())
                m_server->appendOutput(*ss, turnNumber, c.stderrStream, c.data);
        });
    }
    if (plan.hang)
        return;
    const std::optional<int> code = plan.exitCode;
    const bool raised = plan.raised;
    push(plan.delayMs, [this, turnNumber, code, raised] { finalizeTurn(turnNumber, code, raised); });
}

void SessionRunner::finalizeTurn(int turnNumber, std::optional<int> exitCode, bool raised)
{
    m_runningTurn = 0;
    m_timeoutTimer.stop();
    Session *s = session();
    if (!s || size_t(turnNumber) > s->turns.size())
        return;
    Turn &t = s->turns[size_t(turnNumber - 1)];
    const std::optional<int> code = raised ? std::nullopt : exitCode;
    const QString finalStatus = (!raised && code && *code == 0) ? QStringLiteral("completed") : QStringLiteral("failed");
    const bool terminated = s->status == QLatin1String("terminated");
    const bool interrupted = s->interruptRequested && !terminated;
    if (!terminated) {
        s->exitCode = code;
        s->interruptRequested = false;
        m_server->setSessionStatus(*s, interrupted ? QStringLiteral("completed") : finalStatus);
    }
    t.status = interrupted ? QStringLiteral("interrupted") : finalStatus;
    t.exitCode = code;
    t.endedAt = m_server->now();
}

void SessionRunner::terminate()
{
    Session *s = session();
    if (!s)
        return;
    if (m_runningTurn > 0) {
        // The sandbox is destroyed under the running command: it raises, the turn fails.
        const int turn = m_runningTurn;
        clear();
        m_timeoutTimer.stop();
        push(m_server->timing.stageDelayMs, [this, turn] { finalizeTurn(turn, std::nullopt, true); });
        return;
    }
    clear();
    for (Turn &t : s->turns) {
        if (t.status != QLatin1String("pending"))
            continue;
        m_server->appendOutput(*s, t.number, true,
                               QStringLiteral("turn aborted: session terminated before execution started\n"));
        t.status = QStringLiteral("failed");
        t.startedAt = t.endedAt = m_server->now();
    }
}

void SessionRunner::interruptRunning()
{
    if (m_runningTurn <= 0)
        return;
    // SIGTERM: the CLI stops writing and exits 143 (128 + 15).
    const int turn = m_runningTurn;
    clear();
    push(m_server->timing.chunkDelayMs, [this, turn] { finalizeTurn(turn, 143, false); });
}

} // namespace Aod::Testing
