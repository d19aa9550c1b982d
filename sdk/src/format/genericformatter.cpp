#include <aod/format/genericformatter.h>

#include "format/formatutil_p.h"

namespace Aod {

GenericFormatter::GenericFormatter() = default;

GenericFormatter::~GenericFormatter() = default;

QString GenericFormatter::name() const
{
    return QStringLiteral("generic");
}

QList<FormattedItem> GenericFormatter::formatLine(QStringView line)
{
    if (line.isEmpty())
        return {};
    return {FormatPrivate::passthroughItem(line)};
}

} // namespace Aod
