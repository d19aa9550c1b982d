#pragma once
//! \file environmentlistmodel.h  Environments as a table.
#include "listtablemodel.h"

#include <aod/models/environment.h>

namespace Aod::Ui {

class EnvironmentListModel : public ListTableModel<Aod::Environment>
{
    Q_OBJECT
public:
    enum Column { Name, Networking, Packages, Version, Status, Created, Updated, ColumnCount };
    Q_ENUM(Column)

    explicit EnvironmentListModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEnvironments(const QList<Aod::Environment> &envs) { setItems(envs); }
    QHash<QString, QString> names() const;

protected:
    bool sameItem(const Aod::Environment &a, const Aod::Environment &b) const override;
};

} // namespace Aod::Ui
