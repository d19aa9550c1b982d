#include "errormapping_p.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

namespace Aod::ErrorMapping {

Error::Code codeForStatus(int status)
{
    switch (status) {
    case 401:
    case 403:
        return Error::Code::AuthenticationError;
    case 404:
        return Error::Code::NotFound;
    case 409:
        return Error::Code::Conflict;
    case 422:
        return Error::Code::ValidationError;
    case 429:
        return Error::Code::RateLimited;
    default:
        break;
    }
    if (status >= 500 && status <= 599)
        return Error::Code::ServerError;
    return Error::Code::HttpError;
}

QString describeRequest(const QByteArray &method, const QUrl &url)
{
    QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty())
        path = QStringLiteral("/");
    if (url.hasQuery())
        path += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    return QString::fromLatin1(method) + QLatin1Char(' ') + path;
}

namespace {

// A short description of a body that is not JSON: the HTML <title>, or its size.
QString describeNonJson(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QStringLiteral("empty body");
    static const QRegularExpression title(QStringLiteral("<title>\\s*([^<]{1,200}?)\\s*</title>"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromUtf8(body.left(8192));
    const QRegularExpressionMatch m = title.match(text);
    if (m.hasMatch())
        return QStringLiteral("HTML page \"%1\"").arg(m.captured(1).simplified());
    if (text.contains(QLatin1String("<html"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("<!DOCTYPE"), Qt::CaseInsensitive))
        return QStringLiteral("HTML page");
    return QStringLiteral("non-JSON body (%1 bytes)").arg(body.size());
}

} // namespace

Error fromHttpResponse(int status, const QByteArray &body, const QByteArray &method, const QUrl &url)
{
    Error error(codeForStatus(status), QString());
    error.setHttpStatus(status).setRequest(method, url).setRawSample(body);

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    QString what;
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject obj = doc.object();
        if (obj.contains(QLatin1String("detail"))) {
            error.setDetail(obj.value(QLatin1String("detail")));
            what = error.detailText();
        } else {
            what = QString::fromUtf8(doc.toJson(QJsonDocument::Compact).left(300));
        }
        if (status == 429) {
            const QJsonValue limit = obj.value(QLatin1String("limit"));
            const QJsonValue active = obj.value(QLatin1String("active"));
            error.setRateLimit(limit.isDouble() ? limit.toInt(-1) : -1,
                               active.isDouble() ? active.toInt(-1) : -1);
        }
    } else if (parseError.error == QJsonParseError::NoError && !doc.isNull()) {
        what = QString::fromUtf8(doc.toJson(QJsonDocument::Compact).left(300));
    } else {
        what = describeNonJson(body);
    }
    error.setMessage(describeRequest(method, url) + QStringLiteral(" -> ") + QString::number(status)
                     + QStringLiteral(": ") + what);
    return error;
}

bool decodeJsonBody(const QByteArray &body, QJsonValue &out, QString *error)
{
    if (body.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("empty body where JSON was expected");
        return false;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) {
            const QString head = QString::fromUtf8(body.left(64)).trimmed();
            *error = head.startsWith(QLatin1Char('<'))
                         ? QStringLiteral("HTML where JSON was expected")
                         : QStringLiteral("malformed JSON at offset %1: %2")
                               .arg(parseError.offset)
                               .arg(parseError.errorString());
        }
        return false;
    }
    out = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    return true;
}

Error invalidResponse(int status, const QByteArray &body, const QString &why, const QByteArray &method,
                      const QUrl &url)
{
    Error error(Error::Code::InvalidResponse,
                describeRequest(method, url) + QStringLiteral(" -> ") + QString::number(status)
                    + QStringLiteral(": invalid response: ") + why);
    error.setHttpStatus(status).setRequest(method, url).setRawSample(body);
    return error;
}

} // namespace Aod::ErrorMapping
