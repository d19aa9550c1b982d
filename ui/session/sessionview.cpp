#include "sessionview.h"

#include "core/stagelabels.h"
#include "core/theme.h"
#include "models/outputlogfiltermodel.h"
#include "models/outputlogmodel.h"
#include "models/stagetimelinemodel.h"
#include "models/turnlistmodel.h"
#include "session/consolefeeder.h"
#include "settings/appsettings.h"
#include "widgets/errorbanner.h"
#include "widgets/outputlogview.h"
#include "widgets/streamstatusindicator.h"

#include <aod/client.h>
#include <aod/sessionsapi.h>

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Aod::Ui {

namespace {
QString statusOf(const Aod::Session &s)
{
    return s.statusString.isEmpty() ? Aod::sessionStatusToString(s.status) : s.statusString;
}
} // namespace

SessionView::SessionView(Aod::Client *client, const QString &sessionId, AppSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_id(sessionId)
    , m_settings(settings)
    , m_formatted(new OutputLogModel(this))
    , m_raw(new OutputLogModel(this))
    , m_filter(new OutputLogFilterModel(this))
    , m_feeder(new ConsoleFeeder(m_formatted, m_raw, this))
    , m_stages(new StageTimelineModel(this))
    , m_turns(new TurnListModel(this))
{
    setObjectName(QStringLiteral("sessionView"));
    buildUi();
    applySettings();
    updateActions();
}

SessionView::~SessionView()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->close();
        m_stream->deleteLater();
    }
}

QString SessionView::title() const
{
    const QString who = m_agentName.isEmpty() ? m_id.left(8) : m_agentName;
    return QStringLiteral("%1 · %2").arg(who, m_id.left(8));
}

void SessionView::setAgentName(const QString &name)
{
    m_agentName = name;
    if (m_title)
        m_title->setText(QStringLiteral("<b>%1</b> &nbsp; <span style=\"opacity:0.7\">%2</span>")
                             .arg(name.toHtmlEscaped(), m_id));
    Q_EMIT titleChanged(title());
}

void SessionView::buildUi()
{
    m_title = new QLabel(this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setText(QStringLiteral("<b>%1</b>").arg(m_id));
    m_statusPill = new QLabel(this);
    m_statusPill->setObjectName(QStringLiteral("statusPill"));
    m_statusPill->setMargin(3);
    m_indicator = new StreamStatusIndicator(this);
    m_interrupt = new QPushButton(tr("Interrupt"), this);
    m_interrupt->setObjectName(QStringLiteral("interruptButton"));
    m_interrupt->setToolTip(tr("Stop the running turn; the session stays usable (Ctrl+I)"));
    m_terminate = new QPushButton(tr("Terminate"), this);
    m_terminate->setObjectName(QStringLiteral("terminateButton"));
    m_terminate->setToolTip(tr("End the session and its sandbox"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setToolTip(tr("Delete the session and its logs (not while active)"));
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_statusPill);
    header->addSpacing(12);
    header->addWidget(m_indicator);
    header->addSpacing(12);
    header->addWidget(m_interrupt);
    header->addWidget(m_terminate);
    header->addWidget(m_delete);

    m_banner = new ErrorBanner(this);

    // Console tab
    auto *consolePage = new QWidget(this);
    m_search = new QLineEdit(consolePage);
    m_search->setObjectName(QStringLiteral("consoleSearch"));
    m_search->setPlaceholderText(tr("Search output (Ctrl+F, Enter for next)"));
    m_search->setClearButtonEnabled(true);
    m_filterMatches = new QCheckBox(tr("Only matches"), consolePage);
    m_rawToggle = new QCheckBox(tr("Raw"), consolePage);
    m_rawToggle->setObjectName(QStringLiteral("rawToggle"));
    m_rawToggle->setToolTip(tr("Show the output exactly as the runtime wrote it (Ctrl+R)"));
    m_showStderr = new QCheckBox(tr("stderr"), consolePage);
    m_showStderr->setChecked(true);
    m_showThinking = new QCheckBox(tr("Thinking"), consolePage);
    m_showThinking->setChecked(true);
    m_followToggle = new QCheckBox(tr("Follow"), consolePage);
    m_followToggle->setObjectName(QStringLiteral("followToggle"));
    m_followToggle->setChecked(true);
    m_followToggle->setToolTip(tr("Keep the newest output in view (End)"));
    auto *copy = new QToolButton(consolePage);
    copy->setText(tr("Copy"));
    auto *save = new QToolButton(consolePage);
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save the transcript to a file (Ctrl+S)"));
    m_lineCount = new QLabel(consolePage);
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_search, 1);
    tools->addWidget(m_filterMatches);
    tools->addWidget(m_rawToggle);
    tools->addWidget(m_showStderr);
    tools->addWidget(m_showThinking);
    tools->addWidget(m_followToggle);
    tools->addWidget(copy);
    tools->addWidget(save);
    tools->addWidget(m_lineCount);
    m_console = new OutputLogView(consolePage);
    m_prompt = new QPlainTextEdit(consolePage);
    m_prompt->setObjectName(QStringLiteral("followUpPrompt"));
    m_prompt->setPlaceholderText(tr("Follow-up prompt (Ctrl+Enter to send)"));
    m_prompt->setMaximumHeight(70);
    m_promptTimeout = new QSpinBox(consolePage);
    m_promptTimeout->setRange(10, 3600);
    m_promptTimeout->setValue(600);
    m_promptTimeout->setSuffix(tr(" s"));
    m_promptTimeout->setToolTip(tr("Timeout of the new turn"));
    m_send = new QPushButton(tr("Send"), consolePage);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_promptHint = new QLabel(consolePage);
    m_promptHint->setWordWrap(true);
    auto *promptRow = new QHBoxLayout;
    promptRow->addWidget(m_prompt, 1);
    auto *promptSide = new QVBoxLayout;
    promptSide->addWidget(m_promptTimeout);
    promptSide->addWidget(m_send);
    promptRow->addLayout(promptSide);
    auto *consoleBox = new QVBoxLayout(consolePage);
    consoleBox->setContentsMargins(0, 4, 0, 0);
    consoleBox->addLayout(tools);
    consoleBox->addWidget(m_console, 1);
    consoleBox->addWidget(m_promptHint);
    consoleBox->addLayout(promptRow);

    auto makeTable = [this](QAbstractItemModel *model) {
        auto *view = new QTableView(this);
        view->setModel(model);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setAlternatingRowColors(true);
        return view;
    };
    m_details = new QLabel(this);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMargin(8);
    m_details->setWordWrap(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("sessionTabs"));
    m_tabs->addTab(consolePage, tr("Console"));
    m_tabs->addTab(makeTable(m_stages), tr("Stages"));
    auto *turnsView = makeTable(m_turns);
    turnsView->horizontalHeader()->resizeSection(TurnListModel::Prompt, 320);
    m_tabs->addTab(turnsView, tr("Turns"));
    m_tabs->addTab(m_details, tr("Details"));

    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(6, 6, 6, 6);
    box->addLayout(header);
    box->addWidget(m_banner);
    box->addWidget(m_tabs, 1);

    m_filter->setSourceModel(m_formatted);
    updateConsoleModel();

    connect(m_rawToggle, &QCheckBox::toggled, this, &SessionView::setRawView);
    connect(m_followToggle, &QCheckBox::toggled, m_console, &OutputLogView::setFollowTail);
    connect(m_console, &OutputLogView::followTailChanged, m_followToggle, &QCheckBox::setChecked);
    connect(m_showStderr, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setKindVisible(LogLine::Stderr, on);
        updateConsoleModel();
    });
    connect(m_showThinking, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setKindVisible(LogLine::Thinking, on);
        updateConsoleModel();
    });
    connect(m_filterMatches, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setSearchText(on ? m_search->text() : QString());
        updateConsoleModel();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_filterMatches->isChecked()) {
            m_filter->setSearchText(text);
            updateConsoleModel();
        }
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findNext(m_search->text()); });
    connect(copy, &QToolButton::clicked, m_console, &OutputLogView::copySelection);
    connect(save, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save transcript"),
            QStringLiteral("session-%1.txt").arg(m_id.left(8)), tr("Text files (*.txt);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !saveTranscript(path, &error))
            m_banner->showMessage(error, ErrorBanner::Level::Error);
    });
    connect(m_send, &QPushButton::clicked, this, [this] {
        sendFollowUp(m_prompt->toPlainText(), m_promptTimeout->value());
    });
    connect(m_interrupt, &QPushButton::clicked, this, &SessionView::interrupt);
    connect(m_terminate, &QPushButton::clicked, this, [this] {
        if (!m_confirm) {
            terminate();
            return;
        }
        auto *ask = new QMessageBox(QMessageBox::Question, tr("Terminate session"),
            tr("Terminate session %1? Its sandbox is destroyed and it cannot take prompts any more.").arg(m_id.left(8)),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::accepted, this, &SessionView::terminate);
        ask->open();
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!m_confirm) {
            remove();
            return;
        }
        auto *ask = new QMessageBox(QMessageBox::Question, tr("Delete session"),
            tr("Delete session %1 and all its logs?").arg(m_id.left(8)),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::accepted, this, &SessionView::remove);
        ask->open();
    });
    connect(m_formatted, &OutputLogModel::batchInserted, this, &SessionView::updateLineCount);
    connect(m_raw, &OutputLogModel::batchInserted, this, &SessionView::updateLineCount);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_search->setFocus();
        m_search->selectAll();
    });
    auto *findNextKey = new QShortcut(QKeySequence::FindNext, this);
    connect(findNextKey, &QShortcut::activated, this, [this] { findNext(m_search->text()); });
    auto *findPrevKey = new QShortcut(QKeySequence::FindPrevious, this);
    connect(findPrevKey, &QShortcut::activated, this, [this] { findNext(m_search->text(), true); });
    auto *rawKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this);
    connect(rawKey, &QShortcut::activated, m_rawToggle, &QCheckBox::toggle);
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    connect(saveKey, &QShortcut::activated, save, &QToolButton::click);
    auto *sendKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_prompt);
    sendKey->setContext(Qt::WidgetShortcut);
    connect(sendKey, &QShortcut::activated, m_send, &QPushButton::click);
    auto *interruptKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_I), this);
    connect(interruptKey, &QShortcut::activated, this, [this] {
        if (canInterrupt())
            interrupt();
    });
}

void SessionView::applySettings()
{
    if (!m_settings)
        return;
    const int cap = m_settings->consoleLineCap();
    m_formatted->setLineCap(cap);
    m_raw->setLineCap(cap);
    m_console->setFont(m_settings->consoleFont());
    m_showThinking->setChecked(m_settings->showThinking());
    const bool dark = Theme::isDark(m_console->palette());
    m_formatted->setDarkPalette(dark);
    m_raw->setDarkPalette(dark);
}

void SessionView::setRawView(bool raw)
{
    if (raw == m_rawView)
        return;
    m_rawView = raw;
    if (m_rawToggle->isChecked() != raw)
        m_rawToggle->setChecked(raw);
    m_filter->setSourceModel(raw ? m_raw : m_formatted);
    updateConsoleModel();
    updateLineCount();
}

void SessionView::updateConsoleModel()
{
    // The proxy costs a filter pass per batch; bypass it whenever nothing is filtered.
    QAbstractItemModel *want = m_filter->isFiltering() ? static_cast<QAbstractItemModel *>(m_filter)
                                                        : (m_rawView ? m_raw : m_formatted);
    if (m_console->model() != want)
        m_console->setModel(want);
}

void SessionView::updateLineCount()
{
    const OutputLogModel *m = m_rawView ? m_raw : m_formatted;
    if (m->droppedLines() > 0)
        m_lineCount->setText(tr("%L1 lines (%L2 older dropped)").arg(m->rowCount()).arg(m->droppedLines()));
    else
        m_lineCount->setText(tr("%L1 lines").arg(m->rowCount()));
}

void SessionView::start()
{
    m_client->sessions()->get(m_id)->then(this,
        [this](const Aod::Session &s) {
            m_loaded = true;
            if (s.isActive())
                m_watchedActive = true;
            setSession(s);
            if (m_feeder->provider().isEmpty())
                m_feeder->setProvider(s.provider);
        },
        [this](const Aod::Error &e) { showError(e, tr("Loading the session failed")); });
    loadTurns();
    openStream(0);
}

void SessionView::loadTurns()
{
    m_client->sessions()->turns(m_id)->then(this,
        [this](const QList<Aod::SessionTurn> &turns) { m_turns->setTurns(turns); },
        [this](const Aod::Error &e) { showError(e, tr("Loading the turns failed")); });
}

void SessionView::refresh()
{
    m_client->sessions()->get(m_id)->then(this,
        [this](const Aod::Session &s) { setSession(s); },
        [this](const Aod::Error &e) { showError(e, tr("Refreshing the session failed")); });
    loadTurns();
}

void SessionView::openStream(qint64 since)
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->close();
        m_stream->deleteLater();
    }
    Aod::StreamOptions options;
    options.since = since;
    options.maxRetries = -1; // an operator watching wants it back, however long the outage
    m_stream = m_client->sessions()->openStream(m_id, options);
    m_stream->setAutoDelete(false);
    m_indicator->setState(StreamStatusIndicator::LinkState::Connecting);
    connect(m_stream, &Aod::SessionStream::eventReceived, this, &SessionView::onEvent);
    connect(m_stream, &Aod::SessionStream::heartbeat, m_indicator, &StreamStatusIndicator::noteActivity);
    connect(m_stream, &Aod::SessionStream::stateChanged, this, [this](Aod::SessionStream::State state) {
        using S = Aod::SessionStream::State;
        using L = StreamStatusIndicator::LinkState;
        switch (state) {
        case S::Connecting: m_indicator->setState(L::Connecting); break;
        case S::Open: m_indicator->setState(L::Live); break;
        case S::Reconnecting:
            m_indicator->setState(L::Reconnecting, m_stream ? m_stream->error().message() : QString());
            break;
        case S::Closed: break; // finished() says how
        }
    });
    connect(m_stream, &Aod::SessionStream::finished, this, &SessionView::onStreamFinished);
}

void SessionView::onEvent(const Aod::StreamEvent &event)
{
    m_indicator->noteActivity();
    m_feeder->feed(event);
    using T = Aod::StreamEvent::Type;
    switch (event.type()) {
    case T::Stage:
        m_stages->applyStage(event.stage(), event.stageState(), event.durationMs().value_or(-1),
                             event.message(), m_feeder->currentTurn());
        break;
    case T::TurnStart:
        if (m_loaded && !m_session.isActive()) {
            m_session.status = Aod::SessionStatus::Running;
            m_session.statusString = QStringLiteral("running");
            setSession(m_session);
        }
        loadTurns();
        break;
    default:
        break;
    }
    if (event.isTerminal()) {
        m_feeder->finish();
        refresh();
    }
}

void SessionView::onStreamFinished()
{
    if (!m_stream)
        return;
    using R = Aod::SessionStream::FinishReason;
    using L = StreamStatusIndicator::LinkState;
    const auto reason = m_stream->finishReason();
    if (reason == R::TerminalEvent || reason == R::ClosedByCaller) {
        const Aod::StreamEvent t = m_stream->terminalEvent();
        m_indicator->setState(L::Ended, t.typeString());
    } else {
        m_indicator->setState(L::Failed);
        showError(m_stream->error(), tr("The live stream stopped"));
    }
    m_feeder->finish();
    m_formatted->flush();
    m_raw->flush();
}

void SessionView::setSession(const Aod::Session &s)
{
    m_session = s;
    const QString status = statusOf(s);
    const auto colors = Theme::statusColors(status, Theme::isDark(palette()));
    m_statusPill->setText(status);
    m_statusPill->setStyleSheet(QStringLiteral("QLabel#statusPill { color: %1; background: %2; border-radius: 4px; padding: 2px 8px; }")
                                    .arg(colors.foreground.name(), colors.background.name()));
    QStringList resources;
    for (const auto &r : s.resources)
        resources << QStringLiteral("%1: %2 → %3").arg(r.type, r.url, r.mountPath).toHtmlEscaped();
    auto row = [](const QString &k, const QString &v) {
        return QStringLiteral("<tr><td style=\"padding-right:16px\"><b>%1</b></td><td>%2</td></tr>").arg(k, v);
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("ID"), s.id);
    html += row(tr("Agent"), (m_agentName.isEmpty() ? s.agentId : QStringLiteral("%1 (%2)").arg(m_agentName, s.agentId)).toHtmlEscaped());
    html += row(tr("Environment"), s.environmentId.isEmpty() ? tr("none") : s.environmentId);
    html += row(tr("Provider"), s.provider.toHtmlEscaped());
    html += row(tr("Formatter"), m_feeder->formatterName());
    html += row(tr("Status"), status);
    html += row(tr("Exit code"), s.exitCode ? QString::number(*s.exitCode) : QString());
    html += row(tr("Turns"), QString::number(s.turnCount));
    html += row(tr("Resources"), resources.isEmpty() ? tr("none") : resources.join(QStringLiteral("<br>")));
    html += row(tr("Created"), QLocale().toString(s.createdAt.toLocalTime(), QLocale::LongFormat));
    html += row(tr("Updated"), QLocale().toString(s.updatedAt.toLocalTime(), QLocale::LongFormat));
    html += QStringLiteral("</table>");
    m_details->setText(html);
    updateActions();
    if (s.isActive())
        m_watchedActive = true;
    if (m_watchedActive && s.isTerminal()) {
        m_watchedActive = false;
        const QString summary = s.exitCode ? tr("%1 (exit %2)").arg(status).arg(*s.exitCode) : status;
        Q_EMIT ended(m_id, status, summary);
    }
    Q_EMIT sessionChanged(s);
}

bool SessionView::canPrompt() const { return m_session.status == Aod::SessionStatus::Completed; }
bool SessionView::canInterrupt() const { return m_session.isActive(); }
bool SessionView::canTerminate() const
{
    return m_loaded && m_session.status != Aod::SessionStatus::Terminated;
}
bool SessionView::canDelete() const { return m_session.isTerminal(); }

void SessionView::updateActions()
{
    m_interrupt->setEnabled(canInterrupt());
    m_terminate->setEnabled(canTerminate());
    m_delete->setEnabled(canDelete());
    const bool prompt = canPrompt();
    m_prompt->setEnabled(prompt);
    m_send->setEnabled(prompt);
    m_promptTimeout->setEnabled(prompt);
    switch (m_session.status) {
    case Aod::SessionStatus::Completed: m_promptHint->setText(tr("The session is completed: send a follow-up prompt to start the next turn.")); break;
    case Aod::SessionStatus::Pending:
    case Aod::SessionStatus::Running: m_promptHint->setText(tr("A turn is running: follow-ups are possible once it completes.")); break;
    case Aod::SessionStatus::Failed: m_promptHint->setText(tr("The session failed and cannot be resumed: start a new session.")); break;
    case Aod::SessionStatus::Terminated: m_promptHint->setText(tr("The session was terminated.")); break;
    case Aod::SessionStatus::Unknown: m_promptHint->setText(m_loaded ? tr("Unknown status.") : tr("Loading…")); break;
    }
}

void SessionView::sendFollowUp(const QString &prompt, int timeoutSec)
{
    if (!canPrompt()) {
        m_banner->showMessage(tr("Only a completed session takes a follow-up prompt."), ErrorBanner::Level::Warning);
        return;
    }
    Aod::PromptRequest request;
    request.prompt = prompt;
    if (timeoutSec > 0)
        request.timeout = timeoutSec;
    const auto items = request.validate();
    if (!items.isEmpty()) {
        m_banner->showMessage(items.first().msg, ErrorBanner::Level::Warning);
        return;
    }
    m_send->setEnabled(false);
    m_client->sessions()->prompt(m_id, request)->then(this,
        [this](const Aod::SessionAck &) {
            m_prompt->clear();
            m_banner->dismiss();
            m_watchedActive = true;
            m_session.status = Aod::SessionStatus::Pending;
            m_session.statusString = QStringLiteral("pending");
            setSession(m_session);
            // Continue the same stream from its cursor: only the new turn arrives.
            if (m_stream && m_stream->isFinished())
                m_stream->resume();
            else if (!m_stream)
                openStream(0);
            loadTurns();
        },
        [this](const Aod::Error &e) {
            updateActions();
            showError(e, tr("The follow-up was refused"));
        });
}

void SessionView::interrupt()
{
    m_client->sessions()->interrupt(m_id)->then(this,
        [this](const Aod::SessionAck &) {
            m_banner->showMessage(tr("Interrupt requested: the turn stops and the session stays usable."));
            refresh();
        },
        [this](const Aod::Error &e) { showError(e, tr("Interrupt failed")); });
}

void SessionView::terminate()
{
    m_terminate->setEnabled(false);
    m_client->sessions()->terminate(m_id)->then(this,
        [this](const Aod::SessionAck &ack) {
            m_session.status = ack.status;
            m_session.statusString = ack.statusString;
            setSession(m_session);
            refresh();
        },
        [this](const Aod::Error &e) {
            updateActions();
            showError(e, tr("Terminate failed"));
        });
}

void SessionView::remove()
{
    m_client->sessions()->remove(m_id)->then(this,
        [this](const QString &) { Q_EMIT deleted(m_id); },
        [this](const Aod::Error &e) { showError(e, tr("Delete failed")); });
}

bool SessionView::saveTranscript(const QString &path, QString *error) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    const OutputLogModel *m = m_rawView ? m_raw : m_formatted;
    f.write(m->toPlainText().toUtf8());
    return true;
}

bool SessionView::findNext(const QString &text, bool backwards)
{
    QAbstractItemModel *m = m_console->model();
    if (!m || text.isEmpty())
        return false;
    const int n = m->rowCount();
    if (n == 0)
        return false;
    const int start = m_console->currentIndex().isValid() ? m_console->currentIndex().row() : (backwards ? n : -1);
    for (int step = 1; step <= n; ++step) {
        const int row = ((backwards ? start - step : start + step) % n + n) % n;
        const QModelIndex idx = m->index(row, 0);
        if (idx.data().toString().contains(text, Qt::CaseInsensitive)) {
            m_console->setFollowTail(false);
            m_console->setCurrentIndex(idx);
            m_console->scrollTo(idx, QAbstractItemView::PositionAtCenter);
            return true;
        }
    }
    return false;
}

void SessionView::showError(const Aod::Error &error, const QString &context)
{
    m_banner->showError(error, context);
}

} // namespace Aod::Ui
