// A pipeline whose topic is marked `expose`: `tributary-cli run` serves the data dir's topics
// to Kafka clients while it runs, so kcat lists the pipeline's topic and reads its records as
// the generator writes them, and a Kafka client can produce into the same data dir meanwhile.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "broker_fixture.h"
#include "free_port.h"

using namespace tributary::testing;

namespace {

const char* kPipeline = R"({
  "format": "tributary-pipeline", "version": 1, "name": "Exposed sensors",
  "nodes": [
    { "id": "sensors", "kind": "source.generator",
      "params": { "preset": "sensors", "count": 0, "rate": 200, "speed": 1, "seed": 3 } },
    { "id": "readings", "kind": "topic",
      "params": { "name": "readings", "partitions": 2, "key": ["device"], "expose": true } },
    { "id": "out", "kind": "sink.jsonl", "params": { "path": "out/readings.jsonl" } }
  ],
  "edges": [
    { "from": "sensors.out", "to": "readings.in" },
    { "from": "readings.out", "to": "out.in" }
  ]
})";

}  // namespace

class TestExposedPipeline : public QObject {
  Q_OBJECT

 private slots:
  void kafkaClientsReadAnExposedTopicWhileThePipelineRuns() {
    QTemporaryDir dir;
    const QString file = dir.filePath("pipeline.json");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPipeline);
    f.close();
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(free_port());

    QProcess explain;
    explain.start(TRIBUTARY_CLI, {"--data-dir", dir.filePath("data"), "explain", file});
    QVERIFY(explain.waitForFinished(20000));
    QVERIFY2(explain.readAllStandardOutput().contains("exposed to Kafka clients"),
             "explain does not say so");

    QProcess run;
    run.setWorkingDirectory(dir.path());
    run.start(TRIBUTARY_CLI,
              {"--data-dir", dir.filePath("data"), "run", file, "--kafka-listen", bootstrap});
    QVERIFY(run.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT(
        (err += run.readAllStandardError(), err.contains("serving the topics to Kafka clients on")),
        20000);

    auto listing = kcat({"-L", "-b", bootstrap, "-t", "readings"});
    QVERIFY2(listing.out.contains("topic \"readings\" with 2 partitions"), listing.out.constData());
    // Records arrive as the generator writes them (200 per second of event time at real time).
    auto read = kcat(
        {"-C", "-b", bootstrap, "-t", "readings", "-o", "beginning", "-c", "100", "-q"}, {}, 20000);
    QCOMPARE(read.exit_code, 0);
    const auto lines = read.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 100);
    for (const auto& line : lines) QVERIFY2(line.contains("\"device\""), line.constData());
    // A Kafka client writes into the same data dir while the run owns it.
    auto produced = kcat({"-P", "-b", bootstrap, "-t", "from-kafka"}, "hello from kcat\n");
    QCOMPARE(produced.exit_code, 0);
    QCOMPARE(kcat({"-C", "-b", bootstrap, "-t", "from-kafka", "-e", "-q"}).out,
             QByteArray("hello from kcat\n"));

    run.terminate();  // SIGTERM: the run stops after its current batch, the broker with it
    QVERIFY(run.waitForFinished(20000));
    err += run.readAllStandardError();
    QVERIFY2(run.exitCode() == 0, err.constData());
    // Served no more.
    auto after = kcat({"-L", "-b", bootstrap, "-m", "2"}, {}, 10000);
    QVERIFY(after.exit_code != 0);
  }
};

QTEST_GUILESS_MAIN(TestExposedPipeline)
#include "test_exposed_pipeline.moc"
