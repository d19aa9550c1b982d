// The Python semantics under the Claude formatter: whitespace, splitlines, code points,
// number formatting, repr() and json.loads acceptance, each against CPython 3.11's answers.
#include "format/pyjson_p.h"
#include "format/pytext_p.h"
#include "formattestutil.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>

using namespace Aod::FormatPrivate;

class TestPyText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whitespaceIsPythons()
    {
        // [hex(c) for c in range(0x110000) if chr(c).isspace()] under CPython 3.11
        const QList<char16_t> spaces = {0x9,    0xa,    0xb,    0xc,    0xd,    0x1c,   0x1d,   0x1e,
                                        0x1f,   0x20,   0x85,   0xa0,   0x1680, 0x2000, 0x2001, 0x2002,
                                        0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
                                        0x2028, 0x2029, 0x202f, 0x205f, 0x3000};
        int count = 0;
        for (char32_t c = 0; c <= 0xffff; ++c) {
            if (isPySpace(char16_t(c))) {
                ++count;
                QVERIFY2(spaces.contains(char16_t(c)), qPrintable(QString::number(c, 16)));
            }
        }
        QCOMPARE(count, spaces.size());
        QVERIFY(!isPySpace(0x200b));
        QVERIFY(!isPySpace(0xfeff));
        QVERIFY(!isPySpace(0x180e));
    }

    void lineBreaksArePythons()
    {
        const QList<char16_t> breaks = {0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029};
        int count = 0;
        for (char32_t c = 0; c <= 0xffff; ++c) {
            if (isPyLineBreak(char16_t(c))) {
                ++count;
                QVERIFY(breaks.contains(char16_t(c)));
            }
        }
        QCOMPARE(count, breaks.size());
    }

    void splitLines_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("one") << QStringLiteral("a") << QStringList{QStringLiteral("a")};
        QTest::newRow("trailing break adds no line") << QStringLiteral("a\n") << QStringList{QStringLiteral("a")};
        QTest::newRow("crlf is one break") << QStringLiteral("a\r\nb") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("lf cr is two") << QStringLiteral("a\n\rb")
                                      << QStringList{QStringLiteral("a"), QString(), QStringLiteral("b")};
        QTest::newRow("blank middle") << QStringLiteral("a\n\nb")
                                      << QStringList{QStringLiteral("a"), QString(), QStringLiteral("b")};
        QTest::newRow("u2028 and x85") << QStringLiteral(u"a\u2028b\u0085c\u001cd")
                                       << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
        QTest::newRow("only a break") << QStringLiteral("\n") << QStringList{QString()};
    }
    void splitLines()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, lines);
        QStringList got;
        pySplitLines(text, [&](qsizetype start, qsizetype length) { got.append(text.mid(start, length)); });
        QCOMPARE(got, lines);
    }

    void oneLineCountsCodePoints()
    {
        // 150 emoji (300 UTF-16 units): Python keeps 139 of them plus the ellipsis.
        QString emoji;
        for (int i = 0; i < 150; ++i)
            emoji += QStringLiteral(u"\U0001F600");
        const QString cut = pyOneLine(emoji, 140);
        QCOMPARE(pyLen(cut), 140);
        QCOMPARE(cut.size(), 139 * 2 + 1);
        QVERIFY(cut.endsWith(QChar(0x2026)));
        // Exactly at the limit: unchanged.
        QString exact = emoji.left(280);
        QCOMPARE(pyOneLine(exact, 140), exact);
        QCOMPARE(pyOneLine(QStringLiteral(u"  a \u3000\u2028 b\t"), 140), QStringLiteral("a b"));
        QCOMPARE(pyOneLine(QStringLiteral(u"a\u200bb"), 140), QStringLiteral(u"a\u200bb")); // not whitespace
        // A lone surrogate counts as one code point, as in Python.
        QCOMPARE(pyLen(QStringView(u"a\xd800" u"b")), 3);
    }

    void stripIsPythons()
    {
        QCOMPARE(pyStrip(QStringView(u"\u3000\u0085 x y \u001f")).toString(), QStringLiteral("x y"));
        QCOMPARE(pyStrip(QStringView(u"\u200bx\u200b")).toString(), QStringLiteral(u"\u200bx\u200b"));
        QVERIFY(pyStrip(QStringView(u" \t\r\n")).isEmpty());
    }

    void reprString_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        // repr() under CPython 3.11
        QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("'abc'");
        QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("\"it's\"");
        QTest::newRow("double quote") << QStringLiteral("x\"y") << QStringLiteral("'x\"y'");
        QTest::newRow("both quotes") << QStringLiteral("b'\"") << QStringLiteral("'b\\'\"'");
        QTest::newRow("escapes") << QStringLiteral("\t\n\r\\") << QStringLiteral("'\\t\\n\\r\\\\'");
        QTest::newRow("controls") << QStringLiteral(u"\u0000\u001f\u007f") << QStringLiteral("'\\x00\\x1f\\x7f'");
        QTest::newRow("latin1 non-printable") << QStringLiteral(u"\u0085\u00a0\u00ad") << QStringLiteral("'\\x85\\xa0\\xad'");
        QTest::newRow("printable non-ascii") << QStringLiteral(u"é日😀") << QStringLiteral(u"'é日😀'");
        QTest::newRow("separators") << QStringLiteral(u"\u2028\u200b") << QStringLiteral("'\\u2028\\u200b'");
        QTest::newRow("unassigned and private") << QStringLiteral(u"\u0378\ue000") << QStringLiteral("'\\u0378\\ue000'");
        QTest::newRow("astral unassigned") << QStringView(u"\xdbff\xdfff").toString() << QStringLiteral("'\\U0010ffff'");
        QTest::newRow("lone surrogate") << QStringView(u"\xd800").toString() << QStringLiteral("'\\ud800'");
    }
    void reprString()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(pyReprString(in), out);
    }

    // repr(), format(.1f) and format(.4f) of 1843 doubles, recorded from CPython 3.11.
    void floatsMatchCPython()
    {
        const QList<QJsonObject> rows = FormatTest::readJsonLines(FormatTest::dataPath("pyfloat.jsonl"));
        QVERIFY(rows.size() > 1000);
        for (const QJsonObject &row : rows) {
            const quint64 bits = row.value(QLatin1String("bits")).toString().toULongLong(nullptr, 16);
            const double v = std::bit_cast<double>(bits);
            QCOMPARE(pyFloatRepr(v), row.value(QLatin1String("repr")).toString());
            QCOMPARE(pyFixed(v, 1), row.value(QLatin1String("f1")).toString());
            QCOMPARE(pyFixed(v, 4), row.value(QLatin1String("f4")).toString());
        }
    }

    void jsonAcceptance_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        // json.loads() under CPython 3.11
        const struct
        {
            const char *text;
            bool valid;
        } cases[] = {
            {"{}", true}, {" {} ", true}, {"\t{}\r\n", true}, {"[]", true}, {"\"\"", true}, {"0", true},
            {"-0", true}, {"-0.0e-0", true}, {"1E5", true}, {"1e+05", true}, {"NaN", true},
            {"Infinity", true}, {"-Infinity", true}, {"[NaN,-Infinity]", true}, {"null", true},
            {"{\"a\":1,\"a\":2}", true}, {"\"\\ud800\"", true}, {"\"\\u00E9\\/\\b\"", true},
            {"1.", false}, {"01", false}, {"-", false}, {"1e", false}, {"1e+", false}, {".5", false},
            {"+1", false}, {"[1,]", false}, {"{\"a\":1,}", false}, {"{\"a\" 1}", false},
            {"{'a':1}", false}, {"", false}, {"   ", false}, {"nan", false}, {"-NaN", false},
            {"infinity", false}, {"\"a\\x\"", false}, {"\"\\u12\"", false}, {"\"\\u12G4\"", false},
            {"\"tab\there\"", false}, {"\"unterminated", false}, {"[1 2]", false}, {"{} {}", false},
            {"nul", false}, {"truex", false}, {"[", false}, {"]", false}, {"{\"a\":}", false},
            {"{1:2}", false}, {"\"\\", false},
        };
        for (const auto &c : cases)
            QTest::newRow(c.text) << QString::fromUtf8(c.text) << c.valid;
        QTest::newRow("BOM") << QStringLiteral(u"\ufeff{}") << false;
        QTest::newRow("U+2028 in a string") << QStringLiteral(u"\"a\u2028b\"") << true;
        QTest::newRow("NUL outside") << QString(QStringLiteral("{}") + QChar(0)) << false;
    }
    void jsonAcceptance()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        bool ok = !valid;
        PyValue::parse(text, &ok);
        QCOMPARE(ok, valid);
    }

    void valueSemantics()
    {
        const QString text = QStringLiteral(
            R"({"i":-0,"big":123456789012345678901234567890,"f":3.0,"e":1e16,"neg0":-0.0,"nan":NaN,)"
            R"("s":"a\u00e9\ud83d\ude00","d":{"b":1,"a":[1,"it\u0027s",null,true],"b":2},"empty":{},"ea":[],)"
            R"("esc\u0061ped":"yes","t":true,"n":null})");
        bool ok = false;
        const PyValue root = PyValue::parse(text, &ok);
        QVERIFY(ok);
        const PyObject o(root);
        QCOMPARE(o.get(QLatin1StringView("i")).str(), QStringLiteral("0"));
        QVERIFY(!o.get(QLatin1StringView("i")).truthy());
        QCOMPARE(o.get(QLatin1StringView("big")).str(), QStringLiteral("123456789012345678901234567890"));
        QCOMPARE(o.get(QLatin1StringView("f")).str(), QStringLiteral("3.0"));
        QCOMPARE(o.get(QLatin1StringView("e")).str(), QStringLiteral("1e+16"));
        QVERIFY(!o.get(QLatin1StringView("neg0")).truthy());
        QVERIFY(o.get(QLatin1StringView("nan")).truthy());
        QCOMPARE(o.get(QLatin1StringView("nan")).str(), QStringLiteral("nan"));
        QCOMPARE(o.get(QLatin1StringView("s")).toString(), QStringLiteral(u"aé😀"));
        QCOMPARE(o.get(QLatin1StringView("s")).pyLen(), 3);
        QCOMPARE(o.get(QLatin1StringView("d")).str(), QStringLiteral("{'b': 2, 'a': [1, \"it's\", None, True]}"));
        QCOMPARE(o.get(QLatin1StringView("d")).pyLen(), 2);
        QVERIFY(!o.get(QLatin1StringView("empty")).truthy());
        QVERIFY(!o.get(QLatin1StringView("ea")).truthy());
        QCOMPARE(o.get(QLatin1StringView("escaped")).toString(), QStringLiteral("yes"));
        QCOMPARE(o.get(QLatin1StringView("t")).str(), QStringLiteral("True"));
        QVERIFY(o.get(QLatin1StringView("n")).exists());
        QCOMPARE(o.get(QLatin1StringView("n")).str(), QStringLiteral("None"));
        QVERIFY(!o.get(QLatin1StringView("absent")).exists());
    }

    void numbersDivideLikePython()
    {
        auto div = [](const char *json) {
            bool ok = false;
            const QString text = QString::fromLatin1(json);
            return pyFixed(PyValue::parse(text, &ok).dividedBy1000(), 1);
        };
        QCOMPARE(div("1250"), QStringLiteral("1.2"));  // 1.25 is 1.25 exactly: half-to-even
        QCOMPARE(div("1350"), QStringLiteral("1.4"));  // 1.35 is 1.3500000000000000888
        QCOMPARE(div("12345.6"), QStringLiteral("12.3"));
        QCOMPARE(div("true"), QStringLiteral("0.0"));
        QCOMPARE(div("-1"), QStringLiteral("-0.0"));
        // int / int is correctly rounded past 2**53 (Python: 9007199254740993 / 1000).
        QCOMPARE(div("9007199254740993"), QStringLiteral("9007199254741.0"));
        QCOMPARE(div("1e400"), QStringLiteral("inf"));
        bool ok = false;
        QCOMPARE(PyValue::parse(QStringLiteral("1e-400"), &ok).toDouble(), 0.0);
        QVERIFY(std::signbit(PyValue::parse(QStringLiteral("-1e-400"), &ok).toDouble()));
        QVERIFY(std::isinf(PyValue::parse(QStringLiteral("-123e99999999999999999999"), &ok).toDouble()));
    }

    // 10^5 levels: validated and printed without recursion (Python itself gives up at ~1000).
    void deepNesting()
    {
        const int depth = 100000;
        const QString text = QString(depth, QLatin1Char('[')) + QString(depth, QLatin1Char(']'));
        bool ok = false;
        const PyValue v = PyValue::parse(text, &ok);
        QVERIFY(ok);
        QVERIFY(v.truthy());
        QCOMPARE(v.repr(), text);
        QCOMPARE(v.pyLen(), 1);
        const QString unbalanced = QString(depth, QLatin1Char('[')) + QString(depth - 1, QLatin1Char(']'));
        PyValue::parse(unbalanced, &ok);
        QVERIFY(!ok);
        const QString objects = QString(depth, QLatin1Char('{')).replace(QLatin1String("{"), QLatin1String("{\"a\":"))
            + QStringLiteral("1") + QString(depth, QLatin1Char('}'));
        PyValue::parse(objects, &ok);
        QVERIFY(ok);
    }
};

QTEST_APPLESS_MAIN(TestPyText)
#include "tst_pytext.moc"
