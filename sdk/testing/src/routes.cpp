// The AoD routes (contract §2, §4, §5, §7): URL matching, check order, bodies and errors.
#include "localserver_p.h"
#include "validation_p.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <algorithm>

namespace Aod::Testing {

using namespace Internal;

namespace {

enum class Route {
    None, Root, Health,
    Agents, Agent, AgentArchive, AgentVersions,
    Environments, Environment, EnvironmentArchive, EnvironmentDelete, EnvironmentVersions,
    Sessions, Session, SessionPrompt, SessionTurns, SessionInterrupt, SessionTerminate, SessionDelete,
    SessionStream,
};

bool isUuidSegment(const QString &s)
{
    // Django's <uuid:...> converter: lowercase hex only.
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\z"));
    return re.match(s).hasMatch();
}

Route matchRoute(const QString &path, QString *id)
{
    if (path == QLatin1String("/"))
        return Route::Root;
    if (!path.startsWith(QLatin1Char('/')))
        return Route::None;
    const QStringList seg = path.mid(1).split(QLatin1Char('/'));
    for (const QString &s : seg) {
        if (s.isEmpty())
            return Route::None; // trailing slash or "//": no route (APPEND_SLASH = False)
    }
    const QString &root = seg[0];
    if (seg.size() == 1) {
        if (root == QLatin1String("health"))
            return Route::Health;
        if (root == QLatin1String("agents"))
            return Route::Agents;
        if (root == QLatin1String("environments"))
            return Route::Environments;
        if (root == QLatin1String("sessions"))
            return Route::Sessions;
        return Route::None;
    }
    if (seg.size() > 3 || !isUuidSegment(seg[1]))
        return Route::None;
    *id = seg[1];
    const QString sub = seg.size() == 3 ? seg[2] : QString();
    if (root == QLatin1String("agents")) {
        if (sub.isEmpty())
            return Route::Agent;
        if (sub == QLatin1String("archive"))
            return Route::AgentArchive;
        if (sub == QLatin1String("versions"))
            return Route::AgentVersions;
    } else if (root == QLatin1String("environments")) {
        if (sub.isEmpty())
            return Route::Environment;
        if (sub == QLatin1String("archive"))
            return Route::EnvironmentArchive;
        if (sub == QLatin1String("delete"))
            return Route::EnvironmentDelete;
        if (sub == QLatin1String("versions"))
            return Route::EnvironmentVersions;
    } else if (root == QLatin1String("sessions")) {
        if (sub.isEmpty())
            return Route::Session;
        if (sub == QLatin1String("prompt"))
            return Route::SessionPrompt;
        if (sub == QLatin1String("turns"))
            return Route::SessionTurns;
        if (sub == QLatin1String("interrupt"))
            return Route::SessionInterrupt;
        if (sub == QLatin1String("terminate"))
            return Route::SessionTerminate;
        if (sub == QLatin1String("delete"))
            return Route::SessionDelete;
        if (sub == QLatin1String("stream"))
            return Route::SessionStream;
    }
    return Route::None;
}

QString htmlEscape(const QString &s) { return s.toHtmlEscaped(); }

const QStringList &urlPatterns()
{
    static const QStringList p = {
        QStringLiteral("[name='landing']"), QStringLiteral("health [name='health']"),
        QStringLiteral("agents [name='agents']"), QStringLiteral("agents/&lt;uuid:agent_id&gt;"),
        QStringLiteral("agents/&lt;uuid:agent_id&gt;/archive"), QStringLiteral("agents/&lt;uuid:agent_id&gt;/versions"),
        QStringLiteral("environments"), QStringLiteral("environments/&lt;uuid:environment_id&gt;"),
        QStringLiteral("environments/&lt;uuid:environment_id&gt;/archive"),
        QStringLiteral("environments/&lt;uuid:environment_id&gt;/delete"),
        QStringLiteral("environments/&lt;uuid:environment_id&gt;/versions"), QStringLiteral("sessions"),
        QStringLiteral("sessions/&lt;uuid:session_id&gt;"), QStringLiteral("sessions/&lt;uuid:session_id&gt;/prompt"),
        QStringLiteral("sessions/&lt;uuid:session_id&gt;/turns"),
        QStringLiteral("sessions/&lt;uuid:session_id&gt;/interrupt"),
        QStringLiteral("sessions/&lt;uuid:session_id&gt;/terminate"),
        QStringLiteral("sessions/&lt;uuid:session_id&gt;/delete"),
        QStringLiteral("sessions/&lt;uuid:session_id&gt;/stream"), QStringLiteral("ui/"), QStringLiteral("admin/"),
    };
    return p;
}

QByteArray html404(const HttpRequest &req)
{
    QString items;
    for (const QString &p : urlPatterns())
        items += QStringLiteral("        <li>%1</li>\n").arg(p);
    const QString path = htmlEscape(req.path.mid(1));
    const QString html = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        "  <meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">\n"
        "  <title>Page not found at %1</title>\n  <meta name=\"robots\" content=\"NONE,NOARCHIVE\">\n"
        "</head>\n<body>\n  <div id=\"summary\">\n    <h1>Page not found <span>(404)</span></h1>\n"
        "    <table class=\"meta\">\n      <tr><th>Request Method:</th><td>%2</td></tr>\n"
        "      <tr><th>Request URL:</th><td>%1</td></tr>\n    </table>\n  </div>\n"
        "  <div id=\"info\">\n    <p>Using the URLconf defined in <code>config.urls</code>, Django tried these URL "
        "patterns, in this order:</p>\n    <ol>\n%3    </ol>\n"
        "    <p>The current path, <code>%4</code>, didn\u2019t match any of these.</p>\n  </div>\n"
        "  <div id=\"explanation\">\n    <p>You\u2019re seeing this error because you have <code>DEBUG = True</code> "
        "in your Django settings file. Change that to <code>False</code>, and Django will display a standard 404 "
        "page.</p>\n  </div>\n</body>\n</html>\n")
                             .arg(htmlEscape(req.path), QString::fromLatin1(req.method), items, path);
    return html.toUtf8();
}

QByteArray html500(const HttpRequest &req, const QString &exception)
{
    const QString html = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        "  <meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">\n"
        "  <title>%1 at %2</title>\n</head>\n<body>\n<div id=\"summary\">\n  <h1>%1 at %2</h1>\n"
        "  <pre class=\"exception_value\">%3</pre>\n</div>\n"
        "<div id=\"explanation\"><p>You\u2019re seeing this error because you have <code>DEBUG = True</code> in "
        "your Django settings file.</p></div>\n</body>\n</html>\n")
                             .arg(exception.section(QLatin1Char(':'), 0, 0), htmlEscape(req.path),
                                  htmlEscape(exception.section(QLatin1Char(':'), 1).trimmed()));
    return html.toUtf8();
}

QByteArray landingPage()
{
    return QByteArrayLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Agent on Demand (local)</title></head>\n"
        "<body>\n<h1>Agent on Demand</h1>\n<p>Local simulation of the AoD API. Three calls: <code>POST /agents</code>, "
        "<code>POST /sessions</code>, <code>GET /sessions/{id}/stream</code>.</p>\n"
        "<p>Runtimes: claude, codex, gemini, opencode.</p>\n</body>\n</html>\n");
}

const HeaderList kJsonHeaders = {{"Content-Type", "application/json"}};
const HeaderList kHtmlHeaders = {{"Content-Type", "text/html; charset=utf-8"}};

PyValue ts(Micros us) { return PyValue::string(isoTimestamp(us)); }
PyValue tsOpt(const std::optional<Micros> &us) { return us ? ts(*us) : PyValue::null(); }
PyValue nullableStr(const QString &s) { return s.isEmpty() ? PyValue::null() : PyValue::string(s); }
PyValue intOpt(const std::optional<int> &v) { return v ? PyValue::integer(*v) : PyValue::null(); }

PyValue agentJson(const Agent &a)
{
    return PyObjectBuilder()
        .add(QStringLiteral("id"), a.id)
        .add(QStringLiteral("type"), QStringLiteral("agent"))
        .add(QStringLiteral("name"), a.name)
        .add(QStringLiteral("description"), nullableStr(a.description))
        .add(QStringLiteral("system"), nullableStr(a.system))
        .add(QStringLiteral("provider"), a.provider)
        .add(QStringLiteral("model"), a.model)
        .add(QStringLiteral("environment_id"), nullableStr(a.environmentId))
        .add(QStringLiteral("skills"), a.skills)
        .add(QStringLiteral("mcp_servers"), a.mcpServers)
        .add(QStringLiteral("metadata"), a.metadata)
        .addInt(QStringLiteral("version"), a.version)
        .add(QStringLiteral("created_at"), ts(a.createdAt))
        .add(QStringLiteral("updated_at"), ts(a.updatedAt))
        .add(QStringLiteral("archived_at"), tsOpt(a.archivedAt))
        .build();
}

PyValue agentVersionJson(const Agent &a, const AgentSnapshot &v)
{
    return PyObjectBuilder()
        .add(QStringLiteral("id"), a.id)
        .add(QStringLiteral("type"), QStringLiteral("agent"))
        .add(QStringLiteral("name"), v.name)
        .add(QStringLiteral("description"), nullableStr(v.description))
        .add(QStringLiteral("system"), nullableStr(v.system))
        .add(QStringLiteral("provider"), v.provider)
        .add(QStringLiteral("model"), v.model)
        .add(QStringLiteral("environment_id"), nullableStr(v.environmentId))
        .add(QStringLiteral("skills"), v.skills)
        .add(QStringLiteral("mcp_servers"), v.mcpServers)
        .add(QStringLiteral("metadata"), v.metadata)
        .addInt(QStringLiteral("version"), v.version)
        .add(QStringLiteral("created_at"), ts(v.createdAt))
        .build();
}

PyValue networkingJson(const QString &type, const PyValue &config)
{
    PyValue n = PyObjectBuilder().add(QStringLiteral("type"), type).build();
    if (type == QLatin1String("limited")) {
        for (const auto &m : config.toObject())
            n.set(m.first, m.second);
    }
    return n;
}

PyValue environmentJson(const Environment &e)
{
    return PyObjectBuilder()
        .add(QStringLiteral("id"), e.id)
        .add(QStringLiteral("type"), QStringLiteral("environment"))
        .add(QStringLiteral("name"), e.name)
        .add(QStringLiteral("packages"), e.packages)
        .add(QStringLiteral("setup_script"), nullableStr(e.setupScript))
        .add(QStringLiteral("networking"), networkingJson(e.networkingType, e.networkingConfig))
        .addInt(QStringLiteral("version"), e.version)
        .add(QStringLiteral("created_at"), ts(e.createdAt))
        .add(QStringLiteral("updated_at"), ts(e.updatedAt))
        .add(QStringLiteral("archived_at"), tsOpt(e.archivedAt))
        .build();
}

PyValue environmentVersionJson(const Environment &e, const EnvironmentSnapshot &v)
{
    return PyObjectBuilder()
        .add(QStringLiteral("id"), e.id)
        .add(QStringLiteral("type"), QStringLiteral("environment"))
        .add(QStringLiteral("name"), v.name)
        .add(QStringLiteral("packages"), v.packages)
        .add(QStringLiteral("setup_script"), nullableStr(v.setupScript))
        .add(QStringLiteral("networking"), networkingJson(v.networkingType, v.networkingConfig))
        .addInt(QStringLiteral("version"), v.version)
        .add(QStringLiteral("created_at"), ts(v.createdAt))
        .build();
}

PyValue resourcesJson(const Session &s)
{
    PyArray a;
    for (const Resource &r : s.resources) {
        a.push_back(PyObjectBuilder()
                        .add(QStringLiteral("type"), QStringLiteral("github_repository"))
                        .add(QStringLiteral("url"), r.url)
                        .add(QStringLiteral("mount_path"), r.mountPath)
                        .build());
    }
    return PyValue::array(std::move(a));
}

PyValue turnJson(const Turn &t)
{
    return PyObjectBuilder()
        .addInt(QStringLiteral("turn_number"), t.number)
        .add(QStringLiteral("prompt"), t.prompt)
        .add(QStringLiteral("status"), t.status)
        .add(QStringLiteral("exit_code"), intOpt(t.exitCode))
        .add(QStringLiteral("created_at"), ts(t.createdAt))
        .add(QStringLiteral("started_at"), tsOpt(t.startedAt))
        .add(QStringLiteral("ended_at"), tsOpt(t.endedAt))
        .build();
}

PyValue dataList(PyArray items)
{
    return PyObjectBuilder().add(QStringLiteral("data"), PyValue::array(std::move(items))).build();
}

PyValue detailBody(const QString &detail)
{
    return PyObjectBuilder().add(QStringLiteral("detail"), detail).build();
}

QString pyIntText(const PyValue &v)
{
    return v.bigDigits().isEmpty() ? QString::number(v.toInt()) : QString::fromLatin1(v.bigDigits());
}

template <typename Row>
std::vector<const Row *> newestFirst(const QHash<QString, Row> &rows, int userId, bool activeOnly)
{
    std::vector<const Row *> out;
    for (const Row &r : rows) {
        if (r.userId != userId)
            continue;
        if constexpr (requires { r.archivedAt; }) {
            if (activeOnly && r.archivedAt)
                continue;
        }
        out.push_back(&r);
    }
    std::sort(out.begin(), out.end(), [](const Row *a, const Row *b) {
        return a->createdAt != b->createdAt ? a->createdAt > b->createdAt : a->seq > b->seq;
    });
    return out;
}

} // namespace

// ------------------------------------------------------------------------------------------

QString LocalServer::Private::providerOf(const Session &s) const
{
    if (!s.agentId.isEmpty()) {
        auto it = agents.constFind(s.agentId);
        if (it != agents.constEnd())
            return it->provider;
    }
    if (s.runtime == QLatin1String("claude"))
        return QStringLiteral("anthropic");
    if (s.runtime == QLatin1String("codex"))
        return QStringLiteral("openai");
    return s.runtime;
}

static PyValue sessionJson(const LocalServer::Private &d, const Session &s)
{
    return PyObjectBuilder()
        .add(QStringLiteral("id"), s.id)
        .add(QStringLiteral("agent_id"), nullableStr(s.agentId))
        .add(QStringLiteral("environment_id"), nullableStr(s.environmentId))
        .add(QStringLiteral("provider"), d.providerOf(s))
        .add(QStringLiteral("status"), s.status)
        .add(QStringLiteral("exit_code"), intOpt(s.exitCode))
        .add(QStringLiteral("created_at"), ts(s.createdAt))
        .add(QStringLiteral("updated_at"), ts(s.updatedAt))
        .add(QStringLiteral("resources"), resourcesJson(s))
        .addInt(QStringLiteral("turn_count"), qint64(s.turns.size()))
        .add(QStringLiteral("current_turn"), s.turns.empty() ? PyValue::null() : PyValue::integer(s.turns.back().number))
        .build();
}

void LocalServer::Private::handle(HttpConnection *conn, HttpRequest req)
{
    auto json = [&](int status, const PyValue &body) { conn->respond(req, status, kJsonHeaders, pyDumps(body)); };
    auto detail = [&](int status, const QString &text) { json(status, detailBody(text)); };
    auto notFoundHtml = [&] { conn->respond(req, 404, kHtmlHeaders, html404(req)); };
    auto serverError = [&](const QString &exception) { conn->respond(req, 500, kHtmlHeaders, html500(req, exception)); };

    // ---- injected failures come first: they stand for a proxy or a crashing process
    FaultInjector::Private &f = *faults->d;
    if (f.failRemaining > 0) {
        --f.failRemaining;
        const int st = f.failStatus;
        if (st == 500) {
            serverError(QStringLiteral("OperationalError: server closed the connection unexpectedly"));
        } else if (st == 502 || st == 504 || (st == 503 && f.failHtml) || f.failHtml) {
            const QByteArray reason = reasonPhrase(st);
            const QByteArray page = "<html>\r\n<head><title>" + QByteArray::number(st) + ' ' + reason
                + "</title></head>\r\n<body>\r\n<center><h1>" + QByteArray::number(st) + ' ' + reason
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            conn->respond(req, st, {{"Content-Type", "text/html"}}, page);
        } else if (st == 503) {
            detail(503, QStringLiteral("Service unavailable"));
        } else {
            detail(st, QStringLiteral("Injected failure"));
        }
        return;
    }

    // ---- CORS preflight (django-cors-headers answers before any view)
    if (req.method == "OPTIONS" && !req.header("Origin").isEmpty()
        && !req.header("Access-Control-Request-Method").isEmpty()) {
        conn->respond(req, 200,
                      {{"Content-Type", "text/html; charset=utf-8"},
                       {"Access-Control-Allow-Headers", "accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with"},
                       {"Access-Control-Allow-Methods", "DELETE, GET, OPTIONS, PATCH, POST, PUT"},
                       {"Access-Control-Max-Age", "86400"}},
                      QByteArray());
        return;
    }

    QString id;
    const Route route = matchRoute(req.path, &id);
    if (route == Route::None) {
        notFoundHtml();
        return;
    }
    if (route == Route::Root) {
        conn->respond(req, 200, kHtmlHeaders, landingPage());
        return;
    }

    // Django's HttpResponseNotAllowed: empty body, Allow header, before auth.
    auto requireMethod = [&](const char *method) {
        if (req.method == method)
            return true;
        conn->respond(req, 405, {{"Content-Type", "text/html; charset=utf-8"}, {"Allow", method}}, QByteArray());
        return false;
    };

    if (route == Route::Health) {
        if (!requireMethod("GET"))
            return;
        const PyValue checks = PyObjectBuilder()
                                   .add(QStringLiteral("db"), QStringLiteral("ok"))
                                   .add(QStringLiteral("crypto"), healthy ? QStringLiteral("ok") : QStringLiteral("fail: InvalidToken"))
                                   .build();
        json(healthy ? 200 : 503, PyObjectBuilder()
                                      .add(QStringLiteral("status"), healthy ? QStringLiteral("ok") : QStringLiteral("degraded"))
                                      .add(QStringLiteral("checks"), checks)
                                      .build());
        return;
    }

    // Which routes are pinned to one method (method check before auth)?
    const char *pinned = nullptr;
    switch (route) {
    case Route::Session: case Route::SessionTurns: case Route::SessionStream:
    case Route::AgentVersions: case Route::EnvironmentVersions:
        pinned = "GET";
        break;
    case Route::SessionPrompt: case Route::SessionInterrupt: case Route::SessionTerminate:
    case Route::AgentArchive: case Route::EnvironmentArchive:
        pinned = "POST";
        break;
    default:
        break;
    }
    if (pinned && !requireMethod(pinned))
        return;

    // ---- auth (contract §1.2)
    int userId = 0;
    {
        const QByteArray auth = req.header("Authorization");
        if (!auth.startsWith("Bearer ")) {
            detail(401, QStringLiteral("Missing or invalid Authorization header"));
            return;
        }
        const QByteArray raw = auth.mid(7);
        // Django decodes header bytes as latin-1; the key is hashed as UTF-8 of that text.
        const QByteArray hash = QCryptographicHash::hash(QString::fromLatin1(raw).toUtf8(), QCryptographicHash::Sha256).toHex();
        auto it = keys.constFind(hash);
        if (it == keys.constEnd()) {
            detail(401, QStringLiteral("Invalid API key"));
            return;
        }
        if (!it->active) {
            detail(401, QStringLiteral("API key is inactive"));
            return;
        }
        if (it->expiresAt && *it->expiresAt <= now()) {
            detail(401, QStringLiteral("API key has expired"));
            return;
        }
        userId = it->userId;
    }

    // parse_request_body: json.loads + "must be an object", then the pydantic model.
    auto parseBody = [&]() -> std::optional<PyValue> {
        auto v = pyLoads(req.body);
        if (!v || !v->isObject()) {
            detail(400, QStringLiteral("Invalid JSON"));
            return std::nullopt;
        }
        return v;
    };
    auto reportErrors = [&](const BodyErrors &errs) {
        if (errs.internalError) {
            serverError(QStringLiteral("TypeError: unhashable type"));
            return;
        }
        json(422, PyObjectBuilder().add(QStringLiteral("detail"), errs.detail()).build());
    };
    auto methodNotAllowedJson = [&] { detail(405, QStringLiteral("Method not allowed")); };

    // Lookups scoped to the caller (other users' rows are 404).
    auto findAgent = [&](const QString &agentId) -> Agent * {
        auto it = agents.find(agentId);
        return it != agents.end() && it->userId == userId ? &*it : nullptr;
    };
    auto findEnv = [&](const QString &envId) -> Environment * {
        auto it = environments.find(envId);
        return it != environments.end() && it->userId == userId ? &*it : nullptr;
    };
    auto findSession = [&](const QString &sid) -> Session * {
        auto it = sessions.find(sid);
        return it != sessions.end() && it->userId == userId ? &*it : nullptr;
    };
    auto activeNameTaken = [&](const QString &name, const QString &exceptId) {
        for (const Environment &e : std::as_const(environments)) {
            if (e.userId == userId && !e.archivedAt && e.name == name && e.id != exceptId)
                return true;
        }
        return false;
    };
    auto nameTakenDetail = [](const QString &name) {
        return QStringLiteral("An active environment named %1 already exists").arg(pyStrRepr(name));
    };

    switch (route) {
    // ------------------------------------------------------------------ agents
    case Route::Agents: {
        if (req.method == "GET") {
            PyArray items;
            for (const Agent *a : newestFirst(agents, userId, true))
                items.push_back(agentJson(*a));
            json(200, dataList(std::move(items)));
            return;
        }
        if (req.method != "POST")
            return methodNotAllowedJson();
        auto body = parseBody();
        if (!body)
            return;
        BodyErrors errs;
        auto in = validateAgentCreate(*body, errs);
        if (!in)
            return reportErrors(errs);
        QString provider = in->provider, model = in->model;
        if (auto err = normalizeProviderModel(provider, model))
            return detail(422, *err);
        QString envId;
        if (in->environmentId && !in->environmentId->isEmpty()) {
            Environment *env = findEnv(parseUuidLoose(*in->environmentId));
            if (!env)
                return detail(404, QStringLiteral("Environment not found"));
            if (env->archivedAt)
                return detail(409, QStringLiteral("Cannot assign an archived environment to an agent"));
            envId = env->id;
        }
        Agent a;
        a.id = newUuid();
        a.userId = userId;
        a.seq = nextSeq++;
        a.name = in->name;
        a.description = in->description;
        a.system = in->system;
        a.provider = provider;
        a.model = model;
        a.environmentId = envId;
        a.skills = in->skills;
        a.mcpServers = in->mcpServers;
        a.metadata = in->metadata;
        a.createdAt = a.updatedAt = now();
        AgentSnapshot snap{1, a.name, a.description, a.system, a.provider, a.model, a.environmentId,
                           a.skills, a.mcpServers, a.metadata, a.createdAt};
        a.versions.push_back(snap);
        agents.insert(a.id, a);
        return json(201, agentJson(a));
    }
    case Route::Agent: {
        if (req.method == "GET") {
            Agent *a = findAgent(id);
            if (!a)
                return detail(404, QStringLiteral("Agent not found"));
            return json(200, agentJson(*a));
        }
        if (req.method != "PUT")
            return methodNotAllowedJson();
        auto body = parseBody();
        if (!body)
            return;
        BodyErrors errs;
        auto in = validateAgentUpdate(*body, errs);
        if (!in)
            return reportErrors(errs);
        Environment *env = nullptr;
        if (in->environmentIdSent && in->environmentId) {
            env = findEnv(parseUuidLoose(*in->environmentId));
            if (!env)
                return detail(404, QStringLiteral("Environment not found"));
            if (env->archivedAt)
                return detail(409, QStringLiteral("Cannot assign an archived environment to an agent"));
        }
        Agent *a = findAgent(id);
        if (!a)
            return detail(404, QStringLiteral("Agent not found"));
        if (a->archivedAt)
            return detail(409, QStringLiteral("Cannot update an archived agent"));
        if (in->version != PyValue::integer(a->version))
            return detail(409, QStringLiteral("Version mismatch: expected %1, got %2").arg(a->version).arg(pyIntText(in->version)));
        QString provider = (in->provider && !in->provider->isEmpty()) ? *in->provider : a->provider;
        QString model = (in->model && !in->model->isEmpty()) ? *in->model : a->model;
        if (auto err = normalizeProviderModel(provider, model))
            return detail(422, *err);
        bool changed = false;
        if (in->environmentIdSent) {
            if (env) {
                if (env->id != a->environmentId) {
                    a->environmentId = env->id;
                    changed = true;
                }
            } else if (!a->environmentId.isEmpty()) {
                a->environmentId.clear();
                changed = true;
            }
        }
        auto setStr = [&](const std::optional<QString> &v, QString &field) {
            if (v && *v != field) {
                field = *v;
                changed = true;
            }
        };
        setStr(in->name, a->name);
        setStr(provider, a->provider);
        setStr(model, a->model);
        setStr(in->system, a->system);
        setStr(in->description, a->description);
        if (in->skills && *in->skills != a->skills) {
            a->skills = *in->skills;
            changed = true;
        }
        if (in->mcpServers && *in->mcpServers != a->mcpServers) {
            a->mcpServers = *in->mcpServers;
            changed = true;
        }
        if (in->metadata) {
            PyValue merged = mergeMetadata(a->metadata, *in->metadata);
            if (merged != a->metadata) {
                a->metadata = merged;
                changed = true;
            }
        }
        if (changed) {
            a->version += 1;
            a->updatedAt = now();
            a->versions.push_back(AgentSnapshot{a->version, a->name, a->description, a->system, a->provider,
                                                a->model, a->environmentId, a->skills, a->mcpServers,
                                                a->metadata, now()});
        }
        return json(200, agentJson(*a));
    }
    case Route::AgentArchive: {
        Agent *a = findAgent(id);
        if (!a)
            return detail(404, QStringLiteral("Agent not found"));
        if (a->archivedAt)
            return detail(409, QStringLiteral("Agent is already archived"));
        a->archivedAt = now();
        a->updatedAt = *a->archivedAt;
        return json(200, agentJson(*a));
    }
    case Route::AgentVersions: {
        Agent *a = findAgent(id);
        if (!a)
            return detail(404, QStringLiteral("Agent not found"));
        PyArray items;
        for (auto it = a->versions.rbegin(); it != a->versions.rend(); ++it)
            items.push_back(agentVersionJson(*a, *it));
        return json(200, dataList(std::move(items)));
    }

    // ------------------------------------------------------------------ environments
    case Route::Environments: {
        if (req.method == "GET") {
            PyArray items;
            for (const Environment *e : newestFirst(environments, userId, true))
                items.push_back(environmentJson(*e));
            return json(200, dataList(std::move(items)));
        }
        if (req.method != "POST")
            return methodNotAllowedJson();
        auto body = parseBody();
        if (!body)
            return;
        BodyErrors errs;
        auto in = validateEnvironmentCreate(*body, errs);
        if (!in)
            return reportErrors(errs);
        if (activeNameTaken(in->name, QString()))
            return detail(409, nameTakenDetail(in->name));
        Environment e;
        e.id = newUuid();
        e.userId = userId;
        e.seq = nextSeq++;
        e.name = in->name;
        e.setupScript = in->setupScript;
        e.packages = in->packages;
        e.envVars = in->envVars;
        const PyValue *t = in->networking.get(u"type");
        e.networkingType = t ? t->toString() : QStringLiteral("unrestricted");
        e.networkingConfig = in->networking;
        e.networkingConfig.remove(u"type");
        e.createdAt = e.updatedAt = now();
        e.versions.push_back(EnvironmentSnapshot{1, e.name, e.setupScript, e.networkingType, e.packages,
                                                 e.envVars, e.networkingConfig, e.createdAt});
        environments.insert(e.id, e);
        return json(201, environmentJson(e));
    }
    case Route::Environment: {
        // The view looks the row up before dispatching on the method.
        Environment *e = findEnv(id);
        if (!e)
            return detail(404, QStringLiteral("Environment not found"));
        if (req.method == "GET")
            return json(200, environmentJson(*e));
        if (req.method != "PUT")
            return methodNotAllowedJson();
        if (e->archivedAt)
            return detail(409, QStringLiteral("Cannot update an archived environment"));
        auto body = parseBody();
        if (!body)
            return;
        BodyErrors errs;
        auto in = validateEnvironmentUpdate(*body, errs);
        if (!in)
            return reportErrors(errs);
        if (in->version != PyValue::integer(e->version))
            return detail(409, QStringLiteral("Version mismatch: expected %1, got %2").arg(e->version).arg(pyIntText(in->version)));
        if (in->name && *in->name != e->name && activeNameTaken(*in->name, e->id))
            return detail(409, nameTakenDetail(*in->name));
        bool changed = false;
        if (in->name && *in->name != e->name) {
            e->name = *in->name;
            changed = true;
        }
        if (in->setupScript && *in->setupScript != e->setupScript) {
            e->setupScript = *in->setupScript;
            changed = true;
        }
        if (in->packages && *in->packages != e->packages) {
            e->packages = *in->packages;
            changed = true;
        }
        if (in->envVars && *in->envVars != e->envVars) {
            e->envVars = *in->envVars;
            changed = true;
        }
        if (in->networking) {
            const PyValue *t = in->networking->get(u"type");
            const QString type = t ? t->toString() : QStringLiteral("unrestricted");
            PyValue config = *in->networking;
            config.remove(u"type");
            if (type != e->networkingType || config != e->networkingConfig) {
                e->networkingType = type;
                e->networkingConfig = config;
                changed = true;
            }
        }
        if (changed) {
            e->version += 1;
            e->updatedAt = now();
            e->versions.push_back(EnvironmentSnapshot{e->version, e->name, e->setupScript, e->networkingType,
                                                      e->packages, e->envVars, e->networkingConfig, now()});
        }
        return json(200, environmentJson(*e));
    }
    case Route::EnvironmentArchive: {
        Environment *e = findEnv(id);
        if (!e)
            return detail(404, QStringLiteral("Environment not found"));
        if (e->archivedAt)
            return detail(409, QStringLiteral("Environment is already archived"));
        e->archivedAt = now();
        e->updatedAt = *e->archivedAt;
        return json(200, environmentJson(*e));
    }
    case Route::EnvironmentDelete: {
        if (req.method != "DELETE")
            return methodNotAllowedJson();
        Environment *e = findEnv(id);
        if (!e)
            return detail(404, QStringLiteral("Environment not found"));
        for (const Session &s : std::as_const(sessions)) {
            if (s.environmentId == e->id)
                return detail(409, QStringLiteral("Cannot delete environment with existing sessions"));
        }
        for (Agent &a : agents) {
            if (a.environmentId == e->id)
                a.environmentId.clear(); // FK set null: no version bump, no snapshot
        }
        environments.remove(e->id);
        return detail(200, QStringLiteral("Environment deleted"));
    }
    case Route::EnvironmentVersions: {
        Environment *e = findEnv(id);
        if (!e)
            return detail(404, QStringLiteral("Environment not found"));
        PyArray items;
        for (auto it = e->versions.rbegin(); it != e->versions.rend(); ++it)
            items.push_back(environmentVersionJson(*e, *it));
        return json(200, dataList(std::move(items)));
    }

    // ------------------------------------------------------------------ sessions
    case Route::Sessions: {
        if (req.method == "GET") {
            PyArray items;
            for (const Session *s : newestFirst(sessions, userId, false))
                items.push_back(sessionJson(*this, *s));
            return json(200, dataList(std::move(items)));
        }
        if (req.method != "POST")
            return methodNotAllowedJson();
        auto body = parseBody();
        if (!body)
            return;
        BodyErrors errs;
        auto in = validateSessionCreate(*body, errs);
        if (!in)
            return reportErrors(errs);
        Agent *a = findAgent(parseUuidLoose(in->agentId));
        if (!a)
            return detail(404, QStringLiteral("Agent not found"));
        if (a->archivedAt)
            return detail(409, QStringLiteral("Cannot create session with archived agent"));
        Environment *env = nullptr;
        const QString envRef = (in->environmentId && !in->environmentId->isEmpty()) ? *in->environmentId : a->environmentId;
        if (!envRef.isEmpty()) {
            env = findEnv(parseUuidLoose(envRef));
            if (!env)
                return detail(404, QStringLiteral("Environment not found"));
            if (env->archivedAt)
                return detail(409, QStringLiteral("Cannot create session with archived environment"));
        }
        QString runtime;
        if (a->provider == QLatin1String("anthropic"))
            runtime = QStringLiteral("claude");
        else if (a->provider == QLatin1String("openai"))
            runtime = QStringLiteral("codex");
        else
            return detail(422, QStringLiteral("Unknown provider: %1. Must be one of: ['anthropic', 'openai']").arg(a->provider));
        if (!backendConfigured)
            return detail(503, QStringLiteral("Session backend is not configured"));
        const int userLimit = users[userId].concurrencyLimit;
        const int limit = userLimit > 0 ? userLimit : concurrencyLimit;
        int active = 0;
        for (const Session &s : std::as_const(sessions)) {
            if (s.userId == userId && (s.status == QLatin1String("pending") || s.status == QLatin1String("running")))
                ++active;
        }
        if (active >= limit) {
            return json(429, PyObjectBuilder()
                                 .add(QStringLiteral("detail"),
                                      QStringLiteral("Concurrent session limit reached (%1/%2). Terminate an active "
                                                     "session before starting a new one.")
                                          .arg(active)
                                          .arg(limit))
                                 .addInt(QStringLiteral("limit"), limit)
                                 .addInt(QStringLiteral("active"), active)
                                 .build());
        }
        Session s;
        s.id = newUuid();
        s.userId = userId;
        s.seq = nextSeq++;
        s.agentId = a->id;
        s.environmentId = env ? env->id : QString();
        s.runtime = runtime;
        s.createdAt = s.updatedAt = now();
        for (const ResourceInput &r : std::as_const(in->resources))
            s.resources.append(Resource{r.url, r.mountPath, r.hasToken});
        s.secretEnvVars = in->secretEnvVars;
        Turn t;
        t.number = 1;
        t.prompt = in->prompt;
        t.createdAt = s.createdAt;
        t.timeoutSec = in->timeout;
        s.turns.push_back(t);
        const QString effectivePrompt = a->system.isEmpty() ? in->prompt : a->system + QStringLiteral("\n\n") + in->prompt;
        sessions.insert(s.id, s);
        const Session &stored = sessions[s.id];
        json(202, PyObjectBuilder()
                      .add(QStringLiteral("id"), stored.id)
                      .add(QStringLiteral("status"), QStringLiteral("pending"))
                      .add(QStringLiteral("stream_url"), QStringLiteral("/sessions/%1/stream").arg(stored.id))
                      .add(QStringLiteral("environment_id"), nullableStr(stored.environmentId))
                      .add(QStringLiteral("resources"), resourcesJson(stored))
                      .addInt(QStringLiteral("current_turn"), 1)
                      .build());
        Q_EMIT q->sessionStatusChanged(stored.id, stored.status);
        startSessionRun(stored.id, effectivePrompt);
        return;
    }
    case Route::Session: {
        Session *s = findSession(id);
        if (!s)
            return detail(404, QStringLiteral("Session not found"));
        return json(200, sessionJson(*this, *s));
    }
    case Route::SessionTurns: {
        Session *s = findSession(id);
        if (!s)
            return detail(404, QStringLiteral("Session not found"));
        PyArray items;
        for (const Turn &t : s->turns)
            items.push_back(turnJson(t));
        return json(200, dataList(std::move(items)));
    }
    case Route::SessionPrompt: {
        Session *s = findSession(id);
        if (!s)
            return detail(404, QStringLiteral("Session not found"));
        auto stateCheck = [&]() -> bool {
            if (s->status == QLatin1String("running"))
                detail(409, QStringLiteral("Session is already running"));
            else if (s->status == QLatin1String("terminated"))
                detail(409, QStringLiteral("Session has been terminated"));
            else if (s->status == QLatin1String("failed"))
                detail(409, QStringLiteral("Session has failed and cannot be resumed. Start a new session."));
            else
                return true;
            return false;
        };
        if (!stateCheck())
            return;
        auto body = parseBody();
        if (!body)
            return;
        BodyErrors errs;
        auto in = validatePrompt(*body, errs);
        if (!in)
            return reportErrors(errs);
        if (!promptBackendError.isEmpty())
            return detail(503, promptBackendError);
        if (!s->sandboxExists || s->sandboxForcedGone)
            return detail(409, QStringLiteral("Session backend is no longer available; start a new session."));
        if (!stateCheck())
            return;
        if (s->status == QLatin1String("pending"))
            return detail(409, QStringLiteral("Session already has a pending turn"));
        Turn t;
        t.number = s->turns.back().number + 1;
        t.prompt = in->prompt;
        t.createdAt = now();
        t.timeoutSec = in->timeout;
        s->turns.push_back(t);
        s->exitCode.reset();
        setSessionStatus(*s, QStringLiteral("pending"));
        json(202, PyObjectBuilder()
                      .add(QStringLiteral("id"), s->id)
                      .add(QStringLiteral("status"), QStringLiteral("pending"))
                      .add(QStringLiteral("stream_url"), QStringLiteral("/sessions/%1/stream").arg(s->id))
                      .addInt(QStringLiteral("current_turn"), t.number)
                      .build());
        startTurnRun(s->id, t.number);
        return;
    }
    case Route::SessionInterrupt: {
        Session *s = findSession(id);
        if (!s)
            return detail(404, QStringLiteral("Session not found"));
        if (s->status == QLatin1String("completed"))
            return detail(409, QStringLiteral("Session has no active turn to interrupt"));
        if (s->status == QLatin1String("terminated"))
            return detail(409, QStringLiteral("Session has been terminated"));
        if (s->status == QLatin1String("failed"))
            return detail(409, QStringLiteral("Session has failed"));
        s->interruptRequested = true;
        const QString status = s->status;
        const QString sid = s->id;
        json(202, PyObjectBuilder().add(QStringLiteral("id"), sid).add(QStringLiteral("status"), status).build());
        if (Session *again = session(sid))
            onInterrupt(*again);
        return;
    }
    case Route::SessionTerminate: {
        Session *s = findSession(id);
        if (!s)
            return detail(404, QStringLiteral("Session not found"));
        if (s->status == QLatin1String("terminated"))
            return detail(409, QStringLiteral("Session is already terminated"));
        setSessionStatus(*s, QStringLiteral("terminated"));
        s->sandboxExists = false;
        const QString sid = s->id;
        json(200, PyObjectBuilder().add(QStringLiteral("id"), sid).add(QStringLiteral("status"), QStringLiteral("terminated")).build());
        if (Session *again = session(sid))
            onTerminate(*again);
        return;
    }
    case Route::SessionDelete: {
        if (req.method != "DELETE")
            return methodNotAllowedJson();
        Session *s = findSession(id);
        if (!s)
            return detail(404, QStringLiteral("Session not found"));
        if (s->status == QLatin1String("pending") || s->status == QLatin1String("running"))
            return detail(409, QStringLiteral("Cannot delete an active session"));
        const QString sid = s->id;
        if (s->runner)
            s->runner->deleteLater();
        sessions.remove(sid);
        // Open streams of this session fail like the real generator does (the row is gone).
        const auto conns = connections;
        for (HttpConnection *c : conns) {
            if (c->stream() && c->stream()->sessionId() == sid)
                c->stream()->sessionGone();
        }
        return detail(200, QStringLiteral("Session deleted"));
    }
    case Route::SessionStream: {
        Session *s = findSession(id);
        if (!s)
            return detail(404, QStringLiteral("Session not found"));
        bool hasLastId = false;
        const QByteArray lastEventId = req.header("Last-Event-ID", &hasLastId);
        QString raw;
        if (!lastEventId.isEmpty()) {
            raw = QString::fromLatin1(lastEventId);
        } else {
            bool present = false;
            raw = req.queryValue(QStringLiteral("since"), &present);
            if (!present)
                raw = QStringLiteral("0");
        }
        const std::optional<qint64> cursor = pythonInt(raw);
        if (!cursor)
            return detail(400, QStringLiteral("since must be an integer"));
        conn->startStream(req, s->id, std::max<qint64>(0, *cursor));
        return;
    }
    case Route::None: case Route::Root: case Route::Health:
        break;
    }
    notFoundHtml();
}

} // namespace Aod::Testing
