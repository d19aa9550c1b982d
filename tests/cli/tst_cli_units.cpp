// Unit tests of the `aod` building blocks: no server, no process.
#include "bodyoptions.h"
#include "cliargs.h"
#include "clioutput.h"
#include "commands.h"
#include "exitcodes.h"
#include "render.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace AodCli;

class TestCliUnits : public QObject
{
    Q_OBJECT

private:
    static QString readSource(const QString &name)
    {
        QFile file(QStringLiteral(AOD_CLI_SOURCE_DIR "/") + name);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

    static int usageCode(const std::function<void()> &fn, QString *message = nullptr)
    {
        try {
            fn();
        } catch (const CliError &e) {
            if (message)
                *message = e.message + QLatin1Char('\n') + e.details.join(QLatin1Char('\n'));
            return e.exitCode;
        }
        return 0;
    }

private Q_SLOTS:
    void parsesLongOptionsValuesAndPositionals()
    {
        QList<OptionSpec> specs = agentBodyOptions(false);
        OptionSpec json;
        json.name = QStringLiteral("json");
        specs.append(json);
        const ParsedArgs args = parseArguments(
            {QStringLiteral("--name=bot"), QStringLiteral("--metadata"), QStringLiteral("a=1"), QStringLiteral("pos"),
             QStringLiteral("--metadata=b=2"), QStringLiteral("--json"), QStringLiteral("--"), QStringLiteral("--model")},
            specs);
        QCOMPARE(args.value(QStringLiteral("name")), QStringLiteral("bot"));
        QCOMPARE(args.values(QStringLiteral("metadata")), (QStringList{QStringLiteral("a=1"), QStringLiteral("b=2")}));
        QVERIFY(args.isSet(QStringLiteral("json")));
        QVERIFY(!args.isSet(QStringLiteral("model")));
        QCOMPARE(args.positionals(), (QStringList{QStringLiteral("pos"), QStringLiteral("--model")}));
    }

    void rejectsBadOptionsWithUsageErrors()
    {
        const QList<OptionSpec> specs = agentBodyOptions(false);
        QString message;
        QCOMPARE(usageCode([&] { parseArguments({QStringLiteral("--nmae"), QStringLiteral("x")}, specs); }, &message),
                 int(ExitUsage));
        QVERIFY2(message.contains(QLatin1String("did you mean --name")), qPrintable(message));
        QCOMPARE(usageCode([&] { parseArguments({QStringLiteral("--name")}, specs); }, &message), int(ExitUsage));
        QVERIFY(message.contains(QLatin1String("needs a value")));
        QCOMPARE(usageCode([&] { parseArguments({QStringLiteral("--name=a"), QStringLiteral("--name=b")}, specs); }),
                 int(ExitUsage));
        QCOMPARE(usageCode([] {
                     OptionSpec flag;
                     flag.name = QStringLiteral("json");
                     parseArguments({QStringLiteral("--json=1")}, {flag});
                 }),
                 int(ExitUsage));
    }

    void stopsAtTheCommandWord()
    {
        int consumed = 0;
        const ParsedArgs globals = parseArguments({QStringLiteral("--json"), QStringLiteral("--url"), QStringLiteral("u"),
                                                   QStringLiteral("agents"), QStringLiteral("--name")},
                                                  globalOptions(), true, &consumed);
        QCOMPARE(consumed, 3);
        QVERIFY(globals.isSet(QStringLiteral("json")));
        QCOMPARE(globals.value(QStringLiteral("url")), QStringLiteral("u"));
    }

    void agentDraftFromOptionsAndJson()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile body(dir.filePath(QStringLiteral("body.json")));
        QVERIFY(body.open(QIODevice::WriteOnly));
        body.write(R"({"name":"from-json","provider":"openai","model":"gpt-5","metadata":{"keep":"1"},)"
                   R"("skills":[{"type":"github","source":"o/r","description":"d"}]})");
        body.close();
        QFile skill(dir.filePath(QStringLiteral("review/SKILL.md")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("review")));
        QVERIFY(skill.open(QIODevice::WriteOnly));
        skill.write("---\ndescription: \"Reviews code\"\n---\n# Review\nLook hard.\n");
        skill.close();

        const ParsedArgs args = parseArguments(
            {QStringLiteral("--from-json"), body.fileName(), QStringLiteral("--name"), QStringLiteral("override"),
             QStringLiteral("--metadata"), QStringLiteral("team=infra"), QStringLiteral("--metadata"),
             QStringLiteral("n:=3"), QStringLiteral("--skill-file"), skill.fileName()},
            agentBodyOptions(false));
        const Aod::AgentDraft draft = agentDraftFromArgs(args);
        QCOMPARE(draft.name, QStringLiteral("override"));
        QCOMPARE(draft.provider, QStringLiteral("openai"));
        QCOMPARE(draft.metadata.value(QLatin1String("keep")).toString(), QStringLiteral("1"));
        QCOMPARE(draft.metadata.value(QLatin1String("team")).toString(), QStringLiteral("infra"));
        QCOMPARE(draft.metadata.value(QLatin1String("n")).toInt(), 3);
        QCOMPARE(draft.skills.size(), 2);
        QVERIFY(draft.skills.at(0).isGithub());
        QCOMPARE(draft.skills.at(1).name, QStringLiteral("review")); // from the directory name
        QCOMPARE(draft.skills.at(1).description, QStringLiteral("Reviews code"));
        QVERIFY(draft.skills.at(1).content.contains(QLatin1String("Look hard.")));
    }

    void fromJsonTypeErrorsListEveryField()
    {
        QTemporaryDir dir;
        QFile body(dir.filePath(QStringLiteral("body.json")));
        QVERIFY(body.open(QIODevice::WriteOnly));
        body.write(R"({"name": 5, "metadata": [], "skills": ["x"]})");
        body.close();
        const ParsedArgs args = parseArguments({QStringLiteral("--from-json"), body.fileName()}, agentBodyOptions(false));
        QString message;
        QCOMPARE(usageCode([&] { agentDraftFromArgs(args); }, &message), int(ExitValidation));
        QVERIFY2(message.contains(QLatin1String("3 validation errors")), qPrintable(message));
        QVERIFY(message.contains(QLatin1String("  name: Input should be a valid string")));
        QVERIFY(message.contains(QLatin1String("  metadata: ")));
        QVERIFY(message.contains(QLatin1String("  skills[0]: ")));
    }

    void agentPatchSemantics()
    {
        bool versionGiven = true;
        const Aod::AgentPatch patch = agentPatchFromArgs(
            parseArguments({QStringLiteral("--detach-environment"), QStringLiteral("--metadata"), QStringLiteral("gone="),
                            QStringLiteral("--clear-skills")},
                           agentBodyOptions(true)),
            &versionGiven);
        QVERIFY(!versionGiven);
        QVERIFY(patch.environmentId.has_value());
        QVERIFY(patch.environmentId->isNull());
        QVERIFY(patch.skills.has_value() && patch.skills->isEmpty());
        QVERIFY(!patch.name.has_value());
        const QJsonObject json = patch.toJson();
        QVERIFY(json.contains(QLatin1String("environment_id")));
        QVERIFY(json.value(QLatin1String("environment_id")).isNull());
        QCOMPARE(json.value(QLatin1String("metadata")).toObject().value(QLatin1String("gone")).toString(), QString());

        const Aod::AgentPatch versioned = agentPatchFromArgs(
            parseArguments({QStringLiteral("--version"), QStringLiteral("4")}, agentBodyOptions(true)), &versionGiven);
        QVERIFY(versionGiven);
        QCOMPARE(versioned.version, 4);
        QCOMPARE(usageCode([] {
                     bool given = false;
                     agentPatchFromArgs(parseArguments({QStringLiteral("--environment"), QStringLiteral("e"),
                                                        QStringLiteral("--detach-environment")},
                                                       agentBodyOptions(true)),
                                        &given);
                 }),
                 int(ExitUsage));
    }

    void environmentDraftFromOptions()
    {
        qputenv("AOD_TEST_FROM_SHELL", "shell-value");
        const Aod::EnvironmentDraft draft = environmentDraftFromArgs(parseArguments(
            {QStringLiteral("--name"), QStringLiteral("ci"), QStringLiteral("--package"), QStringLiteral("apt:jq"),
             QStringLiteral("--package"), QStringLiteral("pip:requests>=2,<3"), QStringLiteral("--env"),
             QStringLiteral("A=1=2"), QStringLiteral("--env"), QStringLiteral("AOD_TEST_FROM_SHELL"),
             QStringLiteral("--allow-host"), QStringLiteral("api.github.com")},
            environmentBodyOptions(false)));
        QCOMPARE(draft.packages.value(QStringLiteral("apt")), QStringList{QStringLiteral("jq")});
        QCOMPARE(draft.packages.value(QStringLiteral("pip")), QStringList{QStringLiteral("requests>=2,<3")});
        QCOMPARE(draft.envVars.value(QStringLiteral("A")), QStringLiteral("1=2"));
        QCOMPARE(draft.envVars.value(QStringLiteral("AOD_TEST_FROM_SHELL")), QStringLiteral("shell-value"));
        QVERIFY(draft.networking.isLimited()); // implied by --allow-host
        QCOMPARE(draft.networking.allowedHosts, QStringList{QStringLiteral("api.github.com")});

        QCOMPARE(usageCode([] { parsePackageSpec(QStringLiteral("jq")); }), int(ExitUsage));
        QCOMPARE(usageCode([] {
                     environmentDraftFromArgs(parseArguments({QStringLiteral("--networking"), QStringLiteral("unrestricted"),
                                                              QStringLiteral("--allow-host"), QStringLiteral("h")},
                                                             environmentBodyOptions(false)));
                 }),
                 int(ExitUsage));
        QCOMPARE(usageCode([] { parseEnvAssignment(QStringLiteral("env"), QStringLiteral("AOD_TEST_SURELY_UNSET_VAR")); }),
                 int(ExitUsage));
    }

    void environmentPatchReplacesWholesale()
    {
        bool given = false;
        const Aod::EnvironmentPatch patch = environmentPatchFromArgs(
            parseArguments({QStringLiteral("--clear-env"), QStringLiteral("--package"), QStringLiteral("npm:x")},
                           environmentBodyOptions(true)),
            &given);
        QVERIFY(patch.envVars.has_value() && patch.envVars->isEmpty());
        QCOMPARE(patch.packages->value(QStringLiteral("npm")), QStringList{QStringLiteral("x")});
        QVERIFY(!patch.networking.has_value());
        QVERIFY(!patch.name.has_value());
    }

    void repoSpecs()
    {
        qputenv("AOD_TEST_GH_TOKEN", "ghp_secret");
        Aod::RepositoryResource r = parseRepoSpec(QStringLiteral("https://github.com/o/r.git@/work/r#AOD_TEST_GH_TOKEN"));
        QCOMPARE(r.url, QStringLiteral("https://github.com/o/r.git"));
        QCOMPARE(r.mountPath, QStringLiteral("/work/r"));
        QCOMPARE(r.authorizationToken, QStringLiteral("ghp_secret"));
        r = parseRepoSpec(QStringLiteral("https://github.com/o/r"));
        QVERIFY(r.mountPath.isEmpty());
        QVERIFY(r.authorizationToken.isEmpty());
        QCOMPARE(usageCode([] { parseRepoSpec(QStringLiteral("https://github.com/o/r#AOD_TEST_UNSET_TOKEN_VAR")); }),
                 int(ExitUsage));
    }

    void sessionDraftNeedsAnAgent()
    {
        QCOMPARE(usageCode([] { sessionDraftFromArgs(parseArguments({QStringLiteral("--prompt"), QStringLiteral("p")},
                                                                    sessionCreateOptions())); }),
                 int(ExitUsage));
        qputenv("AOD_TEST_KEY", "sk-1");
        const Aod::SessionDraft draft = sessionDraftFromArgs(parseArguments(
            {QStringLiteral("--agent"), QStringLiteral("a"), QStringLiteral("--timeout"), QStringLiteral("60"),
             QStringLiteral("--secret-env"), QStringLiteral("AOD_TEST_KEY"), QStringLiteral("--secret-env"),
             QStringLiteral("B=2")},
            sessionCreateOptions()));
        QCOMPARE(draft.timeout.value_or(0), 60);
        QCOMPARE(draft.secretEnvVars.value(QStringLiteral("AOD_TEST_KEY")), QStringLiteral("sk-1"));
        QCOMPARE(draft.secretEnvVars.value(QStringLiteral("B")), QStringLiteral("2"));
    }

    void mcpFiles()
    {
        const QList<Aod::McpServer> claudeStyle = parseMcpFile(
            QStringLiteral("x"),
            R"({"mcpServers":{"docs":{"type":"http","url":"https:\/\/d.example\/mcp"},"fs":{"command":"npx","args":["fs"]}}})");
        QCOMPARE(claudeStyle.size(), 2);
        QCOMPARE(claudeStyle.at(0).name, QStringLiteral("docs"));
        QCOMPARE(claudeStyle.at(0).type, QStringLiteral("url"));
        QCOMPARE(claudeStyle.at(1).type, QStringLiteral("stdio"));
        QCOMPARE(claudeStyle.at(1).args, QStringList{QStringLiteral("fs")});
        const QList<Aod::McpServer> list =
            parseMcpFile(QStringLiteral("x"), R"([{"name":"a","url":"https:\/\/a"},{"name":"b","type":"stdio","command":"b"}])");
        QCOMPARE(list.size(), 2);
        QCOMPARE(usageCode([] { parseMcpFile(QStringLiteral("x"), "{nope"); }), int(ExitUsage));
    }

    void metadataAndEnvFiles()
    {
        QJsonObject meta;
        parseMetadata(QStringLiteral("list:=[1,2]"), &meta);
        parseMetadata(QStringLiteral("s=a=b"), &meta);
        QCOMPARE(meta.value(QLatin1String("list")).toArray().size(), 2);
        QCOMPARE(meta.value(QLatin1String("s")).toString(), QStringLiteral("a=b"));
        QCOMPARE(usageCode([&] { parseMetadata(QStringLiteral("bad:={"), &meta); }), int(ExitUsage));
        QMap<QString, QString> vars;
        parseEnvFile(QStringLiteral("f"), "# comment\n\nexport A=1\nB=\"two words\"\n", &vars);
        QCOMPARE(vars.value(QStringLiteral("A")), QStringLiteral("1"));
        QCOMPARE(vars.value(QStringLiteral("B")), QStringLiteral("two words"));
    }

    void errorMappingAndDescription_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("exit");
        using C = Aod::Error::Code;
        QTest::newRow("config") << int(C::ConfigurationError) << int(ExitConfiguration);
        QTest::newRow("network") << int(C::NetworkError) << int(ExitNetwork);
        QTest::newRow("timeout") << int(C::TimeoutError) << int(ExitTimeout);
        QTest::newRow("auth") << int(C::AuthenticationError) << int(ExitAuth);
        QTest::newRow("notfound") << int(C::NotFound) << int(ExitNotFound);
        QTest::newRow("conflict") << int(C::Conflict) << int(ExitConflict);
        QTest::newRow("validation") << int(C::ValidationError) << int(ExitValidation);
        QTest::newRow("ratelimit") << int(C::RateLimited) << int(ExitRateLimited);
        QTest::newRow("server") << int(C::ServerError) << int(ExitServer);
        QTest::newRow("http") << int(C::HttpError) << int(ExitHttp);
        QTest::newRow("invalid") << int(C::InvalidResponse) << int(ExitInvalidResponse);
        QTest::newRow("stream") << int(C::StreamError) << int(ExitStream);
    }
    void errorMappingAndDescription()
    {
        QFETCH(int, code);
        QFETCH(int, exit);
        QCOMPARE(exitCodeFor(Aod::Error(Aod::Error::Code(code), QStringLiteral("m"))), exit);
        // Every class has its own code, documented in --help and the man page.
        QVERIFY(exitCodeHelp().contains(QStringLiteral("\n  %1 ").arg(exit)));
        QVERIFY(readSource(QStringLiteral("aod.1")).contains(QStringLiteral(".B %1\n").arg(exit)));
    }

    void describesValidationAndRateLimit()
    {
        Aod::Error validation(Aod::Error::Code::ValidationError, QStringLiteral("POST /agents -> 422"));
        validation.setHttpStatus(422).setRequest("POST", QUrl(QStringLiteral("http://h/agents")));
        validation.setDetail(QJsonArray{
            QJsonObject{{QStringLiteral("loc"), QJsonArray{QStringLiteral("name")}},
                        {QStringLiteral("msg"), QStringLiteral("Field required")},
                        {QStringLiteral("type"), QStringLiteral("missing")}},
            QJsonObject{{QStringLiteral("loc"), QJsonArray{QStringLiteral("skills"), 2}},
                        {QStringLiteral("msg"), QStringLiteral("Value error, duplicate")},
                        {QStringLiteral("type"), QStringLiteral("value_error")}}});
        const QStringList lines = describeError(validation);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), QStringLiteral("422 Unprocessable Entity: 2 validation errors (POST /agents)"));
        QCOMPARE(lines.at(1), QStringLiteral("  name: Field required [missing]"));
        QCOMPARE(lines.at(2), QStringLiteral("  skills[2]: Value error, duplicate [value_error]"));

        Aod::Error limited(Aod::Error::Code::RateLimited, QStringLiteral("x"));
        limited.setHttpStatus(429).setRateLimit(3, 3).setDetail(QStringLiteral("Concurrent session limit reached (3/3)."));
        QCOMPARE(describeError(limited).first(),
                 QStringLiteral("429 Too Many Requests (3 of 3 sessions active): Concurrent session limit reached (3/3)."));

        Aod::Error html(Aod::Error::Code::NotFound, QStringLiteral("GET /agents/x -> 404"));
        html.setHttpStatus(404);
        QCOMPARE(describeError(html).first(), QStringLiteral("404 Not Found: GET /agents/x -> 404"));
    }

    void sessionExitCodesFold()
    {
        QCOMPARE(exitCodeForSession(0), 0);
        QCOMPARE(exitCodeForSession(143), 143);
        QCOMPARE(exitCodeForSession(256), 1);   // never folds into success
        QCOMPARE(exitCodeForSession(-1), 255);
    }

    void tablesAlign()
    {
        Table table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("LAST")});
        table.addRow({QStringLiteral("1"), QStringLiteral("日本"), QStringLiteral("x")});
        table.addRow({QStringLiteral("22"), QStringLiteral("ab"), QString()});
        QCOMPARE(table.render(), QStringLiteral("ID  NAME  LAST\n1   日本  x\n22  ab\n"));
        KeyValueBlock block;
        block.add(QStringLiteral("A"), QStringLiteral("one\ntwo"));
        block.add(QStringLiteral("Long"), QStringLiteral("v"));
        QCOMPARE(block.render(), QStringLiteral("A     one\n      two\nLong  v\n"));
        QCOMPARE(oneLine(QStringLiteral("a  b\nc"), 10), QStringLiteral("a b c"));
        QCOMPARE(oneLine(QStringLiteral("abcdefghij"), 5), QStringLiteral("abcd…"));
        QCOMPARE(formatDuration(1500), QStringLiteral("1.5s"));
        QCOMPARE(formatDuration(125000), QStringLiteral("2m05s"));
    }

    void rendersAgentsWithLocalTimes()
    {
        Aod::Agent agent;
        agent.id = QStringLiteral("3f0c");
        agent.name = QStringLiteral("reviewer");
        agent.provider = QStringLiteral("anthropic");
        agent.model = QStringLiteral("claude-sonnet-4-6");
        agent.version = 2;
        agent.createdAt = QDateTime(QDate(2026, 4, 22), QTime(5, 15, 16), Qt::UTC);
        const QString table = renderAgentTable({agent});
        QVERIFY(table.startsWith(QLatin1String("ID    NAME      PROVIDER   MODEL")));
        QVERIFY(table.contains(formatLocalTime(agent.createdAt)));
        QCOMPARE(formatLocalTime(agent.createdAt),
                 agent.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        const QString block = renderAgent(agent);
        QVERIFY(block.contains(QLatin1String("Model        claude-sonnet-4-6\n")));
        QVERIFY(block.contains(QLatin1String("Archived     -\n")));
    }

    void redactsTokens()
    {
        const QString token = QStringLiteral("aod_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        const QString line = redactTokens(QStringLiteral("Authorization: Bearer ") + token + QStringLiteral(" done"), token);
        QVERIFY(!line.contains(token));
        QVERIFY(!line.contains(QLatin1String("ijklmnop")));
        QVERIFY(line.contains(QLatin1String(" done")));
    }

    void manPageAndCompletionCoverEveryCommand()
    {
        const QString man = readSource(QStringLiteral("aod.1"));
        const QString completion = readSource(QStringLiteral("aod.bash-completion"));
        QVERIFY(!man.isEmpty());
        QVERIFY(!completion.isEmpty());
        for (const CommandDef &c : commandTable()) {
            const QString words = c.path();
            const QRegularExpression manEntry(QStringLiteral("^\\.B[IR]? \"?aod %1\\b").arg(words),
                                              QRegularExpression::MultilineOption);
            QVERIFY2(manEntry.match(man).hasMatch(), qPrintable(QStringLiteral("man page lacks ") + words));
            QVERIFY2(QRegularExpression(QStringLiteral("\\b%1\\b").arg(c.name)).match(completion).hasMatch(),
                     qPrintable(QStringLiteral("completion lacks ") + words));
            for (const OptionSpec &option : c.options) {
                QVERIFY2(completion.contains(QStringLiteral("--") + option.name),
                         qPrintable(QStringLiteral("completion lacks --%1 of %2").arg(option.name, words)));
                QVERIFY2(man.contains(QStringLiteral("\\-\\-") + QString(option.name).replace(QLatin1Char('-'), QStringLiteral("\\-"))),
                         qPrintable(QStringLiteral("man page lacks --%1 of %2").arg(option.name, words)));
            }
        }
        for (const OptionSpec &option : globalOptions())
            QVERIFY2(completion.contains(QStringLiteral("--") + option.name), qPrintable(option.name));
    }

    void completionParsesAndListsCommands()
    {
        const QString script = QStringLiteral(AOD_CLI_SOURCE_DIR "/aod.bash-completion");
        QProcess syntax;
        syntax.start(QStringLiteral("bash"), {QStringLiteral("-n"), script});
        QVERIFY(syntax.waitForFinished(20000));
        QCOMPARE(syntax.exitCode(), 0);

        // Complete "aod <TAB>" and "aod sessions <TAB>" for real.
        auto complete = [&](const QString &line) {
            QProcess bash;
            const QString program = QStringLiteral(
                "source '%1'; COMP_LINE='%2'; read -ra COMP_WORDS <<< \"$COMP_LINE\"; "
                "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); "
                "_aod; printf '%s\\n' \"${COMPREPLY[@]}\"")
                                        .arg(script, line);
            bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), program});
            if (!bash.waitForFinished(20000) || bash.exitCode() != 0)
                return QStringList{QStringLiteral("<bash failed: ") + QString::fromUtf8(bash.readAllStandardError())};
            return QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        };
        const QStringList top = complete(QStringLiteral("aod "));
        for (const QString &word : {QStringLiteral("health"), QStringLiteral("agents"), QStringLiteral("environments"),
                                    QStringLiteral("sessions"), QStringLiteral("run"), QStringLiteral("format")})
            QVERIFY2(top.contains(word), qPrintable(top.join(QLatin1Char(' '))));
        QStringList sessionWords;
        for (const CommandDef &c : commandTable()) {
            if (c.group == QLatin1String("sessions"))
                sessionWords.append(c.name);
        }
        const QStringList sessions = complete(QStringLiteral("aod sessions "));
        for (const QString &word : sessionWords)
            QVERIFY2(sessions.contains(word), qPrintable(sessions.join(QLatin1Char(' '))));
        const QStringList streamOpts = complete(QStringLiteral("aod sessions stream --"));
        QVERIFY2(streamOpts.contains(QStringLiteral("--since")) && streamOpts.contains(QStringLiteral("--raw")),
                 qPrintable(streamOpts.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestCliUnits)
#include "tst_cli_units.moc"
