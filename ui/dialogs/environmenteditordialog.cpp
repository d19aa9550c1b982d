#include "environmenteditordialog.h"

#include "core/textdiff.h"
#include "dialogs/conflictdialog.h"
#include "widgets/errorbanner.h"
#include "widgets/keyvalueeditor.h"

#include <aod/client.h>
#include <aod/environmentsapi.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Aod::Ui {

EnvironmentEditorDialog::EnvironmentEditorDialog(Aod::Client *client, QWidget *parent)
    : FormDialog(parent)
    , m_client(client)
    , m_name(new QLineEdit(this))
    , m_networking(new QComboBox(this))
    , m_hosts(new QPlainTextEdit(this))
    , m_envVars(new KeyValueEditor(tr("Variable"), tr("Value (write-only)"), true, this))
    , m_replaceEnv(new QCheckBox(tr("Send these variables (replaces all stored ones)"), this))
    , m_setup(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("environmentEditor"));
    setWindowTitle(tr("New environment"));
    m_name->setObjectName(QStringLiteral("environmentName"));
    m_networking->addItem(tr("Unrestricted"), QStringLiteral("unrestricted"));
    m_networking->addItem(tr("Limited"), QStringLiteral("limited"));
    m_hosts->setPlaceholderText(tr("One host per line (used only when limited)"));
    m_hosts->setMaximumHeight(90);
    m_setup->setPlaceholderText(tr("#!/bin/bash\n# runs once when the sandbox is created"));
    m_replaceEnv->setChecked(true);

    auto *general = new QWidget(this);
    auto *form = new QFormLayout(general);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("Net&working"), m_networking);
    form->addRow(tr("Allowed &hosts"), m_hosts);
    const QStringList managers = Aod::packageManagers();
    for (const QString &m : managers) {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(tr("space-separated %1 packages").arg(m));
        m_packages.insert(m, edit);
        form->addRow(m, edit);
        connect(edit, &QLineEdit::textChanged, this, &EnvironmentEditorDialog::scheduleValidation);
    }
    auto *envPage = new QWidget(this);
    auto *envBox = new QVBoxLayout(envPage);
    auto *note = new QLabel(tr("The server never returns variable values. When editing, leave the box unticked "
                               "to keep the stored variables unchanged."), envPage);
    note->setWordWrap(true);
    envBox->addWidget(note);
    envBox->addWidget(m_replaceEnv);
    envBox->addWidget(m_envVars);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(general, tr("General"));
    tabs->addTab(envPage, tr("Environment variables"));
    tabs->addTab(m_setup, tr("Setup script"));
    body()->addWidget(tabs);

    registerField(QStringLiteral("name"), m_name);
    registerField(QStringLiteral("networking"), m_hosts);
    registerField(QStringLiteral("packages"), general);
    registerField(QStringLiteral("env_vars"), m_envVars);
    registerField(QStringLiteral("setup_script"), m_setup);

    connect(m_name, &QLineEdit::textChanged, this, &EnvironmentEditorDialog::scheduleValidation);
    connect(m_networking, &QComboBox::currentIndexChanged, this, [this] {
        m_hosts->setEnabled(m_networking->currentData().toString() == QLatin1String("limited"));
        scheduleValidation();
    });
    connect(m_hosts, &QPlainTextEdit::textChanged, this, &EnvironmentEditorDialog::scheduleValidation);
    connect(m_envVars, &KeyValueEditor::changed, this, &EnvironmentEditorDialog::scheduleValidation);
    connect(m_replaceEnv, &QCheckBox::toggled, m_envVars, &QWidget::setEnabled);
    connect(m_setup, &QPlainTextEdit::textChanged, this, &EnvironmentEditorDialog::scheduleValidation);
    m_hosts->setEnabled(false);
    resize(640, 520);
}

Aod::EnvironmentContent EnvironmentEditorDialog::content() const
{
    Aod::EnvironmentContent c;
    c.name = m_name->text().trimmed();
    c.networking.type = m_networking->currentData().toString();
    if (c.networking.isLimited()) {
        const auto hosts = m_hosts->toPlainText().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
        c.networking.allowedHosts = hosts;
    }
    for (auto it = m_packages.cbegin(); it != m_packages.cend(); ++it) {
        const auto list = it.value()->text().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
        if (!list.isEmpty())
            c.packages.insert(it.key(), list);
    }
    c.setupScript = m_setup->toPlainText();
    return c;
}

void EnvironmentEditorDialog::setEnvironment(const Aod::Environment &env)
{
    m_base = env;
    setWindowTitle(tr("Edit environment %1 (v%2)").arg(env.name).arg(env.version));
    m_name->setText(env.name);
    m_networking->setCurrentIndex(std::max(0, m_networking->findData(env.networking.type)));
    m_hosts->setPlainText(env.networking.allowedHosts.join(QLatin1Char('\n')));
    for (auto it = m_packages.cbegin(); it != m_packages.cend(); ++it)
        it.value()->setText(env.packages.value(it.key()).join(QLatin1Char(' ')));
    m_setup->setPlainText(env.setupScript);
    m_replaceEnv->setChecked(false);
    m_envVars->setEnabled(false);
    validateNow();
}

Aod::EnvironmentPatch EnvironmentEditorDialog::patchAgainst(const Aod::Environment &base) const
{
    const auto c = content();
    Aod::EnvironmentPatch p;
    p.version = base.version;
    if (c.name != base.name)
        p.name = c.name;
    if (c.packages != base.packages)
        p.packages = c.packages;
    if (c.setupScript != base.setupScript)
        p.setupScript = c.setupScript;
    if (!(c.networking == base.networking))
        p.networking = c.networking;
    if (m_replaceEnv->isChecked())
        p.envVars = m_envVars->toMap();
    return p;
}

QList<Aod::ValidationItem> EnvironmentEditorDialog::validateForm() const
{
    if (isEditMode())
        return patchAgainst(m_base).validate();
    Aod::EnvironmentDraft draft;
    static_cast<Aod::EnvironmentContent &>(draft) = content();
    draft.envVars = m_envVars->toMap();
    return draft.validate();
}

void EnvironmentEditorDialog::submit()
{
    if (isEditMode()) {
        sendUpdate(patchAgainst(m_base));
        return;
    }
    setBusy(true);
    Aod::EnvironmentDraft draft;
    static_cast<Aod::EnvironmentContent &>(draft) = content();
    draft.envVars = m_envVars->toMap();
    m_client->environments()->create(draft)->then(this,
        [this](const Aod::Environment &env) {
            setBusy(false);
            Q_EMIT saved(env);
            accept();
        },
        [this](const Aod::Error &e) {
            setBusy(false);
            showServerError(e, tr("Creating the environment failed"));
        });
}

void EnvironmentEditorDialog::sendUpdate(const Aod::EnvironmentPatch &patch)
{
    setBusy(true);
    m_client->environments()->update(m_base.id, patch)->then(this,
        [this](const Aod::Environment &env) {
            setBusy(false);
            m_base = env;
            Q_EMIT saved(env);
            accept();
        },
        [this](const Aod::Error &e) {
            if (e.code() == Aod::Error::Code::Conflict && e.detailText().contains(QLatin1String("ersion"))) {
                onConflict();
                return;
            }
            setBusy(false);
            showServerError(e, tr("Saving the environment failed"));
        });
}

void EnvironmentEditorDialog::onConflict()
{
    m_client->environments()->get(m_base.id)->then(this,
        [this](const Aod::Environment &server) {
            setBusy(false);
            auto *dlg = new ConflictDialog(Diff::fields(m_base), m_base.version, Diff::fields(server),
                                           server.version, Diff::fields(content()), this);
            dlg->setAttribute(Qt::WA_DeleteOnClose);
            connect(dlg, &QDialog::finished, this, [this, server](int result) {
                if (result == ConflictDialog::Reload) {
                    setEnvironment(server);
                } else if (result == ConflictDialog::Reapply) {
                    Aod::EnvironmentPatch again = patchAgainst(m_base);
                    again.version = server.version;
                    m_base = server;
                    sendUpdate(again);
                }
            });
            dlg->setWindowModality(Qt::WindowModal);
            dlg->open();
            Q_EMIT conflictShown(dlg);
        },
        [this](const Aod::Error &e) {
            setBusy(false);
            showServerError(e, tr("Loading the server's version failed"));
        });
}

} // namespace Aod::Ui
