#include "formdialog.h"

#include "widgets/errorbanner.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Aod::Ui {

FormDialog::FormDialog(QWidget *parent)
    : QDialog(parent)
    , m_banner(new ErrorBanner(this))
    , m_body(new QVBoxLayout)
    , m_validation(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setWordWrap(true);
    m_validation->hide();
    auto *box = new QVBoxLayout(this);
    box->addWidget(m_banner);
    box->addLayout(m_body, 1);
    box->addWidget(m_validation);
    box->addWidget(m_buttons);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &FormDialog::validateNow);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FormDialog::trySubmit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QPushButton *FormDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

QStringList FormDialog::invalidFields() const
{
    return m_invalid;
}

void FormDialog::registerField(const QString &name, QWidget *widget)
{
    m_fields.insert(name, widget);
}

void FormDialog::scheduleValidation()
{
    m_debounce.start();
}

void FormDialog::validateNow()
{
    m_debounce.stop();
    showValidation(validateForm());
}

void FormDialog::showValidation(const QList<Aod::ValidationItem> &items)
{
    for (QWidget *w : std::as_const(m_fields)) {
        if (w->property("aodInvalid").toBool()) {
            w->setProperty("aodInvalid", false);
            w->setStyleSheet(QString());
            w->setToolTip(QString());
        }
    }
    m_messages.clear();
    m_invalid.clear();
    QHash<QWidget *, QStringList> tips;
    for (const auto &item : items) {
        const QString field = item.field();
        m_messages << QStringLiteral("%1: %2").arg(field, item.msg);
        const QString top = item.loc.isEmpty() ? QString() : item.loc.first().toString();
        if (!m_invalid.contains(top))
            m_invalid << top;
        if (QWidget *w = m_fields.value(top))
            tips[w] << QStringLiteral("%1: %2").arg(field, item.msg);
    }
    for (auto it = tips.cbegin(); it != tips.cend(); ++it) {
        it.key()->setProperty("aodInvalid", true);
        it.key()->setStyleSheet(QStringLiteral("border: 1px solid #c2414b;"));
        it.key()->setToolTip(it.value().join(QLatin1Char('\n')));
    }
    m_validation->setText(m_messages.isEmpty() ? QString()
        : QStringLiteral("<span style=\"color:#c2414b\">%1</span>").arg(m_messages.join(QStringLiteral("<br>")).toHtmlEscaped().replace(QStringLiteral("&lt;br&gt;"), QStringLiteral("<br>"))));
    m_validation->setVisible(!m_messages.isEmpty());
    saveButton()->setEnabled(m_messages.isEmpty() && !m_busy);
    Q_EMIT validationChanged();
}

void FormDialog::setBusy(bool busy)
{
    m_busy = busy;
    saveButton()->setEnabled(!busy && m_messages.isEmpty());
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void FormDialog::trySubmit()
{
    validateNow();
    if (!m_messages.isEmpty() || m_busy)
        return;
    submit();
}

void FormDialog::showServerError(const Aod::Error &error, const QString &context)
{
    if (error.code() == Aod::Error::Code::ValidationError && !error.validationItems().isEmpty())
        showValidation(error.validationItems());
    m_banner->showError(error, context);
}

} // namespace Aod::Ui
