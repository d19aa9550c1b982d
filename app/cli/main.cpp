// aod: the Agent on Demand command-line tool. Everything lives in aod_cli_core (commands.h).
#include "clioutput.h"
#include "commands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aod"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AOD_VERSION_STRING));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    AodCli::Output out;
    const int code = AodCli::runCli(args, out);
    out.flush();
    return code;
}
