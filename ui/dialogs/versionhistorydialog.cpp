#include "versionhistorydialog.h"

#include "core/textdiff.h"
#include "core/theme.h"

#include <aod/agentsapi.h>
#include <aod/client.h>
#include <aod/environmentsapi.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Aod::Ui {

VersionHistoryDialog::VersionHistoryDialog(const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_from(new QComboBox(this))
    , m_to(new QComboBox(this))
    , m_diff(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("versionHistory"));
    setWindowTitle(title);
    auto *compareRow = new QHBoxLayout;
    compareRow->addWidget(new QLabel(tr("Compare"), this));
    compareRow->addWidget(m_from);
    compareRow->addWidget(new QLabel(tr("with"), this));
    compareRow->addWidget(m_to);
    compareRow->addStretch();
    auto *right = new QWidget(this);
    auto *rightBox = new QVBoxLayout(right);
    rightBox->setContentsMargins(0, 0, 0, 0);
    rightBox->addLayout(compareRow);
    rightBox->addWidget(m_diff, 1);
    auto *split = new QSplitter(this);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *box = new QVBoxLayout(this);
    box->addWidget(split, 1);
    box->addWidget(buttons);
    m_diff->setHtml(tr("Loading…"));
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_entries.size())
            return;
        const int to = m_entries[row].version;
        const int from = row + 1 < m_entries.size() ? m_entries[row + 1].version : to;
        compare(from, to);
    });
    connect(m_from, &QComboBox::currentIndexChanged, this, &VersionHistoryDialog::updateDiff);
    connect(m_to, &QComboBox::currentIndexChanged, this, &VersionHistoryDialog::updateDiff);
    resize(900, 560);
}

VersionHistoryDialog *VersionHistoryDialog::showFor(Aod::Client *client, bool isAgent, const QString &id,
                                                 const QString &name, QWidget *parent)
{
    auto *dlg = new VersionHistoryDialog(tr("Version history of %1").arg(name), parent);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    auto fail = [dlg](const Aod::Error &e) { dlg->setLoadError(e.message()); };
    if (isAgent) {
        client->agents()->versions(id)->then(dlg, [dlg](const QList<Aod::AgentVersion> &versions) {
            QList<Entry> entries;
            for (const auto &v : versions)
                entries.append({v.version, v.createdAt, Diff::fields(static_cast<const Aod::AgentContent &>(v))});
            dlg->setEntries(entries);
        }, fail);
    } else {
        client->environments()->versions(id)->then(dlg, [dlg](const QList<Aod::EnvironmentVersion> &versions) {
            QList<Entry> entries;
            for (const auto &v : versions)
                entries.append({v.version, v.createdAt, Diff::fields(static_cast<const Aod::EnvironmentContent &>(v))});
            dlg->setEntries(entries);
        }, fail);
    }
    dlg->show();
    return dlg;
}

void VersionHistoryDialog::setEntries(const QList<Entry> &entries)
{
    m_entries = entries;
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) { return a.version > b.version; });
    const QSignalBlocker b1(m_from), b2(m_to), b3(m_list);
    m_list->clear();
    m_from->clear();
    m_to->clear();
    for (const Entry &e : std::as_const(m_entries)) {
        const QString label = tr("v%1 · %2").arg(e.version).arg(QLocale().toString(e.createdAt.toLocalTime(), QLocale::ShortFormat));
        m_list->addItem(label);
        m_from->addItem(QStringLiteral("v%1").arg(e.version), e.version);
        m_to->addItem(QStringLiteral("v%1").arg(e.version), e.version);
    }
    if (!m_entries.isEmpty())
        m_list->setCurrentRow(0);
    if (m_entries.size() >= 2)
        compare(m_entries[1].version, m_entries[0].version);
    else if (m_entries.size() == 1)
        compare(m_entries[0].version, m_entries[0].version);
    Q_EMIT loaded();
}

void VersionHistoryDialog::setLoadError(const QString &text)
{
    m_diff->setPlainText(tr("Loading the versions failed: %1").arg(text));
}

void VersionHistoryDialog::compare(int from, int to)
{
    const QSignalBlocker b1(m_from), b2(m_to);
    m_from->setCurrentIndex(m_from->findData(from));
    m_to->setCurrentIndex(m_to->findData(to));
    updateDiff();
}

void VersionHistoryDialog::updateDiff()
{
    const int from = m_from->currentData().toInt(), to = m_to->currentData().toInt();
    const Entry *a = nullptr, *b = nullptr;
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.version == from)
            a = &e;
        if (e.version == to)
            b = &e;
    }
    if (!a || !b)
        return;
    const bool dark = Theme::isDark(palette());
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("v%1 → v%2").arg(from).arg(to));
    if (from == to) {
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("The first version: every field as created."));
        QList<Diff::FieldChange> all;
        for (const auto &f : b->fields)
            if (!f.second.isEmpty())
                all.append({f.first, QString(), f.second});
        html += Diff::toHtml(all, dark);
    } else {
        html += Diff::toHtml(Diff::changes(a->fields, b->fields), dark);
    }
    m_diff->setHtml(html);
}

QString VersionHistoryDialog::diffHtml() const
{
    return m_diff->toPlainText();
}

} // namespace Aod::Ui
