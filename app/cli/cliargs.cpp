#include "cliargs.h"

#include <algorithm>

namespace AodCli {

CliError usageError(const QString &message)
{
    return CliError(2, message);
}

QString ParsedArgs::value(const QString &name, const QString &fallback) const
{
    const auto it = m_values.constFind(name);
    if (it == m_values.cend() || it->isEmpty())
        return fallback;
    return it->last();
}

void ParsedArgs::add(const QString &name, const QString &value)
{
    if (!m_values.contains(name))
        m_order.append(name);
    m_values[name].append(value);
}

static const OptionSpec *findSpec(const QList<OptionSpec> &specs, const QString &name)
{
    for (const OptionSpec &spec : specs) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

static const OptionSpec *findShort(const QList<OptionSpec> &specs, QChar c)
{
    for (const OptionSpec &spec : specs) {
        if (!spec.shortName.isNull() && spec.shortName == c)
            return &spec;
    }
    return nullptr;
}

static int editDistance(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

QString closestOption(const QString &name, const QList<OptionSpec> &specs)
{
    QString best;
    int bestDistance = 3; // only suggest near misses
    for (const OptionSpec &spec : specs) {
        const int d = editDistance(name, spec.name);
        if (d < bestDistance) {
            bestDistance = d;
            best = spec.name;
        }
    }
    return best;
}

static CliError unknownOption(const QString &arg, const QString &name, const QList<OptionSpec> &specs)
{
    QString message = QStringLiteral("unknown option '%1'").arg(arg);
    const QString near = closestOption(name, specs);
    if (!near.isEmpty())
        message += QStringLiteral(" (did you mean --%1?)").arg(near);
    return usageError(message);
}

ParsedArgs parseArguments(const QStringList &args, const QList<OptionSpec> &specs,
                          bool stopAtPositional, int *consumed)
{
    ParsedArgs parsed;
    bool optionsEnded = false;
    qsizetype i = 0;
    for (; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (optionsEnded || arg == QLatin1String("-") || !arg.startsWith(QLatin1Char('-'))) {
            if (stopAtPositional)
                break;
            parsed.addPositional(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            if (stopAtPositional) {
                ++i;
                break;
            }
            optionsEnded = true;
            continue;
        }
        if (arg.startsWith(QLatin1String("--"))) {
            QString name = arg.mid(2);
            QString inlineValue;
            bool hasInline = false;
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                inlineValue = name.mid(eq + 1);
                name.truncate(eq);
                hasInline = true;
            }
            const OptionSpec *spec = findSpec(specs, name);
            if (!spec)
                throw unknownOption(arg, name, specs);
            switch (spec->kind) {
            case OptionSpec::Flag:
                if (hasInline)
                    throw usageError(QStringLiteral("option '--%1' takes no value").arg(name));
                parsed.add(name, QString());
                break;
            case OptionSpec::OptionalValue:
                parsed.add(name, inlineValue);
                break;
            case OptionSpec::Value:
                if (hasInline) {
                    parsed.add(name, inlineValue);
                } else if (i + 1 < args.size()) {
                    parsed.add(name, args.at(++i));
                } else {
                    throw usageError(QStringLiteral("option '--%1' needs a value (%2)")
                                         .arg(name, spec->valueName.isEmpty() ? QStringLiteral("VALUE")
                                                                               : spec->valueName));
                }
                break;
            }
            if (!spec->repeatable && parsed.values(name).size() > 1 && spec->kind == OptionSpec::Value) {
                // Repeating a single-valued option is almost always a mistake in a script.
                throw usageError(QStringLiteral("option '--%1' given more than once").arg(name));
            }
            continue;
        }
        // Short options: "-h", "-v", or grouped flags "-hv"; "-X value" for a valued one.
        const QString letters = arg.mid(1);
        for (qsizetype k = 0; k < letters.size(); ++k) {
            const OptionSpec *spec = findShort(specs, letters.at(k));
            if (!spec)
                throw usageError(QStringLiteral("unknown option '-%1'").arg(letters.at(k)));
            if (spec->kind == OptionSpec::Value) {
                const QString rest = letters.mid(k + 1);
                if (!rest.isEmpty())
                    parsed.add(spec->name, rest);
                else if (i + 1 < args.size())
                    parsed.add(spec->name, args.at(++i));
                else
                    throw usageError(QStringLiteral("option '-%1' needs a value").arg(letters.at(k)));
                break;
            }
            parsed.add(spec->name, QString());
        }
    }
    if (consumed)
        *consumed = int(i);
    return parsed;
}

int intValue(const ParsedArgs &args, const QString &name, int min, int max)
{
    const QString text = args.value(name).trimmed();
    bool ok = false;
    const qlonglong v = text.toLongLong(&ok);
    if (!ok || v < min || v > max) {
        throw usageError(QStringLiteral("option '--%1' expects an integer from %2 to %3, got '%4'")
                             .arg(name)
                             .arg(min)
                             .arg(max)
                             .arg(args.value(name)));
    }
    return int(v);
}

QPair<QString, QString> splitKeyValue(const QString &option, const QString &text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        throw usageError(QStringLiteral("option '--%1' expects KEY=VALUE, got '%2'").arg(option, text));
    return {text.left(eq), text.mid(eq + 1)};
}

} // namespace AodCli
