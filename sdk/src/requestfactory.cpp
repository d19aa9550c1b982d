#include "client_p.h"
#include "requestfactory_p.h"

#include <QNetworkRequest>

namespace Aod {

QUrl ClientPrivate::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = config.baseUrl();
    // `path` is already percent-encoded (see idPath), so keep it as is.
    url.setPath(url.path(QUrl::FullyEncoded) + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QNetworkRequest ClientPrivate::makeRequest(const QString &path, const QUrlQuery &query, bool authenticated) const
{
    QNetworkRequest request(urlFor(path, query));
    request.setHeader(QNetworkRequest::UserAgentHeader, config.userAgent());
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArray(RequestFactory::JsonContentType));
    if (authenticated && !config.token().isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("Bearer ") + config.token().toUtf8());
    // Follow redirects only within the same origin, so the token never travels elsewhere.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    return request;
}

QString ClientPrivate::idPath(const QString &prefix, const QString &id, const QString &suffix)
{
    return prefix + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(id)) + suffix;
}

Error ClientPrivate::checkId(const QString &what, const QString &id)
{
    if (!id.trimmed().isEmpty())
        return {};
    return Error(Error::Code::ConfigurationError, QStringLiteral("Empty %1 id").arg(what));
}

} // namespace Aod
