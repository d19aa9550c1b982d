#pragma once
//! \file listtablemodel.h  A table model over a QList<T> of SDK values, keyed by id.
//!
//! setItems() merges instead of resetting: rows that stay keep their selection and scroll
//! position (the sessions list is polled every few seconds), rows that went are removed, new
//! ones inserted and moved ones moved, each with the proper begin/end calls.
#include "roles.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Aod::Ui {

template <typename T>
class ListTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_items.size());
    }

    const QList<T> &items() const { return m_items; }
    const T &itemAt(int row) const { return m_items.at(row); }
    int rowOf(const QString &id) const
    {
        for (int i = 0; i < m_items.size(); ++i) {
            if (m_items[i].id == id)
                return i;
        }
        return -1;
    }
    //! Whether setItems() has been called at least once (an empty list vs "not loaded yet").
    bool isLoaded() const { return m_loaded; }

    void setItems(const QList<T> &incoming)
    {
        m_loaded = true;
        QHash<QString, int> wanted;
        for (int i = 0; i < incoming.size(); ++i)
            wanted.insert(incoming[i].id, i);
        // 1. remove rows that are gone (bottom up, contiguous runs at once)
        for (int row = int(m_items.size()) - 1; row >= 0;) {
            if (wanted.contains(m_items[row].id)) {
                --row;
                continue;
            }
            int first = row;
            while (first > 0 && !wanted.contains(m_items[first - 1].id))
                --first;
            beginRemoveRows({}, first, row);
            m_items.remove(first, row - first + 1);
            endRemoveRows();
            row = first - 1;
        }
        // 2. walk the new order: move or insert, then update in place
        for (int i = 0; i < incoming.size(); ++i) {
            const QString &id = incoming[i].id;
            int at = -1;
            for (int j = i; j < m_items.size(); ++j) {
                if (m_items[j].id == id) {
                    at = j;
                    break;
                }
            }
            if (at < 0) {
                beginInsertRows({}, i, i);
                m_items.insert(i, incoming[i]);
                endInsertRows();
                continue;
            }
            if (at != i) {
                beginMoveRows({}, at, at, {}, i);
                m_items.move(at, i);
                endMoveRows();
            }
            if (!sameItem(m_items[i], incoming[i])) {
                m_items[i] = incoming[i];
                Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
            }
        }
    }

    //! Adds or replaces one item (after create, edit, archive, a fetch by id).
    void upsert(const T &item)
    {
        const int row = rowOf(item.id);
        if (row < 0) {
            beginInsertRows({}, 0, 0);
            m_items.prepend(item);
            endInsertRows();
        } else {
            m_items[row] = item;
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        }
    }

    void removeId(const QString &id)
    {
        const int row = rowOf(id);
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        m_items.removeAt(row);
        endRemoveRows();
    }

protected:
    virtual bool sameItem(const T &a, const T &b) const = 0;
    void refreshAll()
    {
        if (!m_items.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_items.size()) - 1, columnCount() - 1));
    }

    QList<T> m_items;
    bool m_loaded = false;
};

} // namespace Aod::Ui
