#pragma once
//! \file outputlogfiltermodel.h  Filters console lines by kind (stderr, thinking, ...) and text.
#include "outputlogmodel.h"

#include <QSortFilterProxyModel>

namespace Aod::Ui {

class OutputLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OutputLogFilterModel(QObject *parent = nullptr);

    //! Bit i set: LogLine::Kind i is shown. All kinds by default.
    quint32 kindMask() const { return m_mask; }
    void setKindMask(quint32 mask);
    void setKindVisible(LogLine::Kind kind, bool visible);
    //! Case-insensitive substring; empty shows everything.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    //! True when some line would be hidden (the view can bypass the proxy otherwise).
    bool isFiltering() const;

    static constexpr quint32 AllKinds = (1u << LogLine::KindCount) - 1;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    quint32 m_mask = AllKinds;
    QString m_search;
};

} // namespace Aod::Ui
