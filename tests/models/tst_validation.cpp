// Client-side validation (contract §4): one row per rule, valid and invalid, asserting the
// loc/type/msg of every item, in the server's pydantic shape.
#include <aod/validation.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace Aod;
using namespace Aod::Validation;

namespace {

struct Expect
{
    QVariantList loc;
    QString type;
    QString msg;
};

struct Case
{
    QString name;
    std::function<QList<ValidationItem>()> run;
    QList<Expect> expected;
};

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString repeat(const char *unit, int n)
{
    return QString::fromUtf8(unit).repeated(n);
}

Expect missing(const char *field)
{
    return {{s(field)}, s("missing"), s("Field required")};
}

Expect tooLong(const char *field, int max)
{
    return {{s(field)}, s("string_too_long"), QStringLiteral("String should have at most %1 characters").arg(max)};
}

Expect valueError(const QVariantList &loc, const QString &text)
{
    return {loc, s("value_error"), QStringLiteral("Value error, ") + text};
}

AgentDraft agent(const char *name = "demo", const char *provider = "anthropic", const char *model = "claude-sonnet-4-6")
{
    AgentDraft d;
    if (name)
        d.name = s(name);
    if (provider)
        d.provider = s(provider);
    if (model)
        d.model = s(model);
    return d;
}

AgentSkill inlineSkill(const char *name, const QString &description = s("d"), const QString &content = s("c"))
{
    return AgentSkill::inlineSkill(s(name), description, content);
}

AgentSkill rawSkill(const char *json)
{
    return AgentSkill::fromJson(QJsonDocument::fromJson(QByteArray(json)).object());
}

McpServer rawServer(const char *json)
{
    return McpServer::fromJson(QJsonDocument::fromJson(QByteArray(json)).object());
}

QList<ValidationItem> withSkills(const QList<AgentSkill> &skills)
{
    AgentDraft d = agent();
    d.skills = skills;
    return d.validate();
}

QList<ValidationItem> withServers(const QList<McpServer> &servers)
{
    AgentDraft d = agent();
    d.mcpServers = servers;
    return d.validate();
}

EnvironmentDraft environment(const char *name = "prod")
{
    EnvironmentDraft d;
    if (name)
        d.name = s(name);
    return d;
}

Networking networking(const char *type, const QStringList &hosts = {})
{
    Networking n;
    n.type = s(type);
    n.allowedHosts = hosts;
    return n;
}

SessionDraft session()
{
    SessionDraft d;
    d.agentId = s("c9d9ab0f-3e2f-4a08-9b58-39b65efb55b2");
    d.prompt = s("hello");
    return d;
}

RepositoryResource repo(const QString &url, const QString &mountPath = {})
{
    RepositoryResource r;
    r.url = url;
    r.mountPath = mountPath;
    return r;
}

QList<ValidationItem> withResources(const QList<RepositoryResource> &resources)
{
    SessionDraft d = session();
    d.resources = resources;
    return d.validate();
}

QList<ValidationItem> withTimeout(int timeout)
{
    SessionDraft d = session();
    d.timeout = timeout;
    return d.validate();
}

const QString kNameRule = s(" (must match ^[a-z0-9][a-z0-9-]{0,63}$)");
const QString kUrlRule = s(": expected https://github.com/<owner>/<repo>");
const QString kLimitedRule = s("networking type 'limited' needs at least one allowed host (with none, all egress is blocked)");

QList<Case> cases()
{
    QList<Case> c;
    const QVariantList skills0{s("skills"), 0};
    const QVariantList skills1{s("skills"), 1};

    // --- agent: name, provider, model ------------------------------------------------------
    c.append({s("agent valid"), [] { return agent().validate(); }, {}});
    c.append({s("agent name missing"), [] { return agent(nullptr).validate(); }, {missing("name")}});
    c.append({s("agent name empty is sent (server accepts it)"), [] { return agent("").validate(); }, {}});
    c.append({s("agent name 200"), [] { AgentDraft d = agent(); d.name = repeat("n", 200); return d.validate(); }, {}});
    c.append({s("agent name 201"), [] { AgentDraft d = agent(); d.name = repeat("n", 201); return d.validate(); },
              {tooLong("name", 200)}});
    c.append({s("agent name 200 astral characters"),
              [] { AgentDraft d = agent(); d.name = repeat("\U0001F680", 200); return d.validate(); }, {}});
    c.append({s("agent name 201 astral characters"),
              [] { AgentDraft d = agent(); d.name = repeat("\U0001F680", 201); return d.validate(); },
              {tooLong("name", 200)}});
    c.append({s("agent provider missing"), [] { return agent("demo", nullptr, "gpt-5").validate(); },
              {missing("provider")}});
    c.append({s("agent provider 33"), [] { AgentDraft d = agent(); d.provider = repeat("p", 33); return d.validate(); },
              {tooLong("provider", 32)}});
    c.append({s("agent provider unknown"), [] { return agent("demo", "google", "gemini-2").validate(); },
              {{{s("provider")}, s("value_error"), s("Unknown provider: google. Must be one of: ['anthropic', 'openai']")}}});
    c.append({s("agent provider empty"), [] { return agent("demo", "", "m").validate(); },
              {{{s("provider")}, s("value_error"), s("Unknown provider: . Must be one of: ['anthropic', 'openai']")}}});
    c.append({s("agent provider trimmed"), [] { return agent("demo", " openai ", "gpt-5").validate(); }, {}});
    c.append({s("agent model missing"), [] { return agent("demo", "anthropic", nullptr).validate(); },
              {missing("model")}});
    c.append({s("agent model blank"), [] { return agent("demo", "anthropic", "  ").validate(); },
              {valueError({s("model")}, s("Model must be a non-empty string"))}});
    c.append({s("agent model 100"), [] { AgentDraft d = agent(); d.model = repeat("m", 100); return d.validate(); }, {}});
    c.append({s("agent model 101"), [] { AgentDraft d = agent(); d.model = repeat("m", 101); return d.validate(); },
              {tooLong("model", 100)}});
    c.append({s("agent model prefix mismatch"), [] { return agent("demo", "openai", "anthropic/claude").validate(); },
              {{{s("model")}, s("value_error"), s("Model provider prefix 'anthropic' does not match provider 'openai'")}}});
    c.append({s("agent model google prefix"), [] { return agent("demo", "openai", "google/gemini").validate(); },
              {{{s("model")}, s("value_error"), s("Model provider prefix 'google' does not match provider 'openai'")}}});
    c.append({s("agent model empty after prefix"), [] { return agent("demo", "anthropic", "anthropic/ ").validate(); },
              {{{s("model")}, s("value_error"), s("Model must be a non-empty string")}}});
    c.append({s("agent model matching prefix"), [] { return agent("demo", "anthropic", "anthropic/claude").validate(); }, {}});
    c.append({s("agent model other prefix kept"), [] { return agent("demo", "openai", "meta-llama/x").validate(); }, {}});
    c.append({s("agent legacy model prefix"),
              [] { return agent("demo", nullptr, "anthropic/claude-sonnet-4-6").validate(); }, {}});
    c.append({s("agent legacy runtime"), [] {
                  AgentDraft d = agent("demo", nullptr, "gpt-5");
                  d.runtime = s("codex");
                  return d.validate();
              }, {}});
    c.append({s("agent legacy runtime without a provider"), [] {
                  AgentDraft d = agent("demo", nullptr, "gemini-2");
                  d.runtime = s("gemini");
                  return d.validate();
              }, {missing("provider")}});

    // --- skills ------------------------------------------------------------------------------
    c.append({s("skills 20"), [] {
                  QList<AgentSkill> list;
                  for (int i = 0; i < 20; ++i)
                      list.append(inlineSkill(QByteArray("s" + QByteArray::number(i)).constData()));
                  return withSkills(list);
              }, {}});
    c.append({s("skills 21: the count alone"), [] {
                  QList<AgentSkill> list;
                  for (int i = 0; i < 21; ++i)
                      list.append(inlineSkill("Bad Name"));
                  return withSkills(list);
              }, {valueError({s("skills")}, s("Maximum 20 skills per agent"))}});
    c.append({s("skill inline valid"), [] { return withSkills({inlineSkill("careful")}); }, {}});
    c.append({s("skill inline missing content"), [] { return withSkills({rawSkill(R"({"name":"a","description":"d"})")}); },
              {valueError(skills0, s("skills[0] missing required field: content"))}});
    c.append({s("skill inline missing description"), [] { return withSkills({rawSkill(R"({"name":"a","content":"c"})")}); },
              {valueError(skills0, s("skills[0] missing required field: description"))}});
    c.append({s("skill inline unknown key"), [] { return withSkills({rawSkill(R"({"name":"web","config":{}})")}); },
              {valueError(skills0, s("skills[0] has unknown fields: config"))}});
    c.append({s("skill inline name not a string"),
              [] { return withSkills({rawSkill(R"({"name":1,"description":"d","content":"c"})")}); },
              {valueError(skills0, s("skills[0]: field 'name' must be a string"))}});
    c.append({s("skill name with a space"), [] { return withSkills({inlineSkill("Bad Name")}); },
              {valueError(skills0, s("skills[0]: invalid name 'Bad Name'") + kNameRule)}});
    c.append({s("skill name leading dash"), [] { return withSkills({inlineSkill("-leading-dash")}); },
              {valueError(skills0, s("skills[0]: invalid name '-leading-dash'") + kNameRule)}});
    c.append({s("skill name 64"), [] { return withSkills({inlineSkill(repeat("a", 64).toLatin1().constData())}); }, {}});
    c.append({s("skill name 65"), [] { return withSkills({inlineSkill(repeat("a", 65).toLatin1().constData())}); },
              {valueError(skills0, QStringLiteral("skills[0]: invalid name '%1'").arg(repeat("a", 65)) + kNameRule)}});
    c.append({s("skill description 1024"), [] { return withSkills({inlineSkill("a", repeat("d", 1024))}); }, {}});
    c.append({s("skill description 1025"), [] { return withSkills({inlineSkill("a", repeat("d", 1025))}); },
              {valueError(skills0, s("skills[0]: description exceeds 1024 characters"))}});
    c.append({s("skill content 65536 bytes"), [] { return withSkills({inlineSkill("a", s("d"), repeat("c", 65536))}); }, {}});
    c.append({s("skill content 65537 bytes"), [] { return withSkills({inlineSkill("a", s("d"), repeat("c", 65537))}); },
              {valueError(skills0, s("skills[0]: content exceeds 65536 bytes"))}});
    c.append({s("skill content counted in UTF-8 bytes"),
              [] { return withSkills({inlineSkill("a", s("d"), repeat("\u20ac", 21846))}); },
              {valueError(skills0, s("skills[0]: content exceeds 65536 bytes"))}});
    c.append({s("skill content with SKILL_EOF"),
              [] { return withSkills({inlineSkill("a", s("d"), s("text\nSKILL_EOF\nmore"))}); },
              {valueError(skills0, s("skills[0]: content must not contain SKILL_EOF"))}});
    c.append({s("skill github valid, no name"),
              [] { return withSkills({AgentSkill::github(s("ravi-hq/all-skills"), s("Whole repo"))}); }, {}});
    c.append({s("skill github bad source"),
              [] { return withSkills({AgentSkill::github(s("not-a-source"), s("d"))}); },
              {valueError(skills0, s("skills[0]: invalid source 'not-a-source' (expected owner/repo)"))}});
    c.append({s("skill github wrong type"),
              [] { return withSkills({rawSkill(R"({"type":"gitlab","description":"d","source":"o/r"})")}); },
              {valueError(skills0, s("skills[0]: type must be 'github'"))}});
    c.append({s("skill github missing description"), [] { return withSkills({rawSkill(R"({"type":"github","source":"o/r"})")}); },
              {valueError(skills0, s("skills[0] missing required field: description"))}});
    c.append({s("skill github with content"),
              [] { return withSkills({rawSkill(R"({"type":"github","description":"d","source":"o/r","content":"x"})")}); },
              {valueError(skills0, s("skills[0] has unknown fields: content"))}});
    c.append({s("skill github bad name"),
              [] { return withSkills({AgentSkill::github(s("o/r"), s("d"), s("Browse"))}); },
              {valueError(skills0, s("skills[0]: invalid name 'Browse'") + kNameRule)}});
    c.append({s("skills duplicate name"),
              [] { return withSkills({inlineSkill("careful"), AgentSkill::github(s("o/r"), s("d"), s("careful"))}); },
              {valueError(skills1, s("skills[1]: duplicate name 'careful'"))}});
    c.append({s("skills duplicate source"),
              [] { return withSkills({AgentSkill::github(s("o/r"), s("a")), AgentSkill::github(s("o/r"), s("b"))}); },
              {valueError(skills1, s("skills[1]: duplicate source 'o/r'"))}});
    c.append({s("skills same source, one named"),
              [] { return withSkills({AgentSkill::github(s("o/r"), s("a")), AgentSkill::github(s("o/r"), s("b"), s("one"))}); },
              {}});
    c.append({s("skills: every bad entry is reported"),
              [] { return withSkills({inlineSkill("Bad"), inlineSkill("ok"), inlineSkill("ok")}); },
              {valueError(skills0, s("skills[0]: invalid name 'Bad'") + kNameRule),
               valueError({s("skills"), 2}, s("skills[2]: duplicate name 'ok'"))}});

    // --- MCP servers -------------------------------------------------------------------------
    c.append({s("mcp valid url and stdio"), [] {
                  McpServer url;
                  url.name = s("docs");
                  url.url = s("https://docs.example/mcp");
                  McpServer stdio;
                  stdio.name = s("local");
                  stdio.type = s("stdio");
                  stdio.command = s("my-mcp-server");
                  return withServers({url, stdio});
              }, {}});
    c.append({s("mcp url without type"), [] { return withServers({rawServer(R"({"name":"a","url":"u"})")}); }, {}});
    c.append({s("mcp name not type-checked"), [] { return withServers({rawServer(R"({"name":7,"url":"u"})")}); }, {}});
    c.append({s("mcp missing name"), [] { return withServers({rawServer(R"({"url":"u"})")}); },
              {valueError({s("mcp_servers"), 0}, s("mcp_servers[0] missing required field: name"))}});
    c.append({s("mcp unknown type"), [] { return withServers({rawServer(R"({"name":"a","type":"sse","url":"u"})")}); },
              {valueError({s("mcp_servers"), 0}, s("mcp_servers[0]: type must be 'url' or 'stdio'"))}});
    c.append({s("mcp url server without url"), [] { return withServers({rawServer(R"({"name":"a"})")}); },
              {valueError({s("mcp_servers"), 0}, s("mcp_servers[0] (url): missing required field: url"))}});
    c.append({s("mcp stdio server without command"), [] {
                  return withServers({rawServer(R"({"name":"a","url":"u"})"),
                                      rawServer(R"({"name":"b","type":"stdio"})")});
              }, {valueError({s("mcp_servers"), 1}, s("mcp_servers[1] (stdio): missing required field: command"))}});
    c.append({s("mcp duplicate names"), [] {
                  return withServers({rawServer(R"({"name":"docs","url":"u"})"),
                                      rawServer(R"({"name":"docs","type":"stdio","command":"c"})")});
              }, {valueError({s("mcp_servers"), 1}, s("mcp_servers[1]: duplicate name 'docs'"))}});
    c.append({s("mcp 20"), [] {
                  QList<McpServer> list;
                  for (int i = 0; i < 20; ++i) {
                      McpServer m;
                      m.name = QString::number(i);
                      m.url = s("u");
                      list.append(m);
                  }
                  return withServers(list);
              }, {}});
    c.append({s("mcp 21: count after the entries"), [] {
                  QList<McpServer> list;
                  for (int i = 0; i < 21; ++i) {
                      McpServer m;
                      m.name = i == 0 ? QString() : QString::number(i);
                      m.url = s("u");
                      list.append(m);
                  }
                  return withServers(list);
              }, {valueError({s("mcp_servers"), 0}, s("mcp_servers[0] missing required field: name")),
                  valueError({s("mcp_servers")}, s("Maximum 20 MCP servers per agent"))}});

    // --- agent updates -------------------------------------------------------------------------
    c.append({s("patch version only"), [] { AgentPatch p; p.version = 3; return p.validate(); }, {}});
    c.append({s("patch name 201"), [] { AgentPatch p; p.name = repeat("n", 201); return p.validate(); },
              {tooLong("name", 200)}});
    c.append({s("patch model blank"), [] { AgentPatch p; p.model = s(""); return p.validate(); },
              {valueError({s("model")}, s("Model must be a non-empty string"))}});
    c.append({s("patch model 101"), [] { AgentPatch p; p.model = repeat("m", 101); return p.validate(); },
              {tooLong("model", 100)}});
    c.append({s("patch provider empty keeps the stored one"), [] { AgentPatch p; p.provider = s(""); return p.validate(); }, {}});
    c.append({s("patch provider unknown"), [] { AgentPatch p; p.provider = s("kimi"); return p.validate(); },
              {{{s("provider")}, s("value_error"), s("Unknown provider: kimi. Must be one of: ['anthropic', 'openai']")}}});
    c.append({s("patch provider and model mismatch"), [] {
                  AgentPatch p;
                  p.provider = s("anthropic");
                  p.model = s("openai/gpt-5");
                  return p.validate();
              }, {{{s("model")}, s("value_error"), s("Model provider prefix 'openai' does not match provider 'anthropic'")}}});
    c.append({s("patch skills checked"), [] { AgentPatch p; p.skills = QList<AgentSkill>{inlineSkill("X")}; return p.validate(); },
              {valueError(skills0, s("skills[0]: invalid name 'X'") + kNameRule)}});
    c.append({s("patch mcp checked"), [] { AgentPatch p; p.mcpServers = QList<McpServer>{rawServer("{}")}; return p.validate(); },
              {valueError({s("mcp_servers"), 0}, s("mcp_servers[0] missing required field: name"))}});

    // --- environments --------------------------------------------------------------------------
    c.append({s("environment valid"), [] { return environment().validate(); }, {}});
    c.append({s("environment name missing"), [] { return environment(nullptr).validate(); }, {missing("name")}});
    c.append({s("environment name 201"), [] { EnvironmentDraft d = environment(); d.name = repeat("e", 201); return d.validate(); },
              {tooLong("name", 200)}});
    c.append({s("environment packages known"), [] {
                  EnvironmentDraft d = environment();
                  for (const QString &m : packageManagers())
                      d.packages.insert(m, {s("x")});
                  return d.validate();
              }, {}});
    c.append({s("environment packages unknown manager"), [] {
                  EnvironmentDraft d = environment();
                  d.packages.insert(s("brew"), {s("jq")});
                  return d.validate();
              }, {valueError({s("packages")}, s("Unknown package manager 'brew'. Must be one of: apt, cargo, gem, go, npm, pip"))}});
    c.append({s("environment env var keys valid"), [] {
                  EnvironmentDraft d = environment();
                  d.envVars = {{s("_OK"), s("")}, {s("A1_b"), s("v")}};
                  return d.validate();
              }, {}});
    c.append({s("environment env var key leading digit"), [] {
                  EnvironmentDraft d = environment();
                  d.envVars = {{s("1BAD"), s("v")}};
                  return d.validate();
              }, {valueError({s("env_vars")}, s("Invalid env var key '1BAD': must match ^[A-Za-z_][A-Za-z0-9_]*$"))}});
    c.append({s("environment env var key with a dash"), [] {
                  EnvironmentDraft d = environment();
                  d.envVars = {{s("A-B"), s("v")}};
                  return d.validate();
              }, {valueError({s("env_vars")}, s("Invalid env var key 'A-B': must match ^[A-Za-z_][A-Za-z0-9_]*$"))}});
    c.append({s("environment env var key with a newline"), [] {
                  EnvironmentDraft d = environment();
                  d.envVars = {{s("KEY\n"), s("v")}};
                  return d.validate();
              }, {valueError({s("env_vars")}, s("Invalid env var key 'KEY\\n': must match ^[A-Za-z_][A-Za-z0-9_]*$"))}});
    c.append({s("environment networking limited with hosts"), [] {
                  EnvironmentDraft d = environment();
                  d.networking = networking("limited", {s("api.github.com")});
                  return d.validate();
              }, {}});
    c.append({s("environment networking limited without hosts"), [] {
                  EnvironmentDraft d = environment();
                  d.networking = networking("limited");
                  return d.validate();
              }, {valueError({s("networking")}, kLimitedRule)}});
    c.append({s("environment networking unknown type"), [] {
                  EnvironmentDraft d = environment();
                  d.networking = networking("open");
                  return d.validate();
              }, {valueError({s("networking")}, s("networking type must be 'unrestricted' or 'limited'"))}});
    c.append({s("environment networking hosts not a list"), [] {
                  EnvironmentDraft d = environment();
                  d.networking = Networking::fromJson(
                      QJsonDocument::fromJson(R"({"type":"limited","allowed_hosts":"a.com"})").object());
                  return d.validate();
              }, {valueError({s("networking")}, s("networking allowed_hosts must be a list"))}});
    c.append({s("environment patch valid"), [] {
                  EnvironmentPatch p;
                  p.envVars = QMap<QString, QString>();
                  p.networking = networking("unrestricted");
                  return p.validate();
              }, {}});
    c.append({s("environment patch name 201"), [] { EnvironmentPatch p; p.name = repeat("e", 201); return p.validate(); },
              {tooLong("name", 200)}});
    c.append({s("environment patch limited without hosts"), [] {
                  EnvironmentPatch p;
                  p.networking = networking("limited");
                  return p.validate();
              }, {valueError({s("networking")}, kLimitedRule)}});
    c.append({s("environment patch bad key and manager"), [] {
                  EnvironmentPatch p;
                  p.packages = QMap<QString, QStringList>{{s("yum"), {}}};
                  p.envVars = QMap<QString, QString>{{s(""), s("v")}};
                  return p.validate();
              }, {valueError({s("packages")}, s("Unknown package manager 'yum'. Must be one of: apt, cargo, gem, go, npm, pip")),
                  valueError({s("env_vars")}, s("Invalid env var key '': must match ^[A-Za-z_][A-Za-z0-9_]*$"))}});

    // --- sessions ----------------------------------------------------------------------------
    c.append({s("session valid"), [] { return session().validate(); }, {}});
    c.append({s("session empty prompt"), [] { SessionDraft d = session(); d.prompt.clear(); return d.validate(); }, {}});
    c.append({s("session agent_id missing"), [] { SessionDraft d = session(); d.agentId = QString(); return d.validate(); },
              {missing("agent_id")}});
    c.append({s("session timeout 9"), [] { return withTimeout(9); },
              {{{s("timeout")}, s("greater_than_equal"), s("Input should be greater than or equal to 10")}}});
    c.append({s("session timeout 10"), [] { return withTimeout(10); }, {}});
    c.append({s("session timeout 3600"), [] { return withTimeout(3600); }, {}});
    c.append({s("session timeout 3601"), [] { return withTimeout(3601); },
              {{{s("timeout")}, s("less_than_equal"), s("Input should be less than or equal to 3600")}}});
    c.append({s("prompt timeout 0"), [] { PromptRequest p; p.prompt = s("x"); p.timeout = 0; return p.validate(); },
              {{{s("timeout")}, s("greater_than_equal"), s("Input should be greater than or equal to 10")}}});
    c.append({s("prompt without timeout"), [] { PromptRequest p; return p.validate(); }, {}});
    c.append({s("resource url valid"), [] { return withResources({repo(s("https://github.com/ravi-hq/agent-on-demand"))}); }, {}});
    c.append({s("resource url with .git"), [] { return withResources({repo(s("https://github.com/me/repo.git"))}); }, {}});
    c.append({s("resource url gitlab"), [] { return withResources({repo(s("https://gitlab.com/me/repo"))}); },
              {valueError({s("resources"), 0, s("url")}, s("Invalid GitHub repository URL 'https://gitlab.com/me/repo'") + kUrlRule)}});
    c.append({s("resource url http"), [] { return withResources({repo(s("http://github.com/me/repo"))}); },
              {valueError({s("resources"), 0, s("url")}, s("Invalid GitHub repository URL 'http://github.com/me/repo'") + kUrlRule)}});
    c.append({s("resource url trailing slash"), [] { return withResources({repo(s("https://github.com/me/repo/"))}); },
              {valueError({s("resources"), 0, s("url")}, s("Invalid GitHub repository URL 'https://github.com/me/repo/'") + kUrlRule)}});
    c.append({s("resource url non-ASCII"), [] { return withResources({repo(s("https://github.com/m\u00e9/repo"))}); },
              {valueError({s("resources"), 0, s("url")}, s("Invalid GitHub repository URL 'https://github.com/m\u00e9/repo'") + kUrlRule)}});
    c.append({s("resource url extra segment"), [] { return withResources({repo(s("https://github.com/me/repo/tree/main"))}); },
              {valueError({s("resources"), 0, s("url")},
                          s("Invalid GitHub repository URL 'https://github.com/me/repo/tree/main'") + kUrlRule)}});
    c.append({s("resource mount /repo"), [] { return withResources({repo(s("https://github.com/me/repo"), s("/repo"))}); }, {}});
    c.append({s("resource mount under /home/sprite"),
              [] { return withResources({repo(s("https://github.com/me/repo"), s("/home/sprite/repo"))}); }, {}});
    c.append({s("resource mount relative"), [] { return withResources({repo(s("https://github.com/me/repo"), s("repo"))}); },
              {valueError({s("resources"), 0, s("mount_path")}, s("mount_path must be an absolute path"))}});
    for (const char *reserved : {"/", "/home/sprite", "/home/sprite/", "//"}) {
        c.append({QStringLiteral("resource mount %1").arg(s(reserved)),
                  [reserved] { return withResources({repo(s("https://github.com/me/repo"), s(reserved))}); },
                  {valueError({s("resources"), 0, s("mount_path")}, s("mount_path must not be '/' or '/home/sprite'"))}});
    }
    c.append({s("resources 10"), [] {
                  QList<RepositoryResource> list;
                  for (int i = 0; i < 10; ++i)
                      list.append(repo(QStringLiteral("https://github.com/me/r%1").arg(i)));
                  return withResources(list);
              }, {}});
    c.append({s("resources 11"), [] {
                  QList<RepositoryResource> list;
                  for (int i = 0; i < 11; ++i)
                      list.append(repo(QStringLiteral("https://github.com/me/r%1").arg(i)));
                  return withResources(list);
              }, {valueError({s("resources")}, s("Maximum 10 resources per session"))}});
    c.append({s("resources duplicate derived mount paths"), [] {
                  return withResources({repo(s("https://github.com/a/repo")), repo(s("https://github.com/b/repo.git"))});
              }, {valueError({s("resources")}, s("Duplicate mount_path in resources"))}});
    c.append({s("resources explicit path equals a derived one"), [] {
                  return withResources({repo(s("https://github.com/a/x"), s("/workspace/y")), repo(s("https://github.com/b/y"))});
              }, {valueError({s("resources")}, s("Duplicate mount_path in resources"))}});
    c.append({s("resources same repo, two mount paths"), [] {
                  return withResources({repo(s("https://github.com/a/x"), s("/one")), repo(s("https://github.com/a/x"), s("/two"))});
              }, {}});
    c.append({s("session secret key invalid"), [] {
                  SessionDraft d = session();
                  d.secretEnvVars = {{s("ANTHROPIC_API_KEY"), s("sk")}, {s("BAD KEY"), s("secret value")}};
                  return d.validate();
              }, {valueError({s("secret_env_vars")}, s("Invalid env var key 'BAD KEY': must match ^[A-Za-z_][A-Za-z0-9_]*$"))}});
    return c;
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void missingCarriesTheWholeBody();
    void offendingInputIsKept();
    void secretsAreNeverEchoed();
    void normalize_data();
    void normalize();
    void deriveProvider();
    void predicates();
};

void TestValidation::rules_data()
{
    QTest::addColumn<int>("index");
    const QList<Case> all = cases();
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(qPrintable(all.at(i).name)) << i;
}

void TestValidation::rules()
{
    QFETCH(int, index);
    const Case c = cases().at(index);
    const QList<ValidationItem> items = c.run();
    QStringList got;
    for (const ValidationItem &item : items)
        got.append(item.field() + QStringLiteral(" | ") + item.type + QStringLiteral(" | ") + item.msg);
    QVERIFY2(items.size() == c.expected.size(),
             qPrintable(QStringLiteral("expected %1 item(s), got:\n").arg(c.expected.size()) + got.join(QLatin1Char('\n'))));
    for (int i = 0; i < items.size(); ++i) {
        QCOMPARE(items.at(i).loc, c.expected.at(i).loc);
        QCOMPARE(items.at(i).type, c.expected.at(i).type);
        QCOMPARE(items.at(i).msg, c.expected.at(i).msg);
    }
}

void TestValidation::missingCarriesTheWholeBody()
{
    AgentDraft d = agent(nullptr);
    d.metadata = QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}};
    const QList<ValidationItem> items = d.validate();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).input, QJsonValue(d.toJson()));
}

void TestValidation::offendingInputIsKept()
{
    AgentDraft d = agent();
    d.name = repeat("n", 201);
    QCOMPARE(d.validate().at(0).input, QJsonValue(d.name));

    SessionDraft sd = session();
    sd.timeout = 5;
    QCOMPARE(sd.validate().at(0).input, QJsonValue(5));

    const QList<ValidationItem> skill = withSkills({inlineSkill("Bad")});
    QCOMPARE(skill.at(0).input.toObject().value(QLatin1String("name")).toString(), QStringLiteral("Bad"));
    QCOMPARE(skill.at(0).field(), QStringLiteral("skills[0]"));
}

void TestValidation::secretsAreNeverEchoed()
{
    SessionDraft d = session();
    d.secretEnvVars = {{s("BAD KEY"), s("sk-very-secret")}};
    const QList<ValidationItem> items = d.validate();
    QCOMPARE(items.size(), 1);
    const QByteArray all = QJsonDocument(items.at(0).toJson()).toJson();
    QVERIFY(!all.contains("sk-very-secret"));

    RepositoryResource r = repo(s("https://gitlab.com/a/b"));
    r.authorizationToken = s("ghp_secret");
    const QList<ValidationItem> res = withResources({r});
    QCOMPARE(res.size(), 1);
    QVERIFY(!QJsonDocument(res.at(0).toJson()).toJson().contains("ghp_secret"));
}

void TestValidation::normalize_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("outProvider");
    QTest::addColumn<QString>("outModel");
    QTest::addColumn<QString>("error");
    QTest::newRow("plain") << s("anthropic") << s("claude-sonnet-4-6") << s("anthropic") << s("claude-sonnet-4-6") << QString();
    QTest::newRow("trimmed") << s(" openai\t") << s(" gpt-5 ") << s("openai") << s("gpt-5") << QString();
    QTest::newRow("prefix stripped") << s("anthropic") << s("anthropic/ claude ") << s("anthropic") << s("claude") << QString();
    QTest::newRow("only the first slash") << s("openai") << s("openai/org/model") << s("openai") << s("org/model") << QString();
    QTest::newRow("unknown prefix kept") << s("openai") << s("meta-llama/x") << s("openai") << s("meta-llama/x") << QString();
    QTest::newRow("kimi prefix") << s("openai") << s("kimi/k2") << s("openai") << s("kimi/k2")
                                 << s("Model provider prefix 'kimi' does not match provider 'openai'");
    QTest::newRow("case matters") << s("Anthropic") << s("m") << s("Anthropic") << s("m")
                                  << s("Unknown provider: Anthropic. Must be one of: ['anthropic', 'openai']");
    QTest::newRow("blank model") << s("openai") << s(" ") << s("openai") << QString() << s("Model must be a non-empty string");
}

void TestValidation::normalize()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(QString, outProvider);
    QFETCH(QString, outModel);
    QFETCH(QString, error);
    const ProviderModel pm = normalizeProviderModel(provider, model);
    QCOMPARE(pm.error, error);
    QCOMPARE(pm.provider, outProvider);
    QCOMPARE(pm.model, outModel);
}

void TestValidation::deriveProvider()
{
    QCOMPARE(Validation::deriveProvider(s("anthropic/claude-sonnet-4-6"), QString()), s("anthropic"));
    QCOMPARE(Validation::deriveProvider(s(" openai/gpt-5"), s("claude")), s("openai")); // the prefix wins
    QCOMPARE(Validation::deriveProvider(s("claude-sonnet-4-6"), s("claude")), s("anthropic"));
    QCOMPARE(Validation::deriveProvider(s("gpt-5"), s(" Codex ")), s("openai"));
    QVERIFY(Validation::deriveProvider(s("google/gemini"), QString()).isEmpty());
    QVERIFY(Validation::deriveProvider(s("x"), s("opencode")).isEmpty());
}

void TestValidation::predicates()
{
    QVERIFY(isUuid(s("c9d9ab0f-3e2f-4a08-9b58-39b65efb55b2")));
    QVERIFY(isUuid(s("C9D9AB0F-3E2F-4A08-9B58-39B65EFB55B2")));
    QVERIFY(!isUuid(s("c9d9ab0f3e2f4a089b5839b65efb55b2")));
    QVERIFY(!isUuid(s("c9d9ab0f-3e2f-4a08-9b58-39b65efb55b2\n")));
    QVERIFY(!isUuid(s("g9d9ab0f-3e2f-4a08-9b58-39b65efb55b2")));
    QVERIFY(!isUuid(QString()));
    QVERIFY(isValidGithubSource(s("ravi-hq/skills.v2_x")));
    QVERIFY(!isValidGithubSource(s("ravi-hq/skills/sub")));
    QVERIFY(!isValidGithubSource(s("/skills")));
    QVERIFY(isValidSkillName(s("0-a")));
    QVERIFY(!isValidSkillName(s("")));
    QVERIFY(!isValidSkillName(s("a_b")));
    QVERIFY(isValidEnvVarKey(s("_")));
    QVERIFY(!isValidEnvVarKey(s("\u00c9T\u00c9")));
    QVERIFY(isValidRepositoryUrl(s("https://github.com/a.b/c-d_e.git")));
    QVERIFY(!isValidRepositoryUrl(s("https://github.com/a/b.git\n")));
    QVERIFY(!isValidRepositoryUrl(s("https://www.github.com/a/b")));
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
