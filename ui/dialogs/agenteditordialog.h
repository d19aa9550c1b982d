#pragma once
//! \file agenteditordialog.h  Create or edit an agent: every field the API takes, validated as
//! you type, saved with optimistic concurrency (a 409 opens the ConflictDialog).
#include "formdialog.h"

#include <aod/models/agent.h>
#include <aod/models/environment.h>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace Aod {
class Client;
}

namespace Aod::Ui {

class ConflictDialog;
class KeyValueEditor;

class AgentEditorDialog : public FormDialog
{
    Q_OBJECT
public:
    AgentEditorDialog(Aod::Client *client, const QList<Aod::Environment> &environments,
                      QWidget *parent = nullptr);

    //! Edit mode: the form shows \a agent and saves with its version.
    void setAgent(const Aod::Agent &agent);
    bool isEditMode() const { return !m_base.id.isEmpty(); }
    Aod::Agent baseAgent() const { return m_base; }

    //! The form's current content.
    Aod::AgentContent content() const;
    //! The PUT body: only the fields that differ from \a base, with its version.
    Aod::AgentPatch patchAgainst(const Aod::Agent &base) const;

    // Form access for tests and the main window.
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *providerCombo() const { return m_provider; }
    QLineEdit *modelEdit() const { return m_model; }
    QComboBox *environmentCombo() const { return m_environment; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QPlainTextEdit *systemEdit() const { return m_system; }
    QTableWidget *skillsTable() const { return m_skills; }
    QPlainTextEdit *skillContentEdit() const { return m_skillContent; }
    QTableWidget *mcpTable() const { return m_mcp; }
    KeyValueEditor *metadataEditor() const { return m_metadata; }
    void addSkillRow(const Aod::AgentSkill &skill);
    void addMcpRow(const Aod::McpServer &server);

Q_SIGNALS:
    void saved(const Aod::Agent &agent);
    //! A 409 version conflict was found; the dialog is open (window-modal).
    void conflictShown(Aod::Ui::ConflictDialog *dialog);

protected:
    QList<Aod::ValidationItem> validateForm() const override;
    void submit() override;

private:
    void fill(const Aod::AgentContent &c);
    void sendUpdate(const Aod::AgentPatch &patch);
    void onConflict(const Aod::AgentPatch &patch);
    QList<Aod::AgentSkill> skills(QList<Aod::ValidationItem> *errors = nullptr) const;
    QList<Aod::McpServer> mcpServers(QList<Aod::ValidationItem> *errors = nullptr) const;
    QJsonObject metadata() const;

    Aod::Client *m_client;
    Aod::Agent m_base;
    QLineEdit *m_name;
    QComboBox *m_provider;
    QLineEdit *m_model;
    QComboBox *m_environment;
    QLineEdit *m_description;
    QPlainTextEdit *m_system;
    QTableWidget *m_skills;
    QPlainTextEdit *m_skillContent;
    QTableWidget *m_mcp;
    KeyValueEditor *m_metadata;
};

} // namespace Aod::Ui
