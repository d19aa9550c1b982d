#include "sessionlistmodel.h"

#include "core/theme.h"

#include <QLocale>

namespace Aod::Ui {

SessionListModel::SessionListModel(QObject *parent)
    : ListTableModel<Aod::Session>(parent)
{
}

int SessionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Aod::Session &s = m_items.at(index.row());
    const QString status = s.statusString.isEmpty() ? Aod::sessionStatusToString(s.status) : s.statusString;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id: return QString(s.id.left(8) + QStringLiteral("…"));
        case Agent:
            if (s.agentId.isEmpty())
                return tr("(agent removed)");
            return m_agentNames.value(s.agentId, QString(s.agentId.left(8) + QStringLiteral("…")));
        case Provider: return s.provider;
        case Status: return status;
        case ExitCode: return s.exitCode ? QVariant(*s.exitCode) : QVariant(QString());
        case Turns: return s.turnCount;
        case Created:
            return s.createdAt.isValid()
                ? QLocale().toString(s.createdAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
        case Updated:
            return s.updatedAt.isValid()
                ? QLocale().toString(s.updatedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Id: return s.id;
        case ExitCode: return s.exitCode ? *s.exitCode : -1;
        case Turns: return s.turnCount;
        case Created: return s.createdAt;
        case Updated: return s.updatedAt;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == Id)
            return s.id;
        if (index.column() == Agent)
            return s.agentId;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status)
            return Theme::statusColors(status).foreground;
        if (index.column() == ExitCode && s.exitCode && *s.exitCode != 0)
            return Theme::statusColors(QStringLiteral("failed")).foreground;
        return {};
    case Qt::BackgroundRole:
        if (index.column() == Status) {
            const QColor bg = Theme::statusColors(status).background;
            return bg.isValid() ? QVariant(bg) : QVariant();
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ExitCode || index.column() == Turns)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == Status)
            return int(Qt::AlignCenter);
        return {};
    case IdRole: return s.id;
    case StatusRole: return status;
    case ActiveRole: return s.isActive();
    case ObjectRole: return QVariant::fromValue(s);
    default: return {};
    }
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("ID");
    case Agent: return tr("Agent");
    case Provider: return tr("Provider");
    case Status: return tr("Status");
    case ExitCode: return tr("Exit");
    case Turns: return tr("Turns");
    case Created: return tr("Created");
    case Updated: return tr("Updated");
    }
    return {};
}

void SessionListModel::addAgentNames(const QHash<QString, QString> &names)
{
    bool changed = false;
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        if (m_agentNames.value(it.key()) != it.value()) {
            m_agentNames.insert(it.key(), it.value());
            changed = true;
        }
    }
    if (changed && !m_items.isEmpty())
        Q_EMIT dataChanged(index(0, Agent), index(int(m_items.size()) - 1, Agent));
}

QStringList SessionListModel::unknownAgentIds() const
{
    QStringList out;
    for (const auto &s : m_items) {
        if (!s.agentId.isEmpty() && !m_agentNames.contains(s.agentId) && !out.contains(s.agentId))
            out.append(s.agentId);
    }
    return out;
}

bool SessionListModel::hasActive() const
{
    return activeCount() > 0;
}

int SessionListModel::activeCount() const
{
    int n = 0;
    for (const auto &s : m_items)
        n += s.isActive() ? 1 : 0;
    return n;
}

bool SessionListModel::sameItem(const Aod::Session &a, const Aod::Session &b) const
{
    return a.status == b.status && a.statusString == b.statusString && a.exitCode == b.exitCode
        && a.turnCount == b.turnCount && a.updatedAt == b.updatedAt && a.agentId == b.agentId
        && a.raw == b.raw;
}

} // namespace Aod::Ui
