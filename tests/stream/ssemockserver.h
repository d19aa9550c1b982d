#pragma once
// A tiny scripted HTTP/1.1 server for byte-level stream tests: every accepted request takes
// the next scripted Response from a FIFO (streams, session GETs and errors alike), writes its
// head, then its body steps one event-loop turn apart, then closes, aborts or holds the
// socket. Requests are recorded for assertions on the cursor headers.
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class SseMockServer : public QObject
{
    Q_OBJECT
public:
    enum class End { Close, Abort, Hold };

    struct Response
    {
        QByteArray head;            // status line + headers + blank line
        QList<QByteArray> chunks;   // body, written one event-loop turn apart
        End end = End::Close;
        bool chunkedEncoding = false;
    };

    struct Request
    {
        QByteArray method;
        QByteArray target;          // path + query
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &h : headers) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return h.second;
            }
            return {};
        }
        QByteArray path() const { return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')); }
        QByteArray query() const { const qsizetype q = target.indexOf('?'); return q < 0 ? QByteArray() : target.mid(q + 1); }
    };

    static Response sse(const QList<QByteArray> &chunks, End end = End::Close, bool chunked = false)
    {
        Response r;
        r.head = chunked ? QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                             "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n")
                         : QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                             "Cache-Control: no-cache\r\nConnection: close\r\n\r\n");
        r.chunks = chunks;
        r.end = end;
        r.chunkedEncoding = chunked;
        return r;
    }

    static Response status(int code, const QByteArray &body,
                           const QByteArray &contentType = QByteArrayLiteral("application/json"))
    {
        Response r;
        r.head = "HTTP/1.1 " + QByteArray::number(code) + " X\r\nContent-Type: " + contentType
               + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        r.chunks = {body};
        return r;
    }

    //! Plain HTTP, or HTTPS when \a tls is given (a QSslServer with that configuration).
    explicit SseMockServer(QObject *parent = nullptr, const QSslConfiguration *tls = nullptr) : QObject(parent)
    {
        if (tls) {
            auto *ssl = new QSslServer(this);
            ssl->setSslConfiguration(*tls);
            m_server = ssl;
            m_tls = true;
        } else {
            m_server = new QTcpServer(this);
        }
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &SseMockServer::onNewConnection);
        m_server->listen(QHostAddress::LocalHost, 0);
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                        .arg(m_server->serverPort()));
    }
    void enqueue(const Response &r) { m_script.append(r); }
    //! Consulted before the FIFO: return a response to answer a request specially.
    void setResponder(std::function<std::optional<Response>(const Request &)> f) { m_responder = std::move(f); }
    int pendingResponses() const { return int(m_script.size()); }
    QList<Request> requests() const { return m_requests; }
    //! Sockets still open (held streams, or a client that has not closed yet).
    int openSockets() const
    {
        int n = 0;
        for (const auto &s : m_sockets)
            n += (s && s->state() == QAbstractSocket::ConnectedState) ? 1 : 0;
        return n;
    }
    void stopListening() { m_server->close(); }
    //! Bytes written to open sockets that the kernel has not taken yet: grows when a client
    //! stops reading (and the loopback's socket buffers are full).
    qint64 unsentBytes() const
    {
        qint64 n = 0;
        for (const auto &s : m_sockets)
            n += s ? s->bytesToWrite() : 0;
        return n;
    }

Q_SIGNALS:
    void requestReceived(int index);

private:
    void onNewConnection()
    {
        while (QTcpSocket *s = m_server->nextPendingConnection()) {
            m_sockets.append(s);
            auto buffer = std::make_shared<QByteArray>();
            connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
                *buffer += s->readAll();
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0 || s->property("handled").toBool())
                    return;
                s->setProperty("handled", true);
                m_requests.append(parseRequest(buffer->left(end)));
                respond(s);
                Q_EMIT requestReceived(int(m_requests.size() - 1));
            });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    }

    static Request parseRequest(const QByteArray &head)
    {
        Request r;
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        return r;
    }

    void respond(QTcpSocket *s)
    {
        std::optional<Response> special = m_responder ? m_responder(m_requests.last()) : std::nullopt;
        const Response r = special ? *special
            : m_script.isEmpty() ? status(500, QByteArrayLiteral("{\"detail\": \"mock script exhausted\"}"))
                                 : m_script.takeFirst();
        s->write(r.head);
        writeStep(s, r, 0);
    }

    void writeStep(QTcpSocket *s, const Response &r, qsizetype i)
    {
        if (i < r.chunks.size()) {
            const QByteArray &c = r.chunks[i];
            if (r.chunkedEncoding)
                s->write(QByteArray::number(c.size(), 16) + "\r\n" + c + "\r\n");
            else
                s->write(c);
            s->flush();
            QPointer<QTcpSocket> guard(s);
            QTimer::singleShot(0, this, [this, guard, r, i] {
                if (guard)
                    writeStep(guard, r, i + 1);
            });
            return;
        }
        switch (r.end) {
        case End::Close:
            // A clean end of a chunked body only if the script ends with a terminal frame is
            // not our business: close without the final 0-chunk so drops look like drops.
            s->disconnectFromHost();
            break;
        case End::Abort:
            s->abort();
            break;
        case End::Hold:
            break;
        }
    }

    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    QList<Response> m_script;
    std::function<std::optional<Response>(const Request &)> m_responder;
    QList<Request> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
};
