#include "agentlistmodel.h"

#include "core/theme.h"

#include <QLocale>

namespace Aod::Ui {

AgentListModel::AgentListModel(QObject *parent)
    : ListTableModel<Aod::Agent>(parent)
{
}

int AgentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString shortTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QVariant AgentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Aod::Agent &a = m_items.at(index.row());
    const QString status = a.isArchived() ? QStringLiteral("archived") : QStringLiteral("active");
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return a.name;
        case Provider: return a.provider;
        case Model: return a.model;
        case Version: return QStringLiteral("v%1").arg(a.version);
        case Environment:
            return a.environmentId.isEmpty() ? QString() : m_envNames.value(a.environmentId, a.environmentId.left(8));
        case Status: return a.isArchived() ? tr("archived") : tr("active");
        case Created: return shortTime(a.createdAt);
        case Updated: return shortTime(a.updatedAt);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Version: return a.version;
        case Created: return a.createdAt;
        case Updated: return a.updatedAt;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == Name)
            return a.description.isEmpty() ? a.id : a.description;
        if (index.column() == Status && a.isArchived())
            return tr("Archived %1").arg(shortTime(a.archivedAt));
        return {};
    case Qt::ForegroundRole:
        if (a.isArchived())
            return Theme::statusColors(QStringLiteral("archived")).foreground;
        return {};
    case IdRole: return a.id;
    case StatusRole: return status;
    case ObjectRole: return QVariant::fromValue(a);
    default: return {};
    }
}

QVariant AgentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Provider: return tr("Provider");
    case Model: return tr("Model");
    case Version: return tr("Version");
    case Environment: return tr("Environment");
    case Status: return tr("Status");
    case Created: return tr("Created");
    case Updated: return tr("Updated");
    }
    return {};
}

void AgentListModel::setEnvironmentNames(const QHash<QString, QString> &names)
{
    m_envNames = names;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, Environment), index(int(m_items.size()) - 1, Environment));
}

QHash<QString, QString> AgentListModel::names() const
{
    QHash<QString, QString> out;
    for (const auto &a : m_items)
        out.insert(a.id, a.name);
    return out;
}

bool AgentListModel::sameItem(const Aod::Agent &a, const Aod::Agent &b) const
{
    return a.version == b.version && a.updatedAt == b.updatedAt && a.archivedAt == b.archivedAt
        && a.raw == b.raw;
}

} // namespace Aod::Ui
