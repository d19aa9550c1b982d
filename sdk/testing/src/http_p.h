#pragma once
// Private to Aod::Testing. A small incremental HTTP/1.1 request parser (request line, headers,
// Content-Length or chunked body, keep-alive) with bounded sizes, and response helpers.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Aod::Testing::Internal {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest {
    QByteArray method;
    QByteArray target;  // as sent
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    QString path;       // percent-decoded path
    QByteArray query;   // raw query, no '?'
    HeaderList headers;
    QByteArray body;
    bool keepAlive = true;

    //! Value of a header (case-insensitive name). Repeated headers are joined with ",".
    //! \a present says whether it was sent at all.
    QByteArray header(const QByteArray &name, bool *present = nullptr) const;
    //! Last value of a query parameter as Django's QueryDict.get would return it.
    //! \a present false if the key is absent.
    QString queryValue(const QString &key, bool *present) const;
};

class HttpRequestParser {
public:
    enum class Result { NeedMore, Ready, Error };
    static constexpr int MaxHeaderBytes = 64 * 1024;
    static constexpr int MaxHeaderCount = 100;
    static constexpr qint64 MaxBodyBytes = 2621440; // Django's DATA_UPLOAD_MAX_MEMORY_SIZE

    //! Consumes bytes from \a buffer. On Ready, \a out holds one request and the consumed bytes
    //! are removed from \a buffer (pipelined bytes stay). On Error, \a status is 400, 413, 431 or
    //! 505 and the connection must be closed after answering.
    Result parse(QByteArray &buffer, HttpRequest *out, int *status);

private:
    enum class Stage { Head, Body, Chunked };
    Stage m_stage = Stage::Head;
    HttpRequest m_req;
    qint64 m_remaining = 0;
    Result fail(int *status, int code);
    Result parseHead(QByteArray &buffer, int *status);
    Result parseChunked(QByteArray &buffer, int *status);
};

//! Standard reason phrase.
QByteArray reasonPhrase(int status);
//! RFC 7231 date for the Date header.
QByteArray httpDate();

} // namespace Aod::Testing::Internal
