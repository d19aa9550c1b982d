// sessions stream, run and format: following a session's live output.
#include "bodyoptions.h"
#include "commands.h"
#include "exitcodes.h"

#include <aod/format/outputformatter.h>
#include <aod/sessionsapi.h>
#include <aod/sessionstream.h>

#include <QFile>
#include <QJsonObject>
#include <QPointer>
#include <QStringDecoder>
#include <QTimer>

#include <memory>

namespace AodCli {

namespace {

OptionSpec flagOpt(const QString &name, const QString &help)
{
    OptionSpec spec;
    spec.name = name;
    spec.help = help;
    return spec;
}

OptionSpec valueOpt(const QString &name, const QString &valueName, const QString &help)
{
    OptionSpec spec;
    spec.name = name;
    spec.kind = OptionSpec::Value;
    spec.valueName = valueName;
    spec.help = help;
    return spec;
}

QList<OptionSpec> followOptions()
{
    return {
        flagOpt(QStringLiteral("raw"), QStringLiteral("write output chunks verbatim: stdout to stdout, stderr to stderr "
                                                      "(the default when stdout is not a terminal)")),
        flagOpt(QStringLiteral("pretty"), QStringLiteral("format the output for the provider and show stage progress "
                                                         "(the default on a terminal)")),
        flagOpt(QStringLiteral("no-reconnect"), QStringLiteral("stop at the first dropped connection instead of resuming")),
        valueOpt(QStringLiteral("retries"), QStringLiteral("N"),
                 QStringLiteral("consecutive failed reconnects before giving up (default 10, -1 = never give up)")),
    };
}

enum class Mode { Raw, Pretty, Json };

Mode followMode(const Context &ctx, const ParsedArgs &args)
{
    const bool raw = args.isSet(QStringLiteral("raw"));
    const bool pretty = args.isSet(QStringLiteral("pretty"));
    if (raw && pretty)
        throw usageError(QStringLiteral("give --raw or --pretty, not both"));
    if (ctx.global.json) {
        if (raw || pretty)
            throw usageError(QStringLiteral("--json cannot be combined with --raw or --pretty"));
        return Mode::Json;
    }
    if (raw)
        return Mode::Raw;
    if (pretty)
        return Mode::Pretty;
    return ctx.out.stdoutIsTerminal() ? Mode::Pretty : Mode::Raw;
}

Aod::StreamOptions streamOptionsFrom(const ParsedArgs &args, qint64 since)
{
    Aod::StreamOptions options;
    options.since = since;
    options.autoReconnect = !args.isSet(QStringLiteral("no-reconnect"));
    if (args.isSet(QStringLiteral("retries")))
        options.maxRetries = intValue(args, QStringLiteral("retries"), -1, 1000000);
    return options;
}

QString stageLabel(const QString &stage)
{
    static const QHash<QString, QString> labels{
        {QStringLiteral("create_sprite"), QStringLiteral("creating sandbox")},
        {QStringLiteral("install_runtime"), QStringLiteral("installing runtime")},
        {QStringLiteral("network_policy"), QStringLiteral("applying network policy")},
        {QStringLiteral("env_file"), QStringLiteral("writing env file")},
        {QStringLiteral("git_credentials"), QStringLiteral("writing git credentials")},
        {QStringLiteral("provision_setup"), QStringLiteral("installing packages, cloning repos, running setup")},
        {QStringLiteral("runtime_config"), QStringLiteral("writing runtime config")},
        {QStringLiteral("mcp_config"), QStringLiteral("writing mcp config")},
        {QStringLiteral("skills"), QStringLiteral("writing skills")},
        {QStringLiteral("runtime_start"), QStringLiteral("starting agent")},
    };
    return labels.value(stage, stage);
}

//! Renders one session stream in the chosen mode and works out the exit status.
class Follower
{
public:
    Follower(Context &ctx, Mode mode) : m_ctx(ctx), m_mode(mode) {}

    //! While quiet, events only update the state (provider, cursor): the replay before a
    //! follow-up prompt shows nothing.
    void setQuiet(bool quiet) { m_quiet = quiet; }

    void attach(Aod::SessionStream *stream)
    {
        QObject::connect(stream, &Aod::SessionStream::eventReceived, &m_guard,
                         [this](const Aod::StreamEvent &event) { onEvent(event); });
        QObject::connect(stream, &Aod::SessionStream::errorOccurred, &m_guard,
                         [this](const Aod::Error &error) { onTransientError(error); });
    }

    //! After the stream finished: drains the formatter, reports, returns the exit status.
    int finish(Aod::SessionStream *stream)
    {
        drainFormatter();
        flushNow();
        using Reason = Aod::SessionStream::FinishReason;
        switch (stream->finishReason()) {
        case Reason::TerminalEvent:
            return terminalExit(stream->terminalEvent());
        case Reason::ClosedByCaller:
            return ExitFailure;
        case Reason::None:
            return ExitFailure;
        case Reason::RetryBudgetExhausted: {
            QStringList lines = describeError(stream->error());
            lines.first() = QStringLiteral("stream lost after %1 reconnects: ").arg(stream->reconnectCount())
                + lines.first();
            m_ctx.out.error(lines);
            const int code = exitCodeFor(stream->error());
            return code == ExitOk ? ExitStream : code;
        }
        case Reason::HttpError:
        case Reason::ProtocolError:
        case Reason::ConfigurationError: {
            const Aod::Error error = stream->error();
            if (!error.isError()) {
                m_ctx.out.error(QStringLiteral("stream error"));
                return ExitStream;
            }
            return m_ctx.fail(error);
        }
        }
        return ExitFailure;
    }

    QString provider() const { return m_provider; }

private:
    void onEvent(const Aod::StreamEvent &event)
    {
        using Type = Aod::StreamEvent::Type;
        if (event.type() == Type::Start && !event.provider().isEmpty())
            m_provider = event.provider();
        if (m_quiet)
            return;
        switch (m_mode) {
        case Mode::Json:
            m_ctx.out.writeJsonLine(event.json());
            break;
        case Mode::Raw:
            if (event.type() == Type::Output) {
                if (event.isStderr())
                    m_ctx.out.writeErr(event.data().toUtf8());
                else if (event.isStdout())
                    m_ctx.out.write(event.data().toUtf8());
            }
            break;
        case Mode::Pretty:
            pretty(event);
            break;
        }
        scheduleFlush();
    }

    void pretty(const Aod::StreamEvent &event)
    {
        using Type = Aod::StreamEvent::Type;
        switch (event.type()) {
        case Type::Start:
            m_formatter = Aod::OutputFormatter::forProvider(m_provider);
            progress(QStringLiteral("session %1 · %2").arg(event.sessionId(), m_provider));
            break;
        case Type::Stage: {
            const QString label = stageLabel(event.stage());
            const QString state = event.stageState();
            const QString duration = event.durationMs() ? QStringLiteral(" · ") + formatDuration(*event.durationMs())
                                                        : QString();
            if (state == QLatin1String("done"))
                progress(QStringLiteral("✓ ") + label + duration);
            else if (state == QLatin1String("failed"))
                progress(QStringLiteral("✗ ") + label + QStringLiteral(" failed") + duration
                         + (event.message().isEmpty() ? QString() : QStringLiteral(": ") + event.message()));
            else if (event.stage() == QLatin1String("runtime_start"))
                progress(QStringLiteral("▶ ") + label);
            break;
        }
        case Type::TurnStart:
            if (event.turn().value_or(1) > 1 || m_sawTurn) {
                drainFormatter();
                progress(QStringLiteral("── turn %1 ──").arg(event.turn().value_or(0)));
            }
            m_sawTurn = true;
            break;
        case Type::Output:
            if (event.isStderr()) {
                m_ctx.out.writeErr(event.data().toUtf8());
            } else {
                if (!m_formatter)
                    m_formatter = Aod::OutputFormatter::forProvider(m_provider);
                printItems(m_formatter->feed(event));
            }
            break;
        case Type::Exit:
        case Type::Error:
        case Type::Terminated:
        case Type::Stale:
            drainFormatter();
            break;
        case Type::Unknown:
            break;
        }
    }

    void printItems(const QList<Aod::FormattedItem> &items)
    {
        for (const Aod::FormattedItem &item : items) {
            if (m_printedItem && !item.continuation)
                m_ctx.out.write(QByteArray("\n"));
            m_ctx.out.writeLine(item.text);
            m_printedItem = true;
        }
    }

    void drainFormatter()
    {
        if (m_formatter && m_mode == Mode::Pretty && !m_quiet)
            printItems(m_formatter->flush());
    }

    //! Progress goes to stderr, so that stdout holds only the formatted output.
    void progress(const QString &line) { m_ctx.out.writeErrLine(line); }

    void onTransientError(const Aod::Error &error)
    {
        qCDebug(lcCli).noquote() << "stream interrupted:" << describeError(error).join(QLatin1Char(' '));
        if (m_mode == Mode::Pretty && !m_quiet)
            progress(QStringLiteral("↻ reconnecting: ") + describeError(error).first());
    }

    int terminalExit(const Aod::StreamEvent &event)
    {
        using Type = Aod::StreamEvent::Type;
        int code = ExitFailure;
        QString note;
        switch (event.type()) {
        case Type::Exit:
            if (const auto exitCode = event.exitCode()) {
                code = exitCodeForSession(*exitCode);
                note = (*exitCode == 0 ? QStringLiteral("✓ exit ") : QStringLiteral("✗ exit ")) + QString::number(*exitCode);
            } else {
                code = ExitSessionNoCode;
                note = QStringLiteral("✗ exit without a code (interrupted)");
            }
            break;
        case Type::Error:
            code = ExitSessionError;
            note = QStringLiteral("[error] ") + event.message();
            break;
        case Type::Terminated:
            code = ExitSessionTerminated;
            note = QStringLiteral("[terminated] ") + event.message();
            break;
        case Type::Stale:
            code = ExitSessionStale;
            note = QStringLiteral("[stale] ") + event.message();
            break;
        default:
            break;
        }
        if (m_mode == Mode::Pretty)
            progress(note);
        else if (m_mode == Mode::Raw && event.type() != Type::Exit)
            m_ctx.out.error(QStringLiteral("session ended: ") + note);
        return code;
    }

    void scheduleFlush()
    {
        // One write per burst of events (a network read often carries many), not per event.
        if (m_flushPending)
            return;
        m_flushPending = true;
        QTimer::singleShot(0, &m_guard, [this] { flushNow(); });
    }

    void flushNow()
    {
        m_flushPending = false;
        m_ctx.out.flush();
    }

    Context &m_ctx;
    Mode m_mode;
    QObject m_guard; // receiver of every connection: nothing fires once the follower is gone
    std::unique_ptr<Aod::OutputFormatter> m_formatter;
    QString m_provider;
    bool m_quiet = false;
    bool m_flushPending = false;
    bool m_printedItem = false;
    bool m_sawTurn = false;
};

//! Deletes a stream that was told not to delete itself.
struct StreamDeleter
{
    void operator()(Aod::SessionStream *stream) const
    {
        if (stream)
            stream->deleteLater();
    }
};
using StreamPtr = std::unique_ptr<Aod::SessionStream, StreamDeleter>;

StreamPtr openStream(Context &ctx, const QString &sessionId, const Aod::StreamOptions &options)
{
    StreamPtr stream(ctx.client()->sessions()->openStream(sessionId, options));
    stream->setAutoDelete(false);
    return stream;
}

int follow(Context &ctx, Mode mode, const QString &sessionId, const Aod::StreamOptions &options)
{
    Follower follower(ctx, mode);
    StreamPtr stream = openStream(ctx, sessionId, options);
    follower.attach(stream.get());
    stream->waitForFinished(-1);
    return follower.finish(stream.get());
}

} // namespace

QList<OptionSpec> streamOptions()
{
    return QList<OptionSpec>{valueOpt(QStringLiteral("since"), QStringLiteral("N"),
                                      QStringLiteral("start after log row N (exclusive; default 0 replays everything)"))}
        + followOptions();
}

QList<OptionSpec> runOptions()
{
    return sessionCreateOptions()
        + QList<OptionSpec>{valueOpt(QStringLiteral("session"), QStringLiteral("ID"),
                                     QStringLiteral("send --prompt to this completed session instead of creating "
                                                    "one, and follow the new turn"))}
        + followOptions();
}

QList<OptionSpec> formatOptions()
{
    return {
        flagOpt(QStringLiteral("claude"), QStringLiteral("Claude Code stream-json (provider anthropic; the default)")),
        flagOpt(QStringLiteral("codex"), QStringLiteral("Codex exec --json JSONL (provider openai)")),
        flagOpt(QStringLiteral("generic"), QStringLiteral("every non-empty line as it is")),
        valueOpt(QStringLiteral("provider"), QStringLiteral("NAME"),
                 QStringLiteral("pick the formatter from a provider or runtime name (anthropic, openai, codex, ...)")),
    };
}

int cmdSessionsStream(Context &ctx, const ParsedArgs &args)
{
    const Mode mode = followMode(ctx, args);
    qint64 since = 0;
    if (args.isSet(QStringLiteral("since"))) {
        bool ok = false;
        since = args.value(QStringLiteral("since")).trimmed().toLongLong(&ok);
        if (!ok || since < 0)
            throw usageError(QStringLiteral("--since expects a log row id (0 or more), got '%1'")
                                 .arg(args.value(QStringLiteral("since"))));
    }
    return follow(ctx, mode, args.positionals().first(), streamOptionsFrom(args, since));
}

static int runFollowUp(Context &ctx, const ParsedArgs &args, Mode mode)
{
    const QString sessionId = args.value(QStringLiteral("session"));
    for (const QString &option : {QStringLiteral("agent"), QStringLiteral("environment"), QStringLiteral("repo"),
                                  QStringLiteral("secret-env")}) {
        if (args.isSet(option))
            throw usageError(QStringLiteral("--%1 cannot be used with --session (it applies to new sessions)").arg(option));
    }
    const Aod::PromptRequest request = promptFromArgs(args, QString());

    auto *current = ctx.client()->sessions()->get(sessionId);
    if (const int rc = ctx.wait(current))
        return rc;
    const bool completed = current->result().status == Aod::SessionStatus::Completed;

    Follower follower(ctx, mode);
    StreamPtr stream;
    if (completed) {
        // Replay silently to learn the cursor, so the follow-up shows only the new turn.
        stream = openStream(ctx, sessionId, streamOptionsFrom(args, 0));
        follower.setQuiet(true);
        follower.attach(stream.get());
        stream->waitForFinished(-1);
        if (stream->finishReason() != Aod::SessionStream::FinishReason::TerminalEvent)
            return follower.finish(stream.get());
    }
    // A session that is not completed gets the server's 409 here (exit 8).
    auto *ack = ctx.client()->sessions()->prompt(sessionId, request);
    if (const int rc = ctx.wait(ack))
        return rc;
    follower.setQuiet(false);
    if (!stream) {
        stream = openStream(ctx, sessionId, streamOptionsFrom(args, 0));
        follower.attach(stream.get());
    } else {
        stream->resume();
    }
    stream->waitForFinished(-1);
    return follower.finish(stream.get());
}

int cmdRun(Context &ctx, const ParsedArgs &args)
{
    const Mode mode = followMode(ctx, args);
    if (args.isSet(QStringLiteral("session")))
        return runFollowUp(ctx, args, mode);
    const Aod::SessionDraft draft = sessionDraftFromArgs(args);
    auto *reply = ctx.client()->sessions()->create(draft);
    if (const int rc = ctx.wait(reply))
        return rc;
    const QString sessionId = reply->result().id;
    qCDebug(lcCli).noquote() << "created session" << sessionId;
    if (mode == Mode::Raw && ctx.out.stderrIsTerminal())
        ctx.out.writeErrLine(QStringLiteral("aod: session ") + sessionId);
    return follow(ctx, mode, sessionId, streamOptionsFrom(args, 0));
}

int cmdFormat(Context &ctx, const ParsedArgs &args)
{
    int chosen = 0;
    QString provider = QStringLiteral("claude");
    for (const QString &name : {QStringLiteral("claude"), QStringLiteral("codex"), QStringLiteral("generic")}) {
        if (args.isSet(name)) {
            ++chosen;
            provider = name;
        }
    }
    if (args.isSet(QStringLiteral("provider"))) {
        ++chosen;
        provider = args.value(QStringLiteral("provider"));
    }
    if (chosen > 1)
        throw usageError(QStringLiteral("give one of --claude, --codex, --generic or --provider"));
    std::unique_ptr<Aod::OutputFormatter> formatter = Aod::OutputFormatter::forProvider(provider);

    const QString path = args.positionals().value(0, QStringLiteral("-"));
    QFile file;
    bool opened = false;
    if (path == QLatin1String("-")) {
        opened = file.open(stdin, QIODevice::ReadOnly | QIODevice::Unbuffered);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        throw usageError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));

    auto print = [&](const QList<Aod::FormattedItem> &items) {
        for (const Aod::FormattedItem &item : items) {
            if (ctx.global.json) {
                QJsonObject obj{{QStringLiteral("kind"), Aod::kindName(item.kind)},
                                {QStringLiteral("text"), item.text}};
                if (item.indent)
                    obj.insert(QStringLiteral("indent"), item.indent);
                if (!item.toolName.isEmpty())
                    obj.insert(QStringLiteral("tool"), item.toolName);
                if (item.continuation)
                    obj.insert(QStringLiteral("continuation"), true);
                ctx.out.writeJsonLine(obj);
            } else {
                ctx.out.writeLine(item.text);
            }
        }
    };

    // Read as it comes (a live `aod sessions stream --raw | aod format` pipe), decoding UTF-8
    // statefully so that a character split between two reads stays whole.
    QStringDecoder decoder(QStringDecoder::Utf8);
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            throw usageError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        const QString text = decoder.decode(QByteArrayView(buffer.constData(), n));
        print(formatter->feedData(text));
        ctx.out.flush();
    }
    print(formatter->flush());
    return ExitOk;
}

} // namespace AodCli
