#pragma once
// Test helpers for the local server's conformance suite: plain QNetworkAccessManager requests and
// raw QTcpSocket exchanges (deliberately not the SDK, so the two cannot share a misreading).
#include <aod/testing/localserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace ServerTest {

struct Reply {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool finished = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonValue json() const
    {
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson(body, &e);
        if (e.error != QJsonParseError::NoError)
            return QJsonValue(QJsonValue::Undefined);
        return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
    }
    QJsonObject obj() const { return json().toObject(); }
    QString detail() const { return obj().value(QStringLiteral("detail")).toString(); }
    QJsonArray data() const { return obj().value(QStringLiteral("data")).toArray(); }
};

class Client {
public:
    Client(const QUrl &base, const QString &token) : m_base(base), m_token(token) {}

    void setToken(const QString &t) { m_token = t; }
    QString token() const { return m_token; }

    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {}, bool auth = true)
    {
        QUrl url = m_base;
        const qsizetype q = path.indexOf(QLatin1Char('?'));
        url.setPath(q < 0 ? path : path.left(q), QUrl::TolerantMode);
        if (q >= 0)
            url.setQuery(path.mid(q + 1), QUrl::TolerantMode);
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        if (auth && !m_token.isNull())
            req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        if (!body.isNull())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &h : headers)
            req.setRawHeader(h.first, h.second);
        QNetworkReply *r = m_nam.sendCustomRequest(req, method, body);
        Reply out;
        const bool done = QTest::qWaitFor([r] { return r->isFinished(); }, 15000);
        out.finished = done;
        if (!done) {
            r->abort();
            delete r;
            return out;
        }
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = r->readAll();
        out.headers = r->rawHeaderPairs();
        out.error = r->error();
        delete r;
        return out;
    }
    Reply get(const QString &path) { return send("GET", path); }
    Reply post(const QString &path, const QByteArray &body = QByteArray("")) { return send("POST", path, body); }
    Reply put(const QString &path, const QByteArray &body) { return send("PUT", path, body); }
    Reply del(const QString &path) { return send("DELETE", path); }
    Reply postJson(const QString &path, const QJsonObject &o)
    {
        return send("POST", path, QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    Reply putJson(const QString &path, const QJsonObject &o)
    {
        return send("PUT", path, QJsonDocument(o).toJson(QJsonDocument::Compact));
    }

    // Convenience creators (assert nothing; callers check).
    QString createAgent(const QJsonObject &extra = {})
    {
        QJsonObject o{{QStringLiteral("name"), QStringLiteral("agent")},
                      {QStringLiteral("provider"), QStringLiteral("anthropic")},
                      {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return postJson(QStringLiteral("/agents"), o).obj().value(QStringLiteral("id")).toString();
    }
    QString createEnvironment(const QString &name, const QJsonObject &extra = {})
    {
        QJsonObject o{{QStringLiteral("name"), name}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return postJson(QStringLiteral("/environments"), o).obj().value(QStringLiteral("id")).toString();
    }
    QString createSession(const QString &agentId, const QString &prompt = QStringLiteral("hello"),
                          const QJsonObject &extra = {})
    {
        QJsonObject o{{QStringLiteral("agent_id"), agentId}, {QStringLiteral("prompt"), prompt}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return postJson(QStringLiteral("/sessions"), o).obj().value(QStringLiteral("id")).toString();
    }

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_token;
};

//! Sends raw bytes and collects everything until the server closes (or timeout).
inline QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 10000, bool *closed = nullptr)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000))
        return {};
    s.write(bytes);
    QByteArray got;
    QObject::connect(&s, &QTcpSocket::readyRead, &s, [&] { got += s.readAll(); });
    const bool c = QTest::qWaitFor([&] { return s.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    got += s.readAll();
    if (closed)
        *closed = c;
    return got;
}

//! Splits a raw HTTP response into head and body.
inline QPair<QByteArray, QByteArray> splitResponse(const QByteArray &raw)
{
    const qsizetype i = raw.indexOf("\r\n\r\n");
    if (i < 0)
        return {raw, {}};
    return {raw.left(i), raw.mid(i + 4)};
}

inline int statusOf(const QByteArray &raw)
{
    const QList<QByteArray> parts = raw.left(raw.indexOf("\r\n")).split(' ');
    return parts.size() >= 2 ? parts[1].toInt() : 0;
}

//! One SSE frame as sent (lines of one block up to the blank line).
struct Frame {
    QByteArray id;      // value of the id: line, empty if none
    bool hasId = false;
    QByteArray data;    // value of the data: line
    QByteArray comment; // for ": heartbeat"
    QList<QByteArray> lines;
    QJsonObject json() const { return QJsonDocument::fromJson(data).object(); }
    QString type() const { return json().value(QStringLiteral("type")).toString(); }
};

inline QList<Frame> parseFrames(const QByteArray &body)
{
    QList<Frame> frames;
    const QList<QByteArray> blocks = body.split('\n');
    Frame cur;
    bool any = false;
    for (const QByteArray &line : blocks) {
        if (line.isEmpty()) {
            if (any)
                frames.append(cur);
            cur = Frame();
            any = false;
            continue;
        }
        any = true;
        cur.lines.append(line);
        if (line.startsWith("id: ")) {
            cur.hasId = true;
            cur.id = line.mid(4);
        } else if (line.startsWith("data: ")) {
            cur.data = line.mid(6);
        } else if (line.startsWith(':')) {
            cur.comment = line;
        }
    }
    if (any)
        frames.append(cur);
    return frames;
}

//! Reads a whole SSE response with HTTP/1.0 (no chunked framing: the body bytes are exactly the SSE bytes).
struct RawStream {
    int status = 0;
    QByteArray head;
    QByteArray body;
    bool closed = false;
    QList<Frame> frames() const { return parseFrames(body); }
    QList<Frame> events() const
    {
        QList<Frame> out;
        for (const Frame &f : frames()) {
            if (!f.data.isEmpty())
                out.append(f);
        }
        return out;
    }
};

inline RawStream readStream(quint16 port, const QString &token, const QString &sessionId, const QByteArray &query = {},
                            const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 15000)
{
    QByteArray req = "GET /sessions/" + sessionId.toLatin1() + "/stream" + (query.isEmpty() ? QByteArray() : "?" + query)
        + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token.toUtf8() + "\r\n";
    for (const auto &h : headers)
        req += h.first + ": " + h.second + "\r\n";
    req += "\r\n";
    RawStream r;
    const QByteArray raw = rawExchange(port, req, timeoutMs, &r.closed);
    const auto parts = splitResponse(raw);
    r.head = parts.first;
    r.body = parts.second;
    r.status = statusOf(raw);
    return r;
}

inline bool waitForStatus(Aod::Testing::LocalServer &server, const QString &sessionId, const QString &status,
                          int timeoutMs = 15000)
{
    return QTest::qWaitFor([&] { return server.sessionStatus(sessionId) == status; }, timeoutMs);
}

inline bool isTimestamp(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00$"));
    return re.match(s).hasMatch();
}

inline QStringList keysInOrder(const QByteArray &objectJson)
{
    // Top-level keys in the order they appear in the bytes (QJsonObject would sort them).
    QStringList keys;
    int depth = 0;
    bool inString = false, escape = false, expectKey = false;
    qsizetype start = -1;
    for (qsizetype i = 0; i < objectJson.size(); ++i) {
        const char c = objectJson[i];
        if (inString) {
            if (escape) {
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == '"') {
                inString = false;
                if (start >= 0) {
                    keys << QString::fromUtf8(objectJson.mid(start, i - start));
                    start = -1;
                }
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            if (depth == 1 && expectKey)
                start = i + 1;
            expectKey = false;
        } else if (c == '{' || c == '[') {
            ++depth;
            expectKey = depth == 1 && c == '{';
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                break; // only the first top-level object
        } else if (c == ',' && depth == 1) {
            expectKey = true;
        }
    }
    return keys;
}

} // namespace ServerTest
