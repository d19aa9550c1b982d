#include "format/formatutil_p.h"

#include "format/pytext_p.h"

#include <vector>

namespace Aod::FormatPrivate {

FormattedItem passthroughItem(QStringView line)
{
    FormattedItem item;
    item.kind = FormattedItem::Kind::Passthrough;
    item.text = line.toString();
    return item;
}

QList<FormattedItem> assembleParts(const QList<Part> &parts, int indent)
{
    QList<FormattedItem> items;
    if (parts.isEmpty())
        return items;
    const QLatin1StringView prefix = indent > 0 ? QLatin1StringView("  ") : QLatin1StringView("");
    bool anyBreak = false;
    items.reserve(parts.size());
    for (qsizetype i = 0; i < parts.size(); ++i) {
        FormattedItem item;
        item.kind = parts[i].kind;
        item.indent = indent;
        item.toolName = parts[i].toolName;
        item.continuation = i > 0;
        items.append(std::move(item));
        anyBreak = anyBreak || hasPyLineBreak(parts[i].text);
    }
    if (!anyBreak) { // the usual case: one display line per part
        for (qsizetype i = 0; i < parts.size(); ++i)
            items[i].text = prefix + parts[i].text;
        return items;
    }
    // Split the joined body as Python does and hand each line to the part it starts in. Every
    // part starts with an emoji, never a line break, so each one gets at least its first line.
    QString body;
    std::vector<qsizetype> starts;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0)
            body.append(QLatin1Char('\n'));
        starts.push_back(body.size());
        body.append(parts[i].text);
    }
    std::vector<bool> started(size_t(parts.size()), false);
    size_t p = 0;
    pySplitLines(body, [&](qsizetype start, qsizetype length) {
        while (p + 1 < starts.size() && starts[p + 1] <= start)
            ++p;
        QString &text = items[qsizetype(p)].text;
        if (started[p])
            text.append(QLatin1Char('\n'));
        started[p] = true;
        text.append(prefix);
        text.append(QStringView(body).mid(start, length));
    });
    return items;
}

} // namespace Aod::FormatPrivate
