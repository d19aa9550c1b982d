#include "ssetransport_p.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QTcpSocket>
#ifndef QT_NO_SSL
#include <QSslSocket>
#endif

namespace Aod {

namespace {

QNetworkReply::NetworkError mapSocketError(QAbstractSocket::SocketError e)
{
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError: return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError: return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError: return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError: return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::ProxyAuthenticationRequiredError: return QNetworkReply::ProxyAuthenticationRequiredError;
    case QAbstractSocket::ProxyConnectionRefusedError: return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyConnectionClosedError: return QNetworkReply::ProxyConnectionClosedError;
    case QAbstractSocket::ProxyConnectionTimeoutError: return QNetworkReply::ProxyTimeoutError;
    case QAbstractSocket::ProxyNotFoundError: return QNetworkReply::ProxyNotFoundError;
    case QAbstractSocket::ProxyProtocolError: return QNetworkReply::UnknownProxyError;
    default: return QNetworkReply::UnknownNetworkError;
    }
}

// Case-insensitive header lookup in a raw head ("Name: value" lines after the status line).
QByteArray headerValue(const QList<QByteArrayView> &lines, QByteArrayView name)
{
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
    }
    return {};
}

QList<QByteArrayView> splitLines(QByteArrayView head)
{
    QList<QByteArrayView> lines;
    qsizetype from = 0;
    for (;;) {
        const qsizetype eol = head.indexOf("\r\n", from);
        if (eol < 0) {
            lines.append(head.sliced(from));
            return lines;
        }
        lines.append(head.sliced(from, eol - from));
        from = eol + 2;
    }
}

} // namespace

SseTransport::~SseTransport() = default;

void SseTransport::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (!paused) // the caller may be inside one of our signals: not from here
        QMetaObject::invokeMethod(this, [this] { resumeDelivery(); }, Qt::QueuedConnection);
}

void SseTransport::release()
{
    abort();
    setParent(nullptr);
    if (m_emitDepth > 0)
        m_releasePending = true; // EmitScope deletes it on the way out
    else
        deleteLater();
}

QNetworkProxy proxyFor(QNetworkAccessManager *nam, const QUrl &url)
{
    if (!nam)
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    if (QNetworkProxyFactory *factory = nam->proxyFactory()) {
        const QList<QNetworkProxy> proxies = factory->queryProxy(QNetworkProxyQuery(url));
        if (!proxies.isEmpty())
            return proxies.first();
    }
    return nam->proxy();
}

// --- SocketSseTransport --------------------------------------------------------------------

SocketSseTransport::SocketSseTransport(const QNetworkRequest &request, const QNetworkProxy &proxy, QObject *parent)
    : SseTransport(parent), m_request(request)
{
    const QUrl url = request.url();
    const bool tls = url.scheme() == QLatin1String("https");
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    QAbstractSocket *socket = nullptr;
#ifndef QT_NO_SSL
    QSslSocket *ssl = nullptr;
    if (tls) {
        ssl = new QSslSocket(this);
        ssl->setSslConfiguration(request.sslConfiguration());
        ssl->setPeerVerifyName(url.host());
        connect(ssl, &QSslSocket::encrypted, this, &SocketSseTransport::sendRequest);
        socket = ssl;
    }
#endif
    if (!socket) {
        socket = new QTcpSocket(this);
        connect(socket, &QAbstractSocket::connected, this, &SocketSseTransport::sendRequest);
    }
    m_socket = socket;
    socket->setReadBufferSize(ReadBufferLimit);
    socket->setProxy(proxy);
    connect(socket, &QIODevice::readyRead, this, &SocketSseTransport::onReadyRead);
    connect(socket, &QAbstractSocket::errorOccurred, this, &SocketSseTransport::onSocketError);
    connect(socket, &QAbstractSocket::disconnected, this, &SocketSseTransport::onDisconnected);
#ifndef QT_NO_SSL
    if (ssl) {
        ssl->connectToHostEncrypted(url.host(), port);
        return;
    }
#endif
    if (tls) {
        // No TLS support in this Qt build: fail from the event loop, like a socket error.
        QMetaObject::invokeMethod(this, [this] {
            end(QNetworkReply::SslHandshakeFailedError, QStringLiteral("TLS is not supported by this Qt build"));
        }, Qt::QueuedConnection);
        return;
    }
    socket->connectToHost(url.host(), port);
}

SocketSseTransport::~SocketSseTransport()
{
    abort();
}

void SocketSseTransport::abort()
{
    m_phase = Phase::Done;
    if (QAbstractSocket *s = m_socket.data()) {
        QObject::disconnect(s, nullptr, this, nullptr);
        s->abort();
    }
}

void SocketSseTransport::sendRequest()
{
    const EmitScope scope(this);
    if (m_phase != Phase::Connecting || !m_socket)
        return;
    const QUrl url = m_request.url();
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray head;
    head.reserve(512);
    head += "GET " + target + " HTTP/1.1\r\nHost: "
          + url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toLatin1() + "\r\n";
    const QList<QByteArray> names = m_request.rawHeaderList();
    for (const QByteArray &name : names) {
        if (name.compare("Host", Qt::CaseInsensitive) == 0 || name.compare("Connection", Qt::CaseInsensitive) == 0)
            continue;
        head += name + ": " + m_request.rawHeader(name) + "\r\n";
    }
    // One request per connection: the end of a stream is the end of the socket.
    head += "Connection: close\r\n\r\n";
    m_phase = Phase::Head;
    m_socket->write(head);
}

void SocketSseTransport::onReadyRead()
{
    const EmitScope scope(this);
    // A receiver may run a nested event loop (a modal dialog in a slot): the readyRead it sees
    // then must not deliver newer bytes before the older ones are done, nor move the buffer
    // under their feet. The outer call picks them up when the receiver returns.
    if (m_phase == Phase::Done || !m_socket || m_busy || m_paused)
        return;
    const QPointer<SocketSseTransport> guard(this);
    m_busy = true;
    while (!m_paused && m_phase != Phase::Done && m_socket && m_socket->bytesAvailable() > 0) {
        readSocket();
        if (m_phase == Phase::Head && !parseHead()) {
            if (!guard)
                return;
            break;
        }
        if (!guard)
            return;
        if (m_phase != Phase::Body)
            break;
        deliverBody();
        if (!guard)
            return;
    }
    m_busy = false;
    if (!m_paused && std::exchange(m_disconnectPending, false))
        onDisconnected();
}

void SocketSseTransport::resumeDelivery()
{
    if (m_paused || m_busy)
        return;
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead(); // handles a pending close after the bytes
    else if (std::exchange(m_disconnectPending, false))
        onDisconnected();
}

void SocketSseTransport::readSocket()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    if (m_buffer.isEmpty()) {
        // Nothing is left over: take the socket's buffered bytes as they are. When they are one
        // block (the usual case: one read of the kernel's socket buffer per readyRead),
        // QIODevice::read(qint64) hands that block over instead of copying it, which saves a
        // copy of every byte received; otherwise it copies.
        m_buffer = m_socket->read(available);
        return;
    }
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + qsizetype(available));
    const qint64 n = m_socket->read(m_buffer.data() + old, available);
    m_buffer.resize(old + qsizetype(qMax<qint64>(n, 0)));
}

bool SocketSseTransport::parseHead()
{
    for (;;) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > MaxHeadSize)
                end(QNetworkReply::ProtocolFailure, QStringLiteral("response headers larger than %1 bytes").arg(MaxHeadSize));
            return false;
        }
        if (headEnd > MaxHeadSize) {
            end(QNetworkReply::ProtocolFailure, QStringLiteral("response headers larger than %1 bytes").arg(MaxHeadSize));
            return false;
        }
        const QList<QByteArrayView> lines = splitLines(QByteArrayView(m_buffer).first(headEnd));
        const QByteArrayView statusLine = lines.value(0);
        bool ok = false;
        const int status = statusLine.size() >= 12 && statusLine.startsWith("HTTP/1.")
                         ? statusLine.sliced(9, 3).toByteArray().toInt(&ok) : 0;
        if (!ok || status < 100) {
            end(QNetworkReply::ProtocolFailure, QStringLiteral("malformed HTTP status line"));
            return false;
        }
        const QByteArray contentType = headerValue(lines, "Content-Type");
        const QByteArray transferEncoding = headerValue(lines, "Transfer-Encoding").toLower();
        const QByteArray contentLength = headerValue(lines, "Content-Length");
        m_buffer.remove(0, headEnd + 4);
        if (status < 200)
            continue; // 100 Continue and friends: the real head follows
        if (transferEncoding.contains("chunked")) {
            m_framing = Framing::Chunked;
            m_remaining = 0;
        } else if (!contentLength.isEmpty()) {
            bool lengthOk = false;
            m_remaining = contentLength.toLongLong(&lengthOk);
            if (!lengthOk || m_remaining < 0) {
                end(QNetworkReply::ProtocolFailure, QStringLiteral("malformed Content-Length"));
                return false;
            }
            m_framing = Framing::Length;
        } else if (status == 204 || status == 304) {
            m_framing = Framing::Length;
            m_remaining = 0;
        } else {
            m_framing = Framing::Close;
        }
        m_phase = Phase::Body;
        const QPointer<SocketSseTransport> guard(this);
        Q_EMIT responseStarted(status, contentType);
        return guard && m_phase == Phase::Body;
    }
}

void SocketSseTransport::deliverBody()
{
    // Body bytes go out as views of m_buffer, one per contiguous run (a chunk's data), and
    // m_buffer keeps only what is not yet delivered (a partial chunk-size line, say).
    const QPointer<SocketSseTransport> guard(this);
    const auto deliver = [&](qsizetype from, qsizetype n) {
        Q_EMIT dataReceived(QByteArrayView(m_buffer.constData() + from, n));
        return guard && m_phase == Phase::Body;
    };
    qsizetype pos = 0;
    const qsizetype size = m_buffer.size();
    switch (m_framing) {
    case Framing::Close:
        pos = size;
        if (size > 0 && !deliver(0, size))
            return;
        break;
    case Framing::Length: {
        const qsizetype n = qsizetype(qMin<qint64>(m_remaining, size));
        m_remaining -= n;
        pos = n;
        if (n > 0 && !deliver(0, n))
            return;
        break;
    }
    case Framing::Chunked:
        while (pos < size && !m_lastChunk) {
            if (m_chunkTrailer) {
                if (size - pos < 2)
                    break;
                if (m_buffer.at(pos) != '\r' || m_buffer.at(pos + 1) != '\n') {
                    end(QNetworkReply::ProtocolFailure, QStringLiteral("malformed chunked encoding"));
                    return;
                }
                pos += 2;
                m_chunkTrailer = false;
            } else if (m_remaining > 0) {
                const qsizetype from = pos;
                const qsizetype n = qsizetype(qMin<qint64>(m_remaining, size - pos));
                pos += n;
                m_remaining -= n;
                if (m_remaining == 0)
                    m_chunkTrailer = true;
                if (!deliver(from, n))
                    return;
            } else {
                const qsizetype eol = m_buffer.indexOf("\r\n", pos);
                if (eol < 0) {
                    if (size - pos > 1024) {
                        end(QNetworkReply::ProtocolFailure, QStringLiteral("malformed chunk size line"));
                        return;
                    }
                    break;
                }
                QByteArrayView sizeField = QByteArrayView(m_buffer).sliced(pos, eol - pos);
                if (const qsizetype semi = sizeField.indexOf(';'); semi >= 0)
                    sizeField = sizeField.first(semi); // chunk extensions
                bool ok = false;
                const qint64 chunk = sizeField.trimmed().toByteArray().toLongLong(&ok, 16);
                if (!ok || chunk < 0) {
                    end(QNetworkReply::ProtocolFailure, QStringLiteral("malformed chunk size"));
                    return;
                }
                pos = eol + 2;
                if (chunk == 0)
                    m_lastChunk = true; // trailers, if any, are of no interest
                else
                    m_remaining = chunk;
            }
        }
        break;
    }
    m_buffer.remove(0, pos); // keeps the capacity
    const bool complete = (m_framing == Framing::Length && m_remaining == 0)
                       || (m_framing == Framing::Chunked && m_lastChunk);
    if (complete)
        end(QNetworkReply::NoError, QString());
}

void SocketSseTransport::onSocketError()
{
    const EmitScope scope(this);
    if (m_phase == Phase::Done || !m_socket)
        return;
    const QAbstractSocket::SocketError e = m_socket->error();
    if (e == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    end(mapSocketError(e), m_socket->errorString());
}

void SocketSseTransport::onDisconnected()
{
    const EmitScope scope(this);
    if (m_phase == Phase::Done || !m_socket)
        return;
    if (m_busy || m_paused) {
        m_disconnectPending = true; // after the bytes before it (see onReadyRead(), setPaused())
        return;
    }
    const QPointer<SocketSseTransport> guard(this);
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!guard || m_phase == Phase::Done)
        return;
    if (m_phase == Phase::Body && m_framing == Framing::Close && m_buffer.isEmpty())
        end(QNetworkReply::NoError, QString());
    else
        end(QNetworkReply::RemoteHostClosedError,
            m_phase == Phase::Body ? QStringLiteral("Connection closed before the response body was complete")
                                   : QStringLiteral("Connection closed before a response arrived"));
}

void SocketSseTransport::end(QNetworkReply::NetworkError error, const QString &text)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    if (QAbstractSocket *s = m_socket.data()) {
        QObject::disconnect(s, nullptr, this, nullptr);
        s->abort();
    }
    Q_EMIT ended(error, text);
}

// --- NetworkAccessManagerSseTransport --------------------------------------------------------

NetworkAccessManagerSseTransport::NetworkAccessManagerSseTransport(QNetworkAccessManager *nam,
                                                                   const QNetworkRequest &request, QObject *parent)
    : SseTransport(parent)
{
    QNetworkReply *reply = nam->get(request);
    reply->setParent(this);
    reply->setReadBufferSize(ReadBufferLimit);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &NetworkAccessManagerSseTransport::onMetaData);
    // Delivered from a call of our own, never inside the reply's readyRead: with a receiver
    // running a nested event loop inside that signal, the reply kept buffering the whole body
    // regardless of its read buffer size (tst_sessionstream, nestedEventLoopKeepsMemoryBounded).
    connect(reply, &QIODevice::readyRead, this, [this] {
        onMetaData();
        if (m_deliverPosted)
            return;
        m_deliverPosted = true;
        QMetaObject::invokeMethod(this, [this] {
            m_deliverPosted = false;
            deliver();
        }, Qt::QueuedConnection);
    });
    connect(reply, &QNetworkReply::finished, this, &NetworkAccessManagerSseTransport::onFinished);
}

void NetworkAccessManagerSseTransport::deliver()
{
    const EmitScope scope(this);
    if (m_paused || m_busy || !m_reply || !m_started)
        return;
    const QPointer<NetworkAccessManagerSseTransport> guard(this);
    m_busy = true;
    while (!m_paused && m_reply && m_reply->bytesAvailable() > 0) {
        const QByteArray bytes = m_reply->readAll();
        Q_EMIT dataReceived(QByteArrayView(bytes));
        if (!guard)
            return;
    }
    m_busy = false;
    if (!m_paused && std::exchange(m_finishPending, false))
        onFinished();
}

void NetworkAccessManagerSseTransport::resumeDelivery()
{
    if (m_paused || m_busy)
        return;
    if (std::exchange(m_finishPending, false))
        onFinished(); // delivers what waits first
    else
        deliver();
}

void NetworkAccessManagerSseTransport::onFinished()
{
    const EmitScope scope(this);
    QNetworkReply *r = m_reply.data();
    if (!r)
        return;
    if (m_paused || m_busy) {
        m_finishPending = true; // after the bytes before it (see deliver(), setPaused())
        return;
    }
    const QPointer<NetworkAccessManagerSseTransport> guard(this);
    onMetaData();
    if (!guard || !m_reply)
        return;
    if (m_started && r->bytesAvailable() > 0) {
        deliver();
        if (!guard || !m_reply)
            return; // deleted or aborted by a receiver
        if (m_paused || r->bytesAvailable() > 0) {
            m_finishPending = true; // paused by a receiver: the end follows the rest
            return;
        }
    }
    const QNetworkReply::NetworkError e = r->error();
    // Errors QNetworkReply derives from an HTTP status (2xx-4xx content/server classes)
    // are not transport failures: the status already says it.
    const bool httpDerived = m_started && ((e >= QNetworkReply::ContentAccessDenied && e <= QNetworkReply::UnknownContentError)
                                           || (e >= QNetworkReply::InternalServerError && e <= QNetworkReply::UnknownServerError)
                                           || e == QNetworkReply::ProtocolInvalidOperationError);
    m_reply = nullptr;
    QObject::disconnect(r, nullptr, this, nullptr);
    r->deleteLater();
    Q_EMIT ended(httpDerived ? QNetworkReply::NoError : e, httpDerived ? QString() : r->errorString());
}

NetworkAccessManagerSseTransport::~NetworkAccessManagerSseTransport()
{
    abort();
}

void NetworkAccessManagerSseTransport::abort()
{
    if (QNetworkReply *r = m_reply.data()) {
        m_reply = nullptr;
        QObject::disconnect(r, nullptr, this, nullptr);
        r->abort();
        r->deleteLater();
    }
}

void NetworkAccessManagerSseTransport::onMetaData()
{
    const EmitScope scope(this);
    if (m_started || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return;
    m_started = true;
    Q_EMIT responseStarted(status, m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
}

} // namespace Aod
