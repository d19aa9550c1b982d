#pragma once
// Private header: HTTP status + body -> Aod::Error, and JSON body decoding (one table, unit-tested).
#include <aod/error.h>

#include <QJsonValue>

namespace Aod::ErrorMapping {

//! The Error code of a non-2xx HTTP status.
AOD_TESTS_EXPORT Error::Code codeForStatus(int status);

//! Builds the error of a non-2xx response from its status and body. Copes with a JSON
//! `detail` string or list, 429 `limit`/`active`, empty bodies (405) and HTML pages.
AOD_TESTS_EXPORT Error fromHttpResponse(int status, const QByteArray &body, const QByteArray &method,
                                        const QUrl &url);

//! Decodes a 2xx body as JSON (object or array). False with \a error for HTML, empty or
//! malformed bodies.
AOD_TESTS_EXPORT bool decodeJsonBody(const QByteArray &body, QJsonValue &out, QString *error);

//! An InvalidResponse error for a 2xx body that could not be used.
AOD_TESTS_EXPORT Error invalidResponse(int status, const QByteArray &body, const QString &why,
                                       const QByteArray &method, const QUrl &url);

//! "GET /agents/x" for messages.
AOD_TESTS_EXPORT QString describeRequest(const QByteArray &method, const QUrl &url);

} // namespace Aod::ErrorMapping
