#include "outputlogfiltermodel.h"

#include "roles.h"

namespace Aod::Ui {

OutputLogFilterModel::OutputLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Appends only: keep the source order, never sort (sorting would cost O(n log n) per batch).
    setDynamicSortFilter(true);
}

void OutputLogFilterModel::setKindMask(quint32 mask)
{
    if (mask == m_mask)
        return;
    m_mask = mask;
    invalidateFilter();
}

void OutputLogFilterModel::setKindVisible(LogLine::Kind kind, bool visible)
{
    quint32 mask = m_mask;
    if (visible)
        mask |= 1u << kind;
    else
        mask &= ~(1u << kind);
    setKindMask(mask);
}

void OutputLogFilterModel::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    invalidateFilter();
}

bool OutputLogFilterModel::isFiltering() const
{
    return m_mask != AllKinds || !m_search.isEmpty();
}

bool OutputLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *log = qobject_cast<const OutputLogModel *>(sourceModel());
    if (!log || sourceParent.isValid())
        return true;
    const LogLine &line = log->lineAt(sourceRow);
    if (!(m_mask & (1u << line.kind)))
        return false;
    return m_search.isEmpty() || line.text.contains(m_search, Qt::CaseInsensitive);
}

} // namespace Aod::Ui
