// health, agents, environments and the non-streaming sessions commands.
#include "bodyoptions.h"
#include "commands.h"
#include "exitcodes.h"
#include "render.h"

#include <aod/agentsapi.h>
#include <aod/environmentsapi.h>
#include <aod/sessionsapi.h>

#include <QJsonArray>

namespace AodCli {

namespace {

//! The body as received, else \a fallback (a model's raw object).
QJsonValue receivedJson(Aod::Reply *reply, const QJsonValue &fallback)
{
    const QJsonValue raw = reply->rawJson();
    return raw.isUndefined() || raw.isNull() ? fallback : raw;
}

template <typename T>
QJsonValue listFallback(const QList<T> &items)
{
    QJsonArray data;
    for (const T &item : items)
        data.append(item.raw.isEmpty() ? item.toJson() : item.raw);
    return QJsonObject{{QStringLiteral("data"), data}};
}

//! Waits for \a reply and prints it: JSON as received, or \a render(result).
template <typename T, typename Render>
int show(Context &ctx, Aod::ReplyOf<T> *reply, Render render, const QJsonValue &fallback = {})
{
    if (const int rc = ctx.wait(reply))
        return rc;
    if (ctx.global.json)
        ctx.out.writeJsonDocument(receivedJson(reply, fallback));
    else
        ctx.out.write(render(reply->result()));
    return ExitOk;
}

template <typename T>
int showList(Context &ctx, Aod::ReplyOf<QList<T>> *reply, QString (*render)(const QList<T> &))
{
    if (const int rc = ctx.wait(reply))
        return rc;
    if (ctx.global.json)
        ctx.out.writeJsonDocument(receivedJson(reply, listFallback(reply->result())));
    else
        ctx.out.write(render(reply->result()));
    return ExitOk;
}

template <typename T>
int showObject(Context &ctx, Aod::ReplyOf<T> *reply, QString (*render)(const T &), bool quiet = false)
{
    if (const int rc = ctx.wait(reply))
        return rc;
    const T &result = reply->result();
    if (ctx.global.json)
        ctx.out.writeJsonDocument(receivedJson(reply, result.raw));
    else if (quiet)
        ctx.out.writeLine(result.id);
    else
        ctx.out.write(render(result));
    return ExitOk;
}

int showDetail(Context &ctx, Aod::DetailReply *reply)
{
    return show(ctx, reply, [](const QString &detail) -> QString { return detail + QLatin1Char('\n'); });
}

QString firstArg(const ParsedArgs &args)
{
    return args.positionals().value(0);
}

bool quiet(const ParsedArgs &args)
{
    return args.isSet(QStringLiteral("quiet"));
}

} // namespace

// --- health ------------------------------------------------------------------------------------

int cmdHealth(Context &ctx, const ParsedArgs &)
{
    auto *reply = ctx.client()->health();
    if (const int rc = ctx.wait(reply))
        return rc;
    const Aod::Health &health = reply->result();
    if (ctx.global.json)
        ctx.out.writeJsonDocument(receivedJson(reply, health.raw));
    else
        ctx.out.write(renderHealth(health, reply->httpStatus()));
    if (!health.isOk()) {
        ctx.out.error(QStringLiteral("server is %1").arg(health.status.isEmpty() ? QStringLiteral("not ok") : health.status));
        return ExitServer;
    }
    return ExitOk;
}

// --- agents --------------------------------------------------------------------------------------

int cmdAgentsList(Context &ctx, const ParsedArgs &)
{
    return showList(ctx, ctx.client()->agents()->list(), &renderAgentTable);
}

int cmdAgentsGet(Context &ctx, const ParsedArgs &args)
{
    return showObject(ctx, ctx.client()->agents()->get(firstArg(args)), &renderAgent);
}

int cmdAgentsCreate(Context &ctx, const ParsedArgs &args)
{
    const Aod::AgentDraft draft = agentDraftFromArgs(args);
    return showObject(ctx, ctx.client()->agents()->create(draft), &renderAgent, quiet(args));
}

int cmdAgentsUpdate(Context &ctx, const ParsedArgs &args)
{
    const QString id = firstArg(args);
    bool versionGiven = false;
    Aod::AgentPatch patch = agentPatchFromArgs(args, &versionGiven);
    if (!versionGiven) {
        auto *current = ctx.client()->agents()->get(id);
        if (const int rc = ctx.wait(current))
            return rc;
        patch.version = current->result().version;
        qCDebug(lcCli) << "updating agent" << id << "from its current version" << patch.version;
    }
    return showObject(ctx, ctx.client()->agents()->update(id, patch), &renderAgent);
}

int cmdAgentsArchive(Context &ctx, const ParsedArgs &args)
{
    return showObject(ctx, ctx.client()->agents()->archive(firstArg(args)), &renderAgent);
}

int cmdAgentsVersions(Context &ctx, const ParsedArgs &args)
{
    return showList(ctx, ctx.client()->agents()->versions(firstArg(args)), &renderAgentVersions);
}

// --- environments -----------------------------------------------------------------------------

int cmdEnvironmentsList(Context &ctx, const ParsedArgs &)
{
    return showList(ctx, ctx.client()->environments()->list(), &renderEnvironmentTable);
}

int cmdEnvironmentsGet(Context &ctx, const ParsedArgs &args)
{
    return showObject(ctx, ctx.client()->environments()->get(firstArg(args)), &renderEnvironment);
}

int cmdEnvironmentsCreate(Context &ctx, const ParsedArgs &args)
{
    const Aod::EnvironmentDraft draft = environmentDraftFromArgs(args);
    return showObject(ctx, ctx.client()->environments()->create(draft), &renderEnvironment, quiet(args));
}

int cmdEnvironmentsUpdate(Context &ctx, const ParsedArgs &args)
{
    const QString id = firstArg(args);
    bool versionGiven = false;
    Aod::EnvironmentPatch patch = environmentPatchFromArgs(args, &versionGiven);
    if (!versionGiven) {
        auto *current = ctx.client()->environments()->get(id);
        if (const int rc = ctx.wait(current))
            return rc;
        patch.version = current->result().version;
        qCDebug(lcCli) << "updating environment" << id << "from its current version" << patch.version;
    }
    return showObject(ctx, ctx.client()->environments()->update(id, patch), &renderEnvironment);
}

int cmdEnvironmentsArchive(Context &ctx, const ParsedArgs &args)
{
    return showObject(ctx, ctx.client()->environments()->archive(firstArg(args)), &renderEnvironment);
}

int cmdEnvironmentsDelete(Context &ctx, const ParsedArgs &args)
{
    return showDetail(ctx, ctx.client()->environments()->remove(firstArg(args)));
}

int cmdEnvironmentsVersions(Context &ctx, const ParsedArgs &args)
{
    return showList(ctx, ctx.client()->environments()->versions(firstArg(args)), &renderEnvironmentVersions);
}

// --- sessions -----------------------------------------------------------------------------------

QList<OptionSpec> sessionListOptions()
{
    OptionSpec status;
    status.name = QStringLiteral("status");
    status.kind = OptionSpec::Value;
    status.valueName = QStringLiteral("STATUS");
    status.help = QStringLiteral("only sessions with this status (repeatable): pending running completed failed terminated");
    status.repeatable = true;
    OptionSpec agent;
    agent.name = QStringLiteral("agent");
    agent.kind = OptionSpec::Value;
    agent.valueName = QStringLiteral("ID");
    agent.help = QStringLiteral("only sessions of this agent");
    OptionSpec limit;
    limit.name = QStringLiteral("limit");
    limit.kind = OptionSpec::Value;
    limit.valueName = QStringLiteral("N");
    limit.help = QStringLiteral("at most N sessions (the newest)");
    return {status, agent, limit};
}

int cmdSessionsList(Context &ctx, const ParsedArgs &args)
{
    const QStringList statuses = args.values(QStringLiteral("status"));
    const QString agent = args.value(QStringLiteral("agent"));
    const int limit = args.isSet(QStringLiteral("limit"))
        ? intValue(args, QStringLiteral("limit"), 0, std::numeric_limits<int>::max())
        : -1;
    auto *reply = ctx.client()->sessions()->list();
    if (const int rc = ctx.wait(reply))
        return rc;
    QList<Aod::Session> sessions;
    QJsonArray raw;
    for (const Aod::Session &s : reply->result()) {
        if (!statuses.isEmpty() && !statuses.contains(s.statusString))
            continue;
        if (!agent.isEmpty() && s.agentId != agent)
            continue;
        if (limit >= 0 && sessions.size() >= limit)
            break;
        sessions.append(s);
        raw.append(s.raw.isEmpty() ? s.toJson() : s.raw);
    }
    const bool filtered = !statuses.isEmpty() || !agent.isEmpty() || limit >= 0;
    if (ctx.global.json) {
        // Unfiltered: the body exactly as received. Filtered: the same envelope, fewer items.
        ctx.out.writeJsonDocument(filtered ? QJsonValue(QJsonObject{{QStringLiteral("data"), raw}})
                                           : receivedJson(reply, QJsonObject{{QStringLiteral("data"), raw}}));
    } else {
        ctx.out.write(renderSessionTable(sessions));
    }
    return ExitOk;
}

int cmdSessionsGet(Context &ctx, const ParsedArgs &args)
{
    return showObject(ctx, ctx.client()->sessions()->get(firstArg(args)), &renderSession);
}

int cmdSessionsCreate(Context &ctx, const ParsedArgs &args)
{
    const Aod::SessionDraft draft = sessionDraftFromArgs(args);
    auto *reply = ctx.client()->sessions()->create(draft);
    const int rc = showObject(ctx, reply, &renderSessionAck, quiet(args));
    if (rc == ExitOk && !ctx.global.json && !quiet(args) && ctx.out.stdoutIsTerminal())
        ctx.out.writeLine(QStringLiteral("\nFollow it with: aod sessions stream ") + reply->result().id);
    return rc;
}

int cmdSessionsPrompt(Context &ctx, const ParsedArgs &args)
{
    const QString positional = args.positionals().size() > 1 ? args.positionals().at(1) : QString();
    const Aod::PromptRequest request = promptFromArgs(args, positional);
    return showObject(ctx, ctx.client()->sessions()->prompt(firstArg(args), request), &renderSessionAck);
}

int cmdSessionsTurns(Context &ctx, const ParsedArgs &args)
{
    return showList(ctx, ctx.client()->sessions()->turns(firstArg(args)), &renderTurns);
}

int cmdSessionsInterrupt(Context &ctx, const ParsedArgs &args)
{
    auto *reply = ctx.client()->sessions()->interrupt(firstArg(args));
    reply->waitForFinished(-1);
    const Aod::Error error = reply->error();
    // Servers older than the interrupt route answer 405, or an HTML 404 (no JSON detail).
    if (error.httpStatus() == 405 || (error.code() == Aod::Error::Code::NotFound && !error.detail().isString())) {
        QStringList lines = describeError(error);
        lines.append(QStringLiteral("  (this server has no interrupt route; `aod sessions terminate` always works)"));
        ctx.out.error(lines);
        return exitCodeFor(error);
    }
    return showObject(ctx, reply, &renderSessionAck);
}

int cmdSessionsTerminate(Context &ctx, const ParsedArgs &args)
{
    return showObject(ctx, ctx.client()->sessions()->terminate(firstArg(args)), &renderSessionAck);
}

int cmdSessionsDelete(Context &ctx, const ParsedArgs &args)
{
    return showDetail(ctx, ctx.client()->sessions()->remove(firstArg(args)));
}

} // namespace AodCli
