// Client-side checks of contract §4, in the shape of the server's pydantic 422 items.
//
// Decisions (see also the report of issue 2):
// - Where the server reports only the first problem of a field (a pydantic field_validator
//   raises once), we report one item per offending entry, in the order the server checks,
//   so that a form can mark every bad row. The first item is the one the server would send.
// - Where the server answers with a 422 *string* detail (provider/model normalisation), the
//   same text is returned as a value_error item on the field concerned.
// - Update bodies get the create-time limits: the server has none there and would fail with a
//   database error instead (contract §12.17).
#include <aod/validation.h>

#include "models/json_p.h"

#include <QRegularExpression>
#include <QSet>

namespace Aod::Validation {

namespace {

const QString kAnthropic = QStringLiteral("anthropic");
const QString kOpenai = QStringLiteral("openai");

QVariantList locOf(const char *field)
{
    return {QString::fromLatin1(field)};
}

ValidationItem item(const QVariantList &loc, const QString &type, const QString &msg, const QJsonValue &input)
{
    ValidationItem i;
    i.loc = loc;
    i.type = type;
    i.msg = msg;
    i.input = input;
    return i;
}

ValidationItem missing(const QVariantList &loc, const QJsonObject &body)
{
    // Like pydantic: the input of a "missing" item is the whole request object.
    return item(loc, QStringLiteral("missing"), QStringLiteral("Field required"), body);
}

ValidationItem valueError(const QVariantList &loc, const QString &text, const QJsonValue &input)
{
    return item(loc, QStringLiteral("value_error"), QStringLiteral("Value error, ") + text, input);
}

// pydantic's max_length check counts characters (Python code points), not UTF-16 units.
void checkMaxLength(QList<ValidationItem> &out, const QVariantList &loc, const QString &value, int max)
{
    if (Json::codePoints(value) > max)
        out.append(item(loc, QStringLiteral("string_too_long"),
                        QStringLiteral("String should have at most %1 characters").arg(max), value));
}

// Python's repr() of a str, as the server's messages quote names: single quotes unless the
// text holds a single quote and no double quote.
QString pyRepr(const QString &s)
{
    const bool useDouble = s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"'));
    const QChar q = useDouble ? QLatin1Char('"') : QLatin1Char('\'');
    QString out = q;
    for (const QChar c : s) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == q)
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else
            out += c;
    }
    out += q;
    return out;
}

bool fullMatch(const QRegularExpression &re, const QString &s)
{
    // Anchored with \A...\z: unlike Python's re.match(...$), a trailing newline never passes.
    return re.match(s).hasMatch();
}

QString keysOutside(const QJsonObject &obj, const QStringList &allowed)
{
    QStringList extra;
    for (auto it = obj.constBegin(); it != obj.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            extra.append(it.key());
    }
    return extra.join(QStringLiteral(", "));
}

// The first problem of one skill, or an empty string.
QString skillProblem(qsizetype i, const QJsonObject &s)
{
    const QString where = QStringLiteral("skills[%1]").arg(i);
    const bool github = s.contains(QLatin1String("type"));
    const QStringList allowed = github
        ? QStringList{QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("description"),
                      QStringLiteral("source")}
        : QStringList{QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("content")};
    const QString extra = keysOutside(s, allowed);
    if (!extra.isEmpty())
        return QStringLiteral("%1 has unknown fields: %2").arg(where, extra);

    const QStringList required = github
        ? QStringList{QStringLiteral("type"), QStringLiteral("description"), QStringLiteral("source")}
        : QStringList{QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("content")};
    for (const QString &key : required) {
        if (!s.contains(key))
            return QStringLiteral("%1 missing required field: %2").arg(where, key);
    }
    for (const QString &key : allowed) {
        if (s.contains(key) && !s.value(key).isString())
            return QStringLiteral("%1: field '%2' must be a string").arg(where, key);
    }
    if (github && s.value(QLatin1String("type")).toString() != QLatin1String("github"))
        return QStringLiteral("%1: type must be 'github'").arg(where);
    if (s.contains(QLatin1String("name"))) {
        const QString name = s.value(QLatin1String("name")).toString();
        if (!isValidSkillName(name))
            return QStringLiteral("%1: invalid name %2 (must match ^[a-z0-9][a-z0-9-]{0,63}$)")
                .arg(where, pyRepr(name));
    }
    if (github) {
        const QString source = s.value(QLatin1String("source")).toString();
        if (!isValidGithubSource(source))
            return QStringLiteral("%1: invalid source %2 (expected owner/repo)").arg(where, pyRepr(source));
    }
    if (Json::codePoints(s.value(QLatin1String("description")).toString()) > MaxSkillDescription)
        return QStringLiteral("%1: description exceeds %2 characters").arg(where).arg(MaxSkillDescription);
    if (!github) {
        const QString content = s.value(QLatin1String("content")).toString();
        if (content.toUtf8().size() > MaxSkillContentBytes)
            return QStringLiteral("%1: content exceeds %2 bytes").arg(where).arg(MaxSkillContentBytes);
        if (content.contains(QLatin1String("SKILL_EOF")))
            return QStringLiteral("%1: content must not contain SKILL_EOF").arg(where);
    }
    return {};
}

} // namespace

// --- predicates -----------------------------------------------------------------------------

bool isValidEnvVarKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("\\A[A-Za-z_][A-Za-z0-9_]*\\z"));
    return fullMatch(re, key);
}

bool isValidSkillName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("\\A[a-z0-9][a-z0-9-]{0,63}\\z"));
    return fullMatch(re, name);
}

bool isValidGithubSource(const QString &source)
{
    static const QRegularExpression re(QStringLiteral("\\A[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\\z"));
    return fullMatch(re, source);
}

bool isValidRepositoryUrl(const QString &url)
{
    // The server's \w is ASCII-only here; spelled out so that no Unicode letter slips through.
    static const QRegularExpression re(
        QStringLiteral("\\Ahttps://github\\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(\\.git)?\\z"));
    return fullMatch(re, url);
}

bool isUuid(const QString &id)
{
    static const QRegularExpression re(QStringLiteral(
        "\\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z"));
    return fullMatch(re, id);
}

// --- provider / model -----------------------------------------------------------------------

ProviderModel normalizeProviderModel(const QString &provider, const QString &model)
{
    ProviderModel r;
    r.provider = provider.trimmed();
    r.model = model.trimmed();
    if (r.provider != kAnthropic && r.provider != kOpenai) {
        r.error = QStringLiteral("Unknown provider: %1. Must be one of: ['anthropic', 'openai']").arg(r.provider);
        return r;
    }
    if (r.model.isEmpty()) {
        r.error = QStringLiteral("Model must be a non-empty string");
        return r;
    }
    const qsizetype slash = r.model.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        const QString prefix = r.model.left(slash);
        static const QStringList known = {kAnthropic, kOpenai, QStringLiteral("google"), QStringLiteral("kimi")};
        if (known.contains(prefix)) {
            if (prefix != r.provider) {
                r.error = QStringLiteral("Model provider prefix %1 does not match provider %2")
                              .arg(pyRepr(prefix), pyRepr(r.provider));
                return r;
            }
            r.model = r.model.mid(slash + 1).trimmed();
            if (r.model.isEmpty())
                r.error = QStringLiteral("Model must be a non-empty string");
        }
    }
    return r;
}

QString deriveProvider(const QString &model, const QString &runtime)
{
    const QString m = model.trimmed();
    const qsizetype slash = m.indexOf(QLatin1Char('/'));
    if (slash > 0) {
        const QString prefix = m.left(slash);
        if (prefix == kAnthropic || prefix == kOpenai)
            return prefix;
    }
    const QString r = runtime.trimmed().toLower();
    if (r == QLatin1String("claude"))
        return kAnthropic;
    if (r == QLatin1String("codex"))
        return kOpenai;
    return {};
}

// --- collections ----------------------------------------------------------------------------

QList<ValidationItem> validateSkills(const QList<AgentSkill> &skills)
{
    QList<ValidationItem> out;
    // The count is checked first, and alone.
    if (skills.size() > MaxSkills) {
        QJsonArray all;
        for (const AgentSkill &s : skills)
            all.append(s.toJson());
        out.append(valueError(locOf("skills"), QStringLiteral("Maximum %1 skills per agent").arg(MaxSkills), all));
        return out;
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < skills.size(); ++i) {
        const QJsonObject s = skills.at(i).toJson();
        const QVariantList loc = {QStringLiteral("skills"), int(i)};
        const QString problem = skillProblem(i, s);
        if (!problem.isEmpty()) {
            out.append(valueError(loc, problem, s));
            continue;
        }
        // Duplicates: by name when there is one, else by "@github:" + source.
        const bool named = s.contains(QLatin1String("name"));
        const QString key = named ? s.value(QLatin1String("name")).toString()
                                  : QStringLiteral("@github:") + s.value(QLatin1String("source")).toString();
        if (seen.contains(key)) {
            const QString what = named ? QStringLiteral("duplicate name %1").arg(pyRepr(key))
                                       : QStringLiteral("duplicate source %1")
                                             .arg(pyRepr(s.value(QLatin1String("source")).toString()));
            out.append(valueError(loc, QStringLiteral("skills[%1]: %2").arg(i).arg(what), s));
            continue;
        }
        seen.insert(key);
    }
    return out;
}

QList<ValidationItem> validateMcpServers(const QList<McpServer> &servers)
{
    QList<ValidationItem> out;
    QList<QJsonValue> seenNames;
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const QJsonObject s = servers.at(i).toJson();
        const QVariantList loc = {QStringLiteral("mcp_servers"), int(i)};
        const QString where = QStringLiteral("mcp_servers[%1]").arg(i);
        if (!s.contains(QLatin1String("name"))) {
            out.append(valueError(loc, where + QStringLiteral(" missing required field: name"), s));
            continue;
        }
        const QJsonValue type = s.value(QLatin1String("type"));
        const QString typeName = type.isUndefined() ? QStringLiteral("url") : type.toString();
        if (typeName != QLatin1String("url") && typeName != QLatin1String("stdio")) {
            out.append(valueError(loc, where + QStringLiteral(": type must be 'url' or 'stdio'"), s));
            continue;
        }
        const QLatin1String needed = typeName == QLatin1String("url") ? QLatin1String("url") : QLatin1String("command");
        if (!s.contains(needed)) {
            out.append(valueError(loc, QStringLiteral("%1 (%2): missing required field: %3").arg(where, typeName, needed), s));
            continue;
        }
        // Names are not type-checked by the server; compare them as JSON values.
        const QJsonValue name = s.value(QLatin1String("name"));
        if (seenNames.contains(name)) {
            const QString shown = name.isString() ? pyRepr(name.toString()) : QStringLiteral("(non-string)");
            out.append(valueError(loc, QStringLiteral("%1: duplicate name %2").arg(where, shown), s));
            continue;
        }
        seenNames.append(name);
    }
    // The count comes after the per-entry checks on the server.
    if (servers.size() > MaxMcpServers) {
        QJsonArray all;
        for (const McpServer &s : servers)
            all.append(s.toJson());
        out.append(valueError(locOf("mcp_servers"),
                              QStringLiteral("Maximum %1 MCP servers per agent").arg(MaxMcpServers), all));
    }
    return out;
}

QList<ValidationItem> validateNetworking(const Networking &networking, const QVariantList &loc)
{
    QList<ValidationItem> out;
    const QJsonObject n = networking.toJson();
    const QJsonValue type = n.value(QLatin1String("type"));
    const QString typeName = type.isUndefined() ? QStringLiteral("unrestricted") : type.toString();
    if (typeName != QLatin1String("unrestricted") && typeName != QLatin1String("limited")) {
        out.append(valueError(loc, QStringLiteral("networking type must be 'unrestricted' or 'limited'"), n));
        return out;
    }
    if (typeName == QLatin1String("limited")) {
        const QJsonValue hosts = n.value(QLatin1String("allowed_hosts"));
        if (!hosts.isUndefined() && !hosts.isArray()) {
            out.append(valueError(loc, QStringLiteral("networking allowed_hosts must be a list"), n));
        } else if (hosts.toArray().isEmpty()) {
            // The server accepts this, and then blocks *all* egress from the sandbox without a
            // word: package installs and git clones fail later, far from the cause. Like the
            // Python SDK's Networking model, refuse it before sending.
            out.append(valueError(loc,
                                  QStringLiteral("networking type 'limited' needs at least one allowed host "
                                                 "(with none, all egress is blocked)"),
                                  n));
        }
    }
    return out;
}

QList<ValidationItem> validatePackages(const QMap<QString, QStringList> &packages, const QVariantList &loc)
{
    QList<ValidationItem> out;
    const QStringList managers = packageManagers();
    for (auto it = packages.cbegin(); it != packages.cend(); ++it) {
        if (!managers.contains(it.key()))
            out.append(valueError(loc,
                                  QStringLiteral("Unknown package manager %1. Must be one of: %2")
                                      .arg(pyRepr(it.key()), managers.join(QStringLiteral(", "))),
                                  Json::toObject(packages)));
    }
    return out;
}

QList<ValidationItem> validateEnvVarKeys(const QMap<QString, QString> &vars, const QVariantList &loc)
{
    QList<ValidationItem> out;
    for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
        if (!isValidEnvVarKey(it.key()))
            out.append(valueError(loc,
                                  QStringLiteral("Invalid env var key %1: must match ^[A-Za-z_][A-Za-z0-9_]*$")
                                      .arg(pyRepr(it.key())),
                                  // Never echo the values: they are secrets.
                                  QJsonValue(it.key())));
    }
    return out;
}

QList<ValidationItem> validateTimeout(int timeout, const QVariantList &loc)
{
    if (timeout < MinTimeout)
        return {item(loc, QStringLiteral("greater_than_equal"),
                     QStringLiteral("Input should be greater than or equal to %1").arg(MinTimeout), timeout)};
    if (timeout > MaxTimeout)
        return {item(loc, QStringLiteral("less_than_equal"),
                     QStringLiteral("Input should be less than or equal to %1").arg(MaxTimeout), timeout)};
    return {};
}

QList<ValidationItem> validateResources(const QList<RepositoryResource> &resources)
{
    QList<ValidationItem> out;
    for (qsizetype i = 0; i < resources.size(); ++i) {
        const RepositoryResource &r = resources.at(i);
        if (!isValidRepositoryUrl(r.url))
            out.append(valueError({QStringLiteral("resources"), int(i), QStringLiteral("url")},
                                  QStringLiteral("Invalid GitHub repository URL %1: expected "
                                                 "https://github.com/<owner>/<repo>")
                                      .arg(pyRepr(r.url)),
                                  r.url));
        if (!r.mountPath.isEmpty()) {
            const QVariantList loc = {QStringLiteral("resources"), int(i), QStringLiteral("mount_path")};
            // Like the Python SDK, a trailing slash is dropped before the reserved-path check
            // ("/home/sprite/" is refused too; the server alone would accept it).
            QString normalized = r.mountPath;
            while (normalized.size() > 1 && normalized.endsWith(QLatin1Char('/')))
                normalized.chop(1);
            if (!r.mountPath.startsWith(QLatin1Char('/')))
                out.append(valueError(loc, QStringLiteral("mount_path must be an absolute path"), r.mountPath));
            else if (normalized == QLatin1String("/") || normalized == QLatin1String("/home/sprite"))
                out.append(valueError(loc, QStringLiteral("mount_path must not be '/' or '/home/sprite'"),
                                      r.mountPath));
        }
    }
    QJsonArray all;
    for (const RepositoryResource &r : resources)
        all.append(r.toJson());
    if (resources.size() > MaxResources)
        out.append(valueError(locOf("resources"),
                              QStringLiteral("Maximum %1 resources per session").arg(MaxResources), all));
    QSet<QString> paths;
    for (const RepositoryResource &r : resources) {
        const QString path = r.resolvedMountPath();
        if (paths.contains(path)) {
            out.append(valueError(locOf("resources"), QStringLiteral("Duplicate mount_path in resources"), all));
            break;
        }
        paths.insert(path);
    }
    return out;
}

} // namespace Aod::Validation

// --- request bodies -------------------------------------------------------------------------

namespace Aod {

using namespace Validation;

namespace {

// name, provider and model of an agent body. \a required: create (absent fields are missing).
void checkAgentCore(QList<ValidationItem> &out, const QJsonObject &body, bool required,
                    const std::optional<QString> &name, const std::optional<QString> &provider,
                    const std::optional<QString> &model)
{
    const auto present = [](const std::optional<QString> &v) { return v && !v->isNull(); };
    bool coreOk = true;
    if (present(name))
        checkMaxLength(out, locOf("name"), *name, MaxNameLength);
    else if (required)
        out.append(missing(locOf("name"), body));

    const qsizetype before = out.size();
    if (present(provider))
        checkMaxLength(out, locOf("provider"), *provider, MaxProviderLength);
    else if (required)
        out.append(missing(locOf("provider"), body));
    if (present(model)) {
        checkMaxLength(out, locOf("model"), *model, MaxModelLength);
        if (model->trimmed().isEmpty())
            out.append(valueError(locOf("model"), QStringLiteral("Model must be a non-empty string"), *model));
    } else if (required) {
        out.append(missing(locOf("model"), body));
    }
    coreOk = out.size() == before;

    // Normalisation: the server answers these with a 422 string detail after the body checks.
    if (!coreOk || !present(provider))
        return;
    if (present(model)) {
        const ProviderModel pm = normalizeProviderModel(*provider, *model);
        if (!pm.error.isEmpty()) {
            const bool aboutProvider = pm.error.startsWith(QLatin1String("Unknown provider"));
            out.append(item(locOf(aboutProvider ? "provider" : "model"), QStringLiteral("value_error"), pm.error,
                            aboutProvider ? *provider : *model));
        }
    } else {
        // An update may change the provider alone; the stored model is unknown here.
        const ProviderModel pm = normalizeProviderModel(*provider, QStringLiteral("x"));
        if (!pm.error.isEmpty())
            out.append(item(locOf("provider"), QStringLiteral("value_error"), pm.error, *provider));
    }
}

} // namespace

QList<ValidationItem> AgentDraft::validate() const
{
    QList<ValidationItem> out;
    const QJsonObject body = toJson();
    const QJsonValue sentProvider = body.value(QLatin1String("provider"));
    checkAgentCore(out, body, true, name,
                   sentProvider.isString() ? std::optional<QString>(sentProvider.toString()) : std::nullopt, model);
    out += validateSkills(skills);
    out += validateMcpServers(mcpServers);
    return out;
}

QList<ValidationItem> AgentPatch::validate() const
{
    QList<ValidationItem> out;
    const QJsonObject body = toJson();
    const auto sent = [](const std::optional<QString> &v) {
        return v ? std::optional<QString>(Json::nonNull(*v)) : std::nullopt;
    };
    // "" for provider/model means "keep the stored value" on the server: only check real values.
    const auto sentNonEmpty = [](const std::optional<QString> &v) {
        return v && !v->isEmpty() ? v : std::nullopt;
    };
    checkAgentCore(out, body, false, sent(name), sentNonEmpty(provider),
                   model ? sent(model) : std::nullopt);
    if (skills)
        out += validateSkills(*skills);
    if (mcpServers)
        out += validateMcpServers(*mcpServers);
    return out;
}

QList<ValidationItem> EnvironmentDraft::validate() const
{
    QList<ValidationItem> out;
    if (name.isNull())
        out.append(missing(locOf("name"), toJson()));
    else
        checkMaxLength(out, locOf("name"), name, MaxNameLength);
    out += validatePackages(packages, locOf("packages"));
    out += validateEnvVarKeys(envVars, locOf("env_vars"));
    out += validateNetworking(networking, locOf("networking"));
    return out;
}

QList<ValidationItem> EnvironmentPatch::validate() const
{
    QList<ValidationItem> out;
    if (name)
        checkMaxLength(out, locOf("name"), *name, MaxNameLength);
    if (packages)
        out += validatePackages(*packages, locOf("packages"));
    if (envVars)
        out += validateEnvVarKeys(*envVars, locOf("env_vars"));
    if (networking)
        out += validateNetworking(*networking, locOf("networking"));
    return out;
}

QList<ValidationItem> SessionDraft::validate() const
{
    QList<ValidationItem> out;
    if (agentId.isNull())
        out.append(missing(locOf("agent_id"), toJson()));
    if (timeout)
        out += validateTimeout(*timeout, locOf("timeout"));
    out += validateResources(resources);
    out += validateEnvVarKeys(secretEnvVars, locOf("secret_env_vars"));
    return out;
}

QList<ValidationItem> PromptRequest::validate() const
{
    if (timeout)
        return validateTimeout(*timeout, locOf("timeout"));
    return {};
}

} // namespace Aod
