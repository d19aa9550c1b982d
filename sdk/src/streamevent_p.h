#pragma once
// Private header: test hooks of StreamEvent's decoder (streamevent.cpp).
#include <aod/global.h>

namespace Aod::StreamEventDecoding {

//! True: decode strings with the SSE2 code only, even on a CPU that has the faster SSSE3 path
//! (so tests cover both on any machine). Process-wide; for tests only.
AOD_TESTS_EXPORT void setSse2Only(bool on);
//! Whether fromData() uses the SSSE3 path on this CPU right now.
AOD_TESTS_EXPORT bool usesSsse3();

} // namespace Aod::StreamEventDecoding
