#include <aod/sessionrunner.h>

#include <aod/client.h>
#include <aod/sessionsapi.h>

#include "logging_p.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

namespace Aod {

class SessionRunnerPrivate
{
public:
    SessionRunnerPrivate(SessionRunner *owner, Client *c, const RunOptions &opts)
        : q(owner), client(c), options(opts)
    {
    }

    void create(const SessionDraft &draft);
    void follow(const QString &sessionId, qint64 since);
    void onEvent(const StreamEvent &event);
    void onStreamFinished();
    void fetchFinal();
    void complete(const Error &e);
    void releaseStream();
    void scheduleAutoDelete();

    SessionRunner *q;
    QPointer<Client> client;
    RunOptions options;
    RunResult result;
    QPointer<SessionStream> stream;
    QPointer<Reply> pending;
    Error error;
    int waitDepth = 0;
    bool finished = false;
    bool success = false;
    bool canceled = false;
    bool autoDelete = true;
    bool deletePending = false;
};

void SessionRunnerPrivate::create(const SessionDraft &draft)
{
    SessionAckReply *reply = client->sessions()->create(draft);
    pending = reply;
    reply->then(q,
        [this](const SessionAck &ack) {
            pending = nullptr;
            const QPointer<SessionRunner> guard(q);
            result.sessionId = ack.id;
            Q_EMIT q->sessionCreated(ack.id);
            if (guard && !finished)
                follow(ack.id, 0);
        },
        [this](const Error &e) {
            pending = nullptr;
            complete(e);
        });
}

void SessionRunnerPrivate::follow(const QString &sessionId, qint64 since)
{
    result.sessionId = sessionId;
    StreamOptions so = options.stream;
    so.since = since;
    SessionStream *s = client->sessions()->openStream(sessionId, so);
    s->setAutoDelete(false); // ours until the run ends
    stream = s;
    QObject::connect(s, &SessionStream::eventReceived, q, [this](const StreamEvent &e) { onEvent(e); });
    QObject::connect(s, &SessionStream::finished, q, [this] { onStreamFinished(); });
}

void SessionRunnerPrivate::onEvent(const StreamEvent &event)
{
    if (options.collectEvents)
        result.events.append(event);
    if (options.collectOutput && event.type() == StreamEvent::Type::Output) {
        if (event.isStdout())
            result.stdoutText += event.data();
        else if (event.isStderr())
            result.stderrText += event.data();
    }
    Q_EMIT q->eventReceived(event);
}

void SessionRunnerPrivate::releaseStream()
{
    if (SessionStream *s = stream.data()) {
        stream = nullptr;
        QObject::disconnect(s, nullptr, q, nullptr);
        s->close();
        s->deleteLater();
    }
}

void SessionRunnerPrivate::onStreamFinished()
{
    SessionStream *s = stream.data();
    if (!s || finished)
        return;
    const SessionStream::FinishReason why = s->finishReason();
    const Error streamError = s->error();
    result.terminalEvent = s->terminalEvent();
    releaseStream();
    if (why == SessionStream::FinishReason::TerminalEvent)
        fetchFinal();
    else
        complete(streamError.isError() ? streamError
                                       : Error(Error::Code::StreamError,
                                               QStringLiteral("The stream of session %1 ended early")
                                                   .arg(result.sessionId)));
}

void SessionRunnerPrivate::fetchFinal()
{
    SessionReply *reply = client->sessions()->get(result.sessionId);
    pending = reply;
    reply->then(q,
        [this](const Session &session) {
            pending = nullptr;
            result.session = session;
            complete({});
        },
        [this](const Error &e) {
            pending = nullptr;
            complete(e);
        });
}

void SessionRunnerPrivate::complete(const Error &e)
{
    if (finished)
        return;
    finished = true;
    error = e;
    success = !e.isError();
    qCDebug(lcAodStream) << "run of" << result.sessionId << (success ? "succeeded" : "failed") << e;
    const QPointer<SessionRunner> guard(q);
    Q_EMIT q->finished();
    if (!guard)
        return;
    if (success)
        Q_EMIT q->succeeded();
    else
        Q_EMIT q->failed(e);
    if (guard)
        scheduleAutoDelete();
}

void SessionRunnerPrivate::scheduleAutoDelete()
{
    if (!autoDelete)
        return;
    QMetaObject::invokeMethod(q, [this] {
        if (!autoDelete)
            return;
        if (waitDepth > 0) {
            deletePending = true;
            return;
        }
        q->deleteLater();
    }, Qt::QueuedConnection);
}

// --- SessionRunner -------------------------------------------------------------------------

SessionRunner::SessionRunner(Client *client, const RunOptions &options)
    : QObject(client), d(std::make_unique<SessionRunnerPrivate>(this, client, options))
{
}

SessionRunner::~SessionRunner()
{
    d->finished = true;
    if (Reply *r = d->pending.data())
        r->abort();
    if (SessionStream *s = d->stream.data()) {
        // Possibly deleted from a slot of the stream's own signal: never delete it
        // synchronously; its destructor aborts the connection quietly.
        QObject::disconnect(s, nullptr, this, nullptr);
        s->deleteLater();
    }
}

SessionRunner *SessionRunner::run(Client *client, const SessionDraft &draft, const RunOptions &options)
{
    auto *runner = new SessionRunner(client, options);
    runner->d->create(draft); // the reply's signals are queued: nothing fires in here
    return runner;
}

SessionRunner *SessionRunner::follow(Client *client, const QString &sessionId, const RunOptions &options)
{
    auto *runner = new SessionRunner(client, options);
    runner->d->follow(sessionId, options.stream.since); // the stream connects from the event loop
    return runner;
}

QString SessionRunner::sessionId() const { return d->result.sessionId; }
SessionStream *SessionRunner::stream() const { return d->stream.data(); }
bool SessionRunner::isFinished() const { return d->finished; }
bool SessionRunner::isSuccess() const { return d->success; }
bool SessionRunner::isCanceled() const { return d->canceled; }
Error SessionRunner::error() const { return d->error; }
const RunResult &SessionRunner::result() const { return d->result; }
bool SessionRunner::autoDelete() const { return d->autoDelete; }
void SessionRunner::setAutoDelete(bool autoDelete) { d->autoDelete = autoDelete; }

bool SessionRunner::waitForFinished(int msecs)
{
    if (d->finished)
        return true;
    const QPointer<SessionRunner> guard(this);
    QEventLoop loop;
    QObject::connect(this, &SessionRunner::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    timer.setSingleShot(true);
    if (msecs >= 0) {
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(msecs);
    }
    ++d->waitDepth;
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!guard)
        return true;
    --d->waitDepth;
    if (d->deletePending && d->waitDepth == 0) {
        d->deletePending = false;
        d->scheduleAutoDelete();
    }
    return d->finished;
}

void SessionRunner::cancel()
{
    if (d->finished)
        return;
    d->finished = true;
    d->canceled = true;
    d->error = Error(Error::Code::Canceled, QStringLiteral("Run canceled"));
    if (Reply *r = d->pending.data()) {
        d->pending = nullptr;
        QObject::disconnect(r, nullptr, this, nullptr);
        r->abort();
    }
    d->releaseStream();
    const QPointer<SessionRunner> guard(this);
    Q_EMIT finished();
    if (guard)
        d->scheduleAutoDelete();
}

} // namespace Aod
