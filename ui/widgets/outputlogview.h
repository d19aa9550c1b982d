#pragma once
//! \file outputlogview.h  The console view: uniform rows, follow-tail that stops when the user
//! scrolls up and resumes at the bottom, copy of the selection.
#include <QListView>

namespace Aod::Ui {

class OutputLogView : public QListView
{
    Q_OBJECT
public:
    explicit OutputLogView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    bool followTail() const { return m_follow; }
    //! Selected lines, or every line when nothing is selected, joined with newlines.
    QString selectedText() const;

public Q_SLOTS:
    void setFollowTail(bool follow);
    void copySelection();

Q_SIGNALS:
    void followTailChanged(bool follow);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void onRangeChanged(int min, int max);
    void onValueChanged(int value);

    bool m_follow = true;
    bool m_programmatic = false;
};

} // namespace Aod::Ui
