#pragma once
//! \file listpage.h  One resource table with its filter box, status filter, archived toggle,
//! refresh button, and loading / empty states.
#include <QWidget>

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace Aod::Ui {

class ListFilterProxy;

class ListPage : public QWidget
{
    Q_OBJECT
public:
    struct StatusChoice
    {
        QString label;
        QStringList statuses; //!< empty: all
    };

    //! \a source is a ListTableModel (isLoaded() is read through the "loaded" property path:
    //! the page calls setLoading(false) itself when the owner says so).
    ListPage(const QString &name, QAbstractItemModel *source, QWidget *parent = nullptr);

    void setStatusChoices(const QList<StatusChoice> &choices);
    void setArchivedToggleVisible(bool visible);
    void setEmptyText(const QString &text);
    //! Loading shows a placeholder until the first list arrives; later refreshes keep the table.
    void setLoading(bool loading);
    bool isLoading() const { return m_loading; }
    //! The list was loaded at least once (empty or not).
    void setLoaded(bool loaded);
    //! Adds a widget (a button) to the toolbar row, before the refresh button.
    void addToolWidget(QWidget *widget);

    QTableView *view() const { return m_view; }
    ListFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *statusCombo() const { return m_status; }
    QCheckBox *archivedToggle() const { return m_archived; }
    QToolButton *refreshButton() const { return m_refresh; }
    //! "loading", "empty", "nomatch" or "table": what the page shows now.
    QString stateName() const;

    QString currentId() const;
    QStringList selectedIds() const;
    bool selectId(const QString &id);

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

Q_SIGNALS:
    void refreshRequested();
    void activated(const QString &id);
    void currentChanged(const QString &id);
    void showArchivedChanged(bool show);

private:
    void updatePlaceholder();

    QAbstractItemModel *m_source;
    ListFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_status;
    QCheckBox *m_archived;
    QToolButton *m_refresh;
    QHBoxLayout *m_tools;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QTableView *m_view;
    QList<StatusChoice> m_choices;
    QString m_emptyText;
    bool m_loading = false;
    bool m_loaded = false;
};

} // namespace Aod::Ui
