#include "conflictdialog.h"

#include "core/theme.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Aod::Ui {

ConflictDialog::ConflictDialog(const QList<QPair<QString, QString>> &base, int baseVersion,
                               const QList<QPair<QString, QString>> &server, int serverVersion,
                               const QList<QPair<QString, QString>> &mine, QWidget *parent)
    : QDialog(parent), m_server(Diff::changes(base, server)), m_mine(Diff::changes(base, mine))
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Edit conflict"));
    const bool dark = Theme::isDark(palette());
    auto *intro = new QLabel(tr("Someone saved this item while you were editing it: you started from "
                                "version %1, the server now has version %2. Nothing was overwritten.")
                                 .arg(baseVersion).arg(serverVersion), this);
    intro->setWordWrap(true);
    auto *serverView = new QTextBrowser(this);
    serverView->setObjectName(QStringLiteral("serverChanges"));
    serverView->setHtml(QStringLiteral("<h3>%1</h3>").arg(tr("Changed on the server (v%1 → v%2)").arg(baseVersion).arg(serverVersion))
                        + Diff::toHtml(m_server, dark));
    auto *mineView = new QTextBrowser(this);
    mineView->setObjectName(QStringLiteral("myChanges"));
    mineView->setHtml(QStringLiteral("<h3>%1</h3>").arg(tr("Your changes")) + Diff::toHtml(m_mine, dark));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(serverView);
    split->addWidget(mineView);
    auto *overlap = new QLabel(this);
    overlap->setWordWrap(true);
    const QStringList both = overlapping();
    if (!both.isEmpty())
        overlap->setText(tr("Both changed: %1. Re-applying puts your values over the server's for these fields.")
                             .arg(both.join(QStringLiteral(", "))));
    overlap->setVisible(!both.isEmpty());

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *reload = buttons->addButton(tr("Reload (discard mine)"), QDialogButtonBox::ResetRole);
    reload->setObjectName(QStringLiteral("reloadButton"));
    QPushButton *reapply = buttons->addButton(tr("Re-apply my changes"), QDialogButtonBox::AcceptRole);
    reapply->setObjectName(QStringLiteral("reapplyButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(reload, &QPushButton::clicked, this, [this] { choose(Reload); });
    connect(reapply, &QPushButton::clicked, this, [this] { choose(Reapply); });
    connect(buttons, &QDialogButtonBox::rejected, this, [this] { choose(Cancel); });

    auto *box = new QVBoxLayout(this);
    box->addWidget(intro);
    box->addWidget(split, 1);
    box->addWidget(overlap);
    box->addWidget(buttons);
    resize(900, 520);
}

QStringList ConflictDialog::overlapping() const
{
    QStringList out;
    for (const auto &s : m_server)
        for (const auto &m : m_mine)
            if (s.field == m.field)
                out << s.field;
    return out;
}

void ConflictDialog::choose(Choice choice)
{
    done(int(choice));
}

} // namespace Aod::Ui
