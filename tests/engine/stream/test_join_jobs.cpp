// Jobs of several inputs: a windowed join of two topics, a lookup join with a table topic and
// a union. Determinism over triggers, batch limits and threads; exactly-once over kill -9;
// the table rebuilt from its topic on restart; inputs that cannot meet.
#include <QtTest>

#include <QTemporaryDir>

#include "job_fixture.h"
#include "job_process.h"

using namespace tributary;
using namespace tributary::stream;
using namespace tributary::testing;

namespace {

struct Variant {
  Trigger trigger;
  std::int64_t max_records;
  int threads;
};
const std::vector<Variant> kVariants = {
    {Trigger::available_now, 0, 1},    {Trigger::continuous, 1, 1},  {Trigger::interval, 7, 1},
    {Trigger::available_now, 1000, 2}, {Trigger::continuous, 13, 2}, {Trigger::available_now, 0, 2},
};

// Runs `config` once per variant, each with its own output and checkpoint; all outputs must
// be byte-identical. Returns the first.
std::map<std::string, std::string> run_variants(JobConfig config, log::LogManager& logs,
                                                const fs::path& root) {
  std::map<std::string, std::string> reference;
  for (std::size_t v = 0; v < kVariants.size(); ++v) {
    const fs::path out = root / ("out" + std::to_string(v));
    config.sink_path = out / "j.jsonl";
    config.checkpoint_path = root / ("checkpoint" + std::to_string(v));
    config.trigger = kVariants[v].trigger;
    config.trigger_ms = 1;
    config.max_records_per_batch = kVariants[v].max_records;
    config.threads = kVariants[v].threads;
    auto job = Job::open(config, logs);
    if (!job.ok()) qFatal("%s", job.status().message().c_str());
    if (!(*job)->run_until_caught_up(true).ok()) qFatal("job failed");
    const auto files = outputs(out);
    if (v == 0) {
      reference = files;
    } else if (files != reference) {
      for (const auto& [name, bytes] : files) {
        if (reference[name] != bytes)
          qWarning("variant %zu: %s differs (%zu vs %zu bytes)", v, name.c_str(), bytes.size(),
                   reference[name].size());
      }
      return {};
    }
  }
  return reference;
}

QStringList lines_of(const std::string& text) {
  return QString::fromStdString(text).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestJoinJobs : public QObject {
  Q_OBJECT
 private slots:
  void windowedJoinIsTheSameForEveryTriggerBatchSizeAndThreadCount() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    produce_events(*logs, 1500, "events");
    produce_events(*logs, 1500, "clicks", false, 11);
    const auto files = run_variants(join_job(), *logs, root);
    QVERIFY(!files.empty());
    // Per partition: the result, dead letters of each input's decoding, filter and join
    // side, and of the map after the join.
    for (const auto& [name, bytes] : files) QVERIFY2(!bytes.empty(), name.c_str());
    QVERIFY(files.size() >= 8u);
    const QStringList rows = lines_of(files.at("j-0.jsonl")) + lines_of(files.at("j-1.jsonl"));
    QVERIFY(rows.size() > 300);
    QVERIFY(rows.filter("\"click_ts\":null").size() > 50);                // views without a click
    QVERIFY(rows.size() - rows.filter("\"click_ts\":null").size() > 50);  // views with one
    QVERIFY(file_text(files, "j-0.dead-clicks.jsonl").find("\"position\":\"clicks-0@") !=
            std::string::npos);
    const std::string late = file_text(files, "j-0.dead-merge-events.jsonl") +
                             file_text(files, "j-1.dead-merge-clicks.jsonl");
    QVERIFY(late.find("\"reason\":\"late\"") != std::string::npos);
  }

  void lookupJoinIsTheSameForEveryTriggerBatchSizeAndThreadCount() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    produce_users(*logs);
    produce_events(*logs, 1500, "events");
    const auto files = run_variants(lookup_job(), *logs, root);
    QVERIFY(!files.empty());
    QVERIFY(file_text(files, "j.dead-users.jsonl").find("\"position\":\"users-0@14\"") !=
            std::string::npos);
    // u1 moved to gold, u2 was deleted, u12's broken update changed nothing.
    const QStringList rows = lines_of(files.at("j-0.jsonl")) + lines_of(files.at("j-1.jsonl"));
    QVERIFY(rows.size() > 1000);
    QVERIFY(rows.filter("\"user\":\"u2\"").isEmpty());
    QCOMPARE(rows.filter("\"user\":\"u1\",\"tier\":\"gold\"").size(),
             rows.filter("\"user\":\"u1\"").size());
    QCOMPARE(rows.filter("\"user\":\"u12\",\"tier\":\"gold\"").size(),
             rows.filter("\"user\":\"u12\"").size());
    QVERIFY(!rows.filter("\"user\":\"u4\",\"tier\":\"basic\"").isEmpty());
  }

  void tableUpdatesReachLaterBatchesAndSurviveARestart() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    produce_users(*logs);
    produce_events(*logs, 300, "events");
    auto config = lookup_job();
    config.sink_path = root / "out" / "j.jsonl";
    config.checkpoint_path = root / "c";
    {
      auto job = Job::open(config, *logs);
      QVERIFY((*job)->run_until_caught_up(false).ok());
    }
    // Everyone becomes platinum; a new job object (the old table is gone) sees it.
    auto users = (*logs).topic("users");
    std::vector<std::string> values;
    for (int u = 0; u < 13; ++u)
      values.push_back("{\"user\":\"u" + std::to_string(u) + "\",\"tier\":\"platinum\"}");
    std::vector<log::Record> records;
    for (const auto& v : values) records.push_back({std::nullopt, std::string_view(v), 1, {}});
    QVERIFY((*users)->produce(records).ok());
    auto events = (*logs).topic("events");
    std::vector<std::string> keys;
    values.clear();
    for (int i = 0; i < 300; ++i) {
      keys.push_back("u" + std::to_string(i % 13));
      values.push_back("{\"user\":\"" + keys.back() + "\",\"event_type\":\"view\",\"ts\":" +
                       std::to_string(2000 + i) + ",\"value\":1}");
    }
    records.clear();
    for (int i = 0; i < 300; ++i)
      records.push_back({std::string_view(keys[i]), std::string_view(values[i]), 1, {}});
    QVERIFY((*events)->produce(records).ok());
    config = lookup_job();
    config.sink_path = root / "out" / "j.jsonl";
    config.checkpoint_path = root / "c";
    auto job = Job::open(config, *logs);
    QVERIFY((*job)->run_until_caught_up(true).ok());
    const auto files = outputs(root / "out");
    const QStringList rows = lines_of(files.at("j-0.jsonl")) + lines_of(files.at("j-1.jsonl"));
    QVERIFY(!rows.filter("platinum").isEmpty());
    QVERIFY(!rows.filter("gold").isEmpty());
    // The broken table record was reported once, not again when the table was rebuilt.
    QCOMPARE(lines_of(file_text(files, "j.dead-users.jsonl")).size(), 1);
  }

  void unionOfTwoTopics() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    produce_events(*logs, 1500, "events");
    produce_events(*logs, 1500, "clicks", false, 11);
    JobConfig c;
    c.inputs = {input_of("events", event_schema()), input_of("clicks", event_schema())};
    c.inputs[1].chain.push_back([](const Schema& in) {
      return make_map({{"value", "value * 1.5"}}, true, in);
    });
    c.merge = [](const std::vector<Schema>& inputs) { return make_union_merge(inputs); };
    c.chain.push_back([](const Schema& in) { return make_filter("event_type != 'skip'", in); });
    c.sink_path = root / "out" / "u.jsonl";
    c.checkpoint_path = root / "c";
    auto job = Job::open(c, *logs);
    QVERIFY2(job.ok(), job.ok() ? "" : job.status().message().c_str());
    QVERIFY((*job)->run_until_caught_up(true).ok());
    QCOMPARE((*job)->metrics().records_in.load(), 3000);
    const auto files = outputs(root / "out");
    const QStringList rows = lines_of(files.at("u-0.jsonl")) + lines_of(files.at("u-1.jsonl"));
    QVERIFY(rows.size() > 1500 && rows.size() < 2970);  // 2 x 1485 parse; skips are filtered
    QVERIFY(rows.filter("\"value\":").size() == rows.size());
    QVERIFY(
        !rows.filter(QRegularExpression("\"value\":[0-9]+\\.5")).isEmpty());  // widened to double
    QVERIFY(rows.filter("skip").isEmpty());
  }

  void inputsThatCannotMeet() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    produce_events(*logs, 10, "events");
    produce_events(*logs, 10, "clicks");
    produce_users(*logs);
    auto message = [&](JobConfig c) {
      c.sink_path = root / "out" / "x.jsonl";
      c.checkpoint_path = root / "c";
      auto job = Job::open(c, *logs);
      return job.ok() ? std::string("ok") : job.status().message();
    };
    JobConfig c = join_job();
    c.inputs[1].topic = "users";
    QCOMPARE(message(c),
             std::string("inputs 'events' (2 partitions) and 'users' (1) are not co-partitioned"));
    c = join_job();
    c.merge = nullptr;
    QCOMPARE(message(c), std::string("a job with several inputs needs a union or a join"));
    c = lookup_job();
    c.inputs[0].topic = "users";
    QCOMPARE(message(c), std::string("topic 'users' is both an input and a table"));
    c = join_job();
    c.inputs[1].topic = "nope";
    QCOMPARE(message(c), std::string("unknown topic nope"));
    c = join_job();
    c.inputs[1].schema = Schema(
        {{"user", DataType::int64}, {"ts", DataType::timestamp}, {"event_type", DataType::string}});
    QCOMPARE(
        message(c),
        std::string("merge: key fields 'user' (string) and 'user' (int64) have different types"));
  }

  void killNineGivesExactlyOnceOutput_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("windowed join") << "join";
    QTest::newRow("lookup join") << "lookup";
  }
  void killNineGivesExactlyOnceOutput() {
    QFETCH(QString, kind);
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    {
      auto logs = open_logs(root / "data");
      produce_events(*logs, 8000, "events");
      produce_events(*logs, 8000, "clicks", false, 11);
      produce_users(*logs);
    }
    const QStringList args = {"20", "2", kind};
    QCOMPARE(run_job_runner(root / "data", root / "reference" / "j.jsonl", root / "reference.ckpt",
                            args, {}, -1),
             0);
    const auto reference = outputs(root / "reference");
    QVERIFY(count_lines(reference.at("j-0.jsonl")) > 20);
    QRandomGenerator rng(kind == "join" ? 11 : 12);
    int kills = 0;
    QVERIFY(crash_until_done(rng, 12, kills, [&](const QStringList& env, int kill_after) {
              return run_job_runner(root / "data", root / "crashy" / "j.jsonl",
                                    root / "crashy.ckpt", args, env, kill_after);
            }) >= 12);
    const auto got = outputs(root / "crashy");
    QCOMPARE(got.size(), reference.size());
    for (const auto& [name, bytes] : reference) {
      QVERIFY2(got.at(name) == bytes,
               qPrintable(QString::fromStdString(name) + " differs from the uninterrupted run"));
    }
  }
};

QTEST_GUILESS_MAIN(TestJoinJobs)
#include "test_join_jobs.moc"
