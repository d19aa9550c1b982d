#pragma once
// What every command gets: the output, the global options and (lazily) the SDK client.
#include "clioutput.h"

#include <aod/client.h>
#include <aod/reply.h>

#include <QLoggingCategory>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcCli)

namespace AodCli {

struct GlobalOptions
{
    QString url;
    QString token;
    bool json = false;
    int timeoutMs = -1;      //!< -1: the SDK default (30 s); 0: none
    bool insecure = false;
    bool verbose = false;
    QString verboseCategories; //!< "http,stream" or empty for all
};

class Context
{
public:
    Context(Output &out, const GlobalOptions &global);
    ~Context();

    Output &out;
    GlobalOptions global;

    //! The client, made on first use from the global options and the environment.
    Aod::Client *client();
    Aod::ClientConfig config() const;

    //! Blocks until \a reply finishes. On failure prints the error and returns its exit code;
    //! on success returns 0.
    int wait(Aod::Reply *reply);
    //! Prints \a error and returns its exit code.
    int fail(const Aod::Error &error);

private:
    std::unique_ptr<Aod::Client> m_client;
};

//! Installs the --verbose message handler: SDK categories on stderr, tokens redacted.
void installVerboseLogging(const QString &categories, const QString &token);
//! \a text with every AoD token replaced by its 8-character prefix and an ellipsis.
QString redactTokens(const QString &text, const QString &token = {});

} // namespace AodCli
