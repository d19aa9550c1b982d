#include <aod/models/common.h>

#include <QRegularExpression>
#include <QTimeZone>

namespace Aod {

QDateTime parseTimestamp(const QString &text)
{
    // Python isoformat() of an aware datetime: date 'T' time, optional 1..9 fraction digits,
    // then "+HH:MM" / "-HH:MM" or "Z". Nothing else (no bare local times: they are ambiguous).
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?"
        "(?:([Zz])|([+-])(\\d{2}):(\\d{2}))$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return {};
    const QDate date(m.capturedView(1).toInt(), m.capturedView(2).toInt(), m.capturedView(3).toInt());
    int msec = 0;
    if (m.hasCaptured(7)) {
        // Truncate (not round) to milliseconds: "910301" -> 910.
        const QString frac = QString(m.captured(7) + QStringLiteral("00")).left(3);
        msec = frac.toInt();
    }
    const QTime time(m.capturedView(4).toInt(), m.capturedView(5).toInt(), m.capturedView(6).toInt(), msec);
    if (!date.isValid() || !time.isValid())
        return {};
    int offset = 0;
    if (!m.hasCaptured(8)) {
        const int hours = m.capturedView(10).toInt();
        const int minutes = m.capturedView(11).toInt();
        if (hours > 23 || minutes > 59)
            return {};
        offset = (hours * 60 + minutes) * 60;
        if (m.capturedView(9) == QLatin1String("-"))
            offset = -offset;
    }
    const QDateTime local(date, time, QTimeZone(offset));
    if (!local.isValid())
        return {};
    return local.toUTC();
}

QString formatTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    QString out = utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    const int msec = utc.time().msec();
    if (msec != 0)
        out += QLatin1Char('.') + QString::number(msec).rightJustified(3, QLatin1Char('0'))
            + QStringLiteral("000");
    out += QStringLiteral("+00:00");
    return out;
}

} // namespace Aod
