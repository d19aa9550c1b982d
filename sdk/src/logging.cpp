#include "logging_p.h"

Q_LOGGING_CATEGORY(lcAodHttp, "aod.sdk.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAodStream, "aod.sdk.stream", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAodJson, "aod.sdk.json", QtWarningMsg)
