// Property: however a transcript is cut into output chunks, every formatter gives exactly the
// items it gives for the transcript fed whole. Small inputs are cut at every position (and at
// every pair of positions for tiny ones); big ones by seeded random chunkings, down to one
// UTF-16 unit per chunk, which also splits surrogate pairs and CR LF.
#include <aod/format/claudeformatter.h>
#include <aod/format/codexformatter.h>
#include <aod/format/genericformatter.h>
#include <aod/streamevent.h>

#include "formattestutil.h"

#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace Aod;

namespace {

using Factory = std::unique_ptr<OutputFormatter> (*)();

std::unique_ptr<OutputFormatter> makeClaude() { return std::make_unique<ClaudeFormatter>(); }
std::unique_ptr<OutputFormatter> makeCodex() { return std::make_unique<CodexFormatter>(); }
std::unique_ptr<OutputFormatter> makeGeneric() { return std::make_unique<GenericFormatter>(); }

const Factory kFactories[] = {makeClaude, makeCodex, makeGeneric};

QList<FormattedItem> runChunks(OutputFormatter &f, QStringView text, const QList<qsizetype> &cuts)
{
    QList<FormattedItem> items;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        items += f.feedData(text.mid(from, cut - from));
        from = cut;
    }
    items += f.feedData(text.mid(from));
    items += f.flush();
    return items;
}

QList<FormattedItem> runWhole(Factory make, QStringView text)
{
    auto f = make();
    return runChunks(*f, text, {});
}

// Random cut positions: chunk sizes drawn from a scale that varies per chunking.
QList<qsizetype> randomCuts(QRandomGenerator &rng, qsizetype size)
{
    static const int scales[] = {1, 3, 17, 300, 4096, 70000};
    const int scale = scales[rng.bounded(int(std::size(scales)))];
    QList<qsizetype> cuts;
    for (qsizetype at = 0;;) {
        at += 1 + rng.bounded(scale);
        if (at >= size)
            return cuts;
        cuts.append(at);
    }
}

// Lines that stress the buffering: CRs (also as the last unit of a chunk), blank lines,
// whitespace-only lines, surrogate pairs, a tail without LF.
QString trickyTranscript()
{
    return QStringLiteral(
        u"{\"type\":\"system\",\"subtype\":\"init\",\"model\":\"m😀\",\"tools\":[1,2],\"mcp_servers\":[{\"name\":\"a\"}]}\r\n"
        u"\n\r\n\r\r\n   \n"
        u"{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"thinking\",\"thinking\":\"😀 a\\u2028b\"},"
        u"{\"type\":\"text\",\"text\":\"x\\ny\"}]},\"parent_tool_use_id\":\"p\"}\n"
        u"not json 😀\r\r\n"
        u"{\"type\":\"item.completed\",\"item\":{\"id\":\"i\",\"type\":\"agent_message\",\"text\":\"hi\"}}\n"
        u"{\"type\":\"result\",\"subtype\":\"success\",\"duration_ms\":1250,\"total_cost_usd\":0.00005}\n"
        u"{\"type\":\"result\"}\r");
}

} // namespace

class TestFormatterChunking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySplitOfASmallTranscript()
    {
        const QString text = trickyTranscript();
        for (const Factory make : kFactories) {
            const QList<FormattedItem> whole = runWhole(make, text);
            QVERIFY(!whole.isEmpty());
            for (qsizetype cut = 0; cut <= text.size(); ++cut) {
                auto f = make();
                const QList<FormattedItem> split = runChunks(*f, text, {cut});
                if (split != whole)
                    QFAIL(qPrintable(QStringLiteral("%1: differs when cut at %2").arg(f->name()).arg(cut)));
            }
        }
    }

    void everyPairOfSplitsOfATinyTranscript()
    {
        const QString text = QStringLiteral(
            u"{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"😀\"}]}}\r\n\n  \nx\r\r\n{\"type\":\"result\"}");
        auto claude = std::make_unique<ClaudeFormatter>();
        const QList<FormattedItem> whole = runChunks(*claude, text, {});
        QCOMPARE(whole.size(), 4); // the text, "  ", "x", and the result the flush formats
        for (qsizetype a = 0; a <= text.size(); ++a) {
            for (qsizetype b = a; b <= text.size(); ++b) {
                ClaudeFormatter f;
                if (runChunks(f, text, {a, b}) != whole)
                    QFAIL(qPrintable(QStringLiteral("differs when cut at %1 and %2").arg(a).arg(b)));
            }
        }
    }

    // The realistic Claude transcript: fed whole it gives the reference's strings exactly, and
    // so does every random chunking.
    void randomChunkingsOfRealisticTranscripts()
    {
        QStringList files = {FormatTest::dataPath("claude_session.jsonl"), FormatTest::dataPath("codex_session.jsonl")};
        const QDir transcripts(QStringLiteral(AOD_TEST_DATA_DIR "/transcripts"));
        for (const QString &name : transcripts.entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name))
            files.append(transcripts.filePath(name));
        QRandomGenerator rng(20240605);
        for (const QString &file : std::as_const(files)) {
            const QString text = QString::fromUtf8(FormatTest::readFile(file));
            QVERIFY2(!text.isEmpty(), qPrintable(file));
            for (const Factory make : kFactories) {
                const QList<FormattedItem> whole = runWhole(make, text);
                const int rounds = text.size() > 200000 ? 6 : 20;
                for (int round = 0; round < rounds; ++round) {
                    auto f = make();
                    const QList<qsizetype> cuts = randomCuts(rng, text.size());
                    if (runChunks(*f, text, cuts) != whole)
                        QFAIL(qPrintable(QStringLiteral("%1 on %2: a chunking of %3 pieces differs")
                                             .arg(f->name(), file).arg(cuts.size() + 1)));
                }
            }
        }
        const QString claude = QString::fromUtf8(FormatTest::readFile(FormatTest::dataPath("claude_session.jsonl")));
        const QStringList expected = FormatTest::toStringList(
            QJsonDocument::fromJson(FormatTest::readFile(FormatTest::dataPath("claude_session.expected.json"))).array());
        QVERIFY(expected.size() > 50);
        QCOMPARE(OutputFormatter::toReferenceStrings(runWhole(makeClaude, claude)), expected);
    }

    // The live path: the same transcript as `output` events gives the same items, and the
    // events around it (stage, stderr, turn_start, exit) change nothing by default.
    void outputEventsEqualRawText()
    {
        const QString text = QString::fromUtf8(FormatTest::readFile(FormatTest::dataPath("claude_session.jsonl")));
        const QList<FormattedItem> whole = runWhole(makeClaude, text);
        QRandomGenerator rng(7);
        ClaudeFormatter f;
        QList<FormattedItem> items;
        auto event = [](const char *type, const QString &stream, const QString &data) {
            QJsonObject o;
            o.insert(QLatin1String("type"), QLatin1String(type));
            o.insert(QLatin1String("id"), 1);
            o.insert(QLatin1String("stream"), stream);
            o.insert(QLatin1String("data"), data);
            o.insert(QLatin1String("turn"), 1);
            return StreamEvent(o, 1);
        };
        qsizetype from = 0;
        for (const qsizetype cut : randomCuts(rng, text.size())) {
            items += f.feed(event("turn_start", QString(), QString()));
            items += f.feed(event("output", QStringLiteral("stdout"), text.mid(from, cut - from)));
            items += f.feed(event("output", QStringLiteral("stderr"), QStringLiteral("noise\n")));
            items += f.feed(event("stage", QString(), QString()));
            from = cut;
        }
        items += f.feed(event("output", QStringLiteral("stdout"), text.mid(from)));
        items += f.feed(event("exit", QString(), QString()));
        items += f.flush();
        QCOMPARE(items, whole);
    }
};

QTEST_APPLESS_MAIN(TestFormatterChunking)
#include "tst_formatterchunking.moc"
