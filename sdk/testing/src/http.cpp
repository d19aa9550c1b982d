#include "http_p.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

namespace Aod::Testing::Internal {

QByteArray HttpRequest::header(const QByteArray &name, bool *present) const
{
    QByteArray joined;
    bool found = false;
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (found)
            joined += ',';
        joined += h.second;
        found = true;
    }
    if (present)
        *present = found;
    return joined;
}

static QString formDecode(QByteArray part)
{
    part.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
}

QString HttpRequest::queryValue(const QString &key, bool *present) const
{
    QString value;
    bool found = false;
    const QList<QByteArray> pairs = query.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QString k = formDecode(eq < 0 ? pair : pair.left(eq));
        if (k != key)
            continue;
        found = true;
        value = eq < 0 ? QString() : formDecode(pair.mid(eq + 1));
    }
    if (present)
        *present = found;
    return value;
}

static bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

static bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

HttpRequestParser::Result HttpRequestParser::fail(int *status, int code)
{
    *status = code;
    m_stage = Stage::Head;
    m_req = {};
    return Result::Error;
}

HttpRequestParser::Result HttpRequestParser::parse(QByteArray &buffer, HttpRequest *out, int *status)
{
    while (true) {
        if (m_stage == Stage::Head) {
            const Result r = parseHead(buffer, status);
            if (r != Result::Ready)
                return r;
            if (m_stage == Stage::Head) { // no body
                *out = std::move(m_req);
                m_req = {};
                return Result::Ready;
            }
            continue;
        }
        if (m_stage == Stage::Body) {
            const qint64 take = qMin<qint64>(m_remaining, buffer.size());
            m_req.body.append(buffer.constData(), take);
            buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return Result::NeedMore;
            m_stage = Stage::Head;
            *out = std::move(m_req);
            m_req = {};
            return Result::Ready;
        }
        const Result r = parseChunked(buffer, status);
        if (r != Result::Ready)
            return r;
        m_stage = Stage::Head;
        *out = std::move(m_req);
        m_req = {};
        return Result::Ready;
    }
}

HttpRequestParser::Result HttpRequestParser::parseHead(QByteArray &buffer, int *status)
{
    // Tolerate empty lines before a request line (RFC 9112 §2.2).
    while (buffer.startsWith("\r\n") || buffer.startsWith('\n'))
        buffer.remove(0, buffer.startsWith('\n') ? 1 : 2);
    qsizetype end = buffer.indexOf("\r\n\r\n");
    qsizetype sepLen = 4;
    const qsizetype lfEnd = buffer.indexOf("\n\n");
    if (lfEnd >= 0 && (end < 0 || lfEnd < end)) {
        end = lfEnd;
        sepLen = 2;
    }
    if (end < 0) {
        if (buffer.size() > MaxHeaderBytes)
            return fail(status, 431);
        // A request line that cannot be HTTP is rejected without waiting for more bytes.
        const qsizetype firstLf = buffer.indexOf('\n');
        const QByteArray probe = firstLf >= 0 ? buffer.left(firstLf) : buffer;
        for (const char c : probe) {
            if (c == '\0' || (static_cast<unsigned char>(c) < 0x20 && c != '\r' && c != '\t'))
                return fail(status, 400);
        }
        return Result::NeedMore;
    }
    if (end > MaxHeaderBytes)
        return fail(status, 431);
    QByteArray head = buffer.left(end);
    buffer.remove(0, end + sepLen);
    head.replace("\r\n", "\n");
    const QList<QByteArray> lines = head.split('\n');
    if (lines.size() - 1 > MaxHeaderCount)
        return fail(status, 431);

    HttpRequest req;
    const QByteArray &rl = lines.first();
    const QList<QByteArray> parts = rl.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty())
        return fail(status, 400);
    req.method = parts[0];
    req.target = parts[1];
    req.version = parts[2];
    if (!req.version.startsWith("HTTP/") || req.version.size() != 8 || req.version[6] != '.')
        return fail(status, 400);
    if (req.version != "HTTP/1.1" && req.version != "HTTP/1.0")
        return fail(status, 505);
    for (const char c : req.target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return fail(status, 400);
    }

    QByteArray target = req.target;
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const qsizetype slash = target.indexOf('/', target.indexOf("//") + 2);
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    } else if (!target.startsWith('/') && !(target == "*" && req.method == "OPTIONS")) {
        return fail(status, 400);
    }
    const qsizetype q = target.indexOf('?');
    QByteArray rawPath = q < 0 ? target : target.left(q);
    if (q >= 0)
        req.query = target.mid(q + 1);
    const qsizetype frag = req.query.indexOf('#');
    if (frag >= 0)
        req.query.truncate(frag);
    req.path = QString::fromUtf8(QByteArray::fromPercentEncoding(rawPath));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(status, 400); // obsolete line folding
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(status, 400);
        const QByteArray name = line.left(colon);
        if (!isToken(name))
            return fail(status, 400);
        const QByteArray value = line.mid(colon + 1).trimmed();
        for (const char c : value) {
            if (c == '\0' || c == '\r' || c == '\n')
                return fail(status, 400);
        }
        req.headers.append({name, value});
    }

    bool hasCl = false, hasTe = false;
    const QByteArray cl = req.header("Content-Length", &hasCl);
    const QByteArray te = req.header("Transfer-Encoding", &hasTe).trimmed().toLower();
    const QByteArray conn = req.header("Connection").toLower();
    if (req.version == "HTTP/1.0")
        req.keepAlive = conn.contains("keep-alive");
    else
        req.keepAlive = !conn.contains("close");

    if (hasTe) {
        if (hasCl || te != "chunked")
            return fail(status, hasCl ? 400 : 501);
        m_req = std::move(req);
        m_stage = Stage::Chunked;
        return Result::Ready;
    }
    if (hasCl) {
        // Repeated identical values are folded; anything else is malformed.
        const QList<QByteArray> values = cl.split(',');
        qint64 length = -1;
        for (const QByteArray &v : values) {
            const QByteArray t = v.trimmed();
            bool ok = !t.isEmpty();
            for (const char c : t)
                ok = ok && c >= '0' && c <= '9';
            const qint64 n = ok && t.size() <= 15 ? t.toLongLong(&ok) : -1;
            if (!ok || n < 0 || (length >= 0 && n != length))
                return fail(status, 400);
            length = n;
        }
        if (length > MaxBodyBytes)
            return fail(status, 413);
        m_req = std::move(req);
        if (length > 0) {
            m_remaining = length;
            m_stage = Stage::Body;
        } else {
            m_stage = Stage::Head;
        }
        return Result::Ready;
    }
    m_req = std::move(req);
    m_stage = Stage::Head;
    return Result::Ready;
}

HttpRequestParser::Result HttpRequestParser::parseChunked(QByteArray &buffer, int *status)
{
    // m_remaining: > 0 bytes of chunk data left, 0 expecting a size line, -1 expecting the CRLF
    // after chunk data, -2 reading trailer lines until an empty one.
    while (true) {
        if (m_remaining > 0) {
            const qint64 take = qMin<qint64>(m_remaining, buffer.size());
            m_req.body.append(buffer.constData(), take);
            buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return Result::NeedMore;
            m_remaining = -1;
        }
        const qsizetype lf = buffer.indexOf('\n');
        if (lf < 0)
            return buffer.size() > 4096 ? fail(status, 400) : Result::NeedMore;
        QByteArray line = buffer.left(lf);
        if (line.endsWith('\r'))
            line.chop(1);
        buffer.remove(0, lf + 1);
        if (m_remaining == -1) {
            if (!line.isEmpty())
                return fail(status, 400);
            m_remaining = 0;
            continue;
        }
        if (m_remaining == -2) {
            if (line.isEmpty()) {
                m_remaining = 0;
                return Result::Ready;
            }
            continue;
        }
        const qsizetype semi = line.indexOf(';');
        if (semi >= 0)
            line.truncate(semi);
        line = line.trimmed();
        bool ok = false;
        const qint64 size = (!line.isEmpty() && line.size() <= 12) ? line.toLongLong(&ok, 16) : -1;
        if (!ok || size < 0)
            return fail(status, 400);
        if (size == 0) {
            m_remaining = -2;
            continue;
        }
        if (m_req.body.size() + size > MaxBodyBytes)
            return fail(status, 413);
        m_remaining = size;
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace Aod::Testing::Internal
