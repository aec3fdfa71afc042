// Consumer-group offsets: durable across restarts, merged per partition, lag.
#include <QtTest>

#include <QTemporaryDir>

#include "../test_support.h"
#include "log/log_manager.h"

using namespace tributary;
using namespace tributary::log;
using namespace tributary::testing;

class TestConsumerGroups : public QObject {
  Q_OBJECT

  static std::unique_ptr<LogManager> open(const QTemporaryDir& tmp) {
    LogManager::Options o;
    o.data_dir = tmp.path().toStdString();
    auto m = LogManager::open(o);
    if (!m.ok()) qFatal("%s", m.status().message().c_str());
    return std::move(m).value();
  }

 private slots:
  void offsetsSurviveRestartAndGiveLag() {
    QTemporaryDir tmp;
    {
      auto logs = open(tmp);
      TopicConfig tc;
      tc.partitions = 2;
      auto t = logs->create_topic("orders", tc);
      QVERIFY(t.ok());
      append_values((*t)->partition(0), "a", 0, 10);
      append_values((*t)->partition(1), "b", 0, 4);
      QVERIFY(logs->groups().commit("billing", {{{"orders", 0}, 7}}).ok());
      QVERIFY(logs->groups().commit("billing", {{{"orders", 1}, 4}}).ok());
      QVERIFY(logs->groups().commit("audit", {{{"orders", 0}, 1}}).ok());
    }
    auto logs = open(tmp);
    auto offsets = logs->groups().offsets("billing");
    QVERIFY(offsets.ok());
    QCOMPARE(offsets->size(), 2u);
    QCOMPARE(offsets->at({"orders", 0}), 7);
    QCOMPARE(offsets->at({"orders", 1}), 4);
    auto t = logs->topic("orders");
    QVERIFY(t.ok());
    QCOMPARE((*t)->partition(0).end_offset() - offsets->at({"orders", 0}), 3);  // lag
    QCOMPARE((*t)->partition(1).end_offset() - offsets->at({"orders", 1}), 0);
    QCOMPARE(*logs->groups().list(), (std::vector<std::string>{"audit", "billing"}));
    QVERIFY(!logs->groups().committed("billing", "orders", 5)->has_value());
    // A later commit replaces only the partitions it names.
    QVERIFY(logs->groups().commit("billing", {{{"orders", 0}, 9}}).ok());
    QCOMPARE(logs->groups().offsets("billing")->at({"orders", 1}), 4);
    QCOMPARE(logs->groups().offsets("billing")->at({"orders", 0}), 9);
  }

  void deletingATopicForgetsItsOffsets() {
    QTemporaryDir tmp;
    auto logs = open(tmp);
    QVERIFY(logs->create_topic("gone", {}).ok());
    QVERIFY(logs->create_topic("kept", {}).ok());
    QVERIFY(logs->groups().commit("g", {{{"gone", 0}, 1}, {{"kept", 0}, 2}}).ok());
    QVERIFY(logs->delete_topic("gone").ok());
    QCOMPARE(logs->topic("gone").status().code(), ErrorCode::not_found);
    auto offsets = logs->groups().offsets("g");
    QCOMPARE(offsets->size(), 1u);
    QCOMPARE(offsets->count({"kept", 0}), 1u);
    QCOMPARE(*logs->list_topics(), std::vector<std::string>{"kept"});
  }

  void corruptGroupFileIsAnErrorNamingIt() {
    QTemporaryDir tmp;
    auto logs = open(tmp);
    QVERIFY(logs->groups().commit("g", {{{"t", 0}, 1}}).ok());
    write_binary(std::filesystem::path(tmp.path().toStdString()) / "groups" / "g.json", "{ not json");
    auto offsets = logs->groups().offsets("g");
    QCOMPARE(offsets.status().code(), ErrorCode::corrupt);
    QVERIFY(QString::fromStdString(offsets.status().message()).contains("g.json"));
  }

  void secondOwnerIsRefusedWhileTheFirstLives() {
    QTemporaryDir tmp;
    auto first = open(tmp);
    LogManager::Options o;
    o.data_dir = tmp.path().toStdString();
    auto second = LogManager::open(o);
    QCOMPARE(second.status().code(), ErrorCode::busy);
    QVERIFY(QString::fromStdString(second.status().message()).contains("in use"));
    first.reset();
    QVERIFY(LogManager::open(o).ok());
  }
};

QTEST_GUILESS_MAIN(TestConsumerGroups)
#include "test_consumer_groups.moc"
