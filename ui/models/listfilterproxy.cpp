#include "listfilterproxy.h"

#include "roles.h"

#include <QDateTime>

namespace Aod::Ui {

ListFilterProxy::ListFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ListFilterProxy::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void ListFilterProxy::setStatuses(const QStringList &statuses)
{
    if (statuses == m_statuses)
        return;
    m_statuses = statuses;
    invalidateFilter();
}

void ListFilterProxy::setShowArchived(bool show)
{
    if (show == m_showArchived)
        return;
    m_showArchived = show;
    invalidateFilter();
}

bool ListFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    const QString status = first.data(StatusRole).toString();
    if (!m_showArchived && status == QLatin1String("archived"))
        return false;
    if (!m_statuses.isEmpty() && !m_statuses.contains(status))
        return false;
    if (m_text.isEmpty())
        return true;
    const int columns = m->columnCount(sourceParent);
    for (int c = 0; c < columns; ++c) {
        const QModelIndex idx = m->index(sourceRow, c, sourceParent);
        if (idx.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return first.data(IdRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool ListFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(SortRole), r = right.data(SortRole);
    if (l.metaType() == r.metaType()) {
        if (l.metaType().id() == QMetaType::QDateTime)
            return l.toDateTime() < r.toDateTime();
        if (l.metaType().id() == QMetaType::Int)
            return l.toInt() < r.toInt();
    }
    return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
}

} // namespace Aod::Ui
