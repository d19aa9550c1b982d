#include "outputlogview.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>

#include <algorithm>

namespace Aod::Ui {

OutputLogView::OutputLogView(QWidget *parent)
    : QListView(parent)
{
    setObjectName(QStringLiteral("console"));
    // One line per row and the same height for all: the view lays out in O(1) per row.
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setWordWrap(false);
    setTextElideMode(Qt::ElideNone);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &OutputLogView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &OutputLogView::onValueChanged);
}

void OutputLogView::setModel(QAbstractItemModel *m)
{
    QListView::setModel(m);
    if (m_follow)
        scrollToBottom();
}

void OutputLogView::setFollowTail(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (follow) {
        m_programmatic = true;
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        m_programmatic = false;
    }
    Q_EMIT followTailChanged(follow);
}

void OutputLogView::onRangeChanged(int, int max)
{
    if (!m_follow)
        return;
    m_programmatic = true;
    verticalScrollBar()->setValue(max);
    m_programmatic = false;
}

void OutputLogView::onValueChanged(int value)
{
    if (m_programmatic)
        return;
    const bool atBottom = value >= verticalScrollBar()->maximum();
    if (atBottom != m_follow)
        setFollowTail(atBottom);
}

QString OutputLogView::selectedText() const
{
    QAbstractItemModel *m = model();
    if (!m)
        return {};
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList{};
    QStringList lines;
    if (rows.isEmpty()) {
        const int n = m->rowCount();
        lines.reserve(n);
        for (int i = 0; i < n; ++i)
            lines << m->index(i, 0).data().toString();
    } else {
        std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
        for (const QModelIndex &idx : std::as_const(rows))
            lines << idx.data().toString();
    }
    return lines.join(QLatin1Char('\n'));
}

void OutputLogView::copySelection()
{
    QApplication::clipboard()->setText(selectedText());
}

void OutputLogView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_End) {
        setFollowTail(true);
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void OutputLogView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(tr("Copy"), this, &OutputLogView::copySelection);
    menu.addAction(tr("Select all"), this, &QAbstractItemView::selectAll);
    QAction *follow = menu.addAction(tr("Follow output"));
    follow->setCheckable(true);
    follow->setChecked(m_follow);
    connect(follow, &QAction::toggled, this, &OutputLogView::setFollowTail);
    menu.exec(event->globalPos());
}

} // namespace Aod::Ui
