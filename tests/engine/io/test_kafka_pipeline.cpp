// source.kafka and sink.kafka end to end, against the embedded broker: `tributary-cli serve`
// (the built binary) on a port the system picks, with a data dir of its own. kcat produces
// the input and reads the output, so the nodes are checked by a Kafka client that is not
// ours. A pipeline document (source.kafka -> transform.filter -> sink.kafka) is validated,
// compiled and run by runtime::run_plan until its source has read to the end offsets it saw
// at start; a record that is not JSON becomes a dead letter naming topic, partition and
// offset; the group's committed offsets make a second run read nothing (and a run from
// scratch that starts at `committed`); an address where
// no broker listens fails the run within the node's timeout, naming node and address.
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <fstream>

#include "compiled_pipeline.h"
#include "free_port.h"
#include "runtime/pipeline_run.h"

using namespace tributary;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Output {
  bool ok = false;
  QByteArray out, err;
};

Output run_tool(const QString& program, const QStringList& args, const QByteArray& input = {},
                int timeout_ms = 15000) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForStarted()) return {};
  if (!input.isEmpty()) p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished();
    return {false, p.readAllStandardOutput(), p.readAllStandardError()};
  }
  return {p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAllStandardOutput(),
          p.readAllStandardError()};
}

testing::CompiledPipeline compile(const fs::path& file, const std::string& text) {
  { std::ofstream(file) << text; }
  return testing::compile_pipeline_file(file);
}

// source.kafka (topic `in`) -> amount > 2 -> sink.kafka (topic `out`, keyed by user).
std::string document(const std::string& bootstrap, const std::string& sink_bootstrap,
                     const std::string& start = "earliest") {
  return R"({
  "format": "tributary-pipeline",
  "version": 1,
  "name": "Kafka round trip",
  "settings": { "trigger": "interval", "trigger_ms": 20 },
  "nodes": [
    { "id": "in", "kind": "source.kafka",
      "params": { "bootstrap": ")" +
         bootstrap + R"(", "topic": "in", "start": ")" + start + R"(",
                  "stop_at_end": true, "timeout_ms": 1500,
                  "fields": { "id": "int64", "user": "string", "amount": "double" } } },
    { "id": "big", "kind": "transform.filter", "params": { "expr": "amount > 2" } },
    { "id": "out", "kind": "sink.kafka",
      "params": { "bootstrap": ")" +
         sink_bootstrap + R"(", "topic": "out", "key": "user",
                  "compression": "lz4", "timeout_ms": 1500 } }
  ],
  "edges": [ { "from": "in.out", "to": "big.in" }, { "from": "big.out", "to": "out.in" } ]
}
)";
}

// CSV values in and out, without idempotence (acks 1).
std::string csv_document(const std::string& address) {
  return R"({
  "format": "tributary-pipeline", "version": 1, "name": "Kafka CSV",
  "nodes": [
    { "id": "in", "kind": "source.kafka",
      "params": { "bootstrap": ")" +
         address + R"(", "topic": "csv-in", "format": "csv",
                  "stop_at_end": true, "fields": { "id": "int64", "name": "string", "v": "double" } } },
    { "id": "out", "kind": "sink.kafka",
      "params": { "bootstrap": ")" +
         address + R"(", "topic": "csv-out", "format": "csv",
                  "acks": "1", "idempotent": false } }
  ],
  "edges": [ { "from": "in.out", "to": "out.in" } ]
})";
}

}  // namespace

class TestKafkaPipeline : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QProcess broker_;
  std::string address_;  // host:port of the broker
  QString kcat_;

  fs::path root() const { return dir_.path().toStdString(); }

 private slots:
  void initTestCase() {
    kcat_ = QStandardPaths::findExecutable("kcat");
    if (kcat_.isEmpty()) kcat_ = QStandardPaths::findExecutable("kafkacat");
    if (kcat_.isEmpty()) QSKIP("kcat is not installed (tributary.sh installs it)");
    QVERIFY(dir_.isValid());
    broker_.setProgram(QStringLiteral(TRIBUTARY_CLI));
    broker_.setArguments({"serve", "--data-dir", dir_.filePath("broker"), "--listen", "127.0.0.1:0",
                          "--initial-rebalance-delay-ms", "0", "--quiet"});
    broker_.start();
    QVERIFY(broker_.waitForStarted());
    // "listening on HOST:PORT (data dir D)"
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    QByteArray out;
    while (Clock::now() < deadline && !out.contains('\n')) {
      broker_.waitForReadyRead(100);
      out += broker_.readAllStandardOutput();
    }
    const int at = out.indexOf("listening on ");
    QVERIFY2(at >= 0, (out + broker_.readAllStandardError()).constData());
    const int from = at + 13;
    address_ = out.mid(from, out.indexOf(' ', from) - from).toStdString();
    QVERIFY(!address_.empty());

    // The input: ids 0..7 with amounts 0, 1, 2, ...; a record that is not JSON at offset 3.
    QByteArray lines;
    for (int i = 0; i < 8; ++i) {
      if (i == 3) lines += "this is not json\n";
      lines += QByteArray("{\"id\":") + QByteArray::number(i) + ",\"user\":\"u" +
               QByteArray::number(i % 3) + "\",\"amount\":" + QByteArray::number(i) + ".5}\n";
    }
    const auto produced = run_tool(
        kcat_,
        {"-P", "-b", QString::fromStdString(address_), "-t", "in", "-X", "socket.timeout.ms=5000"},
        lines);
    QVERIFY2(produced.ok, produced.err.constData());
  }

  void cleanupTestCase() {
    if (broker_.state() == QProcess::NotRunning) return;
    broker_.terminate();
    if (!broker_.waitForFinished(5000)) broker_.kill(), broker_.waitForFinished();
  }

  void records_go_through_a_pipeline() {
    const fs::path data = root() / "data";
    auto comp = compile(root() / "kafka.json", document(address_, address_));
    QCOMPARE(comp.c.plan.ingests.size(), std::size_t(1));
    QVERIFY(comp.c.plan.ingests[0].bounded);
    QCOMPARE(comp.c.plan.ingests[0].params.value("group", ""),
             std::string("tributary-kafka-round-trip-in"));
    runtime::RunOptions options;
    options.data_dir = data;
    options.progress_ms = 20;
    runtime::Progress progress;
    const auto started = Clock::now();
    const Status s = runtime::run_plan(comp.c.plan, comp.settings, options, &progress);
    QVERIFY2(s.ok(), s.message().c_str());
    QVERIFY(Clock::now() - started < std::chrono::seconds(20));
    QCOMPARE(progress.sources.size(), std::size_t(1));
    QCOMPARE(progress.sources[0].records, std::int64_t(8));
    QCOMPARE(progress.sources[0].dead_letters, std::int64_t(1));
    QVERIFY(progress.sources[0].done);

    // Read back by kcat: key and value of each record, in order (`out` has one partition).
    const auto read = run_tool(kcat_, {"-C", "-b", QString::fromStdString(address_), "-t", "out",
                                       "-e", "-q", "-f", "%k %s\\n"});
    QVERIFY2(read.ok, read.err.constData());
    QByteArray expected;
    for (int i = 2; i < 8; ++i) {
      // The fields in the schema's order: `fields` is a JSON object, by name.
      expected += "u" + QByteArray::number(i % 3) + " {\"amount\":" + QByteArray::number(i) +
                  ".5,\"id\":" + QByteArray::number(i) + ",\"user\":\"u" +
                  QByteArray::number(i % 3) + "\"}\n";
    }
    QCOMPARE(read.out, expected);

    // The bad record is a dead letter of the source, at its topic, partition and offset.
    const auto dead =
        run_tool(QStringLiteral(TRIBUTARY_CLI),
                 {"consume", "kafka-round-trip-in-dlq", "--data-dir",
                  QString::fromStdString(data.string()), "--from-beginning", "--exit-at-end"});
    QVERIFY2(dead.ok, dead.err.constData());
    QCOMPARE(dead.out.count('\n'), 1);
    QVERIFY2(dead.out.contains("\"position\":\"kafka in[0]@3\""), dead.out.constData());
    QVERIFY2(dead.out.contains("this is not json"), dead.out.constData());

    // The group committed its offsets once the rows were in the pipeline's topic: a second
    // run continues there and reads nothing more.
    runtime::Progress again;
    const Status s2 = runtime::run_plan(comp.c.plan, comp.settings, options, &again);
    QVERIFY2(s2.ok(), s2.message().c_str());
    QCOMPARE(again.sources[0].records, std::int64_t(0));
    const auto reread = run_tool(kcat_, {"-C", "-b", QString::fromStdString(address_), "-t", "out",
                                         "-e", "-q", "-f", "%k %s\\n"});
    QCOMPARE(reread.out, expected);

    // From scratch (the pipeline's topics and state deleted), `committed` still starts at
    // the group's offsets, where `earliest` would start again at the beginning.
    auto committed = compile(root() / "kafka.json", document(address_, address_, "committed"));
    options.from_scratch = true;
    runtime::Progress fresh;
    const Status s3 = runtime::run_plan(committed.c.plan, committed.settings, options, &fresh);
    QVERIFY2(s3.ok(), s3.message().c_str());
    QCOMPARE(fresh.sources[0].records, std::int64_t(0));
  }

  void csv_values_in_and_out() {
    const auto produced =
        run_tool(kcat_, {"-P", "-b", QString::fromStdString(address_), "-t", "csv-in"},
                 "1,al,2.5\n2,bo,\"x\"\n3,\"c,d\",4\n");
    QVERIFY2(produced.ok, produced.err.constData());
    const std::string doc = csv_document(address_);
    auto comp = compile(root() / "csv.json", doc);
    runtime::RunOptions options;
    options.data_dir = root() / "data";
    runtime::Progress progress;
    const Status s = runtime::run_plan(comp.c.plan, comp.settings, options, &progress);
    QVERIFY2(s.ok(), s.message().c_str());
    QCOMPARE(progress.sources[0].dead_letters, std::int64_t(1));
    const auto read = run_tool(kcat_, {"-C", "-b", QString::fromStdString(address_), "-t",
                                       "csv-out", "-e", "-q", "-f", "%s\\n"});
    QVERIFY2(read.ok, read.err.constData());
    // `fields` by name: id, name, v.
    QCOMPARE(read.out, QByteArray("1,al,2.5\n3,\"c,d\",4\n"));
  }

  void an_unreachable_broker_fails_the_run() {
    const std::string nowhere = "127.0.0.1:" + std::to_string(free_port());
    {
      auto comp = compile(root() / "nowhere-in.json", document(nowhere, address_));
      runtime::RunOptions options;
      options.data_dir = root() / "nowhere-data";
      const auto started = Clock::now();
      const Status s = runtime::run_plan(comp.c.plan, comp.settings, options);
      QVERIFY(Clock::now() - started < std::chrono::seconds(6));
      QVERIFY(!s.ok());
      const std::string prefix = "in.bootstrap: cannot reach a Kafka broker at " + nowhere;
      QVERIFY2(s.message().starts_with(prefix), s.message().c_str());
    }
    {
      auto comp = compile(root() / "nowhere-out.json", document(address_, nowhere));
      runtime::RunOptions options;
      options.data_dir = root() / "nowhere-data-2";
      const auto started = Clock::now();
      const Status s = runtime::run_plan(comp.c.plan, comp.settings, options);
      QVERIFY(Clock::now() - started < std::chrono::seconds(6));
      QVERIFY(!s.ok());
      const std::string prefix = "out.bootstrap: cannot reach a Kafka broker at " + nowhere;
      QVERIFY2(s.message().starts_with(prefix), s.message().c_str());
    }
  }

  void an_unknown_topic_fails_the_run() {
    std::string doc = document(address_, address_);
    doc.replace(doc.find("\"topic\": \"in\""), 13, "\"topic\": \"no-such\"");
    auto comp = compile(root() / "unknown.json", doc);
    runtime::RunOptions options;
    options.data_dir = root() / "unknown-data";
    const Status s = runtime::run_plan(comp.c.plan, comp.settings, options);
    QVERIFY(!s.ok());
    QVERIFY2(s.message().starts_with("in.topic: no topic 'no-such' at " + address_),
             s.message().c_str());
  }
};

QTEST_GUILESS_MAIN(TestKafkaPipeline)
#include "test_kafka_pipeline.moc"
