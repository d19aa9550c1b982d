#pragma once
//! \file connectiondialog.h  First run and profile switching: paste a token (created in the web
//! UI under API keys) or start the offline demo. Also asks for a new token after a 401.
#include "settings/appsettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Aod::Ui {

class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    //! \a keychainNote says where the token will be kept (keychain or this session only).
    ConnectionDialog(const QList<ConnectionProfile> &profiles, const QString &keychainNote,
                     bool demoAvailable, QWidget *parent = nullptr);

    //! Token-rejected mode: the profile is fixed, the message explains why we ask.
    void askForNewToken(const ConnectionProfile &profile, const QString &reason);
    void selectProfile(const QString &name);

    ConnectionProfile profile() const;
    QString token() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *tokenEdit() const { return m_token; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *demoButton() const { return m_demo; }

Q_SIGNALS:
    void connectRequested(const Aod::Ui::ConnectionProfile &profile, const QString &token);
    void demoRequested();

private:
    void updateHint();
    void updateButtons();

    QList<ConnectionProfile> m_profiles;
    QComboBox *m_profileCombo;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLabel *m_intro;
    QLabel *m_hint;
    QLabel *m_keychain;
    QPushButton *m_connect;
    QPushButton *m_demo;
};

} // namespace Aod::Ui
