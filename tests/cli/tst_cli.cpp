// End-to-end tests of the `aod` binary: every command against an in-process LocalServer,
// exit codes, --json parsed back, and raw streams that survive injected connection drops.
#include <aod/format/outputformatter.h>
#include <aod/testing/localserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using Aod::Testing::LocalServer;

namespace {

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QString errText() const { return QString::fromUtf8(err); }
    QString outText() const { return QString::fromUtf8(out); }
    //! For QVERIFY2 messages.
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + "\n--- stdout:\n" + out.left(2000) + "\n--- stderr:\n"
            + err.left(2000);
    }
};

// A small Claude Code stream-json run, registered with the server as transcript "cli".
const QByteArray Transcript =
    R"({"type":"system","subtype":"init","session_id":"s1","model":"claude-sonnet-4-6","cwd":"/home/sprite","tools":["Bash","Read"],"mcp_servers":[]})"
    "\n"
    R"({"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"Hello from the CLI test.\nSecond line \u00e9 \u65e5\u672c"}]},"parent_tool_use_id":null,"session_id":"s1"})"
    "\n"
    R"({"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls -la"}}]},"parent_tool_use_id":null,"session_id":"s1"})"
    "\n"
    R"({"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok","is_error":false}]},"session_id":"s1"})"
    "\n"
    R"({"type":"result","subtype":"success","is_error":false,"result":"done","num_turns":2,"duration_ms":1234,"total_cost_usd":0.0123,"usage":{},"session_id":"s1"})"
    "\n";
const QByteArray TranscriptStderr = "warning: something odd\nsecond stderr line\n";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    LocalServer m_server;
    QTemporaryDir m_dir;
    QString m_agentId;

    CliResult aod(const QStringList &args, const QByteArray &input = {}, const QMap<QString, QString> &env = {},
                  int timeoutMs = 60000)
    {
        QProcess proc;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("QT_LOGGING_RULES"));
        e.insert(QStringLiteral("AOD_API_URL"), m_server.url().toString());
        e.insert(QStringLiteral("AOD_API_TOKEN"), m_server.token());
        e.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        for (auto it = env.begin(); it != env.end(); ++it) {
            if (it.value().isNull())
                e.remove(it.key());
            else
                e.insert(it.key(), it.value());
        }
        proc.setProcessEnvironment(e);
        QSignalSpy finished(&proc, &QProcess::finished);
        proc.start(QStringLiteral(AOD_CLI_PATH), args);
        if (!proc.waitForStarted(10000))
            return {};
        if (!input.isEmpty())
            proc.write(input);
        proc.closeWriteChannel();
        // Spin the event loop (the server lives in this thread) until the tool exits.
        if (finished.isEmpty() && !finished.wait(timeoutMs)) {
            proc.kill();
            proc.waitForFinished(5000);
            CliResult r;
            r.err = "timed out: " + proc.readAllStandardError();
            return r;
        }
        CliResult r;
        r.exitCode = proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -2;
        r.out = proc.readAllStandardOutput();
        r.err = proc.readAllStandardError();
        return r;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return path;
    }

    //! Creates a session through the CLI and returns its id.
    QString createSession(const QString &prompt, const QStringList &extra = {})
    {
        const CliResult r = aod(QStringList{QStringLiteral("sessions"), QStringLiteral("create"), QStringLiteral("--agent"),
                                            m_agentId, QStringLiteral("--prompt"), prompt, QStringLiteral("-q")}
                                + extra);
        if (r.exitCode != 0)
            qWarning("%s", r.describe().constData());
        return QString::fromUtf8(r.out).trimmed();
    }

    //! What `--pretty` prints on stdout for \a output: items, a blank line between groups.
    static QByteArray prettyExpected(const QByteArray &output)
    {
        auto formatter = Aod::OutputFormatter::forProvider(QStringLiteral("anthropic"));
        QList<Aod::FormattedItem> items = formatter->feedData(QString::fromUtf8(output));
        items += formatter->flush();
        QByteArray text;
        bool printed = false;
        for (const Aod::FormattedItem &item : items) {
            if (printed && !item.continuation)
                text += '\n';
            text += item.text.toUtf8() + '\n';
            printed = true;
        }
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server.setTiming(Aod::Testing::ServerTiming::fast());
        m_server.addTranscript(QStringLiteral("cli"), Transcript, TranscriptStderr);
        QVERIFY(m_server.listen(0));
        const CliResult r = aod({QStringLiteral("agents"), QStringLiteral("create"), QStringLiteral("--name"),
                                 QStringLiteral("runner"), QStringLiteral("--provider"), QStringLiteral("anthropic"),
                                 QStringLiteral("--model"), QStringLiteral("claude-sonnet-4-6"), QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        m_agentId = QString::fromUtf8(r.out).trimmed();
        QCOMPARE(m_agentId.size(), 36);
    }

    void helpVersionAndUsage()
    {
        CliResult r = aod({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QLatin1String("sessions stream ID")));
        QVERIFY(r.outText().contains(QLatin1String("Exit status:")));
        r = aod({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().startsWith(QLatin1String("aod ")));
        r = aod({});
        QCOMPARE(r.exitCode, 2);
        r = aod({QStringLiteral("agents")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(QLatin1String("Usage: aod agents")));
        r = aod({QStringLiteral("help"), QStringLiteral("sessions"), QStringLiteral("stream")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QLatin1String("--since N")));
        r = aod({QStringLiteral("sessions"), QStringLiteral("create"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QLatin1String("--secret-env")));
        r = aod({QStringLiteral("bogus")});
        QCOMPARE(r.exitCode, 2);
        r = aod({QStringLiteral("agents"), QStringLiteral("list"), QStringLiteral("--nmae")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().startsWith(QLatin1String("aod: unknown option '--nmae'")), r.describe().constData());
        r = aod({QStringLiteral("agents"), QStringLiteral("get")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(QLatin1String("missing argument")));
        QCOMPARE(r.out, QByteArray());
    }

    void health()
    {
        CliResult r = aod({QStringLiteral("health")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(r.outText().contains(QLatin1String("Status")));
        r = aod({QStringLiteral("--json"), QStringLiteral("health")}, {}, {{QStringLiteral("AOD_API_TOKEN"), QString()}});
        QVERIFY2(r.exitCode == 0, r.describe().constData()); // no token needed
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        m_server.setHealthy(false);
        r = aod({QStringLiteral("health"), QStringLiteral("--json")});
        m_server.setHealthy(true);
        QCOMPARE(r.exitCode, 11);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("degraded"));
    }

    void configurationNetworkAndAuthErrors()
    {
        CliResult r = aod({QStringLiteral("agents"), QStringLiteral("list")}, {}, {{QStringLiteral("AOD_API_TOKEN"), QString()}});
        QVERIFY2(r.exitCode == 3, r.describe().constData());
        QCOMPARE(r.errText().count(QLatin1Char('\n')), 1); // one clear line

        r = aod({QStringLiteral("--token"), QStringLiteral("aod_wrongwrongwrongwrongwrongwrongwrongwrongwro"),
                 QStringLiteral("agents"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 6, r.describe().constData());
        QVERIFY(r.errText().startsWith(QLatin1String("aod: 401")));
        QVERIFY(r.errText().contains(QLatin1String("Invalid API key")));

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        r = aod({QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("agents"),
                 QStringLiteral("list")});
        QVERIFY2(r.exitCode == 4, r.describe().constData());

        r = aod({QStringLiteral("agents"), QStringLiteral("list"), QStringLiteral("--url"), QStringLiteral("not a url")});
        QVERIFY2(r.exitCode == 3, r.describe().constData());
    }

    void agentsLifecycle()
    {
        const QString skill = writeFile(QStringLiteral("skills/review/SKILL.md"),
                                        "---\nname: review\ndescription: Reviews diffs\n---\nRead the diff.\n");
        const QString mcp = writeFile(QStringLiteral("mcp.json"),
                                      R"({"mcpServers":{"docs":{"type":"http","url":"https:\/\/docs.example\/mcp"}}})");
        CliResult r = aod({QStringLiteral("--json"), QStringLiteral("agents"), QStringLiteral("create"), QStringLiteral("--name"),
                           QStringLiteral("cli-agent"), QStringLiteral("--provider"), QStringLiteral("anthropic"),
                           QStringLiteral("--model"), QStringLiteral("anthropic/claude-sonnet-4-6"), QStringLiteral("--system"),
                           QStringLiteral("Be brief"), QStringLiteral("--metadata"), QStringLiteral("team=infra"),
                           QStringLiteral("--skill-file"), skill, QStringLiteral("--mcp-file"), mcp});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QJsonObject agent = r.json();
        const QString id = agent.value(QLatin1String("id")).toString();
        QCOMPARE(agent.value(QLatin1String("model")).toString(), QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(agent.value(QLatin1String("system")).toString(), QStringLiteral("Be brief"));
        QCOMPARE(agent.value(QLatin1String("metadata")).toObject().value(QLatin1String("team")).toString(), QStringLiteral("infra"));
        QCOMPARE(agent.value(QLatin1String("skills")).toArray().at(0).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("review"));
        QCOMPARE(agent.value(QLatin1String("mcp_servers")).toArray().at(0).toObject().value(QLatin1String("url")).toString(),
                 QStringLiteral("https://docs.example/mcp"));
        QCOMPARE(agent.value(QLatin1String("version")).toInt(), 1);

        r = aod({QStringLiteral("agents"), QStringLiteral("get"), id});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(r.outText().contains(QLatin1String("claude-sonnet-4-6")));
        QVERIFY(r.outText().contains(QLatin1String("review (inline")));

        r = aod({QStringLiteral("agents"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(r.outText().startsWith(QLatin1String("ID ")));
        QVERIFY(r.outText().contains(id));
        r = aod({QStringLiteral("agents"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY(r.json().value(QLatin1String("data")).toArray().size() >= 2);

        r = aod({QStringLiteral("agents"), QStringLiteral("update"), id, QStringLiteral("--description"), QStringLiteral("d"),
                 QStringLiteral("--metadata"), QStringLiteral("team="), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("version")).toInt(), 2);
        QCOMPARE(r.json().value(QLatin1String("description")).toString(), QStringLiteral("d"));
        QVERIFY(!r.json().value(QLatin1String("metadata")).toObject().contains(QLatin1String("team")));

        r = aod({QStringLiteral("agents"), QStringLiteral("update"), id, QStringLiteral("--version"), QStringLiteral("1"),
                 QStringLiteral("--name"), QStringLiteral("stale")});
        QVERIFY2(r.exitCode == 8, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("409")));
        QVERIFY(r.errText().contains(QLatin1String("Version mismatch: expected 2, got 1")));

        r = aod({QStringLiteral("agents"), QStringLiteral("versions"), id, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("data")).toArray().size(), 2);

        r = aod({QStringLiteral("agents"), QStringLiteral("archive"), id, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(r.json().value(QLatin1String("archived_at")).isString());
        r = aod({QStringLiteral("agents"), QStringLiteral("archive"), id});
        QCOMPARE(r.exitCode, 8);
        r = aod({QStringLiteral("agents"), QStringLiteral("get"), QStringLiteral("00000000-0000-4000-8000-000000000000")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY(r.errText().contains(QLatin1String("Agent not found")));
    }

    void agentValidationListsEveryField()
    {
        m_server.clearRequestLog();
        const CliResult r = aod({QStringLiteral("agents"), QStringLiteral("create"), QStringLiteral("--name"),
                                 QString(201, QLatin1Char('n')), QStringLiteral("--provider"), QStringLiteral("anthropic")});
        QVERIFY2(r.exitCode == 9, r.describe().constData());
        const QStringList lines = r.errText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 3, r.describe().constData());
        QVERIFY(lines.at(0).startsWith(QLatin1String("aod: ")));
        bool name = false, model = false;
        for (const QString &line : lines) {
            name = name || line.startsWith(QLatin1String("  name: "));
            model = model || line.startsWith(QLatin1String("  model: "));
        }
        QVERIFY2(name && model, r.describe().constData());
        for (const auto &request : m_server.requestLog())
            QVERIFY(request.method != "POST"); // checked before sending

        const QString body = writeFile(QStringLiteral("bad.json"), R"({"name": 7})");
        const CliResult typed = aod({QStringLiteral("agents"), QStringLiteral("create"), QStringLiteral("--from-json"), body});
        QCOMPARE(typed.exitCode, 9);
        QVERIFY(typed.errText().contains(QLatin1String("  name: Input should be a valid string")));
        const CliResult malformed = aod({QStringLiteral("agents"), QStringLiteral("create"), QStringLiteral("--from-json"),
                                         QStringLiteral("-")},
                                        "{not json");
        QCOMPARE(malformed.exitCode, 2);
    }

    void agentFromJsonOnStdin()
    {
        const CliResult r = aod({QStringLiteral("agents"), QStringLiteral("create"), QStringLiteral("--from-json"),
                                 QStringLiteral("-"), QStringLiteral("--name"), QStringLiteral("stdin-agent"),
                                 QStringLiteral("--json")},
                                R"({"name":"ignored","model":"openai/gpt-5","runtime":"codex","metadata":{"a":[1]}})");
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("name")).toString(), QStringLiteral("stdin-agent"));
        QCOMPARE(r.json().value(QLatin1String("provider")).toString(), QStringLiteral("openai"));
        QCOMPARE(r.json().value(QLatin1String("model")).toString(), QStringLiteral("gpt-5"));
        QCOMPARE(r.json().value(QLatin1String("metadata")).toObject().value(QLatin1String("a")).toArray().size(), 1);
    }

    void environmentsLifecycle()
    {
        const QString script = writeFile(QStringLiteral("setup.sh"), "echo setting up\n");
        CliResult r = aod({QStringLiteral("environments"), QStringLiteral("create"), QStringLiteral("--name"),
                           QStringLiteral("cli-env"), QStringLiteral("--package"), QStringLiteral("apt:jq"),
                           QStringLiteral("--package"), QStringLiteral("pip:requests"), QStringLiteral("--env"),
                           QStringLiteral("LOG=debug"), QStringLiteral("--allow-host"), QStringLiteral("api.github.com"),
                           QStringLiteral("--setup-script-file"), script, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QJsonObject env = r.json();
        const QString id = env.value(QLatin1String("id")).toString();
        QCOMPARE(env.value(QLatin1String("packages")).toObject().value(QLatin1String("apt")).toArray().at(0).toString(),
                 QStringLiteral("jq"));
        QCOMPARE(env.value(QLatin1String("networking")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("limited"));
        QCOMPARE(env.value(QLatin1String("setup_script")).toString(), QStringLiteral("echo setting up\n"));
        QVERIFY(!env.contains(QLatin1String("env_vars")));

        r = aod({QStringLiteral("environments"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("cli-env")});
        QVERIFY2(r.exitCode == 8, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("already exists")));

        r = aod({QStringLiteral("environments"), QStringLiteral("get"), id});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(r.outText().contains(QLatin1String("limited (api.github.com)")));
        QVERIFY(r.outText().contains(QLatin1String("apt: jq; pip: requests")));

        r = aod({QStringLiteral("environments"), QStringLiteral("update"), id, QStringLiteral("--package"),
                 QStringLiteral("npm:left-pad"), QStringLiteral("--networking"), QStringLiteral("unrestricted"),
                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        env = r.json();
        QCOMPARE(env.value(QLatin1String("version")).toInt(), 2);
        QCOMPARE(env.value(QLatin1String("packages")).toObject().keys(), QStringList{QStringLiteral("npm")});
        QCOMPARE(env.value(QLatin1String("networking")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("unrestricted"));

        r = aod({QStringLiteral("environments"), QStringLiteral("list")});
        QVERIFY(r.outText().contains(id));
        r = aod({QStringLiteral("environments"), QStringLiteral("versions"), id, QStringLiteral("--json")});
        QCOMPARE(r.json().value(QLatin1String("data")).toArray().size(), 2);

        // In use by a session: delete is refused.
        const QString session = createSession(QStringLiteral("transcript:cli env"), {QStringLiteral("--environment"), id});
        QVERIFY(!session.isEmpty());
        r = aod({QStringLiteral("environments"), QStringLiteral("delete"), id});
        QVERIFY2(r.exitCode == 8, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("Cannot delete environment with existing sessions")));
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("stream"), session, QStringLiteral("--raw")}).exitCode, 0);
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("delete"), session}).exitCode, 0);

        r = aod({QStringLiteral("environments"), QStringLiteral("archive"), id, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        r = aod({QStringLiteral("environments"), QStringLiteral("delete"), id});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.outText(), QStringLiteral("Environment deleted\n"));
        QCOMPARE(aod({QStringLiteral("environments"), QStringLiteral("get"), id}).exitCode, 7);
    }

    void sessionsLifecycle()
    {
        CliResult r = aod({QStringLiteral("sessions"), QStringLiteral("create"), QStringLiteral("--agent"), m_agentId,
                           QStringLiteral("--prompt"), QStringLiteral("transcript:cli hello"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QString id = r.json().value(QLatin1String("id")).toString();
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(r.json().value(QLatin1String("stream_url")).toString(), QStringLiteral("/sessions/%1/stream").arg(id));

        r = aod({QStringLiteral("sessions"), QStringLiteral("stream"), id, QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.out, m_server.sessionOutput(id));
        QCOMPARE(r.err, m_server.sessionOutput(id, QStringLiteral("stderr")));
        QVERIFY(r.out.contains("Hello from the CLI test."));

        r = aod({QStringLiteral("sessions"), QStringLiteral("get"), id, QStringLiteral("--json")});
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(r.json().value(QLatin1String("exit_code")).toInt(-1), 0);
        r = aod({QStringLiteral("sessions"), QStringLiteral("get"), id});
        QVERIFY(r.outText().contains(QLatin1String("completed")));

        r = aod({QStringLiteral("sessions"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("completed"),
                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        bool found = false;
        for (const QJsonValue &v : r.json().value(QLatin1String("data")).toArray()) {
            QCOMPARE(v.toObject().value(QLatin1String("status")).toString(), QStringLiteral("completed"));
            found = found || v.toObject().value(QLatin1String("id")).toString() == id;
        }
        QVERIFY(found);
        r = aod({QStringLiteral("sessions"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(r.outText().count(QLatin1Char('\n')), 2); // header + one row

        r = aod({QStringLiteral("sessions"), QStringLiteral("prompt"), id, QStringLiteral("transcript:cli again"),
                 QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("current_turn")).toInt(), 2);
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("stream"), id, QStringLiteral("--raw")}).exitCode, 0);

        r = aod({QStringLiteral("sessions"), QStringLiteral("turns"), id, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("data")).toArray().size(), 2);
        r = aod({QStringLiteral("sessions"), QStringLiteral("turns"), id});
        QVERIFY(r.outText().startsWith(QLatin1String("TURN")));
        QVERIFY(r.outText().contains(QLatin1String("transcript:cli again")));

        r = aod({QStringLiteral("sessions"), QStringLiteral("interrupt"), id});
        QVERIFY2(r.exitCode == 8, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("Session has no active turn to interrupt")));

        r = aod({QStringLiteral("sessions"), QStringLiteral("terminate"), id, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("terminated"));
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("terminate"), id}).exitCode, 8);
        r = aod({QStringLiteral("sessions"), QStringLiteral("prompt"), id, QStringLiteral("--prompt"), QStringLiteral("x")});
        QVERIFY2(r.exitCode == 8, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("Session has been terminated")));

        r = aod({QStringLiteral("sessions"), QStringLiteral("delete"), id, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("detail")).toString(), QStringLiteral("Session deleted"));
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("get"), id}).exitCode, 7);
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("stream"), id}).exitCode, 7);
    }

    void activeSessionsConflictAndRateLimit()
    {
        const QString hanging = createSession(QStringLiteral("scenario:hang"));
        QVERIFY(!hanging.isEmpty());
        CliResult r = aod({QStringLiteral("sessions"), QStringLiteral("delete"), hanging});
        QVERIFY2(r.exitCode == 8, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("Cannot delete an active session")));

        r = aod({QStringLiteral("sessions"), QStringLiteral("interrupt"), hanging, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.json().value(QLatin1String("id")).toString(), hanging);

        const QString other = createSession(QStringLiteral("scenario:hang"));
        m_server.setConcurrencyLimit(1);
        r = aod({QStringLiteral("sessions"), QStringLiteral("create"), QStringLiteral("--agent"), m_agentId,
                 QStringLiteral("--prompt"), QStringLiteral("x")});
        m_server.setConcurrencyLimit(100);
        QVERIFY2(r.exitCode == 10, r.describe().constData());
        QVERIFY2(r.errText().contains(QLatin1String("429 Too Many Requests (")), r.describe().constData());
        QVERIFY2(r.errText().contains(QLatin1String("of 1 sessions active")), r.describe().constData());

        // A terminated session's stream ends with `terminated`: exit 21.
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("terminate"), other}).exitCode, 0);
        r = aod({QStringLiteral("sessions"), QStringLiteral("stream"), other, QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 21, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("terminated")));
        aod({QStringLiteral("sessions"), QStringLiteral("terminate"), hanging});
    }

    void sessionValidation()
    {
        const CliResult r = aod({QStringLiteral("sessions"), QStringLiteral("create"), QStringLiteral("--agent"), m_agentId,
                                 QStringLiteral("--timeout"), QStringLiteral("5"), QStringLiteral("--repo"),
                                 QStringLiteral("https://gitlab.com/o/r")});
        QVERIFY2(r.exitCode == 9, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("  timeout: ")));
        QVERIFY(r.errText().contains(QLatin1String("  resources[0]")));
    }

    void streamExitCodes()
    {
        const QString failing = createSession(QStringLiteral("scenario:exit_nonzero transcript:cli"));
        CliResult r = aod({QStringLiteral("sessions"), QStringLiteral("stream"), failing, QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 1, r.describe().constData());
        QCOMPARE(r.out, m_server.sessionOutput(failing));

        const QString erroring = createSession(QStringLiteral("scenario:error transcript:cli"));
        r = aod({QStringLiteral("sessions"), QStringLiteral("stream"), erroring, QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 20, r.describe().constData());
        QVERIFY(r.errText().contains(QLatin1String("aod: session ended: [error]")));

        const QString failedProvision = createSession(QStringLiteral("scenario:provision_fail"));
        r = aod({QStringLiteral("sessions"), QStringLiteral("stream"), failedProvision, QStringLiteral("--pretty")});
        QVERIFY2(r.exitCode == 20, r.describe().constData());
        QVERIFY2(r.errText().contains(QStringLiteral("✗ installing packages, cloning repos, running setup failed")),
                 r.describe().constData());
    }

    void streamJsonLines()
    {
        const QString id = createSession(QStringLiteral("transcript:cli json"));
        const CliResult r = aod({QStringLiteral("--json"), QStringLiteral("sessions"), QStringLiteral("stream"), id});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY(lines.last().isEmpty());
        QByteArray stdoutData;
        QStringList types;
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), lines.at(i).constData());
            const QJsonObject event = doc.object();
            types.append(event.value(QLatin1String("type")).toString());
            if (types.last() == QLatin1String("output") && event.value(QLatin1String("stream")).toString() == QLatin1String("stdout"))
                stdoutData += event.value(QLatin1String("data")).toString().toUtf8();
        }
        QCOMPARE(types.first(), QStringLiteral("start"));
        QCOMPARE(types.last(), QStringLiteral("exit"));
        QVERIFY(types.contains(QStringLiteral("stage")));
        QCOMPARE(types.count(QStringLiteral("turn_start")), 1);
        QCOMPARE(stdoutData, m_server.sessionOutput(id));

        // --since: only rows after the cursor.
        const QJsonArray log = m_server.sessionLog(id);
        QVERIFY(log.size() > 4);
        const qint64 cursor = log.at(log.size() / 2).toObject().value(QLatin1String("id")).toInteger();
        QByteArray expected;
        for (const QJsonValue &row : log) {
            const QJsonObject o = row.toObject();
            if (o.value(QLatin1String("id")).toInteger() > cursor && o.value(QLatin1String("type")).toString() == QLatin1String("output")
                && o.value(QLatin1String("stream")).toString() == QLatin1String("stdout"))
                expected += o.value(QLatin1String("data")).toString().toUtf8();
        }
        const CliResult since = aod({QStringLiteral("sessions"), QStringLiteral("stream"), id, QStringLiteral("--raw"),
                                     QStringLiteral("--since"), QString::number(cursor)});
        QVERIFY2(since.exitCode == 0, since.describe().constData());
        QCOMPARE(since.out, expected);
        QCOMPARE(aod({QStringLiteral("sessions"), QStringLiteral("stream"), id, QStringLiteral("--raw"), QStringLiteral("--pretty")})
                     .exitCode,
                 2);
    }

    void rawStreamSurvivesConnectionDrops()
    {
        // A long live session (about 1.7 MB of stdout) followed while connections keep dropping,
        // cut at random byte offsets, mid-frame included.
        const QString id = createSession(QStringLiteral("scenario:long"));
        QVERIFY(!id.isEmpty());
        const int before = m_server.streamConnectionCount();
        m_server.faults()->dropStreamsRandomly(3, 42, 200000);
        CliResult r = aod({QStringLiteral("sessions"), QStringLiteral("stream"), id, QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(m_server.streamConnectionCount() - before >= 4);
        const QByteArray expected = m_server.sessionOutput(id);
        QVERIFY(expected.size() > 1000000);
        QCOMPARE(r.out.size(), expected.size());
        QVERIFY(r.out == expected);

        // The finished session, replayed through drops cut after a few events.
        m_server.faults()->dropStreamAfterEvents(5, 2);
        r = aod({QStringLiteral("sessions"), QStringLiteral("stream"), id, QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY(r.out == expected);
        m_server.faults()->reset();
    }

    void runFollowsToTheEnd()
    {
        CliResult r = aod({QStringLiteral("run"), QStringLiteral("--agent"), m_agentId, QStringLiteral("--prompt"),
                           QStringLiteral("transcript:cli run"), QStringLiteral("--raw"), QStringLiteral("--timeout"),
                           QStringLiteral("120")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QString id = m_server.sessionIds().first();
        QCOMPARE(r.out, m_server.sessionOutput(id));

        // A follow-up turn on the same session: only the new turn's output.
        r = aod({QStringLiteral("run"), QStringLiteral("--session"), id, QStringLiteral("--prompt"),
                 QStringLiteral("transcript:cli more"), QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.out, m_server.turnOutput(id, 2));
        QVERIFY(!r.out.isEmpty());

        r = aod({QStringLiteral("run"), QStringLiteral("--agent"), m_agentId, QStringLiteral("--prompt"),
                 QStringLiteral("scenario:exit_nonzero transcript:cli"), QStringLiteral("--raw")});
        QVERIFY2(r.exitCode == 1, r.describe().constData());

        r = aod({QStringLiteral("run"), QStringLiteral("--agent"), QStringLiteral("00000000-0000-4000-8000-000000000000"),
                 QStringLiteral("--prompt"), QStringLiteral("x")});
        QVERIFY2(r.exitCode == 7, r.describe().constData());
    }

    void prettyOutput()
    {
        const CliResult r = aod({QStringLiteral("run"), QStringLiteral("--agent"), m_agentId, QStringLiteral("--prompt"),
                                 QStringLiteral("transcript:cli pretty"), QStringLiteral("--pretty")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QString id = m_server.sessionIds().first();
        QCOMPARE(r.out, prettyExpected(m_server.sessionOutput(id)));
        QVERIFY(r.outText().contains(QLatin1String("Hello from the CLI test.")));
        QVERIFY2(r.errText().contains(QStringLiteral("✓ creating sandbox")), r.describe().constData());
        QVERIFY(r.errText().contains(QStringLiteral("▶ starting agent")));
        QVERIFY(r.errText().contains(QStringLiteral("✓ exit 0")));
        QVERIFY(r.errText().contains(QLatin1String("warning: something odd"))); // stderr passes through
    }

    void formatCommand()
    {
        CliResult r = aod({QStringLiteral("format"), QStringLiteral("--claude")}, Transcript);
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        auto claude = Aod::OutputFormatter::forProvider(QStringLiteral("claude"));
        QList<Aod::FormattedItem> items = claude->feedData(QString::fromUtf8(Transcript));
        items += claude->flush();
        QByteArray expected;
        for (const Aod::FormattedItem &item : items)
            expected += item.text.toUtf8() + '\n';
        QVERIFY(!items.isEmpty());
        QCOMPARE(r.out, expected);

        const QString file = writeFile(QStringLiteral("plain.txt"), "one\r\n\ntwo\nthree");
        r = aod({QStringLiteral("format"), QStringLiteral("--generic"), file});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.out, QByteArray("one\ntwo\nthree\n"));

        r = aod({QStringLiteral("format"), QStringLiteral("--json")}, Transcript);
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), items.size());
        QCOMPARE(QJsonDocument::fromJson(lines.first()).object().value(QLatin1String("kind")).toString(),
                 Aod::kindName(items.first().kind));

        QCOMPARE(aod({QStringLiteral("format"), QStringLiteral("--claude"), QStringLiteral("--codex")}).exitCode, 2);
        QCOMPARE(aod({QStringLiteral("format"), m_dir.filePath(QStringLiteral("missing"))}).exitCode, 2);
    }

    void verboseLogsWithoutTheToken()
    {
        const CliResult r = aod({QStringLiteral("--verbose"), QStringLiteral("agents"), QStringLiteral("list")}, {},
                                {{QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("aod.*.debug=false")}});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY2(r.errText().contains(QLatin1String("[aod.")), r.describe().constData());
        QVERIFY(!r.errText().contains(m_server.token()));
        QVERIFY(r.errText().contains(m_server.token().left(8)));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
