// Throughput of the formatters on a realistic transcript of a few megabytes, fed in 4 KB
// chunks as SSE output events arrive. Prints lines/s and MB/s (UTF-8 input); never fails on
// speed, only on wrong output counts. Run: ctest -L bench -V (or the binary directly).
#include <aod/format/claudeformatter.h>
#include <aod/format/codexformatter.h>
#include <aod/format/genericformatter.h>

#include "formattestutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

using namespace Aod;

namespace {

constexpr qsizetype kTargetBytes = 4 * 1000 * 1000;
constexpr qsizetype kChunk = 4096;

struct Corpus
{
    QString text;
    qsizetype bytes = 0;
    qsizetype lines = 0;
    int copies = 0;
    QString source;
};

// The Claude transcripts of the local server when present, else ours; repeated to ~4 MB.
Corpus claudeCorpus()
{
    QString one;
    QStringList sources;
    const QDir transcripts(QStringLiteral(AOD_TEST_DATA_DIR "/transcripts"));
    for (const QString &name : transcripts.entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name)) {
        const QString text = QString::fromUtf8(FormatTest::readFile(transcripts.filePath(name)));
        if (text.contains(QLatin1String("\"type\":\"assistant\"")) || text.contains(QLatin1String("\"type\": \"assistant\""))) {
            one += text;
            if (!one.endsWith(QLatin1Char('\n')))
                one += QLatin1Char('\n');
            sources.append(name);
        }
    }
    if (one.isEmpty()) {
        one = QString::fromUtf8(FormatTest::readFile(FormatTest::dataPath("claude_session.jsonl")));
        sources.append(QStringLiteral("format/claude_session.jsonl"));
    }
    return [&] {
        Corpus c;
        c.source = sources.join(QStringLiteral(", "));
        const qsizetype oneBytes = one.toUtf8().size();
        c.copies = int(qMax<qsizetype>(1, (kTargetBytes + oneBytes - 1) / oneBytes));
        c.text = one.repeated(c.copies);
        c.bytes = oneBytes * c.copies;
        c.lines = one.count(QLatin1Char('\n')) * c.copies;
        return c;
    }();
}

struct Result
{
    qsizetype items = 0;
    double seconds = 0;
};

Result runChunked(OutputFormatter &f, const QString &text)
{
    QElapsedTimer timer;
    timer.start();
    Result r;
    for (qsizetype at = 0; at < text.size(); at += kChunk)
        r.items += f.feedData(QStringView(text).mid(at, kChunk)).size();
    r.items += f.flush().size();
    r.seconds = double(timer.nsecsElapsed()) / 1e9;
    return r;
}

void report(const char *what, const Corpus &c, const Result &best)
{
    qInfo("%-28s %8.0f lines/s  %7.1f MB/s  (%lld lines, %.2f MB, %lld items, %.3f s)", what,
          double(c.lines) / best.seconds, double(c.bytes) / 1e6 / best.seconds, qlonglong(c.lines),
          double(c.bytes) / 1e6, qlonglong(best.items), best.seconds);
}

template<typename Make>
Result bestOf(int runs, const QString &text, Make make)
{
    Result best;
    for (int i = 0; i < runs; ++i) {
        auto f = make();
        const Result r = runChunked(*f, text);
        if (i == 0 || r.seconds < best.seconds)
            best = r;
    }
    return best;
}

} // namespace

class BenchFormatters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void claude()
    {
        const Corpus c = claudeCorpus();
        QVERIFY(c.bytes >= kTargetBytes);
        qInfo("corpus: %s x%d", qPrintable(c.source), c.copies);
        // The output of one copy, times the copies: the benchmark measures correct work.
        ClaudeFormatter single;
        const qsizetype perCopy = runChunked(single, c.text.left(c.text.size() / c.copies)).items;
        QVERIFY(perCopy > 0);
        const Result best = bestOf(3, c.text, [] { return std::make_unique<ClaudeFormatter>(); });
        QCOMPARE(best.items, perCopy * c.copies);
        report("claude (4 KB chunks)", c, best);

        // Per-line entry point, as `aod format` and fuzzers use it.
        const QStringList lines = c.text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        ClaudeFormatter f;
        QElapsedTimer timer;
        timer.start();
        qsizetype items = 0;
        for (const QString &line : lines)
            items += f.formatLine(line).size();
        report("claude formatLine()", c, Result{items, double(timer.nsecsElapsed()) / 1e9});
        QCOMPARE(items, best.items);
    }

    void codexAndGeneric()
    {
        QString one = QString::fromUtf8(FormatTest::readFile(FormatTest::dataPath("codex_session.jsonl")));
        QVERIFY(!one.isEmpty());
        Corpus c;
        const qsizetype oneBytes = one.toUtf8().size();
        c.copies = int(kTargetBytes / oneBytes + 1);
        c.text = one.repeated(c.copies);
        c.bytes = oneBytes * c.copies;
        c.lines = one.count(QLatin1Char('\n')) * c.copies;
        const Result codex = bestOf(3, c.text, [] { return std::make_unique<CodexFormatter>(); });
        QVERIFY(codex.items > c.copies);
        report("codex (4 KB chunks)", c, codex);
        const Result generic = bestOf(3, c.text, [] { return std::make_unique<GenericFormatter>(); });
        QCOMPARE(generic.items, c.lines);
        report("generic (4 KB chunks)", c, generic);
    }
};

QTEST_APPLESS_MAIN(BenchFormatters)
#include "bench_formatters.moc"
