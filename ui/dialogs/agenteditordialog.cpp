#include "agenteditordialog.h"

#include "core/textdiff.h"
#include "dialogs/conflictdialog.h"
#include "widgets/errorbanner.h"
#include "widgets/keyvalueeditor.h"

#include <aod/agentsapi.h>
#include <aod/client.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Aod::Ui {

namespace {
enum SkillCol { SkType, SkName, SkDescription, SkSource, SkCount };
enum McpCol { McName, McType, McUrl, McCommand, McArgs, McHeaders, McEnv, McCount };
constexpr int ContentRole = Qt::UserRole + 10;

QString cell(const QTableWidget *t, int row, int col)
{
    const auto *item = t->item(row, col);
    return item ? item->text().trimmed() : QString();
}

QString compactJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

//! A metadata value typed in the form: JSON when it parses as a JSON value, else a string.
QJsonValue parseLoose(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QString();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[" + t.toUtf8() + "]"), &err);
    if (err.error == QJsonParseError::NoError && doc.isArray() && doc.array().size() == 1)
        return doc.array().at(0);
    return text;
}
} // namespace

AgentEditorDialog::AgentEditorDialog(Aod::Client *client, const QList<Aod::Environment> &environments,
                                     QWidget *parent)
    : FormDialog(parent)
    , m_client(client)
    , m_name(new QLineEdit(this))
    , m_provider(new QComboBox(this))
    , m_model(new QLineEdit(this))
    , m_environment(new QComboBox(this))
    , m_description(new QLineEdit(this))
    , m_system(new QPlainTextEdit(this))
    , m_skills(new QTableWidget(0, SkCount, this))
    , m_skillContent(new QPlainTextEdit(this))
    , m_mcp(new QTableWidget(0, McCount, this))
    , m_metadata(new KeyValueEditor(tr("Key"), tr("Value (JSON or text)"), false, this))
{
    setObjectName(QStringLiteral("agentEditor"));
    setWindowTitle(tr("New agent"));
    m_name->setObjectName(QStringLiteral("agentName"));
    m_provider->setEditable(true);
    m_provider->addItems({QStringLiteral("anthropic"), QStringLiteral("openai")});
    m_model->setObjectName(QStringLiteral("agentModel"));
    m_model->setPlaceholderText(QStringLiteral("claude-sonnet-4-6"));
    m_environment->addItem(tr("No environment"), QString());
    for (const auto &e : environments) {
        if (!e.isArchived())
            m_environment->addItem(QStringLiteral("%1 v%2").arg(e.name).arg(e.version), e.id);
    }
    m_description->setPlaceholderText(tr("What this agent is for"));
    m_system->setPlaceholderText(tr("Prepended to the first turn's prompt"));

    auto *general = new QWidget(this);
    auto *form = new QFormLayout(general);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Provider"), m_provider);
    form->addRow(tr("&Model"), m_model);
    form->addRow(tr("&Environment"), m_environment);
    form->addRow(tr("&Description"), m_description);
    form->addRow(tr("&System prompt"), m_system);

    // Skills: a table plus the content of the selected inline skill
    m_skills->setObjectName(QStringLiteral("skillsTable"));
    m_skills->setHorizontalHeaderLabels({tr("Type (inline/github)"), tr("Name"), tr("Description"), tr("Source (owner/repo)")});
    m_skills->horizontalHeader()->setStretchLastSection(true);
    m_skills->verticalHeader()->hide();
    m_skillContent->setPlaceholderText(tr("Content of the selected inline skill (SKILL.md)"));
    auto *skillsPage = new QWidget(this);
    auto *skillsBox = new QVBoxLayout(skillsPage);
    auto *skillButtons = new QHBoxLayout;
    auto *addInline = new QPushButton(tr("Add inline skill"), skillsPage);
    auto *addGithub = new QPushButton(tr("Add GitHub skill"), skillsPage);
    auto *removeSkill = new QPushButton(tr("Remove"), skillsPage);
    skillButtons->addWidget(addInline);
    skillButtons->addWidget(addGithub);
    skillButtons->addWidget(removeSkill);
    skillButtons->addStretch();
    skillsBox->addWidget(m_skills, 2);
    skillsBox->addLayout(skillButtons);
    skillsBox->addWidget(new QLabel(tr("Content:"), skillsPage));
    skillsBox->addWidget(m_skillContent, 1);
    connect(addInline, &QPushButton::clicked, this, [this] {
        addSkillRow(Aod::AgentSkill::inlineSkill({}, {}, {}));
        scheduleValidation();
    });
    connect(addGithub, &QPushButton::clicked, this, [this] {
        addSkillRow(Aod::AgentSkill::github({}, {}));
        scheduleValidation();
    });
    connect(removeSkill, &QPushButton::clicked, this, [this] {
        if (m_skills->currentRow() >= 0)
            m_skills->removeRow(m_skills->currentRow());
        scheduleValidation();
    });
    connect(m_skills, &QTableWidget::currentCellChanged, this, [this](int row) {
        const QSignalBlocker block(m_skillContent);
        const auto *item = row >= 0 ? m_skills->item(row, SkType) : nullptr;
        m_skillContent->setPlainText(item ? item->data(ContentRole).toString() : QString());
        m_skillContent->setEnabled(item && item->text() != QLatin1String("github"));
    });
    connect(m_skillContent, &QPlainTextEdit::textChanged, this, [this] {
        if (auto *item = m_skills->item(m_skills->currentRow(), SkType))
            item->setData(ContentRole, m_skillContent->toPlainText());
        scheduleValidation();
    });

    // MCP servers
    m_mcp->setObjectName(QStringLiteral("mcpTable"));
    m_mcp->setHorizontalHeaderLabels({tr("Name"), tr("Type (url/stdio)"), tr("URL"), tr("Command"),
                                      tr("Args (JSON list or words)"), tr("Headers (JSON)"), tr("Env (JSON)")});
    m_mcp->horizontalHeader()->setStretchLastSection(true);
    m_mcp->verticalHeader()->hide();
    auto *mcpPage = new QWidget(this);
    auto *mcpBox = new QVBoxLayout(mcpPage);
    auto *mcpButtons = new QHBoxLayout;
    auto *addUrl = new QPushButton(tr("Add URL server"), mcpPage);
    auto *addStdio = new QPushButton(tr("Add stdio server"), mcpPage);
    auto *removeMcp = new QPushButton(tr("Remove"), mcpPage);
    mcpButtons->addWidget(addUrl);
    mcpButtons->addWidget(addStdio);
    mcpButtons->addWidget(removeMcp);
    mcpButtons->addStretch();
    mcpBox->addWidget(m_mcp);
    mcpBox->addLayout(mcpButtons);
    connect(addUrl, &QPushButton::clicked, this, [this] {
        addMcpRow(Aod::McpServer{});
        scheduleValidation();
    });
    connect(addStdio, &QPushButton::clicked, this, [this] {
        Aod::McpServer s;
        s.type = QStringLiteral("stdio");
        addMcpRow(s);
        scheduleValidation();
    });
    connect(removeMcp, &QPushButton::clicked, this, [this] {
        if (m_mcp->currentRow() >= 0)
            m_mcp->removeRow(m_mcp->currentRow());
        scheduleValidation();
    });

    auto *tabs = new QTabWidget(this);
    tabs->addTab(general, tr("General"));
    tabs->addTab(skillsPage, tr("Skills"));
    tabs->addTab(mcpPage, tr("MCP servers"));
    tabs->addTab(m_metadata, tr("Metadata"));
    body()->addWidget(tabs);

    registerField(QStringLiteral("name"), m_name);
    registerField(QStringLiteral("provider"), m_provider);
    registerField(QStringLiteral("model"), m_model);
    registerField(QStringLiteral("environment_id"), m_environment);
    registerField(QStringLiteral("description"), m_description);
    registerField(QStringLiteral("system"), m_system);
    registerField(QStringLiteral("skills"), m_skills);
    registerField(QStringLiteral("mcp_servers"), m_mcp);
    registerField(QStringLiteral("metadata"), m_metadata);

    connect(m_name, &QLineEdit::textChanged, this, &AgentEditorDialog::scheduleValidation);
    connect(m_model, &QLineEdit::textChanged, this, &AgentEditorDialog::scheduleValidation);
    connect(m_provider, &QComboBox::currentTextChanged, this, [this](const QString &p) {
        // Like the web form: replace the model only while it is blank or still a default.
        static const QStringList defaults{QStringLiteral("claude-sonnet-4-6"), QStringLiteral("gpt-5")};
        const QString hint = p == QLatin1String("openai") ? QStringLiteral("gpt-5") : QStringLiteral("claude-sonnet-4-6");
        m_model->setPlaceholderText(hint);
        if (m_model->text().isEmpty() || defaults.contains(m_model->text()))
            m_model->setText(hint);
        scheduleValidation();
    });
    connect(m_description, &QLineEdit::textChanged, this, &AgentEditorDialog::scheduleValidation);
    connect(m_system, &QPlainTextEdit::textChanged, this, &AgentEditorDialog::scheduleValidation);
    connect(m_skills, &QTableWidget::itemChanged, this, &AgentEditorDialog::scheduleValidation);
    connect(m_mcp, &QTableWidget::itemChanged, this, &AgentEditorDialog::scheduleValidation);
    connect(m_metadata, &KeyValueEditor::changed, this, &AgentEditorDialog::scheduleValidation);
    m_model->setText(QStringLiteral("claude-sonnet-4-6"));
    resize(760, 560);
}

void AgentEditorDialog::addSkillRow(const Aod::AgentSkill &skill)
{
    const int row = m_skills->rowCount();
    m_skills->insertRow(row);
    auto *type = new QTableWidgetItem(skill.isGithub() ? QStringLiteral("github") : QStringLiteral("inline"));
    type->setData(ContentRole, skill.content);
    m_skills->setItem(row, SkType, type);
    m_skills->setItem(row, SkName, new QTableWidgetItem(skill.name));
    m_skills->setItem(row, SkDescription, new QTableWidgetItem(skill.description));
    m_skills->setItem(row, SkSource, new QTableWidgetItem(skill.source));
    m_skills->setCurrentCell(row, SkName);
}

void AgentEditorDialog::addMcpRow(const Aod::McpServer &s)
{
    const int row = m_mcp->rowCount();
    m_mcp->insertRow(row);
    m_mcp->setItem(row, McName, new QTableWidgetItem(s.name));
    m_mcp->setItem(row, McType, new QTableWidgetItem(s.type.isEmpty() ? QStringLiteral("url") : s.type));
    m_mcp->setItem(row, McUrl, new QTableWidgetItem(s.url));
    m_mcp->setItem(row, McCommand, new QTableWidgetItem(s.command));
    m_mcp->setItem(row, McArgs, new QTableWidgetItem(s.args.isEmpty() ? QString() : compactJson(QJsonArray::fromStringList(s.args))));
    m_mcp->setItem(row, McHeaders, new QTableWidgetItem(s.headers.isEmpty() ? QString() : compactJson(s.headers)));
    m_mcp->setItem(row, McEnv, new QTableWidgetItem(s.env.isEmpty() ? QString() : compactJson(s.env)));
}

QList<Aod::AgentSkill> AgentEditorDialog::skills(QList<Aod::ValidationItem> *) const
{
    QList<Aod::AgentSkill> out;
    for (int r = 0; r < m_skills->rowCount(); ++r) {
        const bool github = cell(m_skills, r, SkType).compare(QLatin1String("github"), Qt::CaseInsensitive) == 0;
        const auto *typeItem = m_skills->item(r, SkType);
        const QString content = typeItem ? typeItem->data(ContentRole).toString() : QString();
        if (github)
            out << Aod::AgentSkill::github(cell(m_skills, r, SkSource), cell(m_skills, r, SkDescription), cell(m_skills, r, SkName));
        else
            out << Aod::AgentSkill::inlineSkill(cell(m_skills, r, SkName), cell(m_skills, r, SkDescription), content);
    }
    return out;
}

QList<Aod::McpServer> AgentEditorDialog::mcpServers(QList<Aod::ValidationItem> *errors) const
{
    QList<Aod::McpServer> out;
    for (int r = 0; r < m_mcp->rowCount(); ++r) {
        Aod::McpServer s;
        s.name = cell(m_mcp, r, McName);
        s.type = cell(m_mcp, r, McType).isEmpty() ? QStringLiteral("url") : cell(m_mcp, r, McType);
        s.url = cell(m_mcp, r, McUrl);
        s.command = cell(m_mcp, r, McCommand);
        const QString args = cell(m_mcp, r, McArgs);
        if (args.startsWith(QLatin1Char('['))) {
            const auto doc = QJsonDocument::fromJson(args.toUtf8());
            for (const auto &v : doc.array())
                s.args << v.toString();
        } else if (!args.isEmpty()) {
            s.args = args.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
        auto object = [&](int col, const char *key) {
            const QString text = cell(m_mcp, r, col);
            if (text.isEmpty())
                return QJsonObject{};
            QJsonParseError err{};
            const auto doc = QJsonDocument::fromJson(text.toUtf8(), &err);
            if ((err.error != QJsonParseError::NoError || !doc.isObject()) && errors) {
                Aod::ValidationItem item;
                item.loc = {QStringLiteral("mcp_servers"), r, QString::fromLatin1(key)};
                item.msg = tr("must be a JSON object like {\"KEY\": \"value\"}");
                item.type = QStringLiteral("value_error");
                errors->append(item);
            }
            return doc.object();
        };
        s.headers = object(McHeaders, "headers");
        s.env = object(McEnv, "env");
        out << s;
    }
    return out;
}

QJsonObject AgentEditorDialog::metadata() const
{
    QJsonObject o;
    const auto pairs = m_metadata->pairs();
    for (const auto &p : pairs)
        o.insert(p.first, parseLoose(p.second));
    return o;
}

Aod::AgentContent AgentEditorDialog::content() const
{
    Aod::AgentContent c;
    c.name = m_name->text().trimmed();
    c.provider = m_provider->currentText().trimmed();
    c.model = m_model->text().trimmed();
    c.environmentId = m_environment->currentData().toString();
    c.description = m_description->text();
    c.system = m_system->toPlainText();
    c.skills = skills();
    c.mcpServers = mcpServers();
    c.metadata = metadata();
    return c;
}

void AgentEditorDialog::fill(const Aod::AgentContent &c)
{
    m_name->setText(c.name);
    m_provider->setCurrentText(c.provider);
    m_model->setText(c.model);
    int envIndex = m_environment->findData(c.environmentId);
    if (envIndex < 0 && !c.environmentId.isEmpty()) {
        m_environment->addItem(tr("%1 (archived or unknown)").arg(c.environmentId.left(8)), c.environmentId);
        envIndex = m_environment->count() - 1;
    }
    m_environment->setCurrentIndex(std::max(0, envIndex));
    m_description->setText(c.description);
    m_system->setPlainText(c.system);
    m_skills->setRowCount(0);
    for (const auto &s : c.skills)
        addSkillRow(s);
    m_mcp->setRowCount(0);
    for (const auto &s : c.mcpServers)
        addMcpRow(s);
    QList<QPair<QString, QString>> meta;
    for (auto it = c.metadata.begin(); it != c.metadata.end(); ++it)
        meta.append({it.key(), compactJson(it.value())});
    m_metadata->setPairs(meta);
}

void AgentEditorDialog::setAgent(const Aod::Agent &agent)
{
    m_base = agent;
    setWindowTitle(tr("Edit agent %1 (v%2)").arg(agent.name).arg(agent.version));
    fill(agent);
    validateNow();
}

Aod::AgentPatch AgentEditorDialog::patchAgainst(const Aod::Agent &base) const
{
    const Aod::AgentContent c = content();
    Aod::AgentPatch p;
    p.version = base.version;
    if (c.name != base.name)
        p.name = c.name;
    if (c.description != base.description)
        p.description = c.description;
    if (c.system != base.system)
        p.system = c.system;
    if (c.provider != base.provider)
        p.provider = c.provider;
    if (c.model != base.model)
        p.model = c.model;
    if (c.environmentId != base.environmentId) {
        if (c.environmentId.isEmpty())
            p.detachEnvironment();
        else
            p.environmentId = c.environmentId;
    }
    if (c.skills != base.skills)
        p.skills = c.skills;
    if (c.mcpServers != base.mcpServers)
        p.mcpServers = c.mcpServers;
    if (c.metadata != base.metadata) {
        QJsonObject merge; // the server merges key by key: "" deletes
        for (auto it = base.metadata.begin(); it != base.metadata.end(); ++it)
            if (!c.metadata.contains(it.key()))
                merge.insert(it.key(), QString());
        for (auto it = c.metadata.begin(); it != c.metadata.end(); ++it)
            if (base.metadata.value(it.key()) != it.value())
                merge.insert(it.key(), it.value());
        p.metadata = merge;
    }
    return p;
}

QList<Aod::ValidationItem> AgentEditorDialog::validateForm() const
{
    QList<Aod::ValidationItem> items;
    mcpServers(&items);
    if (isEditMode()) {
        items += patchAgainst(m_base).validate();
    } else {
        Aod::AgentDraft draft;
        static_cast<Aod::AgentContent &>(draft) = content();
        items += draft.validate();
    }
    return items;
}

void AgentEditorDialog::submit()
{
    setBusy(true);
    if (!isEditMode()) {
        Aod::AgentDraft draft;
        static_cast<Aod::AgentContent &>(draft) = content();
        m_client->agents()->create(draft)->then(this,
            [this](const Aod::Agent &agent) {
                setBusy(false);
                Q_EMIT saved(agent);
                accept();
            },
            [this](const Aod::Error &e) {
                setBusy(false);
                showServerError(e, tr("Creating the agent failed"));
            });
        return;
    }
    sendUpdate(patchAgainst(m_base));
}

void AgentEditorDialog::sendUpdate(const Aod::AgentPatch &patch)
{
    setBusy(true);
    m_client->agents()->update(m_base.id, patch)->then(this,
        [this](const Aod::Agent &agent) {
            setBusy(false);
            m_base = agent;
            Q_EMIT saved(agent);
            accept();
        },
        [this, patch](const Aod::Error &e) {
            if (e.code() == Aod::Error::Code::Conflict && e.detailText().contains(QLatin1String("ersion"))) {
                onConflict(patch);
                return;
            }
            setBusy(false);
            showServerError(e, tr("Saving the agent failed"));
        });
}

void AgentEditorDialog::onConflict(const Aod::AgentPatch &patch)
{
    Q_UNUSED(patch);
    m_client->agents()->get(m_base.id)->then(this,
        [this](const Aod::Agent &server) {
            setBusy(false);
            auto *dlg = new ConflictDialog(Diff::fields(m_base), m_base.version, Diff::fields(server),
                                           server.version, Diff::fields(content()), this);
            dlg->setAttribute(Qt::WA_DeleteOnClose);
            connect(dlg, &QDialog::finished, this, [this, server](int result) {
                if (result == ConflictDialog::Reload) {
                    setAgent(server);
                    banner()->showMessage(tr("Reloaded version %1 from the server.").arg(server.version));
                } else if (result == ConflictDialog::Reapply) {
                    // My changes relative to what I started from, on top of the server's version.
                    Aod::AgentPatch again = patchAgainst(m_base);
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
