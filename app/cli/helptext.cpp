#include "commands.h"
#include "exitcodes.h"

#include <aod/global.h>

namespace AodCli {

namespace {

constexpr int Width = 100;

QString wrap(const QString &text, int indent, int firstColumn)
{
    // Word wrap at Width; continuation lines start at \a indent. Paragraph breaks are kept.
    QString result;
    const QStringList paragraphs = text.split(QLatin1Char('\n'));
    for (qsizetype p = 0; p < paragraphs.size(); ++p) {
        int column = p == 0 ? firstColumn : indent;
        if (p > 0)
            result += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
        bool lineStart = true;
        for (const QString &word : paragraphs.at(p).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!lineStart && column + 1 + word.size() > Width) {
                result += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
                column = indent;
                lineStart = true;
            }
            if (!lineStart) {
                result += QLatin1Char(' ');
                ++column;
            }
            result += word;
            column += int(word.size());
            lineStart = false;
        }
    }
    return result;
}

QString optionLines(const QList<OptionSpec> &specs)
{
    constexpr int Column = 32;
    QString text;
    for (const OptionSpec &spec : specs) {
        QString head = QStringLiteral("  ");
        head += spec.shortName.isNull() ? QStringLiteral("    ") : QStringLiteral("-%1, ").arg(spec.shortName);
        head += QStringLiteral("--") + spec.name;
        if (spec.kind == OptionSpec::Value)
            head += QLatin1Char(' ') + spec.valueName;
        else if (spec.kind == OptionSpec::OptionalValue)
            head += spec.valueName;
        if (head.size() >= Column - 1) {
            text += head + QLatin1Char('\n') + QString(Column, QLatin1Char(' '));
        } else {
            text += head + QString(Column - head.size(), QLatin1Char(' '));
        }
        text += wrap(spec.help, Column, Column) + QLatin1Char('\n');
    }
    return text;
}

QString commandLine(const CommandDef &c)
{
    QString head = QStringLiteral("  ") + c.path();
    if (!c.arguments.isEmpty())
        head += QLatin1Char(' ') + c.arguments;
    constexpr int Column = 34;
    if (head.size() >= Column - 1)
        return head + QLatin1Char('\n') + QString(Column, QLatin1Char(' ')) + c.summary + QLatin1Char('\n');
    return head + QString(Column - head.size(), QLatin1Char(' ')) + c.summary + QLatin1Char('\n');
}

} // namespace

QString versionText()
{
    return QStringLiteral("aod %1 (AoD SDK %1, Qt %2)\n")
        .arg(QStringLiteral(AOD_VERSION_STRING), QString::fromLatin1(qVersion()));
}

QString mainHelp()
{
    QString text = QStringLiteral(
        "aod - the Agent on Demand command-line tool\n"
        "\n"
        "Usage: aod [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n"
        "\n"
        "Commands:\n");
    for (const CommandDef &c : commandTable())
        text += commandLine(c);
    text += QStringLiteral("  help [COMMAND]                  help on a command, e.g. aod help sessions stream\n");
    text += QStringLiteral("\nGlobal options (before or after the command):\n") + optionLines(globalOptions());
    text += QStringLiteral(
        "\n"
        "Environment:\n"
        "  AOD_API_URL        base URL when --url is not given (default http://localhost:8777)\n"
        "  AOD_API_TOKEN      API token when --token is not given\n"
        "  AOD_ALLOW_INSECURE_HTTP=1   same as --insecure\n"
        "  QT_LOGGING_RULES   Qt logging rules, e.g. aod.sdk.http.debug=true (see --verbose)\n"
        "\n"
        "Output: tables for lists, key/value blocks for single objects, times in local time.\n"
        "With --json the server's JSON is printed as it was received. Errors go to stderr as one\n"
        "line (status and detail), followed by one line per validation item with its field.\n"
        "\n");
    text += exitCodeHelp();
    text += QStringLiteral(
        "\n"
        "Examples:\n"
        "  export AOD_API_URL=https://aod.example.com AOD_API_TOKEN=aod_...\n"
        "  aod agents create --name reviewer --provider anthropic --model claude-sonnet-4-6 \\\n"
        "      --system-file system.md --skill-file skills/review/SKILL.md --metadata team=infra\n"
        "  aod environments create --name ci --package apt:jq --env LOG_LEVEL=debug \\\n"
        "      --networking limited --allow-host api.github.com\n"
        "  aod run --agent AGENT_ID --prompt 'Fix the flaky test' --repo https://github.com/o/r#GH_TOKEN \\\n"
        "      --secret-env ANTHROPIC_API_KEY\n"
        "  aod sessions stream SESSION_ID --raw > out.jsonl && aod format --claude out.jsonl\n"
        "  aod sessions list --json | jq -r '.data[] | select(.status == \"failed\") | .id'\n");
    return text;
}

QString groupHelp(const QString &group)
{
    QString text = QStringLiteral("aod %1 - %2\n\nUsage: aod %1 COMMAND [OPTIONS] [ARGS]\n\nCommands:\n")
                       .arg(group, groupSummary(group));
    for (const CommandDef &c : commandTable()) {
        if (c.group == group)
            text += commandLine(c);
    }
    text += QStringLiteral("\nRun 'aod %1 COMMAND --help' for a command's options, 'aod --help' for the global ones.\n")
                .arg(group);
    return text;
}

QString commandHelp(const CommandDef &c)
{
    QString text = QStringLiteral("Usage: aod ") + c.path() + (c.options.isEmpty() ? QString() : QStringLiteral(" [OPTIONS]"));
    if (!c.arguments.isEmpty())
        text += QLatin1Char(' ') + c.arguments;
    text += QStringLiteral("\n\n") + wrap(c.summary.left(1).toUpper() + c.summary.mid(1) + QLatin1Char('.'), 0, 0)
        + QLatin1Char('\n');
    if (!c.details.isEmpty())
        text += QLatin1Char('\n') + wrap(c.details, 0, 0) + QLatin1Char('\n');
    if (!c.options.isEmpty())
        text += QStringLiteral("\nOptions:\n") + optionLines(c.options);
    QList<OptionSpec> globals;
    for (const OptionSpec &global : globalOptions()) {
        bool shadowed = false;
        for (const OptionSpec &own : c.options)
            shadowed = shadowed || own.name == global.name;
        if (!shadowed)
            globals.append(global);
    }
    text += QStringLiteral("\nGlobal options:\n") + optionLines(globals);
    text += QStringLiteral("\nExit status: see 'aod --help'.\n");
    return text;
}

} // namespace AodCli
