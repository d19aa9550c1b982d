#include "connectiondialog.h"

#include <aod/clientconfig.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Aod::Ui {

ConnectionDialog::ConnectionDialog(const QList<ConnectionProfile> &profiles, const QString &keychainNote,
                                   bool demoAvailable, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_profileCombo(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_intro(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_keychain(new QLabel(keychainNote, this))
    , m_connect(new QPushButton(tr("Connect"), this))
    , m_demo(new QPushButton(tr("Start offline demo"), this))
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Connect to AoD"));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("<b>Welcome to AoD Desktop.</b> Connect to an Agent on Demand server with an API "
                        "token, or try everything offline against a local demo server with sample data."));
    m_profileCombo->addItem(tr("New profile"), QString());
    for (const auto &p : profiles) {
        if (!p.demo)
            m_profileCombo->addItem(p.name, p.name);
    }
    m_name->setText(tr("Default"));
    m_url->setText(QString::fromLatin1(Aod::ClientConfig::DefaultBaseUrl));
    m_url->setPlaceholderText(QStringLiteral("https://aod.example.com"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(QStringLiteral("aod_…"));
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_hint->setWordWrap(true);
    m_hint->setOpenExternalLinks(true);
    m_hint->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_keychain->setWordWrap(true);
    m_connect->setDefault(true);
    m_demo->setVisible(demoAvailable);
    m_demo->setToolTip(tr("Runs a local AoD server inside the app with sample agents, environments and "
                          "sessions; nothing leaves this computer."));

    auto *group = new QGroupBox(tr("Server"), this);
    auto *form = new QFormLayout(group);
    form->addRow(tr("Profile"), m_profileCombo);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("Server &URL"), m_url);
    form->addRow(tr("API &token"), m_token);
    form->addRow(QString(), m_hint);
    form->addRow(QString(), m_keychain);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_demo, QDialogButtonBox::ActionRole);
    buttons->addButton(m_connect, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *box = new QVBoxLayout(this);
    box->addWidget(m_intro);
    box->addWidget(group);
    box->addWidget(buttons);

    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
        const QString name = m_profileCombo->itemData(i).toString();
        for (const auto &p : std::as_const(m_profiles)) {
            if (p.name == name) {
                m_name->setText(p.name);
                m_url->setText(p.url);
            }
        }
    });
    connect(m_url, &QLineEdit::textChanged, this, &ConnectionDialog::updateHint);
    connect(m_url, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
    connect(m_token, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
    connect(m_name, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
    connect(m_connect, &QPushButton::clicked, this, [this] {
        Q_EMIT connectRequested(profile(), token());
        accept();
    });
    connect(m_demo, &QPushButton::clicked, this, [this] {
        Q_EMIT demoRequested();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateHint();
    updateButtons();
    resize(520, 360);
}

void ConnectionDialog::askForNewToken(const ConnectionProfile &p, const QString &reason)
{
    setWindowTitle(tr("Token rejected"));
    m_intro->setText(tr("<b>%1 rejected the token</b> (%2). Paste a new one to continue; until then "
                        "nothing is retried.").arg(p.name.toHtmlEscaped(), reason.toHtmlEscaped()));
    selectProfile(p.name);
    m_name->setText(p.name);
    m_url->setText(p.url);
    m_profileCombo->setEnabled(false);
    m_name->setEnabled(false);
    m_url->setEnabled(false);
    m_demo->hide();
    m_token->clear();
    m_token->setFocus();
}

void ConnectionDialog::selectProfile(const QString &name)
{
    const int i = m_profileCombo->findData(name);
    if (i >= 0)
        m_profileCombo->setCurrentIndex(i);
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.url = m_url->text().trimmed();
    return p;
}

QString ConnectionDialog::token() const
{
    return m_token->text().trimmed();
}

void ConnectionDialog::updateHint()
{
    QString base = m_url->text().trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QString keys = base + QStringLiteral("/ui/api-keys");
    m_hint->setText(tr("Create a token in the web UI under <a href=\"%1\">API keys</a> (%2); it is shown only once.")
                        .arg(keys.toHtmlEscaped(), keys.toHtmlEscaped()));
}

void ConnectionDialog::updateButtons()
{
    m_connect->setEnabled(!m_name->text().trimmed().isEmpty() && !m_url->text().trimmed().isEmpty()
                          && !m_token->text().trimmed().isEmpty());
}

} // namespace Aod::Ui
