// Robustness, fuzz-style but seeded and bounded: random and mutated stream-json lines, invalid
// UTF-8, lone surrogates, lines of megabytes and JSON nested 10^5 levels deep go through all
// three formatters. Nothing may crash (ASan/UBSan builds run this too), every item must carry
// text, and the Claude formatter's answer for a line must not depend on how it was chunked.
#include <aod/format/claudeformatter.h>
#include <aod/format/codexformatter.h>
#include <aod/format/genericformatter.h>
#include <aod/streamevent.h>

#include "formattestutil.h"

#include <QJsonParseError>
#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace Aod;
using Kind = FormattedItem::Kind;

namespace {

std::vector<std::unique_ptr<OutputFormatter>> allFormatters()
{
    std::vector<std::unique_ptr<OutputFormatter>> list;
    list.push_back(std::make_unique<ClaudeFormatter>());
    list.push_back(std::make_unique<CodexFormatter>());
    list.push_back(std::make_unique<GenericFormatter>());
    return list;
}

void checkItems(const QList<FormattedItem> &items)
{
    for (const FormattedItem &item : items) {
        QVERIFY(!item.text.isEmpty());
        QVERIFY(item.indent == 0 || item.indent == 1);
    }
}

// Seed lines: the realistic transcripts and the recorded oracle inputs.
QStringList seedLines()
{
    QStringList lines;
    for (const char *name : {"claude_session.jsonl", "codex_session.jsonl"}) {
        const QString text = QString::fromUtf8(FormatTest::readFile(FormatTest::dataPath(name)));
        lines += text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    const QList<QJsonObject> rows = FormatTest::readJsonLines(FormatTest::dataPath("claude_oracle.jsonl"));
    for (qsizetype i = 0; i < rows.size(); i += 7)
        lines.append(rows[i].value(QLatin1String("in")).toString());
    return lines;
}

QString mutate(QRandomGenerator &rng, QString s)
{
    static const char16_t pieces[][12] = {u"{", u"}", u"[", u"]", u"\"", u",", u":", u"\\", u"\\u", u"\\ud800",
                                          u"NaN", u"-Infinity", u"1e999", u"null", u"\r", u"\n", u"\u2028",
                                          u"\xd800", u"\xdc00", u"😀", u"\ufffd", u"\u0000", u"0.5", u"-0"};
    const int edits = 1 + rng.bounded(4);
    for (int e = 0; e < edits; ++e) {
        const qsizetype at = s.isEmpty() ? 0 : rng.bounded(int(s.size()));
        switch (rng.bounded(5)) {
        case 0: s.remove(at, 1 + rng.bounded(8)); break;
        case 1: s.insert(at, QString::fromUtf16(pieces[rng.bounded(int(std::size(pieces)))])); break;
        case 2: s.truncate(at); break;
        case 3: s.insert(at, s.mid(rng.bounded(int(s.size()) + 1), 40)); break;
        default:
            if (!s.isEmpty())
                s[at] = QChar(char16_t(rng.bounded(0x10000)));
            break;
        }
    }
    return s;
}

QByteArray randomBytes(QRandomGenerator &rng, int size)
{
    static const char *fragments[] = {"{\"type\":\"assistant\",\"message\":{\"content\":[", "{\"type\":\"text\",\"text\":\"",
                                      "\xff", "\xc3", "\xe2\x80", "\xf0\x9f\x98", "\xed\xa0\x80", "\xc0\xaf", "\"}]}}",
                                      "\n", "\r\n", "\xe2\x80\xa8", "{\"type\":\"result\",\"duration_ms\":"};
    QByteArray out;
    while (out.size() < size) {
        if (rng.bounded(3) == 0)
            out.append(fragments[rng.bounded(int(std::size(fragments)))]);
        else
            out.append(char(rng.bounded(256)));
    }
    return out;
}

} // namespace

class TestFormatterFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mutatedLines()
    {
        const QStringList seeds = seedLines();
        QVERIFY(seeds.size() > 500);
        QRandomGenerator rng(1234);
        auto formatters = allFormatters();
        ClaudeFormatter chunked;
        for (int i = 0; i < 4000; ++i) {
            const QString line = mutate(rng, seeds[rng.bounded(int(seeds.size()))]);
            for (auto &f : formatters)
                checkItems(f->formatLine(line));
            // Chunked feeding of the same line (without its LFs) gives the same strings.
            QString oneLine = line;
            oneLine.remove(QLatin1Char('\n'));
            while (oneLine.endsWith(QLatin1Char('\r')))
                oneLine.chop(1);
            ClaudeFormatter whole;
            const QStringList expected = whole.feedDataText(QString(oneLine + QLatin1Char('\n')));
            QStringList got;
            const qsizetype cut = oneLine.isEmpty() ? 0 : rng.bounded(int(oneLine.size()));
            got += chunked.feedDataText(QStringView(oneLine).left(cut));
            got += chunked.feedDataText(QStringView(oneLine).mid(cut));
            got += chunked.feedDataText(QStringLiteral("\n"));
            QCOMPARE(got, expected);
        }
    }

    void randomBytesAsUtf8()
    {
        QRandomGenerator rng(99);
        auto formatters = allFormatters();
        for (int i = 0; i < 400; ++i) {
            // Each chunk is decoded on its own with replacement, as the server does (contract §6.7).
            const QByteArray bytes = randomBytes(rng, 1 + rng.bounded(3000));
            for (auto &f : formatters) {
                qsizetype from = 0;
                while (from < bytes.size()) {
                    const qsizetype n = 1 + rng.bounded(200);
                    checkItems(f->feedData(QString::fromUtf8(bytes.mid(from, n))));
                    from += n;
                }
                checkItems(f->flush());
            }
        }
    }

    void randomEvents()
    {
        QRandomGenerator rng(5);
        auto formatters = allFormatters();
        for (auto &f : formatters)
            f->setExtras(OutputFormatter::Extra::All);
        const char *types[] = {"output", "stage", "turn_start", "exit", "error", "terminated", "stale", "start", "bogus"};
        for (int i = 0; i < 3000; ++i) {
            QJsonObject o;
            o.insert(QLatin1String("type"), QLatin1String(types[rng.bounded(int(std::size(types)))]));
            o.insert(QLatin1String("id"), rng.bounded(100));
            const QJsonValue values[] = {QJsonValue(QStringLiteral("stdout")), QJsonValue(QStringLiteral("stderr")),
                                         QJsonValue(5), QJsonValue(), QJsonValue(QStringLiteral("x\n{\"type\":\"result\"}\n"))};
            o.insert(QLatin1String("stream"), values[rng.bounded(int(std::size(values)))]);
            o.insert(QLatin1String("data"), values[rng.bounded(int(std::size(values)))]);
            o.insert(QLatin1String("turn"), values[rng.bounded(int(std::size(values)))]);
            o.insert(QLatin1String("state"), values[rng.bounded(int(std::size(values)))]);
            o.insert(QLatin1String("code"), values[rng.bounded(int(std::size(values)))]);
            o.insert(QLatin1String("duration_ms"), values[rng.bounded(int(std::size(values)))]);
            const StreamEvent event(o, rng.bounded(100));
            for (auto &f : formatters)
                checkItems(f->feed(event));
        }
        for (auto &f : formatters)
            checkItems(f->flush());
    }

    // Several megabytes in one line: formatted in full, also when it arrives in 4 KB chunks.
    void hugeLines()
    {
        const QString text(4 * 1024 * 1024, QLatin1Char('a'));
        const QString json = QStringLiteral("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"")
            + text + QStringLiteral("\"}]}}");
        ClaudeFormatter f;
        QList<FormattedItem> items;
        for (qsizetype at = 0; at < json.size(); at += 4096)
            items += f.feedData(QStringView(json).mid(at, 4096));
        items += f.feedData(QStringLiteral("\n"));
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].text.size(), text.size() + 4);
        QVERIFY(items[0].text.endsWith(QLatin1String("aaaa")));

        const QString garbage = QString(4 * 1024 * 1024, QLatin1Char('{'));
        const QList<FormattedItem> passed = f.formatLine(garbage);
        QCOMPARE(passed.size(), 1);
        QCOMPARE(passed[0].kind, Kind::Passthrough);
        QCOMPARE(passed[0].text, garbage);

        // A Bash command that is a huge array: Python's list repr, cut to 140 code points.
        QString arrayLine = QStringLiteral("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{\"command\":[");
        for (int i = 0; i < 300000; ++i)
            arrayLine += QStringLiteral("\"x\",");
        arrayLine += QStringLiteral("1]}}]}}");
        const QList<FormattedItem> bash = f.formatLine(arrayLine);
        QCOMPARE(bash.size(), 1);
        // 139 code points of "['x', 'x', ...": the bracket, 27 times "'x', ", then "'x'".
        QCOMPARE(bash[0].text, QStringLiteral(u"\U0001F527 Bash · [") + QStringLiteral("'x', ").repeated(27)
                     + QStringLiteral("'x'") + QChar(0x2026));
    }

    // 10^5 levels: Qt's own JSON parser stops at its depth limit, Python's at its recursion
    // limit (RecursionError, a crash of the reference); ours formats or passes the line through.
    void deepNesting()
    {
        const int depth = 100000;
        QJsonParseError error;
        const QByteArray deepBytes = QByteArray(depth, '[') + QByteArray(depth, ']');
        QJsonDocument::fromJson(deepBytes, &error);
        qInfo("QJsonDocument on %d levels: %s", depth, qPrintable(error.errorString()));

        ClaudeFormatter f;
        const QString deepArray = QString(depth, QLatin1Char('[')) + QString(depth, QLatin1Char(']'));
        QCOMPARE(f.formatLine(deepArray).first().text, deepArray); // E1: not an object
        const QString unbalanced = QString(depth, QLatin1Char('['));
        QCOMPARE(f.formatLine(unbalanced).first().kind, Kind::Passthrough);

        const QString bash = QStringLiteral("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{\"command\":")
            + deepArray + QStringLiteral("}}]}}");
        QCOMPARE(f.formatLine(bash).first().text,
                 QStringLiteral(u"\U0001F527 Bash · ") + QString(139, QLatin1Char('[')) + QChar(0x2026));

        QString objects;
        for (int i = 0; i < depth; ++i)
            objects += QStringLiteral("{\"k\":");
        objects += QStringLiteral("1") + QString(depth, QLatin1Char('}'));
        const QString init = QStringLiteral("{\"type\":\"system\",\"subtype\":\"init\",\"model\":") + objects + QLatin1Char('}');
        const QList<FormattedItem> items = f.formatLine(init);
        QCOMPARE(items.size(), 1);
        QVERIFY(items[0].text.startsWith(QStringLiteral(u"\u2699\uFE0F  Session init · model={'k': {'k': ")));
        QVERIFY(items[0].text.endsWith(QString(QStringLiteral("{'k': 1") + QString(depth, QLatin1Char('}')) + QStringLiteral(", tools=0"))));
        QCOMPARE(items[0].text.count(QLatin1String("{'k': ")), depth);

        CodexFormatter codex;
        const QString mcp = QStringLiteral("{\"type\":\"item.completed\",\"item\":{\"type\":\"mcp_tool_call\",\"arguments\":")
            + objects + QStringLiteral("}}");
        checkItems(codex.formatLine(mcp));
    }

    void loneSurrogatesAndControls()
    {
        QString s = QStringLiteral("{\"type\":\"system\",\"subtype\":\"init\",\"model\":\"");
        s += QChar(0xd800);
        s += QStringLiteral("\\udc00\",\"tools\":\"");
        s += QChar(0xdc00);
        s += QChar(0xd83d);
        s += QStringLiteral("\"}");
        ClaudeFormatter f;
        const QList<FormattedItem> items = f.formatLine(s);
        QCOMPARE(items.size(), 1);
        QVERIFY(items[0].text.endsWith(QLatin1String("tools=2")));
        // Control characters outside strings make the line not JSON: passed through.
        const QString control = QStringLiteral("{\"type\":\u0001\"result\"}");
        QCOMPARE(f.formatLine(control).first().text, control);
    }
};

QTEST_APPLESS_MAIN(TestFormatterFuzz)
#include "tst_formatterfuzz.moc"
