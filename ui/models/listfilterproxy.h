#pragma once
//! \file listfilterproxy.h  Filter box + status filter + archived toggle + typed sorting for the
//! resource tables.
#include <QSortFilterProxyModel>
#include <QStringList>

namespace Aod::Ui {

class ListFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ListFilterProxy(QObject *parent = nullptr);

    //! Case-insensitive substring over every column's display text.
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    //! Statuses to show (StatusRole values); empty shows all.
    void setStatuses(const QStringList &statuses);
    QStringList statuses() const { return m_statuses; }
    //! Rows whose status is "archived" are hidden unless this is on.
    void setShowArchived(bool show);
    bool showArchived() const { return m_showArchived; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QStringList m_statuses;
    bool m_showArchived = false;
};

} // namespace Aod::Ui
