#include <aod/models/session.h>

#include "json_p.h"

#include <QDebug>

namespace Aod {

namespace {

using Json::kId;
using Json::kType;
using Json::kProvider;
using Json::kEnvironmentId;
using Json::kCreatedAt;
using Json::kUpdatedAt;
using Json::fail;

const QLatin1String kUrl("url");
const QLatin1String kMountPath("mount_path");
const QLatin1String kAgentId("agent_id");
const QLatin1String kStatus("status");
const QLatin1String kExitCode("exit_code");
const QLatin1String kResources("resources");
const QLatin1String kTurnCount("turn_count");
const QLatin1String kCurrentTurn("current_turn");
const QLatin1String kTurnNumber("turn_number");
const QLatin1String kPrompt("prompt");
const QLatin1String kStartedAt("started_at");
const QLatin1String kEndedAt("ended_at");
const QLatin1String kStreamUrl("stream_url");
const QLatin1String kTimeout("timeout");

struct StatusName
{
    SessionStatus status;
    const char *name;
};
constexpr StatusName kSessionStatuses[] = {
    {SessionStatus::Pending, "pending"},     {SessionStatus::Running, "running"},
    {SessionStatus::Completed, "completed"}, {SessionStatus::Failed, "failed"},
    {SessionStatus::Terminated, "terminated"},
};
struct TurnStatusName
{
    TurnStatus status;
    const char *name;
};
constexpr TurnStatusName kTurnStatuses[] = {
    {TurnStatus::Pending, "pending"},     {TurnStatus::Running, "running"},
    {TurnStatus::Completed, "completed"}, {TurnStatus::Failed, "failed"},
    {TurnStatus::Interrupted, "interrupted"},
};

bool readResources(Json::Reader &r, QList<SessionResource> &out)
{
    const QJsonArray array = r.array(kResources);
    out.clear();
    for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
        SessionResource res;
        QString error;
        if (!SessionResource::fromJson(array.at(i), res, &error))
            r.fail(QStringLiteral("resources[%1]: %2").arg(i).arg(error));
        else
            out.append(res);
    }
    return r.ok();
}

QJsonArray resourcesToJson(const QList<SessionResource> &resources)
{
    QJsonArray out;
    for (const SessionResource &r : resources)
        out.append(r.toJson());
    return out;
}

// Writes the status text: the string as received while it still names the typed status (so
// unknown future statuses round-trip), else the typed status' name.
void writeStatus(QJsonObject &o, const QString &text, const QString &typedName, bool textMatches)
{
    Json::writeString(o, kStatus, textMatches && !text.isNull() ? text : Json::nonNull(typedName));
}

} // namespace

SessionStatus sessionStatusFromString(const QString &s)
{
    for (const StatusName &n : kSessionStatuses) {
        if (s == QLatin1String(n.name))
            return n.status;
    }
    return SessionStatus::Unknown;
}

QString sessionStatusToString(SessionStatus s)
{
    for (const StatusName &n : kSessionStatuses) {
        if (n.status == s)
            return QString::fromLatin1(n.name);
    }
    return QStringLiteral("unknown");
}

TurnStatus turnStatusFromString(const QString &s)
{
    for (const TurnStatusName &n : kTurnStatuses) {
        if (s == QLatin1String(n.name))
            return n.status;
    }
    return TurnStatus::Unknown;
}

QString turnStatusToString(TurnStatus s)
{
    for (const TurnStatusName &n : kTurnStatuses) {
        if (n.status == s)
            return QString::fromLatin1(n.name);
    }
    return QStringLiteral("unknown");
}

bool isActive(SessionStatus s)
{
    return s == SessionStatus::Pending || s == SessionStatus::Running;
}

bool isTerminal(SessionStatus s)
{
    return s == SessionStatus::Completed || s == SessionStatus::Failed || s == SessionStatus::Terminated;
}

// --- SessionResource ------------------------------------------------------------------------

bool SessionResource::fromJson(const QJsonValue &json, SessionResource &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for a resource"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    SessionResource res;
    const QString type = r.nullableString(kType);
    if (!type.isNull())
        res.type = type;
    res.url = r.requiredString(kUrl);
    res.mountPath = r.nullableString(kMountPath);
    if (!r.ok())
        return fail(error, r.error());
    res.raw = obj;
    out = std::move(res);
    return true;
}

QJsonObject SessionResource::toJson() const
{
    QJsonObject o = raw;
    if (raw.contains(kType) || type != QLatin1String("github_repository") || raw.isEmpty())
        Json::writeString(o, kType, type);
    Json::writeString(o, kUrl, Json::nonNull(url));
    if (o.contains(kMountPath) || !mountPath.isNull())
        Json::writeNullableString(o, kMountPath, mountPath);
    return o;
}

// --- RepositoryResource ---------------------------------------------------------------------

QString RepositoryResource::resolvedMountPath() const
{
    if (!mountPath.isEmpty())
        return mountPath;
    QString canonical = url.trimmed();
    if (canonical.endsWith(QLatin1String(".git")))
        canonical.chop(4);
    return QStringLiteral("/workspace/") + canonical.section(QLatin1Char('/'), -1);
}

QJsonObject RepositoryResource::toJson() const
{
    QJsonObject o;
    o.insert(kType, QStringLiteral("github_repository"));
    o.insert(kUrl, Json::nonNull(url));
    if (!mountPath.isEmpty())
        o.insert(kMountPath, mountPath);
    if (!authorizationToken.isEmpty())
        o.insert(QLatin1String("authorization_token"), authorizationToken);
    return o;
}

// --- Session --------------------------------------------------------------------------------

bool Session::fromJson(const QJsonValue &json, Session &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for a session"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    Session s;
    s.id = r.requiredString(kId);
    s.agentId = r.nullableString(kAgentId);
    s.environmentId = r.nullableString(kEnvironmentId);
    s.provider = r.requiredString(kProvider);
    s.statusString = r.requiredString(kStatus);
    s.status = sessionStatusFromString(s.statusString);
    s.exitCode = r.nullableInt(kExitCode);
    s.createdAt = r.requiredTimestamp(kCreatedAt);
    s.updatedAt = r.requiredTimestamp(kUpdatedAt);
    readResources(r, s.resources);
    s.turnCount = r.optionalInt(kTurnCount, 0);
    s.currentTurn = r.nullableInt(kCurrentTurn);
    if (!r.ok())
        return fail(error, r.error());
    s.raw = obj;
    out = std::move(s);
    return true;
}

QJsonObject Session::toJson() const
{
    QJsonObject o = raw;
    Json::writeString(o, kId, Json::nonNull(id));
    Json::writeNullableString(o, kAgentId, agentId);
    Json::writeNullableString(o, kEnvironmentId, environmentId);
    Json::writeString(o, kProvider, Json::nonNull(provider));
    writeStatus(o, statusString, sessionStatusToString(status),
                sessionStatusFromString(statusString) == status);
    Json::writeNullableInt(o, kExitCode, exitCode);
    Json::writeTimestamp(o, kCreatedAt, createdAt);
    Json::writeTimestamp(o, kUpdatedAt, updatedAt);
    Json::writeValue(o, kResources, resourcesToJson(resources));
    Json::writeInt(o, kTurnCount, turnCount);
    Json::writeNullableInt(o, kCurrentTurn, currentTurn);
    return o;
}

// --- SessionTurn ----------------------------------------------------------------------------

bool SessionTurn::fromJson(const QJsonValue &json, SessionTurn &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for a turn"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    SessionTurn t;
    t.turnNumber = r.requiredInt(kTurnNumber);
    t.prompt = r.requiredString(kPrompt);
    t.statusString = r.requiredString(kStatus);
    t.status = turnStatusFromString(t.statusString);
    t.exitCode = r.nullableInt(kExitCode);
    t.createdAt = r.requiredTimestamp(kCreatedAt);
    t.startedAt = r.nullableTimestamp(kStartedAt);
    t.endedAt = r.nullableTimestamp(kEndedAt);
    if (!r.ok())
        return fail(error, r.error());
    t.raw = obj;
    out = std::move(t);
    return true;
}

QJsonObject SessionTurn::toJson() const
{
    QJsonObject o = raw;
    Json::writeInt(o, kTurnNumber, turnNumber);
    Json::writeString(o, kPrompt, Json::nonNull(prompt));
    writeStatus(o, statusString, turnStatusToString(status), turnStatusFromString(statusString) == status);
    Json::writeNullableInt(o, kExitCode, exitCode);
    Json::writeTimestamp(o, kCreatedAt, createdAt);
    Json::writeTimestamp(o, kStartedAt, startedAt);
    Json::writeTimestamp(o, kEndedAt, endedAt);
    return o;
}

// --- SessionAck -----------------------------------------------------------------------------

bool SessionAck::fromJson(const QJsonValue &json, SessionAck &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for a session acknowledgement"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    SessionAck a;
    a.id = r.requiredString(kId);
    a.statusString = r.requiredString(kStatus);
    a.status = sessionStatusFromString(a.statusString);
    a.streamUrl = r.nullableString(kStreamUrl);
    a.environmentId = r.nullableString(kEnvironmentId);
    readResources(r, a.resources);
    a.currentTurn = r.nullableInt(kCurrentTurn);
    if (!r.ok())
        return fail(error, r.error());
    a.raw = obj;
    out = std::move(a);
    return true;
}

// --- SessionDraft / PromptRequest (validate() is in validation.cpp) -------------------------

QJsonObject SessionDraft::toJson() const
{
    QJsonObject o;
    if (!agentId.isNull())
        o.insert(kAgentId, agentId);
    o.insert(kPrompt, Json::nonNull(prompt)); // "" is a valid prompt
    if (timeout)
        o.insert(kTimeout, *timeout);
    if (!environmentId.isEmpty())
        o.insert(kEnvironmentId, environmentId);
    if (!resources.isEmpty()) {
        QJsonArray array;
        for (const RepositoryResource &r : resources)
            array.append(r.toJson());
        o.insert(kResources, array);
    }
    if (!secretEnvVars.isEmpty())
        o.insert(QLatin1String("secret_env_vars"), Json::toObject(secretEnvVars));
    return o;
}

QJsonObject PromptRequest::toJson() const
{
    QJsonObject o;
    o.insert(kPrompt, Json::nonNull(prompt));
    if (timeout)
        o.insert(kTimeout, *timeout);
    return o;
}

QDebug operator<<(QDebug dbg, const Session &session)
{
    const QDebugStateSaver saver(dbg);
    dbg.nospace() << "Aod::Session(" << session.id << ", " << session.statusString;
    if (session.exitCode)
        dbg << ", exit " << *session.exitCode;
    dbg << ", turns " << session.turnCount << ')';
    return dbg;
}

} // namespace Aod
