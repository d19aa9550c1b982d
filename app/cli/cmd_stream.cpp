// sessions stream, run, format: placeholder until the stream and formatter headers land.
#include "commands.h"
#include "exitcodes.h"

namespace AodCli {

QList<OptionSpec> streamOptions() { return {}; }
QList<OptionSpec> runOptions() { return {}; }
QList<OptionSpec> formatOptions() { return {}; }
int cmdSessionsStream(Context &, const ParsedArgs &) { return ExitFailure; }
int cmdRun(Context &, const ParsedArgs &) { return ExitFailure; }
int cmdFormat(Context &, const ParsedArgs &) { return ExitFailure; }

} // namespace AodCli
