#pragma once
//! \file error.h  Aod::Error: the one structured error value for every SDK failure.
#include <aod/global.h>

#include <QByteArray>
#include <QDebug>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QNetworkReply>
#include <QString>
#include <QUrl>
#include <QVariantList>

namespace Aod {

//! \brief One item of a 422 list error, from the server or from client-side validation.
//!
//! Same shape as the server's pydantic items: `loc` (field path of strings and ints),
//! `msg` (human text), `type` (machine code such as `missing`, `string_too_long`,
//! `value_error`), and the offending `input`.
struct AOD_EXPORT ValidationItem
{
    QVariantList loc;
    QString msg;
    QString type;
    QJsonValue input;

    //! `loc` joined for display: `resources[0].url`, `skills[2]`, `name`.
    QString field() const;
    static ValidationItem fromJson(const QJsonValue &value);
    QJsonObject toJson() const;
    // Spelled out (not `= default`) so that the public headers stay valid C++17, Qt 6's baseline.
    bool operator==(const ValidationItem &other) const
    {
        return loc == other.loc && msg == other.msg && type == other.type && input == other.input;
    }
    bool operator!=(const ValidationItem &other) const { return !(*this == other); }
};

//! \brief A structured error value (Q_GADGET). Cheap to copy.
//!
//! Transport, HTTP, API and parse failures stay distinct in code(); the human text is in
//! message(). A default-constructed Error has code() == NoError.
class AOD_EXPORT Error
{
    Q_GADGET
public:
    enum class Code {
        NoError,
        ConfigurationError,   //!< missing token, malformed URL, insecure http without opt-in
        ValidationError,      //!< 422 from the server, or client-side validation before sending
        NetworkError,         //!< transport failure (refused, reset, DNS, TLS)
        TimeoutError,         //!< the per-request timeout elapsed
        Canceled,             //!< abort() was called
        AuthenticationError,  //!< 401 (and 403)
        NotFound,             //!< 404
        Conflict,             //!< 409
        RateLimited,          //!< 429: see rateLimit() and activeCount()
        ServerError,          //!< 5xx
        HttpError,            //!< any other non-2xx status (400, 405, ...)
        InvalidResponse,      //!< HTML where JSON was expected, malformed JSON, wrong shape
        StreamError,          //!< SSE protocol failure (bad framing, buffer ceiling)
    };
    Q_ENUM(Code)

    Error() = default;
    Error(Code code, const QString &message);

    Code code() const { return m_code; }
    bool isError() const { return m_code != Code::NoError; }
    explicit operator bool() const { return isError(); }

    //! HTTP status, 0 when no response arrived.
    int httpStatus() const { return m_httpStatus; }
    //! Transport error of QNetworkReply, NoError for HTTP-level failures.
    QNetworkReply::NetworkError networkError() const { return m_networkError; }
    //! The server's `detail`: a string, a list of items (422), or Undefined.
    QJsonValue detail() const { return m_detail; }
    //! The detail as text: the string detail, or the items joined by "; ".
    QString detailText() const;
    //! Typed 422 list items (empty for string details).
    QList<ValidationItem> validationItems() const { return m_items; }
    //! One human line: "PUT /agents/<id> -> 409: Version mismatch: expected 3, got 2".
    QString message() const { return m_message; }
    QByteArray method() const { return m_method; }
    QUrl url() const { return m_url; }
    //! 429 only: the caller's concurrency limit and active sessions; -1 when absent.
    int rateLimit() const { return m_limit; }
    int activeCount() const { return m_active; }
    //! At most 4 KiB of the response body, for a details expander.
    QByteArray rawSample() const { return m_rawSample; }
    //! True for failures that a retry might fix: network, timeout, 502/503/504.
    bool isTransient() const;

    //! A short stable name of the code ("NotFound", "RateLimited", ...).
    static QString codeName(Code code);

    // Builders (used by the SDK; public so tests and apps can make errors too).
    Error &setHttpStatus(int status) { m_httpStatus = status; return *this; }
    Error &setNetworkError(QNetworkReply::NetworkError e) { m_networkError = e; return *this; }
    Error &setDetail(const QJsonValue &detail);
    Error &setValidationItems(const QList<ValidationItem> &items) { m_items = items; return *this; }
    Error &setMessage(const QString &message) { m_message = message; return *this; }
    Error &setRequest(const QByteArray &method, const QUrl &url);
    Error &setRateLimit(int limit, int active) { m_limit = limit; m_active = active; return *this; }
    Error &setRawSample(const QByteArray &body);

    static constexpr qsizetype RawSampleLimit = 4096;

private:
    Code m_code = Code::NoError;
    int m_httpStatus = 0;
    QNetworkReply::NetworkError m_networkError = QNetworkReply::NoError;
    QJsonValue m_detail{QJsonValue::Undefined};
    QList<ValidationItem> m_items;
    QString m_message;
    QByteArray m_method;
    QUrl m_url;
    int m_limit = -1;
    int m_active = -1;
    QByteArray m_rawSample;
};

AOD_EXPORT QDebug operator<<(QDebug dbg, const Error &error);
AOD_EXPORT QDebug operator<<(QDebug dbg, const ValidationItem &item);

} // namespace Aod

Q_DECLARE_METATYPE(Aod::Error)
