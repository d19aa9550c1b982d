#pragma once
//! \file reply.h  Aod::Reply and Aod::ReplyOf<T>: the result of one API call.
#include <aod/error.h>

#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <type_traits>

namespace Aod {

class ReplyPrivate;
class Client;
class ClientPrivate;

//! \brief Passkey: only SDK internals can construct replies.
class ReplyKey
{
    friend class Client;
    friend class ClientPrivate;
    friend class ReplyPrivate;
    ReplyKey() = default;
};

//! \brief The lifecycle and the error of one API call.
//!
//! **Signal order.** `finished()` is emitted exactly once and first; then exactly one of
//! `succeeded()` or `failed(error)`. After abort() only `finished()` is emitted and
//! isCanceled() is true. No signal is ever emitted inside the call that created the reply,
//! even for immediate failures (a missing token, an empty id, client-side validation):
//! those are queued to the event loop.
//!
//! **Ownership.** A reply is a child of the Client that made it and never outlives it. After
//! its last signal it deletes itself with deleteLater(), unless setAutoDelete(false) was
//! called; then the caller deletes it. Deleting a running reply aborts the request quietly.
//!
//! **Threads.** A reply lives in the Client's thread; use it from there.
class AOD_EXPORT Reply : public QObject
{
    Q_OBJECT
public:
    ~Reply() override;

    bool isFinished() const;
    bool isSuccess() const;
    bool isCanceled() const;
    //! The failure, or an Error with code NoError.
    Error error() const;
    //! HTTP status of the final attempt, 0 if none.
    int httpStatus() const;
    QByteArray method() const;
    QUrl url() const;
    //! The parsed response body (object, array) or Undefined.
    QJsonValue rawJson() const;
    //! Number of automatic retries made (GET only).
    int retryCount() const;

    bool autoDelete() const;
    void setAutoDelete(bool autoDelete);

    //! Blocks in a local event loop until finished or \a msecs elapse (-1: no limit).
    //! Meant for command-line tools, scripts, tests and worker threads, never the GUI thread.
    //! Returns isFinished(). Auto-delete is deferred until the caller's event loop runs, so
    //! the reply may be read right after this returns.
    bool waitForFinished(int msecs = 30000);

public Q_SLOTS:
    //! Cancels the request. Emits only finished(); no-op once finished.
    void abort();

Q_SIGNALS:
    void finished();
    void succeeded();
    void failed(const Aod::Error &error);

protected:
    Reply(ReplyKey, QObject *parent);
    //! Called with the JSON body of a 2xx response; fills the typed result. Returns false and
    //! sets \a error when the shape is wrong (the reply then fails with InvalidResponse).
    virtual bool parseResult(const QJsonValue &body, QString *error);

private:
    friend class ReplyPrivate;
    friend class ClientPrivate;
    std::unique_ptr<ReplyPrivate> d;
};

//! \brief A Reply with a typed result. No Q_OBJECT: the signals are Reply's.
//!
//! Read result() in a slot connected to succeeded(), or after waitForFinished() returned
//! with isSuccess().
template <typename T>
class ReplyOf : public Reply
{
public:
    using Parser = std::function<bool(const QJsonValue &, T &, QString *)>;

    ReplyOf(ReplyKey key, QObject *parent, Parser parser)
        : Reply(key, parent), m_parser(std::move(parser))
    {
    }

    const T &result() const { return m_result; }

    //! Connects \a onSuccess (called with `const T &`) and \a onFailure (with `const Error &`)
    //! with \a context as the receiver: nothing is called once \a context is destroyed.
    template <typename Context, typename OnSuccess, typename OnFailure>
    ReplyOf *then(Context *context, OnSuccess onSuccess, OnFailure onFailure)
    {
        QObject::connect(this, &Reply::succeeded, context,
                         [this, onSuccess = std::move(onSuccess)]() { onSuccess(m_result); });
        QObject::connect(this, &Reply::failed, context, std::move(onFailure));
        return this;
    }
    template <typename Context, typename OnSuccess>
    ReplyOf *then(Context *context, OnSuccess onSuccess)
    {
        QObject::connect(this, &Reply::succeeded, context,
                         [this, onSuccess = std::move(onSuccess)]() { onSuccess(m_result); });
        return this;
    }

protected:
    bool parseResult(const QJsonValue &body, QString *error) override
    {
        return m_parser ? m_parser(body, m_result, error) : true;
    }

private:
    Parser m_parser;
    T m_result{};
};

} // namespace Aod
