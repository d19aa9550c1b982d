#pragma once
//! \file sessionview.h  One open session: live console, stage timeline, turn history, details,
//! follow-up prompt and the actions that contract §5.4 allows in the current status.
#include <aod/error.h>
#include <aod/models/session.h>
#include <aod/sessionstream.h>

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QToolButton;

namespace Aod {
class Client;
}

namespace Aod::Ui {

class AppSettings;
class ConsoleFeeder;
class ErrorBanner;
class OutputLogFilterModel;
class OutputLogModel;
class OutputLogView;
class StageTimelineModel;
class StreamStatusIndicator;
class TurnListModel;

class SessionView : public QWidget
{
    Q_OBJECT
public:
    SessionView(Aod::Client *client, const QString &sessionId, AppSettings *settings,
                QWidget *parent = nullptr);
    ~SessionView() override;

    QString sessionId() const { return m_id; }
    Aod::Session session() const { return m_session; }
    QString title() const;
    void setAgentName(const QString &name);
    QString agentName() const { return m_agentName; }
    //! Asks before terminate and delete (on by default; tests turn it off).
    void setConfirmDestructive(bool on) { m_confirm = on; }

    //! Loads the session and its turns and opens the stream from the start (replay + tail).
    void start();
    void applySettings();

    // Actions (also bound to the buttons). Each is refused, with a banner, where §5.4 says 409.
    void sendFollowUp(const QString &prompt, int timeoutSec = 0);
    void interrupt();
    void terminate();
    void remove();
    void refresh();
    bool saveTranscript(const QString &path, QString *error = nullptr) const;
    //! Selects the next line containing \a text after the current one; false when none.
    bool findNext(const QString &text, bool backwards = false);

    // State for the UI and tests.
    bool canPrompt() const;
    bool canInterrupt() const;
    bool canTerminate() const;
    bool canDelete() const;
    bool isRawView() const { return m_rawView; }
    void setRawView(bool raw);
    OutputLogModel *formattedModel() const { return m_formatted; }
    OutputLogModel *rawModel() const { return m_raw; }
    OutputLogView *console() const { return m_console; }
    StageTimelineModel *stages() const { return m_stages; }
    TurnListModel *turns() const { return m_turns; }
    StreamStatusIndicator *indicator() const { return m_indicator; }
    ErrorBanner *banner() const { return m_banner; }
    ConsoleFeeder *feeder() const { return m_feeder; }
    QTabWidget *tabs() const { return m_tabs; }
    Aod::SessionStream *stream() const { return m_stream; }

Q_SIGNALS:
    //! The session or its status changed (title, tab colour).
    void sessionChanged(const Aod::Session &session);
    //! A session watched while active reached a terminal status.
    void ended(const QString &sessionId, const QString &status, const QString &summary);
    void deleted(const QString &sessionId);
    void titleChanged(const QString &title);

private:
    void buildUi();
    void openStream(qint64 since);
    void onEvent(const Aod::StreamEvent &event);
    void onStreamFinished();
    void setSession(const Aod::Session &session);
    void loadTurns();
    void updateActions();
    void updateConsoleModel();
    void updateLineCount();
    void showError(const Aod::Error &error, const QString &context);

    Aod::Client *m_client;
    QString m_id;
    AppSettings *m_settings;
    Aod::Session m_session;
    QString m_agentName;
    QPointer<Aod::SessionStream> m_stream;
    bool m_watchedActive = false;
    bool m_confirm = true;
    bool m_rawView = false;
    bool m_loaded = false;

    OutputLogModel *m_formatted;
    OutputLogModel *m_raw;
    OutputLogFilterModel *m_filter;
    ConsoleFeeder *m_feeder;
    StageTimelineModel *m_stages;
    TurnListModel *m_turns;

    QLabel *m_title = nullptr;
    QLabel *m_statusPill = nullptr;
    StreamStatusIndicator *m_indicator = nullptr;
    ErrorBanner *m_banner = nullptr;
    QTabWidget *m_tabs = nullptr;
    OutputLogView *m_console = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_filterMatches = nullptr;
    QCheckBox *m_rawToggle = nullptr;
    QCheckBox *m_followToggle = nullptr;
    QCheckBox *m_showStderr = nullptr;
    QCheckBox *m_showThinking = nullptr;
    QLabel *m_lineCount = nullptr;
    QPlainTextEdit *m_prompt = nullptr;
    QSpinBox *m_promptTimeout = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_promptHint = nullptr;
    QPushButton *m_interrupt = nullptr;
    QPushButton *m_terminate = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_details = nullptr;
};

} // namespace Aod::Ui
