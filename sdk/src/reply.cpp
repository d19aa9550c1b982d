#include "reply_p.h"

#include "client_p.h"
#include "errormapping_p.h"
#include "logging_p.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Aod {

Reply::Reply(ReplyKey, QObject *parent) : QObject(parent), d(std::make_unique<ReplyPrivate>(this)) {}

Reply::~Reply()
{
    // Deleting a running reply aborts its request quietly (no signals from a dying object).
    if (d->netReply) {
        d->netReply->disconnect(this);
        d->netReply->abort();
    }
}

bool Reply::isFinished() const { return d->finished; }
bool Reply::isSuccess() const { return d->finished && !d->canceled && !d->error.isError(); }
bool Reply::isCanceled() const { return d->canceled; }
Error Reply::error() const { return d->error; }
int Reply::httpStatus() const { return d->httpStatus; }
QByteArray Reply::method() const { return d->method; }
QUrl Reply::url() const { return d->request.url(); }
QJsonValue Reply::rawJson() const { return d->json; }
int Reply::retryCount() const { return d->retries; }
bool Reply::autoDelete() const { return d->autoDelete; }

void Reply::setAutoDelete(bool autoDelete)
{
    d->autoDelete = autoDelete;
}

bool Reply::parseResult(const QJsonValue &, QString *)
{
    return true;
}

void Reply::abort()
{
    if (d->finished)
        return;
    d->canceled = true;
    if (d->netReply) {
        d->netReply->disconnect(this);
        d->netReply->abort();
        d->netReply->deleteLater();
    }
    d->finish(Error(Error::Code::Canceled, QStringLiteral("Request canceled")).setRequest(d->method, url()));
}

bool Reply::waitForFinished(int msecs)
{
    if (d->finished)
        return true;
    QEventLoop loop;
    connect(this, &Reply::finished, &loop, &QEventLoop::quit);
    QTimer guard;
    if (msecs >= 0) {
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(msecs);
    }
    ++d->waitDepth;
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    --d->waitDepth;
    const bool done = d->finished;
    if (d->deletePending && d->waitDepth == 0) {
        // Deferred to the caller's event loop so that the result can still be read now.
        d->deletePending = false;
        deleteLater();
    }
    return done;
}

void ReplyPrivate::send()
{
    netReply = nullptr;
    timedOut = false;
    bodyTooLarge = false;
    QNetworkReply *reply = nullptr;
    if (body)
        reply = nam->sendCustomRequest(request, method, *body);
    else if (method == "GET")
        reply = nam->get(request);
    else
        reply = nam->sendCustomRequest(request, method);
    reply->setParent(q);
    netReply = reply;
    qCDebug(lcAodHttp).noquote() << "->" << ErrorMapping::describeRequest(method, request.url())
                                 << (retries ? QStringLiteral("(retry %1)").arg(retries) : QString());

    QObject::connect(reply, &QNetworkReply::finished, q, [this] { onNetworkFinished(); });
    QObject::connect(reply, &QNetworkReply::downloadProgress, q, [this](qint64 received, qint64) {
        if (received > maxBodyBytes && netReply && !bodyTooLarge) {
            bodyTooLarge = true;
            netReply->abort();
        }
    });
    if (timeoutMs > 0) {
        if (!timeoutTimer) {
            timeoutTimer = new QTimer(q);
            timeoutTimer->setSingleShot(true);
            QObject::connect(timeoutTimer, &QTimer::timeout, q, [this] { onTimeout(); });
        }
        timeoutTimer->start(timeoutMs);
    }
}

void ReplyPrivate::onTimeout()
{
    if (finished || !netReply)
        return;
    timedOut = true;
    netReply->abort();
}

void ReplyPrivate::failLater(const Error &failure)
{
    QMetaObject::invokeMethod(
        q, [this, failure] { finish(failure); }, Qt::QueuedConnection);
}

bool ReplyPrivate::scheduleRetry(const Error &failure)
{
    // Only idempotent reads are repeated behind the caller's back.
    if (method != "GET" || retries >= maxRetries || !failure.isTransient()
        || failure.code() == Error::Code::TimeoutError)
        return false;
    const int delay = qMin(retryBaseDelayMs << qMin(retries, 10), 8000);
    ++retries;
    qCInfo(lcAodHttp).noquote() << "retrying" << ErrorMapping::describeRequest(method, request.url())
                                << "in" << delay << "ms after:" << failure.message();
    if (!retryTimer) {
        retryTimer = new QTimer(q);
        retryTimer->setSingleShot(true);
        QObject::connect(retryTimer, &QTimer::timeout, q, [this] {
            if (!finished)
                send();
        });
    }
    retryTimer->start(delay);
    return true;
}

void ReplyPrivate::onNetworkFinished()
{
    QNetworkReply *reply = netReply;
    if (!reply || finished)
        return;
    if (timeoutTimer)
        timeoutTimer->stop();
    reply->deleteLater();
    netReply = nullptr;

    const QUrl url = request.url();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    httpStatus = statusAttr.isValid() ? statusAttr.toInt() : 0;

    if (bodyTooLarge) {
        finish(ErrorMapping::invalidResponse(
            httpStatus, {}, QStringLiteral("response body larger than %1 bytes").arg(maxBodyBytes), method, url));
        return;
    }
    if (timedOut) {
        Error e(Error::Code::TimeoutError,
                ErrorMapping::describeRequest(method, url)
                    + QStringLiteral(": no response within %1 ms").arg(timeoutMs));
        e.setRequest(method, url).setNetworkError(QNetworkReply::TimeoutError);
        finish(e);
        return;
    }
    // Transport failures (codes below 100) win over a status line that did arrive: a body cut
    // off mid-way is a network error, not a malformed response.
    const QNetworkReply::NetworkError transport = reply->error();
    if (httpStatus == 0 || (transport > QNetworkReply::NoError && transport < QNetworkReply::ProxyConnectionRefusedError)) {
        Error e(Error::Code::NetworkError,
                ErrorMapping::describeRequest(method, url) + QStringLiteral(": ") + reply->errorString());
        e.setRequest(method, url).setNetworkError(transport == QNetworkReply::NoError ? QNetworkReply::UnknownNetworkError : transport);
        e.setHttpStatus(httpStatus);
        if (!scheduleRetry(e))
            finish(e);
        return;
    }
    const QByteArray data = reply->readAll();
    qCDebug(lcAodHttp).noquote() << "<-" << httpStatus << ErrorMapping::describeRequest(method, url)
                                 << data.size() << "bytes";

    const bool ok2xx = httpStatus >= 200 && httpStatus <= 299;
    if (ok2xx || extraSuccessStatuses.contains(httpStatus)) {
        QJsonValue value;
        QString why;
        if (ErrorMapping::decodeJsonBody(data, value, &why) && q->parseResult(value, &why)) {
            json = value;
            finish({});
            return;
        }
        if (ok2xx) {
            qCWarning(lcAodJson).noquote() << ErrorMapping::describeRequest(method, url) << why;
            finish(ErrorMapping::invalidResponse(httpStatus, data, why, method, url));
            return;
        }
    }
    Error e = ErrorMapping::fromHttpResponse(httpStatus, data, method, url);
    QJsonValue value;
    if (ErrorMapping::decodeJsonBody(data, value, nullptr))
        json = value;
    if (!scheduleRetry(e))
        finish(e);
}

void ReplyPrivate::finish(const Error &failure)
{
    if (finished)
        return;
    finished = true;
    if (retryTimer)
        retryTimer->stop();
    if (timeoutTimer)
        timeoutTimer->stop();
    error = failure;
    if (failure.isError() && failure.method().isEmpty())
        error.setRequest(method, request.url());

    QPointer<Reply> guard(q);
    Q_EMIT q->finished();
    if (!guard)
        return;
    if (!canceled) {
        if (error.isError()) {
            Q_EMIT q->failed(error);
            if (!guard)
                return;
            if (client)
                client->reportFailure(q, error);
            if (!guard)
                return;
        } else {
            Q_EMIT q->succeeded();
            if (!guard)
                return;
        }
    }
    if (autoDelete) {
        if (waitDepth > 0)
            deletePending = true;
        else
            q->deleteLater();
    }
}

} // namespace Aod
