#pragma once
//! \file sessionrunner.h  Aod::SessionRunner: create a session (or take an existing one),
//! follow it to its end through reconnects, and hand back the final session with its events
//! and output. The SDK's `run` / `wait_for_completion`.
#include <aod/error.h>
#include <aod/models/session.h>
#include <aod/sessionstream.h>
#include <aod/streamevent.h>

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace Aod {

class Client;
class SessionRunnerPrivate;

//! \brief What a SessionRunner collects, and how it follows the stream.
struct AOD_EXPORT RunOptions
{
    //! Reconnect policy of the underlying stream (`since` is used by follow() only).
    StreamOptions stream;
    //! Keep every delivered event in RunResult::events.
    bool collectEvents = true;
    //! Concatenate output chunks into RunResult::stdoutText / stderrText.
    bool collectOutput = true;
};

//! \brief The outcome of a run: the session as GET returned it after the terminal event,
//! the events, and the reassembled output.
struct AOD_EXPORT RunResult
{
    Session session;             //!< GET /sessions/{id} after the terminal event
    QString sessionId;
    StreamEvent terminalEvent;   //!< exit, error or terminated
    QList<StreamEvent> events;   //!< in delivery order (if collectEvents)
    QString stdoutText;          //!< every stdout chunk concatenated (if collectOutput)
    QString stderrText;

    //! The exit code of the terminal `exit` event (nullopt for error/terminated or a null code).
    std::optional<int> exitCode() const { return terminalEvent.exitCode(); }
    //! The session completed and the last turn exited 0.
    bool isSuccess() const
    {
        return session.status == SessionStatus::Completed && session.exitCode.value_or(-1) == 0;
    }
};

//! \brief Runs a session to its end: `POST /sessions` (secret env vars and resources
//! included), then a self-resuming SessionStream to the terminal event, then a final
//! `GET /sessions/{id}`.
//!
//! Unlike the Python SDK's `run()`, it survives drops, 5xx and stalls (the stream resumes from
//! its cursor, so no event is lost or repeated), treats `stale` as "check and carry on", and
//! can pass `secret_env_vars` and typed repository resources.
//!
//! **Signal order.** sessionCreated(id) (run() only), then eventReceived() per event, then
//! finished() exactly once, then exactly one of succeeded() (read result()) or failed(error).
//! After cancel() only finished(), and isCanceled() is true. "Succeeded" means the session was
//! followed to its end, whatever its exit code: see RunResult::isSuccess(). Nothing is emitted
//! inside run() or follow().
//!
//! **Ownership.** A child of the Client; deletes itself after its last signal unless
//! setAutoDelete(false). Deleting it stops following (the session itself keeps running).
//!
//! **Threads.** Lives in the Client's thread.
class AOD_EXPORT SessionRunner : public QObject
{
    Q_OBJECT
public:
    //! Creates a session from \a draft and follows it.
    static SessionRunner *run(Client *client, const SessionDraft &draft, const RunOptions &options = {});
    //! Follows an existing session from `options.stream.since` (Python's wait_for_completion).
    static SessionRunner *follow(Client *client, const QString &sessionId, const RunOptions &options = {});

    ~SessionRunner() override;

    //! Empty until the session exists.
    QString sessionId() const;
    //! The live stream while following (null before and after): for state and progress.
    SessionStream *stream() const;

    bool isFinished() const;
    bool isSuccess() const;
    bool isCanceled() const;
    Error error() const;
    //! Valid after succeeded(); after failed() it still holds what was collected.
    const RunResult &result() const;

    bool autoDelete() const;
    void setAutoDelete(bool autoDelete);
    //! As Reply::waitForFinished(): a local event loop, for tools, scripts and tests.
    bool waitForFinished(int msecs = -1);

public Q_SLOTS:
    //! Stops following (the session is not terminated). Emits only finished().
    void cancel();

Q_SIGNALS:
    void sessionCreated(const QString &sessionId);
    void eventReceived(const Aod::StreamEvent &event);
    void finished();
    void succeeded();
    void failed(const Aod::Error &error);

private:
    friend class SessionRunnerPrivate;
    SessionRunner(Client *client, const RunOptions &options);
    std::unique_ptr<SessionRunnerPrivate> d;
};

} // namespace Aod
