#include <aod/models/environment.h>

#include "json_p.h"

#include <QDebug>

namespace Aod {

namespace {

using Json::kId;
using Json::kType;
using Json::kName;
using Json::kVersion;
using Json::kCreatedAt;
using Json::kUpdatedAt;
using Json::kArchivedAt;
using Json::fail;

const QLatin1String kPackages("packages");
const QLatin1String kEnvVars("env_vars");
const QLatin1String kSetupScript("setup_script");
const QLatin1String kNetworking("networking");
const QLatin1String kAllowedHosts("allowed_hosts");

void readContent(Json::Reader &r, EnvironmentContent &c)
{
    c.name = r.requiredString(kName);
    const QJsonObject packages = r.object(kPackages);
    c.packages.clear();
    for (auto it = packages.constBegin(); it != packages.constEnd() && r.ok(); ++it) {
        if (!it.value().isArray())
            r.fail(QStringLiteral("field 'packages.%1' is not an array").arg(it.key()));
        else
            c.packages.insert(it.key(), Json::stringList(it.value()));
    }
    c.setupScript = r.nullableString(kSetupScript);
    c.networking = Networking::fromJson(r.object(kNetworking));
}

void writeContent(QJsonObject &o, const EnvironmentContent &c)
{
    if (!o.contains(kType))
        o.insert(kType, QStringLiteral("environment"));
    Json::writeString(o, kName, Json::nonNull(c.name));
    const QJsonValue cur = o.value(kPackages);
    if (!(cur.isObject() && Json::stringListMap(cur.toObject()) == c.packages
          && cur.toObject().size() == c.packages.size()))
        o.insert(kPackages, Json::toObject(c.packages));
    Json::writeNullableString(o, kSetupScript, c.setupScript);
    Json::writeValue(o, kNetworking, c.networking.toJson());
}

} // namespace

QStringList packageManagers()
{
    return {QStringLiteral("apt"), QStringLiteral("cargo"), QStringLiteral("gem"),
            QStringLiteral("go"),  QStringLiteral("npm"),   QStringLiteral("pip")};
}

// --- Networking -----------------------------------------------------------------------------

Networking Networking::fromJson(const QJsonObject &obj)
{
    Networking n;
    n.raw = obj;
    // A missing type is "unrestricted" (the server default); a non-string one stays null so
    // that validation can report it.
    n.type = obj.contains(kType) ? Json::stringOrNull(obj, kType) : QStringLiteral("unrestricted");
    n.allowedHosts = Json::stringList(obj.value(kAllowedHosts));
    return n;
}

QJsonObject Networking::toJson() const
{
    QJsonObject o = raw;
    if (raw.contains(kType) || type != QLatin1String("unrestricted") || raw.isEmpty())
        Json::writeString(o, kType, type);
    if (o.value(kAllowedHosts).isArray() || !allowedHosts.isEmpty())
        Json::writeStringList(o, kAllowedHosts, allowedHosts);
    return o;
}

// --- Environment ----------------------------------------------------------------------------

bool Environment::fromJson(const QJsonValue &json, Environment &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for an environment"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    Environment e;
    e.id = r.requiredString(kId);
    readContent(r, e);
    e.version = r.requiredInt(kVersion);
    e.createdAt = r.requiredTimestamp(kCreatedAt);
    e.updatedAt = r.requiredTimestamp(kUpdatedAt);
    e.archivedAt = r.nullableTimestamp(kArchivedAt);
    if (!r.ok())
        return fail(error, r.error());
    e.raw = obj;
    out = std::move(e);
    return true;
}

QJsonObject Environment::toJson() const
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

bool EnvironmentVersion::fromJson(const QJsonValue &json, EnvironmentVersion &out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("expected a JSON object for an environment version"));
    const QJsonObject obj = json.toObject();
    Json::Reader r(obj);
    EnvironmentVersion v;
    v.environmentId = r.requiredString(kId);
    readContent(r, v);
    v.version = r.requiredInt(kVersion);
    v.createdAt = r.requiredTimestamp(kCreatedAt);
    if (!r.ok())
        return fail(error, r.error());
    v.raw = obj;
    out = std::move(v);
    return true;
}

QJsonObject EnvironmentVersion::toJson() const
{
    QJsonObject o = raw;
    Json::writeString(o, kId, Json::nonNull(environmentId));
    writeContent(o, *this);
    Json::writeInt(o, kVersion, version);
    Json::writeTimestamp(o, kCreatedAt, createdAt);
    return o;
}

// --- EnvironmentDraft / EnvironmentPatch (validate() is in validation.cpp) ------------------

QJsonObject EnvironmentDraft::toJson() const
{
    QJsonObject o;
    if (!name.isNull())
        o.insert(kName, name);
    if (!packages.isEmpty())
        o.insert(kPackages, Json::toObject(packages));
    if (!envVars.isEmpty())
        o.insert(kEnvVars, Json::toObject(envVars));
    if (!setupScript.isEmpty())
        o.insert(kSetupScript, setupScript);
    // The default networking ({"type":"unrestricted"}) is what the server assumes: not sent.
    const QJsonObject net = networking.toJson();
    if (net != QJsonObject{{kType, QStringLiteral("unrestricted")}})
        o.insert(kNetworking, net);
    return o;
}

QJsonObject EnvironmentPatch::toJson() const
{
    QJsonObject o;
    o.insert(kVersion, version);
    if (name)
        o.insert(kName, Json::nonNull(*name));
    if (packages)
        o.insert(kPackages, Json::toObject(*packages));
    if (envVars)
        o.insert(kEnvVars, Json::toObject(*envVars));
    if (setupScript)
        o.insert(kSetupScript, Json::nonNull(*setupScript));
    if (networking)
        o.insert(kNetworking, networking->toJson());
    return o;
}

QDebug operator<<(QDebug dbg, const Environment &environment)
{
    const QDebugStateSaver saver(dbg);
    dbg.nospace() << "Aod::Environment(" << environment.id << ", " << environment.name << ", "
                  << environment.networking.type << ", v" << environment.version;
    if (environment.isArchived())
        dbg << ", archived";
    dbg << ')';
    return dbg;
}

} // namespace Aod
