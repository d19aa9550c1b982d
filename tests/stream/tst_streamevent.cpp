// Unit tests of Aod::StreamEvent: the contract's event catalogue (§6.3), forward
// compatibility, the fixture fallbacks (sdk-parity §3.5) and malformed payloads.
#include "stream/sseparser_p.h"
#include "streamevent_p.h"

#include <aod/streamevent.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonParseError>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QVariant>

#include <thread>
#include <vector>

using Aod::StreamEvent;
using Type = Aod::StreamEvent::Type;

namespace {

StreamEvent parse(const char *json, qint64 sseId = -1)
{
    StreamEvent e;
    QString error;
    if (!StreamEvent::fromData(QByteArray(json), sseId, e, &error))
        qFatal("unexpected parse failure: %s", qPrintable(error));
    return e;
}

// Every accessor of \a got against \a want (an event built from QJsonDocument's object).
void compareAccessors(const StreamEvent &got, const StreamEvent &want)
{
    QCOMPARE(got.isValid(), want.isValid());
    QCOMPARE(got.type(), want.type());
    QCOMPARE(got.typeString(), want.typeString());
    QCOMPARE(got.sseId(), want.sseId());
    QCOMPARE(got.id(), want.id());
    QCOMPARE(got.provider(), want.provider());
    QCOMPARE(got.sessionId(), want.sessionId());
    QCOMPARE(got.stage(), want.stage());
    QCOMPARE(got.stageState(), want.stageState());
    QCOMPARE(got.durationMs(), want.durationMs());
    QCOMPARE(got.turn(), want.turn());
    QCOMPARE(got.stream(), want.stream());
    QCOMPARE(got.isStdout(), want.isStdout());
    QCOMPARE(got.isStderr(), want.isStderr());
    QCOMPARE(got.data(), want.data());
    QCOMPARE(got.exitCode(), want.exitCode());
    QCOMPARE(got.hasNullExitCode(), want.hasNullExitCode());
    QCOMPARE(got.message(), want.message());
    QCOMPARE(got.isTerminal(), want.isTerminal());
    QCOMPARE(got.endsSession(), want.endsSession());
    QCOMPARE(got.json(), want.json());
    QVERIFY(got == want);
}

// fromData() against QJsonDocument on \a payload: same verdict, same object, same accessors.
void checkAgainstQt(const QByteArray &payload)
{
    QJsonParseError qtError;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &qtError);
    const bool qtOk = qtError.error == QJsonParseError::NoError && doc.isObject()
                   && doc.object().value(QLatin1String("type")).isString();
    StreamEvent e;
    QString error;
    const bool ok = StreamEvent::fromData(payload, 5, e, &error);
    QCOMPARE(ok, qtOk);
    if (!ok) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(e.rawData(), payload);
    compareAccessors(e, StreamEvent(doc.object(), 5));
}

using Path = Aod::StreamEventDecoding::Path;

// Data rows for the string decoders: SSE2, and SSSE3 and AVX2 where the CPU has them.
void addDecoderPaths()
{
    QTest::addColumn<Path>("path");
    Aod::StreamEventDecoding::setWidestPath(Path::Avx2);
    const Path best = Aod::StreamEventDecoding::currentPath();
    QTest::addRow("sse2") << Path::Sse2;
    if (best >= Path::Ssse3)
        QTest::addRow("ssse3") << Path::Ssse3;
    if (best >= Path::Avx2)
        QTest::addRow("avx2") << Path::Avx2;
    if (best < Path::Avx2)
        qInfo("this CPU lacks AVX2 (or SSSE3 and POPCNT): those decoder paths are not tested here");
}

// Selects a string decoder for its lifetime.
struct DecoderPath
{
    explicit DecoderPath(Path path)
    {
        Aod::StreamEventDecoding::setWidestPath(path);
        if (Aod::StreamEventDecoding::currentPath() != path)
            qFatal("decoder path %d was asked for and is not used", int(path));
    }
    ~DecoderPath() { Aod::StreamEventDecoding::setWidestPath(Path::Avx2); }
    Q_DISABLE_COPY_MOVE(DecoderPath)
};

} // namespace

class TestStreamEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void start()
    {
        const auto e = parse(R"({"type": "start", "provider": "anthropic", "session_id": "s-1"})");
        QCOMPARE(e.type(), Type::Start);
        QCOMPARE(e.typeString(), QStringLiteral("start"));
        QCOMPARE(e.provider(), QStringLiteral("anthropic"));
        QCOMPARE(e.sessionId(), QStringLiteral("s-1"));
        QCOMPARE(e.id(), qint64(-1)); // no id key on start
        QCOMPARE(e.sseId(), qint64(-1));
        QVERIFY(!e.hasSseId());
        QVERIFY(!e.isTerminal());
        QVERIFY(e.isValid());
    }

    void stage()
    {
        auto e = parse(R"({"type": "stage", "id": 104, "stage": "create_sprite", "state": "started"})", 104);
        QCOMPARE(e.type(), Type::Stage);
        QCOMPARE(e.id(), qint64(104));
        QCOMPARE(e.sseId(), qint64(104));
        QCOMPARE(e.stage(), QStringLiteral("create_sprite"));
        QCOMPARE(e.stageState(), QStringLiteral("started"));
        QVERIFY(!e.durationMs().has_value());
        QVERIFY(e.message().isEmpty());

        e = parse(R"({"type": "stage", "id": 105, "stage": "provision_setup", "state": "failed", "duration_ms": 4321, "message": "Provisioning script failed: x"})", 105);
        QCOMPARE(e.stageState(), QStringLiteral("failed"));
        QCOMPARE(e.durationMs().value_or(-1), qint64(4321));
        QCOMPARE(e.message(), QStringLiteral("Provisioning script failed: x"));
    }

    void turnStartAndOutput()
    {
        auto e = parse(R"({"type": "turn_start", "id": 7, "turn": 2})");
        QCOMPARE(e.type(), Type::TurnStart);
        QCOMPARE(e.id(), qint64(7));
        QCOMPARE(e.turn().value_or(-1), 2);
        QVERIFY(!e.hasSseId()); // the server sends no id: line for turn_start

        e = parse(R"({"type": "output", "id": 7, "stream": "stderr", "data": "caf\u00e9\nline 2", "turn": 2})", 7);
        QCOMPARE(e.type(), Type::Output);
        QCOMPARE(e.stream(), QStringLiteral("stderr"));
        QVERIFY(e.isStderr());
        QVERIFY(!e.isStdout());
        QCOMPARE(e.data(), QStringLiteral("caf\u00e9\nline 2"));
        QCOMPARE(e.turn().value_or(-1), 2);

        // turn null: a row with no turn.
        e = parse(R"({"type": "output", "id": 8, "stream": "stdout", "data": "", "turn": null})", 8);
        QVERIFY(!e.turn().has_value());
        QVERIFY(e.isStdout());
        QVERIFY(e.data().isEmpty());
    }

    void terminalEvents()
    {
        auto e = parse(R"({"type": "exit", "id": 12, "code": 0})", 12);
        QCOMPARE(e.type(), Type::Exit);
        QCOMPARE(e.exitCode().value_or(-1), 0);
        QVERIFY(!e.hasNullExitCode());
        QVERIFY(e.isTerminal());
        QVERIFY(e.endsSession());

        e = parse(R"({"type": "exit", "id": 12, "code": 3})");
        QCOMPARE(e.exitCode().value_or(-1), 3);

        e = parse(R"({"type": "exit", "id": 0, "code": null})");
        QVERIFY(!e.exitCode().has_value());
        QVERIFY(e.hasNullExitCode());
        QCOMPARE(e.id(), qint64(0));

        e = parse(R"({"type": "error", "id": 3, "message": "Session failed"})");
        QCOMPARE(e.type(), Type::Error);
        QCOMPARE(e.message(), QStringLiteral("Session failed"));
        QVERIFY(e.endsSession());

        e = parse(R"({"type": "terminated", "id": 3, "message": "Session terminated"})");
        QCOMPARE(e.type(), Type::Terminated);
        QVERIFY(e.endsSession());

        e = parse(R"({"type": "stale", "id": 3, "message": "No output for 600s"})");
        QCOMPARE(e.type(), Type::Stale);
        QVERIFY(e.isTerminal());       // for the connection
        QVERIFY(!e.endsSession());     // not for the session
        QCOMPARE(e.message(), QStringLiteral("No output for 600s"));
    }

    void fixtureFallbacks()
    {
        // test_sessions.py spells them exit_code and detail.
        auto e = parse(R"({"type": "exit", "id": 2, "exit_code": 0})");
        QCOMPARE(e.exitCode().value_or(-1), 0);
        e = parse(R"({"type": "exit", "id": 2, "exit_code": null})");
        QVERIFY(!e.exitCode().has_value());
        QVERIFY(e.hasNullExitCode());
        e = parse(R"({"type": "error", "id": 1, "detail": "boom"})");
        QCOMPARE(e.message(), QStringLiteral("boom"));
        // code wins over exit_code, message over detail; a null code is not "missing".
        e = parse(R"({"type": "exit", "code": 1, "exit_code": 2})");
        QCOMPARE(e.exitCode().value_or(-1), 1);
        e = parse(R"({"type": "exit", "code": null, "exit_code": 2})");
        QVERIFY(!e.exitCode().has_value());
        e = parse(R"({"type": "error", "message": "m", "detail": "d"})");
        QCOMPARE(e.message(), QStringLiteral("m"));
        e = parse(R"({"type": "error", "message": 5, "detail": "d"})");
        QCOMPARE(e.message(), QStringLiteral("d"));
        e = parse(R"({"type": "exit"})");
        QVERIFY(!e.exitCode().has_value());
        QVERIFY(!e.hasNullExitCode());
    }

    void unknownTypePassesThrough()
    {
        const auto e = parse(R"({"type": "usage", "id": 9, "tokens": {"in": 5}, "extra": [1, 2]})", 9);
        QCOMPARE(e.type(), Type::Unknown);
        QCOMPARE(e.typeString(), QStringLiteral("usage"));
        QCOMPARE(e.id(), qint64(9));
        QCOMPARE(e.json().value(QLatin1String("tokens")).toObject().value(QLatin1String("in")).toInt(), 5);
        QCOMPARE(e.json().value(QLatin1String("extra")).toArray().size(), 2);
        QVERIFY(!e.isTerminal());
        // Casing matters: "Output" is not output.
        QCOMPARE(parse(R"({"type": "Output"})").type(), Type::Unknown);
    }

    void idShapes()
    {
        QCOMPARE(parse(R"({"type": "output", "id": 5})").id(), qint64(5));
        QCOMPARE(parse(R"({"type": "output", "id": 5.0})").id(), qint64(5));
        QCOMPARE(parse(R"({"type": "output", "id": "5"})").id(), qint64(5));
        QCOMPARE(parse(R"({"type": "output", "id": 9007199254740})").id(), qint64(9007199254740));
        QCOMPARE(parse(R"({"type": "output", "id": 5.5})").id(), qint64(-1));
        QCOMPARE(parse(R"({"type": "output", "id": "abc"})").id(), qint64(-1));
        QCOMPARE(parse(R"({"type": "output", "id": true})").id(), qint64(-1));
        QCOMPARE(parse(R"({"type": "output", "id": null})").id(), qint64(-1));
        QCOMPARE(parse(R"({"type": "output", "id": 1e300})").id(), qint64(-1));
        QVERIFY(!parse(R"({"type": "output", "turn": 99999999999})").turn().has_value());
        QVERIFY(!parse(R"({"type": "output", "turn": "x"})").turn().has_value());
        QCOMPARE(parse(R"({"type": "output"})", -7).sseId(), qint64(-1));
    }

    void wrongFieldTypesReadEmpty()
    {
        const auto e = parse(R"({"type": "output", "id": 1, "stream": 3, "data": {"x": 1}, "turn": [1]})");
        QVERIFY(e.stream().isEmpty());
        QVERIFY(e.data().isEmpty());
        QVERIFY(!e.turn().has_value());
        QVERIFY(!e.isStdout());
        QVERIFY(e.provider().isEmpty());
        QVERIFY(!e.durationMs().has_value());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("not json") << QByteArray("{not json");
        QTest::addRow("truncated") << QByteArray(R"({"type": "output", "id": 1)");
        QTest::addRow("array") << QByteArray(R"([{"type": "output"}])");
        QTest::addRow("string") << QByteArray(R"("output")");
        QTest::addRow("number") << QByteArray("42");
        QTest::addRow("null") << QByteArray("null");
        QTest::addRow("no type") << QByteArray(R"({"id": 1, "data": "x"})");
        QTest::addRow("type not string") << QByteArray(R"({"type": 1})");
        QTest::addRow("type null") << QByteArray(R"({"type": null})");
        QTest::addRow("two lines") << QByteArray("{\"type\": \"start\"}\n{\"type\": \"start\"}");
        QTest::addRow("invalid utf8") << QByteArray("{\"type\": \"out\xFFput\"}");
    }
    void malformed()
    {
        QFETCH(QByteArray, data);
        StreamEvent e = StreamEvent::output(QStringLiteral("stdout"), QStringLiteral("keep"));
        QString error;
        QVERIFY(!StreamEvent::fromData(data, 1, e, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(e.data(), QStringLiteral("keep")); // untouched on failure
        QVERIFY(!StreamEvent::fromData(data, 1, e, nullptr)); // a null error pointer is fine
    }

    void rawDataKept()
    {
        const QByteArray raw = R"({"type": "output", "id": 3, "stream": "stdout", "data": "a\u00e9", "turn": 1})";
        StreamEvent e;
        QVERIFY(StreamEvent::fromData(raw, 3, e, nullptr));
        QCOMPARE(e.rawData(), raw);
        QVERIFY(StreamEvent(e.json(), 3).rawData().isEmpty());
        QCOMPARE(StreamEvent(e.json(), 3), e); // equality ignores the raw bytes
        QVERIFY(StreamEvent(e.json(), 4) != e);
    }

    void typeNamesRoundTrip()
    {
        for (Type t : {Type::Start, Type::Stage, Type::TurnStart, Type::Output, Type::Exit,
                       Type::Error, Type::Terminated, Type::Stale}) {
            const QString name = StreamEvent::typeToString(t);
            QVERIFY(!name.isEmpty());
            QCOMPARE(StreamEvent::typeFromString(name), t);
        }
        QVERIFY(StreamEvent::typeToString(Type::Unknown).isEmpty());
        QCOMPARE(StreamEvent::typeFromString(QString()), Type::Unknown);
        // Near misses: case, one letter off, a letter more or less, non-ASCII, too long.
        for (const QString &name : {QStringLiteral("Output"), QStringLiteral("turn_stark"), QStringLiteral("outputs"),
                                    QStringLiteral("stal"), QStringLiteral("exits"), QStringLiteral("st\u00e0ge"),
                                    QStringLiteral("terminatedx"), QStringLiteral("turn start")}) {
            QCOMPARE(StreamEvent::typeFromString(name), Type::Unknown);
        }
        // The decoder's own reading of the names (from the bytes) agrees, hits and misses alike.
        for (const char *name : {"start", "stage", "turn_start", "output", "exit", "error", "terminated", "stale",
                                 "Output", "turn_stark", "outputs", "stal", "exits", "terminatedx"}) {
            StreamEvent e;
            QVERIFY(StreamEvent::fromData(QByteArray("{\"type\": \"") + name + "\"}", -1, e, nullptr));
            QCOMPARE(e.type(), StreamEvent::typeFromString(QString::fromLatin1(name)));
            QCOMPARE(e.typeString(), QString::fromLatin1(name));
        }
    }

    void builderAndDefaults()
    {
        const auto e = StreamEvent::output(QStringLiteral("stdout"), QStringLiteral("hi\n"), 3, 44);
        QCOMPARE(e.type(), Type::Output);
        QCOMPARE(e.id(), qint64(44));
        QCOMPARE(e.sseId(), qint64(44));
        QCOMPARE(e.turn().value_or(-1), 3);
        QCOMPARE(e.data(), QStringLiteral("hi\n"));
        const StreamEvent empty;
        QVERIFY(!empty.isValid());
        QCOMPARE(empty.type(), Type::Unknown);
        QCOMPARE(empty.id(), qint64(-1));
        QVERIFY(!empty.isTerminal());
    }

    void debugAndMetaType()
    {
        const auto e = parse(R"({"type": "exit", "id": 2, "code": 0})", 2);
        QString text;
        QDebug(&text) << e;
        QVERIFY(text.contains(QLatin1String("exit")));
        QVERIFY(text.contains(QLatin1String("sse-id=2")));
        const QVariant v = QVariant::fromValue(e);
        QCOMPARE(v.value<StreamEvent>(), e);
    }

    // fromData decodes AoD's flat objects with its own fast path; it must agree with
    // QJsonDocument on everything, and defer to it on anything it does not decode itself.
    void fastPathAgreesWithQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addRow("output") << QByteArray("{\"type\": \"output\", \"id\": 7, \"stream\": \"stdout\", \"data\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"turn\": 1}");
        QTest::addRow("unicode escapes") << QByteArray("{\"type\": \"output\", \"data\": \"caf\\u00e9 \\u20ac \\ud83d\\ude00 \\u0000 end\"}");
        QTest::addRow("lone high surrogate") << QByteArray("{\"type\": \"output\", \"data\": \"\\ud83d x\"}");
        QTest::addRow("lone low surrogate") << QByteArray("{\"type\": \"output\", \"data\": \"\\ude00\"}");
        QTest::addRow("raw utf8") << QByteArray("{\"type\": \"output\", \"data\": \"caf\xC3\xA9\"}");
        QTest::addRow("invalid utf8") << QByteArray("{\"type\": \"output\", \"data\": \"caf\xC3\"}");
        QTest::addRow("raw control") << QByteArray("{\"type\": \"output\", \"data\": \"a\tb\"}");
        QTest::addRow("DEL") << QByteArray("{\"type\": \"output\", \"data\": \"a\x7f\"}");
        QTest::addRow("null true false") << QByteArray("{\"type\": \"exit\", \"code\": null, \"a\": true, \"b\": false}");
        QTest::addRow("negative and big ints") << QByteArray("{\"type\": \"x\", \"a\": -5, \"b\": 999999999999999, \"c\": 9999999999999999, \"d\": 0}");
        QTest::addRow("minus zero") << QByteArray("{\"type\": \"x\", \"a\": -0}");
        QTest::addRow("leading zero") << QByteArray("{\"type\": \"x\", \"a\": 012}");
        QTest::addRow("fraction and exponent") << QByteArray("{\"type\": \"x\", \"a\": 1.5, \"b\": 1e3, \"c\": 2E-2}");
        QTest::addRow("nested") << QByteArray("{\"type\": \"usage\", \"tokens\": {\"in\": 5}, \"list\": [1, 2]}");
        QTest::addRow("duplicate keys") << QByteArray("{\"type\": \"a\", \"type\": \"b\"}");
        QTest::addRow("escaped key") << QByteArray("{\"ty\\u0070e\": \"output\", \"x\\\"y\": 1}");
        QTest::addRow("whitespace") << QByteArray(" \r\n\t{ \"type\" :\t\"start\" ,\n\"id\":1 } \n");
        // Python's ", " and ": " are read with one comparison each; more space after them is not.
        QTest::addRow("separator, more space") << QByteArray("{\"type\":  \"start\",  \"id\": \t1, \n\"x\": \"\"}");
        QTest::addRow("separator, no space") << QByteArray("{\"type\":\"start\",\"id\":1,\"x\":null}");
        QTest::addRow("separator at the end") << QByteArray("{\"type\": \"start\", \"id\": 1, ");
        QTest::addRow("comma space brace") << QByteArray("{\"type\": \"start\", }");
        QTest::addRow("colon space end") << QByteArray("{\"type\": ");
        QTest::addRow("empty object") << QByteArray("{}");
        QTest::addRow("trailing comma") << QByteArray("{\"type\": \"x\",}");
        QTest::addRow("garbage after") << QByteArray("{\"type\": \"x\"} x");
        QTest::addRow("unterminated string") << QByteArray("{\"type\": \"x");
        QTest::addRow("bad escape") << QByteArray("{\"type\": \"\\q\"}");
        QTest::addRow("short unicode escape") << QByteArray("{\"type\": \"\\u12\"}");
        QTest::addRow("bare word") << QByteArray("{\"type\": nul}");
        QTest::addRow("type not string") << QByteArray("{\"type\": 5}");
        for (const char *file : {"claude_turn.sse", "two_turns.sse", "provision_fail.sse"}) {
            QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/sse/") + QLatin1String(file));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            int i = 0;
            for (const Aod::SseEvent &e : Aod::SseParser().append(f.readAll())) {
                if (!e.isComment())
                    QTest::addRow("%s #%d", file, i++) << e.data;
            }
        }
    }
    void fastPathAgreesWithQJsonDocument()
    {
        QFETCH(QByteArray, payload);
        QJsonParseError qtError;
        const QJsonDocument doc = QJsonDocument::fromJson(payload, &qtError);
        const bool qtOk = qtError.error == QJsonParseError::NoError && doc.isObject()
                       && doc.object().value(QLatin1String("type")).isString();
        StreamEvent e;
        QString error;
        const bool ok = StreamEvent::fromData(payload, 3, e, &error);
        QCOMPARE(ok, qtOk);
        if (ok) {
            QCOMPARE(e.json(), doc.object());
            QCOMPARE(QJsonDocument(e.json()).toJson(QJsonDocument::Compact), doc.toJson(QJsonDocument::Compact));
        } else {
            QVERIFY(!error.isEmpty());
        }
    }

    // The typed fields are decoded from the bytes and json() is parsed lazily: both must be
    // exactly what QJsonDocument makes of the same bytes, accessor by accessor.
    void decodedFieldsAgreeWithQJsonDocument_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addRow("output") << QByteArray("{\"type\": \"output\", \"id\": 7, \"stream\": \"stdout\", \"data\": \"{\\\"a\\\": 1}\\n\", \"turn\": 1}");
        QTest::addRow("stderr") << QByteArray("{\"type\": \"output\", \"id\": 8, \"stream\": \"stderr\", \"data\": \"x\", \"turn\": 2}");
        QTest::addRow("other stream") << QByteArray("{\"type\": \"output\", \"stream\": \"stdlog\", \"data\": \"\"}");
        QTest::addRow("all escapes") << QByteArray("{\"type\": \"output\", \"data\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}");
        QTest::addRow("unicode escapes") << QByteArray("{\"type\": \"output\", \"data\": \"caf\\u00e9 \\u20AC \\ud83d\\ude00 \\u0000 \\uffff end\"}");
        QTest::addRow("surrogate pair split by text") << QByteArray("{\"type\": \"output\", \"data\": \"\\ud83d-\\ude00\"}");
        QTest::addRow("high then non-low escape") << QByteArray("{\"type\": \"output\", \"data\": \"\\ud83d\\u0041\"}");
        QTest::addRow("lone low surrogate") << QByteArray("{\"type\": \"output\", \"data\": \"a\\udc00\"}");
        QTest::addRow("utf8 2 3 4 bytes") << QByteArray("{\"type\": \"output\", \"data\": \"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBD\"}");
        QTest::addRow("utf8 in type") << QByteArray("{\"type\": \"\xC3\xA9v\xC3\xA9nement\", \"id\": 3}");
        QTest::addRow("utf8 noncharacter") << QByteArray("{\"type\": \"output\", \"data\": \"\xEF\xBF\xBF \xEF\xB7\x90\"}");
        QTest::addRow("utf8 overlong") << QByteArray("{\"type\": \"output\", \"data\": \"\xC0\x80\"}");
        QTest::addRow("utf8 overlong 3") << QByteArray("{\"type\": \"output\", \"data\": \"\xE0\x80\xAF\"}");
        QTest::addRow("utf8 surrogate") << QByteArray("{\"type\": \"output\", \"data\": \"\xED\xA0\x80\"}");
        QTest::addRow("utf8 beyond 10FFFF") << QByteArray("{\"type\": \"output\", \"data\": \"\xF4\x90\x80\x80\"}");
        QTest::addRow("utf8 F5") << QByteArray("{\"type\": \"output\", \"data\": \"\xF5\x80\x80\x80\"}");
        QTest::addRow("utf8 truncated") << QByteArray("{\"type\": \"output\", \"data\": \"\xE2\x82\"}");
        QTest::addRow("utf8 bad continuation") << QByteArray("{\"type\": \"output\", \"data\": \"\xE2\x28\xA1\"}");
        QTest::addRow("utf8 lone continuation") << QByteArray("{\"type\": \"output\", \"data\": \"\x80\"}");
        // QJsonDocument drops a raw BOM that starts an escape-free string and keeps it elsewhere.
        QTest::addRow("utf8 BOM first in type") << QByteArray("{\"type\": \"\xEF\xBB\xBFstart\", \"session_id\": \"abc\"}");
        QTest::addRow("utf8 BOM first in data") << QByteArray("{\"type\": \"output\", \"data\": \"\xEF\xBB\xBFtext\"}");
        QTest::addRow("utf8 BOM twice") << QByteArray("{\"type\": \"output\", \"data\": \"\xEF\xBB\xBF\xEF\xBB\xBFx\"}");
        QTest::addRow("utf8 BOM alone") << QByteArray("{\"type\": \"\xEF\xBB\xBF\"}");
        QTest::addRow("utf8 BOM then escape") << QByteArray("{\"type\": \"output\", \"data\": \"\xEF\xBB\xBF\\nx\"}");
        QTest::addRow("utf8 BOM later") << QByteArray("{\"type\": \"output\", \"data\": \"a\xEF\xBB\xBF\"}");
        QTest::addRow("escaped BOM first") << QByteArray("{\"type\": \"output\", \"data\": \"\\ufeffx\"}");
        QTest::addRow("utf8 in key") << QByteArray("{\"type\": \"x\", \"k\xC3\xA9y\": 1}");
        QTest::addRow("unknown fields") << QByteArray("{\"type\": \"output\", \"id\": 4, \"future\": \"x\\ny\", \"n\": -12, \"b\": true, \"z\": null, \"data\": \"d\"}");
        QTest::addRow("known names, wrong kinds") << QByteArray("{\"type\": \"stage\", \"id\": \"12\", \"stage\": 5, \"state\": null, \"duration_ms\": \"7\", \"turn\": true, \"data\": false}");
        QTest::addRow("numbers") << QByteArray("{\"type\": \"exit\", \"id\": 999999999999999, \"code\": -2147483648, \"duration_ms\": -0}");
        QTest::addRow("int overflow") << QByteArray("{\"type\": \"exit\", \"id\": 1, \"code\": 2147483648}");
        QTest::addRow("16 digits") << QByteArray("{\"type\": \"exit\", \"id\": 1234567890123456}");
        QTest::addRow("fraction") << QByteArray("{\"type\": \"exit\", \"id\": 5.0, \"code\": 1.5}");
        QTest::addRow("code null") << QByteArray("{\"type\": \"exit\", \"id\": 9, \"code\": null, \"exit_code\": 3}");
        QTest::addRow("exit_code fallback") << QByteArray("{\"type\": \"exit\", \"id\": 9, \"exit_code\": 3}");
        QTest::addRow("exit_code null") << QByteArray("{\"type\": \"exit\", \"exit_code\": null}");
        QTest::addRow("message and detail") << QByteArray("{\"type\": \"error\", \"message\": \"\", \"detail\": \"d\"}");
        QTest::addRow("detail fallback") << QByteArray("{\"type\": \"error\", \"message\": 3, \"detail\": \"d\"}");
        QTest::addRow("start") << QByteArray("{\"type\": \"start\", \"provider\": \"anthropic\", \"session_id\": \"6f1c2a4e\"}");
        QTest::addRow("stage failed") << QByteArray("{\"type\": \"stage\", \"id\": 3, \"stage\": \"provision_setup\", \"state\": \"failed\", \"duration_ms\": 12, \"message\": \"a\\nb\"}");
        QTest::addRow("escaped type") << QByteArray("{\"type\": \"out\\u0070ut\", \"data\": \"x\"}");
        QTest::addRow("type case") << QByteArray("{\"type\": \"OUTPUT\"}");
        QTest::addRow("prefix key") << QByteArray("{\"type\": \"output\", \"dat\": \"x\", \"datas\": \"y\", \"tyre\": 1, \"stagd\": 2}");
        QTest::addRow("duplicate unknown") << QByteArray("{\"type\": \"x\", \"u\": 1, \"u\": 2}");
        QTest::addRow("many keys") << QByteArray("{\"type\": \"x\", \"a0\": 0, \"a1\": 1, \"a2\": 2, \"a3\": 3, \"a4\": 4, \"a5\": 5, \"a6\": 6, \"a7\": 7, \"a8\": 8, \"a9\": 9, \"b0\": 0, \"b1\": 1, \"b2\": 2, \"b3\": 3, \"b4\": 4, \"b5\": 5, \"b6\": 6, \"b7\": 7, \"b8\": 8, \"b9\": 9, \"c0\": 0, \"c1\": 1, \"c2\": 2, \"c3\": 3, \"c4\": 4, \"c5\": 5, \"c6\": 6, \"c7\": 7, \"c8\": 8, \"c9\": 9, \"d0\": 0, \"d1\": 1}");
        QTest::addRow("empty object") << QByteArray("{}");
        QTest::addRow("truncated escape") << QByteArray("{\"type\": \"x\\");
        QTest::addRow("truncated unicode") << QByteArray("{\"type\": \"x\", \"data\": \"\\u00\"}");
        QTest::addRow("bad hex") << QByteArray("{\"type\": \"x\", \"data\": \"\\u00g0\"}");
    }
    void decodedFieldsAgreeWithQJsonDocument()
    {
        QFETCH(QByteArray, payload);
        checkAgainstQt(payload);
    }

    // The decoder works 64 bytes at a time, then 16: put every kind of escape and multi-byte
    // character at every position around the block and window boundaries, and the closing
    // quote too (the lengths around 64 and 128 put them across one or two windows).
    void escapesAtEveryPosition_data() { addDecoderPaths(); }
    void escapesAtEveryPosition()
    {
        QFETCH(Path, path);
        const DecoderPath decoder(path);
        const QList<QByteArray> specials = {"\\\"", "\\\\", "\\/", "\\n", "\\u00e9", "\\ud83d\\ude00",
                                            "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBB\xBF", "\xC3", "\x01", "\\x",
                                            "\\\xC3\xA9", "\\\x01", "\\ud83d", "\\ude00", "\\u00g0"};
        QList<int> lengths;
        for (int length = 0; length <= 40; ++length)
            lengths << length;
        for (int length = 56; length <= 72; ++length)
            lengths << length << length + 64;
        for (const QByteArray &special : specials) {
            for (const int length : std::as_const(lengths)) {
                for (int at = 0; at <= length; ++at) {
                    QByteArray text(length, 'a');
                    for (int i = 0; i < length; ++i)
                        text[i] = char('a' + i % 26);
                    text.insert(at, special);
                    checkAgainstQt("{\"type\": \"output\", \"data\": \"" + text + "\"}");
                    checkAgainstQt("{\"type\": \"output\", \"data\": \"" + text + "\", \"turn\": 1}");
                    // AoD's exact layout, which skips the general object loop.
                    checkAgainstQt("{\"type\": \"output\", \"id\": 5, \"stream\": \"stdout\", \"data\": \"" + text
                                   + "\", \"turn\": 1}");
                    if (QTest::currentTestFailed()) {
                        qWarning() << "special" << special << "length" << length << "at" << at;
                        return;
                    }
                }
            }
        }
    }

    // Long strings of mixed escapes, as output chunks of JSONL are: several escapes per
    // 16-byte block, runs of backslashes across block boundaries, an escaping backslash last
    // in a block, escapes that do not stand for themselves beside those that do, and now and
    // then something only QJsonDocument decides. The key before `data` shifts the blocks.
    void randomEscapeMixesAgreeWithQJsonDocument_data() { addDecoderPaths(); }
    void randomEscapeMixesAgreeWithQJsonDocument()
    {
        QFETCH(Path, path);
        const DecoderPath decoder(path);
        const QList<QByteArray> tokens = {"a", "bc", "defghijklmnopq", " ", "\\\"", "\\\"", "\\\\", "\\/", "\\n",
                                          "\\t", "\\r", "\\b", "\\f", "\\u00e9", "\\ud83d\\ude00", "\\\\\\\"",
                                          "\\\\\\\\", "\xC3\xA9"};
        const QList<QByteArray> rare = {"\\x", "\x01", "\\ud83d", "\xC3", "\\", "\""};
        QRandomGenerator rng(20261207);
        for (int round = 0; round < 20000; ++round) {
            QByteArray text;
            const int length = int(rng.bounded(400));
            while (text.size() < length)
                text += tokens[int(rng.bounded(qsizetype(tokens.size())))];
            if (rng.bounded(10) == 0)
                text.insert(rng.bounded(text.size() + 1), rare[int(rng.bounded(qsizetype(rare.size())))]);
            const QByteArray pad(int(rng.bounded(16)), 'p');
            checkAgainstQt("{\"type\": \"output\", \"" + pad + "\": 1, \"data\": \"" + text + "\", \"turn\": 1}");
            if (QTest::currentTestFailed()) {
                qWarning() << "round" << round << "text" << text;
                return;
            }
        }
    }

    // Output events in AoD's exact byte layout skip the general object loop. Each byte of
    // such payloads is deleted, doubled and replaced in turn, so that every check of the
    // shortcut fails somewhere and the general loop takes over from the start: with the
    // shortcut on and off, the verdict and every accessor agree, and with QJsonDocument too;
    // and again through the stream's reused buffers, where the events are refilled.
    void outputShortcutAgreesWithTheGeneralLoop()
    {
        using Aod::StreamEventDecoding::Buffers;
        // (Plain literals: moc misreads raw ones that hold a backslash.)
        QByteArray chunk;
        for (int i = 0; i < 9; ++i)
            chunk += "{\\\"type\\\":\\\"assistant\\\",\\\"text\\\":\\\"line " + QByteArray::number(i) + "\\\\n\\\"}\\n";
        const QList<QByteArray> payloads = {
            "{\"type\": \"output\", \"id\": 27, \"stream\": \"stdout\", \"data\": \"{\\\"type\\\":\\\"system\\\"}\\n\", \"turn\": 1}",
            "{\"type\": \"output\", \"id\": 0, \"stream\": \"stderr\", \"data\": \"\", \"turn\": null}",
            "{\"type\": \"output\", \"id\": -3, \"stream\": \"stdout\", \"data\": \"caf\\u00e9 \\ud83d\\ude00 \\\\ \\/\", \"turn\": true}",
            "{\"type\": \"output\", \"id\": 12, \"stream\": \"stdout\", \"data\": \"x\", \"turn\": \"1\"}",
            "{\"type\": \"output\", \"id\": 999999999999999, \"stream\": \"stderr\", \"data\": \"" + chunk + "\", \"turn\": 3} ",
        };
        const auto sameFields = [](const StreamEvent &a, const StreamEvent &b) {
            return a.isValid() == b.isValid() && a.type() == b.type() && a.typeString() == b.typeString()
                && a.sseId() == b.sseId() && a.id() == b.id() && a.turn() == b.turn() && a.stream() == b.stream()
                && a.data() == b.data() && a.provider() == b.provider() && a.sessionId() == b.sessionId()
                && a.stage() == b.stage() && a.stageState() == b.stageState() && a.durationMs() == b.durationMs()
                && a.exitCode() == b.exitCode() && a.hasNullExitCode() == b.hasNullExitCode()
                && a.message() == b.message() && a.rawData() == b.rawData();
        };
        Buffers buffers;
        int decoded = 0;
        for (const QByteArray &payload : payloads) {
            QList<QByteArray> variants = {payload};
            for (qsizetype i = 0; i < payload.size(); ++i) {
                variants << QByteArray(payload).remove(i, 1) << QByteArray(payload).insert(i, payload[i])
                         << QByteArray(payload).replace(i, 1, " ") << QByteArray(payload).replace(i, 1, "\"");
            }
            for (const QByteArray &v : std::as_const(variants)) {
                StreamEvent general;
                QString generalError;
                Aod::StreamEventDecoding::setOutputShortcut(false);
                const bool generalOk = StreamEvent::fromData(v, 4, general, &generalError);
                Aod::StreamEventDecoding::setOutputShortcut(true);
                StreamEvent e;
                QString error;
                QCOMPARE(StreamEvent::fromData(v, 4, e, &error), generalOk);
                QCOMPARE(error, generalError);
                QVERIFY2(sameFields(e, general), v.constData());
                checkAgainstQt(v);
                // Read through the fields only (json() not built), so that it is refilled.
                StreamEvent r;
                QCOMPARE(Aod::StreamEventDecoding::fromData(v, 4, r, nullptr, &buffers), generalOk);
                QVERIFY2(sameFields(r, general), v.constData());
                buffers.recycle(r);
                decoded += generalOk ? 1 : 0;
                if (QTest::currentTestFailed()) {
                    qWarning() << "payload" << v;
                    return;
                }
            }
        }
        // Not only failures were compared: the unchanged payloads and the variants that stay
        // valid (a doubled digit, a space where JSON allows one) decode.
        QVERIFY(decoded > 5 * payloads.size());
    }

    // StreamEventDecoding::Buffers (the stream's decoders): an event's buffers are reused only
    // when nothing else holds them, so whatever a receiver kept never changes afterwards.
    void recycledBuffersNeverChangeWhatWasKept()
    {
        using Aod::StreamEventDecoding::Buffers;
        const auto payload = [](int n) -> QByteArray {
            QByteArray text;
            for (int i = 0; i < 40; ++i)
                text += "chunk " + QByteArray::number(n) + " \\\"quoted\\\" \\n ";
            return "{\"type\": \"output\", \"id\": " + QByteArray::number(n) + ", \"stream\": \"stdout\", \"data\": \""
                   + text + "\", \"turn\": 1}";
        };
        const auto dataOf = [&](int n) {
            return QJsonDocument::fromJson(payload(n)).object().value(QStringLiteral("data")).toString();
        };
        const auto decode = [&](Buffers &buffers, int n, StreamEvent &e) {
            return Aod::StreamEventDecoding::fromData(payload(n), n, e, nullptr, &buffers) && e.data() == dataOf(n)
                && e.rawData() == payload(n) && e.sseId() == n;
        };
        Buffers buffers;
        StreamEvent e;
        // Held by nothing else: taken, and the next event decodes into them.
        QVERIFY(decode(buffers, 1, e));
        buffers.recycle(e);
        QVERIFY(!e.isValid());
        const qsizetype held = buffers.heldBytes();
        QVERIFY(held >= 2 * dataOf(1).size()); // the string and the raw bytes
        QVERIFY(decode(buffers, 2, e));
        QVERIFY(buffers.heldBytes() < held);
        // A receiver kept data(), a copy of the event, rawData(): each stays as it was.
        const QString keptData = e.data();
        buffers.recycle(e);
        QVERIFY(decode(buffers, 3, e));
        QCOMPARE(keptData, dataOf(2));
        const StreamEvent keptEvent = e;
        buffers.recycle(e);
        QVERIFY(decode(buffers, 4, e));
        QCOMPARE(keptEvent.data(), dataOf(3));
        QCOMPARE(keptEvent.rawData(), payload(3));
        const QByteArray keptRaw = e.rawData();
        buffers.recycle(e);
        QVERIFY(decode(buffers, 5, e));
        QCOMPARE(keptRaw, payload(4));
        QCOMPARE(buffers.bytes("some bytes"), QByteArray("some bytes"));
        // Bounded, however many events come back at once.
        std::vector<StreamEvent> many(3000);
        for (int i = 0; i < int(many.size()); ++i)
            QVERIFY(decode(buffers, 10 + i, many[size_t(i)]));
        for (StreamEvent &event : many)
            buffers.recycle(event);
        QVERIFY(buffers.heldBytes() <= 2 * Buffers::MaxBytes);
        QVERIFY(buffers.heldBytes() > Buffers::MaxBytes / 2);
    }

    // Buffers keeps delivered events whole and fromData() fills them again: nothing of the
    // event before may show through, whatever fields either had, and an event whose json()
    // was built is not refilled (its once-only flag cannot be reset).
    void refilledEventsShowNothingOfTheLastOne()
    {
        using Aod::StreamEventDecoding::Buffers;
        const QByteArray full = "{\"type\": \"exit\", \"id\": 9, \"code\": 3, \"message\": \"m\", \"detail\": \"d\", "
                                "\"turn\": 2, \"stream\": \"stderr\", \"data\": \"" + QByteArray(300, 'x') + "\", "
                                "\"provider\": \"claude\", \"session_id\": \"s\", \"stage\": \"st\", \"state\": \"done\", "
                                "\"duration_ms\": 5, \"exit_code\": 4}";
        const QByteArray small = "{\"type\": \"stage\", \"stage\": \"clone\", \"state\": \"started\"}";
        const QByteArray output = "{\"type\": \"output\", \"id\": 11, \"stream\": \"stdout\", \"data\": \"" + QByteArray(500, 'y')
                                + "\\\"\", \"turn\": 1}";
        // The shortcut's layout again, on the other stream: an output event refilled in place
        // keeps its texts, so the stream name must follow.
        const QByteArray outputErr = "{\"type\": \"output\", \"id\": 12, \"stream\": \"stderr\", \"data\": \""
                                   + QByteArray(200, 'z') + "\\n\", \"turn\": null}";
        const auto same = [](const StreamEvent &e, const QByteArray &raw) {
            StreamEvent fresh;
            return StreamEvent::fromData(raw, e.sseId(), fresh, nullptr) && e.rawData() == raw && e.json() == fresh.json()
                && e.type() == fresh.type() && e.id() == fresh.id() && e.turn() == fresh.turn() && e.stream() == fresh.stream()
                && e.data() == fresh.data() && e.exitCode() == fresh.exitCode() && e.message() == fresh.message()
                && e.provider() == fresh.provider() && e.sessionId() == fresh.sessionId() && e.stage() == fresh.stage()
                && e.stageState() == fresh.stageState() && e.durationMs() == fresh.durationMs()
                && e.hasNullExitCode() == fresh.hasNullExitCode();
        };
        Buffers buffers;
        const QByteArray order[] = {full, small, output, full, output, outputErr, output, outputErr, small, small, full};
        StreamEvent e;
        for (const QByteArray &raw : order) {
            QVERIFY(Aod::StreamEventDecoding::fromData(raw, 5, e, nullptr, &buffers));
            // Read through the fields only (json() not built), so that it is kept whole.
            QCOMPARE(e.type() == StreamEvent::Type::Exit, raw == full);
            QCOMPARE(e.exitCode().has_value(), raw == full);
            QCOMPARE(e.message().isEmpty(), raw != full);
            QCOMPARE(e.turn().has_value(), raw != small && raw != outputErr);
            QCOMPARE(e.stage().isEmpty(), raw == output || raw == outputErr);
            QCOMPARE(e.isStderr(), raw == full || raw == outputErr);
            QCOMPARE(e.data().size(), raw == output ? 501 : raw == outputErr ? 201 : raw == full ? 300 : 0);
            buffers.recycle(e);
            QVERIFY(!e.isValid());
        }
        QVERIFY(buffers.heldBytes() > 0);
        // Now with every accessor and json() compared to a fresh decode: json() is built on
        // each, so none of these is kept whole, and each is still right.
        for (const QByteArray &raw : order) {
            QVERIFY(Aod::StreamEventDecoding::fromData(raw, 5, e, nullptr, &buffers));
            QVERIFY2(same(e, raw), raw.constData());
            buffers.recycle(e);
        }
        // A malformed payload after a kept event: the event is not half-filled for later.
        QVERIFY(Aod::StreamEventDecoding::fromData(full, 5, e, nullptr, &buffers));
        buffers.recycle(e);
        QVERIFY(!Aod::StreamEventDecoding::fromData("{\"type\": \"output\", \"data\": \"x", 5, e, nullptr, &buffers));
        QVERIFY(Aod::StreamEventDecoding::fromData(small, 6, e, nullptr, &buffers));
        QVERIFY(same(e, small));
    }

    // The stream's fromData() takes the data line over on success and leaves it alone on
    // failure, when the stream keeps it as the error's sample.
    void fromDataTakesTheBytesOnlyOnSuccess()
    {
        using Aod::StreamEventDecoding::Buffers;
        Buffers buffers;
        StreamEvent e;
        const QByteArray bad = "{\"type\": \"output\", \"data\": \"x";
        QByteArray data = bad;
        QVERIFY(!Aod::StreamEventDecoding::fromData(std::move(data), 3, e, nullptr, &buffers));
        QCOMPARE(data, bad); // NOLINT(bugprone-use-after-move): left as it was, by contract
        const QByteArray good = "{\"type\": \"output\", \"id\": 3, \"stream\": \"stdout\", \"data\": \"x\", \"turn\": 1}";
        data = good;
        std::optional<int> turn;
        QVERIFY(Aod::StreamEventDecoding::fromData(std::move(data), 3, e, nullptr, &buffers, &turn));
        QVERIFY(data.isNull()); // NOLINT(bugprone-use-after-move)
        QCOMPARE(e.rawData(), good);
        QCOMPARE(turn, std::optional<int>(1));
        // Through QJsonDocument (nested values): the same.
        const QByteArray nested = "{\"type\": \"output\", \"turn\": 2, \"extra\": [1]}";
        data = nested;
        QVERIFY(Aod::StreamEventDecoding::fromData(std::move(data), 4, e, nullptr, &buffers, &turn));
        QVERIFY(data.isNull()); // NOLINT(bugprone-use-after-move)
        QCOMPARE(e.rawData(), nested);
        QCOMPARE(turn, std::optional<int>(2));
    }

    // json() is built on first use, once, and shared by copies, also across threads.
    void lazyJsonIsBuiltOnceAndShared()
    {
        const QByteArray raw = "{\"type\": \"output\", \"id\": 3, \"stream\": \"stdout\", \"data\": \"a\\\"b\", \"turn\": 1, \"extra\": [1, 2]}";
        StreamEvent e;
        QVERIFY(StreamEvent::fromData(raw, 3, e, nullptr)); // nested: through QJsonDocument
        const QByteArray flat = "{\"type\": \"output\", \"id\": 3, \"stream\": \"stdout\", \"data\": \"a\\\"b\", \"turn\": 1}";
        StreamEvent f;
        QVERIFY(StreamEvent::fromData(flat, 3, f, nullptr));
        const StreamEvent copy = f;
        std::vector<std::thread> threads;
        std::vector<const QJsonObject *> seen(8, nullptr);
        for (size_t i = 0; i < seen.size(); ++i) {
            threads.emplace_back([&, i] {
                const StreamEvent local = copy;
                seen[i] = &local.json();
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (const QJsonObject *o : seen)
            QCOMPARE(o, &f.json());
        QCOMPARE(f.json(), QJsonDocument::fromJson(flat).object());
        QCOMPARE(f.json().value(QLatin1String("data")).toString(), QStringLiteral("a\"b"));
        QCOMPARE(e.json().value(QLatin1String("extra")).toArray().size(), 2);
        QCOMPARE(StreamEvent(f.json(), 3), f);
        QCOMPARE(f, copy);
    }

    // Every event of every recorded transcript parses and has the expected id discipline.
    void transcriptsParse_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"claude_turn.sse", "two_turns.sse", "docs_example.sse", "provision_fail.sse"})
            QTest::addRow("%s", f) << QString::fromLatin1(f);
    }
    void transcriptsParse()
    {
        QFETCH(QString, file);
        QFile f(QStringLiteral(AOD_TEST_DATA_DIR "/sse/") + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        Aod::SseParser parser;
        int n = 0;
        for (const Aod::SseEvent &se : parser.append(f.readAll())) {
            if (se.isComment())
                continue;
            StreamEvent e;
            QString error;
            QVERIFY2(StreamEvent::fromData(se.data, se.hasId ? se.lastEventId.toLongLong() : -1, e, &error),
                     qPrintable(error));
            ++n;
            if (e.type() == Type::Output || e.type() == Type::Stage)
                QCOMPARE(e.sseId(), e.id());
            if (e.type() == Type::Start || e.type() == Type::TurnStart)
                QCOMPARE(e.sseId(), qint64(-1));
            QVERIFY(e.type() != Type::Unknown);
        }
        QVERIFY(n >= 5);
    }
};

QTEST_GUILESS_MAIN(TestStreamEvent)
#include "tst_streamevent.moc"
