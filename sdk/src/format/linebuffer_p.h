#pragma once
// Private header: the line splitter every formatter shares (sdk-parity §2.2).
#include <QString>
#include <QStringView>

namespace Aod::FormatPrivate {

// Concatenates chunks and hands out complete lines: cut at each LF, all trailing CRs removed,
// empty lines skipped. A partial line waits for its LF. Each chunk is searched once, so a line
// of many megabytes arriving in small chunks costs linear time, not quadratic.
class LineBuffer
{
public:
    // Calls onLine(QStringView) for each complete non-empty line. The view points into the
    // buffer and is valid only during the call, which must not feed this buffer again.
    template<typename OnLine>
    void feed(QStringView chunk, OnLine &&onLine)
    {
        m_buf.append(chunk);
        qsizetype start = 0;
        for (;;) {
            const qsizetype lf = m_buf.indexOf(QLatin1Char('\n'), m_scanned);
            if (lf < 0)
                break;
            qsizetype end = lf;
            while (end > start && m_buf[end - 1] == QLatin1Char('\r'))
                --end;
            if (end > start)
                onLine(QStringView(m_buf).mid(start, end - start));
            start = lf + 1;
            m_scanned = start;
        }
        if (start > 0)
            m_buf.remove(0, start);
        m_scanned = m_buf.size();
    }

    // The text after the last LF; a flush rule may consume or change it, then call rescan().
    QString &pending() { return m_buf; }
    const QString &pending() const { return m_buf; }
    void rescan() { m_scanned = 0; }
    void clear()
    {
        m_buf.clear();
        m_scanned = 0;
    }

private:
    QString m_buf;
    qsizetype m_scanned = 0; // no LF before this position
};

} // namespace Aod::FormatPrivate
