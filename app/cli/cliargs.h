#pragma once
// Command-line parsing for `aod`: long options with values (`--name X`, `--name=X`), repeatable
// options kept in order, positionals, `--` and `-` (stdin). Global options are accepted before
// and after the command word; an option a command defines itself (`--timeout`, `--version`)
// shadows the global one after that command.
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <exception>

namespace AodCli {

//! Thrown by parsing helpers for anything the user must fix on the command line (exit 2).
//! Never thrown across an event loop: only from synchronous code.
struct CliError : std::exception
{
    CliError(int code, const QString &text, const QStringList &more = {})
        : exitCode(code), message(text), details(more) {}
    const char *what() const noexcept override { return "aod CliError"; }
    int exitCode;
    QString message;
    QStringList details;
};
//! A usage error (exit 2).
CliError usageError(const QString &message);

struct OptionSpec
{
    enum Kind { Flag, Value, OptionalValue };
    QString name;      //!< long name without "--"
    Kind kind = Flag;
    QString valueName; //!< for help: "ID", "FILE"
    QString help;
    QChar shortName;   //!< optional single-letter alias ('h')
    bool repeatable = false;
};

class ParsedArgs
{
public:
    bool isSet(const QString &name) const { return m_values.contains(name); }
    //! The last value given (options given several times: the last one wins).
    QString value(const QString &name, const QString &fallback = {}) const;
    //! Every value, in command-line order.
    QStringList values(const QString &name) const { return m_values.value(name); }
    const QStringList &positionals() const { return m_positionals; }
    //! Names of the options that were given, in first-seen order.
    const QStringList &givenOptions() const { return m_order; }

    void add(const QString &name, const QString &value);
    void addPositional(const QString &value) { m_positionals.append(value); }

private:
    QMap<QString, QStringList> m_values;
    QStringList m_positionals;
    QStringList m_order;
};

//! Parses \a args against \a specs. With \a stopAtPositional, parsing stops at the first
//! positional (the command word); \a consumed then tells how many arguments were used.
//! Throws CliError (usage) for unknown options, missing values and stray values.
ParsedArgs parseArguments(const QStringList &args, const QList<OptionSpec> &specs,
                          bool stopAtPositional = false, int *consumed = nullptr);

//! An integer option value in [min, max]; throws a usage error naming the option otherwise.
int intValue(const ParsedArgs &args, const QString &name, int min, int max);
//! Splits "KEY=VALUE"; throws a usage error naming the option when there is no '='.
QPair<QString, QString> splitKeyValue(const QString &option, const QString &text);

//! The closest spec name to \a name (for "did you mean"), or empty.
QString closestOption(const QString &name, const QList<OptionSpec> &specs);

} // namespace AodCli
