// The resource table models (agents, environments, sessions, turns, stages) and the filter
// proxy: QAbstractItemModelTester on every change, merges that keep rows, the agent-name join.
#include "models/agentlistmodel.h"
#include "models/environmentlistmodel.h"
#include "models/listfilterproxy.h"
#include "models/roles.h"
#include "models/sessionlistmodel.h"
#include "models/stagetimelinemodel.h"
#include "models/turnlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Aod::Ui;

namespace {
Aod::Agent agent(const QString &id, const QString &name, int version = 1, bool archived = false)
{
    Aod::Agent a;
    a.id = id;
    a.name = name;
    a.provider = QStringLiteral("anthropic");
    a.model = QStringLiteral("claude-sonnet-4-6");
    a.version = version;
    a.createdAt = QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC).addSecs(id.size());
    if (archived)
        a.archivedAt = a.createdAt.addDays(1);
    return a;
}

Aod::Session session(const QString &id, const QString &agentId, Aod::SessionStatus status, int minutes = 0)
{
    Aod::Session s;
    s.id = id;
    s.agentId = agentId;
    s.provider = QStringLiteral("anthropic");
    s.status = status;
    s.statusString = Aod::sessionStatusToString(status);
    s.createdAt = QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC).addSecs(minutes * 60);
    s.turnCount = 1;
    if (status == Aod::SessionStatus::Completed)
        s.exitCode = 0;
    return s;
}

QStringList ids(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, 0).data(IdRole).toString();
    return out;
}
} // namespace

class TestListModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void agentsMergeKeepsRows()
    {
        AgentListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!model.isLoaded());
        model.setAgents({agent(QStringLiteral("a"), QStringLiteral("Alpha")), agent(QStringLiteral("b"), QStringLiteral("Beta")),
                         agent(QStringLiteral("c"), QStringLiteral("Gamma"))});
        QVERIFY(model.isLoaded());
        QCOMPARE(ids(model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QPersistentModelIndex keep = model.index(2, 0); // "c" must survive the merge
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setAgents({agent(QStringLiteral("d"), QStringLiteral("Delta")), agent(QStringLiteral("c"), QStringLiteral("Gamma"), 2),
                         agent(QStringLiteral("a"), QStringLiteral("Alpha"))});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(ids(model), (QStringList{QStringLiteral("d"), QStringLiteral("c"), QStringLiteral("a")}));
        QVERIFY(keep.isValid());
        QCOMPARE(keep.data(IdRole).toString(), QStringLiteral("c"));
        QCOMPARE(model.index(1, AgentListModel::Version).data().toString(), QStringLiteral("v2"));
        QCOMPARE(changed.count(), 1); // only c changed
        model.setEnvironmentNames({{QStringLiteral("env1"), QStringLiteral("python")}});
        Aod::Agent withEnv = agent(QStringLiteral("e"), QStringLiteral("Eps"));
        withEnv.environmentId = QStringLiteral("env1");
        model.upsert(withEnv);
        QCOMPARE(model.index(0, AgentListModel::Environment).data().toString(), QStringLiteral("python"));
        model.removeId(QStringLiteral("d"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.names().value(QStringLiteral("c")), QStringLiteral("Gamma"));
        model.setAgents({});
        QCOMPARE(model.rowCount(), 0);
    }

    void proxyFiltersSortsAndHidesArchived()
    {
        AgentListModel model;
        ListFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAgents({agent(QStringLiteral("a"), QStringLiteral("alpha"), 3), agent(QStringLiteral("b"), QStringLiteral("Beta"), 10),
                         agent(QStringLiteral("old"), QStringLiteral("Old one"), 1, true)});
        QCOMPARE(proxy.rowCount(), 2); // archived hidden by default
        proxy.setShowArchived(true);
        QCOMPARE(proxy.rowCount(), 3);
        QCOMPARE(proxy.index(2, AgentListModel::Status).data().toString(), QStringLiteral("archived"));
        proxy.setFilterText(QStringLiteral("BET"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText({});
        proxy.sort(AgentListModel::Version, Qt::AscendingOrder); // numeric, not "v10" < "v3"
        QCOMPARE(ids(proxy), (QStringList{QStringLiteral("old"), QStringLiteral("a"), QStringLiteral("b")}));
        proxy.setStatuses({QStringLiteral("archived")});
        QCOMPARE(ids(proxy), QStringList{QStringLiteral("old")});
    }

    void sessionsJoinAgentNames()
    {
        SessionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions({session(QStringLiteral("s1-aaaaaaaa"), QStringLiteral("a"), Aod::SessionStatus::Running, 2),
                           session(QStringLiteral("s2-bbbbbbbb"), QStringLiteral("gone"), Aod::SessionStatus::Completed, 1),
                           session(QStringLiteral("s3-cccccccc"), QString(), Aod::SessionStatus::Failed)});
        QVERIFY(model.hasActive());
        QCOMPARE(model.activeCount(), 1);
        QCOMPARE(model.unknownAgentIds(), (QStringList{QStringLiteral("a"), QStringLiteral("gone")}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.addAgentNames({{QStringLiteral("a"), QStringLiteral("Alpha")}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, SessionListModel::Agent).data().toString(), QStringLiteral("Alpha"));
        QCOMPARE(model.unknownAgentIds(), QStringList{QStringLiteral("gone")});
        model.addAgentNames({{QStringLiteral("gone"), QStringLiteral("Archived agent")}});
        QCOMPARE(model.index(1, SessionListModel::Agent).data().toString(), QStringLiteral("Archived agent"));
        QVERIFY(model.index(2, SessionListModel::Agent).data().toString().contains(QStringLiteral("removed")));
        QCOMPARE(model.index(0, SessionListModel::Id).data().toString(), QStringLiteral("s1-aaaaa…"));
        QCOMPARE(model.index(1, SessionListModel::ExitCode).data().toInt(), 0);
        QCOMPARE(model.index(0, SessionListModel::Status).data().toString(), QStringLiteral("running"));
        QVERIFY(model.index(0, SessionListModel::Status).data(Qt::ForegroundRole).value<QColor>().isValid());
        QVERIFY(model.index(0, SessionListModel::Status).data(Qt::ForegroundRole)
                != model.index(2, SessionListModel::Status).data(Qt::ForegroundRole));

        // a poll: s1 finished, s4 new; the row objects survive
        QPersistentModelIndex s1 = model.index(0, 0);
        auto done = session(QStringLiteral("s1-aaaaaaaa"), QStringLiteral("a"), Aod::SessionStatus::Completed, 2);
        model.setSessions({session(QStringLiteral("s4-dddddddd"), QStringLiteral("a"), Aod::SessionStatus::Pending, 3), done,
                           session(QStringLiteral("s2-bbbbbbbb"), QStringLiteral("gone"), Aod::SessionStatus::Completed, 1)});
        QVERIFY(s1.isValid());
        QCOMPARE(s1.row(), 1);
        QCOMPARE(QModelIndex(s1).siblingAtColumn(SessionListModel::Status).data().toString(), QStringLiteral("completed"));
        QCOMPARE(model.rowCount(), 3);

        ListFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setStatuses({QStringLiteral("pending"), QStringLiteral("running")});
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setStatuses({});
        proxy.sort(SessionListModel::Created, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(IdRole).toString(), QStringLiteral("s4-dddddddd"));
        proxy.setFilterText(QStringLiteral("archived agent"));
        QCOMPARE(proxy.rowCount(), 1);
    }

    void environments()
    {
        EnvironmentListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Aod::Environment e;
        e.id = QStringLiteral("e1");
        e.name = QStringLiteral("python");
        e.version = 2;
        e.networking.type = QStringLiteral("limited");
        e.networking.allowedHosts = {QStringLiteral("pypi.org"), QStringLiteral("github.com")};
        e.packages.insert(QStringLiteral("pip"), {QStringLiteral("requests"), QStringLiteral("rich")});
        model.setEnvironments({e});
        QCOMPARE(model.index(0, EnvironmentListModel::Networking).data().toString(), QStringLiteral("limited (2 host(s))"));
        QCOMPARE(model.index(0, EnvironmentListModel::Packages).data().toString(), QStringLiteral("pip: 2"));
        QCOMPARE(model.index(0, EnvironmentListModel::Packages).data(SortRole).toInt(), 2);
        QCOMPARE(model.names().value(QStringLiteral("e1")), QStringLiteral("python"));
    }

    void turnsAndStages()
    {
        TurnListModel turns;
        QAbstractItemModelTester t1(&turns, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Aod::SessionTurn t;
        t.turnNumber = 1;
        t.prompt = QStringLiteral("do\nthings");
        t.status = Aod::TurnStatus::Completed;
        t.statusString = QStringLiteral("completed");
        t.exitCode = 0;
        t.startedAt = QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);
        t.endedAt = t.startedAt.addMSecs(12500);
        turns.setTurns({t});
        QCOMPARE(turns.rowCount(), 1);
        QCOMPARE(turns.index(0, TurnListModel::Prompt).data().toString(), QStringLiteral("do things"));
        QCOMPARE(turns.index(0, TurnListModel::Duration).data().toString(), QStringLiteral("12.5s"));

        StageTimelineModel stages;
        QAbstractItemModelTester t2(&stages, QAbstractItemModelTester::FailureReportingMode::QtTest);
        stages.applyStage(QStringLiteral("create_sprite"), QStringLiteral("started"), -1, {}, 1);
        stages.applyStage(QStringLiteral("create_sprite"), QStringLiteral("done"), 1200, {}, 1);
        stages.applyStage(QStringLiteral("provision_setup"), QStringLiteral("started"), -1, {}, 1);
        stages.applyStage(QStringLiteral("provision_setup"), QStringLiteral("failed"), 300, QStringLiteral("apt failed"), 1);
        stages.applyStage(QStringLiteral("mystery"), QStringLiteral("done"), 5, {}, 1); // start never seen
        QCOMPARE(stages.rowCount(), 3);
        QCOMPARE(stages.index(0, StageTimelineModel::Stage).data().toString(), QStringLiteral("creating sandbox"));
        QCOMPARE(stages.index(0, StageTimelineModel::Duration).data().toString(), QStringLiteral("1.2s"));
        QCOMPARE(stages.index(1, StageTimelineModel::Message).data().toString(), QStringLiteral("apt failed"));
        QCOMPARE(stages.index(1, 0).data(StatusRole).toString(), QStringLiteral("failed"));
        QCOMPARE(stages.index(2, StageTimelineModel::Stage).data().toString(), QStringLiteral("mystery"));
    }
};

QTEST_MAIN(TestListModels)
#include "tst_listmodels.moc"
