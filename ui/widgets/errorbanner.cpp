#include "errorbanner.h"

#include "core/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace Aod::Ui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_detailsButton(new QToolButton(this))
    , m_actionButton(new QPushButton(this))
    , m_close(new QToolButton(this))
    , m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAutoRaise(true);
    m_actionButton->hide();
    m_details->setReadOnly(true);
    m_details->setMaximumHeight(140);
    m_details->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(m_icon);
    row->addWidget(m_text, 1);
    row->addWidget(m_actionButton);
    row->addWidget(m_detailsButton);
    row->addWidget(m_close);
    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(8, 4, 8, 4);
    box->addLayout(row);
    box->addWidget(m_details);

    connect(m_detailsButton, &QToolButton::toggled, m_details, &QWidget::setVisible);
    connect(m_close, &QToolButton::clicked, this, &ErrorBanner::dismiss);
    connect(m_actionButton, &QPushButton::clicked, this, [this] {
        if (m_action)
            m_action();
    });
    hide();
}

QString ErrorBanner::describe(const Aod::Error &error)
{
    QStringList lines;
    lines << tr("Error: %1").arg(Aod::Error::codeName(error.code()));
    if (error.httpStatus() > 0)
        lines << tr("HTTP status: %1").arg(error.httpStatus());
    if (!error.method().isEmpty())
        lines << tr("Request: %1 %2").arg(QString::fromLatin1(error.method()), error.url().toDisplayString());
    if (!error.message().isEmpty())
        lines << tr("Message: %1").arg(error.message());
    if (!error.detailText().isEmpty())
        lines << tr("Detail: %1").arg(error.detailText());
    const auto items = error.validationItems();
    for (const auto &item : items)
        lines << QStringLiteral("  • %1: %2").arg(item.field(), item.msg);
    if (error.rateLimit() >= 0)
        lines << tr("Active sessions: %1 of %2").arg(error.activeCount()).arg(error.rateLimit());
    if (!error.rawSample().isEmpty())
        lines << tr("Response body:") << QString::fromUtf8(error.rawSample());
    return lines.join(QLatin1Char('\n'));
}

void ErrorBanner::showError(const Aod::Error &error, const QString &context)
{
    QString human = error.detailText();
    if (human.isEmpty())
        human = error.message();
    if (human.isEmpty())
        human = Aod::Error::codeName(error.code());
    const QString text = context.isEmpty() ? human : tr("%1: %2").arg(context, human);
    showMessage(text, Level::Error, describe(error));
}

void ErrorBanner::showMessage(const QString &text, Level level, const QString &details)
{
    const QString key = text + QString::number(int(level));
    if (isVisible() && key == m_lastKey) {
        ++m_repeat;
    } else {
        m_repeat = 1;
        m_lastKey = key;
        setAction({}, {});
    }
    m_level = level;
    m_text->setText(m_repeat > 1 ? tr("%1 (×%2)").arg(text).arg(m_repeat) : text);
    m_details->setPlainText(details);
    m_detailsButton->setVisible(!details.isEmpty());
    if (details.isEmpty())
        m_detailsButton->setChecked(false);
    applyLevel();
    show();
}

void ErrorBanner::setAction(const QString &text, std::function<void()> action)
{
    m_action = std::move(action);
    m_actionButton->setText(text);
    m_actionButton->setVisible(!text.isEmpty() && m_action);
}

void ErrorBanner::dismiss()
{
    hide();
    m_lastKey.clear();
    m_repeat = 1;
    Q_EMIT dismissed();
}

QString ErrorBanner::text() const
{
    return m_text->text();
}

QString ErrorBanner::detailsText() const
{
    return m_details->toPlainText();
}

void ErrorBanner::applyLevel()
{
    const bool dark = Theme::isDark(palette());
    const char *key = m_level == Level::Error ? "failed" : m_level == Level::Warning ? "running" : "pending";
    const auto colors = Theme::statusColors(QLatin1String(key), dark);
    QPalette p = palette();
    p.setColor(QPalette::Window, colors.background);
    p.setColor(QPalette::WindowText, colors.foreground);
    setPalette(p);
    const auto icon = m_level == Level::Error ? QStyle::SP_MessageBoxCritical
        : m_level == Level::Warning ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(16, 16));
}

} // namespace Aod::Ui
