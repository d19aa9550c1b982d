#pragma once
// A scripted in-process HTTP server for byte-level edge cases (odd bodies, hangs, resets).
// Behavioural tests use the stateful local AoD server (Aod::Testing) instead.
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

struct MockResponse
{
    int status = 200;
    QByteArray reason = "OK";
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    QByteArray body;
    bool hang = false;          // never answer
    bool closeImmediately = false; // reset the connection without a response
    bool truncate = false;      // announce Content-Length but close half way

    static MockResponse json(int status, const QByteArray &body)
    {
        MockResponse r;
        r.status = status;
        r.body = body;
        return r;
    }
    static MockResponse html(int status, const QByteArray &body)
    {
        MockResponse r;
        r.status = status;
        r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
        r.body = body;
        return r;
    }
};

struct MockRequest
{
    QByteArray method;
    QByteArray target; // path + query as sent
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

class MockServer : public QObject
{
    Q_OBJECT
public:
    explicit MockServer(QObject *parent = nullptr) : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &MockServer::onNewConnection);
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    ~MockServer() override
    {
        // Sockets die with m_server after the other members: stop their signals reaching us.
        const QList<QTcpSocket *> sockets = m_server.findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->disconnect(this);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    //! Responses are consumed in order; when only one is left it is reused for every request.
    void enqueue(const MockResponse &response) { m_queue.append(response); }
    void setHandler(std::function<MockResponse(const MockRequest &)> handler) { m_handler = std::move(handler); }
    QList<MockRequest> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    }
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buf = m_buffers[socket];
        buf += socket->readAll();
        for (;;) {
            const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            MockRequest req;
            const QList<QByteArray> lines = buf.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            req.method = requestLine.value(0);
            req.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    req.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = req.headers.value("content-length", "0").toLongLong();
            if (buf.size() < headerEnd + 4 + length)
                return;
            req.body = buf.mid(headerEnd + 4, length);
            buf.remove(0, headerEnd + 4 + length);
            m_requests.append(req);
            respond(socket, req);
            Q_EMIT requestReceived();
        }
    }
    void respond(QTcpSocket *socket, const MockRequest &req)
    {
        MockResponse r;
        if (m_handler)
            r = m_handler(req);
        else if (!m_queue.isEmpty())
            r = m_queue.size() > 1 ? m_queue.takeFirst() : m_queue.first();
        else
            r = MockResponse::html(404, "<html><title>Not Found</title></html>");
        if (r.hang)
            return;
        if (r.closeImmediately) {
            socket->abort();
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + r.reason + "\r\n";
        for (const auto &h : r.headers)
            out += h.first + ": " + h.second + "\r\n";
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n";
        out += r.truncate ? r.body.left(r.body.size() / 2) : r.body;
        socket->write(out);
        if (r.truncate) {
            socket->flush();
            socket->disconnectFromHost();
        }
    }

    QTcpServer m_server;
    QList<MockResponse> m_queue;
    std::function<MockResponse(const MockRequest &)> m_handler;
    QList<MockRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
