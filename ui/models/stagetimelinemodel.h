#pragma once
//! \file stagetimelinemodel.h  A session's provisioning stages from `stage` events:
//! started, done with duration, failed with message.
#include <QAbstractTableModel>
#include <QDateTime>

namespace Aod::Ui {

class StageTimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Stage, State, Duration, Message, ColumnCount };
    Q_ENUM(Column)

    struct Entry
    {
        QString stage;     //!< raw name (create_sprite)
        QString state;     //!< started | done | failed
        qint64 durationMs = -1;
        QString message;
        int turn = 0;
        QDateTime startedAt; //!< local clock when the started event arrived
    };

    explicit StageTimelineModel(QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! A stage event: a `started` adds a row; `done`/`failed` complete the open row of that stage
    //! (or add one when the start was not seen).
    void applyStage(const QString &stage, const QString &state, qint64 durationMs,
                    const QString &message, int turn);
    void clear();
    const QList<Entry> &entries() const { return m_entries; }

private:
    QList<Entry> m_entries;
};

} // namespace Aod::Ui
