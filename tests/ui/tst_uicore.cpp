// Small pieces of the app: diffs, the error banner, settings and token store, the console feeder
// (formatter, stderr, turns, stages), the follow-tail view and the validation in the editors.
#include "core/stagelabels.h"
#include "core/textdiff.h"
#include "dialogs/agenteditordialog.h"
#include "dialogs/conflictdialog.h"
#include "models/outputlogmodel.h"
#include "session/consolefeeder.h"
#include "settings/appsettings.h"
#include "settings/tokenstore.h"
#include "widgets/errorbanner.h"
#include "widgets/outputlogview.h"

#include <aod/client.h>

#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Aod::Ui;

namespace {
Aod::StreamEvent output(const QString &data, const QString &stream = QStringLiteral("stdout"), int turn = 1, qint64 id = 1)
{
    return Aod::StreamEvent(QJsonObject{{QStringLiteral("type"), QStringLiteral("output")},
                                        {QStringLiteral("stream"), stream},
                                        {QStringLiteral("data"), data},
                                        {QStringLiteral("turn"), turn},
                                        {QStringLiteral("id"), id}},
                            id);
}
QString line(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n');
}
} // namespace

class TestUiCore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lineDiff()
    {
        const auto d = Diff::lines(QStringLiteral("a\nb\nc"), QStringLiteral("a\nx\nc\nd"));
        QCOMPARE(Diff::toText(d), QStringLiteral(" a\n-b\n+x\n c\n+d\n"));
        QVERIFY(Diff::lines(QStringLiteral("same"), QStringLiteral("same")).first().op == Diff::Line::Same);
    }

    void fieldChanges()
    {
        Aod::AgentContent a;
        a.name = QStringLiteral("bot");
        a.model = QStringLiteral("m1");
        Aod::AgentContent b = a;
        b.model = QStringLiteral("m2");
        b.skills.append(Aod::AgentSkill::inlineSkill(QStringLiteral("lint"), QStringLiteral("d"), QStringLiteral("c")));
        const auto changes = Diff::changes(Diff::fields(a), Diff::fields(b));
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes[0].field, QStringLiteral("Model"));
        QCOMPARE(changes[1].field, QStringLiteral("Skills"));
        QVERIFY(Diff::toHtml(changes, false).contains(QStringLiteral("+ m2")));
        ConflictDialog dlg(Diff::fields(a), 1, Diff::fields(b), 2, Diff::fields(b));
        QCOMPARE(dlg.overlapping(), (QStringList{QStringLiteral("Model"), QStringLiteral("Skills")}));
    }

    void bannerCountsRepeatsInsteadOfStacking()
    {
        ErrorBanner banner;
        banner.show();
        Aod::Error e(Aod::Error::Code::ServerError, QStringLiteral("GET /agents -> 503"));
        e.setHttpStatus(503).setDetail(QStringLiteral("Service unavailable"));
        banner.showError(e, QStringLiteral("Loading agents failed"));
        QVERIFY(banner.isVisible());
        QVERIFY(banner.text().contains(QStringLiteral("Service unavailable")));
        QVERIFY(banner.detailsText().contains(QStringLiteral("503")));
        banner.showError(e, QStringLiteral("Loading agents failed"));
        banner.showError(e, QStringLiteral("Loading agents failed"));
        QCOMPARE(banner.repeatCount(), 3);
        QVERIFY(banner.text().contains(QStringLiteral("×3")));
        banner.dismiss();
        QVERIFY(!banner.isVisible());
    }

    void settingsRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        {
            AppSettings s(path);
            QCOMPARE(s.consoleLineCap(), AppSettings::DefaultConsoleLineCap);
            s.upsertProfile({QStringLiteral("prod"), QStringLiteral("https://aod.example"), false});
            s.upsertProfile({QStringLiteral("demo"), QString(), true});
            s.upsertProfile({QStringLiteral("prod"), QStringLiteral("https://aod2.example"), false});
            s.setConsoleLineCap(1234);
            s.setPollIntervalSec(9);
            s.setViewState(QStringLiteral("x"), QByteArray("state"));
            s.sync();
        }
        AppSettings s(path);
        QCOMPARE(s.profiles().size(), 2);
        QCOMPARE(s.profiles().first().url, QStringLiteral("https://aod2.example"));
        QVERIFY(s.profiles().last().demo);
        QCOMPARE(s.consoleLineCap(), 1234);
        QCOMPARE(s.pollIntervalSec(), 9);
        QCOMPARE(s.viewState(QStringLiteral("x")), QByteArray("state"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("aod_")); // no token ever lands in the settings file
    }

    void sessionOnlyTokenStore()
    {
        TokenStore store(TokenStore::Backend::SessionOnly);
        QVERIFY(!store.isPersistent());
        QVERIFY(!store.fallbackReason().isEmpty());
        QString read = QStringLiteral("unset");
        store.read(QStringLiteral("p"), this, [&](const QString &t) { read = t; });
        QCOMPARE(read, QStringLiteral("unset")); // never inside the call
        QTRY_COMPARE(read, QString());
        bool persisted = true;
        store.write(QStringLiteral("p"), QStringLiteral("aod_secret"), this, [&](bool p) { persisted = p; });
        QTRY_VERIFY(!persisted);
        store.read(QStringLiteral("p"), this, [&](const QString &t) { read = t; });
        QTRY_COMPARE(read, QStringLiteral("aod_secret"));
    }

    void feederFormatsClaudeAndKeepsRaw()
    {
        OutputLogModel formatted, raw;
        formatted.setBatchInterval(0);
        raw.setBatchInterval(0);
        ConsoleFeeder feeder(&formatted, &raw);
        feeder.feed(Aod::StreamEvent(QJsonObject{{QStringLiteral("type"), QStringLiteral("start")},
                                                 {QStringLiteral("provider"), QStringLiteral("anthropic")}}));
        QCOMPARE(feeder.formatterName(), QStringLiteral("claude"));
        feeder.feed(Aod::StreamEvent(QJsonObject{{QStringLiteral("type"), QStringLiteral("stage")},
                                                 {QStringLiteral("stage"), QStringLiteral("create_sprite")},
                                                 {QStringLiteral("state"), QStringLiteral("done")},
                                                 {QStringLiteral("duration_ms"), 1500}}, 1));
        QCOMPARE(formatted.lineAt(0).kind, LogLine::Stage);
        QVERIFY(formatted.lineAt(0).text.contains(QStringLiteral("creating sandbox")));
        const QString assistant = line(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("assistant")},
            {QStringLiteral("message"), QJsonObject{{QStringLiteral("content"), QJsonArray{
                QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QStringLiteral("Hello operator")}}}}}}});
        // the JSON line arrives split across two chunks
        feeder.feed(output(assistant.left(20), QStringLiteral("stdout"), 1, 2));
        const int before = formatted.rowCount();
        feeder.feed(output(assistant.mid(20), QStringLiteral("stdout"), 1, 3));
        QVERIFY(formatted.rowCount() > before);
        bool found = false;
        for (int i = 0; i < formatted.rowCount(); ++i)
            found |= formatted.lineAt(i).kind == LogLine::Text && formatted.lineAt(i).text.contains(QStringLiteral("Hello operator"));
        QVERIFY2(found, qPrintable(formatted.toPlainText()));
        QVERIFY(raw.toPlainText().contains(QStringLiteral("\"assistant\""))); // raw shows the JSON
        feeder.feed(output(QStringLiteral("npm WARN deprecated\n"), QStringLiteral("stderr"), 1, 4));
        QCOMPARE(formatted.lineAt(formatted.rowCount() - 1).kind, LogLine::Stderr);
        QCOMPARE(raw.lineAt(raw.rowCount() - 1).kind, LogLine::Stderr);
        // turn 2: a separator, then its output
        feeder.feed(Aod::StreamEvent(QJsonObject{{QStringLiteral("type"), QStringLiteral("turn_start")}, {QStringLiteral("turn"), 2}}));
        QCOMPARE(formatted.lineAt(formatted.rowCount() - 1).kind, LogLine::TurnSeparator);
        QCOMPARE(feeder.currentTurn(), 2);
        feeder.feed(Aod::StreamEvent(QJsonObject{{QStringLiteral("type"), QStringLiteral("exit")}, {QStringLiteral("code"), 0}}, 9));
        QCOMPARE(formatted.lineAt(formatted.rowCount() - 1).kind, LogLine::ResultOk);
    }

    void followTailStopsWhenScrolledUp()
    {
        OutputLogModel model;
        model.setBatchInterval(0);
        OutputLogView view;
        view.resize(400, 200);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (int i = 0; i < 500; ++i)
            model.appendText(QStringLiteral("line %1").arg(i), LogLine::Text);
        QScrollBar *bar = view.verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QSignalSpy follow(&view, &OutputLogView::followTailChanged);
        bar->setValue(bar->maximum() / 2); // the user scrolls up
        QVERIFY(!view.followTail());
        QCOMPARE(follow.count(), 1);
        const int held = bar->value();
        for (int i = 0; i < 100; ++i)
            model.appendText(QStringLiteral("more %1").arg(i), LogLine::Text);
        QCoreApplication::processEvents();
        QCOMPARE(bar->value(), held); // not yanked to the bottom
        bar->setValue(bar->maximum()); // back to the bottom: following again
        QVERIFY(view.followTail());
        model.appendText(QStringLiteral("tail"), LogLine::Text);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    void agentEditorValidatesInline()
    {
        Aod::Client client(Aod::ClientConfig(QStringLiteral("http://127.0.0.1:9"), QStringLiteral("aod_x")));
        AgentEditorDialog dlg(&client, {});
        dlg.show();
        dlg.nameEdit()->setText(QString(201, QLatin1Char('n'))); // over the 200-character limit
        dlg.validateNow();
        QVERIFY2(dlg.invalidFields().contains(QStringLiteral("name")), qPrintable(dlg.validationMessages().join(u'|')));
        QVERIFY(!dlg.saveButton()->isEnabled());
        dlg.nameEdit()->setText(QStringLiteral("reviewer"));
        dlg.addSkillRow(Aod::AgentSkill::inlineSkill(QStringLiteral("bad name!"), QStringLiteral("d"), QStringLiteral("c")));
        dlg.validateNow();
        QVERIFY2(dlg.invalidFields().contains(QStringLiteral("skills")), qPrintable(dlg.validationMessages().join(u'|')));
        dlg.skillsTable()->item(0, 1)->setText(QStringLiteral("lint"));
        dlg.validateNow();
        QVERIFY2(dlg.validationMessages().isEmpty(), qPrintable(dlg.validationMessages().join(u'|')));
        QVERIFY(dlg.saveButton()->isEnabled());
        QCOMPARE(dlg.content().skills.first().name, QStringLiteral("lint"));
    }

    void stageLabelsAndDurations()
    {
        QCOMPARE(stageLabel(QStringLiteral("runtime_start")), QStringLiteral("starting agent"));
        QCOMPARE(stageLabel(QStringLiteral("new_stage")), QStringLiteral("new_stage"));
        QCOMPARE(formatDuration(65000), QStringLiteral("1m 05s"));
        QCOMPARE(formatDuration(3723000), QStringLiteral("1h 02m"));
    }
};

QTEST_MAIN(TestUiCore)
#include "tst_uicore.moc"
