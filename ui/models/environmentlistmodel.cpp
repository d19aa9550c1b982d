#include "environmentlistmodel.h"

#include "core/theme.h"

#include <QLocale>

namespace Aod::Ui {

EnvironmentListModel::EnvironmentListModel(QObject *parent)
    : ListTableModel<Aod::Environment>(parent)
{
}

int EnvironmentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString envTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QVariant EnvironmentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Aod::Environment &e = m_items.at(index.row());
    int packageCount = 0;
    for (auto it = e.packages.cbegin(); it != e.packages.cend(); ++it)
        packageCount += int(it.value().size());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return e.name;
        case Networking:
            return e.networking.isLimited()
                ? tr("limited (%n host(s))", nullptr, int(e.networking.allowedHosts.size()))
                : tr("unrestricted");
        case Packages: {
            QStringList parts;
            for (auto it = e.packages.cbegin(); it != e.packages.cend(); ++it)
                parts << QStringLiteral("%1: %2").arg(it.key()).arg(it.value().size());
            return parts.join(QStringLiteral(", "));
        }
        case Version: return QStringLiteral("v%1").arg(e.version);
        case Status: return e.isArchived() ? tr("archived") : tr("active");
        case Created: return envTime(e.createdAt);
        case Updated: return envTime(e.updatedAt);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Packages: return packageCount;
        case Version: return e.version;
        case Created: return e.createdAt;
        case Updated: return e.updatedAt;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == Networking && e.networking.isLimited())
            return e.networking.allowedHosts.join(QLatin1Char('\n'));
        if (index.column() == Name)
            return e.id;
        return {};
    case Qt::ForegroundRole:
        if (e.isArchived())
            return Theme::statusColors(QStringLiteral("archived")).foreground;
        return {};
    case IdRole: return e.id;
    case StatusRole: return e.isArchived() ? QStringLiteral("archived") : QStringLiteral("active");
    case ObjectRole: return QVariant::fromValue(e);
    default: return {};
    }
}

QVariant EnvironmentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Networking: return tr("Networking");
    case Packages: return tr("Packages");
    case Version: return tr("Version");
    case Status: return tr("Status");
    case Created: return tr("Created");
    case Updated: return tr("Updated");
    }
    return {};
}

QHash<QString, QString> EnvironmentListModel::names() const
{
    QHash<QString, QString> out;
    for (const auto &e : m_items)
        out.insert(e.id, e.name);
    return out;
}

bool EnvironmentListModel::sameItem(const Aod::Environment &a, const Aod::Environment &b) const
{
    return a.version == b.version && a.updatedAt == b.updatedAt && a.archivedAt == b.archivedAt
        && a.raw == b.raw;
}

} // namespace Aod::Ui
