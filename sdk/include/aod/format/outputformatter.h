#pragma once
//! \file outputformatter.h  Aod::OutputFormatter: turns a session's output stream into
//! readable, typed items ("what is the agent doing"), one formatter per runtime.
#include <aod/format/formatteditem.h>
#include <aod/global.h>

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>

namespace Aod {

class StreamEvent;

//! \brief Base of the output formatters: stream filtering and line buffering, shared by the
//! Claude, Codex and generic formatters.
//!
//! A formatter is a plain stateful value-like object (not a QObject, not copyable, not
//! thread-safe): use one instance per session stream, feed it every event in order, and call
//! flush() once the stream has ended (for instance after the terminal `exit` event).
//!
//! Input rules, those of the official Python SDK (sdk-parity §2.1, §2.2):
//! - feed() consumes only `output` events of the `stdout` stream whose `data` is a string;
//!   everything else yields nothing unless enabled with setExtras().
//! - Output chunks are concatenated; each LF ends a line. All trailing CRs are stripped from
//!   a line, empty lines are skipped (a line of spaces is not empty), and a partial line waits
//!   in the buffer across any number of feed() calls.
//! - Each complete line goes through formatLine(); what it returns is what feed() returns.
//!
//! The three ways in:
//! - feed(const StreamEvent &): the live stream;
//! - feedData(QStringView): raw stdout text in arbitrary chunks (files, pipes, tests);
//! - formatLine(QStringView): one complete line, no buffering (the CLI, fuzzers).
//!
//! \note Formatters never throw and never crash on bad input: any text, invalid UTF-8 turned
//! into U+FFFD, lines of many megabytes and JSON nested 10^5 levels deep all give text.
class AOD_EXPORT OutputFormatter
{
public:
    //! Streams and events beyond stdout that feed() can also turn into items. The default,
    //! None, is the reference behaviour: the caller shows stderr and stages itself.
    enum class Extra : unsigned {
        None = 0,
        Stderr = 0x1,    //!< stderr output, line-buffered like stdout, as Kind::Stderr items
        Stages = 0x2,    //!< `stage` events as Kind::Stage ("✓ create_sprite · 1.2s")
        Turns = 0x4,     //!< a Kind::TurnSeparator when the turn number changes
        Lifecycle = 0x8, //!< terminal events (exit, error, terminated, stale) as Kind::System
        All = 0xf,
    };
    Q_DECLARE_FLAGS(Extras, Extra)

    virtual ~OutputFormatter();
    OutputFormatter(const OutputFormatter &) = delete;
    OutputFormatter &operator=(const OutputFormatter &) = delete;

    //! Consumes one stream event and returns the items it completes (often none: a chunk may
    //! end mid-line). Event kinds and streams outside the filter give nothing.
    virtual QList<FormattedItem> feed(const StreamEvent &event);
    //! Drains what is left in the buffers at the end of a stream. The exact rule differs per
    //! formatter (see ClaudeFormatter and GenericFormatter).
    virtual QList<FormattedItem> flush();
    //! Feeds raw stdout text, as the reference's `feed(chunk)`: no event filter.
    QList<FormattedItem> feedData(QStringView chunk);
    //! Formats one complete line, exactly as the reference's per-line step does: the text is
    //! taken as it is (no CR stripping; an LF inside is just a character) and may yield several
    //! items or none. Apart from the Codex formatter's de-duplication of repeated item updates,
    //! the result depends only on the line.
    virtual QList<FormattedItem> formatLine(QStringView line) = 0;

    //! feed() as the reference's strings: items joined per input line (see
    //! FormattedItem::continuation).
    QStringList feedText(const StreamEvent &event);
    //! feedData() as the reference's strings.
    QStringList feedDataText(QStringView chunk);
    //! flush() as the reference's strings.
    QStringList flushText();
    //! Joins each run of continuation items into one string with "\n": the strings the Python
    //! formatter yields for the same input.
    static QStringList toReferenceStrings(const QList<FormattedItem> &items);

    void setExtras(Extras extras);
    Extras extras() const;
    //! The stdout text waiting for its LF (a partial line, or whitespace a flush left behind).
    QString pendingText() const;
    //! Forgets buffered text and any per-stream state; the extras setting is kept.
    virtual void reset();
    //! "claude", "codex" or "generic".
    virtual QString name() const = 0;

    //! The formatter for a session, from its `provider` (anthropic, openai) or from a runtime
    //! name (claude, claude-code, codex, ...), case-insensitively: anthropic or anything
    //! containing "claude" gives a ClaudeFormatter, openai or anything containing "codex" a
    //! CodexFormatter, everything else (gemini, opencode, empty) a GenericFormatter.
    //!
    //! The official `formatter_for()` only knows runtime names, so it picks the generic
    //! formatter for every session that reports a provider; see referenceFormatterFor().
    static std::unique_ptr<OutputFormatter> forProvider(const QString &providerOrRuntime);
    //! Exactly the official `formatter_for(runtime)`: Claude when the lower-cased name contains
    //! "claude", otherwise generic (codex and anthropic included). For parity checks.
    static std::unique_ptr<OutputFormatter> referenceFormatterFor(const QString &runtime);

protected:
    OutputFormatter();
    //! The end-of-stream rule for the stdout buffer \a pending. The default is the generic
    //! one: strip trailing CRs, format the rest with formatLine() if it holds anything but
    //! whitespace, and always clear the buffer.
    virtual QList<FormattedItem> flushPending(QString &pending);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(OutputFormatter::Extras)

} // namespace Aod
