#include <aod/format/codexformatter.h>

#include "format/formatutil_p.h"
#include "format/pyjson_p.h"
#include "format/pytext_p.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace Aod {

using namespace FormatPrivate;
using Kind = FormattedItem::Kind;

namespace {

constexpr qsizetype kMaxTrackedItems = 10000; // item ids restart every turn; bound the memory

QString stringField(const PyObject &o, const char *key)
{
    const PyValue v = o.get(QLatin1StringView(key));
    return v.isString() ? v.toString() : QString();
}

// "bash -lc 'ls -la'" -> "ls -la": the shell wrapper says nothing to the reader.
QString unwrapShell(const QString &command)
{
    static const QRegularExpression wrapper(
        QStringLiteral("^\\s*(?:/usr/bin/|/bin/)?(?:ba|z)?sh\\s+-l?c\\s+(.*?)\\s*$"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = wrapper.match(command);
    if (!m.hasMatch())
        return command;
    const QString arg = m.captured(1);
    if (arg.size() >= 2 && arg.startsWith(QLatin1Char('\'')) && arg.endsWith(QLatin1Char('\''))
        && !QStringView(arg).mid(1, arg.size() - 2).contains(QLatin1Char('\''))) {
        return arg.mid(1, arg.size() - 2);
    }
    return arg;
}

QString commandText(const PyValue &command)
{
    if (command.isString())
        return unwrapShell(command.toString());
    if (!command.isArray())
        return QString();
    QStringList argv;
    command.forEachElement([&argv](const PyValue &arg) { argv.append(arg.str()); });
    static const QRegularExpression shell(QStringLiteral("^(?:/usr/bin/|/bin/)?(?:ba|z)?sh$"));
    if (argv.size() == 3 && shell.match(argv[0]).hasMatch()
        && (argv[1] == QLatin1String("-lc") || argv[1] == QLatin1String("-c"))) {
        return argv[2];
    }
    return argv.join(QLatin1Char(' '));
}

// The Claude formatter's generic detail rule, over MCP arguments.
QString argumentSummary(const PyValue &arguments)
{
    const PyObject args(arguments);
    for (const char *key : {"description", "name", "query", "prompt", "path", "url"}) {
        const PyValue v = args.get(QLatin1StringView(key));
        if (v.isString() && v.truthy())
            return pyOneLine(v.toString(), 140);
    }
    return QString();
}

Part toolPart(Kind kind, const QString &emoji, const QString &tool, const QString &detail)
{
    QString text = emoji + QLatin1Char(' ') + tool;
    if (!detail.isEmpty())
        text += QStringLiteral(" · ") + detail;
    return Part{kind, std::move(text), tool};
}

Part warningPart(Kind kind, const QString &what, const QString &detail, const QString &tool = {})
{
    QString text = QStringLiteral(u"\u26A0\uFE0F  ") + what;
    if (!detail.isEmpty())
        text += QStringLiteral(" · ") + detail;
    return Part{kind, std::move(text), tool};
}

Part textPart(const QString &text)
{
    return Part{Kind::Text, QStringLiteral(u"\u2709\uFE0F  ") + pyStrip(text), {}};
}

Part thinkingPart(const QString &text)
{
    return Part{Kind::Thinking, QStringLiteral(u"\U0001F4AD ") + pyOneLine(text, 200), {}};
}

} // namespace

struct CodexFormatter::Private
{
    QSet<QString> announced;          // item ids whose first sight was shown
    QSet<QString> concluded;          // item ids whose completion was handled
    QHash<QString, QString> lastPlan; // todo_list id -> the summary last shown

    void clear()
    {
        announced.clear();
        concluded.clear();
        lastPlan.clear();
    }
    // True the first time for \a id (an empty id is always new: nothing to match it with).
    static bool firstTime(QSet<QString> &set, const QString &id)
    {
        if (id.isEmpty())
            return true;
        if (set.size() > kMaxTrackedItems)
            set.clear();
        if (set.contains(id))
            return false;
        set.insert(id);
        return true;
    }

    void item(const PyObject &item, QStringView phase, QList<Part> &parts);
    void legacy(const PyObject &msg, QList<Part> &parts);
};

void CodexFormatter::Private::item(const PyObject &item, QStringView phase, QList<Part> &parts)
{
    const bool completed = phase == QLatin1String("item.completed");
    const QString id = stringField(item, "id");
    const QString type = stringField(item, "type");
    const QString status = stringField(item, "status");
    const bool failedStatus = status == QLatin1String("failed") || status == QLatin1String("declined");

    if (type == QLatin1String("agent_message")) {
        const QString text = stringField(item, "text");
        if (completed && !pyStrip(text).isEmpty() && firstTime(concluded, id))
            parts.append(textPart(text));
    } else if (type == QLatin1String("reasoning")) {
        QString text = stringField(item, "text");
        if (text.isEmpty())
            text = stringField(item, "summary");
        if (completed && !pyStrip(text).isEmpty() && firstTime(concluded, id))
            parts.append(thinkingPart(text));
    } else if (type == QLatin1String("command_execution")) {
        const QString command = commandText(item.get(QLatin1StringView("command")));
        if (firstTime(announced, id))
            parts.append(toolPart(Kind::ToolUse, QStringLiteral(u"\U0001F527"), QStringLiteral("Shell"),
                                  pyOneLine(command, 140)));
        if (completed && firstTime(concluded, id)) {
            const PyValue exitCode = item.get(QLatin1StringView("exit_code"));
            const bool nonZero = exitCode.isNumber() && exitCode.truthy();
            if (nonZero || failedStatus) {
                const QString what = nonZero ? QStringLiteral("exit ") + exitCode.str() : status;
                parts.append(warningPart(Kind::ToolResult, what, pyOneLine(command, 80),
                                         QStringLiteral("Shell")));
            }
        }
    } else if (type == QLatin1String("file_change")) {
        QStringList changes;
        item.get(QLatin1StringView("changes")).forEachElement([&changes](const PyValue &change) {
            const PyObject c(change);
            QString path = stringField(c, "path");
            const QString kind = stringField(c, "kind");
            if (!kind.isEmpty())
                path += QStringLiteral(" (") + kind + QLatin1Char(')');
            if (!path.isEmpty())
                changes.append(path);
        });
        const QString summary = pyOneLine(changes.join(QStringLiteral(", ")), 140);
        if (firstTime(announced, id))
            parts.append(toolPart(Kind::ToolUse, QStringLiteral(u"\U0001F4DD"), QStringLiteral("Patch"), summary));
        if (completed && failedStatus && firstTime(concluded, id))
            parts.append(warningPart(Kind::ToolResult, QStringLiteral("Patch failed"), summary,
                                     QStringLiteral("Patch")));
    } else if (type == QLatin1String("mcp_tool_call")) {
        const QString server = stringField(item, "server");
        const QString toolName = stringField(item, "tool");
        const QString tool = server.isEmpty() ? (toolName.isEmpty() ? QStringLiteral("?") : toolName)
                                              : server + QLatin1Char('.') + toolName;
        if (firstTime(announced, id))
            parts.append(toolPart(Kind::ToolUse, QStringLiteral(u"\U0001F6E0\uFE0F "), tool,
                                  argumentSummary(item.get(QLatin1StringView("arguments")))));
        const PyValue error = item.get(QLatin1StringView("error"));
        if (completed && (error.truthy() || failedStatus) && firstTime(concluded, id)) {
            QString message = error.isString() ? error.toString() : stringField(PyObject(error), "message");
            parts.append(warningPart(Kind::ToolResult, tool + QStringLiteral(" failed"),
                                     pyOneLine(message, 140), tool));
        }
    } else if (type == QLatin1String("web_search")) {
        const QString query = stringField(item, "query");
        if (completed && firstTime(announced, id))
            parts.append(toolPart(Kind::ToolUse, QStringLiteral(u"\U0001F310"), QStringLiteral("WebSearch"),
                                  pyOneLine(query, 140)));
    } else if (type == QLatin1String("todo_list")) {
        int done = 0;
        int total = 0;
        QString next;
        item.get(QLatin1StringView("items")).forEachElement([&](const PyValue &step) {
            const PyObject s(step);
            ++total;
            if (s.get(QLatin1StringView("completed")).truthy())
                ++done;
            else if (next.isEmpty())
                next = stringField(s, "text");
        });
        QString detail = QStringLiteral("%1/%2 done").arg(done).arg(total);
        if (!pyStrip(next).isEmpty())
            detail += QStringLiteral(" · next: ") + pyOneLine(next, 100);
        const Part part = toolPart(Kind::ToolUse, QStringLiteral(u"\U0001F4CB"), QStringLiteral("Plan"), detail);
        const QString key = id.isEmpty() ? QStringLiteral("\x01") : id;
        if (lastPlan.value(key) != part.text) {
            if (lastPlan.size() > kMaxTrackedItems)
                lastPlan.clear();
            lastPlan.insert(key, part.text);
            parts.append(part);
        }
    } else if (type == QLatin1String("error")) {
        if (firstTime(concluded, id))
            parts.append(warningPart(Kind::System, pyOneLine(stringField(item, "message"), 200), {}));
    } else if (!type.isEmpty()) {
        if (firstTime(announced, id))
            parts.append(toolPart(Kind::Other, QStringLiteral(u"\U0001F6E0\uFE0F "), type, {}));
    }
}

void CodexFormatter::Private::legacy(const PyObject &msg, QList<Part> &parts)
{
    const QString type = stringField(msg, "type");
    if (type == QLatin1String("agent_message")) {
        const QString text = stringField(msg, "message");
        if (!pyStrip(text).isEmpty())
            parts.append(textPart(text));
    } else if (type == QLatin1String("agent_reasoning")) {
        const QString text = stringField(msg, "text");
        if (!pyStrip(text).isEmpty())
            parts.append(thinkingPart(text));
    } else if (type == QLatin1String("exec_command_begin")) {
        parts.append(toolPart(Kind::ToolUse, QStringLiteral(u"\U0001F527"), QStringLiteral("Shell"),
                              pyOneLine(commandText(msg.get(QLatin1StringView("command"))), 140)));
    } else if (type == QLatin1String("exec_command_end")) {
        const PyValue exitCode = msg.get(QLatin1StringView("exit_code"));
        if (exitCode.isNumber() && exitCode.truthy())
            parts.append(warningPart(Kind::ToolResult, QStringLiteral("exit ") + exitCode.str(), {},
                                     QStringLiteral("Shell")));
    } else if (type == QLatin1String("error")) {
        parts.append(warningPart(Kind::System, QStringLiteral("Error"),
                                 pyOneLine(stringField(msg, "message"), 200)));
    } else if (type == QLatin1String("task_complete")) {
        parts.append(Part{Kind::ResultOk, QStringLiteral(u"\u2728 Turn done"), {}});
    }
}

CodexFormatter::CodexFormatter() : d(std::make_unique<Private>()) { }

CodexFormatter::~CodexFormatter() = default;

QString CodexFormatter::name() const
{
    return QStringLiteral("codex");
}

void CodexFormatter::reset()
{
    OutputFormatter::reset();
    d->clear();
}

QList<FormattedItem> CodexFormatter::formatLine(QStringView line)
{
    if (line.isEmpty())
        return {};
    bool ok = false;
    const PyValue root = PyValue::parse(line, &ok);
    if (!ok || !root.isObject())
        return {passthroughItem(line)};
    const PyObject event(root);
    const PyValue typeValue = event.get(QLatin1StringView("type"));
    const QString type = typeValue.isString() ? typeValue.toString() : QString();
    QList<Part> parts;
    if (type == QLatin1String("thread.started")) {
        d->clear();
        const QString thread = stringField(event, "thread_id");
        parts.append(Part{Kind::Init,
                          QStringLiteral(u"\u2699\uFE0F  Thread started · ")
                              + (thread.isEmpty() ? QStringLiteral("?") : thread),
                          {}});
    } else if (type == QLatin1String("turn.started")) {
        d->clear(); // item ids start again at item_0
    } else if (type == QLatin1String("turn.completed")) {
        const PyObject usage(event.get(QLatin1StringView("usage")));
        auto count = [&usage](const char *key) {
            const PyValue v = usage.get(QLatin1StringView(key));
            return v.isNumber() ? v.str() : QString();
        };
        const QString in = count("input_tokens");
        const QString cached = count("cached_input_tokens");
        const QString out = count("output_tokens");
        QStringList pieces;
        if (!in.isEmpty())
            pieces.append(QStringLiteral("in ") + in
                          + (cached.isEmpty() ? QString() : QStringLiteral(" (cached ") + cached + QLatin1Char(')')));
        if (!out.isEmpty())
            pieces.append(QStringLiteral("out ") + out);
        QString text = QStringLiteral(u"\u2728 Turn done");
        if (!pieces.isEmpty())
            text += QStringLiteral(" · ") + pieces.join(QStringLiteral(", ")) + QStringLiteral(" tokens");
        parts.append(Part{Kind::ResultOk, std::move(text), {}});
    } else if (type == QLatin1String("turn.failed")) {
        const PyValue error = event.get(QLatin1StringView("error"));
        const QString message = error.isString() ? error.toString() : stringField(PyObject(error), "message");
        parts.append(warningPart(Kind::ResultError, QStringLiteral("Turn failed"), pyOneLine(message, 200)));
    } else if (type == QLatin1String("error")) {
        parts.append(warningPart(Kind::System, QStringLiteral("Error"),
                                 pyOneLine(stringField(event, "message"), 200)));
    } else if (type == QLatin1String("item.started") || type == QLatin1String("item.updated")
               || type == QLatin1String("item.completed")) {
        const PyValue item = event.get(QLatin1StringView("item"));
        const PyObject itemObject(item);
        if (!item.isObject() || !itemObject.get(QLatin1StringView("type")).isString())
            return {passthroughItem(line)};
        d->item(itemObject, type, parts);
    } else if (type.isEmpty() && event.get(QLatin1StringView("msg")).isObject()) {
        d->legacy(PyObject(event.get(QLatin1StringView("msg"))), parts);
    } else {
        return {passthroughItem(line)}; // unknown: shown as it is
    }
    return assembleParts(parts, 0);
}

} // namespace Aod
