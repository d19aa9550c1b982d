#pragma once
// Private header: the HTTP transports under SessionStream.
//
// Why two: QNetworkAccessManager (Qt 6.4) silently re-sends a GET after the server cuts the
// connection mid-body (QHttpNetworkConnectionChannel's reconnectAttempts): measured on
// loopback, half or more of all cuts produce a hidden duplicate request carrying the old
// cursor, which reaches the server, starts a stream there and is torn down only later. It
// also reports some truncated chunked bodies as a clean end. For a resuming SSE client both
// are noise at best, so the default transport speaks HTTP/1.1 itself over a QTcpSocket /
// QSslSocket: one request per connection attempt, `Connection: close`, exact truncation
// semantics. The QNetworkAccessManager transport stays available (StreamOptions::transport)
// for applications that route everything through their own manager.
#include <aod/aod_export.h>

#include <QByteArray>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

class QAbstractSocket;
class QNetworkAccessManager;

namespace Aod {

//! One HTTP GET of an event stream. Signals, in order: responseStarted() once the status and
//! headers are in, dataReceived() per batch of (de-chunked) body bytes, then ended() exactly
//! once. abort() ends it silently. Error bodies (non-2xx) arrive through dataReceived() too.
//! dataReceived() hands a view of the transport's own buffer, valid only during the emission
//! (connect it directly; copy what must outlive the call); no batch is delivered while a
//! receiver of the previous one is still running (e.g. in a nested event loop).
class AOD_TESTS_EXPORT SseTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SseTransport() override;
    //! Stops at once; no signal afterwards.
    virtual void abort() = 0;
    //! Aborts, detaches from the parent and deletes the transport from the event loop, but
    //! never while one of its signals is still being emitted: a receiver may run a nested
    //! event loop (a modal dialog), where a plain deleteLater() would delete the socket or
    //! reply under its own signal. Then it goes once the outermost emission returns.
    void release();
    //! Bytes buffered by the transport and not yet delivered (0 for both implementations).
    virtual qint64 bytesAvailable() const { return 0; }
    //! While paused, nothing is read or delivered: at most ReadBufferLimit bytes wait in the
    //! transport, the rest in the kernel, and TCP holds the server back. A pause requested
    //! from a dataReceived() receiver takes effect after that batch. Resuming delivers what
    //! waits from the event loop (never inside this call); an end that came meanwhile
    //! follows the bytes before it.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    //! The read buffer size of the socket (or QNetworkReply; Qt's HTTP thread holds some more
    //! of its own). While a receiver runs a nested event loop (or the transport is paused)
    //! nothing is read, so the rest waits in the kernel and TCP slows the server down instead
    //! of a buffer growing at network speed.
    static constexpr qint64 ReadBufferLimit = 4 * 1024 * 1024;

Q_SIGNALS:
    void responseStarted(int status, const QByteArray &contentType);
    void dataReceived(QByteArrayView bytes);
    //! NoError: the body ended as framed (length, last chunk, or close for a close-delimited
    //! body). Anything else: the connection failed or was cut mid-body.
    void ended(QNetworkReply::NetworkError error, const QString &errorString);

protected:
    //! After a pause, from the event loop: deliver what waits, then an end that came meanwhile.
    virtual void resumeDelivery() = 0;

    //! Wraps every entry from the socket's or reply's signals (each may emit ours).
    class EmitScope
    {
    public:
        explicit EmitScope(SseTransport *t) : m_t(t) { ++m_t->m_emitDepth; }
        ~EmitScope()
        {
            if (--m_t->m_emitDepth == 0 && m_t->m_releasePending)
                m_t->deleteLater(); // from the outermost level: runs after it returned
        }
        EmitScope(const EmitScope &) = delete;
        EmitScope &operator=(const EmitScope &) = delete;

    private:
        SseTransport *m_t;
    };

    bool m_paused = false;

private:
    int m_emitDepth = 0;
    bool m_releasePending = false;
};

//! The default: HTTP/1.1 over a socket of our own (TLS for https://).
class AOD_TESTS_EXPORT SocketSseTransport : public SseTransport
{
    Q_OBJECT
public:
    //! Connects at once. \a proxy applies to the socket (DefaultProxy: the application's).
    SocketSseTransport(const QNetworkRequest &request, const QNetworkProxy &proxy, QObject *parent);
    ~SocketSseTransport() override;
    void abort() override;

    //! Upper bound for the status line plus headers.
    static constexpr qsizetype MaxHeadSize = 64 * 1024;

private:
    enum class Phase { Connecting, Head, Body, Done };
    enum class Framing { Close, Length, Chunked };

    void resumeDelivery() override;

    void sendRequest();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void readSocket();
    bool parseHead();
    void deliverBody();
    void end(QNetworkReply::NetworkError error, const QString &text);

    QNetworkRequest m_request;
    QPointer<QAbstractSocket> m_socket;
    // Received and not yet delivered; read into in place, so its capacity is reused from one
    // read to the next (no allocation, no fresh pages per read).
    QByteArray m_buffer;
    bool m_busy = false;            // inside onReadyRead(): nested calls wait for the outer one
    bool m_disconnectPending = false; // the socket closed while busy or paused
    Phase m_phase = Phase::Connecting;
    Framing m_framing = Framing::Close;
    qint64 m_remaining = 0;      // Length: body bytes left; Chunked: bytes left in this chunk
    bool m_chunkTrailer = false; // Chunked: expecting the CRLF after a chunk's data
    bool m_lastChunk = false;    // Chunked: the 0-chunk was seen; skipping trailers
};

//! Through the Client's QNetworkAccessManager (the reply is reparented to the transport).
class AOD_TESTS_EXPORT NetworkAccessManagerSseTransport : public SseTransport
{
    Q_OBJECT
public:
    NetworkAccessManagerSseTransport(QNetworkAccessManager *nam, const QNetworkRequest &request, QObject *parent);
    ~NetworkAccessManagerSseTransport() override;
    void abort() override;

private:
    void resumeDelivery() override;
    void onMetaData();
    void deliver();
    void onFinished();
    QPointer<QNetworkReply> m_reply;
    bool m_started = false;
    bool m_busy = false;          // inside deliver(): nested calls wait for the outer one
    bool m_deliverPosted = false;
    bool m_finishPending = false; // the reply finished while paused or busy
};

//! The proxy a socket to \a url should use, per \a nam's proxy settings (factory first).
AOD_TESTS_EXPORT QNetworkProxy proxyFor(QNetworkAccessManager *nam, const QUrl &url);

} // namespace Aod
