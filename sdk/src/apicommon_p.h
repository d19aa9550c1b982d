#pragma once
// Private header: small helpers shared by the resource API implementations.
#include <aod/error.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Aod {

//! A ValidationError carrying client-side items (no request was sent), or NoError.
inline Error clientValidationError(const QList<ValidationItem> &items)
{
    if (items.isEmpty())
        return {};
    QStringList parts;
    for (const ValidationItem &item : items)
        parts.append(item.field().isEmpty() ? item.msg : item.field() + QStringLiteral(": ") + item.msg);
    Error error(Error::Code::ValidationError,
                QStringLiteral("Invalid request (not sent): ") + parts.join(QStringLiteral("; ")));
    error.setValidationItems(items);
    QJsonArray detail;
    for (const ValidationItem &item : items)
        detail.append(item.toJson());
    error.setDetail(detail);
    return error;
}

//! The first error of \a errors that is set, else NoError.
inline Error firstError(std::initializer_list<Error> errors)
{
    for (const Error &e : errors) {
        if (e.isError())
            return e;
    }
    return {};
}

} // namespace Aod
