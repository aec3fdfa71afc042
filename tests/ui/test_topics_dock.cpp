// The topics dock: the plan's topics with partitions and kind (dead-letter topics marked),
// end offsets and the lag of their readers from each snapshot.
#include <QtTest>

#include <QTreeWidget>

#include "ui/docks/topics_dock.h"

using namespace tributary;
using ui::TopicsDock;

class TestTopicsDock : public QObject {
  Q_OBJECT

 private slots:
  void rowsFromPlanAndSnapshot() {
    pipeline::Plan plan;
    pipeline::TopicPlan events;
    events.name = "p-sensors";
    events.node = "sensors";
    events.partitions = 4;
    events.implicit = true;
    pipeline::TopicPlan dlq;
    dlq.name = "p-parse-dlq";
    dlq.node = "parse";
    dlq.dead_letters = true;
    plan.topics = {events, dlq};
    for (const char* name : {"minutes", "alerts"}) {
      pipeline::JobPlan job;
      job.name = name;
      stream::JobInput input;
      input.topic = "p-sensors";
      job.config.inputs.push_back(input);
      plan.jobs.push_back(job);
    }

    TopicsDock dock;
    dock.setPlan(&plan);
    QCOMPARE(dock.list()->topLevelItemCount(), 2);
    auto* item = dock.item(QStringLiteral("p-sensors"));
    QVERIFY(item);
    QCOMPARE(item->text(TopicsDock::Partitions), QStringLiteral("4"));
    QCOMPARE(item->text(TopicsDock::Readers), QStringLiteral("minutes, alerts"));
    auto* dead = dock.item(QStringLiteral("p-parse-dlq"));
    QCOMPARE(dead->text(TopicsDock::Kind), TopicsDock::tr("dead letters"));
    QVERIFY(dead->font(TopicsDock::Name).italic());
    QVERIFY(!item->font(TopicsDock::Name).italic());

    runtime::Progress p;
    p.topics = {{"p-sensors", 1200}, {"p-parse-dlq", 3}};
    runtime::JobProgress minutes;
    minutes.name = "minutes";
    minutes.lag = 200;
    runtime::JobProgress alerts;
    alerts.name = "alerts";
    alerts.lag = 50;
    p.jobs = {minutes, alerts};
    dock.showSnapshot(p);
    QCOMPARE(item->text(TopicsDock::EndOffset), QStringLiteral("1200"));
    QCOMPARE(item->text(TopicsDock::Lag), QStringLiteral("250"));
    QCOMPARE(dead->text(TopicsDock::EndOffset), QStringLiteral("3"));
    QCOMPARE(dead->text(TopicsDock::Lag), QString());  // nobody reads it

    // A topic the plan did not list (an external one, say) still shows.
    p.topics.push_back({"elsewhere", 9});
    dock.showSnapshot(p);
    QCOMPARE(dock.list()->topLevelItemCount(), 3);
    QCOMPARE(dock.item(QStringLiteral("elsewhere"))->text(TopicsDock::EndOffset),
             QStringLiteral("9"));
    dock.clear();
    QCOMPARE(dock.list()->topLevelItemCount(), 0);
  }
};

QTEST_MAIN(TestTopicsDock)
#include "test_topics_dock.moc"
