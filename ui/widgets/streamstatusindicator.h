#pragma once
//! \file streamstatusindicator.h  "● live · heartbeat 3s ago" / "reconnecting…" / "ended",
//! from the stream's state and its heartbeats.
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace Aod::Ui {

class StreamStatusIndicator : public QWidget
{
    Q_OBJECT
public:
    enum class LinkState { Idle, Connecting, Live, Reconnecting, Ended, Failed };
    Q_ENUM(LinkState)

    explicit StreamStatusIndicator(QWidget *parent = nullptr);

    LinkState state() const { return m_state; }
    void setState(LinkState state, const QString &detail = {});
    //! A heartbeat or an event arrived: the connection is alive.
    void noteActivity();
    //! Seconds without heartbeat or event after which a live link shows as "quiet".
    void setQuietAfterSec(int sec) { m_quietSec = sec; }
    QString text() const;

private:
    void refresh();

    QLabel *m_dot;
    QLabel *m_label;
    LinkState m_state = LinkState::Idle;
    QString m_detail;
    QElapsedTimer m_lastActivity;
    QTimer m_tick;
    int m_quietSec = 35;
};

} // namespace Aod::Ui
