// Jobs end to end: determinism over triggers, batch limits and threads; exactly-once over
// kill -9 at random moments and at each step of a batch.
#include <QtTest>

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <filesystem>
#include <fstream>
#include <functional>

#include <sqlite3.h>

#include "job_fixture.h"
#include "job_process.h"

using namespace tributary;
using namespace tributary::testing;
using namespace tributary::stream;
namespace fs = std::filesystem;

namespace {

// Every row of the sink table, sorted (row order across tasks depends on thread timing).
QStringList table_rows(const fs::path& db_file) {
  sqlite3* db = nullptr;
  QStringList rows;
  if (sqlite3_open(db_file.c_str(), &db) != SQLITE_OK) return rows;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT * FROM windows", -1, &s, nullptr);
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    QStringList cells;
    for (int c = 0; c < sqlite3_column_count(s); ++c) {
      const auto* text = sqlite3_column_text(s, c);
      cells << (text ? QString::fromUtf8(reinterpret_cast<const char*>(text)) : QString("null"));
    }
    rows << cells.join(' ');
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  rows.sort();
  return rows;
}

}  // namespace

class TestJobs : public QObject {
  Q_OBJECT
 private slots:
  void sameOutputForEveryTriggerBatchSizeAndThreadCount_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("tumbling") << "tumbling";
    QTest::newRow("session") << "session";
    QTest::newRow("sliding") << "sliding";
  }
  void sameOutputForEveryTriggerBatchSizeAndThreadCount() {
    QFETCH(QString, kind);
    QTemporaryDir tmp;
    if (qEnvironmentVariableIsSet("TRIBUTARY_KEEP_TEST_DIRS"))
      tmp.setAutoRemove(false), qInfo("%s", qPrintable(tmp.path()));
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    testing::produce_events(*logs, 1500);
    struct Variant {
      Trigger trigger;
      std::int64_t trigger_ms;
      std::int64_t max_records;
      int threads;
    };
    const std::vector<Variant> variants = {
        {Trigger::available_now, 0, 0, 1}, {Trigger::continuous, 0, 1, 1},
        {Trigger::interval, 1, 7, 1},      {Trigger::available_now, 0, 1000, 2},
        {Trigger::continuous, 0, 7, 2},    {Trigger::available_now, 0, 0, 2},
    };
    std::map<std::string, std::string> reference;
    for (std::size_t v = 0; v < variants.size(); ++v) {
      auto config = testing::event_job(kind.toStdString());
      const fs::path out = root / ("out" + std::to_string(v));
      config.sink_path = out / "windows.jsonl";
      config.checkpoint_path = root / ("checkpoint" + std::to_string(v));
      config.trigger = variants[v].trigger;
      config.trigger_ms = variants[v].trigger_ms;
      config.max_records_per_batch = variants[v].max_records;
      config.threads = variants[v].threads;
      auto job = Job::open(config, *logs);
      QVERIFY2(job.ok(), job.ok() ? "" : job.status().message().c_str());
      QVERIFY((*job)->run_until_caught_up(true).ok());
      QVERIFY((*job)->finished());
      const auto files = outputs(out);
      if (v == 0) {
        reference = files;
        // Per partition: windows and the dead letters of the stages that had any (an empty
        // dead-letter file is never created).
        for (const auto& [name, bytes] : files) QVERIFY2(!bytes.empty(), name.c_str());
        QVERIFY(files.size() >= 5u);
        QVERIFY(count_lines(files.at("windows-0.jsonl")) +
                    count_lines(files.at("windows-1.jsonl")) >
                100);
        const std::string dead =
            file_text(files, "windows-0.dead.jsonl") + file_text(files, "windows-1.dead.jsonl");
        QVERIFY(dead.find("not json") != std::string::npos);  // malformed input, with its position
        QVERIFY(dead.find("\"position\":\"events-") != std::string::npos);
        const std::string late =
            file_text(files, "windows-0.dead-2.jsonl") + file_text(files, "windows-1.dead-2.jsonl");
        QVERIFY(late.find("\"reason\":\"late\"") != std::string::npos);
        QCOMPARE((*job)->metrics().records_in.load(), 1500);
        continue;
      }
      QVERIFY2(files == reference, qPrintable(QString("variant %1 differs").arg(v)));
    }
  }

  void csvInputGivesTheSameWindowsAsJson() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    testing::produce_events(*logs, 1500, "events");
    testing::produce_events(*logs, 1500, "events_csv", /*csv=*/true);
    std::map<std::string, std::string> files[2];
    for (int csv = 0; csv < 2; ++csv) {
      auto config = testing::event_job("session");
      config.inputs[0].topic = csv ? "events_csv" : "events";
      config.inputs[0].format = csv ? JobInput::Format::csv : JobInput::Format::jsonl;
      config.sink_path = root / ("out" + std::to_string(csv)) / "w.jsonl";
      config.checkpoint_path = root / ("c" + std::to_string(csv));
      config.max_records_per_batch = 100;
      auto job = Job::open(config, *logs);
      QVERIFY(job.ok());
      QVERIFY((*job)->run_until_caught_up(true).ok());
      files[csv] = outputs(root / ("out" + std::to_string(csv)));
    }
    QVERIFY(count_lines(files[0].at("w-0.jsonl")) > 20);
    QCOMPARE(files[1].at("w-0.jsonl"), files[0].at("w-0.jsonl"));
    QCOMPARE(files[1].at("w-1.jsonl"), files[0].at("w-1.jsonl"));
    // The rows that are not CSV of four fields are dead letters naming their offsets.
    const std::string dead = files[1].at("w-0.dead.jsonl") + files[1].at("w-1.dead.jsonl");
    QCOMPARE(count_lines(dead),
             count_lines(files[0].at("w-0.dead.jsonl") + files[0].at("w-1.dead.jsonl")));
    QVERIFY(dead.find("\"position\":\"events_csv-") != std::string::npos);
  }

  void restartAfterFinishWritesNothingMore() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    auto logs = open_logs(root / "data");
    testing::produce_events(*logs, 300);
    auto config = testing::event_job("tumbling");
    config.sink_path = root / "out" / "w.jsonl";
    config.checkpoint_path = root / "c";
    {
      auto job = Job::open(config, *logs);
      QVERIFY((*job)->run_until_caught_up(true).ok());
    }
    const auto before = outputs(root / "out");
    auto job = Job::open(config, *logs);
    QVERIFY((*job)->finished());
    QVERIFY((*job)->run_until_caught_up(true).ok());
    QCOMPARE(outputs(root / "out"), before);
  }

  void killNineWithTheSqliteSinkWritesEachBatchOnce() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    {
      auto logs = open_logs(root / "data");
      testing::produce_events(*logs, 8000);
    }
    const QStringList args = {"20", "2", "tumbling", "sqlite"};
    QCOMPARE(
        run_job_runner(root / "data", root / "reference.db", root / "reference.ckpt", args, {}, -1),
        0);
    const QStringList reference = table_rows(root / "reference.db");
    QVERIFY(reference.size() > 100);
    QRandomGenerator rng(77);
    int kills = 0;
    QVERIFY(crash_until_done(rng, 20, kills, [&](const QStringList& env, int kill_after) {
              return run_job_runner(root / "data", root / "crashy.db", root / "crashy.ckpt", args,
                                    env, kill_after);
            }) >= 20);
    QCOMPARE(table_rows(root / "crashy.db"), reference);
  }

  void killNineAnywhereGivesExactlyOnceOutput() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    {
      auto logs = open_logs(root / "data");
      testing::produce_events(*logs, 16000);
    }
    const QStringList args = {"20", "2", "session"};
    QCOMPARE(run_job_runner(root / "data", root / "reference" / "w.jsonl", root / "reference.ckpt",
                            args, {}, -1),
             0);
    const auto reference = outputs(root / "reference");
    QVERIFY(count_lines(reference.at("w-0.jsonl")) > 50);
    // Campaigns of runs, each killed at a failpoint or after a random delay until one run
    // completes; every completed campaign must equal the uninterrupted run byte for byte.
    QRandomGenerator rng(4242);
    int kills = 0;
    for (int campaign = 0; kills < 20 && campaign < 10; ++campaign) {
      const fs::path out = root / ("crashy" + std::to_string(campaign));
      const fs::path checkpoint = root / ("crashy" + std::to_string(campaign) + ".ckpt");
      QVERIFY2(crash_until_done(rng, 20, kills,
                                [&](const QStringList& env, int kill_after) {
                                  return run_job_runner(root / "data", out / "w.jsonl", checkpoint,
                                                        args, env, kill_after);
                                }) >= 0,
               "job_runner failed or never completed");
      const auto got = outputs(out);
      QCOMPARE(got.size(), reference.size());
      for (const auto& [name, bytes] : reference) {
        QVERIFY2(got.at(name) == bytes,
                 qPrintable(QString::fromStdString(name) + " differs from the uninterrupted run"));
      }
    }
    QVERIFY2(kills >= 20, qPrintable(QString("only %1 kills").arg(kills)));
    qInfo("%d kills, every campaign byte-identical to the uninterrupted run", kills);
  }
};

QTEST_GUILESS_MAIN(TestJobs)
#include "test_jobs.moc"
