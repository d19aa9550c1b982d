#pragma once
//! \file conflictdialog.h  A 409 version conflict: what changed on the server since the edit
//! began, what the user changed, and the choice to reload or re-apply. Never overwrites silently.
#include "core/textdiff.h"

#include <QDialog>

class QTextBrowser;

namespace Aod::Ui {

class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { Cancel = 0, Reload = 1, Reapply = 2 };
    Q_ENUM(Choice)

    //! \a base: the content the edit started from (version \a baseVersion); \a server: the
    //! current content (version \a serverVersion); \a mine: the form's content.
    ConflictDialog(const QList<QPair<QString, QString>> &base, int baseVersion,
                   const QList<QPair<QString, QString>> &server, int serverVersion,
                   const QList<QPair<QString, QString>> &mine, QWidget *parent = nullptr);

    QList<Diff::FieldChange> serverChanges() const { return m_server; }
    QList<Diff::FieldChange> myChanges() const { return m_mine; }
    //! Fields both sides changed.
    QStringList overlapping() const;
    //! Closes with \a choice (the buttons call this).
    void choose(Choice choice);

private:
    QList<Diff::FieldChange> m_server;
    QList<Diff::FieldChange> m_mine;
};

} // namespace Aod::Ui
