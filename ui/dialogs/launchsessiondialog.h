#pragma once
//! \file launchsessiondialog.h  Start a session with everything the API allows: prompt, timeout,
//! environment override, GitHub repositories (optional token) and secret env vars. A 429 shows
//! active/limit and offers to open the active sessions.
#include "formdialog.h"

#include <aod/models/agent.h>
#include <aod/models/environment.h>
#include <aod/models/session.h>

class QComboBox;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;

namespace Aod {
class Client;
}

namespace Aod::Ui {

class KeyValueEditor;

class LaunchSessionDialog : public FormDialog
{
    Q_OBJECT
public:
    LaunchSessionDialog(Aod::Client *client, const QList<Aod::Agent> &agents,
                        const QList<Aod::Environment> &environments, QWidget *parent = nullptr);

    void setAgentId(const QString &agentId);
    Aod::SessionDraft draft() const;

    QComboBox *agentCombo() const { return m_agent; }
    QPlainTextEdit *promptEdit() const { return m_prompt; }
    QSpinBox *timeoutSpin() const { return m_timeout; }
    QComboBox *environmentCombo() const { return m_environment; }
    QTableWidget *repositoriesTable() const { return m_repos; }
    KeyValueEditor *secretsEditor() const { return m_secrets; }
    void addRepository(const QString &url, const QString &mountPath = {}, const QString &token = {});

Q_SIGNALS:
    void launched(const QString &sessionId);
    //! The user asked to see the active sessions after a 429.
    void showActiveSessionsRequested();

protected:
    QList<Aod::ValidationItem> validateForm() const override;
    void submit() override;

private:
    Aod::Client *m_client;
    QComboBox *m_agent;
    QPlainTextEdit *m_prompt;
    QSpinBox *m_timeout;
    QComboBox *m_environment;
    QTableWidget *m_repos;
    KeyValueEditor *m_secrets;
};

} // namespace Aod::Ui
