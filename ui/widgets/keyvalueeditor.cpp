#include "keyvalueeditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Aod::Ui {

namespace {
class SecretDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant &value, const QLocale &) const override
    {
        return value.toString().isEmpty() ? QString() : QString(8, QChar(0x2022));
    }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *edit = new QLineEdit(parent);
        edit->setEchoMode(QLineEdit::Password);
        return edit;
    }
};
} // namespace

KeyValueEditor::KeyValueEditor(const QString &keyHeader, const QString &valueHeader, bool secretValues,
                               QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, 2, this))
{
    m_table->setHorizontalHeaderLabels({keyHeader, valueHeader});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    if (secretValues)
        m_table->setItemDelegateForColumn(1, new SecretDelegate(m_table));
    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(m_table);
    box->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0) {
            m_table->removeRow(row);
            Q_EMIT changed();
        }
    });
    connect(m_table, &QTableWidget::itemChanged, this, &KeyValueEditor::changed);
}

QList<QPair<QString, QString>> KeyValueEditor::pairs() const
{
    QList<QPair<QString, QString>> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const auto *k = m_table->item(r, 0);
        const auto *v = m_table->item(r, 1);
        const QString key = k ? k->text().trimmed() : QString();
        if (!key.isEmpty())
            out.append({key, v ? v->text() : QString()});
    }
    return out;
}

QMap<QString, QString> KeyValueEditor::toMap() const
{
    QMap<QString, QString> map;
    const auto list = pairs();
    for (const auto &p : list)
        map.insert(p.first, p.second);
    return map;
}

void KeyValueEditor::setPairs(const QList<QPair<QString, QString>> &pairs)
{
    m_table->setRowCount(0);
    for (const auto &p : pairs)
        addRow(p.first, p.second);
}

void KeyValueEditor::setMap(const QMap<QString, QString> &map)
{
    QList<QPair<QString, QString>> list;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        list.append({it.key(), it.value()});
    setPairs(list);
}

void KeyValueEditor::addRow(const QString &key, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

} // namespace Aod::Ui
