#pragma once
//! \file common.h  Shared helpers of the model structs: timestamps and JSON conversion.
#include <aod/global.h>

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Aod {

//! Parses the server's `isoformat()` timestamps, with or without fractional seconds
//! (`2026-04-22T05:15:16.910301+00:00`, `2026-04-22T05:15:16+00:00`), and `Z`. Returns an
//! invalid QDateTime for anything else. Microseconds are truncated to milliseconds.
AOD_EXPORT QDateTime parseTimestamp(const QString &text);
//! Formats as the server does: UTC, `+00:00`, microseconds only when non-zero.
AOD_EXPORT QString formatTimestamp(const QDateTime &time);

} // namespace Aod
