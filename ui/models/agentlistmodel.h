#pragma once
//! \file agentlistmodel.h  Agents as a table (the web UI's columns and more).
#include "listtablemodel.h"

#include <aod/models/agent.h>

namespace Aod::Ui {

class AgentListModel : public ListTableModel<Aod::Agent>
{
    Q_OBJECT
public:
    enum Column { Name, Provider, Model, Version, Environment, Status, Created, Updated, ColumnCount };
    Q_ENUM(Column)

    explicit AgentListModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setAgents(const QList<Aod::Agent> &agents) { setItems(agents); }
    //! Environment id -> name, for the Environment column.
    void setEnvironmentNames(const QHash<QString, QString> &names);
    //! Agent id -> name of every agent known.
    QHash<QString, QString> names() const;

protected:
    bool sameItem(const Aod::Agent &a, const Aod::Agent &b) const override;

private:
    QHash<QString, QString> m_envNames;
};

} // namespace Aod::Ui
