#pragma once
// Private header: pieces the formatters share.
#include <aod/format/formatteditem.h>

#include <QList>
#include <QString>
#include <QStringView>

namespace Aod::FormatPrivate {

// One display block of an input line before indentation: what the reference appends to its
// `parts` list.
struct Part
{
    FormattedItem::Kind kind = FormattedItem::Kind::Other;
    QString text;
    QString toolName;
};

FormattedItem passthroughItem(QStringView line);

// The reference's last step, "\n".join(indent + l for l in "\n".join(parts).splitlines()),
// with the result cut back into one item per part: joining the item texts with "\n" gives
// the reference string exactly, even when a part's own text holds line breaks (U+2028, CR,
// a trailing LF...). Items after the first are marked as continuations.
QList<FormattedItem> assembleParts(const QList<Part> &parts, int indent);

} // namespace Aod::FormatPrivate
