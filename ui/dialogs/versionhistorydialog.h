#pragma once
//! \file versionhistorydialog.h  Every version of an agent or environment, with a field-by-field
//! diff between any two.
#include <QDateTime>
#include <QDialog>
#include <QList>
#include <QPair>

class QComboBox;
class QListWidget;
class QTextBrowser;

namespace Aod {
class Client;
}

namespace Aod::Ui {

class VersionHistoryDialog : public QDialog
{
    Q_OBJECT
public:
    struct Entry
    {
        int version = 0;
        QDateTime createdAt;
        QList<QPair<QString, QString>> fields;
    };

    explicit VersionHistoryDialog(const QString &title, QWidget *parent = nullptr);
    //! Fetches the versions of an agent (\a isAgent) or environment and shows them.
    static VersionHistoryDialog *showFor(Aod::Client *client, bool isAgent, const QString &id,
                                      const QString &name, QWidget *parent);

    void setEntries(const QList<Entry> &entries); //!< newest first
    void setLoadError(const QString &text);
    //! Shows the diff from version \a from to version \a to.
    void compare(int from, int to);
    QString diffHtml() const;
    int entryCount() const { return int(m_entries.size()); }

Q_SIGNALS:
    void loaded();

private:
    void updateDiff();

    QList<Entry> m_entries;
    QListWidget *m_list;
    QComboBox *m_from;
    QComboBox *m_to;
    QTextBrowser *m_diff;
};

} // namespace Aod::Ui
