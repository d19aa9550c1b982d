#include "commands.h"

#include "bodyoptions.h"
#include "exitcodes.h"

#include <cstdio>

namespace AodCli {

namespace {

OptionSpec flagOpt(const QString &name, const QString &help, QChar shortName = {})
{
    OptionSpec spec;
    spec.name = name;
    spec.help = help;
    spec.shortName = shortName;
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

QList<OptionSpec> quietOption()
{
    return {flagOpt(QStringLiteral("quiet"), QStringLiteral("print only the id of the new object"), QLatin1Char('q'))};
}

CommandDef cmd(const QString &group, const QString &name, const QString &arguments, int minArgs, int maxArgs,
               Handler handler, const QString &summary, const QString &details = {},
               const QList<OptionSpec> &options = {})
{
    CommandDef c;
    c.group = group;
    c.name = name;
    c.arguments = arguments;
    c.minArgs = minArgs;
    c.maxArgs = maxArgs;
    c.handler = handler;
    c.summary = summary;
    c.details = details;
    c.options = options;
    return c;
}

QList<CommandDef> buildTable()
{
    const QString agents = QStringLiteral("agents");
    const QString envs = QStringLiteral("environments");
    const QString sessions = QStringLiteral("sessions");
    const QString id = QStringLiteral("ID");
    const QString versionNote = QStringLiteral(
        "Without --version the current version is fetched first, so the edit wins over concurrent "
        "ones; pass --version N to get 409 (exit 8) when someone else changed it since version N.");
    return {
        cmd({}, QStringLiteral("health"), {}, 0, 0, cmdHealth,
            QStringLiteral("check the server (GET /health, no token needed)"),
            QStringLiteral("Prints the status and every check. Exits 0 when the server is ok and 11 when "
                           "it answers degraded (503).")),

        cmd(agents, QStringLiteral("list"), {}, 0, 0, cmdAgentsList,
            QStringLiteral("list active agents, newest first")),
        cmd(agents, QStringLiteral("get"), id, 1, 1, cmdAgentsGet,
            QStringLiteral("show one agent (archived ones too)")),
        cmd(agents, QStringLiteral("create"), {}, 0, 0, cmdAgentsCreate, QStringLiteral("create an agent"),
            QStringLiteral("Needs --name, --provider and --model (or the legacy --model anthropic/<m> or "
                           "--runtime claude|codex, from which the provider is derived). The request is "
                           "checked before it is sent: every problem is listed with its field (exit 9)."),
            agentBodyOptions(false) + quietOption()),
        cmd(agents, QStringLiteral("update"), id, 1, 1, cmdAgentsUpdate,
            QStringLiteral("change an agent (only the fields given)"),
            QStringLiteral("Metadata is merged key by key (--metadata K= deletes K); skills and MCP "
                           "servers given replace the old lists. ")
                + versionNote,
            agentBodyOptions(true)),
        cmd(agents, QStringLiteral("archive"), id, 1, 1, cmdAgentsArchive,
            QStringLiteral("archive an agent (it cannot start sessions any more)")),
        cmd(agents, QStringLiteral("versions"), id, 1, 1, cmdAgentsVersions,
            QStringLiteral("list an agent's version history, newest first")),

        cmd(envs, QStringLiteral("list"), {}, 0, 0, cmdEnvironmentsList,
            QStringLiteral("list active environments, newest first")),
        cmd(envs, QStringLiteral("get"), id, 1, 1, cmdEnvironmentsGet,
            QStringLiteral("show one environment (env vars are write-only and never shown)")),
        cmd(envs, QStringLiteral("create"), {}, 0, 0, cmdEnvironmentsCreate, QStringLiteral("create an environment"),
            QStringLiteral("Needs --name. --allow-host implies --networking limited; limited networking "
                           "without hosts blocks all egress."),
            environmentBodyOptions(false) + quietOption()),
        cmd(envs, QStringLiteral("update"), id, 1, 1, cmdEnvironmentsUpdate,
            QStringLiteral("change an environment (only the fields given)"),
            QStringLiteral("Each field given replaces the old value wholesale: --package replaces every "
                           "package, --env/--env-file replace every variable (keys left out are deleted), "
                           "--networking/--allow-host replace the networking. ")
                + versionNote,
            environmentBodyOptions(true)),
        cmd(envs, QStringLiteral("archive"), id, 1, 1, cmdEnvironmentsArchive,
            QStringLiteral("archive an environment (frees its name)")),
        cmd(envs, QStringLiteral("delete"), id, 1, 1, cmdEnvironmentsDelete,
            QStringLiteral("delete an environment for good (409 while sessions use it)")),
        cmd(envs, QStringLiteral("versions"), id, 1, 1, cmdEnvironmentsVersions,
            QStringLiteral("list an environment's version history, newest first")),

        cmd(sessions, QStringLiteral("list"), {}, 0, 0, cmdSessionsList,
            QStringLiteral("list sessions, newest first"),
            QStringLiteral("The server returns every session; the filters apply here."), sessionListOptions()),
        cmd(sessions, QStringLiteral("get"), id, 1, 1, cmdSessionsGet, QStringLiteral("show one session")),
        cmd(sessions, QStringLiteral("create"), {}, 0, 0, cmdSessionsCreate,
            QStringLiteral("start a session (does not wait; see `aod run`)"),
            QStringLiteral("Prints the acknowledgement (status pending). Follow the output with "
                           "`aod sessions stream ID`. 429 (exit 10) reports active/limit."),
            sessionCreateOptions() + quietOption()),
        cmd(sessions, QStringLiteral("prompt"), QStringLiteral("ID [PROMPT]"), 1, 2, cmdSessionsPrompt,
            QStringLiteral("send a follow-up prompt to a completed session"),
            QStringLiteral("Only a completed session takes a prompt; others answer 409 (exit 8)."), promptOptions()),
        cmd(sessions, QStringLiteral("turns"), id, 1, 1, cmdSessionsTurns,
            QStringLiteral("list a session's turns with status, exit code and timing")),
        cmd(sessions, QStringLiteral("interrupt"), id, 1, 1, cmdSessionsInterrupt,
            QStringLiteral("interrupt the running turn (the session stays usable)"),
            QStringLiteral("Older servers do not have this route: they answer 404 or 405.")),
        cmd(sessions, QStringLiteral("terminate"), id, 1, 1, cmdSessionsTerminate,
            QStringLiteral("terminate a session for good")),
        cmd(sessions, QStringLiteral("delete"), id, 1, 1, cmdSessionsDelete,
            QStringLiteral("delete a finished session and its logs (409 while active)")),
        cmd(sessions, QStringLiteral("stream"), id, 1, 1, cmdSessionsStream,
            QStringLiteral("follow a session's live output (replays from the start)"),
            QStringLiteral(
                "Reconnects after dropped connections and resumes where it stopped, so nothing is lost "
                "or repeated. --raw writes the output chunks verbatim (stdout to stdout, stderr to "
                "stderr): the concatenated stdout is exactly the session's stdout. --pretty (the "
                "default on a terminal) formats the provider's stream-json and shows provisioning "
                "stages. --json writes each event as one JSON object per line.\n\n"
                "Exits with the session's exit code on `exit`; 20 on `error`, 21 on `terminated`, "
                "22 on `stale`, 23 when `exit` has no code."),
            streamOptions()),

        cmd({}, QStringLiteral("run"), {}, 0, 0, cmdRun,
            QStringLiteral("create a session, follow it to the end, exit with its code"),
            QStringLiteral(
                "Takes every `sessions create` option and every `sessions stream` output option. With "
                "--session ID it sends --prompt as a follow-up turn to that completed session instead "
                "and follows only the new turn."),
            runOptions()),
        cmd({}, QStringLiteral("format"), QStringLiteral("[FILE]"), 0, 1, cmdFormat,
            QStringLiteral("format stream-json output from FILE or stdin"),
            QStringLiteral("Reads a runtime's stdout (Claude Code stream-json, Codex JSONL, or anything "
                           "else with --generic) and prints one formatted item per line; an item with "
                           "several lines prints them as they are. Default: --claude."),
            formatOptions()),
    };
}

QString normalizeGroup(const QString &word)
{
    if (word == QLatin1String("agent"))
        return QStringLiteral("agents");
    if (word == QLatin1String("env") || word == QLatin1String("envs") || word == QLatin1String("environment"))
        return QStringLiteral("environments");
    if (word == QLatin1String("session"))
        return QStringLiteral("sessions");
    return word;
}

const CommandDef *findCommand(const QString &group, const QString &name)
{
    for (const CommandDef &c : commandTable()) {
        if (c.group == group && c.name == name)
            return &c;
    }
    return nullptr;
}

void applyGlobals(const ParsedArgs &args, GlobalOptions *g, bool timeoutIsGlobal)
{
    if (args.isSet(QStringLiteral("url")))
        g->url = args.value(QStringLiteral("url"));
    if (args.isSet(QStringLiteral("token")))
        g->token = args.value(QStringLiteral("token"));
    if (args.isSet(QStringLiteral("json")))
        g->json = true;
    if (args.isSet(QStringLiteral("insecure")))
        g->insecure = true;
    if (args.isSet(QStringLiteral("verbose"))) {
        g->verbose = true;
        g->verboseCategories = args.value(QStringLiteral("verbose"));
    }
    const QStringList timeoutNames = timeoutIsGlobal
        ? QStringList{QStringLiteral("timeout"), QStringLiteral("request-timeout")}
        : QStringList{QStringLiteral("request-timeout")};
    for (const QString &name : timeoutNames) {
        if (args.isSet(name)) {
            bool ok = false;
            const double secs = args.value(name).toDouble(&ok);
            if (!ok || secs < 0 || secs > 86400)
                throw usageError(QStringLiteral("--%1 expects seconds (0 = no limit), got '%2'").arg(name, args.value(name)));
            g->timeoutMs = int(secs * 1000);
        }
    }
}

//! The command's options plus every global one it does not shadow.
QList<OptionSpec> mergedOptions(const CommandDef &command)
{
    QList<OptionSpec> specs = command.options;
    for (const OptionSpec &global : globalOptions()) {
        bool shadowed = false;
        for (const OptionSpec &own : command.options)
            shadowed = shadowed || own.name == global.name;
        if (!shadowed)
            specs.append(global);
    }
    return specs;
}

bool defines(const CommandDef &command, const QString &option)
{
    for (const OptionSpec &spec : command.options) {
        if (spec.name == option)
            return true;
    }
    return false;
}

int printTo(Output &out, const QString &text, bool toStderr)
{
    if (toStderr)
        out.writeErr(text);
    else
        out.write(text);
    return toStderr ? ExitUsage : ExitOk;
}

} // namespace

const QList<CommandDef> &commandTable()
{
    static const QList<CommandDef> table = buildTable();
    return table;
}

QStringList commandGroups()
{
    return {QStringLiteral("agents"), QStringLiteral("environments"), QStringLiteral("sessions")};
}

QString groupSummary(const QString &group)
{
    if (group == QLatin1String("agents"))
        return QStringLiteral("agents: provider, model, system prompt, skills, MCP servers");
    if (group == QLatin1String("environments"))
        return QStringLiteral("environments: packages, env vars, setup script, networking");
    if (group == QLatin1String("sessions"))
        return QStringLiteral("sessions: runs of an agent, their turns and live output");
    return {};
}

QList<OptionSpec> globalOptions()
{
    OptionSpec verbose;
    verbose.name = QStringLiteral("verbose");
    verbose.kind = OptionSpec::OptionalValue;
    verbose.valueName = QStringLiteral("[=CATS]");
    verbose.shortName = QLatin1Char('v');
    verbose.help = QStringLiteral("SDK logging on stderr, tokens redacted; CATS: http,stream,json or "
                                  "QT_LOGGING_RULES-style category names (default: all aod.*)");
    return {
        valueOpt(QStringLiteral("url"), QStringLiteral("URL"),
                 QStringLiteral("API base URL (default: $AOD_API_URL, else http://localhost:8777)")),
        valueOpt(QStringLiteral("token"), QStringLiteral("TOKEN"), QStringLiteral("API token (default: $AOD_API_TOKEN)")),
        flagOpt(QStringLiteral("json"), QStringLiteral("print the server's JSON: one document per command, one "
                                                       "object per line for streams")),
        valueOpt(QStringLiteral("timeout"), QStringLiteral("SECS"),
                 QStringLiteral("per-request timeout (default 30, 0 = none); after `sessions create|prompt` "
                                "and `run` --timeout is the turn timeout, use --request-timeout there")),
        valueOpt(QStringLiteral("request-timeout"), QStringLiteral("SECS"), QStringLiteral("per-request timeout, anywhere")),
        flagOpt(QStringLiteral("insecure"), QStringLiteral("allow sending the token over plain http to a non-local host")),
        verbose,
        flagOpt(QStringLiteral("help"), QStringLiteral("show help (also: aod help COMMAND)"), QLatin1Char('h')),
        flagOpt(QStringLiteral("version"), QStringLiteral("show the version")),
    };
}

int runCli(const QStringList &args, Output &out)
{
    try {
        int consumed = 0;
        const ParsedArgs pre = parseArguments(args, globalOptions(), true, &consumed);
        GlobalOptions global;
        applyGlobals(pre, &global, true);
        QStringList rest = args.mid(consumed);

        if (pre.isSet(QStringLiteral("version")) && rest.isEmpty()) {
            out.write(versionText());
            return ExitOk;
        }
        if (rest.isEmpty())
            return printTo(out, mainHelp(), !pre.isSet(QStringLiteral("help")));

        QString word = normalizeGroup(rest.takeFirst());
        bool helpWanted = pre.isSet(QStringLiteral("help"));
        if (word == QLatin1String("help")) {
            helpWanted = true;
            if (rest.isEmpty())
                return printTo(out, mainHelp(), false);
            word = normalizeGroup(rest.takeFirst());
        }

        const CommandDef *command = nullptr;
        if (commandGroups().contains(word)) {
            // Global options may also sit between the group and its subcommand.
            int used = 0;
            const ParsedArgs mid = parseArguments(rest, globalOptions(), true, &used);
            applyGlobals(mid, &global, true);
            rest = rest.mid(used);
            helpWanted = helpWanted || mid.isSet(QStringLiteral("help"));
            if (!rest.isEmpty() && rest.first() == QLatin1String("help")) {
                rest.removeFirst();
                helpWanted = true;
            }
            if (rest.isEmpty())
                return printTo(out, groupHelp(word), !helpWanted);
            const QString sub = rest.takeFirst();
            command = findCommand(word, sub);
            if (!command) {
                throw usageError(QStringLiteral("unknown command '%1 %2' (see aod %1 --help)").arg(word, sub));
            }
        } else {
            command = findCommand({}, word);
            if (!command)
                throw usageError(QStringLiteral("unknown command '%1' (see aod --help)").arg(word));
        }
        if (helpWanted)
            return printTo(out, commandHelp(*command), false);

        const ParsedArgs parsed = parseArguments(rest, mergedOptions(*command));
        if (parsed.isSet(QStringLiteral("help")) && !defines(*command, QStringLiteral("help")))
            return printTo(out, commandHelp(*command), false);
        if (parsed.isSet(QStringLiteral("version")) && !defines(*command, QStringLiteral("version"))) {
            out.write(versionText());
            return ExitOk;
        }
        applyGlobals(parsed, &global, !defines(*command, QStringLiteral("timeout")));

        const qsizetype n = parsed.positionals().size();
        if (n < command->minArgs || n > command->maxArgs) {
            const QString synopsis = QStringLiteral("aod ") + command->path()
                + (command->arguments.isEmpty() ? QString() : QLatin1Char(' ') + command->arguments);
            throw usageError(n < command->minArgs
                                 ? QStringLiteral("missing argument: %1").arg(synopsis)
                                 : QStringLiteral("unexpected argument '%1': %2")
                                       .arg(parsed.positionals().at(command->maxArgs), synopsis));
        }

        Context context(out, global);
        if (global.verbose)
            installVerboseLogging(global.verboseCategories, context.config().token());
        const int code = command->handler(context, parsed);
        out.flush();
        if (!out.ok() && code == ExitOk)
            return ExitFailure;
        return code;
    } catch (const CliError &e) {
        QStringList lines{e.message};
        lines += e.details;
        if (e.exitCode == ExitUsage)
            lines.append(QStringLiteral("Try 'aod --help' for more information."));
        out.error(lines);
        return e.exitCode;
    }
}

} // namespace AodCli
