#include "stagetimelinemodel.h"

#include "core/stagelabels.h"
#include "core/theme.h"
#include "roles.h"

namespace Aod::Ui {

StageTimelineModel::StageTimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int StageTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int StageTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StageTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Stage: return stageLabel(e.stage);
        case State:
            if (e.state == QLatin1String("done"))
                return tr("✓ done");
            if (e.state == QLatin1String("failed"))
                return tr("✗ failed");
            return tr("… running");
        case Duration: return e.durationMs >= 0 ? formatDuration(e.durationMs) : QString();
        case Message: return e.message;
        }
        return {};
    case Qt::ToolTipRole:
        return e.stage;
    case Qt::ForegroundRole:
        if (index.column() == State) {
            if (e.state == QLatin1String("done"))
                return Theme::statusColors(QStringLiteral("completed")).foreground;
            if (e.state == QLatin1String("failed"))
                return Theme::statusColors(QStringLiteral("failed")).foreground;
            return Theme::statusColors(QStringLiteral("running")).foreground;
        }
        return {};
    case StatusRole: return e.state;
    case TurnRole: return e.turn;
    default: return {};
    }
}

QVariant StageTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Stage: return tr("Stage");
    case State: return tr("State");
    case Duration: return tr("Duration");
    case Message: return tr("Message");
    }
    return {};
}

void StageTimelineModel::applyStage(const QString &stage, const QString &state, qint64 durationMs,
                                    const QString &message, int turn)
{
    if (state != QLatin1String("started")) {
        for (int i = int(m_entries.size()) - 1; i >= 0; --i) {
            Entry &e = m_entries[i];
            if (e.stage == stage && e.state == QLatin1String("started")) {
                e.state = state;
                e.durationMs = durationMs >= 0 ? durationMs
                    : (e.startedAt.isValid() ? e.startedAt.msecsTo(QDateTime::currentDateTimeUtc()) : -1);
                e.message = message;
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
                return;
            }
        }
    }
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size()));
    m_entries.append(Entry{stage, state, durationMs, message, turn, QDateTime::currentDateTimeUtc()});
    endInsertRows();
}

void StageTimelineModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

} // namespace Aod::Ui
