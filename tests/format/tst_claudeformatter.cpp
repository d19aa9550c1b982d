// The Claude formatter against the reference: every vector of sdk-parity §2.7 and §2.8, byte
// for byte, plus 3400 random and mutated lines whose reference output was recorded from the
// Python formatter; then the structured items, the crash inputs E1-E5, the factory and the
// opt-in extras.
#include <aod/format/claudeformatter.h>
#include <aod/format/codexformatter.h>
#include <aod/format/genericformatter.h>
#include <aod/streamevent.h>

#include "formattestutil.h"

#include <QJsonArray>
#include <QTest>

using namespace Aod;
using Kind = FormattedItem::Kind;

namespace {

QString assistantLine(const QString &contentJson, const QString &extra = QString())
{
    return QStringLiteral("{\"type\":\"assistant\",\"message\":{\"content\":[") + contentJson
        + QStringLiteral("]}") + extra + QStringLiteral("}");
}

StreamEvent outputEvent(const QString &stream, const QString &data, int turn = 1)
{
    QJsonObject o;
    o.insert(QLatin1String("type"), QLatin1String("output"));
    o.insert(QLatin1String("id"), 7);
    o.insert(QLatin1String("stream"), stream);
    o.insert(QLatin1String("data"), data);
    o.insert(QLatin1String("turn"), turn);
    return StreamEvent(o, 7);
}

StreamEvent eventFromJson(const char *json)
{
    return StreamEvent(QJsonDocument::fromJson(QByteArray(json)).object());
}

} // namespace

class TestClaudeFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // sdk-parity §2.7 (T1-T11, G3-G8) and §2.8 (D1-D54, and E1-E5 with this port's policy).
    void vectors_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        const QJsonArray cases = QJsonDocument::fromJson(
                                     FormatTest::readFile(FormatTest::dataPath("vectors.json")))
                                     .array();
        QVERIFY(cases.size() >= 87);
        for (const QJsonValue &c : cases) {
            const QJsonObject o = c.toObject();
            const QByteArray id = o.value(QLatin1String("id")).toString().toUtf8();
            QTest::newRow(id.constData()) << o;
        }
    }
    void vectors()
    {
        QFETCH(QJsonObject, vector);
        std::unique_ptr<OutputFormatter> formatter;
        if (vector.value(QLatin1String("formatter")).toString() == QLatin1String("generic"))
            formatter = std::make_unique<GenericFormatter>();
        else
            formatter = std::make_unique<ClaudeFormatter>();
        const QJsonArray steps = vector.value(QLatin1String("steps")).toArray();
        const QJsonArray expect = vector.value(QLatin1String("expect")).toArray();
        QCOMPARE(steps.size(), expect.size());
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const QJsonObject step = steps[i].toObject();
            QStringList got;
            if (step.contains(QLatin1String("feed")))
                got = formatter->feedDataText(step.value(QLatin1String("feed")).toString());
            else if (step.contains(QLatin1String("flush")))
                got = formatter->flushText();
            else
                got = formatter->feedText(StreamEvent(step.value(QLatin1String("event")).toObject()));
            QCOMPARE(got, FormatTest::toStringList(expect[i]));
        }
        if (vector.contains(QLatin1String("pending")))
            QCOMPARE(formatter->pendingText(), vector.value(QLatin1String("pending")).toString());
    }

    // 3400 generated and mutated lines (every field type, numbers at rounding ties, Unicode
    // whitespace and separators, quotes for repr, broken JSON), with the reference's output.
    void oracle()
    {
        const QList<QJsonObject> rows = FormatTest::readJsonLines(FormatTest::dataPath("claude_oracle.jsonl"));
        QVERIFY(rows.size() > 3000);
        ClaudeFormatter formatter;
        int compared = 0;
        int raising = 0;
        for (const QJsonObject &row : rows) {
            QVERIFY(row.value(QLatin1String("in")).isString());
            const QString line = row.value(QLatin1String("in")).toString();
            const QList<FormattedItem> items = formatter.formatLine(line);
            if (row.contains(QLatin1String("raises"))) {
                // The reference crashes here; this port gives text. Every item is shown text.
                ++raising;
                for (const FormattedItem &item : items)
                    QVERIFY(!item.text.isEmpty());
                continue;
            }
            const QJsonValue out = row.value(QLatin1String("out"));
            // The reference drops what is falsy: None, and the "" an empty line passes through as.
            const QStringList expected = out.toString().isEmpty() ? QStringList() : QStringList{out.toString()};
            const QStringList got = OutputFormatter::toReferenceStrings(items);
            if (got != expected) {
                qWarning().noquote() << "input:" << line;
                QCOMPARE(got, expected);
            }
            ++compared;
        }
        QVERIFY(compared > 2500);
        QVERIFY(raising > 100);
    }

    void itemsCarryKindIndentAndTool()
    {
        ClaudeFormatter f;
        const QList<FormattedItem> items = f.formatLine(assistantLine(
            QStringLiteral(R"({"type":"thinking","thinking":"plan"},{"type":"text","text":"Reading it."},)"
                           R"({"type":"tool_use","name":"Read","input":{"file_path":"/w/a.py"}})"),
            QStringLiteral(R"(,"parent_tool_use_id":"toolu_1")")));
        QCOMPARE(items.size(), 3);
        QCOMPARE(items[0].kind, Kind::Thinking);
        QCOMPARE(items[0].text, QStringLiteral(u"  \U0001F4AD plan"));
        QVERIFY(!items[0].continuation);
        QCOMPARE(items[1].kind, Kind::Text);
        QVERIFY(items[1].continuation);
        QCOMPARE(items[2].kind, Kind::ToolUse);
        QCOMPARE(items[2].toolName, QStringLiteral("Read"));
        QCOMPARE(items[2].text, QStringLiteral(u"  \U0001F4D6 Read · /w/a.py"));
        QVERIFY(items[2].continuation);
        for (const FormattedItem &item : items)
            QCOMPARE(item.indent, 1);
        QCOMPARE(OutputFormatter::toReferenceStrings(items),
                 QStringList{QStringLiteral(u"  \U0001F4AD plan\n  \u2709\uFE0F  Reading it.\n  \U0001F4D6 Read · /w/a.py")});

        auto kindOf = [&f](const QString &line) {
            const QList<FormattedItem> got = f.formatLine(line);
            return got.size() == 1 ? got.first().kind : Kind::Other;
        };
        QCOMPARE(kindOf(QStringLiteral(R"({"type":"system","subtype":"init"})")), Kind::Init);
        QCOMPARE(kindOf(QStringLiteral(R"({"type":"system","subtype":"task_started"})")), Kind::Task);
        QCOMPARE(kindOf(QStringLiteral(R"({"type":"result","subtype":"success"})")), Kind::ResultOk);
        QCOMPARE(kindOf(QStringLiteral(R"({"type":"result","subtype":"error_max_turns"})")), Kind::ResultError);
        QCOMPARE(kindOf(QStringLiteral("not json")), Kind::Passthrough);
        QCOMPARE(kindOf(QStringLiteral("[1,2]")), Kind::Passthrough);                                    // E1
        QCOMPARE(kindOf(QStringLiteral(R"({"type":"assistant","message":{"content":"hi"}})")), Kind::Passthrough); // E3
        QCOMPARE(kindOf(QStringLiteral(R"({"type":"assistant","message":"hi"})")), Kind::Passthrough);
        const QList<FormattedItem> noName = f.formatLine(assistantLine(QStringLiteral(R"({"type":"tool_use","name":["x"]})")));
        QCOMPARE(noName.size(), 1);
        QCOMPARE(noName[0].toolName, QStringLiteral("?"));
        QCOMPARE(noName[0].text, QStringLiteral(u"\U0001F6E0\uFE0F  ?"));
    }

    // A block whose text ends in a line break: the reference's single string splits into items
    // that still join back to it exactly.
    void blocksWithLineBreaksJoinBack()
    {
        ClaudeFormatter f;
        const QList<FormattedItem> items = f.formatLine(assistantLine(
            QStringLiteral(R"({"type":"tool_use","name":"Read","input":{"file_path":"/x\n"}},{"type":"text","text":"after"})")));
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].text, QStringLiteral(u"\U0001F4D6 Read · /x\n"));
        QCOMPARE(items[1].text, QStringLiteral(u"\u2709\uFE0F  after"));
        QCOMPARE(OutputFormatter::toReferenceStrings(items),
                 QStringList{QStringLiteral(u"\U0001F4D6 Read · /x\n\n\u2709\uFE0F  after")});
        const QList<FormattedItem> crlf = f.formatLine(assistantLine(
            QStringLiteral(R"({"type":"tool_use","name":"Read","input":{"file_path":"/x\r"}},{"type":"text","text":"a\u2028b"})"),
            QStringLiteral(R"(,"parent_tool_use_id":"p")")));
        QCOMPARE(crlf.size(), 2);
        QCOMPARE(crlf[0].text, QStringLiteral(u"  \U0001F4D6 Read · /x"));
        QCOMPARE(crlf[1].text, QStringLiteral(u"  \u2709\uFE0F  a\n  b"));
    }

    // The crash inputs of the reference (sdk-parity §2.8 E1-E5) and the policy for each.
    void crashInputsFollowThePolicy()
    {
        ClaudeFormatter f;
        for (const char *line : {"123", "[1,2]", "null", "\"x\"", "true", "1.5"}) // E1
            QCOMPARE(f.formatLine(QString::fromLatin1(line)).first().text, QString::fromLatin1(line));
        // E2: the nameless entry is left out, the named ones stay.
        QCOMPARE(f.formatLine(QStringLiteral(R"({"type":"system","subtype":"init","model":"m","mcp_servers":[{"name":"a"},{"status":"failed"},{"name":null},"s"]})"))
                     .first().text,
                 QStringLiteral(u"\u2699\uFE0F  Session init · model=m, tools=0, mcp=[a]"));
        // E3: the whole line, unchanged.
        const QString e3 = QStringLiteral(R"({"type":"assistant","message":{"content":"hello"}})");
        QCOMPARE(f.formatLine(e3).first().text, e3);
        // E4: input counts as {}.
        QCOMPARE(f.formatLine(assistantLine(QStringLiteral(R"({"type":"tool_use","name":"TodoWrite","input":"x"})"))).first().text,
                 QStringLiteral(u"\U0001F4CB TodoWrite · 0 todo(s)"));
        // E5: the cost part is dropped, the rest stays.
        QCOMPARE(f.formatLine(QStringLiteral(R"({"type":"result","subtype":"success","num_turns":2,"total_cost_usd":"0.1"})")).first().text,
                 QStringLiteral(u"\u2728 Done · agent 0.0s, 2 turns"));
        // More places the reference raises: skipped, never thrown.
        QCOMPARE(f.formatLine(QStringLiteral(R"({"type":"result","duration_ms":"5000","total_cost_usd":[1]})")).first().text,
                 QStringLiteral(u"\u26A0\uFE0F  Done · agent 0.0s"));
        QVERIFY(f.formatLine(assistantLine(QStringLiteral(R"({"type":"text","text":["x"]},5,null)"))).isEmpty());
        QCOMPARE(f.formatLine(QStringLiteral(R"({"type":"system","subtype":"init","tools":7,"mcp_servers":{"a":1}})")).first().text,
                 QStringLiteral(u"\u2699\uFE0F  Session init · model=?, tools=0"));
    }

    void factory()
    {
        // G1/G2: the official formatter_for().
        for (const char *name : {"claude", "claude-code", "Claude-Code"})
            QCOMPARE(OutputFormatter::referenceFormatterFor(QString::fromLatin1(name))->name(), QStringLiteral("claude"));
        for (const char *name : {"codex", "gemini", "opencode", "", "anthropic"})
            QCOMPARE(OutputFormatter::referenceFormatterFor(QString::fromLatin1(name))->name(), QStringLiteral("generic"));
        QCOMPARE(OutputFormatter::referenceFormatterFor(QString())->name(), QStringLiteral("generic"));
        // Ours also knows providers, and codex.
        QCOMPARE(OutputFormatter::forProvider(QStringLiteral("anthropic"))->name(), QStringLiteral("claude"));
        QCOMPARE(OutputFormatter::forProvider(QStringLiteral(" Anthropic "))->name(), QStringLiteral("claude"));
        QCOMPARE(OutputFormatter::forProvider(QStringLiteral("Claude-Code"))->name(), QStringLiteral("claude"));
        QCOMPARE(OutputFormatter::forProvider(QStringLiteral("openai"))->name(), QStringLiteral("codex"));
        QCOMPARE(OutputFormatter::forProvider(QStringLiteral("codex"))->name(), QStringLiteral("codex"));
        QCOMPARE(OutputFormatter::forProvider(QStringLiteral("gemini"))->name(), QStringLiteral("generic"));
        QCOMPARE(OutputFormatter::forProvider(QString())->name(), QStringLiteral("generic"));
    }

    void filterKeepsToStdoutOutputByDefault()
    {
        ClaudeFormatter f;
        const QString line = assistantLine(QStringLiteral(R"({"type":"text","text":"hi"})")) + QLatin1Char('\n');
        QVERIFY(f.feed(outputEvent(QStringLiteral("stderr"), line)).isEmpty());
        QVERIFY(f.feed(eventFromJson(R"({"type":"stage","id":3,"stage":"env_file","state":"done","duration_ms":200})")).isEmpty());
        QVERIFY(f.feed(eventFromJson(R"({"type":"turn_start","id":4,"turn":2})")).isEmpty());
        QVERIFY(f.feed(eventFromJson(R"({"type":"exit","id":9,"code":0})")).isEmpty());
        QVERIFY(f.feed(eventFromJson(R"({"type":"output","id":5,"stream":"stdout","data":5})")).isEmpty());
        QCOMPARE(f.feedText(outputEvent(QStringLiteral("stdout"), line)), QStringList{QStringLiteral(u"\u2709\uFE0F  hi")});
    }

    void extrasAddStderrStagesTurnsAndLifecycle()
    {
        ClaudeFormatter f;
        f.setExtras(OutputFormatter::Extra::All);
        QCOMPARE(f.extras(), OutputFormatter::Extras(OutputFormatter::Extra::All));
        QList<FormattedItem> items;
        items += f.feed(eventFromJson(R"({"type":"stage","id":1,"stage":"create_sprite","state":"started"})"));
        items += f.feed(eventFromJson(R"({"type":"stage","id":2,"stage":"create_sprite","state":"done","duration_ms":1250})"));
        items += f.feed(eventFromJson(R"({"type":"stage","id":3,"stage":"provision_setup","state":"failed","duration_ms":300,"message":"boom\nstderr: x"})"));
        items += f.feed(eventFromJson(R"({"type":"turn_start","id":4,"turn":1})"));
        items += f.feed(eventFromJson(R"({"type":"turn_start","id":4,"turn":1})")); // duplicate after resume
        items += f.feed(outputEvent(QStringLiteral("stderr"), QStringLiteral("warn: a\r\nwarn: b"), 1));
        items += f.feed(outputEvent(QStringLiteral("stdout"), QStringLiteral("plain\n"), 2));
        items += f.feed(eventFromJson(R"({"type":"exit","id":9,"code":3})"));
        items += f.feed(eventFromJson(R"({"type":"error","id":9,"message":"Session failed"})"));
        items += f.flush();
        QStringList texts;
        QList<Kind> kinds;
        for (const FormattedItem &item : items) {
            texts.append(item.text);
            kinds.append(item.kind);
        }
        QCOMPARE(texts, (QStringList{QStringLiteral(u"▸ create_sprite"), QStringLiteral(u"✓ create_sprite · 1.2s"),
                                     QStringLiteral(u"✗ provision_setup · 0.3s · boom stderr: x"),
                                     QStringLiteral(u"── turn 1 ──"), QStringLiteral("warn: a"),
                                     QStringLiteral(u"── turn 2 ──"), QStringLiteral("plain"),
                                     QStringLiteral(u"■ exit 3"), QStringLiteral(u"■ Session failed"),
                                     QStringLiteral("warn: b")}));
        QCOMPARE(kinds, (QList<Kind>{Kind::Stage, Kind::Stage, Kind::Stage, Kind::TurnSeparator, Kind::Stderr,
                                     Kind::TurnSeparator, Kind::Passthrough, Kind::System, Kind::System, Kind::Stderr}));
    }

    void resetForgetsThePartialLine()
    {
        ClaudeFormatter f;
        QVERIFY(f.feedData(QStringLiteral("{\"type\":")).isEmpty());
        QCOMPARE(f.pendingText(), QStringLiteral("{\"type\":"));
        f.reset();
        QVERIFY(f.pendingText().isEmpty());
        QCOMPARE(f.feedDataText(QStringLiteral("x\n")), QStringList{QStringLiteral("x")});
    }

    void debugOutputNamesTheKind()
    {
        FormattedItem item;
        item.kind = Kind::ToolUse;
        item.text = QStringLiteral("t");
        item.toolName = QStringLiteral("Bash");
        QString s;
        QDebug(&s) << item;
        QVERIFY(s.contains(QLatin1String("ToolUse")));
        QVERIFY(s.contains(QLatin1String("Bash")));
        QCOMPARE(kindName(Kind::ResultError), QStringLiteral("ResultError"));
    }
};

QTEST_APPLESS_MAIN(TestClaudeFormatter)
#include "tst_claudeformatter.moc"
