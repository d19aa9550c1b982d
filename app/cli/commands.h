#pragma once
// The command table of `aod`, the dispatcher and the help texts.
#include "cliargs.h"
#include "context.h"

#include <QList>
#include <QString>

namespace AodCli {

using Handler = int (*)(Context &, const ParsedArgs &);

struct CommandDef
{
    QString group;     //!< "agents", or empty for top-level commands (health, run, format)
    QString name;      //!< "list"
    QString arguments; //!< synopsis of the positionals: "ID", "[FILE]"
    QString summary;   //!< one line
    QString details;   //!< paragraphs for --help
    QList<OptionSpec> options;
    int minArgs = 0;
    int maxArgs = 0;
    Handler handler = nullptr;

    QString path() const { return group.isEmpty() ? name : group + QLatin1Char(' ') + name; }
};

//! Every command, in help order.
const QList<CommandDef> &commandTable();
//! Resource groups in help order: agents, environments, sessions.
QStringList commandGroups();
QString groupSummary(const QString &group);
//! Options accepted by every command (before or after the command word).
QList<OptionSpec> globalOptions();

//! The whole tool: \a args without the program name. Returns the exit status.
int runCli(const QStringList &args, Output &out);

QString mainHelp();
QString groupHelp(const QString &group);
QString commandHelp(const CommandDef &command);
QString versionText();

// Handlers (cmd_resources.cpp)
int cmdHealth(Context &, const ParsedArgs &);
int cmdAgentsList(Context &, const ParsedArgs &);
int cmdAgentsGet(Context &, const ParsedArgs &);
int cmdAgentsCreate(Context &, const ParsedArgs &);
int cmdAgentsUpdate(Context &, const ParsedArgs &);
int cmdAgentsArchive(Context &, const ParsedArgs &);
int cmdAgentsVersions(Context &, const ParsedArgs &);
int cmdEnvironmentsList(Context &, const ParsedArgs &);
int cmdEnvironmentsGet(Context &, const ParsedArgs &);
int cmdEnvironmentsCreate(Context &, const ParsedArgs &);
int cmdEnvironmentsUpdate(Context &, const ParsedArgs &);
int cmdEnvironmentsArchive(Context &, const ParsedArgs &);
int cmdEnvironmentsDelete(Context &, const ParsedArgs &);
int cmdEnvironmentsVersions(Context &, const ParsedArgs &);
int cmdSessionsList(Context &, const ParsedArgs &);
int cmdSessionsGet(Context &, const ParsedArgs &);
int cmdSessionsCreate(Context &, const ParsedArgs &);
int cmdSessionsPrompt(Context &, const ParsedArgs &);
int cmdSessionsTurns(Context &, const ParsedArgs &);
int cmdSessionsInterrupt(Context &, const ParsedArgs &);
int cmdSessionsTerminate(Context &, const ParsedArgs &);
int cmdSessionsDelete(Context &, const ParsedArgs &);
QList<OptionSpec> sessionListOptions();

// Handlers (cmd_stream.cpp)
int cmdSessionsStream(Context &, const ParsedArgs &);
int cmdRun(Context &, const ParsedArgs &);
int cmdFormat(Context &, const ParsedArgs &);
QList<OptionSpec> streamOptions();
QList<OptionSpec> runOptions();
QList<OptionSpec> formatOptions();

} // namespace AodCli
