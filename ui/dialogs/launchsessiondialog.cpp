#include "launchsessiondialog.h"

#include "widgets/errorbanner.h"
#include "widgets/keyvalueeditor.h"

#include <aod/client.h>
#include <aod/sessionsapi.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Aod::Ui {

namespace {
class TokenDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant &value, const QLocale &) const override
    {
        return value.toString().isEmpty() ? QString() : QString(8, QChar(0x2022));
    }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *e = new QLineEdit(parent);
        e->setEchoMode(QLineEdit::Password);
        return e;
    }
};
} // namespace

LaunchSessionDialog::LaunchSessionDialog(Aod::Client *client, const QList<Aod::Agent> &agents,
                                         const QList<Aod::Environment> &environments, QWidget *parent)
    : FormDialog(parent)
    , m_client(client)
    , m_agent(new QComboBox(this))
    , m_prompt(new QPlainTextEdit(this))
    , m_timeout(new QSpinBox(this))
    , m_environment(new QComboBox(this))
    , m_repos(new QTableWidget(0, 3, this))
    , m_secrets(new KeyValueEditor(tr("Variable"), tr("Secret value"), true, this))
{
    setObjectName(QStringLiteral("launchDialog"));
    setWindowTitle(tr("Start a session"));
    for (const auto &a : agents) {
        if (!a.isArchived())
            m_agent->addItem(QStringLiteral("%1 (%2 · %3)").arg(a.name, a.provider, a.model), a.id);
    }
    m_prompt->setObjectName(QStringLiteral("launchPrompt"));
    m_prompt->setPlaceholderText(tr("What should the agent do?"));
    m_timeout->setRange(10, 3600);
    m_timeout->setValue(600);
    m_timeout->setSuffix(tr(" s"));
    m_environment->addItem(tr("Agent's default"), QString());
    for (const auto &e : environments) {
        if (!e.isArchived())
            m_environment->addItem(QStringLiteral("%1 v%2").arg(e.name).arg(e.version), e.id);
    }
    m_repos->setHorizontalHeaderLabels({tr("GitHub URL"), tr("Mount path (optional)"), tr("Token (private repos)")});
    m_repos->horizontalHeader()->setStretchLastSection(true);
    m_repos->horizontalHeader()->resizeSection(0, 280);
    m_repos->verticalHeader()->hide();
    m_repos->setItemDelegateForColumn(2, new TokenDelegate(m_repos));

    auto *general = new QWidget(this);
    auto *form = new QFormLayout(general);
    form->addRow(tr("&Agent"), m_agent);
    form->addRow(tr("&Prompt"), m_prompt);
    form->addRow(tr("&Timeout"), m_timeout);
    form->addRow(tr("&Environment"), m_environment);

    auto *reposPage = new QWidget(this);
    auto *reposBox = new QVBoxLayout(reposPage);
    auto *addRepo = new QPushButton(tr("Add repository"), reposPage);
    auto *removeRepo = new QPushButton(tr("Remove"), reposPage);
    auto *repoButtons = new QHBoxLayout;
    repoButtons->addWidget(addRepo);
    repoButtons->addWidget(removeRepo);
    repoButtons->addStretch();
    reposBox->addWidget(m_repos);
    reposBox->addLayout(repoButtons);
    connect(addRepo, &QPushButton::clicked, this, [this] { addRepository(QStringLiteral("https://github.com/")); });
    connect(removeRepo, &QPushButton::clicked, this, [this] {
        if (m_repos->currentRow() >= 0)
            m_repos->removeRow(m_repos->currentRow());
        scheduleValidation();
    });

    auto *tabs = new QTabWidget(this);
    tabs->addTab(general, tr("Session"));
    tabs->addTab(reposPage, tr("Repositories"));
    tabs->addTab(m_secrets, tr("Secret env vars"));
    body()->addWidget(tabs);
    saveButton()->setText(tr("Start"));

    registerField(QStringLiteral("agent_id"), m_agent);
    registerField(QStringLiteral("prompt"), m_prompt);
    registerField(QStringLiteral("timeout"), m_timeout);
    registerField(QStringLiteral("environment_id"), m_environment);
    registerField(QStringLiteral("resources"), m_repos);
    registerField(QStringLiteral("secret_env_vars"), m_secrets);

    connect(m_prompt, &QPlainTextEdit::textChanged, this, &LaunchSessionDialog::scheduleValidation);
    connect(m_timeout, &QSpinBox::valueChanged, this, &LaunchSessionDialog::scheduleValidation);
    connect(m_repos, &QTableWidget::itemChanged, this, &LaunchSessionDialog::scheduleValidation);
    connect(m_secrets, &KeyValueEditor::changed, this, &LaunchSessionDialog::scheduleValidation);
    resize(640, 480);
}

void LaunchSessionDialog::setAgentId(const QString &agentId)
{
    const int i = m_agent->findData(agentId);
    if (i >= 0)
        m_agent->setCurrentIndex(i);
}

void LaunchSessionDialog::addRepository(const QString &url, const QString &mountPath, const QString &token)
{
    const int row = m_repos->rowCount();
    m_repos->insertRow(row);
    m_repos->setItem(row, 0, new QTableWidgetItem(url));
    m_repos->setItem(row, 1, new QTableWidgetItem(mountPath));
    m_repos->setItem(row, 2, new QTableWidgetItem(token));
    scheduleValidation();
}

Aod::SessionDraft LaunchSessionDialog::draft() const
{
    Aod::SessionDraft d;
    d.agentId = m_agent->currentData().toString();
    d.prompt = m_prompt->toPlainText();
    d.timeout = m_timeout->value();
    d.environmentId = m_environment->currentData().toString();
    for (int r = 0; r < m_repos->rowCount(); ++r) {
        auto text = [&](int c) { return m_repos->item(r, c) ? m_repos->item(r, c)->text().trimmed() : QString(); };
        if (text(0).isEmpty())
            continue;
        Aod::RepositoryResource res;
        res.url = text(0);
        res.mountPath = text(1);
        res.authorizationToken = text(2);
        d.resources.append(res);
    }
    d.secretEnvVars = m_secrets->toMap();
    return d;
}

QList<Aod::ValidationItem> LaunchSessionDialog::validateForm() const
{
    auto items = draft().validate();
    if (m_agent->count() == 0) {
        Aod::ValidationItem item;
        item.loc = {QStringLiteral("agent_id")};
        item.msg = tr("Create an agent first");
        items.prepend(item);
    }
    return items;
}

void LaunchSessionDialog::submit()
{
    setBusy(true);
    m_client->sessions()->create(draft())->then(this,
        [this](const Aod::SessionAck &ack) {
            setBusy(false);
            Q_EMIT launched(ack.id);
            accept();
        },
        [this](const Aod::Error &e) {
            setBusy(false);
            if (e.code() == Aod::Error::Code::RateLimited) {
                banner()->showMessage(tr("Concurrent session limit reached: %1/%2 sessions active. "
                                         "Terminate one before starting another.")
                                          .arg(e.activeCount()).arg(e.rateLimit()),
                                      ErrorBanner::Level::Warning, ErrorBanner::describe(e));
                banner()->setAction(tr("Open active sessions"), [this] {
                    Q_EMIT showActiveSessionsRequested();
                    reject();
                });
                return;
            }
            showServerError(e, tr("Starting the session failed"));
        });
}

} // namespace Aod::Ui
