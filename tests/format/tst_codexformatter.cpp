// The Codex formatter: `codex exec --json` events (contract §8.2) and the older `msg`
// envelope, fed in order to one formatter, since items repeat across started/updated/completed.
#include <aod/format/codexformatter.h>
#include <aod/streamevent.h>

#include "formattestutil.h"

#include <QTest>

using namespace Aod;
using Kind = FormattedItem::Kind;

namespace {

struct Step
{
    const char *line;
    QStringList expected;
};

QString u(const char16_t *s)
{
    return QString::fromUtf16(s);
}

} // namespace

class TestCodexFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionInOrder()
    {
        const QList<Step> steps = {
            {R"({"type":"thread.started","thread_id":"t1"})", {u(u"\u2699\uFE0F  Thread started · t1")}},
            {R"({"type":"turn.started"})", {}},
            {R"({"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"bash -lc \u0027ls -la\u0027","aggregated_output":"","exit_code":null,"status":"in_progress"}})",
             {u(u"\U0001F527 Shell · ls -la")}},
            {R"({"type":"item.completed","item":{"id":"item_0","type":"command_execution","command":"bash -lc \u0027ls -la\u0027","aggregated_output":"x\n","exit_code":0,"status":"completed"}})",
             {}},
            {R"({"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"/bin/bash -lc false","status":"in_progress"}})",
             {u(u"\U0001F527 Shell · false")}},
            {R"({"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"/bin/bash -lc false","exit_code":1,"status":"failed"}})",
             {u(u"\u26A0\uFE0F  exit 1 · false")}},
            {R"({"type":"item.completed","item":{"id":"item_2","type":"command_execution","command":["bash","-lc","make test"],"exit_code":0,"status":"completed"}})",
             {u(u"\U0001F527 Shell · make test")}},
            {R"({"type":"item.completed","item":{"id":"item_3","type":"command_execution","command":"rm -rf /","exit_code":null,"status":"declined"}})",
             {u(u"\U0001F527 Shell · rm -rf /\n\u26A0\uFE0F  declined · rm -rf /")}},
            {R"({"type":"item.completed","item":{"id":"item_4","type":"agent_message","text":"  Hello\nworld  "}})",
             {u(u"\u2709\uFE0F  Hello\nworld")}},
            {R"({"type":"item.completed","item":{"id":"item_5","type":"reasoning","text":"**Plan**\n\ndo   it"}})",
             {u(u"\U0001F4AD **Plan** do it")}},
            {R"({"type":"item.completed","item":{"id":"item_6","type":"file_change","changes":[{"path":"src/app.js","kind":"update"},{"path":"src/new.js","kind":"add"}],"status":"completed"}})",
             {u(u"\U0001F4DD Patch · src/app.js (update), src/new.js (add)")}},
            {R"({"type":"item.completed","item":{"id":"item_7","type":"file_change","changes":[{"path":"src/x","kind":"update"}],"status":"failed"}})",
             {u(u"\U0001F4DD Patch · src/x (update)\n\u26A0\uFE0F  Patch failed · src/x (update)")}},
            {R"({"type":"item.started","item":{"id":"item_8","type":"mcp_tool_call","server":"context7","tool":"get-library-docs","arguments":{"query":"react hooks"},"result":null,"error":null,"status":"in_progress"}})",
             {u(u"\U0001F6E0\uFE0F  context7.get-library-docs · react hooks")}},
            {R"({"type":"item.completed","item":{"id":"item_8","type":"mcp_tool_call","server":"context7","tool":"get-library-docs","arguments":{"query":"react hooks"},"result":null,"error":{"message":"boom"},"status":"failed"}})",
             {u(u"\u26A0\uFE0F  context7.get-library-docs failed · boom")}},
            {R"({"type":"item.started","item":{"id":"item_9","type":"web_search","query":""}})", {}},
            {R"({"type":"item.completed","item":{"id":"item_9","type":"web_search","query":"qt sse"}})",
             {u(u"\U0001F310 WebSearch · qt sse")}},
            {R"({"type":"item.started","item":{"id":"item_10","type":"todo_list","items":[{"text":"step one","completed":false},{"text":"step two","completed":false}]}})",
             {u(u"\U0001F4CB Plan · 0/2 done · next: step one")}},
            {R"({"type":"item.updated","item":{"id":"item_10","type":"todo_list","items":[{"text":"step one","completed":false},{"text":"step two","completed":false}]}})",
             {}},
            {R"({"type":"item.updated","item":{"id":"item_10","type":"todo_list","items":[{"text":"step one","completed":true},{"text":"step two","completed":false}]}})",
             {u(u"\U0001F4CB Plan · 1/2 done · next: step two")}},
            {R"({"type":"item.completed","item":{"id":"item_10","type":"todo_list","items":[{"text":"step one","completed":true},{"text":"step two","completed":true}]}})",
             {u(u"\U0001F4CB Plan · 2/2 done")}},
            {R"({"type":"item.completed","item":{"id":"item_11","type":"error","message":"model fell back"}})",
             {u(u"\u26A0\uFE0F  model fell back")}},
            {R"({"type":"item.started","item":{"id":"item_12","type":"image_view","path":"a.png"}})", {u(u"\U0001F6E0\uFE0F  image_view")}},
            {R"({"type":"item.completed","item":{"id":"item_12","type":"image_view","path":"a.png"}})", {}},
            {R"({"type":"item.completed","item":{"id":"item_13"}})", {QStringLiteral(R"({"type":"item.completed","item":{"id":"item_13"}})")}},
            {R"({"type":"turn.completed","usage":{"input_tokens":1200,"cached_input_tokens":200,"output_tokens":345}})",
             {u(u"\u2728 Turn done · in 1200 (cached 200), out 345 tokens")}},
            // A new turn: ids start again at item_0 and are announced again.
            {R"({"type":"turn.started"})", {}},
            {R"({"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"pwd","status":"in_progress"}})",
             {u(u"\U0001F527 Shell · pwd")}},
            {R"({"type":"error","message":"Reconnecting... 1/5"})", {u(u"\u26A0\uFE0F  Error · Reconnecting... 1/5")}},
            {R"({"type":"turn.failed","error":{"message":"stream disconnected"}})",
             {u(u"\u26A0\uFE0F  Turn failed · stream disconnected")}},
            {R"({"type":"turn.completed"})", {u(u"\u2728 Turn done")}},
            // Older CLIs: the msg envelope.
            {R"({"model":"gpt-5-codex","sandbox":"danger-full-access"})", {QStringLiteral(R"({"model":"gpt-5-codex","sandbox":"danger-full-access"})")}},
            {R"({"id":"0","msg":{"type":"agent_reasoning","text":"thinking hard"}})", {u(u"\U0001F4AD thinking hard")}},
            {R"({"id":"0","msg":{"type":"exec_command_begin","call_id":"c1","command":["bash","-lc","ls"],"cwd":"/w"}})",
             {u(u"\U0001F527 Shell · ls")}},
            {R"({"id":"0","msg":{"type":"exec_command_end","call_id":"c1","exit_code":2}})", {u(u"\u26A0\uFE0F  exit 2")}},
            {R"({"id":"0","msg":{"type":"agent_message_delta","delta":"hi"}})", {}},
            {R"({"id":"0","msg":{"type":"agent_message","message":"hi there"}})", {u(u"\u2709\uFE0F  hi there")}},
            {R"({"id":"0","msg":{"type":"task_complete","last_agent_message":"hi there"}})", {u(u"\u2728 Turn done")}},
            {R"({"type":"thread.resumed","thread_id":"t1"})", {QStringLiteral(R"({"type":"thread.resumed","thread_id":"t1"})")}},
            {"not json at all", {QStringLiteral("not json at all")}},
            {"[1,2]", {QStringLiteral("[1,2]")}},
        };
        CodexFormatter f;
        QCOMPARE(f.name(), QStringLiteral("codex"));
        for (const Step &step : steps) {
            const QStringList got = f.feedDataText(QString(QString::fromUtf8(step.line) + QLatin1Char('\n')));
            if (got != step.expected)
                qWarning() << "line:" << step.line;
            QCOMPARE(got, step.expected);
        }
    }

    void kindsAndToolNames()
    {
        CodexFormatter f;
        auto one = [&f](const char *line) {
            const QList<FormattedItem> items = f.formatLine(QString::fromUtf8(line));
            return items.isEmpty() ? FormattedItem() : items.first();
        };
        QCOMPARE(one(R"({"type":"thread.started","thread_id":"t"})").kind, Kind::Init);
        const FormattedItem shell = one(R"({"type":"item.started","item":{"id":"a","type":"command_execution","command":"ls"}})");
        QCOMPARE(shell.kind, Kind::ToolUse);
        QCOMPARE(shell.toolName, QStringLiteral("Shell"));
        QCOMPARE(shell.indent, 0);
        QCOMPARE(one(R"({"type":"item.completed","item":{"id":"b","type":"agent_message","text":"x"}})").kind, Kind::Text);
        QCOMPARE(one(R"({"type":"item.completed","item":{"id":"c","type":"reasoning","text":"x"}})").kind, Kind::Thinking);
        QCOMPARE(one(R"({"type":"turn.completed"})").kind, Kind::ResultOk);
        QCOMPARE(one(R"({"type":"turn.failed"})").kind, Kind::ResultError);
        QCOMPARE(one(R"({"type":"error","message":"m"})").kind, Kind::System);
        QCOMPARE(one("plain").kind, Kind::Passthrough);
        const QList<FormattedItem> failed = f.formatLine(QStringLiteral(
            R"({"type":"item.completed","item":{"id":"d","type":"command_execution","command":"x","exit_code":127}})"));
        QCOMPARE(failed.size(), 2);
        QCOMPARE(failed[1].kind, Kind::ToolResult);
        QVERIFY(failed[1].continuation);
    }

    // Fields of the wrong type are read as absent; nothing throws.
    void lenientOnShapes()
    {
        CodexFormatter f;
        const char *lines[] = {
            R"({"type":"thread.started","thread_id":5})",
            R"({"type":"item.completed","item":"x"})",
            R"({"type":"item.completed","item":{"type":"command_execution","command":{"a":1},"exit_code":"1"}})",
            R"({"type":"item.completed","item":{"type":"file_change","changes":"x"}})",
            R"({"type":"item.completed","item":{"type":"mcp_tool_call","error":"bad"}})",
            R"({"type":"item.updated","item":{"type":"todo_list","items":[1,null,{"completed":1}]}})",
            R"({"type":"turn.completed","usage":[1]})",
            R"({"type":"turn.failed","error":"plain"})",
            R"({"msg":{"type":"exec_command_begin","command":null}})",
            R"({"type":7})",
        };
        for (const char *line : lines) {
            const QList<FormattedItem> items = f.formatLine(QString::fromUtf8(line));
            for (const FormattedItem &item : items)
                QVERIFY(!item.text.isEmpty());
        }
        QCOMPARE(OutputFormatter::toReferenceStrings(f.formatLine(QStringLiteral(R"({"type":"turn.failed","error":"plain"})"))),
                 QStringList{u(u"\u26A0\uFE0F  Turn failed · plain")});
        QCOMPARE(OutputFormatter::toReferenceStrings(f.formatLine(QStringLiteral(R"({"type":"thread.started","thread_id":5})"))),
                 QStringList{u(u"\u2699\uFE0F  Thread started · ?")});
    }

    void realisticTranscript()
    {
        const QString text = QString::fromUtf8(FormatTest::readFile(FormatTest::dataPath("codex_session.jsonl")));
        QVERIFY(!text.isEmpty());
        CodexFormatter f;
        QList<FormattedItem> items = f.feedData(text);
        items += f.flush();
        QVERIFY(items.size() >= 12);
        QCOMPARE(items.first().kind, Kind::Init);
        QCOMPARE(items.last().kind, Kind::ResultOk);
        int shells = 0;
        for (const FormattedItem &item : items) {
            QVERIFY(item.kind != Kind::Passthrough);
            shells += item.kind == Kind::ToolUse && item.toolName == QLatin1String("Shell");
        }
        QCOMPARE(shells, 6); // six commands, each announced once although started and completed
        f.reset();
        QVERIFY(f.pendingText().isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCodexFormatter)
#include "tst_codexformatter.moc"
