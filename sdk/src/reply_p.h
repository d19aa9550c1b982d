#pragma once
// Private header: the machinery behind Aod::Reply (sending, timeout, retries, mapping, signals).
#include <aod/reply.h>

#include <QByteArray>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkAccessManager;

namespace Aod {

class ClientPrivate;

class ReplyPrivate
{
public:
    explicit ReplyPrivate(Reply *owner) : q(owner) {}

    //! Sends (or re-sends on retry) the request.
    void send();
    //! Fails without a request: queued to the event loop so no signal fires inside the call.
    void failLater(const Error &error);
    void onNetworkFinished();
    void onTimeout();
    void finish(const Error &error);
    bool scheduleRetry(const Error &error);

    Reply *q;
    ClientPrivate *client = nullptr;        // null for replies made outside a Client
    QNetworkAccessManager *nam = nullptr;
    QByteArray method;
    QNetworkRequest request;
    std::optional<QByteArray> body;
    QList<int> extraSuccessStatuses;        // /health: 503 with a degraded body is a result
    QPointer<QNetworkReply> netReply;
    QTimer *timeoutTimer = nullptr;
    QTimer *retryTimer = nullptr;
    int timeoutMs = 0;
    int maxRetries = 0;
    int retryBaseDelayMs = 250;
    int retries = 0;
    qint64 maxBodyBytes = 64 * 1024 * 1024;

    Error error;
    QJsonValue json;
    int httpStatus = 0;
    bool finished = false;
    bool canceled = false;
    bool timedOut = false;
    bool bodyTooLarge = false;
    bool autoDelete = true;
    int waitDepth = 0;
    bool deletePending = false;

    static ReplyPrivate *get(Reply *reply) { return reply->d.get(); }
};

} // namespace Aod
