// Unit tests of Aod::SseParser: the WHATWG event-stream rules, every split position of the
// recorded transcripts in tests/data/sse, and every malformed input we know of.
#include "stream/sseparser_p.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using Aod::SseEvent;
using Aod::SseParser;

namespace {

QByteArray readData(const QString &name)
{
    QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/sse/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

enum class Eol { Lf, CrLf, Cr };

// Rewrites every line end of \a text (LF or CRLF) as \a eol.
QByteArray withEol(QByteArray text, Eol eol)
{
    text.replace("\r\n", "\n");
    if (eol == Eol::CrLf)
        text.replace("\n", "\r\n");
    else if (eol == Eol::Cr)
        text.replace('\n', '\r');
    return text;
}

QList<SseEvent> parseChunks(const QList<QByteArrayView> &chunks,
                            SseParser::FlushMode mode = SseParser::FlushMode::Discard)
{
    SseParser parser;
    QList<SseEvent> all;
    for (QByteArrayView c : chunks)
        all += parser.append(c);
    all += parser.flush(mode);
    return all;
}

QList<SseEvent> parseWhole(QByteArrayView text)
{
    return parseChunks({text});
}

QList<SseEvent> messagesOnly(const QList<SseEvent> &items)
{
    QList<SseEvent> out;
    for (const SseEvent &e : items) {
        if (!e.isComment())
            out.append(e);
    }
    return out;
}

QByteArray describe(const QList<SseEvent> &events)
{
    QByteArray out;
    for (const SseEvent &e : events) {
        out += (e.isComment() ? "comment" : "event") + QByteArray("[") + e.type + "|" + e.data
             + "|" + e.lastEventId + (e.hasId ? "|id" : "") + "]\n";
    }
    return out;
}

template <size_t N>
QByteArray bytes(const char (&s)[N])
{
    return QByteArray(s, qsizetype(N - 1)); // keeps embedded NULs
}

const char *const Transcripts[] = {"claude_turn.sse", "two_turns.sse", "docs_example.sse",
                                   "provision_fail.sse", "whatwg_features.sse"};

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // --- the contract's vectors (sdk-parity §3.5) -----------------------------------------
    void parityVectors()
    {
        auto ev = parseWhole("data: {\"type\":\"output\",\"id\":7,\"stream\":\"stdout\",\"data\":\"hi\"}\n\n");
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray("{\"type\":\"output\",\"id\":7,\"stream\":\"stdout\",\"data\":\"hi\"}"));
        QCOMPARE(ev[0].type, QByteArray("message"));
        QVERIFY(!ev[0].hasId);

        // `id: 12`, a heartbeat, a blank line, then `data: ` with no blank line: no event.
        ev = messagesOnly(parseWhole("id: 12\n: heartbeat\n\ndata: "));
        QVERIFY(ev.isEmpty());

        const QByteArray body = "data: {\"type\":\"start\",\"session_id\":\"abc\"}\n\n"
                                "id: 1\n: heartbeat\n\n"
                                "data: {\"type\":\"output\",\"id\":1,\"stream\":\"stdout\",\"data\":\"hello\"}\n\n"
                                "data: {\"type\":\"exit\",\"id\":2,\"code\":0}\n\n";
        ev = messagesOnly(parseWhole(body));
        QCOMPARE(ev.size(), 3);
        QVERIFY(ev[0].data.contains("start"));
        QVERIFY(ev[1].data.contains("hello"));
        QCOMPARE(ev[1].lastEventId, QByteArray("1")); // persisted from the id-only frame
        QVERIFY(!ev[1].hasId);
        QVERIFY(ev[2].data.contains("exit"));

        ev = messagesOnly(parseChunks({"data: {\"type\":", "\"start\"}\n\ndata: {\"type\":\"output\",",
                                       "\"id\":7}\n\n"}));
        QCOMPARE(ev.size(), 2);
        QCOMPARE(ev[0].data, QByteArray("{\"type\":\"start\"}"));
        QCOMPARE(ev[1].data, QByteArray("{\"type\":\"output\",\"id\":7}"));

        ev = parseWhole(": keep-alive\n\ndata: {\"type\":\"start\"}\n\nevent: ignored\n\n");
        QCOMPARE(messagesOnly(ev).size(), 1);
        QCOMPARE(ev.size(), 2);
        QVERIFY(ev[0].isComment());
        QCOMPARE(ev[0].data, QByteArray("keep-alive"));
    }

    // --- the recorded transcripts: known content --------------------------------------------
    void transcriptContent()
    {
        const auto claude = messagesOnly(parseWhole(readData(QStringLiteral("claude_turn.sse"))));
        // start + 5 stages x 2 + runtime_start + turn_start + 6 outputs + exit
        QCOMPARE(claude.size(), 1 + 10 + 1 + 1 + 6 + 1);
        QVERIFY(!claude.first().hasId);
        QVERIFY(claude.first().data.startsWith("{\"type\": \"start\""));
        int turnStarts = 0;
        for (const SseEvent &e : claude) {
            if (e.data.contains("\"turn_start\"")) {
                ++turnStarts;
                QVERIFY2(!e.hasId, "turn_start must come without an id: line");
            }
            if (e.data.contains("\"output\"") || e.data.contains("\"stage\""))
                QVERIFY(e.hasId);
        }
        QCOMPARE(turnStarts, 1);
        QVERIFY(claude.last().data.contains("\"exit\""));
        QCOMPARE(claude.last().lastEventId, claude.at(claude.size() - 2).lastEventId);

        const auto all = parseWhole(readData(QStringLiteral("claude_turn.sse")));
        QCOMPARE(all.size() - claude.size(), 2); // two heartbeats
        QCOMPARE(all[11].data, QByteArray("heartbeat"));

        const auto w = parseWhole(readData(QStringLiteral("whatwg_features.sse")));
        const QByteArray expected =
            "comment[|a comment|]\n"
            "event[greeting|line one\nline two\n three (keeps one space)|7|id]\n"
            "event[message|no id line, id persists|7]\n"
            "event[message|id with NUL ignored|7]\n"
            "event[message||7]\n"
            "comment[||7]\n"
            "event[message|id reset to empty||id]\n"
            "event[message|after an id-only frame \xe2\x82\xac \xf0\x9f\x98\x80|9]\n"
            "event[message|final|9]\n";
        QCOMPARE(describe(w), expected);
        QCOMPARE(w[7].text(), QStringLiteral("after an id-only frame \u20ac \U0001F600"));
    }

    void retryField()
    {
        SseParser p;
        QCOMPARE(p.retryMs(), qint64(-1));
        p.append(readData(QStringLiteral("whatwg_features.sse")));
        QCOMPARE(p.retryMs(), qint64(2500)); // "retry: 12x" later is ignored
        p.append("retry:\n\nretry: -5\n\nretry: 1.5\n\nretry: 99999999999999999999\n\n");
        QCOMPARE(p.retryMs(), qint64(2500));
        p.append("retry: 0\n\n");
        QCOMPARE(p.retryMs(), qint64(0));
        p.reset();
        QCOMPARE(p.retryMs(), qint64(0)); // reconnection time outlives a stream
    }

    // --- every split position, every line-end style ------------------------------------------
    void everySplitPosition_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("eol");
        for (const char *t : Transcripts) {
            QTest::addRow("%s-lf", t) << QString::fromLatin1(t) << int(Eol::Lf);
            QTest::addRow("%s-crlf", t) << QString::fromLatin1(t) << int(Eol::CrLf);
            QTest::addRow("%s-cr", t) << QString::fromLatin1(t) << int(Eol::Cr);
        }
    }
    void everySplitPosition()
    {
        QFETCH(QString, file);
        QFETCH(int, eol);
        const QByteArray text = withEol(readData(file), Eol(eol));
        const auto reference = parseWhole(text);
        QVERIFY(!reference.isEmpty());
        // The line-end style must not change what is parsed.
        QCOMPARE(describe(reference), describe(parseWhole(withEol(text, Eol::Lf))));

        for (qsizetype i = 0; i <= text.size(); ++i) {
            const QByteArrayView v(text);
            const auto got = parseChunks({v.first(i), v.sliced(i)});
            if (got != reference)
                QFAIL(qPrintable(QStringLiteral("split at %1 differs:\n%2\nvs\n%3")
                                     .arg(i)
                                     .arg(QString::fromUtf8(describe(got)),
                                          QString::fromUtf8(describe(reference)))));
        }

        // Byte by byte.
        QList<QByteArrayView> bytes;
        for (qsizetype i = 0; i < text.size(); ++i)
            bytes.append(QByteArrayView(text).sliced(i, 1));
        QCOMPARE(parseChunks(bytes), reference);

        // Random chunkings, seeded so a failure reproduces.
        QRandomGenerator rng(0x5eed + eol);
        for (int round = 0; round < 50; ++round) {
            QList<QByteArrayView> chunks;
            for (qsizetype pos = 0; pos < text.size();) {
                const qsizetype len = qMin<qsizetype>(text.size() - pos, rng.bounded(1, 64));
                chunks.append(QByteArrayView(text).sliced(pos, len));
                pos += len;
            }
            QCOMPARE(parseChunks(chunks), reference);
        }
    }

    // Every pair of split positions of the small transcripts (three chunks).
    void everyDoubleSplit_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("whatwg") << QStringLiteral("whatwg_features.sse");
        QTest::addRow("docs") << QStringLiteral("docs_example.sse");
    }
    void everyDoubleSplit()
    {
        QFETCH(QString, file);
        const QByteArray text = readData(file);
        const QByteArrayView v(text);
        const auto reference = parseWhole(text);
        for (qsizetype i = 0; i <= text.size(); ++i) {
            for (qsizetype j = i; j <= text.size(); ++j) {
                if (parseChunks({v.first(i), v.sliced(i, j - i), v.sliced(j)}) != reference)
                    QFAIL(qPrintable(QStringLiteral("splits at %1,%2 differ").arg(i).arg(j)));
            }
        }
    }

    // --- line ends ------------------------------------------------------------------------
    void crAtChunkEndThenLf()
    {
        // A CR ending one chunk plus the LF starting the next is ONE line end: it must not
        // produce a blank line that dispatches early (llmqore's bug).
        SseParser p;
        QVERIFY(p.append("data: a\r").isEmpty());
        QVERIFY(p.append("\ndata: b\r").isEmpty());
        const auto ev = p.append("\n\r\n");
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray("a\nb"));

        // A CR then a non-LF byte in the next chunk: the CR alone ended the line.
        SseParser q;
        q.append("data: x\r");
        const auto ev2 = q.append("\rdata: y\n\n");
        QCOMPARE(ev2.size(), 2);
        QCOMPARE(ev2[0].data, QByteArray("x"));
        QCOMPARE(ev2[1].data, QByteArray("y"));

        // CR CR is two line ends (a blank line), LF CR too.
        QCOMPARE(parseWhole("data: 1\r\rdata: 2\n\rdata: 3\r\n\r\n").size(), 3);
    }

    void mixedLineEnds()
    {
        const auto ev = parseWhole("data: a\rdata: b\r\ndata: c\n\r\n");
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray("a\nb\nc"));
    }

    // The line-end scan looks for candidates 64 bytes at a time and treats the controls that
    // share CR's and LF's high bits (0x08-0x0F, tab among them) as candidates too: each of them
    // at each position of a line, with each line end after it, must still be plain data.
    void controlBytesBesideLineEnds()
    {
        const char controls[] = {'\x08', '\t', '\x0B', '\x0C', '\x0E', '\x0F', '\x07', '\x1F'};
        const QByteArray ends[] = {"\n", "\r", "\r\n"};
        for (int length = 1; length <= 140; ++length) {
            for (int at = 0; at < length; ++at) {
                for (char c : controls) {
                    QByteArray value(length, 'x');
                    value[at] = c;
                    for (const QByteArray &end : ends) {
                        const QByteArray text = "data: " + value + end + "id: 7" + end + end;
                        const auto ev = parseWhole(text);
                        QCOMPARE(ev.size(), 1);
                        QCOMPARE(ev[0].data, value);
                        QCOMPARE(ev[0].lastEventId, QByteArray("7"));
                    }
                }
            }
        }
    }

    // --- BOM ------------------------------------------------------------------------------
    void bom()
    {
        QCOMPARE(parseWhole("\xEF\xBB\xBF" "data: x\n\n").value(0).data, QByteArray("x"));
        // Split inside the BOM, at every position.
        const QByteArray text = "\xEF\xBB\xBF" "data: x\n\n";
        for (int i = 0; i <= 4; ++i) {
            for (int j = i; j <= 4; ++j) {
                const QByteArrayView v(text);
                const auto ev = parseChunks({v.first(i), v.sliced(i, j - i), v.sliced(j)});
                QCOMPARE(ev.size(), 1);
                QCOMPARE(ev[0].data, QByteArray("x"));
            }
        }
        // Only one BOM, only at the start: a second one makes the line an unknown field.
        QVERIFY(parseWhole("\xEF\xBB\xBF\xEF\xBB\xBF" "data: x\n\n").isEmpty());
        QCOMPARE(parseWhole("data: a\n\n\xEF\xBB\xBF" "data: b\n\n").size(), 1);
        // A BOM prefix that turns out not to be a BOM is kept as bytes (here: a field name).
        const auto ev = parseChunks({"\xEF", "data: x\n\ndata: y\n\n"});
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray("y"));
        // A stream that is only part of a BOM.
        SseParser p;
        QVERIFY(p.append("\xEF\xBB").isEmpty());
        QVERIFY(p.flush(SseParser::FlushMode::Dispatch).isEmpty());
        // After reset() a BOM is accepted again (a new stream).
        QVERIFY(p.append("data: 1\n\n").size() == 1);
        p.reset();
        QCOMPARE(p.append("\xEF\xBB\xBF" "data: 2\n\n").value(0).data, QByteArray("2"));
    }

    // --- comments ---------------------------------------------------------------------------
    void comments()
    {
        SseParser p;
        auto items = p.append(": heartbeat\n\n:\n:: two colons\n:no space\n");
        QCOMPARE(items.size(), 4);
        for (const SseEvent &e : items)
            QVERIFY(e.isComment());
        QCOMPARE(items[0].data, QByteArray("heartbeat"));
        QCOMPARE(items[1].data, QByteArray());
        QCOMPARE(items[2].data, QByteArray(": two colons"));
        QCOMPARE(items[3].data, QByteArray("no space"));
        QCOMPARE(p.commentCount(), qint64(4));
        QCOMPARE(p.eventCount(), qint64(0));
        // A comment inside an event neither dispatches nor breaks it.
        items = p.append("data: a\n: heartbeat\ndata: b\n\n");
        QCOMPARE(items.size(), 2);
        QVERIFY(items[0].isComment());
        QCOMPARE(items[1].data, QByteArray("a\nb"));
    }

    // --- fields ---------------------------------------------------------------------------
    void fieldValueSpaces()
    {
        QCOMPARE(parseWhole("data:x\n\n").value(0).data, QByteArray("x"));
        QCOMPARE(parseWhole("data: x\n\n").value(0).data, QByteArray("x"));
        QCOMPARE(parseWhole("data:  x\n\n").value(0).data, QByteArray(" x"));
        QCOMPARE(parseWhole("data:\tx\n\n").value(0).data, QByteArray("\tx"));
        QCOMPARE(parseWhole("data: x \n\n").value(0).data, QByteArray("x "));
        QCOMPARE(parseWhole("data: a:b: c\n\n").value(0).data, QByteArray("a:b: c"));
        // A line without a colon is the field name with an empty value.
        auto ev = parseWhole("data\n\n");
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray());
        ev = parseWhole("data\ndata\n\n");
        QCOMPARE(ev.value(0).data, QByteArray("\n"));
        // A space before the colon makes another field name.
        QVERIFY(parseWhole("data : x\n\n").isEmpty());
        QVERIFY(parseWhole(" data: x\n\n").isEmpty());
    }

    void multiLineData()
    {
        auto ev = parseWhole("data: {\"a\":\ndata: 1}\n\n");
        QCOMPARE(ev.value(0).data, QByteArray("{\"a\":\n1}"));
        ev = parseWhole("data: a\ndata:\ndata: b\n\n");
        QCOMPARE(ev.value(0).data, QByteArray("a\n\nb"));
        ev = parseWhole("data: a\n\ndata: b\n\n");
        QCOMPARE(ev.size(), 2);
    }

    void eventType()
    {
        auto ev = parseWhole("event: add\ndata: 1\n\ndata: 2\n\n");
        QCOMPARE(ev.size(), 2);
        QCOMPARE(ev[0].type, QByteArray("add"));
        QCOMPARE(ev[1].type, QByteArray("message")); // the type does not persist
        // A type with no data is dropped together with the frame.
        ev = parseWhole("event: x\n\ndata: y\n\n");
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].type, QByteArray("message"));
        // Last event: line wins.
        QCOMPARE(parseWhole("event: a\nevent: b\ndata: 1\n\n").value(0).type, QByteArray("b"));
        // An empty event: line means the default type.
        QCOMPARE(parseWhole("event:\ndata: 1\n\n").value(0).type, QByteArray("message"));
    }

    void idPersistsAndNul()
    {
        SseParser p;
        auto ev = p.append("id: 5\ndata: a\n\ndata: b\n\n");
        QCOMPARE(ev.size(), 2);
        QCOMPARE(ev[0].lastEventId, QByteArray("5"));
        QVERIFY(ev[0].hasId);
        QCOMPARE(ev[1].lastEventId, QByteArray("5"));
        QVERIFY(!ev[1].hasId);
        // NUL anywhere in the value: the line is ignored, the old id stays.
        ev = p.append(bytes("id: 6\0x\ndata: c\n\n"));
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].lastEventId, QByteArray("5"));
        QVERIFY(!ev[0].hasId);
        // An id-only frame sets the id for later events, without dispatching anything.
        QVERIFY(p.append("id: 9\n\n").isEmpty());
        QCOMPARE(p.lastEventId(), QByteArray("9"));
        QCOMPARE(p.append("data: d\n\n").value(0).lastEventId, QByteArray("9"));
        // `id:` with no value resets it to empty.
        ev = p.append("id:\ndata: e\n\n");
        QCOMPARE(ev.value(0).lastEventId, QByteArray());
        QVERIFY(ev.value(0).hasId);
        // Ids are opaque strings: no trimming beyond one space, no number parsing.
        QCOMPARE(p.append("id:  12 \ndata: f\n\n").value(0).lastEventId, QByteArray(" 12 "));
        // A new stream starts with an empty last event ID buffer.
        p.reset();
        QCOMPARE(p.append("data: g\n\n").value(0).lastEventId, QByteArray());
    }

    void unknownFieldsAndBlankFrames()
    {
        QVERIFY(parseWhole("foo: bar\n\n").isEmpty());
        QVERIFY(parseWhole("Data: x\n\n").isEmpty());
        QVERIFY(parseWhole("\n\n\n\n").isEmpty());
        QCOMPARE(parseWhole("foo: bar\ndata: x\nbaz\n\n").value(0).data, QByteArray("x"));
    }

    // --- bytes, not text ------------------------------------------------------------------
    void utf8SplitAcrossChunks()
    {
        const QByteArray text = "data: h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80!\n\n";
        const QString expected = QStringLiteral("h\u00e9llo \u20ac \U0001F600!");
        for (qsizetype i = 0; i <= text.size(); ++i) {
            const QByteArrayView v(text);
            const auto ev = parseChunks({v.first(i), v.sliced(i)});
            QCOMPARE(ev.size(), 1);
            QCOMPARE(ev[0].text(), expected);
        }
    }

    void invalidUtf8AndNulKeptAsBytes()
    {
        const QByteArray raw = bytes("data: a\xFF\xC3\0b\n\n");
        const auto ev = parseWhole(raw);
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray("a\xFF\xC3\0b", 5));
        QVERIFY(ev[0].text().contains(QChar(0xFFFD)));
    }

    // --- the buffer ceiling ----------------------------------------------------------------
    void ceilingRunawayLine()
    {
        SseParser p(64);
        QVERIFY(p.append("data: ").isEmpty());
        for (int i = 0; i < 100 && !p.hasError(); ++i)
            QVERIFY(p.append("xxxxxxxx").isEmpty());
        QVERIFY(p.hasError());
        QCOMPARE(p.status(), SseParser::Status::BufferOverflow);
        QVERIFY(p.errorString().contains(QLatin1String("64")));
        QCOMPARE(p.pendingBytes(), qsizetype(0)); // memory given back
        // Ignores everything until reset(), even well-formed input.
        QVERIFY(p.append("\n\ndata: ok\n\n").isEmpty());
        QVERIFY(p.flush(SseParser::FlushMode::Dispatch).isEmpty());
        // flush() resets: usable again.
        QVERIFY(!p.hasError());
        QCOMPARE(p.append("data: ok\n\n").value(0).data, QByteArray("ok"));
    }

    void ceilingRunawayEvent()
    {
        // Many short data lines, never a blank line.
        SseParser p(100);
        for (int i = 0; i < 50 && !p.hasError(); ++i)
            p.append("data: 0123456789\n");
        QVERIFY(p.hasError());
        p.reset();
        QVERIFY(!p.hasError());
        // One huge line inside a single chunk is caught too.
        QVERIFY(p.append(QByteArray("data: " + QByteArray(500, 'y') + "\n\n")).isEmpty());
        QVERIFY(p.hasError());
    }

    void ceilingExactFit()
    {
        // The ceiling counts the bytes held (unfinished line + pending data): up to it fits.
        SseParser p(16);
        auto ev = p.append("data: 012345678"); // 15 bytes held
        ev += p.append("\n\n");
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray("012345678"));
        QVERIFY(!p.hasError());
        SseParser q(16);
        q.append("data: 0123456789"); // 16 bytes held: the limit
        q.append("A\n\n");
        QVERIFY(q.hasError());
        QCOMPARE(SseParser(0).maxBufferSize(), qsizetype(1));
        QCOMPARE(SseParser().maxBufferSize(), SseParser::DefaultMaxBufferSize);
    }

    // --- end of stream ----------------------------------------------------------------------
    void flushModes()
    {
        SseParser p;
        p.append("id: 3\ndata: complete\n\nid: 4\ndata: cut here");
        QVERIFY(p.hasPendingEvent());
        QVERIFY(p.flush().isEmpty()); // WHATWG: discard the unfinished event
        QVERIFY(!p.hasPendingEvent());
        QCOMPARE(p.lastEventId(), QByteArray());

        p.append("data: no final blank line");
        const auto ev = p.flush(SseParser::FlushMode::Dispatch);
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, QByteArray("no final blank line"));

        p.append("data: a\ndata: b\n");
        QCOMPARE(p.flush(SseParser::FlushMode::Dispatch).value(0).data, QByteArray("a\nb"));
        QVERIFY(p.flush(SseParser::FlushMode::Dispatch).isEmpty());
        // A CR at the very end followed by flush.
        p.append("data: z\r");
        QCOMPARE(p.flush(SseParser::FlushMode::Dispatch).value(0).data, QByteArray("z"));
        QVERIFY(!p.hasPendingEvent());
    }

    void countersAndEmptyChunks()
    {
        SseParser p;
        QVERIFY(p.append(QByteArrayView()).isEmpty());
        QVERIFY(p.append("").isEmpty());
        const QByteArray text = readData(QStringLiteral("claude_turn.sse"));
        p.append(text);
        QCOMPARE(p.bytesConsumed(), qint64(text.size()));
        QCOMPARE(p.eventCount(), qint64(20));
        QCOMPARE(p.commentCount(), qint64(2));
        QCOMPARE(p.pendingBytes(), qsizetype(0));
        QVERIFY(!p.hasPendingEvent());
    }

    // --- parse(): each event handed to a sink as it completes --------------------------------

    // A sink that keeps only deep copies, so the parser's own buffers are never shared when the
    // next frame arrives (the path that reuses the id buffer), sees exactly what append()
    // returns, at every chunking.
    void parseHandsOverWhatAppendReturns_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *t : Transcripts)
            QTest::addRow("%s", t) << QString::fromLatin1(t);
    }
    void parseHandsOverWhatAppendReturns()
    {
        QFETCH(QString, file);
        const QByteArray text = withEol(readData(file), Eol::CrLf);
        const QByteArray reference = describe(parseWhole(text));
        const auto deep = [](const QByteArray &b) { return QByteArray(b.constData(), b.size()); };
        QRandomGenerator rng(0xfeed);
        for (int round = 0; round < 60; ++round) {
            SseParser parser;
            QList<SseEvent> got;
            const qsizetype most = round == 0 ? 1 : 1 + round * 4; // byte by byte first
            for (qsizetype pos = 0; pos < text.size();) {
                const qsizetype len = qMin<qsizetype>(text.size() - pos, rng.bounded(1, int(most) + 1));
                const bool whole = parser.parse(QByteArrayView(text).sliced(pos, len), [&](SseEvent &e) {
                    SseEvent copy;
                    copy.kind = e.kind;
                    copy.type = deep(e.type);
                    copy.data = deep(e.data);
                    copy.lastEventId = deep(e.lastEventId);
                    copy.hasId = e.hasId;
                    got.append(copy);
                    return true;
                });
                QVERIFY(whole);
                pos += len;
            }
            got += parser.flush();
            QCOMPARE(describe(got), reference);
        }
        // A sink that keeps the events themselves: each keeps the id it was dispatched with.
        SseParser parser;
        QList<SseEvent> kept;
        QVERIFY(parser.parse(text, [&](SseEvent &e) {
            kept.append(std::move(e));
            return true;
        }));
        QCOMPARE(describe(kept), reference);
    }

    // A data copier makes the copy of single-line data (in buffers of its own); events come
    // out the same, and multi-line data is still joined by the parser.
    void dataCopierCopiesSingleLineData()
    {
        struct Copies
        {
            int calls = 0;
            static QByteArray copy(void *self, QByteArrayView bytes)
            {
                ++static_cast<Copies *>(self)->calls;
                QByteArray b;
                b.reserve(4096); // a buffer of its own choosing
                b.append(bytes);
                return b;
            }
        } copies;
        const QByteArray stream = "data: one\n\ndata: two\ndata: lines\n\n: note\n\nid: 3\ndata: {\"x\": 1}\r\n\r\ndata:\n\n";
        SseParser plain;
        SseParser copying;
        copying.setDataCopier(&Copies::copy, &copies);
        QList<SseEvent> byCopier;
        for (char c : stream)
            byCopier += copying.append(QByteArrayView(&c, 1));
        QCOMPARE(byCopier, plain.append(stream));
        QCOMPARE(byCopier.size(), 5);
        QCOMPARE(byCopier[1].data, QByteArray("two\nlines"));
        QCOMPARE(copies.calls, 4); // one, two (the first line of two), {"x": 1} and the empty one
    }

    // A sink that returns false ends the parse at once: nothing after that event is read.
    void sinkStopsTheParse()
    {
        const QByteArray text = "id: 1\ndata: a\n\n: note\n\nid: 2\ndata: b\n\nretry: 50\ndata: c\n\n";
        for (int stopAt = 0; stopAt < 4; ++stopAt) {
            SseParser parser;
            int seen = 0;
            QVERIFY(!parser.parse(text, [&](SseEvent &) { return seen++ != stopAt; }));
            QCOMPARE(seen, stopAt + 1);
            QCOMPARE(parser.retryMs(), qint64(stopAt < 3 ? -1 : 50)); // nothing after the stop was read
            parser.reset(); // a new stream
            QCOMPARE(parser.append(text).size(), 4);
            QCOMPARE(parser.retryMs(), qint64(50));
        }
        SseParser parser;
        int seen = 0;
        QVERIFY(parser.parse(text, [&](SseEvent &) { return ++seen > 0; }));
        QCOMPARE(seen, 4);
    }

    // The sink may destroy the parser (its owner went away) as long as it returns false; under
    // ASan a later touch of the parser would be a heap-use-after-free. Also when the event's
    // frame was carried over from an earlier chunk (the parser's own line buffer).
    void sinkMayDestroyTheParser()
    {
        for (const QByteArray &split : {QByteArray("data: x\n\ndata: y\n\n"), QByteArray("data: carried")}) {
            auto *parser = new SseParser;
            QByteArrayList seen;
            parser->parse(split, [&](SseEvent &e) {
                seen.append(e.data);
                return true;
            });
            const bool whole = parser->parse(" over\n\ndata: z\n\n", [&](SseEvent &e) {
                seen.append(e.data);
                delete parser;
                parser = nullptr;
                return false;
            });
            QVERIFY(!whole);
            QVERIFY(!parser);
            QCOMPARE(seen.last(), split.startsWith("data: x") ? QByteArray("z") : QByteArray("carried over"));
        }
    }

    // --- format() -------------------------------------------------------------------------
    void formatRoundTrip()
    {
        QCOMPARE(SseParser::format("x", "5"), QByteArray("id: 5\ndata: x\n\n"));
        QCOMPARE(SseParser::formatComment("heartbeat"), QByteArray(": heartbeat\n\n"));
        const QByteArray data = "line 1\nline 2\n\nline 4";
        const auto ev = parseWhole(SseParser::format(data, "42", "update"));
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev[0].data, data);
        QCOMPARE(ev[0].type, QByteArray("update"));
        QCOMPARE(ev[0].lastEventId, QByteArray("42"));
        QVERIFY(ev[0].hasId);
        QCOMPARE(parseWhole(SseParser::format("")).value(0).data, QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
