#pragma once
//! \file turnlistmodel.h  A session's turns: prompt, status, exit code and timings.
#include <aod/models/session.h>

#include <QAbstractTableModel>

namespace Aod::Ui {

class TurnListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Turn, Status, ExitCode, Prompt, Started, Ended, Duration, ColumnCount };
    Q_ENUM(Column)

    explicit TurnListModel(QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTurns(const QList<Aod::SessionTurn> &turns);
    const QList<Aod::SessionTurn> &turns() const { return m_turns; }

private:
    QList<Aod::SessionTurn> m_turns;
};

} // namespace Aod::Ui
