#pragma once
//! \file clientconfig.h  Aod::ClientConfig: where and how the client talks to the AoD API.
#include <aod/error.h>

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Aod {

//! \brief Connection settings of a Client: a plain value.
//!
//! Precedence (the official SDKs' rule): explicit value, else the `AOD_API_URL` /
//! `AOD_API_TOKEN` environment variables, else `http://localhost:8777` (there is no default
//! token). Empty strings fall through to the next source. Trailing slashes are stripped.
//! The token never appears in debug output: operator<< redacts it.
class AOD_EXPORT ClientConfig
{
public:
    static constexpr const char *DefaultBaseUrl = "http://localhost:8777";
    static constexpr int DefaultTimeoutMs = 30000;

    ClientConfig() = default;
    ClientConfig(const QString &baseUrl, const QString &token);

    //! Fills the base URL and token from the environment where they are empty, then the default URL.
    static ClientConfig fromEnvironment(const QString &baseUrl = {}, const QString &token = {});

    //! The base URL as given (trailing slashes stripped on set).
    QString baseUrlString() const { return m_baseUrl; }
    QUrl baseUrl() const;
    void setBaseUrl(const QString &url);

    QString token() const { return m_token; }
    void setToken(const QString &token) { m_token = token; }
    //! "aod_abc1…" style: the first 8 characters and an ellipsis, or "(none)".
    QString redactedToken() const;

    //! Per-request timeout in ms (default 30 s); 0 disables it. Streams use their own watchdog.
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    //! Retries of idempotent GETs on connection errors and 502/503/504 (default 2; 0 = off).
    //! State-changing requests are never retried automatically.
    int maxRetries() const { return m_maxRetries; }
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    //! First retry delay in ms; it doubles per attempt, capped at 8 s.
    int retryBaseDelayMs() const { return m_retryBaseDelayMs; }
    void setRetryBaseDelayMs(int ms) { m_retryBaseDelayMs = ms; }

    //! Sending a token over plain http:// to a host that is not loopback must be opted into.
    bool allowInsecureHttp() const { return m_allowInsecureHttp; }
    void setAllowInsecureHttp(bool allow) { m_allowInsecureHttp = allow; }

    //! `aod-qt/<version>` unless overridden.
    QByteArray userAgent() const;
    void setUserAgent(const QByteArray &ua) { m_userAgent = ua; }

    //! Checks URL and token. \a requireToken is false for /health.
    Error validate(bool requireToken = true) const;

private:
    QString m_baseUrl;
    QString m_token;
    QByteArray m_userAgent;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_maxRetries = 2;
    int m_retryBaseDelayMs = 250;
    bool m_allowInsecureHttp = false;
};

AOD_EXPORT QDebug operator<<(QDebug dbg, const ClientConfig &config);

} // namespace Aod
