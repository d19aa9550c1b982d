#pragma once
//! \file keyvalueeditor.h  An editable two-column table (env vars, secrets, metadata, headers).
#include <QMap>
#include <QWidget>

class QTableWidget;

namespace Aod::Ui {

class KeyValueEditor : public QWidget
{
    Q_OBJECT
public:
    //! \a secretValues masks the values (shown as dots, typed in a password field).
    explicit KeyValueEditor(const QString &keyHeader, const QString &valueHeader,
                            bool secretValues = false, QWidget *parent = nullptr);

    QList<QPair<QString, QString>> pairs() const;
    QMap<QString, QString> toMap() const;
    void setPairs(const QList<QPair<QString, QString>> &pairs);
    void setMap(const QMap<QString, QString> &map);
    void addRow(const QString &key = {}, const QString &value = {});
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    QTableWidget *m_table;
};

} // namespace Aod::Ui
