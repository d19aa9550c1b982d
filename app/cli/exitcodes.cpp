#include "exitcodes.h"

#include <QJsonDocument>

namespace AodCli {

using Code = Aod::Error::Code;

int exitCodeFor(const Aod::Error &error)
{
    switch (error.code()) {
    case Code::NoError: return ExitOk;
    case Code::ConfigurationError: return ExitConfiguration;
    case Code::ValidationError: return ExitValidation;
    case Code::NetworkError: return ExitNetwork;
    case Code::TimeoutError: return ExitTimeout;
    case Code::Canceled: return ExitFailure;
    case Code::AuthenticationError: return ExitAuth;
    case Code::NotFound: return ExitNotFound;
    case Code::Conflict: return ExitConflict;
    case Code::RateLimited: return ExitRateLimited;
    case Code::ServerError: return ExitServer;
    case Code::HttpError: return ExitHttp;
    case Code::InvalidResponse: return ExitInvalidResponse;
    case Code::StreamError: return ExitStream;
    }
    return ExitFailure;
}

int exitCodeForSession(int code)
{
    if (code >= 0 && code <= 255)
        return code;
    // A shell only sees the low 8 bits; never let a failure fold into success.
    const int folded = code & 0xff;
    return folded == 0 ? 1 : folded;
}

static QString reasonPhrase(int status)
{
    switch (status) {
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 409: return QStringLiteral("Conflict");
    case 422: return QStringLiteral("Unprocessable Entity");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return {};
    }
}

static QString requestSuffix(const Aod::Error &error)
{
    if (error.method().isEmpty() || error.url().isEmpty())
        return {};
    return QStringLiteral(" (") + QString::fromLatin1(error.method()) + QLatin1Char(' ')
        + error.url().path() + QLatin1Char(')');
}

static QString itemLine(const Aod::ValidationItem &item)
{
    const QString field = item.field();
    QString line = QStringLiteral("  ") + (field.isEmpty() ? QStringLiteral("(body)") : field)
        + QStringLiteral(": ") + item.msg;
    if (!item.type.isEmpty())
        line += QStringLiteral(" [") + item.type + QLatin1Char(']');
    return line;
}

QStringList describeError(const Aod::Error &error)
{
    QStringList lines;
    const int status = error.httpStatus();
    const QList<Aod::ValidationItem> items = error.validationItems();
    QString detail = items.isEmpty() ? error.detailText().trimmed() : QString();

    QString head;
    if (status > 0) {
        head = QString::number(status);
        const QString reason = reasonPhrase(status);
        if (!reason.isEmpty())
            head += QLatin1Char(' ') + reason;
    } else {
        switch (error.code()) {
        case Code::ConfigurationError: head = QStringLiteral("configuration error"); break;
        case Code::ValidationError: head = QStringLiteral("invalid request"); break;
        case Code::NetworkError: head = QStringLiteral("network error"); break;
        case Code::TimeoutError: head = QStringLiteral("timed out"); break;
        case Code::Canceled: head = QStringLiteral("canceled"); break;
        case Code::InvalidResponse: head = QStringLiteral("invalid response"); break;
        case Code::StreamError: head = QStringLiteral("stream error"); break;
        default: head = QStringLiteral("error"); break;
        }
    }
    if (error.code() == Code::RateLimited && error.rateLimit() >= 0) {
        head += QStringLiteral(" (%1 of %2 sessions active)")
                    .arg(error.activeCount())
                    .arg(error.rateLimit());
    }
    if (!items.isEmpty()) {
        detail = items.size() == 1 ? QStringLiteral("1 validation error")
                                   : QStringLiteral("%1 validation errors").arg(items.size());
    }
    bool fromMessage = false;
    if (detail.isEmpty()) {
        // No usable `detail` (an HTML 404, a transport failure): the SDK's own line says more,
        // and it names the request already.
        detail = error.message().trimmed();
        fromMessage = true;
    }
    QString first = head;
    if (!detail.isEmpty())
        first += QStringLiteral(": ") + detail;
    const bool namesRequest = fromMessage && !error.method().isEmpty()
        && detail.contains(QString::fromLatin1(error.method()) + QLatin1Char(' '));
    if (!namesRequest && (status > 0 || error.code() == Code::NetworkError || error.code() == Code::TimeoutError))
        first += requestSuffix(error);
    if ((error.code() == Code::NetworkError || error.code() == Code::TimeoutError) && error.url().isValid()
        && !error.url().host().isEmpty()) {
        first += QStringLiteral(" [%1]").arg(error.url().adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString());
    }
    if (error.code() == Code::ConfigurationError) {
        // Point at the tool's own switches for the SDK's generic advice.
        if (first.contains(QLatin1String("insecure")))
            first += QStringLiteral(" (--insecure)");
        else if (first.contains(QLatin1String("token"), Qt::CaseInsensitive) && !first.contains(QLatin1String("AOD_API_TOKEN")))
            first += QStringLiteral(" (--token or AOD_API_TOKEN)");
    }
    // One line: newlines inside a server detail must not break it up.
    first.replace(QLatin1Char('\n'), QLatin1Char(' '));
    lines.append(first);
    for (const Aod::ValidationItem &item : items)
        lines.append(itemLine(item));
    return lines;
}

QString exitCodeHelp()
{
    return QStringLiteral(
        "Exit status:\n"
        "  0   success\n"
        "  1   other failure (canceled, output not writable)\n"
        "  2   usage error: bad command line, unreadable file, malformed --from-json\n"
        "  3   configuration error: no token, malformed URL, insecure http without --insecure\n"
        "  4   network error: connection refused or reset, DNS, TLS\n"
        "  5   timeout: the request took longer than --timeout\n"
        "  6   authentication failed (401)\n"
        "  7   not found (404)\n"
        "  8   conflict (409): version mismatch, archived, active session, ...\n"
        "  9   validation failed (422, or checked before sending); every item is listed\n"
        "  10  rate limited (429); the message shows active/limit\n"
        "  11  server error (5xx), or `aod health` on a degraded server\n"
        "  12  other HTTP error (400, 405, ...)\n"
        "  13  invalid response (not the JSON the API documents)\n"
        "  14  stream error: the live stream broke for good\n"
        "  20  session failed without an exit code (`error` event)\n"
        "  21  session terminated\n"
        "  22  stream went stale (no output for 600 s)\n"
        "  23  session ended with a null exit code (interrupted)\n"
        "  N   `run`, `sessions stream`: the session's own exit code on `exit`\n");
}

} // namespace AodCli
