#include "bodyoptions.h"

#include "exitcodes.h"

#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>
#include <limits>

namespace AodCli {

namespace {

OptionSpec value(const QString &name, const QString &valueName, const QString &help, bool repeatable = false)
{
    OptionSpec spec;
    spec.name = name;
    spec.kind = OptionSpec::Value;
    spec.valueName = valueName;
    spec.help = help;
    spec.repeatable = repeatable;
    return spec;
}

OptionSpec flag(const QString &name, const QString &help)
{
    OptionSpec spec;
    spec.name = name;
    spec.help = help;
    return spec;
}

// --- JSON body reading with pydantic-shaped items for wrong types -----------------------------

class JsonBody
{
public:
    explicit JsonBody(const QJsonObject &obj) : m_obj(obj) {}

    bool has(const QString &key) const { return m_obj.contains(key); }
    bool isNull(const QString &key) const { return m_obj.value(key).isNull(); }

    //! Absent or null -> nullopt; a string -> it; anything else -> an item.
    std::optional<QString> string(const QString &key)
    {
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isString()) {
            addItem({key}, QStringLiteral("Input should be a valid string"), QStringLiteral("string_type"), v);
            return std::nullopt;
        }
        return v.toString();
    }
    std::optional<int> integer(const QString &key)
    {
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (v.isDouble() && v.toDouble() == double(qint64(v.toDouble())))
            return int(v.toDouble());
        if (v.isString()) { // pydantic's lax mode takes "120" for an int (contract §1.4)
            bool ok = false;
            const int i = v.toString().trimmed().toInt(&ok);
            if (ok)
                return i;
        }
        addItem({key}, QStringLiteral("Input should be a valid integer"), QStringLiteral("int_type"), v);
        return std::nullopt;
    }
    std::optional<QJsonObject> object(const QString &key)
    {
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isObject()) {
            addItem({key}, QStringLiteral("Input should be a valid dictionary"), QStringLiteral("dict_type"), v);
            return std::nullopt;
        }
        return v.toObject();
    }
    std::optional<QJsonArray> array(const QString &key)
    {
        const QJsonValue v = m_obj.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isArray()) {
            addItem({key}, QStringLiteral("Input should be a valid list"), QStringLiteral("list_type"), v);
            return std::nullopt;
        }
        return v.toArray();
    }
    //! An object of strings (env_vars, secret_env_vars).
    std::optional<QMap<QString, QString>> stringMap(const QString &key)
    {
        const auto obj = object(key);
        if (!obj)
            return std::nullopt;
        QMap<QString, QString> map;
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            if (!it.value().isString()) {
                addItem({key, it.key()}, QStringLiteral("Input should be a valid string"),
                        QStringLiteral("string_type"), it.value());
                continue;
            }
            map.insert(it.key(), it.value().toString());
        }
        return map;
    }
    //! An object of string arrays (packages).
    std::optional<QMap<QString, QStringList>> stringListMap(const QString &key)
    {
        const auto obj = object(key);
        if (!obj)
            return std::nullopt;
        QMap<QString, QStringList> map;
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            if (!it.value().isArray()) {
                addItem({key, it.key()}, QStringLiteral("Input should be a valid list"),
                        QStringLiteral("list_type"), it.value());
                continue;
            }
            QStringList list;
            const QJsonArray arr = it.value().toArray();
            for (qsizetype i = 0; i < arr.size(); ++i) {
                if (!arr.at(i).isString()) {
                    addItem({key, it.key(), int(i)}, QStringLiteral("Input should be a valid string"),
                            QStringLiteral("string_type"), arr.at(i));
                    continue;
                }
                list.append(arr.at(i).toString());
            }
            map.insert(it.key(), list);
        }
        return map;
    }
    std::optional<QList<Aod::AgentSkill>> skills()
    {
        const auto arr = array(QStringLiteral("skills"));
        if (!arr)
            return std::nullopt;
        QList<Aod::AgentSkill> list;
        for (qsizetype i = 0; i < arr->size(); ++i) {
            if (!arr->at(i).isObject()) {
                addItem({QStringLiteral("skills"), int(i)}, QStringLiteral("Input should be a valid dictionary"),
                        QStringLiteral("dict_type"), arr->at(i));
                continue;
            }
            list.append(Aod::AgentSkill::fromJson(arr->at(i).toObject()));
        }
        return list;
    }
    std::optional<QList<Aod::McpServer>> mcpServers()
    {
        const auto arr = array(QStringLiteral("mcp_servers"));
        if (!arr)
            return std::nullopt;
        QList<Aod::McpServer> list;
        for (qsizetype i = 0; i < arr->size(); ++i) {
            if (!arr->at(i).isObject()) {
                addItem({QStringLiteral("mcp_servers"), int(i)}, QStringLiteral("Input should be a valid dictionary"),
                        QStringLiteral("dict_type"), arr->at(i));
                continue;
            }
            list.append(Aod::McpServer::fromJson(arr->at(i).toObject()));
        }
        return list;
    }

    void addItem(const QVariantList &loc, const QString &msg, const QString &type, const QJsonValue &input)
    {
        Aod::ValidationItem item;
        item.loc = loc;
        item.msg = msg;
        item.type = type;
        item.input = input;
        m_items.append(item);
    }
    //! Throws CliError (validation) listing every item, if any.
    void finish(const QString &option) const
    {
        if (m_items.isEmpty())
            return;
        Aod::Error error(Aod::Error::Code::ValidationError, QString());
        error.setValidationItems(m_items);
        QStringList lines = describeError(error);
        const QString first = lines.takeFirst();
        throw CliError(ExitValidation, QStringLiteral("--%1: ").arg(option) + first, lines);
    }

private:
    QJsonObject m_obj;
    QList<Aod::ValidationItem> m_items;
};

bool g_stdinUsed = false;

QString textOption(const ParsedArgs &args, const QString &textName, const QString &fileName)
{
    if (args.isSet(textName) && args.isSet(fileName))
        throw usageError(QStringLiteral("give --%1 or --%2, not both").arg(textName, fileName));
    if (args.isSet(fileName))
        return QString::fromUtf8(readInputFile(fileName, args.value(fileName)));
    return args.value(textName);
}

QJsonObject fromJsonBody(const ParsedArgs &args)
{
    if (!args.isSet(QStringLiteral("from-json")))
        return {};
    return readJsonObjectFile(QStringLiteral("from-json"), args.value(QStringLiteral("from-json")));
}

QList<Aod::AgentSkill> skillsFromOptions(const ParsedArgs &args)
{
    QList<Aod::AgentSkill> skills;
    for (const QString &path : args.values(QStringLiteral("skill-file")))
        skills += parseSkillFile(path, readInputFile(QStringLiteral("skill-file"), path));
    return skills;
}

QList<Aod::McpServer> mcpFromOptions(const ParsedArgs &args)
{
    QList<Aod::McpServer> servers;
    for (const QString &path : args.values(QStringLiteral("mcp-file")))
        servers += parseMcpFile(path, readInputFile(QStringLiteral("mcp-file"), path));
    return servers;
}

QMap<QString, QStringList> packagesFromOptions(const ParsedArgs &args)
{
    QMap<QString, QStringList> packages;
    for (const QString &spec : args.values(QStringLiteral("package"))) {
        const auto [manager, name] = parsePackageSpec(spec);
        if (!packages[manager].contains(name))
            packages[manager].append(name);
    }
    return packages;
}

QMap<QString, QString> envFromOptions(const ParsedArgs &args)
{
    QMap<QString, QString> vars;
    for (const QString &path : args.values(QStringLiteral("env-file")))
        parseEnvFile(path, readInputFile(QStringLiteral("env-file"), path), &vars);
    for (const QString &spec : args.values(QStringLiteral("env"))) {
        const auto [key, val] = parseEnvAssignment(QStringLiteral("env"), spec);
        vars.insert(key, val);
    }
    return vars;
}

//! The networking the options ask for, or nullopt when neither --networking nor --allow-host.
std::optional<Aod::Networking> networkingFromOptions(const ParsedArgs &args)
{
    const bool typeGiven = args.isSet(QStringLiteral("networking"));
    const QStringList hosts = args.values(QStringLiteral("allow-host"));
    if (!typeGiven && hosts.isEmpty())
        return std::nullopt;
    Aod::Networking net;
    net.type = typeGiven ? args.value(QStringLiteral("networking")).trimmed() : QStringLiteral("limited");
    if (net.type != QLatin1String("limited") && net.type != QLatin1String("unrestricted"))
        throw usageError(QStringLiteral("--networking expects 'limited' or 'unrestricted', got '%1'").arg(net.type));
    if (!hosts.isEmpty() && !net.isLimited())
        throw usageError(QStringLiteral("--allow-host needs --networking limited"));
    net.allowedHosts = hosts;
    return net;
}

QJsonObject metadataFromOptions(const ParsedArgs &args, QJsonObject base)
{
    for (const QString &spec : args.values(QStringLiteral("metadata")))
        parseMetadata(spec, &base);
    return base;
}

} // namespace

// --- option lists ------------------------------------------------------------------------------

QList<OptionSpec> agentBodyOptions(bool update)
{
    QList<OptionSpec> specs{
        value(QStringLiteral("name"), QStringLiteral("NAME"), QStringLiteral("agent name (at most 200 characters)")),
        value(QStringLiteral("provider"), QStringLiteral("PROVIDER"), QStringLiteral("anthropic or openai")),
        value(QStringLiteral("model"), QStringLiteral("MODEL"),
              QStringLiteral("model name; a matching provider prefix (anthropic/...) is removed")),
        value(QStringLiteral("system"), QStringLiteral("TEXT"),
              update ? QStringLiteral("system prompt (\"\" clears it)")
                     : QStringLiteral("system prompt, prepended to the first turn")),
        value(QStringLiteral("system-file"), QStringLiteral("FILE"), QStringLiteral("system prompt from FILE (- for stdin)")),
        value(QStringLiteral("description"), QStringLiteral("TEXT"),
              update ? QStringLiteral("description (\"\" clears it)") : QStringLiteral("description")),
        value(QStringLiteral("environment"), QStringLiteral("ID"), QStringLiteral("default environment id")),
        value(QStringLiteral("metadata"), QStringLiteral("K=V"),
              update ? QStringLiteral("set metadata key K (repeatable); K= deletes it, K:=JSON sets a JSON value")
                     : QStringLiteral("metadata key K (repeatable); K:=JSON sets a JSON value"),
              true),
        value(QStringLiteral("skill-file"), QStringLiteral("FILE"),
              update ? QStringLiteral("replace the skills with those in FILE (repeatable): SKILL.md with "
                                      "name/description front matter, or JSON skill objects")
                     : QStringLiteral("add the skills in FILE (repeatable): SKILL.md with name/description "
                                      "front matter, or JSON skill objects"),
              true),
        value(QStringLiteral("mcp-file"), QStringLiteral("FILE"),
              update ? QStringLiteral("replace the MCP servers with those in FILE (repeatable): a JSON array, "
                                      "one server object, or {\"mcpServers\": {...}}")
                     : QStringLiteral("add the MCP servers in FILE (repeatable): a JSON array, one server "
                                      "object, or {\"mcpServers\": {...}}"),
              true),
        value(QStringLiteral("from-json"), QStringLiteral("FILE"),
              QStringLiteral("the request body as JSON (- for stdin); options override its fields")),
    };
    if (update) {
        specs += value(QStringLiteral("version"), QStringLiteral("N"),
                       QStringLiteral("the version the edit is based on (default: the current one)"));
        specs += flag(QStringLiteral("detach-environment"), QStringLiteral("remove the default environment"));
        specs += flag(QStringLiteral("clear-skills"), QStringLiteral("remove every skill"));
        specs += flag(QStringLiteral("clear-mcp"), QStringLiteral("remove every MCP server"));
    } else {
        specs += value(QStringLiteral("runtime"), QStringLiteral("RUNTIME"),
                       QStringLiteral("legacy: derive the provider from claude/codex"));
    }
    return specs;
}

QList<OptionSpec> environmentBodyOptions(bool update)
{
    QList<OptionSpec> specs{
        value(QStringLiteral("name"), QStringLiteral("NAME"),
              QStringLiteral("environment name (unique among active environments)")),
        value(QStringLiteral("package"), QStringLiteral("MGR:PKG"),
              QStringLiteral("a package, e.g. apt:jq, pip:requests (repeatable; apt cargo gem go npm pip)"), true),
        value(QStringLiteral("env"), QStringLiteral("K=V"),
              QStringLiteral("environment variable (repeatable; K alone takes $K from this shell)"), true),
        value(QStringLiteral("env-file"), QStringLiteral("FILE"),
              QStringLiteral("environment variables from a KEY=VALUE file (repeatable)"), true),
        value(QStringLiteral("setup-script"), QStringLiteral("TEXT"), QStringLiteral("bash run while provisioning")),
        value(QStringLiteral("setup-script-file"), QStringLiteral("FILE"), QStringLiteral("setup script from FILE (- for stdin)")),
        value(QStringLiteral("networking"), QStringLiteral("TYPE"), QStringLiteral("unrestricted or limited")),
        value(QStringLiteral("allow-host"), QStringLiteral("HOST"),
              QStringLiteral("allowed egress host with limited networking (repeatable; implies limited)"), true),
        value(QStringLiteral("from-json"), QStringLiteral("FILE"),
              QStringLiteral("the request body as JSON (- for stdin); options override its fields")),
    };
    if (update) {
        specs += value(QStringLiteral("version"), QStringLiteral("N"),
                       QStringLiteral("the version the edit is based on (default: the current one)"));
        specs += flag(QStringLiteral("clear-packages"), QStringLiteral("remove every package"));
        specs += flag(QStringLiteral("clear-env"), QStringLiteral("remove every environment variable"));
    }
    return specs;
}

QList<OptionSpec> sessionCreateOptions()
{
    return {
        value(QStringLiteral("agent"), QStringLiteral("ID"), QStringLiteral("the agent to run (required)")),
        value(QStringLiteral("prompt"), QStringLiteral("TEXT"), QStringLiteral("the first prompt")),
        value(QStringLiteral("prompt-file"), QStringLiteral("FILE"), QStringLiteral("the first prompt from FILE (- for stdin)")),
        value(QStringLiteral("timeout"), QStringLiteral("SECS"), QStringLiteral("seconds allowed per turn, 10..3600 (server default 600)")),
        value(QStringLiteral("environment"), QStringLiteral("ID"), QStringLiteral("environment (default: the agent's)")),
        value(QStringLiteral("repo"), QStringLiteral("URL[@MOUNT][#TOKEN_ENV]"),
              QStringLiteral("GitHub repository to clone (repeatable); TOKEN_ENV names the variable holding its token"),
              true),
        value(QStringLiteral("secret-env"), QStringLiteral("K=V"),
              QStringLiteral("secret environment variable, e.g. an API key (repeatable; K alone takes $K)"), true),
        value(QStringLiteral("from-json"), QStringLiteral("FILE"),
              QStringLiteral("the request body as JSON (- for stdin); options override its fields")),
    };
}

QList<OptionSpec> promptOptions()
{
    return {
        value(QStringLiteral("prompt"), QStringLiteral("TEXT"), QStringLiteral("the prompt")),
        value(QStringLiteral("prompt-file"), QStringLiteral("FILE"), QStringLiteral("the prompt from FILE (- for stdin)")),
        value(QStringLiteral("timeout"), QStringLiteral("SECS"), QStringLiteral("seconds allowed for this turn, 10..3600")),
        value(QStringLiteral("from-json"), QStringLiteral("FILE"),
              QStringLiteral("the request body as JSON (- for stdin); options override its fields")),
    };
}

// --- agents --------------------------------------------------------------------------------------

Aod::AgentDraft agentDraftFromArgs(const ParsedArgs &args)
{
    const QJsonObject json = fromJsonBody(args);
    JsonBody body(json);
    Aod::AgentDraft draft;
    draft.name = body.string(QStringLiteral("name")).value_or(QString());
    draft.provider = body.string(QStringLiteral("provider")).value_or(QString());
    draft.model = body.string(QStringLiteral("model")).value_or(QString());
    draft.system = body.string(QStringLiteral("system")).value_or(QString());
    draft.description = body.string(QStringLiteral("description")).value_or(QString());
    draft.environmentId = body.string(QStringLiteral("environment_id")).value_or(QString());
    draft.runtime = body.string(QStringLiteral("runtime")).value_or(QString());
    draft.skills = body.skills().value_or(QList<Aod::AgentSkill>());
    draft.mcpServers = body.mcpServers().value_or(QList<Aod::McpServer>());
    draft.metadata = body.object(QStringLiteral("metadata")).value_or(QJsonObject());
    body.finish(QStringLiteral("from-json"));

    if (args.isSet(QStringLiteral("name")))
        draft.name = args.value(QStringLiteral("name"));
    if (args.isSet(QStringLiteral("provider")))
        draft.provider = args.value(QStringLiteral("provider"));
    if (args.isSet(QStringLiteral("model")))
        draft.model = args.value(QStringLiteral("model"));
    if (args.isSet(QStringLiteral("runtime")))
        draft.runtime = args.value(QStringLiteral("runtime"));
    if (args.isSet(QStringLiteral("system")) || args.isSet(QStringLiteral("system-file")))
        draft.system = textOption(args, QStringLiteral("system"), QStringLiteral("system-file"));
    if (args.isSet(QStringLiteral("description")))
        draft.description = args.value(QStringLiteral("description"));
    if (args.isSet(QStringLiteral("environment")))
        draft.environmentId = args.value(QStringLiteral("environment"));
    draft.metadata = metadataFromOptions(args, draft.metadata);
    draft.skills += skillsFromOptions(args);
    draft.mcpServers += mcpFromOptions(args);
    return draft;
}

Aod::AgentPatch agentPatchFromArgs(const ParsedArgs &args, bool *versionGiven)
{
    const QJsonObject json = fromJsonBody(args);
    JsonBody body(json);
    Aod::AgentPatch patch;
    const std::optional<int> jsonVersion = body.integer(QStringLiteral("version"));
    patch.name = body.string(QStringLiteral("name"));
    patch.provider = body.string(QStringLiteral("provider"));
    patch.model = body.string(QStringLiteral("model"));
    patch.system = body.string(QStringLiteral("system"));
    patch.description = body.string(QStringLiteral("description"));
    patch.environmentId = body.string(QStringLiteral("environment_id"));
    if (body.has(QStringLiteral("environment_id")) && body.isNull(QStringLiteral("environment_id")))
        patch.detachEnvironment(); // an explicit null detaches (contract §4.1)
    patch.skills = body.skills();
    patch.mcpServers = body.mcpServers();
    patch.metadata = body.object(QStringLiteral("metadata"));
    body.finish(QStringLiteral("from-json"));

    bool given = jsonVersion.has_value();
    if (jsonVersion)
        patch.version = *jsonVersion;
    if (args.isSet(QStringLiteral("version"))) {
        patch.version = intValue(args, QStringLiteral("version"), 1, std::numeric_limits<int>::max());
        given = true;
    }
    if (versionGiven)
        *versionGiven = given;

    if (args.isSet(QStringLiteral("name")))
        patch.name = args.value(QStringLiteral("name"));
    if (args.isSet(QStringLiteral("provider")))
        patch.provider = args.value(QStringLiteral("provider"));
    if (args.isSet(QStringLiteral("model")))
        patch.model = args.value(QStringLiteral("model"));
    if (args.isSet(QStringLiteral("system")) || args.isSet(QStringLiteral("system-file")))
        patch.system = textOption(args, QStringLiteral("system"), QStringLiteral("system-file"));
    if (args.isSet(QStringLiteral("description")))
        patch.description = args.value(QStringLiteral("description"));
    if (args.isSet(QStringLiteral("environment")) && args.isSet(QStringLiteral("detach-environment")))
        throw usageError(QStringLiteral("give --environment or --detach-environment, not both"));
    if (args.isSet(QStringLiteral("environment")))
        patch.environmentId = args.value(QStringLiteral("environment"));
    if (args.isSet(QStringLiteral("detach-environment")))
        patch.detachEnvironment();
    if (args.isSet(QStringLiteral("metadata")))
        patch.metadata = metadataFromOptions(args, patch.metadata.value_or(QJsonObject()));
    if (args.isSet(QStringLiteral("clear-skills")) && args.isSet(QStringLiteral("skill-file")))
        throw usageError(QStringLiteral("give --skill-file or --clear-skills, not both"));
    if (args.isSet(QStringLiteral("clear-skills")))
        patch.skills = QList<Aod::AgentSkill>();
    if (args.isSet(QStringLiteral("skill-file")))
        patch.skills = skillsFromOptions(args);
    if (args.isSet(QStringLiteral("clear-mcp")) && args.isSet(QStringLiteral("mcp-file")))
        throw usageError(QStringLiteral("give --mcp-file or --clear-mcp, not both"));
    if (args.isSet(QStringLiteral("clear-mcp")))
        patch.mcpServers = QList<Aod::McpServer>();
    if (args.isSet(QStringLiteral("mcp-file")))
        patch.mcpServers = mcpFromOptions(args);
    return patch;
}

// --- environments -------------------------------------------------------------------------------

Aod::EnvironmentDraft environmentDraftFromArgs(const ParsedArgs &args)
{
    const QJsonObject json = fromJsonBody(args);
    JsonBody body(json);
    Aod::EnvironmentDraft draft;
    draft.name = body.string(QStringLiteral("name")).value_or(QString());
    draft.packages = body.stringListMap(QStringLiteral("packages")).value_or(QMap<QString, QStringList>());
    draft.envVars = body.stringMap(QStringLiteral("env_vars")).value_or(QMap<QString, QString>());
    draft.setupScript = body.string(QStringLiteral("setup_script")).value_or(QString());
    if (const auto net = body.object(QStringLiteral("networking")))
        draft.networking = Aod::Networking::fromJson(*net);
    body.finish(QStringLiteral("from-json"));

    if (args.isSet(QStringLiteral("name")))
        draft.name = args.value(QStringLiteral("name"));
    const QMap<QString, QStringList> packages = packagesFromOptions(args);
    for (auto it = packages.begin(); it != packages.end(); ++it) {
        for (const QString &pkg : it.value()) {
            if (!draft.packages[it.key()].contains(pkg))
                draft.packages[it.key()].append(pkg);
        }
    }
    const QMap<QString, QString> vars = envFromOptions(args);
    for (auto it = vars.begin(); it != vars.end(); ++it)
        draft.envVars.insert(it.key(), it.value());
    if (args.isSet(QStringLiteral("setup-script")) || args.isSet(QStringLiteral("setup-script-file")))
        draft.setupScript = textOption(args, QStringLiteral("setup-script"), QStringLiteral("setup-script-file"));
    if (const auto net = networkingFromOptions(args))
        draft.networking = *net;
    return draft;
}

Aod::EnvironmentPatch environmentPatchFromArgs(const ParsedArgs &args, bool *versionGiven)
{
    const QJsonObject json = fromJsonBody(args);
    JsonBody body(json);
    Aod::EnvironmentPatch patch;
    const std::optional<int> jsonVersion = body.integer(QStringLiteral("version"));
    patch.name = body.string(QStringLiteral("name"));
    patch.packages = body.stringListMap(QStringLiteral("packages"));
    patch.envVars = body.stringMap(QStringLiteral("env_vars"));
    patch.setupScript = body.string(QStringLiteral("setup_script"));
    if (const auto net = body.object(QStringLiteral("networking")))
        patch.networking = Aod::Networking::fromJson(*net);
    body.finish(QStringLiteral("from-json"));

    bool given = jsonVersion.has_value();
    if (jsonVersion)
        patch.version = *jsonVersion;
    if (args.isSet(QStringLiteral("version"))) {
        patch.version = intValue(args, QStringLiteral("version"), 1, std::numeric_limits<int>::max());
        given = true;
    }
    if (versionGiven)
        *versionGiven = given;

    if (args.isSet(QStringLiteral("name")))
        patch.name = args.value(QStringLiteral("name"));
    if (args.isSet(QStringLiteral("clear-packages")) && args.isSet(QStringLiteral("package")))
        throw usageError(QStringLiteral("give --package or --clear-packages, not both"));
    if (args.isSet(QStringLiteral("clear-packages")))
        patch.packages = QMap<QString, QStringList>();
    if (args.isSet(QStringLiteral("package")))
        patch.packages = packagesFromOptions(args);
    const bool envGiven = args.isSet(QStringLiteral("env")) || args.isSet(QStringLiteral("env-file"));
    if (args.isSet(QStringLiteral("clear-env")) && envGiven)
        throw usageError(QStringLiteral("give --env/--env-file or --clear-env, not both"));
    if (args.isSet(QStringLiteral("clear-env")))
        patch.envVars = QMap<QString, QString>();
    if (envGiven)
        patch.envVars = envFromOptions(args);
    if (args.isSet(QStringLiteral("setup-script")) || args.isSet(QStringLiteral("setup-script-file")))
        patch.setupScript = textOption(args, QStringLiteral("setup-script"), QStringLiteral("setup-script-file"));
    if (const auto net = networkingFromOptions(args))
        patch.networking = *net;
    return patch;
}

// --- sessions -------------------------------------------------------------------------------------

Aod::SessionDraft sessionDraftFromArgs(const ParsedArgs &args)
{
    const QJsonObject json = fromJsonBody(args);
    JsonBody body(json);
    Aod::SessionDraft draft;
    draft.agentId = body.string(QStringLiteral("agent_id")).value_or(QString());
    draft.prompt = body.string(QStringLiteral("prompt")).value_or(QString());
    draft.timeout = body.integer(QStringLiteral("timeout"));
    draft.environmentId = body.string(QStringLiteral("environment_id")).value_or(QString());
    draft.secretEnvVars = body.stringMap(QStringLiteral("secret_env_vars")).value_or(QMap<QString, QString>());
    if (const auto resources = body.array(QStringLiteral("resources"))) {
        for (qsizetype i = 0; i < resources->size(); ++i) {
            const QJsonValue v = resources->at(i);
            if (!v.isObject()) {
                body.addItem({QStringLiteral("resources"), int(i)}, QStringLiteral("Input should be a valid dictionary"),
                             QStringLiteral("dict_type"), v);
                continue;
            }
            const QJsonObject o = v.toObject();
            Aod::RepositoryResource res;
            res.url = o.value(QLatin1String("url")).toString();
            res.mountPath = o.value(QLatin1String("mount_path")).toString();
            res.authorizationToken = o.value(QLatin1String("authorization_token")).toString();
            draft.resources.append(res);
        }
    }
    body.finish(QStringLiteral("from-json"));

    if (args.isSet(QStringLiteral("agent")))
        draft.agentId = args.value(QStringLiteral("agent"));
    if (args.isSet(QStringLiteral("prompt")) || args.isSet(QStringLiteral("prompt-file")))
        draft.prompt = textOption(args, QStringLiteral("prompt"), QStringLiteral("prompt-file"));
    if (args.isSet(QStringLiteral("timeout")))
        draft.timeout = intValue(args, QStringLiteral("timeout"), 0, std::numeric_limits<int>::max());
    if (args.isSet(QStringLiteral("environment")))
        draft.environmentId = args.value(QStringLiteral("environment"));
    for (const QString &spec : args.values(QStringLiteral("repo")))
        draft.resources.append(parseRepoSpec(spec));
    for (const QString &spec : args.values(QStringLiteral("secret-env"))) {
        const auto [key, val] = parseEnvAssignment(QStringLiteral("secret-env"), spec);
        draft.secretEnvVars.insert(key, val);
    }
    if (draft.agentId.isEmpty())
        throw usageError(QStringLiteral("--agent ID is required"));
    return draft;
}

Aod::PromptRequest promptFromArgs(const ParsedArgs &args, const QString &positionalPrompt)
{
    const QJsonObject json = fromJsonBody(args);
    JsonBody body(json);
    Aod::PromptRequest request;
    const std::optional<QString> jsonPrompt = body.string(QStringLiteral("prompt"));
    request.prompt = jsonPrompt.value_or(QString());
    request.timeout = body.integer(QStringLiteral("timeout"));
    body.finish(QStringLiteral("from-json"));

    const bool optionGiven = args.isSet(QStringLiteral("prompt")) || args.isSet(QStringLiteral("prompt-file"));
    if (optionGiven && !positionalPrompt.isNull())
        throw usageError(QStringLiteral("give the prompt as an argument or with --prompt, not both"));
    if (optionGiven)
        request.prompt = textOption(args, QStringLiteral("prompt"), QStringLiteral("prompt-file"));
    else if (!positionalPrompt.isNull())
        request.prompt = positionalPrompt;
    else if (!jsonPrompt)
        throw usageError(QStringLiteral("a prompt is required (argument, --prompt, --prompt-file or --from-json)"));
    if (args.isSet(QStringLiteral("timeout")))
        request.timeout = intValue(args, QStringLiteral("timeout"), 0, std::numeric_limits<int>::max());
    return request;
}

// --- pieces -----------------------------------------------------------------------------------------

Aod::RepositoryResource parseRepoSpec(const QString &spec)
{
    Aod::RepositoryResource res;
    QString rest = spec.trimmed();
    const qsizetype hash = rest.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0) {
        const QString var = rest.mid(hash + 1);
        rest.truncate(hash);
        if (var.isEmpty())
            throw usageError(QStringLiteral("--repo '%1': empty token variable after '#'").arg(spec));
        const QByteArray value = qgetenv(var.toLocal8Bit().constData());
        if (value.isEmpty()) {
            throw usageError(QStringLiteral("--repo '%1': environment variable %2 (the repository token) is not set")
                                 .arg(spec, var));
        }
        res.authorizationToken = QString::fromLocal8Bit(value);
    }
    // The mount path starts at the first '@' after the scheme: GitHub https URLs carry no user info.
    const qsizetype schemeEnd = rest.indexOf(QLatin1String("://"));
    const qsizetype at = rest.indexOf(QLatin1Char('@'), schemeEnd < 0 ? 0 : schemeEnd + 3);
    if (at >= 0) {
        res.mountPath = rest.mid(at + 1);
        rest.truncate(at);
        if (res.mountPath.isEmpty())
            throw usageError(QStringLiteral("--repo '%1': empty mount path after '@'").arg(spec));
    }
    res.url = rest;
    if (res.url.isEmpty())
        throw usageError(QStringLiteral("--repo '%1': no URL").arg(spec));
    return res;
}

static QString unquoteYaml(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2
        && ((value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            || (value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\''))))) {
        value = value.mid(1, value.size() - 2);
    }
    return value;
}

QList<Aod::AgentSkill> parseSkillFile(const QString &path, const QByteArray &content)
{
    const QByteArray trimmed = content.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(content, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            throw usageError(QStringLiteral("--skill-file %1: invalid JSON at offset %2: %3")
                                 .arg(path)
                                 .arg(parseError.offset)
                                 .arg(parseError.errorString()));
        }
        QList<Aod::AgentSkill> skills;
        const QJsonArray items = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
        for (const QJsonValue &item : items) {
            if (!item.isObject())
                throw usageError(QStringLiteral("--skill-file %1: every skill must be a JSON object").arg(path));
            skills.append(Aod::AgentSkill::fromJson(item.toObject()));
        }
        return skills;
    }

    // A SKILL.md: the whole file is the content; name and description come from the front matter.
    const QString text = QString::fromUtf8(content);
    QString name;
    QString description;
    const QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.first().trimmed() == QLatin1String("---")) {
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QString line = lines.at(i);
            if (line.trimmed() == QLatin1String("---"))
                break;
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            if (colon <= 0 || line.at(0).isSpace())
                continue;
            const QString key = line.left(colon).trimmed();
            if (key == QLatin1String("name"))
                name = unquoteYaml(line.mid(colon + 1));
            else if (key == QLatin1String("description"))
                description = unquoteYaml(line.mid(colon + 1));
        }
    }
    if (name.isEmpty()) {
        // skills/<name>/SKILL.md, or <name>.md
        const QFileInfo info(path);
        name = info.fileName().compare(QLatin1String("SKILL.md"), Qt::CaseInsensitive) == 0
            ? info.absoluteDir().dirName()
            : info.completeBaseName();
        name = name.toLower();
    }
    if (description.isEmpty())
        throw usageError(QStringLiteral("--skill-file %1: no 'description:' in the front matter").arg(path));
    return {Aod::AgentSkill::inlineSkill(name, description, text)};
}

static Aod::McpServer mcpFromClaudeConfig(const QString &name, QJsonObject config)
{
    config.insert(QStringLiteral("name"), name);
    const QString type = config.value(QLatin1String("type")).toString();
    if (type == QLatin1String("http") || type == QLatin1String("sse") || type == QLatin1String("streamable-http"))
        config.insert(QStringLiteral("type"), QStringLiteral("url"));
    else if (type.isEmpty())
        config.insert(QStringLiteral("type"),
                      config.contains(QLatin1String("command")) ? QStringLiteral("stdio") : QStringLiteral("url"));
    return Aod::McpServer::fromJson(config);
}

QList<Aod::McpServer> parseMcpFile(const QString &path, const QByteArray &content)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        throw usageError(QStringLiteral("--mcp-file %1: invalid JSON at offset %2: %3")
                             .arg(path)
                             .arg(parseError.offset)
                             .arg(parseError.errorString()));
    }
    QList<Aod::McpServer> servers;
    auto fromArray = [&](const QJsonArray &arr) {
        for (const QJsonValue &v : arr) {
            if (!v.isObject())
                throw usageError(QStringLiteral("--mcp-file %1: every server must be a JSON object").arg(path));
            servers.append(Aod::McpServer::fromJson(v.toObject()));
        }
    };
    if (doc.isArray()) {
        fromArray(doc.array());
        return servers;
    }
    const QJsonObject obj = doc.object();
    for (const QLatin1String key : {QLatin1String("mcpServers"), QLatin1String("mcp_servers")}) {
        const QJsonValue v = obj.value(key);
        if (v.isArray()) {
            fromArray(v.toArray());
            return servers;
        }
        if (v.isObject()) {
            const QJsonObject map = v.toObject();
            for (auto it = map.begin(); it != map.end(); ++it) {
                if (!it.value().isObject())
                    throw usageError(QStringLiteral("--mcp-file %1: server '%2' must be a JSON object").arg(path, it.key()));
                servers.append(mcpFromClaudeConfig(it.key(), it.value().toObject()));
            }
            return servers;
        }
    }
    servers.append(Aod::McpServer::fromJson(obj));
    return servers;
}

QPair<QString, QString> parsePackageSpec(const QString &spec)
{
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon + 1 >= spec.size())
        throw usageError(QStringLiteral("--package expects MANAGER:PACKAGE (e.g. apt:jq), got '%1'").arg(spec));
    return {spec.left(colon).trimmed(), spec.mid(colon + 1).trimmed()};
}

QPair<QString, QString> parseEnvAssignment(const QString &option, const QString &spec)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    if (eq == 0)
        throw usageError(QStringLiteral("--%1 expects KEY=VALUE or KEY, got '%2'").arg(option, spec));
    if (eq > 0)
        return {spec.left(eq), spec.mid(eq + 1)};
    // KEY alone: the value of KEY here, so that secrets need not appear in the command line.
    const QByteArray name = spec.toLocal8Bit();
    if (!qEnvironmentVariableIsSet(name.constData()))
        throw usageError(QStringLiteral("--%1 %2: %2 is not set in this environment").arg(option, spec));
    return {spec, qEnvironmentVariable(name.constData())};
}

void parseEnvFile(const QString &path, const QByteArray &content, QMap<QString, QString> *vars)
{
    const QStringList lines = QString::fromUtf8(content).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1String("export ")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            throw usageError(QStringLiteral("--env-file %1:%2: expected KEY=VALUE").arg(path).arg(i + 1));
        vars->insert(line.left(eq).trimmed(), unquoteYaml(line.mid(eq + 1)));
    }
}

void parseMetadata(const QString &spec, QJsonObject *metadata)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    if (eq <= 0)
        throw usageError(QStringLiteral("--metadata expects KEY=VALUE or KEY:=JSON, got '%1'").arg(spec));
    QString key = spec.left(eq);
    const QString val = spec.mid(eq + 1);
    if (key.endsWith(QLatin1Char(':')) && key.size() > 1) {
        key.chop(1);
        // Wrap so that scalars parse too: [<value>]
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + val.toUtf8() + "]", &parseError);
        if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1)
            throw usageError(QStringLiteral("--metadata %1: the value after ':=' is not JSON").arg(spec));
        metadata->insert(key, doc.array().at(0));
        return;
    }
    metadata->insert(key, val);
}

QByteArray readInputFile(const QString &option, const QString &path)
{
    if (path == QLatin1String("-")) {
        if (g_stdinUsed)
            throw usageError(QStringLiteral("--%1 -: standard input was already read by another option").arg(option));
        g_stdinUsed = true;
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            throw usageError(QStringLiteral("--%1: cannot read standard input").arg(option));
        return in.readAll();
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw usageError(QStringLiteral("--%1: cannot read %2: %3").arg(option, path, file.errorString()));
    return file.readAll();
}

QJsonObject readJsonObjectFile(const QString &option, const QString &path)
{
    const QByteArray bytes = readInputFile(option, path);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        throw usageError(QStringLiteral("--%1 %2: invalid JSON at offset %3: %4")
                             .arg(option, path)
                             .arg(parseError.offset)
                             .arg(parseError.errorString()));
    }
    if (!doc.isObject())
        throw usageError(QStringLiteral("--%1 %2: the body must be a JSON object").arg(option, path));
    return doc.object();
}

} // namespace AodCli
