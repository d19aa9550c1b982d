#pragma once
//! \file environmenteditordialog.h  Create or edit an environment: name, networking, packages
//! per manager, env vars (write-only), setup script; 409 conflicts as for agents.
#include "formdialog.h"

#include <aod/models/environment.h>

#include <QMap>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace Aod {
class Client;
}

namespace Aod::Ui {

class ConflictDialog;
class KeyValueEditor;

class EnvironmentEditorDialog : public FormDialog
{
    Q_OBJECT
public:
    explicit EnvironmentEditorDialog(Aod::Client *client, QWidget *parent = nullptr);

    void setEnvironment(const Aod::Environment &env);
    bool isEditMode() const { return !m_base.id.isEmpty(); }
    Aod::EnvironmentContent content() const;
    Aod::EnvironmentPatch patchAgainst(const Aod::Environment &base) const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *networkingCombo() const { return m_networking; }
    QPlainTextEdit *hostsEdit() const { return m_hosts; }
    QLineEdit *packagesEdit(const QString &manager) const { return m_packages.value(manager); }
    KeyValueEditor *envVarsEditor() const { return m_envVars; }
    QCheckBox *replaceEnvVars() const { return m_replaceEnv; }
    QPlainTextEdit *setupEdit() const { return m_setup; }

Q_SIGNALS:
    void saved(const Aod::Environment &env);
    void conflictShown(Aod::Ui::ConflictDialog *dialog);

protected:
    QList<Aod::ValidationItem> validateForm() const override;
    void submit() override;

private:
    void sendUpdate(const Aod::EnvironmentPatch &patch);
    void onConflict();

    Aod::Client *m_client;
    Aod::Environment m_base;
    QLineEdit *m_name;
    QComboBox *m_networking;
    QPlainTextEdit *m_hosts;
    QMap<QString, QLineEdit *> m_packages;
    KeyValueEditor *m_envVars;
    QCheckBox *m_replaceEnv;
    QPlainTextEdit *m_setup;
};

} // namespace Aod::Ui
