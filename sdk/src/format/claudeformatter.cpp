#include <aod/format/claudeformatter.h>

#include "format/formatutil_p.h"
#include "format/pyjson_p.h"
#include "format/pytext_p.h"

namespace Aod {

using namespace FormatPrivate;
using Kind = FormattedItem::Kind;

namespace {

// The emoji of a tool, trailing space included where the reference has one.
QString toolEmoji(const QString &name)
{
    static const struct
    {
        const char16_t *name;
        const char16_t *emoji;
    } table[] = {
        {u"Bash", u"\U0001F527"},         {u"Read", u"\U0001F4D6"},
        {u"Write", u"\U0001F4DD"},        {u"Edit", u"\u270F\uFE0F "},
        {u"MultiEdit", u"\u270F\uFE0F "}, {u"NotebookEdit", u"\U0001F4D3"},
        {u"Grep", u"\U0001F50D"},         {u"Glob", u"\U0001F50E"},
        {u"WebFetch", u"\U0001F310"},     {u"WebSearch", u"\U0001F310"},
        {u"Task", u"\U0001F916"},         {u"Agent", u"\U0001F916"},
        {u"TodoWrite", u"\U0001F4CB"},    {u"ExitPlanMode", u"\U0001F4D0"},
        {u"EnterPlanMode", u"\U0001F4D0"},
    };
    for (const auto &entry : table) {
        if (name == QStringView(entry.name))
            return QString::fromUtf16(entry.emoji);
    }
    return QStringLiteral(u"\U0001F6E0\uFE0F "); // the default, with its trailing space
}

// `x or ""` followed by str(): the text of a truthy value, else empty.
QString strOrEmpty(const PyValue &v)
{
    return v.truthy() ? v.str() : QString();
}

// The reference's _tool_detail(name, args); \a args is an object or missing.
QString toolDetail(const QString &name, const PyObject &args)
{
    auto is = [&name](const char *n) { return name == QLatin1String(n); };
    if (is("Bash"))
        return pyOneLine(strOrEmpty(args.get(QLatin1StringView("command"))), 140);
    if (is("Read") || is("Write") || is("Edit") || is("MultiEdit") || is("NotebookEdit")) {
        const QString path = strOrEmpty(args.get(QLatin1StringView("file_path")));
        return path.isEmpty() ? QStringLiteral("(no path)") : path;
    }
    if (is("Grep") || is("Glob")) {
        const PyValue path = args.get(QLatin1StringView("path"));
        QString detail = strOrEmpty(args.get(QLatin1StringView("pattern")));
        if (path.truthy())
            detail += QStringLiteral(" in ") + path.str();
        return detail;
    }
    if (is("WebFetch") || is("WebSearch")) {
        const PyValue url = args.get(QLatin1StringView("url"));
        return url.truthy() ? url.str() : strOrEmpty(args.get(QLatin1StringView("query")));
    }
    if (is("Task") || is("Agent")) {
        const PyValue description = args.get(QLatin1StringView("description"));
        const QString text = description.truthy()
            ? description.str()
            : strOrEmpty(args.get(QLatin1StringView("prompt")));
        return pyOneLine(text, 140);
    }
    if (is("TodoWrite")) {
        const PyValue todos = args.get(QLatin1StringView("todos"));
        // A truthy number or boolean has no len() (the reference raises): count 0.
        const qsizetype n = todos.truthy() ? qMax<qsizetype>(todos.pyLen(), 0) : 0;
        return QString::number(n) + QStringLiteral(" todo(s)");
    }
    for (const char *key : {"description", "name", "query", "prompt", "path"}) {
        const PyValue v = args.get(QLatin1StringView(key));
        if (v.isString() && v.truthy())
            return pyOneLine(v.toString(), 140); // the first one wins, even if it collapses to ""
    }
    return QString();
}

Part toolUsePart(const PyObject &block)
{
    const PyValue nameValue = block.get(QLatin1StringView("name"));
    QString name = QStringLiteral("?");
    // An array or object name is unhashable in the reference (TypeError): treat as absent.
    if (nameValue.truthy() && !nameValue.isArray() && !nameValue.isObject())
        name = nameValue.str();
    const PyValue input = block.get(QLatin1StringView("input"));
    // E4: an input that is not an object counts as {}.
    const PyObject args(input.truthy() ? input : PyValue());
    const QString detail = toolDetail(name, args);
    QString text = toolEmoji(name) + QLatin1Char(' ') + name;
    if (!detail.isEmpty())
        text += QStringLiteral(" · ") + detail;
    return Part{Kind::ToolUse, std::move(text), std::move(name)};
}

enum class Shape { Ok, Passthrough };

Shape assistantParts(const PyObject &event, QList<Part> &parts)
{
    const PyValue message = event.get(QLatin1StringView("message"));
    if (!message.truthy())
        return Shape::Ok;
    if (!message.isObject())
        return Shape::Passthrough;
    const PyValue content = message.get(QLatin1StringView("content"));
    if (!content.truthy())
        return Shape::Ok;
    if (!content.isArray())
        return Shape::Passthrough; // E3
    content.forEachElement([&parts](const PyValue &blockValue) {
        if (!blockValue.isObject())
            return; // skipped: the reference raises on .get()
        const PyObject block(blockValue);
        const PyValue type = block.get(QLatin1StringView("type"));
        if (type.equals(QLatin1StringView("thinking"))) {
            const PyValue thinking = block.get(QLatin1StringView("thinking"));
            if (!thinking.isString())
                return; // falsy gives nothing; a non-string is skipped
            const QString raw = thinking.toString();
            const QStringView text = pyStrip(raw);
            if (!text.isEmpty())
                parts.append({Kind::Thinking, QStringLiteral(u"\U0001F4AD ") + pyOneLine(text, 200), {}});
        } else if (type.equals(QLatin1StringView("text"))) {
            const PyValue textValue = block.get(QLatin1StringView("text"));
            if (!textValue.isString())
                return;
            const QString raw = textValue.toString();
            const QStringView text = pyStrip(raw);
            if (!text.isEmpty())
                parts.append({Kind::Text, QStringLiteral(u"\u2709\uFE0F  ") + text, {}});
        } else if (type.equals(QLatin1StringView("tool_use"))) {
            parts.append(toolUsePart(block));
        }
    });
    return Shape::Ok;
}

void systemParts(const PyObject &event, QList<Part> &parts)
{
    const PyValue subtype = event.get(QLatin1StringView("subtype"));
    if (subtype.equals(QLatin1StringView("init"))) {
        const PyValue model = event.get(QLatin1StringView("model"));
        const PyValue tools = event.get(QLatin1StringView("tools"));
        const qsizetype toolCount = tools.truthy() ? qMax<qsizetype>(tools.pyLen(), 0) : 0;
        QStringList names;
        const PyValue servers = event.get(QLatin1StringView("mcp_servers"));
        servers.forEachElement([&names](const PyValue &server) {
            const PyValue name = server.get(QLatin1StringView("name")); // missing if not an object
            if (name.isString())
                names.append(name.toString()); // E2: entries without a string name are skipped
        });
        QString text = QStringLiteral(u"\u2699\uFE0F  Session init · model=")
            + (model.exists() ? model.str() : QStringLiteral("?"))
            + QStringLiteral(", tools=") + QString::number(toolCount);
        if (!names.isEmpty())
            text += QStringLiteral(", mcp=[") + names.join(QStringLiteral(", ")) + QLatin1Char(']');
        parts.append({Kind::Init, std::move(text), {}});
    } else if (subtype.equals(QLatin1StringView("task_started"))) {
        const PyValue description = event.get(QLatin1StringView("description"));
        parts.append({Kind::Task,
                      QStringLiteral(u"\U0001F680 Task spawned · ")
                          + (description.truthy() ? description.str()
                                                  : QStringLiteral("(no description)")),
                      {}});
    }
}

void resultParts(const PyObject &event, QList<Part> &parts)
{
    const bool success = event.get(QLatin1StringView("subtype")).equals(QLatin1StringView("success"));
    const PyValue duration = event.get(QLatin1StringView("duration_ms"));
    double seconds = 0.0;
    if (duration.truthy() && (duration.isNumber() || duration.isBool()))
        seconds = duration.dividedBy1000(); // a string, array or object counts as absent
    QString text = (success ? QStringLiteral(u"\u2728") : QStringLiteral(u"\u26A0\uFE0F "))
        + QStringLiteral(" Done · agent ") + pyFixed(seconds, 1) + QLatin1Char('s');
    const PyValue turns = event.get(QLatin1StringView("num_turns"));
    if (turns.truthy())
        text += QStringLiteral(", ") + turns.str() + QStringLiteral(" turns");
    const PyValue cost = event.get(QLatin1StringView("total_cost_usd"));
    if (cost.isNumber() || cost.isBool()) // E5: a string (or array, object) drops the part
        text += QStringLiteral(", tokens $") + pyFixed(cost.toDouble(), 4);
    parts.append({success ? Kind::ResultOk : Kind::ResultError, std::move(text), {}});
}

} // namespace

ClaudeFormatter::ClaudeFormatter() = default;

ClaudeFormatter::~ClaudeFormatter() = default;

QString ClaudeFormatter::name() const
{
    return QStringLiteral("claude");
}

QList<FormattedItem> ClaudeFormatter::formatLine(QStringView line)
{
    if (line.isEmpty())
        return {};
    bool ok = false;
    const PyValue root = PyValue::parse(line, &ok);
    if (!ok || !root.isObject()) // not JSON, or E1: JSON that is not an object
        return {passthroughItem(line)};
    const PyObject event(root);
    const PyValue type = event.get(QLatin1StringView("type"));
    QList<Part> parts;
    if (type.equals(QLatin1StringView("system"))) {
        systemParts(event, parts);
    } else if (type.equals(QLatin1StringView("assistant"))) {
        if (assistantParts(event, parts) == Shape::Passthrough)
            return {passthroughItem(line)};
    } else if (type.equals(QLatin1StringView("result"))) {
        resultParts(event, parts);
    }
    const bool subagent = event.get(QLatin1StringView("parent_tool_use_id")).truthy();
    return assembleParts(parts, subagent ? 1 : 0);
}

QList<FormattedItem> ClaudeFormatter::flushPending(QString &pending)
{
    if (pyStrip(pending).isEmpty())
        return {}; // whitespace stays in the buffer, as in the reference
    QString line;
    line.swap(pending); // trailing CRs are kept here
    return formatLine(line);
}

} // namespace Aod
