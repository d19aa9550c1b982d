#pragma once
// Exit codes of `aod`: one per error class, documented in `aod --help`, aod.1 and the README.
#include <aod/error.h>

#include <QString>
#include <QStringList>

namespace AodCli {

enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,          //!< anything not covered below (a write error, a canceled call)
    ExitUsage = 2,            //!< bad command line, unreadable input file, malformed --from-json
    ExitConfiguration = 3,    //!< missing token, malformed URL, insecure http without --insecure
    ExitNetwork = 4,          //!< connection refused/reset, DNS, TLS
    ExitTimeout = 5,          //!< the request timeout (--timeout) elapsed
    ExitAuth = 6,             //!< 401 (and 403)
    ExitNotFound = 7,         //!< 404
    ExitConflict = 8,         //!< 409
    ExitValidation = 9,       //!< 422, or client-side validation before any request
    ExitRateLimited = 10,     //!< 429 (the message carries active/limit)
    ExitServer = 11,          //!< 5xx, and `aod health` on a degraded server
    ExitHttp = 12,            //!< any other HTTP status (400, 405, ...)
    ExitInvalidResponse = 13, //!< HTML where JSON was expected, malformed JSON, wrong shape
    ExitStream = 14,          //!< the live stream failed for good (protocol error, retries used up)
    ExitSessionError = 20,    //!< the stream ended with `error` (failed without an exit code)
    ExitSessionTerminated = 21, //!< the stream ended with `terminated`
    ExitSessionStale = 22,    //!< the stream ended with `stale` (no output for 600 s)
    ExitSessionNoCode = 23,   //!< the stream ended with `exit` but a null code (interrupted)
};

//! The exit code of an SDK error.
int exitCodeFor(const Aod::Error &error);
//! The exit status for a session's `exit` code: 0..255 as is, anything else folded into 1..255.
int exitCodeForSession(int sessionExitCode);

//! The human report of an error: the first line ("404 Not Found: Session not found"), then one
//! line per 422 item ("  name: String should have at most 200 characters").
QStringList describeError(const Aod::Error &error);

//! The exit code table as help text (for `aod --help`, kept in sync with aod.1 by a test).
QString exitCodeHelp();

} // namespace AodCli
