#pragma once
// Private header: the SDK's logging categories (enable with QT_LOGGING_RULES="aod.sdk.*=true").
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAodHttp)   // aod.sdk.http: requests, statuses, retries
Q_DECLARE_LOGGING_CATEGORY(lcAodStream) // aod.sdk.stream: SSE connections, reconnects, cursor
Q_DECLARE_LOGGING_CATEGORY(lcAodJson)   // aod.sdk.json: bodies that do not match the models
