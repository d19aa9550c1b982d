#include "listpage.h"

#include "models/listfilterproxy.h"
#include "models/roles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Aod::Ui {

ListPage::ListPage(const QString &name, QAbstractItemModel *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_proxy(new ListFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_archived(new QCheckBox(tr("Show archived"), this))
    , m_refresh(new QToolButton(this))
    , m_tools(new QHBoxLayout)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_view(new QTableView(this))
{
    setObjectName(name);
    m_proxy->setSourceModel(source);
    m_filter->setObjectName(name + QStringLiteral("Filter"));
    m_filter->setPlaceholderText(tr("Filter…"));
    m_filter->setClearButtonEnabled(true);
    m_status->setObjectName(name + QStringLiteral("Status"));
    m_status->hide();
    m_archived->hide();
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refresh->setToolTip(tr("Reload the list (F5)"));

    m_view->setObjectName(name + QStringLiteral("View"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setDefaultSectionSize(130);
    m_view->sortByColumn(-1, Qt::AscendingOrder);

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setObjectName(name + QStringLiteral("Placeholder"));
    QFont f = m_placeholder->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_placeholder->setFont(f);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_view);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_status);
    top->addWidget(m_archived);
    top->addLayout(m_tools);
    top->addWidget(m_refresh);
    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(6, 6, 6, 6);
    box->addLayout(top);
    box->addWidget(m_stack, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ListFilterProxy::setFilterText);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i < m_choices.size())
            m_proxy->setStatuses(m_choices[i].statuses);
    });
    connect(m_archived, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setShowArchived(on);
        Q_EMIT showArchivedChanged(on);
    });
    connect(m_refresh, &QToolButton::clicked, this, &ListPage::refreshRequested);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &idx) {
        Q_EMIT activated(idx.siblingAtColumn(0).data(IdRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &cur) { Q_EMIT currentChanged(cur.siblingAtColumn(0).data(IdRole).toString()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &ListPage::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ListPage::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ListPage::updatePlaceholder);
    updatePlaceholder();
}

void ListPage::setStatusChoices(const QList<StatusChoice> &choices)
{
    m_choices = choices;
    m_status->clear();
    for (const auto &c : choices)
        m_status->addItem(c.label);
    m_status->setVisible(!choices.isEmpty());
}

void ListPage::setArchivedToggleVisible(bool visible)
{
    m_archived->setVisible(visible);
}

void ListPage::setEmptyText(const QString &text)
{
    m_emptyText = text;
    updatePlaceholder();
}

void ListPage::setLoading(bool loading)
{
    m_loading = loading;
    m_refresh->setEnabled(!loading);
    updatePlaceholder();
}

void ListPage::setLoaded(bool loaded)
{
    m_loaded = loaded;
    updatePlaceholder();
}

void ListPage::addToolWidget(QWidget *widget)
{
    m_tools->addWidget(widget);
}

QString ListPage::stateName() const
{
    if (m_stack->currentWidget() == m_view)
        return QStringLiteral("table");
    if (!m_loaded)
        return QStringLiteral("loading");
    return m_source->rowCount() == 0 ? QStringLiteral("empty") : QStringLiteral("nomatch");
}

void ListPage::updatePlaceholder()
{
    if (m_proxy->rowCount() > 0) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    if (!m_loaded)
        m_placeholder->setText(m_loading ? tr("Loading…") : tr("Not loaded yet."));
    else if (m_source->rowCount() == 0)
        m_placeholder->setText(m_emptyText);
    else
        m_placeholder->setText(tr("Nothing matches the filter."));
    m_stack->setCurrentWidget(m_placeholder);
}

QString ListPage::currentId() const
{
    const QModelIndex cur = m_view->currentIndex();
    return cur.isValid() ? cur.siblingAtColumn(0).data(IdRole).toString() : QString();
}

QStringList ListPage::selectedIds() const
{
    QStringList ids;
    const auto rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &idx : rows)
        ids << idx.data(IdRole).toString();
    return ids;
}

bool ListPage::selectId(const QString &id)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex idx = m_proxy->index(r, 0);
        if (idx.data(IdRole).toString() == id) {
            m_view->setCurrentIndex(idx);
            m_view->selectRow(r);
            m_view->scrollTo(idx);
            return true;
        }
    }
    return false;
}

QByteArray ListPage::saveState() const
{
    return m_view->horizontalHeader()->saveState();
}

void ListPage::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
}

} // namespace Aod::Ui
