#pragma once
// Private header: request building lives in ClientPrivate (client_p.h); this header only
// names the constants shared by the SDK's request code.
#include <QByteArray>

namespace Aod::RequestFactory {
inline constexpr const char *JsonContentType = "application/json";
inline constexpr const char *SseContentType = "text/event-stream";
} // namespace Aod::RequestFactory
