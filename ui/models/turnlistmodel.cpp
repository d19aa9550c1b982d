#include "turnlistmodel.h"

#include "core/stagelabels.h"
#include "core/theme.h"
#include "roles.h"

#include <QLocale>

namespace Aod::Ui {

TurnListModel::TurnListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int TurnListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_turns.size());
}

int TurnListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString turnTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("HH:mm:ss")) : QString();
}

QVariant TurnListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Aod::SessionTurn &t = m_turns.at(index.row());
    const QString status = t.statusString.isEmpty() ? Aod::turnStatusToString(t.status) : t.statusString;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Turn: return t.turnNumber;
        case Status: return status;
        case ExitCode: return t.exitCode ? QVariant(*t.exitCode) : QVariant(QString());
        case Prompt: return t.prompt.simplified();
        case Started: return turnTime(t.startedAt);
        case Ended: return turnTime(t.endedAt);
        case Duration:
            if (t.startedAt.isValid() && t.endedAt.isValid())
                return formatDuration(t.startedAt.msecsTo(t.endedAt));
            return {};
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Prompt)
            return t.prompt;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status) {
            const QString key = status == QLatin1String("interrupted") ? QStringLiteral("terminated") : status;
            return Theme::statusColors(key).foreground;
        }
        return {};
    case StatusRole: return status;
    default: return {};
    }
}

QVariant TurnListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Turn: return tr("Turn");
    case Status: return tr("Status");
    case ExitCode: return tr("Exit");
    case Prompt: return tr("Prompt");
    case Started: return tr("Started");
    case Ended: return tr("Ended");
    case Duration: return tr("Duration");
    }
    return {};
}

void TurnListModel::setTurns(const QList<Aod::SessionTurn> &turns)
{
    beginResetModel();
    m_turns = turns;
    endResetModel();
}

} // namespace Aod::Ui
