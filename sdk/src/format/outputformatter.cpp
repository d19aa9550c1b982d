#include <aod/format/outputformatter.h>

#include <aod/format/claudeformatter.h>
#include <aod/format/codexformatter.h>
#include <aod/format/genericformatter.h>
#include <aod/streamevent.h>

#include "format/linebuffer_p.h"
#include "format/pytext_p.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace Aod {

using namespace FormatPrivate;

QString kindName(FormattedItem::Kind kind)
{
    switch (kind) {
    case FormattedItem::Kind::Init: return QStringLiteral("Init");
    case FormattedItem::Kind::Thinking: return QStringLiteral("Thinking");
    case FormattedItem::Kind::Text: return QStringLiteral("Text");
    case FormattedItem::Kind::ToolUse: return QStringLiteral("ToolUse");
    case FormattedItem::Kind::Task: return QStringLiteral("Task");
    case FormattedItem::Kind::ToolResult: return QStringLiteral("ToolResult");
    case FormattedItem::Kind::ResultOk: return QStringLiteral("ResultOk");
    case FormattedItem::Kind::ResultError: return QStringLiteral("ResultError");
    case FormattedItem::Kind::Passthrough: return QStringLiteral("Passthrough");
    case FormattedItem::Kind::Stderr: return QStringLiteral("Stderr");
    case FormattedItem::Kind::Stage: return QStringLiteral("Stage");
    case FormattedItem::Kind::TurnSeparator: return QStringLiteral("TurnSeparator");
    case FormattedItem::Kind::System: return QStringLiteral("System");
    case FormattedItem::Kind::Other: return QStringLiteral("Other");
    }
    return QStringLiteral("Other");
}

QDebug operator<<(QDebug dbg, const FormattedItem &item)
{
    const QDebugStateSaver saver(dbg);
    dbg.nospace() << "FormattedItem(" << kindName(item.kind) << ", " << item.text;
    if (item.indent)
        dbg << ", indent=" << item.indent;
    if (!item.toolName.isEmpty())
        dbg << ", tool=" << item.toolName;
    if (item.continuation)
        dbg << ", continuation";
    dbg << ')';
    return dbg;
}

struct OutputFormatter::Private
{
    LineBuffer out;
    LineBuffer err;
    Extras extras = Extra::None;
    std::optional<int> lastTurn;
};

OutputFormatter::OutputFormatter() : d(std::make_unique<Private>()) { }

OutputFormatter::~OutputFormatter() = default;

namespace {

FormattedItem makeItem(FormattedItem::Kind kind, QString text)
{
    FormattedItem item;
    item.kind = kind;
    item.text = std::move(text);
    return item;
}

QString seconds(const QJsonValue &ms)
{
    return pyFixed(ms.toDouble() / 1000.0, 1) + QLatin1Char('s');
}

FormattedItem stageItem(const StreamEvent &event)
{
    const QJsonObject &j = event.json();
    const QString stage = j.value(QLatin1String("stage")).toString();
    const QString state = j.value(QLatin1String("state")).toString();
    const QJsonValue ms = j.value(QLatin1String("duration_ms"));
    QString text;
    if (state == QLatin1String("done")) {
        text = QStringLiteral("✓ ") + stage;
        if (ms.isDouble())
            text += QStringLiteral(" · ") + seconds(ms);
    } else if (state == QLatin1String("failed")) {
        text = QStringLiteral("✗ ") + stage;
        if (ms.isDouble())
            text += QStringLiteral(" · ") + seconds(ms);
        const QString message = j.value(QLatin1String("message")).toString();
        if (!message.isEmpty())
            text += QStringLiteral(" · ") + pyOneLine(message, 200);
    } else {
        text = QStringLiteral("▸ ") + stage;
    }
    return makeItem(FormattedItem::Kind::Stage, text);
}

FormattedItem lifecycleItem(const StreamEvent &event)
{
    const QJsonObject &j = event.json();
    QString text;
    if (event.type() == StreamEvent::Type::Exit) {
        const QJsonValue code = j.value(QLatin1String("code"));
        text = code.isDouble() ? QStringLiteral("■ exit ") + QString::number(code.toInteger())
                               : QStringLiteral("■ exit (no code)");
    } else {
        QString message = j.value(QLatin1String("message")).toString();
        if (message.isEmpty())
            message = j.value(QLatin1String("detail")).toString();
        if (message.isEmpty())
            message = event.typeString();
        text = QStringLiteral("■ ") + message;
    }
    return makeItem(FormattedItem::Kind::System, text);
}

} // namespace

QList<FormattedItem> OutputFormatter::feed(const StreamEvent &event)
{
    QList<FormattedItem> items;
    const QJsonObject &j = event.json();
    auto turnSeparator = [this, &items](std::optional<int> turn) {
        if (!(d->extras & Extra::Turns) || !turn || turn == d->lastTurn)
            return;
        d->lastTurn = turn;
        items.append(makeItem(FormattedItem::Kind::TurnSeparator,
                              QStringLiteral("── turn %1 ──").arg(*turn)));
    };
    switch (event.type()) {
    case StreamEvent::Type::Output: {
        const QJsonValue stream = j.value(QLatin1String("stream"));
        const QJsonValue data = j.value(QLatin1String("data"));
        if (!data.isString())
            break;
        const QString streamName = stream.toString();
        if (streamName == QLatin1String("stdout")) {
            turnSeparator(event.turn());
            items += feedData(data.toString());
        } else if (streamName == QLatin1String("stderr") && (d->extras & Extra::Stderr)) {
            turnSeparator(event.turn());
            d->err.feed(data.toString(), [&items](QStringView line) {
                items.append(makeItem(FormattedItem::Kind::Stderr, line.toString()));
            });
        }
        break;
    }
    case StreamEvent::Type::TurnStart:
        turnSeparator(event.turn());
        break;
    case StreamEvent::Type::Stage:
        if (d->extras & Extra::Stages)
            items.append(stageItem(event));
        break;
    case StreamEvent::Type::Exit:
    case StreamEvent::Type::Error:
    case StreamEvent::Type::Terminated:
    case StreamEvent::Type::Stale:
        if (d->extras & Extra::Lifecycle)
            items.append(lifecycleItem(event));
        break;
    default:
        break;
    }
    return items;
}

QList<FormattedItem> OutputFormatter::feedData(QStringView chunk)
{
    QList<FormattedItem> items;
    d->out.feed(chunk, [this, &items](QStringView line) { items += formatLine(line); });
    return items;
}

QList<FormattedItem> OutputFormatter::flush()
{
    QList<FormattedItem> items = flushPending(d->out.pending());
    d->out.rescan();
    // The stderr tail follows the generic rule.
    QString &err = d->err.pending();
    while (err.endsWith(QLatin1Char('\r')))
        err.chop(1);
    if (!pyStrip(err).isEmpty())
        items.append(makeItem(FormattedItem::Kind::Stderr, err));
    err.clear();
    d->err.rescan();
    return items;
}

QList<FormattedItem> OutputFormatter::flushPending(QString &pending)
{
    QString tail;
    tail.swap(pending);
    while (tail.endsWith(QLatin1Char('\r')))
        tail.chop(1);
    if (pyStrip(tail).isEmpty())
        return {};
    return formatLine(tail);
}

QStringList OutputFormatter::feedText(const StreamEvent &event)
{
    return toReferenceStrings(feed(event));
}

QStringList OutputFormatter::feedDataText(QStringView chunk)
{
    return toReferenceStrings(feedData(chunk));
}

QStringList OutputFormatter::flushText()
{
    return toReferenceStrings(flush());
}

QStringList OutputFormatter::toReferenceStrings(const QList<FormattedItem> &items)
{
    QStringList strings;
    strings.reserve(items.size());
    for (const FormattedItem &item : items) {
        if (item.continuation && !strings.isEmpty())
            strings.last() += QLatin1Char('\n') + item.text;
        else
            strings.append(item.text);
    }
    return strings;
}

void OutputFormatter::setExtras(Extras extras)
{
    d->extras = extras;
}

OutputFormatter::Extras OutputFormatter::extras() const
{
    return d->extras;
}

QString OutputFormatter::pendingText() const
{
    return d->out.pending();
}

void OutputFormatter::reset()
{
    d->out.clear();
    d->err.clear();
    d->lastTurn.reset();
}

std::unique_ptr<OutputFormatter> OutputFormatter::forProvider(const QString &providerOrRuntime)
{
    const QString name = providerOrRuntime.trimmed().toLower();
    if (name == QLatin1String("anthropic") || name.contains(QLatin1String("claude")))
        return std::make_unique<ClaudeFormatter>();
    if (name == QLatin1String("openai") || name.contains(QLatin1String("codex")))
        return std::make_unique<CodexFormatter>();
    return std::make_unique<GenericFormatter>();
}

std::unique_ptr<OutputFormatter> OutputFormatter::referenceFormatterFor(const QString &runtime)
{
    if (runtime.toLower().contains(QLatin1String("claude")))
        return std::make_unique<ClaudeFormatter>();
    return std::make_unique<GenericFormatter>();
}

} // namespace Aod
