// kafkajs 2.2.4 (npm) against the embedded broker: an idempotent producer (one batch gzip) and a
// consumer group read the same records back exactly once. The package is installed into
// tests/engine/broker/kafkajs/node_modules by `./tributary.sh test` (npm ci).
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include "broker_fixture.h"

using namespace tributary;
using namespace tributary::testing;

class TestKafkajs : public QObject {
  Q_OBJECT

 private slots:
  void kafkajsProducesAndConsumesThroughAGroup() {
    const QString dir = QStringLiteral(TRIBUTARY_KAFKAJS_DIR);
    QVERIFY2(QFile::exists(dir + "/node_modules/kafkajs/package.json"),
             "kafkajs is not installed: run ./tributary.sh test (npm ci in "
             "tests/engine/broker/kafkajs)");
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!node.isEmpty(), "node is not installed");
    log::TopicConfig three;
    three.partitions = 3;
    BrokerFixture f;
    QVERIFY(f.logs->create_topic("kafkajs", three).ok());
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("KAFKAJS_NO_PARTITIONER_WARNING", "1");
    p.setProcessEnvironment(env);
    p.start(node, {"roundtrip.js", f.bootstrap(), "kafkajs", "kafkajs-group", "2000"});
    QVERIFY(p.waitForStarted());
    QVERIFY(p.waitForFinished(60000));
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(p.exitCode() == 0, (out + p.readAllStandardError()).constData());
    QVERIFY2(out.contains("\"consumed\":2000"), out.constData());
    // The records are in the log, spread by key over the partitions; the group's offsets are
    // the ones `tributary-cli group describe` shows.
    auto topic = f.logs->topic("kafkajs");
    std::int64_t stored = 0;
    for (int i = 0; i < 3; ++i) stored += (*topic)->partition(i).end_offset();
    QCOMPARE(stored, std::int64_t{2000});
    auto committed = f.logs->groups().offsets("kafkajs-group");
    QVERIFY(committed.ok());
    std::int64_t total = 0;
    for (const auto& [tp, offset] : *committed) total += offset;
    QCOMPARE(total, std::int64_t{2000});
  }
};

QTEST_GUILESS_MAIN(TestKafkajs)
#include "test_kafkajs.moc"
