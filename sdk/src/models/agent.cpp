#include <aod/models/agent.h>
#include <aod/validation.h>

#include "json_p.h"

#include <QDebug>

namespace Aod {

namespace {

using Json::kId;
using Json::kType;
using Json::kName;
using Json::kProvider;
using Json::kEnvironmentId;
using Json::kVersion;
using Json::kCreatedAt;
using Json::kUpdatedAt;
using Json::kArchivedAt;
using Json::fail;

const QLatin1String kDescription("description");
const QLatin1String kSystem("system");
const QLatin1String kModel("model");
const QLatin1String kSkills("skills");
const QLatin1String kMcpServers("mcp_servers");
const QLatin1String kMetadata("metadata");

// An optional object member: overwritten when the raw object has one, else written only when
// non-empty (so that a parsed object without the key serialises without it).
void writeOptionalObject(QJsonObject &o, QLatin1String key, const QJsonObject &v)
{
    if (o.value(key).isObject() || !v.isEmpty())
        Json::writeValue(o, key, v);
}

void writeOptionalStringList(QJsonObject &o, QLatin1String key, const QStringList &v)
{
    if (o.value(key).isArray() || !v.isEmpty())
        Json::writeStringList(o, key, v);
}

QJsonArray skillsToJson(const QList<AgentSkill> &skills)
{
    QJsonArray out;
    for (const AgentSkill &s : skills)
        out.append(s.toJson());
    return out;
}

QJsonArray serversToJson(const QList<McpServer> &servers)
{
    QJsonArray out;
    for (const McpServer &s : servers)
        out.append(s.toJson());
    return out;
}

// Reads the fields every agent snapshot has; strict on types, tolerant on absent collections.
void readContent(Json::Reader &r, AgentContent &c)
{
    c.name = r.requiredString(kName);
    c.description = r.nullableString(kDescription);
    c.system = r.nullableString(kSystem);
    c.provider = r.requiredString(kProvider);
    c.model = r.requiredString(kModel);
    c.environmentId = r.nullableString(kEnvironmentId);

    const QJsonArray skills = r.array(kSkills);
    c.skills.clear();
    for (qsizetype i = 0; i < skills.size() && r.ok(); ++i) {
        if (!skills.at(i).isObject())
            r.fail(QStringLiteral("field 'skills[%1]' is not an object").arg(i));
        else
            c.skills.append(AgentSkill::fromJson(skills.at(i).toObject()));
    }
    const QJsonArray servers = r.array(kMcpServers);
    c.mcpServers.clear();
    for (qsizetype i = 0; i < servers.size() && r.ok(); ++i) {
        if (!servers.at(i).isObject())
            r.fail(QStringLiteral("field 'mcp_servers[%1]' is not an object").arg(i));
        else
            c.mcpServers.append(McpServer::fromJson(servers.at(i).toObject()));
    }
    c.metadata = r.object(kMetadata);
}

void writeContent(QJsonObject &o, const AgentContent &c)
{
    if (!o.contains(kType))
        o.insert(kType, QStringLiteral("agent"));
    Json::writeString(o, kName, Json::nonNull(c.name));
    Json::writeNullableString(o, kDescription, c.description);
    Json::writeNullableString(o, kSystem, c.system);
    Json::writeString(o, kProvider, Json::nonNull(c.provider));
    Json::writeString(o, kModel, Json::nonNull(c.model));
    Json::writeNullableString(o, kEnvironmentId, c.environmentId);
    Json::writeValue(o, kSkills, skillsToJson(c.skills));
    Json::writeValue(o, kMcpServers, serversToJson(c.mcpServers));
    Json::writeValue(o, kMetadata, c.metadata);
}

} // namespace

// --- AgentSkill -----------------------------------------------------------------------------

AgentSkill AgentSkill::inlineSkill(const QString &name, const QString &description, const QString &content)
{
    AgentSkill s;
    s.name = Json::nonNull(name);
    s.description = Json::nonNull(description);
    s.content = Json::nonNull(content);
    return s;
}

AgentSkill AgentSkill::github(const QString &source, const QString &description, const QString &name)
{
    AgentSkill s;
    s.type = QStringLiteral("github");
    s.source = Json::nonNull(source);
    s.description = Json::nonNull(description);
    s.name = name.isEmpty() ? QString() : name;
    return s;
}

AgentSkill AgentSkill::fromJson(const QJsonObject &obj)
{
    AgentSkill s;
    s.raw = obj;
    s.type = Json::stringOrNull(obj, kType);
    s.name = Json::stringOrNull(obj, kName);
    s.description = Json::stringOrNull(obj, kDescription);
    s.content = Json::stringOrNull(obj, QLatin1String("content"));
    s.source = Json::stringOrNull(obj, QLatin1String("source"));
    return s;
}

QJsonObject AgentSkill::toJson() const
{
    QJsonObject o = raw;
    Json::writeString(o, kType, type);
    Json::writeString(o, kName, name);
    Json::writeString(o, kDescription, description);
    Json::writeString(o, QLatin1String("content"), content);
    Json::writeString(o, QLatin1String("source"), source);
    return o;
}

// --- McpServer ------------------------------------------------------------------------------

McpServer McpServer::fromJson(const QJsonObject &obj)
{
    McpServer s;
    s.raw = obj;
    s.name = Json::stringOrNull(obj, kName);
    // A missing type means "url" (the server defaults it without storing the default); a
    // non-string one stays null so that validation reports it.
    s.type = obj.contains(kType) ? Json::stringOrNull(obj, kType) : QStringLiteral("url");
    s.url = Json::stringOrNull(obj, QLatin1String("url"));
    s.headers = obj.value(QLatin1String("headers")).toObject();
    s.command = Json::stringOrNull(obj, QLatin1String("command"));
    s.args = Json::stringList(obj.value(QLatin1String("args")));
    s.env = obj.value(QLatin1String("env")).toObject();
    return s;
}

QJsonObject McpServer::toJson() const
{
    QJsonObject o = raw;
    Json::writeString(o, kName, name);
    if (raw.contains(kType) || type != QLatin1String("url") || raw.isEmpty())
        Json::writeString(o, kType, type);
    Json::writeString(o, QLatin1String("url"), url);
    writeOptionalObject(o, QLatin1String("headers"), headers);
    Json::writeString(o, QLatin1String("command"), command);
    writeOptionalStringList(o, QLatin1String("args"), args);
    writeOptionalObject(o, QLatin1String("env"), env);
    return o;
}

// --- Agent ----------------------------------------------------------------------------------

bool Agent::fromJson(const QJsonValue &json, Agent &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for an agent"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    Agent a;
    a.id = r.requiredString(kId);
    readContent(r, a);
    a.version = r.requiredInt(kVersion);
    a.createdAt = r.requiredTimestamp(kCreatedAt);
    a.updatedAt = r.requiredTimestamp(kUpdatedAt);
    a.archivedAt = r.nullableTimestamp(kArchivedAt);
    if (!r.ok())
        return fail(error, r.error());
    a.raw = obj;
    out = std::move(a);
    return true;
}

QJsonObject Agent::toJson() const
{
    QJsonObject o = raw;
    Json::writeString(o, kId, Json::nonNull(id));
    writeContent(o, *this);
    Json::writeInt(o, kVersion, version);
    Json::writeTimestamp(o, kCreatedAt, createdAt);
    Json::writeTimestamp(o, kUpdatedAt, updatedAt);
    Json::writeTimestamp(o, kArchivedAt, archivedAt);
    return o;
}

bool AgentVersion::fromJson(const QJsonValue &json, AgentVersion &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for an agent version"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    AgentVersion v;
    v.agentId = r.requiredString(kId);
    readContent(r, v);
    v.version = r.requiredInt(kVersion);
    v.createdAt = r.requiredTimestamp(kCreatedAt);
    if (!r.ok())
        return fail(error, r.error());
    v.raw = obj;
    out = std::move(v);
    return true;
}

QJsonObject AgentVersion::toJson() const
{
    QJsonObject o = raw;
    Json::writeString(o, kId, Json::nonNull(agentId));
    writeContent(o, *this);
    Json::writeInt(o, kVersion, version);
    Json::writeTimestamp(o, kCreatedAt, createdAt);
    return o;
}

// --- AgentDraft / AgentPatch (validate() is in validation.cpp) ------------------------------

QString AgentDraft::effectiveProvider() const
{
    if (!provider.trimmed().isEmpty())
        return provider;
    return Validation::deriveProvider(model, runtime);
}

QJsonObject AgentDraft::toJson() const
{
    // Only what the caller set: no null keys, no empty defaults (the server fills them in).
    QJsonObject o;
    if (!name.isNull())
        o.insert(kName, name);
    QString p = effectiveProvider();
    if (p.isEmpty() && !provider.isNull())
        p = provider; // nothing to derive: send what was given, validation explains
    if (!p.isNull())
        o.insert(kProvider, p);
    if (!model.isNull())
        o.insert(kModel, model);
    if (!system.isEmpty())
        o.insert(kSystem, system);
    if (!description.isEmpty())
        o.insert(kDescription, description);
    if (!environmentId.isEmpty())
        o.insert(kEnvironmentId, environmentId);
    if (!skills.isEmpty())
        o.insert(kSkills, skillsToJson(skills));
    if (!mcpServers.isEmpty())
        o.insert(kMcpServers, serversToJson(mcpServers));
    if (!metadata.isEmpty())
        o.insert(kMetadata, metadata);
    return o;
}

QJsonObject AgentPatch::toJson() const
{
    QJsonObject o;
    o.insert(kVersion, version);
    if (name)
        o.insert(kName, Json::nonNull(*name));
    if (description)
        o.insert(kDescription, Json::nonNull(*description));
    if (system)
        o.insert(kSystem, Json::nonNull(*system));
    if (provider)
        o.insert(kProvider, Json::nonNull(*provider));
    if (model)
        o.insert(kModel, Json::nonNull(*model));
    if (environmentId) {
        // An explicit null detaches the default environment (the server looks at which keys
        // were sent); an empty string counts as a detach too, never as an id.
        if (environmentId->isEmpty())
            o.insert(kEnvironmentId, QJsonValue::Null);
        else
            o.insert(kEnvironmentId, *environmentId);
    }
    if (skills)
        o.insert(kSkills, skillsToJson(*skills));
    if (mcpServers)
        o.insert(kMcpServers, serversToJson(*mcpServers));
    if (metadata)
        o.insert(kMetadata, *metadata);
    return o;
}

QDebug operator<<(QDebug dbg, const Agent &agent)
{
    const QDebugStateSaver saver(dbg);
    dbg.nospace() << "Aod::Agent(" << agent.id << ", " << agent.name << ", " << agent.provider << '/'
                  << agent.model << ", v" << agent.version;
    if (agent.isArchived())
        dbg << ", archived";
    dbg << ')';
    return dbg;
}

} // namespace Aod
