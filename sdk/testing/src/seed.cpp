// LocalServer::seed(): realistic sample data for the default user (demo mode, UI tests).
#include "localserver_p.h"

namespace Aod::Testing {

using namespace Internal;

namespace {

PyValue strList(const QStringList &l)
{
    PyArray a;
    for (const QString &s : l)
        a.push_back(PyValue::string(s));
    return PyValue::array(std::move(a));
}

} // namespace

void LocalServer::seed()
{
    Private &p = *d;
    const int uid = p.defaultUserId;
    // A fixed point in the past; whole seconds are used on purpose for some rows so that both
    // timestamp forms (with and without fraction) appear in the seeded data.
    const Micros day = 24LL * 3600 * 1000000;
    const Micros base = (QDateTime::currentMSecsSinceEpoch() * 1000 / 1000000) * 1000000 - 3 * day;

    auto makeEnv = [&](const QString &name, const QString &netType, const PyValue &netConfig, const PyValue &packages,
                       const PyValue &envVars, const QString &setup, Micros created) -> Environment & {
        Environment e;
        e.id = p.newUuid();
        e.userId = uid;
        e.seq = p.nextSeq++;
        e.name = name;
        e.networkingType = netType;
        e.networkingConfig = netConfig;
        e.packages = packages;
        e.envVars = envVars;
        e.setupScript = setup;
        e.createdAt = e.updatedAt = created;
        e.versions.push_back(EnvironmentSnapshot{1, name, setup, netType, packages, envVars, netConfig, created});
        return p.environments.insert(e.id, e).value();
    };

    Environment &py = makeEnv(QStringLiteral("python-data"), QStringLiteral("limited"),
                              PyObjectBuilder().add(QStringLiteral("allowed_hosts"),
                                                    strList({QStringLiteral("pypi.org"), QStringLiteral("files.pythonhosted.org"),
                                                             QStringLiteral("api.github.com")})).build(),
                              PyObjectBuilder().add(QStringLiteral("apt"), strList({QStringLiteral("jq"), QStringLiteral("curl")}))
                                  .add(QStringLiteral("pip"), strList({QStringLiteral("pandas"), QStringLiteral("pytest")})).build(),
                              PyObjectBuilder().add(QStringLiteral("LOG_LEVEL"), QStringLiteral("info")).build(),
                              QStringLiteral("pip install -e ."), base);
    // one edit: version 2 with history
    py.packages.set(QStringLiteral("npm"), strList({QStringLiteral("typescript")}));
    py.version = 2;
    py.updatedAt = base + 3600LL * 1000000 + 250000;
    py.versions.push_back(EnvironmentSnapshot{2, py.name, py.setupScript, py.networkingType, py.packages, py.envVars,
                                              py.networkingConfig, py.updatedAt});
    const QString pyId = py.id;

    Environment &node = makeEnv(QStringLiteral("node-web"), QStringLiteral("unrestricted"), PyValue::object(),
                                PyObjectBuilder().add(QStringLiteral("npm"), strList({QStringLiteral("typescript"), QStringLiteral("eslint")})).build(),
                                PyValue::object(), QString(), base + 7200LL * 1000000 + 123456);
    const QString nodeId = node.id;
    Environment &legacy = makeEnv(QStringLiteral("legacy-ci"), QStringLiteral("unrestricted"), PyValue::object(),
                                  PyValue::object(), PyValue::object(), QStringLiteral("echo legacy"),
                                  base + 7300LL * 1000000);
    legacy.archivedAt = legacy.updatedAt = base + 9000LL * 1000000 + 500;

    auto makeAgent = [&](const QString &name, const QString &provider, const QString &model, const QString &envId,
                         Micros created) -> Agent & {
        Agent a;
        a.id = p.newUuid();
        a.userId = uid;
        a.seq = p.nextSeq++;
        a.name = name;
        a.provider = provider;
        a.model = model;
        a.environmentId = envId;
        a.createdAt = a.updatedAt = created;
        a.versions.push_back(AgentSnapshot{1, name, {}, {}, provider, model, envId, a.skills, a.mcpServers, a.metadata, created});
        return p.agents.insert(a.id, a).value();
    };
    auto snapshot = [&](Agent &a, Micros at) {
        a.version += 1;
        a.updatedAt = at;
        a.versions.push_back(AgentSnapshot{a.version, a.name, a.description, a.system, a.provider, a.model,
                                           a.environmentId, a.skills, a.mcpServers, a.metadata, at});
    };

    Agent &reviewer = makeAgent(QStringLiteral("code-reviewer"), QStringLiteral("anthropic"),
                                QStringLiteral("claude-sonnet-4-5"), pyId, base + 10000LL * 1000000 + 910301);
    reviewer.system = QStringLiteral("You are a careful code reviewer. Prefer small, safe changes.");
    reviewer.description = QStringLiteral("Reviews pull requests and fixes failing tests");
    snapshot(reviewer, base + 11000LL * 1000000);
    reviewer.skills = PyValue::array({PyObjectBuilder()
                                          .add(QStringLiteral("name"), QStringLiteral("careful"))
                                          .add(QStringLiteral("description"), QStringLiteral("Be careful with destructive commands"))
                                          .add(QStringLiteral("content"), QStringLiteral("Never run rm -rf outside the workspace."))
                                          .build()});
    reviewer.mcpServers = PyValue::array({PyObjectBuilder()
                                              .add(QStringLiteral("name"), QStringLiteral("context7"))
                                              .add(QStringLiteral("url"), QStringLiteral("https://mcp.context7.com/mcp"))
                                              .build()});
    reviewer.metadata = PyObjectBuilder().add(QStringLiteral("team"), QStringLiteral("platform")).build();
    snapshot(reviewer, base + 12000LL * 1000000 + 42);
    const QString reviewerId = reviewer.id;

    Agent &writer = makeAgent(QStringLiteral("docs-writer"), QStringLiteral("openai"), QStringLiteral("gpt-5-codex"),
                              nodeId, base + 13000LL * 1000000 + 777001);
    writer.description = QStringLiteral("Keeps the README and API docs current");
    writer.versions.back().description = writer.description;
    const QString writerId = writer.id;

    Agent &old = makeAgent(QStringLiteral("old-helper"), QStringLiteral("anthropic"), QStringLiteral("claude-3-5-haiku"),
                           QString(), base + 14000LL * 1000000);
    old.archivedAt = old.updatedAt = base + 15000LL * 1000000 + 1;

    // Sessions, run to completion synchronously through the same runner as live ones.
    struct SeedTurn {
        QString prompt;
        bool interruptBefore = false;
    };
    auto makeSession = [&](const QString &agentId, const QList<SeedTurn> &turns, Micros created, bool withRepo,
                           bool terminateAtEnd) {
        const Agent &a = p.agents[agentId];
        Session s;
        s.id = p.newUuid();
        s.userId = uid;
        s.seq = p.nextSeq++;
        s.agentId = agentId;
        s.environmentId = a.environmentId;
        s.runtime = a.provider == QLatin1String("openai") ? QStringLiteral("codex") : QStringLiteral("claude");
        if (withRepo)
            s.resources.append(Resource{QStringLiteral("https://github.com/ravi-hq/agent-on-demand"),
                                        QStringLiteral("/workspace/agent-on-demand"), false});
        Turn t;
        t.number = 1;
        t.prompt = turns.first().prompt;
        s.turns.push_back(t);
        const QString sid = s.id;
        p.sessions.insert(sid, s);
        auto *runner = new SessionRunner(&p, sid, this);
        p.sessions[sid].runner = runner;
        runner->startSession(QString());
        runner->runToCompletion();
        for (qsizetype i = 1; i < turns.size(); ++i) {
            Session &ss = p.sessions[sid];
            if (ss.status != QLatin1String("completed"))
                break;
            Turn next;
            next.number = int(i + 1);
            next.prompt = turns[i].prompt;
            ss.turns.push_back(next);
            ss.exitCode.reset();
            ss.status = QStringLiteral("pending");
            ss.interruptRequested = turns[i].interruptBefore;
            runner->startTurn(next.number);
            runner->runToCompletion();
        }
        Session &ss = p.sessions[sid];
        if (terminateAtEnd) {
            ss.status = QStringLiteral("terminated");
            ss.sandboxExists = false;
        }
        // Rebase every timestamp into the past: turn k starts 5 minutes after turn k-1.
        ss.createdAt = created;
        Micros last = created;
        for (Turn &tt : ss.turns) {
            tt.createdAt = created + Micros(tt.number - 1) * 300 * 1000000;
            if (tt.startedAt)
                tt.startedAt = tt.createdAt + 4 * 1000000 + 318000;
            if (tt.endedAt)
                tt.endedAt = (tt.startedAt ? *tt.startedAt : tt.createdAt) + 41 * 1000000 + (tt.number % 2 ? 0 : 90210);
            last = std::max(last, tt.endedAt.value_or(tt.createdAt));
        }
        ss.updatedAt = terminateAtEnd ? last + 60 * 1000000 : last;
        runner->deleteLater();
        ss.runner = nullptr;
        return sid;
    };

    const Micros hour = 3600LL * 1000000;
    makeSession(reviewerId, {{QStringLiteral("Review the open pull request and fix the failing test")}}, base + 20 * hour + 910301, true, false);
    makeSession(reviewerId, {{QStringLiteral("Find and fix the flaky test in tests/test_api.py")},
                             {QStringLiteral("Now add a regression test for it")},
                             {QStringLiteral("Summarise what you changed")}},
                base + 30 * hour, true, false);
    makeSession(writerId, {{QStringLiteral("Update the README quickstart for the provider-based API")}}, base + 40 * hour + 5, false, false);
    makeSession(reviewerId, {{QStringLiteral("scenario:exit_nonzero Run the migration script")}}, base + 50 * hour + 123, false, false);
    makeSession(reviewerId, {{QStringLiteral("scenario:provision_fail Set up the data pipeline")}}, base + 55 * hour, false, false);
    makeSession(reviewerId, {{QStringLiteral("Refactor the session service")}}, base + 60 * hour + 600000, false, true);
    makeSession(writerId, {{QStringLiteral("Draft the changelog")}, {QStringLiteral("Translate it to French"), true}},
                base + 65 * hour + 1, false, false);
}

} // namespace Aod::Testing
