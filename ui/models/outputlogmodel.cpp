#include "outputlogmodel.h"

#include "roles.h"

#include <QFont>
#include <QFontDatabase>

#include <algorithm>

namespace Aod::Ui {

OutputLogModel::OutputLogModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OutputLogModel::flush);
    m_sinceFlush.start();
}

OutputLogModel::~OutputLogModel() = default;

int OutputLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

LogLine &OutputLogModel::slot(int row)
{
    return m_ring[size_t((m_start + row) % m_cap)];
}

const LogLine &OutputLogModel::slot(int row) const
{
    return m_ring[size_t((m_start + row) % m_cap)];
}

const LogLine &OutputLogModel::lineAt(int row) const
{
    Q_ASSERT(row >= 0 && row < m_count);
    return slot(row);
}

QColor OutputLogModel::colorFor(LogLine::Kind kind) const
{
    // Two palettes chosen for contrast on a white and on a near-black console background.
    switch (kind) {
    case LogLine::Text: return m_dark ? QColor(0xd9, 0xde, 0xf0) : QColor(0x1f, 0x23, 0x30);
    case LogLine::Thinking: return m_dark ? QColor(0x9a, 0xa3, 0xb8) : QColor(0x6b, 0x72, 0x80);
    case LogLine::ToolUse: return m_dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x1d, 0x5f, 0xbf);
    case LogLine::ToolResult: return m_dark ? QColor(0x8f, 0xbc, 0xbb) : QColor(0x2f, 0x6f, 0x6e);
    case LogLine::Init: return m_dark ? QColor(0xc3, 0x9b, 0xf2) : QColor(0x6e, 0x3f, 0xb5);
    case LogLine::Task: return m_dark ? QColor(0xe0, 0xa8, 0x5b) : QColor(0x9a, 0x5b, 0x08);
    case LogLine::ResultOk: return m_dark ? QColor(0x4c, 0xd1, 0x9b) : QColor(0x16, 0x86, 0x5f);
    case LogLine::ResultError: return m_dark ? QColor(0xff, 0x7b, 0x86) : QColor(0xc2, 0x41, 0x4b);
    case LogLine::Passthrough: return m_dark ? QColor(0xc8, 0xcc, 0xd8) : QColor(0x33, 0x38, 0x44);
    case LogLine::Stderr: return m_dark ? QColor(0xff, 0x9e, 0x64) : QColor(0xb4, 0x3c, 0x00);
    case LogLine::Stage: return m_dark ? QColor(0x7d, 0xcf, 0xff) : QColor(0x0b, 0x6e, 0x99);
    case LogLine::TurnSeparator: return m_dark ? QColor(0xf0, 0xc6, 0x74) : QColor(0x8a, 0x5a, 0x00);
    case LogLine::Notice: return m_dark ? QColor(0xe6, 0xe6, 0xe6) : QColor(0x40, 0x40, 0x40);
    case LogLine::KindCount: break;
    }
    return {};
}

QVariant OutputLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogLine &line = slot(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return line.text;
    case Qt::ForegroundRole:
        return colorFor(line.kind);
    case Qt::FontRole:
        if (line.kind == LogLine::TurnSeparator || line.kind == LogLine::ResultOk
            || line.kind == LogLine::ResultError) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case KindRole:
        return int(line.kind);
    case TurnRole:
        return line.turn;
    default:
        return {};
    }
}

void OutputLogModel::setLineCap(int cap)
{
    cap = std::max(cap, 100);
    if (cap == m_cap)
        return;
    flush();
    beginResetModel();
    std::vector<LogLine> ring;
    ring.resize(size_t(cap));
    const int keep = std::min(m_count, cap);
    for (int i = 0; i < keep; ++i)
        ring[size_t(i)] = std::move(slot(m_count - keep + i));
    m_dropped += m_count - keep;
    m_ring = std::move(ring);
    m_start = 0;
    m_count = keep;
    m_cap = cap;
    endResetModel();
}

void OutputLogModel::setDarkPalette(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (m_count > 0)
        Q_EMIT dataChanged(index(0), index(m_count - 1), {Qt::ForegroundRole});
}

void OutputLogModel::append(const LogLine &line)
{
    if (line.text.contains(QLatin1Char('\n'))) {
        const auto parts = line.text.split(QLatin1Char('\n'));
        for (const QString &part : parts) {
            LogLine l = line;
            l.text = part;
            m_pending.append(std::move(l));
        }
    } else {
        m_pending.append(line);
    }
    scheduleFlush();
}

void OutputLogModel::append(const QList<LogLine> &lines)
{
    for (const LogLine &l : lines)
        append(l);
}

void OutputLogModel::appendText(const QString &text, LogLine::Kind kind, int turn, int indent)
{
    append(LogLine{text, kind, quint8(std::clamp(indent, 0, 255)), turn});
}

void OutputLogModel::scheduleFlush()
{
    if (m_batchMs <= 0) {
        flush();
        return;
    }
    if (m_timer.isActive())
        return;
    // An idle console shows a line at once; a busy one gets one insert per interval.
    const qint64 since = m_sinceFlush.elapsed();
    m_timer.start(since >= m_batchMs ? 0 : int(m_batchMs - since));
}

void OutputLogModel::flush()
{
    m_timer.stop();
    m_sinceFlush.restart();
    if (m_pending.isEmpty())
        return;
    if (m_ring.empty())
        m_ring.resize(size_t(m_cap));
    QList<LogLine> batch;
    batch.swap(m_pending);
    m_total += batch.size();
    qsizetype first = 0;
    if (batch.size() > m_cap) {
        first = batch.size() - m_cap;
        m_dropped += first;
    }
    const int n = int(batch.size() - first);
    const int overflow = m_count + n - m_cap;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        for (int i = 0; i < overflow; ++i)
            slot(i) = LogLine{};
        m_start = (m_start + overflow) % m_cap;
        m_count -= overflow;
        m_dropped += overflow;
        endRemoveRows();
    }
    beginInsertRows({}, m_count, m_count + n - 1);
    for (int i = 0; i < n; ++i)
        m_ring[size_t((m_start + m_count + i) % m_cap)] = std::move(batch[first + i]);
    m_count += n;
    endInsertRows();
    Q_EMIT batchInserted(n);
}

void OutputLogModel::clear()
{
    m_timer.stop();
    m_pending.clear();
    beginResetModel();
    m_ring.clear();
    m_ring.shrink_to_fit();
    m_start = 0;
    m_count = 0;
    endResetModel();
}

QString OutputLogModel::toPlainText(quint32 kindMask) const
{
    QString out;
    for (int i = 0; i < m_count; ++i) {
        const LogLine &l = slot(i);
        if (kindMask != 0 && !(kindMask & (1u << l.kind)))
            continue;
        out += l.text;
        out += QLatin1Char('\n');
    }
    return out;
}

qint64 OutputLogModel::approximateBytes() const
{
    qint64 bytes = qint64(m_ring.capacity()) * qint64(sizeof(LogLine));
    for (int i = 0; i < m_count; ++i)
        bytes += slot(i).text.capacity() * qint64(sizeof(QChar)) + 24; // QArrayData header
    return bytes;
}

} // namespace Aod::Ui
