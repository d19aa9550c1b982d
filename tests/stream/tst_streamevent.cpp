// Unit tests of Aod::StreamEvent: the contract's event catalogue (§6.3), forward
// compatibility, the fixture fallbacks (sdk-parity §3.5) and malformed payloads.
#include "stream/sseparser_p.h"

#include <aod/streamevent.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QVariant>

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
