#include "validation_p.h"

#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <limits>

namespace Aod::Testing::Internal {

namespace {

const QString kPydanticUrl = QStringLiteral("https://errors.pydantic.dev/2.11/v/");

PyValue key(const QString &k) { return PyValue::string(k); }

qsizetype codePoints(const QString &s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
            ++i;
        ++n;
    }
    return n;
}

QString reprOf(const PyValue &v)
{
    if (v.isString())
        return pyStrRepr(v.toString());
    if (v.isNull())
        return QStringLiteral("None");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    QByteArray d = pyDumps(v);
    d.replace(": null", ": None").replace(": true", ": True").replace(": false", ": False");
    return QString::fromUtf8(d).replace(QLatin1Char('"'), QLatin1Char('\''));
}

std::optional<QString> strField(const PyValue &v, PyArray l, BodyErrors &e, int maxLen = -1)
{
    if (!v.isString()) {
        e.add(QStringLiteral("string_type"), std::move(l), QStringLiteral("Input should be a valid string"), v);
        return std::nullopt;
    }
    if (maxLen >= 0 && codePoints(v.toString()) > maxLen) {
        e.add(QStringLiteral("string_too_long"), std::move(l),
              QStringLiteral("String should have at most %1 characters").arg(maxLen), v);
        return std::nullopt;
    }
    return v.toString();
}

//! pydantic lax int. Returns the int as a PyValue (possibly a big int).
std::optional<PyValue> intField(const PyValue &v, const PyArray &l, BodyErrors &e)
{
    switch (v.type()) {
    case PyValue::Type::Int: return v;
    case PyValue::Type::Bool: return PyValue::integer(v.toBool() ? 1 : 0);
    case PyValue::Type::Float: {
        const double d = v.toDouble();
        if (!std::isfinite(d)) {
            e.add(QStringLiteral("finite_number"), l, QStringLiteral("Input should be a finite number"), v);
            return std::nullopt;
        }
        if (d != std::floor(d)) {
            e.add(QStringLiteral("int_from_float"), l,
                  QStringLiteral("Input should be a valid integer, got a number with a fractional part"), v);
            return std::nullopt;
        }
        if (std::fabs(d) < 9.0e18)
            return PyValue::integer(qint64(d));
        return PyValue::bigInteger(QByteArray::number(d, 'f', 0));
    }
    case PyValue::Type::String: {
        const QString t = v.toString().trimmed();
        static const QRegularExpression re(QStringLiteral("^[+-]?[0-9]+(_[0-9]+)*$"));
        if (re.match(t).hasMatch()) {
            QString digits = t;
            digits.remove(QLatin1Char('_'));
            if (digits.startsWith(QLatin1Char('+')))
                digits.remove(0, 1);
            bool ok = false;
            const qint64 n = digits.toLongLong(&ok);
            if (ok)
                return PyValue::integer(n);
            // strip leading zeros for a canonical big int
            const bool neg = digits.startsWith(QLatin1Char('-'));
            QString mag = neg ? digits.mid(1) : digits;
            while (mag.size() > 1 && mag.startsWith(QLatin1Char('0')))
                mag.remove(0, 1);
            return PyValue::bigInteger((neg ? QByteArray("-") : QByteArray()) + mag.toLatin1());
        }
        e.add(QStringLiteral("int_parsing"), l,
              QStringLiteral("Input should be a valid integer, unable to parse string as an integer"), v);
        return std::nullopt;
    }
    default:
        e.add(QStringLiteral("int_type"), l, QStringLiteral("Input should be a valid integer"), v);
        return std::nullopt;
    }
}

//! timeout: int with ge=10, le=3600.
std::optional<int> timeoutField(const PyValue &body, BodyErrors &e)
{
    const PyValue *v = body.get(u"timeout");
    if (!v)
        return 600;
    const PyArray l = loc(QStringLiteral("timeout"));
    auto n = intField(*v, l, e);
    if (!n)
        return std::nullopt;
    const bool big = !n->bigDigits().isEmpty();
    const bool negBig = big && n->bigDigits().startsWith('-');
    if ((big && negBig) || (!big && n->toInt() < 10)) {
        e.add(QStringLiteral("greater_than_equal"), l, QStringLiteral("Input should be greater than or equal to 10"), *v);
        return std::nullopt;
    }
    if (big || n->toInt() > 3600) {
        e.add(QStringLiteral("less_than_equal"), l, QStringLiteral("Input should be less than or equal to 3600"), *v);
        return std::nullopt;
    }
    return int(n->toInt());
}

bool listField(const PyValue &v, const PyArray &l, BodyErrors &e)
{
    if (v.isArray())
        return true;
    e.add(QStringLiteral("list_type"), l, QStringLiteral("Input should be a valid list"), v);
    return false;
}

bool dictField(const PyValue &v, const PyArray &l, BodyErrors &e)
{
    if (v.isObject())
        return true;
    e.add(QStringLiteral("dict_type"), l, QStringLiteral("Input should be a valid dictionary"), v);
    return false;
}

//! dict[str, str]
bool strDictField(const PyValue &v, const QString &name, BodyErrors &e)
{
    if (!dictField(v, loc(name), e))
        return false;
    bool ok = true;
    for (const auto &m : v.toObject()) {
        if (!m.second.isString()) {
            e.add(QStringLiteral("string_type"), loc(name, key(m.first)), QStringLiteral("Input should be a valid string"),
                  m.second);
            ok = false;
        }
    }
    return ok;
}

//! dict[str, list[str]]
bool packagesTypeField(const PyValue &v, BodyErrors &e)
{
    const QString name = QStringLiteral("packages");
    if (!dictField(v, loc(name), e))
        return false;
    bool ok = true;
    for (const auto &m : v.toObject()) {
        if (!m.second.isArray()) {
            e.add(QStringLiteral("list_type"), loc(name, key(m.first)), QStringLiteral("Input should be a valid list"), m.second);
            ok = false;
            continue;
        }
        const PyArray &items = m.second.toArray();
        for (size_t i = 0; i < items.size(); ++i) {
            if (!items[i].isString()) {
                PyArray l = loc(name, key(m.first));
                l.push_back(PyValue::integer(qint64(i)));
                e.add(QStringLiteral("string_type"), l, QStringLiteral("Input should be a valid string"), items[i]);
                ok = false;
            }
        }
    }
    return ok;
}

const QRegularExpression &envKeyRe()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*\\z"));
    return re;
}

std::optional<QString> checkEnvKeys(const PyValue &v)
{
    for (const auto &m : v.toObject()) {
        if (!envKeyRe().match(m.first).hasMatch())
            return QStringLiteral("Invalid environment variable name: %1").arg(pyStrRepr(m.first));
    }
    return std::nullopt;
}

std::optional<QString> checkPackages(const PyValue &v)
{
    static const QStringList managers = {QStringLiteral("apt"), QStringLiteral("cargo"), QStringLiteral("gem"),
                                         QStringLiteral("go"), QStringLiteral("npm"), QStringLiteral("pip")};
    for (const auto &m : v.toObject()) {
        if (!managers.contains(m.first))
            return QStringLiteral("Unknown package manager: %1. Must be one of: ['apt', 'cargo', 'gem', 'go', 'npm', 'pip']")
                .arg(pyStrRepr(m.first));
    }
    return std::nullopt;
}

std::optional<QString> checkNetworking(const PyValue &v)
{
    const PyValue *t = v.get(u"type");
    const PyValue type = t ? *t : PyValue::string(QStringLiteral("unrestricted"));
    const bool ok = type.isString()
        && (type.toString() == QLatin1String("unrestricted") || type.toString() == QLatin1String("limited"));
    if (!ok)
        return QStringLiteral("networking.type must be 'unrestricted' or 'limited', got %1").arg(reprOf(type));
    if (type.toString() == QLatin1String("limited")) {
        const PyValue *hosts = v.get(u"allowed_hosts");
        if (hosts && !hosts->isArray())
            return QStringLiteral("networking.allowed_hosts must be a list");
    }
    return std::nullopt;
}

//! skill_validation.validate_skills. Returns a ValueError message.
std::optional<QString> checkSkills(const PyArray &skills)
{
    if (skills.size() > 20)
        return QStringLiteral("Maximum 20 skills per agent");
    static const QRegularExpression nameRe(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}\\z"));
    static const QRegularExpression sourceRe(QStringLiteral("^[A-Za-z0-9._-]+/[A-Za-z0-9._-]+\\z"));
    QSet<QString> seen;
    for (size_t i = 0; i < skills.size(); ++i) {
        const QString p = QStringLiteral("skills[%1]").arg(i);
        const PyValue &s = skills[i];
        if (!s.isObject())
            return p + QStringLiteral(" must be an object");
        const bool github = s.contains(u"type");
        const QStringList allowed = github
            ? QStringList{QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("source")}
            : QStringList{QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("content")};
        QStringList extra;
        for (const auto &m : s.toObject()) {
            if (!allowed.contains(m.first))
                extra << pyStrRepr(m.first);
        }
        if (!extra.isEmpty()) {
            extra.sort();
            return p + QStringLiteral(" has unknown fields: [") + extra.join(QStringLiteral(", ")) + QLatin1Char(']');
        }
        const QStringList required = github
            ? QStringList{QStringLiteral("type"), QStringLiteral("description"), QStringLiteral("source")}
            : QStringList{QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("content")};
        for (const QString &r : required) {
            if (!s.contains(r))
                return p + QStringLiteral(" missing required field: ") + r;
        }
        for (const auto &m : s.toObject()) {
            if (!m.second.isString())
                return p + QLatin1Char('.') + m.first + QStringLiteral(" must be a string");
        }
        if (github) {
            if (s.get(u"type")->toString() != QLatin1String("github"))
                return p + QStringLiteral(".type must be 'github'");
            if (!sourceRe.match(s.get(u"source")->toString()).hasMatch())
                return p + QStringLiteral(".source must look like 'owner/repo'");
        } else {
            const QString content = s.get(u"content")->toString();
            if (content.toUtf8().size() > 65536)
                return p + QStringLiteral(".content exceeds 65536 bytes");
            if (content.contains(QLatin1String("SKILL_EOF")))
                return p + QStringLiteral(".content must not contain 'SKILL_EOF'");
        }
        const PyValue *name = s.get(u"name");
        if (name && !nameRe.match(name->toString()).hasMatch())
            return p + QStringLiteral(".name must match ^[a-z0-9][a-z0-9-]{0,63}$");
        if (codePoints(s.get(u"description")->toString()) > 1024)
            return p + QStringLiteral(".description exceeds 1024 characters");
        const QString dedup = name ? name->toString() : QStringLiteral("@github:") + s.get(u"source")->toString();
        if (seen.contains(dedup))
            return p + QStringLiteral(": duplicate name ") + pyStrRepr(dedup);
        seen.insert(dedup);
    }
    return std::nullopt;
}

//! mcp_server_validation.validate_mcp_servers.
std::optional<QString> checkMcpServers(const PyArray &servers, bool *internalError)
{
    QList<PyValue> seen;
    for (size_t i = 0; i < servers.size(); ++i) {
        const QString p = QStringLiteral("mcp_servers[%1]").arg(i);
        const PyValue &s = servers[i];
        if (!s.isObject())
            return p + QStringLiteral(" must be an object");
        const PyValue *name = s.get(u"name");
        if (!name)
            return p + QStringLiteral(" missing required field: name");
        const PyValue *t = s.get(u"type");
        const PyValue type = t ? *t : PyValue::string(QStringLiteral("url"));
        const bool isUrl = type.isString() && type.toString() == QLatin1String("url");
        const bool isStdio = type.isString() && type.toString() == QLatin1String("stdio");
        if (!isUrl && !isStdio)
            return p + QStringLiteral(": type must be 'url' or 'stdio', got ") + reprOf(type);
        if (isUrl && !s.contains(u"url"))
            return p + QStringLiteral(" (url): missing required field: url");
        if (isStdio && !s.contains(u"command"))
            return p + QStringLiteral(" (stdio): missing required field: command");
        if (name->isArray() || name->isObject()) {
            // The names go into a Python set: an unhashable name raises TypeError (HTTP 500).
            *internalError = true;
            return QString();
        }
        for (const PyValue &o : seen) {
            if (o == *name)
                return p + QStringLiteral(": duplicate name ") + reprOf(*name);
        }
        seen.append(*name);
    }
    if (servers.size() > 20)
        return QStringLiteral("Maximum 20 MCP servers per agent");
    return std::nullopt;
}

void checkSkillsField(const PyValue &v, BodyErrors &e)
{
    if (auto m = checkSkills(v.toArray()))
        e.valueError(loc(QStringLiteral("skills")), *m, v);
}

void checkMcpField(const PyValue &v, BodyErrors &e)
{
    bool internal = false;
    auto m = checkMcpServers(v.toArray(), &internal);
    if (internal)
        e.internalError = true;
    else if (m)
        e.valueError(loc(QStringLiteral("mcp_servers")), *m, v);
}

void missing(const QString &name, const PyValue &body, BodyErrors &e)
{
    e.add(QStringLiteral("missing"), loc(name), QStringLiteral("Field required"), body);
}

//! Optional nullable string field; returns {present-and-not-null value}.
std::optional<QString> optNullableStr(const PyValue &body, const QString &name, BodyErrors &e, bool *bad)
{
    const PyValue *v = body.get(name);
    if (!v || v->isNull())
        return std::nullopt;
    auto s = strField(*v, loc(name), e);
    if (!s)
        *bad = true;
    return s;
}

} // namespace

void BodyErrors::add(const QString &type, PyArray l, const QString &msg, const PyValue &input)
{
    m_items.push_back(PyObjectBuilder()
                          .add(QStringLiteral("type"), type)
                          .add(QStringLiteral("loc"), PyValue::array(std::move(l)))
                          .add(QStringLiteral("msg"), msg)
                          .add(QStringLiteral("input"), input)
                          .add(QStringLiteral("url"), kPydanticUrl + type)
                          .build());
}

PyArray loc(const QString &a) { return {PyValue::string(a)}; }
PyArray loc(const QString &a, const PyValue &b) { return {PyValue::string(a), b}; }
PyArray loc(const QString &a, const PyValue &b, const PyValue &c) { return {PyValue::string(a), b, c}; }

std::optional<AgentCreate> validateAgentCreate(const PyValue &body, BodyErrors &e)
{
    AgentCreate r;
    bool bad = false;
    auto required = [&](const QString &name, int maxLen, QString *out) {
        const PyValue *v = body.get(name);
        if (!v) {
            missing(name, body, e);
            bad = true;
            return false;
        }
        auto s = strField(*v, loc(name), e, maxLen);
        if (!s) {
            bad = true;
            return false;
        }
        *out = *s;
        return true;
    };
    required(QStringLiteral("name"), 200, &r.name);
    required(QStringLiteral("provider"), 32, &r.provider);
    if (required(QStringLiteral("model"), 100, &r.model) && r.model.trimmed().isEmpty()) {
        e.valueError(loc(QStringLiteral("model")), QStringLiteral("Model must be a non-empty string"), *body.get(u"model"));
        bad = true;
    }
    for (const QString &name : {QStringLiteral("system"), QStringLiteral("description")}) {
        const PyValue *v = body.get(name);
        if (!v)
            continue;
        auto s = strField(*v, loc(name), e);
        if (!s)
            bad = true;
        else
            (name == QLatin1String("system") ? r.system : r.description) = *s;
    }
    if (const PyValue *v = body.get(u"environment_id"); v && !v->isNull()) {
        auto s = strField(*v, loc(QStringLiteral("environment_id")), e);
        if (!s)
            bad = true;
        else
            r.environmentId = *s;
    }
    if (const PyValue *v = body.get(u"skills")) {
        if (!listField(*v, loc(QStringLiteral("skills")), e)) {
            bad = true;
        } else {
            checkSkillsField(*v, e);
            r.skills = *v;
        }
    }
    if (const PyValue *v = body.get(u"mcp_servers")) {
        if (!listField(*v, loc(QStringLiteral("mcp_servers")), e)) {
            bad = true;
        } else {
            checkMcpField(*v, e);
            r.mcpServers = *v;
        }
    }
    if (const PyValue *v = body.get(u"metadata")) {
        if (!dictField(*v, loc(QStringLiteral("metadata")), e))
            bad = true;
        else
            r.metadata = *v;
    }
    if (bad || !e.isEmpty() || e.internalError)
        return std::nullopt;
    return r;
}

std::optional<AgentUpdate> validateAgentUpdate(const PyValue &body, BodyErrors &e)
{
    AgentUpdate r;
    bool bad = false;
    if (const PyValue *v = body.get(u"version")) {
        auto n = intField(*v, loc(QStringLiteral("version")), e);
        if (!n)
            bad = true;
        else
            r.version = *n;
    } else {
        missing(QStringLiteral("version"), body, e);
        bad = true;
    }
    r.name = optNullableStr(body, QStringLiteral("name"), e, &bad);
    r.provider = optNullableStr(body, QStringLiteral("provider"), e, &bad);
    r.model = optNullableStr(body, QStringLiteral("model"), e, &bad);
    if (r.model && r.model->trimmed().isEmpty()) {
        e.valueError(loc(QStringLiteral("model")), QStringLiteral("Model must be a non-empty string"), *body.get(u"model"));
        bad = true;
    }
    r.system = optNullableStr(body, QStringLiteral("system"), e, &bad);
    r.description = optNullableStr(body, QStringLiteral("description"), e, &bad);
    r.environmentIdSent = body.contains(u"environment_id");
    r.environmentId = optNullableStr(body, QStringLiteral("environment_id"), e, &bad);
    for (const QString &name : {QStringLiteral("skills"), QStringLiteral("mcp_servers")}) {
        const PyValue *v = body.get(name);
        if (!v || v->isNull())
            continue;
        if (!listField(*v, loc(name), e)) {
            bad = true;
            continue;
        }
        if (name == QLatin1String("skills")) {
            checkSkillsField(*v, e);
            r.skills = *v;
        } else {
            checkMcpField(*v, e);
            r.mcpServers = *v;
        }
    }
    if (const PyValue *v = body.get(u"metadata"); v && !v->isNull()) {
        if (!dictField(*v, loc(QStringLiteral("metadata")), e))
            bad = true;
        else
            r.metadata = *v;
    }
    if (bad || !e.isEmpty() || e.internalError)
        return std::nullopt;
    return r;
}

std::optional<EnvironmentCreate> validateEnvironmentCreate(const PyValue &body, BodyErrors &e)
{
    EnvironmentCreate r;
    bool bad = false;
    if (const PyValue *v = body.get(u"name")) {
        auto s = strField(*v, loc(QStringLiteral("name")), e, 200);
        if (!s)
            bad = true;
        else
            r.name = *s;
    } else {
        missing(QStringLiteral("name"), body, e);
        bad = true;
    }
    if (const PyValue *v = body.get(u"packages")) {
        if (!packagesTypeField(*v, e)) {
            bad = true;
        } else {
            if (auto m = checkPackages(*v))
                e.valueError(loc(QStringLiteral("packages")), *m, *v);
            r.packages = *v;
        }
    }
    if (const PyValue *v = body.get(u"env_vars")) {
        if (!strDictField(*v, QStringLiteral("env_vars"), e)) {
            bad = true;
        } else {
            if (auto m = checkEnvKeys(*v))
                e.valueError(loc(QStringLiteral("env_vars")), *m, *v);
            r.envVars = *v;
        }
    }
    if (const PyValue *v = body.get(u"setup_script")) {
        auto s = strField(*v, loc(QStringLiteral("setup_script")), e);
        if (!s)
            bad = true;
        else
            r.setupScript = *s;
    }
    if (const PyValue *v = body.get(u"networking")) {
        if (!dictField(*v, loc(QStringLiteral("networking")), e)) {
            bad = true;
        } else {
            if (auto m = checkNetworking(*v))
                e.valueError(loc(QStringLiteral("networking")), *m, *v);
            r.networking = *v;
        }
    }
    if (bad || !e.isEmpty())
        return std::nullopt;
    return r;
}

std::optional<EnvironmentUpdate> validateEnvironmentUpdate(const PyValue &body, BodyErrors &e)
{
    EnvironmentUpdate r;
    bool bad = false;
    if (const PyValue *v = body.get(u"version")) {
        auto n = intField(*v, loc(QStringLiteral("version")), e);
        if (!n)
            bad = true;
        else
            r.version = *n;
    } else {
        missing(QStringLiteral("version"), body, e);
        bad = true;
    }
    r.name = optNullableStr(body, QStringLiteral("name"), e, &bad);
    if (const PyValue *v = body.get(u"packages"); v && !v->isNull()) {
        if (!packagesTypeField(*v, e)) {
            bad = true;
        } else {
            if (auto m = checkPackages(*v))
                e.valueError(loc(QStringLiteral("packages")), *m, *v);
            r.packages = *v;
        }
    }
    if (const PyValue *v = body.get(u"env_vars"); v && !v->isNull()) {
        if (!strDictField(*v, QStringLiteral("env_vars"), e)) {
            bad = true;
        } else {
            if (auto m = checkEnvKeys(*v))
                e.valueError(loc(QStringLiteral("env_vars")), *m, *v);
            r.envVars = *v;
        }
    }
    r.setupScript = optNullableStr(body, QStringLiteral("setup_script"), e, &bad);
    if (const PyValue *v = body.get(u"networking"); v && !v->isNull()) {
        if (!dictField(*v, loc(QStringLiteral("networking")), e)) {
            bad = true;
        } else {
            if (auto m = checkNetworking(*v))
                e.valueError(loc(QStringLiteral("networking")), *m, *v);
            r.networking = *v;
        }
    }
    if (bad || !e.isEmpty())
        return std::nullopt;
    return r;
}

static std::optional<ResourceInput> validateResource(const PyValue &v, size_t index, BodyErrors &e)
{
    const PyValue idx = PyValue::integer(qint64(index));
    const QString R = QStringLiteral("resources");
    if (!v.isObject()) {
        e.add(QStringLiteral("model_type"), loc(R, idx),
              QStringLiteral("Input should be a valid dictionary or instance of GitHubRepoResource"), v);
        return std::nullopt;
    }
    bool bad = false;
    ResourceInput r;
    if (const PyValue *t = v.get(u"type")) {
        if (!t->isString() || t->toString() != QLatin1String("github_repository")) {
            e.add(QStringLiteral("literal_error"), loc(R, idx, key(QStringLiteral("type"))),
                  QStringLiteral("Input should be 'github_repository'"), *t);
            bad = true;
        }
    } else {
        e.add(QStringLiteral("missing"), loc(R, idx, key(QStringLiteral("type"))), QStringLiteral("Field required"), v);
        bad = true;
    }
    if (const PyValue *u = v.get(u"url")) {
        const PyArray l = loc(R, idx, key(QStringLiteral("url")));
        auto s = strField(*u, l, e);
        if (!s) {
            bad = true;
        } else {
            static const QRegularExpression re(
                QStringLiteral("^https://github\\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(\\.git)?\\z"));
            if (!re.match(*s).hasMatch()) {
                e.valueError(l, QStringLiteral("Invalid GitHub repository URL: %1. Expected https://github.com/<owner>/<repo>")
                                    .arg(pyStrRepr(*s)),
                             *u);
                bad = true;
            } else {
                r.url = s->endsWith(QLatin1String(".git")) ? s->chopped(4) : *s;
            }
        }
    } else {
        e.add(QStringLiteral("missing"), loc(R, idx, key(QStringLiteral("url"))), QStringLiteral("Field required"), v);
        bad = true;
    }
    QString mount;
    if (const PyValue *m = v.get(u"mount_path"); m && !m->isNull()) {
        const PyArray l = loc(R, idx, key(QStringLiteral("mount_path")));
        auto s = strField(*m, l, e);
        if (!s) {
            bad = true;
        } else if (!s->startsWith(QLatin1Char('/'))) {
            e.valueError(l, QStringLiteral("mount_path must be an absolute path"), *m);
            bad = true;
        } else if (*s == QLatin1String("/") || *s == QLatin1String("/home/sprite")) {
            e.valueError(l, QStringLiteral("mount_path %1 is not allowed").arg(pyStrRepr(*s)), *m);
            bad = true;
        } else {
            mount = *s;
        }
    }
    if (const PyValue *t = v.get(u"authorization_token"); t && !t->isNull()) {
        if (!strField(*t, loc(R, idx, key(QStringLiteral("authorization_token"))), e))
            bad = true;
        else
            r.hasToken = !t->toString().isEmpty();
    }
    if (bad)
        return std::nullopt;
    if (mount.isEmpty()) {
        QString u = r.url;
        while (u.endsWith(QLatin1Char('/')))
            u.chop(1);
        mount = QStringLiteral("/workspace/") + u.section(QLatin1Char('/'), -1);
    }
    r.mountPath = mount;
    return r;
}

std::optional<SessionCreate> validateSessionCreate(const PyValue &body, BodyErrors &e)
{
    SessionCreate r;
    bool bad = false;
    for (const QString &name : {QStringLiteral("agent_id"), QStringLiteral("prompt")}) {
        const PyValue *v = body.get(name);
        if (!v) {
            missing(name, body, e);
            bad = true;
            continue;
        }
        auto s = strField(*v, loc(name), e);
        if (!s)
            bad = true;
        else
            (name == QLatin1String("agent_id") ? r.agentId : r.prompt) = *s;
    }
    if (auto t = timeoutField(body, e))
        r.timeout = *t;
    else
        bad = true;
    if (const PyValue *v = body.get(u"environment_id"); v && !v->isNull()) {
        auto s = strField(*v, loc(QStringLiteral("environment_id")), e);
        if (!s)
            bad = true;
        else
            r.environmentId = *s;
    }
    if (const PyValue *v = body.get(u"resources")) {
        if (!listField(*v, loc(QStringLiteral("resources")), e)) {
            bad = true;
        } else {
            bool itemsOk = true;
            const PyArray &items = v->toArray();
            for (size_t i = 0; i < items.size(); ++i) {
                auto res = validateResource(items[i], i, e);
                if (!res)
                    itemsOk = false;
                else
                    r.resources.append(*res);
            }
            if (!itemsOk) {
                bad = true;
            } else if (r.resources.size() > 10) {
                e.valueError(loc(QStringLiteral("resources")), QStringLiteral("Maximum 10 resources per session"), *v);
            } else {
                QSet<QString> mounts;
                for (const auto &res : std::as_const(r.resources)) {
                    if (mounts.contains(res.mountPath)) {
                        e.valueError(loc(QStringLiteral("resources")), QStringLiteral("Duplicate mount_path in resources"), *v);
                        break;
                    }
                    mounts.insert(res.mountPath);
                }
            }
        }
    }
    if (const PyValue *v = body.get(u"secret_env_vars")) {
        if (!strDictField(*v, QStringLiteral("secret_env_vars"), e)) {
            bad = true;
        } else {
            if (auto m = checkEnvKeys(*v))
                e.valueError(loc(QStringLiteral("secret_env_vars")), *m, *v);
            r.secretEnvVars = *v;
        }
    }
    if (bad || !e.isEmpty())
        return std::nullopt;
    return r;
}

std::optional<PromptInput> validatePrompt(const PyValue &body, BodyErrors &e)
{
    PromptInput r;
    bool bad = false;
    if (const PyValue *v = body.get(u"prompt")) {
        auto s = strField(*v, loc(QStringLiteral("prompt")), e);
        if (!s)
            bad = true;
        else
            r.prompt = *s;
    } else {
        missing(QStringLiteral("prompt"), body, e);
        bad = true;
    }
    if (auto t = timeoutField(body, e))
        r.timeout = *t;
    else
        bad = true;
    if (bad || !e.isEmpty())
        return std::nullopt;
    return r;
}

std::optional<QString> normalizeProviderModel(QString &provider, QString &model)
{
    provider = provider.trimmed();
    model = model.trimmed();
    if (provider != QLatin1String("anthropic") && provider != QLatin1String("openai"))
        return QStringLiteral("Unknown provider: %1. Must be one of: ['anthropic', 'openai']").arg(provider);
    const qsizetype slash = model.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        const QString prefix = model.left(slash);
        static const QStringList known = {QStringLiteral("anthropic"), QStringLiteral("openai"),
                                          QStringLiteral("google"), QStringLiteral("kimi")};
        if (known.contains(prefix)) {
            if (prefix != provider)
                return QStringLiteral("Model provider prefix '%1' does not match provider '%2'").arg(prefix, provider);
            model = model.mid(slash + 1).trimmed();
            if (model.isEmpty())
                return QStringLiteral("Model must be a non-empty string");
        }
    }
    if (model.isEmpty())
        return QStringLiteral("Model must be a non-empty string");
    return std::nullopt;
}

PyValue mergeMetadata(const PyValue &current, const PyValue &patch)
{
    PyValue merged = current.isObject() ? current : PyValue::object();
    for (const auto &m : patch.toObject()) {
        if (m.second.isString() && m.second.toString().isEmpty())
            merged.remove(m.first);
        else
            merged.set(m.first, m.second);
    }
    return merged;
}

QString parseUuidLoose(const QString &text)
{
    QString h = text;
    h.remove(QStringLiteral("urn:"));
    h.remove(QStringLiteral("uuid:"));
    while (h.startsWith(QLatin1Char('{')) || h.startsWith(QLatin1Char('}')))
        h.remove(0, 1);
    while (h.endsWith(QLatin1Char('{')) || h.endsWith(QLatin1Char('}')))
        h.chop(1);
    h.remove(QLatin1Char('-'));
    if (h.size() != 32)
        return {};
    for (const QChar c : h) {
        const char16_t u = c.unicode();
        const bool hex = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
        if (!hex)
            return {};
    }
    h = h.toLower();
    return h.left(8) + QLatin1Char('-') + h.mid(8, 4) + QLatin1Char('-') + h.mid(12, 4) + QLatin1Char('-')
        + h.mid(16, 4) + QLatin1Char('-') + h.mid(20);
}

std::optional<qint64> pythonInt(const QString &text)
{
    const QString t = text.trimmed(); // Python str.strip() removes Unicode whitespace too
    qsizetype i = 0;
    bool neg = false;
    if (i < t.size() && (t[i] == QLatin1Char('+') || t[i] == QLatin1Char('-'))) {
        neg = t[i] == QLatin1Char('-');
        ++i;
    }
    if (i >= t.size())
        return std::nullopt;
    qint64 value = 0;
    bool overflow = false;
    bool lastWasDigit = false;
    bool any = false;
    for (; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c == QLatin1Char('_')) {
            if (!lastWasDigit)
                return std::nullopt;
            lastWasDigit = false;
            continue;
        }
        const int d = c.digitValue();
        if (d < 0 || c.category() != QChar::Number_DecimalDigit)
            return std::nullopt;
        if (!overflow) {
            if (value > (std::numeric_limits<qint64>::max() - d) / 10)
                overflow = true;
            else
                value = value * 10 + d;
        }
        lastWasDigit = true;
        any = true;
    }
    if (!any || !lastWasDigit)
        return std::nullopt;
    if (overflow)
        return neg ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
    return neg ? -value : value;
}

} // namespace Aod::Testing::Internal
