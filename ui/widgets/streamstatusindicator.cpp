#include "streamstatusindicator.h"

#include "core/theme.h"

#include <QHBoxLayout>
#include <QLabel>

namespace Aod::Ui {

StreamStatusIndicator::StreamStatusIndicator(QWidget *parent)
    : QWidget(parent), m_dot(new QLabel(this)), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("streamStatus"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_dot);
    row->addWidget(m_label);
    m_dot->setText(QStringLiteral("●"));
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &StreamStatusIndicator::refresh);
    refresh();
}

void StreamStatusIndicator::setState(LinkState state, const QString &detail)
{
    m_state = state;
    m_detail = detail;
    if (state == LinkState::Live)
        m_lastActivity.start();
    if (state == LinkState::Live || state == LinkState::Reconnecting || state == LinkState::Connecting)
        m_tick.start();
    else
        m_tick.stop();
    refresh();
}

void StreamStatusIndicator::noteActivity()
{
    m_lastActivity.start();
    if (m_state == LinkState::Live)
        refresh();
}

QString StreamStatusIndicator::text() const
{
    return m_label->text();
}

void StreamStatusIndicator::refresh()
{
    QString statusKey;
    QString text;
    switch (m_state) {
    case LinkState::Idle:
        statusKey = QStringLiteral("terminated");
        text = tr("not connected");
        break;
    case LinkState::Connecting:
        statusKey = QStringLiteral("pending");
        text = tr("connecting…");
        break;
    case LinkState::Live: {
        const qint64 sec = m_lastActivity.isValid() ? m_lastActivity.elapsed() / 1000 : 0;
        if (sec >= m_quietSec) {
            statusKey = QStringLiteral("running");
            text = tr("live · quiet for %1s").arg(sec);
        } else {
            statusKey = QStringLiteral("completed");
            text = sec <= 1 ? tr("live") : tr("live · last activity %1s ago").arg(sec);
        }
        break;
    }
    case LinkState::Reconnecting:
        statusKey = QStringLiteral("running");
        text = tr("reconnecting…");
        break;
    case LinkState::Ended:
        statusKey = QStringLiteral("terminated");
        text = tr("stream ended");
        break;
    case LinkState::Failed:
        statusKey = QStringLiteral("failed");
        text = tr("stream failed");
        break;
    }
    if (!m_detail.isEmpty())
        text += QStringLiteral(" · ") + m_detail;
    const auto colors = Theme::statusColors(statusKey, Theme::isDark(palette()));
    m_dot->setStyleSheet(QStringLiteral("color: %1;").arg(colors.foreground.name()));
    m_label->setText(text);
    setToolTip(text);
}

} // namespace Aod::Ui
