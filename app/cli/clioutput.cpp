#include "clioutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace AodCli {

Output::Output(FILE *out, FILE *err) : m_out(out), m_err(err)
{
    m_outTty = ::isatty(::fileno(out)) == 1;
    m_errTty = ::isatty(::fileno(err)) == 1;
    if (!m_outTty && out == stdout) {
        // Fully buffered: a long raw stream becomes a few large writes. We flush on events.
        static char buffer[1 << 16];
        std::setvbuf(out, buffer, _IOFBF, sizeof buffer);
    }
}

Output::~Output()
{
    flush();
}

void Output::write(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_out) != size_t(bytes.size()))
        m_failed = true;
}

void Output::writeLine(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.append('\n');
    write(bytes);
}

void Output::writeErr(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    // Keep the order of stdout and stderr as the user sees it on a terminal.
    std::fflush(m_out);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_err);
    std::fflush(m_err);
}

void Output::writeErrLine(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.append('\n');
    writeErr(bytes);
}

static QByteArray jsonBytes(const QJsonValue &value, QJsonDocument::JsonFormat format)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(format);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(format);
    // A scalar: wrap it in an array and cut the brackets off (QJsonDocument holds containers only).
    QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

void Output::writeJsonDocument(const QJsonValue &value)
{
    QByteArray bytes = jsonBytes(value, QJsonDocument::Indented);
    if (!bytes.endsWith('\n'))
        bytes.append('\n');
    write(bytes);
}

void Output::writeJsonLine(const QJsonValue &value)
{
    QByteArray bytes = jsonBytes(value, QJsonDocument::Compact);
    bytes.append('\n');
    write(bytes);
}

void Output::error(const QStringList &lines)
{
    QByteArray bytes;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i == 0)
            bytes += "aod: ";
        bytes += lines.at(i).toUtf8();
        bytes += '\n';
    }
    writeErr(bytes);
}

void Output::warning(const QString &line)
{
    writeErrLine(QStringLiteral("aod: warning: ") + line);
}

void Output::flush()
{
    if (std::fflush(m_out) != 0)
        m_failed = true;
    std::fflush(m_err);
}

// --- widths -----------------------------------------------------------------------------------

static bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

int displayWidth(const QString &text)
{
    int width = 0;
    for (char32_t c : text.toUcs4()) {
        const QChar::Category cat = QChar::category(c);
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing || c == 0x200D || c == 0xFE0F)
            continue;
        width += isWide(c) ? 2 : 1;
    }
    return width;
}

static QString padded(const QString &text, int width)
{
    const int w = displayWidth(text);
    return w >= width ? text : text + QString(width - w, QLatin1Char(' '));
}

QString Table::render() const
{
    const qsizetype columns = m_headers.size();
    QList<int> widths(columns, 0);
    auto measure = [&](const QStringList &row) {
        for (qsizetype c = 0; c < columns && c < row.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(row.at(c)));
    };
    measure(m_headers);
    for (const QStringList &row : m_rows)
        measure(row);

    QString text;
    auto emitRow = [&](const QStringList &row) {
        QString line;
        for (qsizetype c = 0; c < columns; ++c) {
            const QString cell = c < row.size() ? row.at(c) : QString();
            if (c > 0)
                line += QStringLiteral("  ");
            line += c + 1 < columns ? padded(cell, widths[c]) : cell;
        }
        // Trailing blanks from empty last cells help nobody.
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        text += line + QLatin1Char('\n');
    };
    emitRow(m_headers);
    for (const QStringList &row : m_rows)
        emitRow(row);
    return text;
}

QString KeyValueBlock::render() const
{
    int width = 0;
    for (const auto &row : m_rows)
        width = std::max(width, displayWidth(row.first));
    QString text;
    const QString indent(width + 2, QLatin1Char(' '));
    for (const auto &row : m_rows) {
        const QStringList lines = row.second.split(QLatin1Char('\n'));
        text += padded(row.first, width) + QStringLiteral("  ") + lines.first();
        for (qsizetype i = 1; i < lines.size(); ++i)
            text += QLatin1Char('\n') + indent + lines.at(i);
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        text += QLatin1Char('\n');
    }
    return text;
}

QString formatLocalTime(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("-");
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("-");
    if (ms < 1000)
        return QStringLiteral("%1ms").arg(ms);
    if (ms < 60000)
        return QStringLiteral("%1s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString oneLine(const QString &text, int limit)
{
    const QString simple = text.simplified();
    if (displayWidth(simple) <= limit)
        return simple;
    QString out;
    int width = 0;
    for (char32_t c : simple.toUcs4()) {
        const QString ch = QString::fromUcs4(&c, 1);
        const int w = displayWidth(ch);
        if (width + w > limit - 1)
            break;
        out += ch;
        width += w;
    }
    return out + QChar(0x2026);
}

} // namespace AodCli
