#pragma once
//! \file sessionlistmodel.h  Sessions as a table, with agent names joined in.
#include "listtablemodel.h"

#include <aod/models/session.h>

#include <QSet>

namespace Aod::Ui {

class SessionListModel : public ListTableModel<Aod::Session>
{
    Q_OBJECT
public:
    enum Column { Id, Agent, Provider, Status, ExitCode, Turns, Created, Updated, ColumnCount };
    Q_ENUM(Column)

    explicit SessionListModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSessions(const QList<Aod::Session> &sessions) { setItems(sessions); }
    //! Agent id -> name (active agents from the list, archived ones fetched by id). Merged.
    void addAgentNames(const QHash<QString, QString> &names);
    QString agentName(const QString &agentId) const { return m_agentNames.value(agentId); }
    //! Agent ids that sessions reference and no name is known for (fetch those by id).
    QStringList unknownAgentIds() const;
    //! Any session pending or running (the list is polled while true).
    bool hasActive() const;
    int activeCount() const;

protected:
    bool sameItem(const Aod::Session &a, const Aod::Session &b) const override;

private:
    QHash<QString, QString> m_agentNames;
};

} // namespace Aod::Ui
