// The new operators inside a Job: sql -> dedupe -> running aggregate over a partitioned
// topic, with checkpoints; a job reopened after every batch writes what an uninterrupted one
// writes.
#include <QtTest>

#include <QTemporaryDir>
#include <filesystem>
#include <fstream>

#include "job_fixture.h"
#include "stream/aggregate.h"

using namespace tributary;
using namespace tributary::stream;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> outputs(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    out[e.path().filename().string()] = {std::istreambuf_iterator<char>(in),
                                         std::istreambuf_iterator<char>()};
  }
  return out;
}

JobConfig chain_job(EmitMode mode) {
  JobConfig c;
  c.name = "operators-job";
  c.inputs.push_back(testing::input_of("events", testing::event_schema()));
  c.chain.push_back([](const Schema& in) {
    return make_sql(
        "SELECT user, event_type, ts, value * 2 AS doubled FROM input WHERE event_type != 'skip'",
        in);
  });
  c.chain.push_back([](const Schema& in) {
    return make_dedupe({"user", "event_type"}, "ts", 60, in);
  });
  c.chain.push_back([mode](const Schema& in) {
    return make_running_aggregate({"user"},
                                  {{AggFn::count, "", "n"},
                                   {AggFn::sum, "doubled", "total"},
                                   {AggFn::count_distinct, "event_type", "types"},
                                   {AggFn::last, "ts", "last_ts"}},
                                  mode, in);
  });
  return c;
}

}  // namespace

class TestOperatorJobs : public QObject {
  Q_OBJECT
 private slots:
  void reopenedAfterEveryBatchWritesTheSame_data() {
    QTest::addColumn<bool>("update");
    QTest::newRow("final") << false;
    QTest::newRow("update") << true;
  }
  void reopenedAfterEveryBatchWritesTheSame() {
    QFETCH(bool, update);
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    log::LogManager::Options o;
    o.data_dir = root / "data";
    auto logs = log::LogManager::open(o);
    QVERIFY(logs.ok());
    testing::produce_events(**logs, 1200);
    auto config = chain_job(update ? EmitMode::update : EmitMode::final);
    config.max_records_per_batch = 50;
    // Uninterrupted.
    config.sink_path = root / "a" / "out.jsonl";
    config.checkpoint_path = root / "a.checkpoint";
    {
      auto job = Job::open(config, **logs);
      QVERIFY2(job.ok(), job.ok() ? "" : job.status().message().c_str());
      QVERIFY((*job)->run_until_caught_up(true).ok());
    }
    const auto expected = outputs(root / "a");
    const std::string out0 = expected.at("out-0.jsonl");
    QVERIFY(out0.find("\"types\":2") != std::string::npos);
    if (!update) {
      // Dedupe dropped some of the ~900 non-skip events, not most of them.
      int kept = 0;
      for (const auto& part : {out0, expected.at("out-1.jsonl")}) {
        for (std::size_t at = part.find("\"n\":"); at != std::string::npos;
             at = part.find("\"n\":", at + 1)) {
          kept += std::atoi(part.c_str() + at + 4);
        }
      }
      qInfo("records kept by dedupe: %d", kept);
      QVERIFY(kept > 300 && kept < 850);
    }
    // A new Job (restored from the checkpoint) for every batch.
    config.sink_path = root / "b" / "out.jsonl";
    config.checkpoint_path = root / "b.checkpoint";
    int batches = 0;
    for (;;) {
      auto job = Job::open(config, **logs);
      QVERIFY2(job.ok(), job.ok() ? "" : job.status().message().c_str());
      auto ran = (*job)->run_batch();
      QVERIFY(ran.ok());
      if (!*ran) {
        QVERIFY((*job)->run_until_caught_up(true).ok());
        break;
      }
      ++batches;
    }
    QVERIFY(batches > 10);
    QCOMPARE(outputs(root / "b"), expected);
    if (!update) {
      // Final results do not depend on batch sizes.
      config.max_records_per_batch = 0;
      config.sink_path = root / "c" / "out.jsonl";
      config.checkpoint_path = root / "c.checkpoint";
      auto job = Job::open(config, **logs);
      QVERIFY((*job)->run_until_caught_up(true).ok());
      const auto whole = outputs(root / "c");
      QCOMPARE(whole.at("out-0.jsonl"), expected.at("out-0.jsonl"));
      QCOMPARE(whole.at("out-1.jsonl"), expected.at("out-1.jsonl"));
    }
  }
};

QTEST_GUILESS_MAIN(TestOperatorJobs)
#include "test_operator_jobs.moc"
