#include <aod/clientconfig.h>

#include <QHostAddress>
#include <QProcessEnvironment>

namespace Aod {

namespace {
QString stripTrailingSlashes(QString url)
{
    url = url.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}
} // namespace

ClientConfig::ClientConfig(const QString &baseUrl, const QString &token)
{
    setBaseUrl(baseUrl);
    m_token = token;
}

ClientConfig ClientConfig::fromEnvironment(const QString &baseUrl, const QString &token)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString url = baseUrl;
    if (url.isEmpty())
        url = env.value(QStringLiteral("AOD_API_URL"));
    if (url.isEmpty())
        url = QString::fromLatin1(DefaultBaseUrl);
    QString tok = token;
    if (tok.isEmpty())
        tok = env.value(QStringLiteral("AOD_API_TOKEN"));
    return ClientConfig(url, tok);
}

QUrl ClientConfig::baseUrl() const
{
    return QUrl(m_baseUrl, QUrl::StrictMode);
}

void ClientConfig::setBaseUrl(const QString &url)
{
    m_baseUrl = stripTrailingSlashes(url);
}

QString ClientConfig::redactedToken() const
{
    if (m_token.isEmpty())
        return QStringLiteral("(none)");
    return m_token.left(qMin<qsizetype>(8, m_token.size() / 2)) + QStringLiteral("…");
}

QByteArray ClientConfig::userAgent() const
{
    if (!m_userAgent.isEmpty())
        return m_userAgent;
    return QByteArrayLiteral("aod-qt/" AOD_VERSION_STRING);
}

static bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || host.endsWith(QLatin1String(".localhost"), Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Error ClientConfig::validate(bool requireToken) const
{
    const QUrl url = baseUrl();
    if (m_baseUrl.isEmpty())
        return Error(Error::Code::ConfigurationError, QStringLiteral("No API base URL configured"));
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        return Error(Error::Code::ConfigurationError,
                     QStringLiteral("Malformed API base URL \"%1\": expected http(s)://host[:port]")
                         .arg(m_baseUrl));
    }
    if (url.hasQuery() || url.hasFragment())
        return Error(Error::Code::ConfigurationError,
                     QStringLiteral("The API base URL must not have a query or fragment: \"%1\"")
                         .arg(m_baseUrl));
    if (!requireToken)
        return {};
    if (m_token.isEmpty())
        return Error(Error::Code::ConfigurationError,
                     QStringLiteral("Missing API token. Pass a token or set the AOD_API_TOKEN environment variable."));
    if (m_token.contains(QLatin1Char('\n')) || m_token.contains(QLatin1Char('\r')))
        return Error(Error::Code::ConfigurationError, QStringLiteral("The API token contains a line break"));
    if (url.scheme() == QLatin1String("http") && !isLoopbackHost(url.host()) && !m_allowInsecureHttp)
        return Error(Error::Code::ConfigurationError,
                     QStringLiteral("Refusing to send the API token over plain http:// to %1; use https:// "
                                    "or allow insecure http explicitly")
                         .arg(url.host()));
    return {};
}

QDebug operator<<(QDebug dbg, const ClientConfig &config)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "Aod::ClientConfig(" << config.baseUrlString() << ", token " << config.redactedToken()
                  << ", timeout " << config.timeoutMs() << " ms, retries " << config.maxRetries() << ')';
    return dbg;
}

} // namespace Aod
