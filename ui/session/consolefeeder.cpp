#include "consolefeeder.h"

#include "core/stagelabels.h"

#if __has_include(<aod/format/outputformatter.h>)
#include <aod/format/outputformatter.h>
#define AOD_UI_HAVE_FORMATTER 1
#endif

namespace Aod::Ui {

struct ConsoleFeeder::Impl
{
#ifdef AOD_UI_HAVE_FORMATTER
    std::unique_ptr<Aod::OutputFormatter> formatter;
#endif
    QString name = QStringLiteral("generic");
};

static LogLine::Kind lineKind(int formatterKind)
{
    using K = Aod::FormattedItem::Kind;
    switch (K(formatterKind)) {
    case K::Init: return LogLine::Init;
    case K::Thinking: return LogLine::Thinking;
    case K::Text: return LogLine::Text;
    case K::ToolUse: return LogLine::ToolUse;
    case K::Task: return LogLine::Task;
    case K::ToolResult: return LogLine::ToolResult;
    case K::ResultOk: return LogLine::ResultOk;
    case K::ResultError: return LogLine::ResultError;
    case K::Passthrough: return LogLine::Passthrough;
    case K::Stderr: return LogLine::Stderr;
    case K::Stage: return LogLine::Stage;
    case K::TurnSeparator: return LogLine::TurnSeparator;
    case K::System: return LogLine::Notice;
    case K::Other: return LogLine::Passthrough;
    }
    return LogLine::Passthrough;
}

ConsoleFeeder::ConsoleFeeder(OutputLogModel *formatted, OutputLogModel *raw, QObject *parent)
    : QObject(parent), m_formatted(formatted), m_raw(raw), d(std::make_unique<Impl>())
{
}

ConsoleFeeder::~ConsoleFeeder() = default;

void ConsoleFeeder::setProvider(const QString &provider)
{
    if (provider == m_provider && d->name != QLatin1String("generic"))
        return;
    m_provider = provider;
#ifdef AOD_UI_HAVE_FORMATTER
    d->formatter = Aod::OutputFormatter::forProvider(provider);
    d->name = d->formatter ? d->formatter->name() : QStringLiteral("generic");
#else
    d->name = QStringLiteral("generic");
#endif
}

QString ConsoleFeeder::formatterName() const
{
    return d->name;
}

void ConsoleFeeder::turnSeparator(int turn)
{
    m_turn = turn;
    const QString text = tr("──────── turn %1 ────────").arg(turn);
    m_formatted->appendText(text, LogLine::TurnSeparator, turn);
    m_raw->appendText(text, LogLine::TurnSeparator, turn);
}

void ConsoleFeeder::addRaw(const QString &stream, const QString &data)
{
    const bool err = stream == QLatin1String("stderr");
    QString &partial = err ? m_partialErr : m_partialOut;
    QString text = partial + data;
    const qsizetype lastNl = text.lastIndexOf(QLatin1Char('\n'));
    if (lastNl < 0) {
        partial = text;
        return;
    }
    partial = text.mid(lastNl + 1);
    text.truncate(lastNl);
    text.remove(QLatin1Char('\r'));
    m_raw->appendText(text, err ? LogLine::Stderr : LogLine::Passthrough, m_turn);
}

void ConsoleFeeder::flushRawPartials()
{
    if (!m_partialOut.isEmpty())
        m_raw->appendText(m_partialOut, LogLine::Passthrough, m_turn);
    if (!m_partialErr.isEmpty())
        m_raw->appendText(m_partialErr, LogLine::Stderr, m_turn);
    if (!m_partialFmtErr.isEmpty())
        m_formatted->appendText(m_partialFmtErr, LogLine::Stderr, m_turn);
    m_partialOut.clear();
    m_partialErr.clear();
    m_partialFmtErr.clear();
}

void ConsoleFeeder::finish()
{
#ifdef AOD_UI_HAVE_FORMATTER
    if (d->formatter) {
        const auto items = d->formatter->flush();
        for (const auto &item : items)
            m_formatted->append(LogLine{item.text, lineKind(int(item.kind)), quint8(item.indent), m_turn});
    }
#endif
    flushRawPartials();
}

void ConsoleFeeder::feed(const Aod::StreamEvent &event)
{
    ++m_events;
    using T = Aod::StreamEvent::Type;
    switch (event.type()) {
    case T::Start:
        if (!event.provider().isEmpty())
            setProvider(event.provider());
        return;
    case T::Stage: {
        const QString state = event.stageState();
        QString text;
        const auto ms = event.durationMs();
        const QString dur = ms ? QStringLiteral(" · ") + formatDuration(*ms) : QString();
        if (state == QLatin1String("done"))
            text = QStringLiteral("✓ ") + stageLabel(event.stage()) + dur;
        else if (state == QLatin1String("failed"))
            text = QStringLiteral("✗ ") + tr("%1 failed").arg(stageLabel(event.stage())) + dur
                + (event.message().isEmpty() ? QString() : QStringLiteral(": ") + event.message());
        else
            return; // "started" is on the Stages tab; the console shows outcomes, as the CLI does
        m_formatted->appendText(text, LogLine::Stage, m_turn);
        m_raw->appendText(text, LogLine::Stage, m_turn);
        return;
    }
    case T::TurnStart:
        finish();
        turnSeparator(event.turn().value_or(m_turn + 1));
        return;
    case T::Output: {
        const int turn = event.turn().value_or(m_turn);
        if (turn != m_turn && turn > 0) {
            finish();
            turnSeparator(turn);
        }
        addRaw(event.stream(), event.data());
        if (event.isStderr()) {
            // stderr is not formatted; shown whole lines, distinct colour
            QString text = m_partialFmtErr + event.data();
            const qsizetype nl = text.lastIndexOf(QLatin1Char('\n'));
            if (nl < 0) {
                m_partialFmtErr = text;
            } else {
                m_partialFmtErr = text.mid(nl + 1);
                text.truncate(nl);
                m_formatted->appendText(text, LogLine::Stderr, m_turn);
            }
            return;
        }
#ifdef AOD_UI_HAVE_FORMATTER
        if (!d->formatter)
            setProvider(m_provider);
        const auto items = d->formatter->feed(event);
        for (const auto &item : items)
            m_formatted->append(LogLine{item.text, lineKind(int(item.kind)), quint8(item.indent), m_turn});
#else
        m_formatted->appendText(event.data(), LogLine::Passthrough, m_turn);
#endif
        return;
    }
    case T::Exit: {
        finish();
        const auto code = event.exitCode();
        const QString text = code ? tr("■ exit %1").arg(*code) : tr("■ exit (no code)");
        const auto kind = code && *code == 0 ? LogLine::ResultOk : LogLine::ResultError;
        m_formatted->appendText(text, kind, m_turn);
        m_raw->appendText(text, kind, m_turn);
        return;
    }
    case T::Error:
    case T::Terminated:
    case T::Stale: {
        finish();
        const QString text = QStringLiteral("■ [%1] %2").arg(event.typeString(), event.message());
        const auto kind = event.type() == T::Error ? LogLine::ResultError : LogLine::Notice;
        m_formatted->appendText(text, kind, m_turn);
        m_raw->appendText(text, kind, m_turn);
        return;
    }
    case T::Unknown:
        return;
    }
}

} // namespace Aod::Ui
