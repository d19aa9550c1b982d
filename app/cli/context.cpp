#include "context.h"

#include "exitcodes.h"

#include <QLoggingCategory>
#include <QRegularExpression>

#include <cstdio>

Q_LOGGING_CATEGORY(lcCli, "aod.cli", QtInfoMsg)

namespace AodCli {

Context::Context(Output &o, const GlobalOptions &g) : out(o), global(g) {}

Context::~Context() = default;

Aod::ClientConfig Context::config() const
{
    Aod::ClientConfig config = Aod::ClientConfig::fromEnvironment(global.url, global.token);
    if (global.timeoutMs >= 0)
        config.setTimeoutMs(global.timeoutMs);
    if (global.insecure || qEnvironmentVariableIntValue("AOD_ALLOW_INSECURE_HTTP") == 1)
        config.setAllowInsecureHttp(true);
    config.setUserAgent(QByteArray("aod-cli/") + AOD_VERSION_STRING);
    return config;
}

Aod::Client *Context::client()
{
    if (!m_client) {
        m_client = std::make_unique<Aod::Client>(config());
        qCDebug(lcCli).noquote() << "client for" << m_client->config().baseUrlString() << "token"
                                 << m_client->config().redactedToken() << "timeout"
                                 << m_client->config().timeoutMs() << "ms";
    }
    return m_client.get();
}

int Context::wait(Aod::Reply *reply)
{
    const Aod::ClientConfig cfg = client()->config();
    // The SDK enforces the per-request timeout; this guard only catches a reply that never ends.
    int guard = -1;
    if (cfg.timeoutMs() > 0)
        guard = cfg.timeoutMs() * (cfg.maxRetries() + 1) + 20000;
    if (!reply->waitForFinished(guard)) {
        reply->abort();
        return fail(Aod::Error(Aod::Error::Code::TimeoutError,
                               QStringLiteral("no answer within %1 ms").arg(guard)));
    }
    if (reply->isSuccess())
        return ExitOk;
    return fail(reply->error());
}

int Context::fail(const Aod::Error &error)
{
    out.error(describeError(error));
    return exitCodeFor(error);
}

// --- verbose logging ---------------------------------------------------------------------------

namespace {
QString g_token;
QtMessageHandler g_previous = nullptr;

QStringList g_patterns;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

bool categoryMatches(const QString &name)
{
    for (const QString &rule : g_patterns) {
        QString pattern = rule.section(QLatin1Char('='), 0, 0);
        if (pattern.endsWith(QLatin1String(".debug")))
            pattern.chop(6);
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
            pattern, QRegularExpression::UnanchoredWildcardConversion));
        if (QRegularExpression(QStringLiteral("^(?:") + re.pattern() + QStringLiteral(")$")).match(name).hasMatch())
            return true;
    }
    return false;
}

void verboseFilter(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (categoryMatches(QString::fromLatin1(category->categoryName())))
        category->setEnabled(QtDebugMsg, true);
}

void verboseHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const char *level = "debug";
    switch (type) {
    case QtDebugMsg: level = "debug"; break;
    case QtInfoMsg: level = "info"; break;
    case QtWarningMsg: level = "warning"; break;
    case QtCriticalMsg: level = "critical"; break;
    case QtFatalMsg: level = "fatal"; break;
    }
    const QString line = QStringLiteral("[%1 %2] %3\n")
                             .arg(QString::fromLatin1(context.category ? context.category : "default"),
                                  QString::fromLatin1(level), redactTokens(message, g_token));
    std::fflush(stdout);
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg && g_previous)
        g_previous(type, context, message);
}
} // namespace

QString redactTokens(const QString &text, const QString &token)
{
    QString result = text;
    if (token.size() >= 8)
        result.replace(token, token.left(8) + QChar(0x2026));
    // Any AoD token shape, and whatever follows "Bearer ".
    static const QRegularExpression aodToken(QStringLiteral("(aod_[A-Za-z0-9_-]{4})[A-Za-z0-9_-]{4,}"));
    result.replace(aodToken, QStringLiteral("\\1") + QChar(0x2026));
    static const QRegularExpression bearer(QStringLiteral("(Bearer \\S{0,8})\\S+"));
    result.replace(bearer, QStringLiteral("\\1") + QChar(0x2026));
    return result;
}

void installVerboseLogging(const QString &categories, const QString &token)
{
    g_token = token;
    QStringList rules;
    if (categories.isEmpty()) {
        rules << QStringLiteral("aod.*.debug=true");
    } else {
        for (const QString &cat : categories.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString c = cat.trimmed();
            // "http" -> aod.sdk.http; full names ("aod.sdk.stream", "qt.network.*") pass through.
            rules << (c.contains(QLatin1Char('.')) ? c : QStringLiteral("aod.sdk.") + c) + QStringLiteral(".debug=true");
        }
    }
    QLoggingCategory::setFilterRules(rules.join(QLatin1Char('\n')));
    // QT_LOGGING_RULES in the environment outranks setFilterRules(); --verbose is the user's
    // explicit wish, so a category filter turns the asked-for categories on regardless.
    g_patterns = rules;
    g_previousFilter = QLoggingCategory::installFilter(verboseFilter);
    g_previous = qInstallMessageHandler(verboseHandler);
}

} // namespace AodCli
