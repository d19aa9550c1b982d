// OutputLogModel: the console's ring buffer. Checked with QAbstractItemModelTester on every
// change, plus the cap, batching, dropping order and the kind/text filter proxy.
#include "models/outputlogfiltermodel.h"
#include "models/outputlogmodel.h"
#include "models/roles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Aod::Ui;

class TestOutputLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsAreBatched()
    {
        OutputLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setBatchInterval(50);
        model.flush(); // start the interval now, so the next append waits for the timer
        for (int i = 0; i < 100; ++i)
            model.appendText(QStringLiteral("line %1").arg(i), LogLine::Text);
        QCOMPARE(model.rowCount(), 0); // queued, not inserted row by row
        QCOMPARE(model.pendingLines(), 100);
        QTRY_COMPARE(model.rowCount(), 100);
        QCOMPARE(inserted.count(), 1); // one insert for the whole batch
        QCOMPARE(model.index(99).data().toString(), QStringLiteral("line 99"));
        QCOMPARE(model.index(0).data(KindRole).toInt(), int(LogLine::Text));
    }

    void capDropsOldestFirst()
    {
        OutputLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchInterval(0);
        model.setLineCap(100);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        for (int i = 0; i < 250; ++i)
            model.appendText(QString::number(i), LogLine::Passthrough);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("150"));
        QCOMPARE(model.index(99).data().toString(), QStringLiteral("249"));
        QCOMPARE(model.droppedLines(), 150);
        QCOMPARE(model.totalLines(), 250);
        QVERIFY(removed.count() > 0);
        // every removal took rows from the top
        for (const auto &args : removed)
            QCOMPARE(args.at(1).toInt(), 0);
    }

    void batchLargerThanCapKeepsTheNewest()
    {
        OutputLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchInterval(10000);
        model.setLineCap(100);
        for (int i = 0; i < 50; ++i)
            model.appendText(QStringLiteral("old %1").arg(i), LogLine::Text);
        model.flush();
        for (int i = 0; i < 1000; ++i)
            model.appendText(QStringLiteral("new %1").arg(i), LogLine::Text);
        model.flush();
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("new 900"));
        QCOMPARE(model.lineAt(99).text, QStringLiteral("new 999"));
        QCOMPARE(model.droppedLines(), 950);
    }

    void shrinkingTheCapKeepsTheTail()
    {
        OutputLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchInterval(0);
        for (int i = 0; i < 500; ++i)
            model.appendText(QString::number(i), LogLine::Text);
        model.setLineCap(120);
        QCOMPARE(model.rowCount(), 120);
        QCOMPARE(model.lineAt(0).text, QStringLiteral("380"));
        model.appendText(QStringLiteral("after"), LogLine::Text);
        QCOMPARE(model.lineAt(119).text, QStringLiteral("after"));
        QCOMPARE(model.lineAt(0).text, QStringLiteral("381"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        model.appendText(QStringLiteral("again"), LogLine::Text);
        QCOMPARE(model.rowCount(), 1);
    }

    void multiLineTextBecomesRows()
    {
        OutputLogModel model;
        model.setBatchInterval(0);
        model.append(LogLine{QStringLiteral("a\nb\nc"), LogLine::ToolUse, 1, 2});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.lineAt(1).text, QStringLiteral("b"));
        QCOMPARE(model.lineAt(2).kind, LogLine::ToolUse);
        QCOMPARE(model.lineAt(2).turn, 2);
        QCOMPARE(model.toPlainText(), QStringLiteral("a\nb\nc\n"));
    }

    void coloursDifferByKindAndPalette()
    {
        OutputLogModel model;
        model.setBatchInterval(0);
        model.appendText(QStringLiteral("out"), LogLine::Text);
        model.appendText(QStringLiteral("err"), LogLine::Stderr);
        const QColor light = model.index(1).data(Qt::ForegroundRole).value<QColor>();
        QVERIFY(light != model.index(0).data(Qt::ForegroundRole).value<QColor>());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDarkPalette(true);
        QCOMPARE(changed.count(), 1);
        const QColor dark = model.index(1).data(Qt::ForegroundRole).value<QColor>();
        QVERIFY(dark.lightness() > light.lightness()); // readable on a dark background
    }

    void memoryEstimateIsBoundedByTheCap()
    {
        OutputLogModel model;
        model.setBatchInterval(0);
        model.setLineCap(1000);
        const QString text(80, QLatin1Char('x'));
        for (int i = 0; i < 1000; ++i)
            model.appendText(text, LogLine::Text);
        const qint64 atCap = model.approximateBytes();
        for (int i = 0; i < 5000; ++i)
            model.appendText(text, LogLine::Text);
        QCOMPARE(model.rowCount(), 1000);
        QVERIFY2(model.approximateBytes() <= atCap * 11 / 10, "memory grew past the cap");
    }

    void filterByKindAndText()
    {
        OutputLogModel model;
        model.setBatchInterval(0);
        OutputLogFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendText(QStringLiteral("💭 thinking hard"), LogLine::Thinking);
        model.appendText(QStringLiteral("🔧 Bash: ls"), LogLine::ToolUse);
        model.appendText(QStringLiteral("warning: disk"), LogLine::Stderr);
        QVERIFY(!filter.isFiltering());
        QCOMPARE(filter.rowCount(), 3);
        filter.setKindVisible(LogLine::Stderr, false);
        QVERIFY(filter.isFiltering());
        QCOMPARE(filter.rowCount(), 2);
        filter.setSearchText(QStringLiteral("BASH"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("🔧 Bash: ls"));
        model.appendText(QStringLiteral("bash again"), LogLine::Text); // dynamic filter on append
        QCOMPARE(filter.rowCount(), 2);
        filter.setSearchText({});
        filter.setKindMask(OutputLogFilterModel::AllKinds);
        QCOMPARE(filter.rowCount(), 4);
        model.setLineCap(100);
        for (int i = 0; i < 200; ++i)
            model.appendText(QString::number(i), LogLine::Passthrough);
        QCOMPARE(filter.rowCount(), 100); // the proxy follows removals at the top
    }
};

QTEST_MAIN(TestOutputLogModel)
#include "tst_outputlogmodel.moc"
