// Ingest tasks and the source writer: rows land in the topic once, in murmur2 partitions when
// keyed, and a task stopped (cleanly, between partitions, or by SIGKILL) and started again
// continues where its topic ends: nothing twice, nothing missing.
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "ingest_fixture.h"
#include "io/json_encoder.h"
#include "io/replay_source.h"
#include "log/partitioner.h"

using namespace tributary;
using namespace tributary::io;
using testing::TopicRecord;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<RowSource> clicks(std::int64_t count, std::uint64_t seed = 3, double rate = 1000) {
  GeneratorSpec g;
  g.preset = "clicks";
  g.seed = seed;
  g.count = count;
  g.rate = rate;
  auto s = make_generator(g);
  if (!s.ok()) qFatal("%s", s.status().message().c_str());
  return std::move(s).value();
}

// The rows of a fresh source as the JSON values an ingest task writes, by ordinal.
std::vector<std::string> values_of(RowSource& source) {
  Batch b(source.schema());
  std::vector<DeadLetter> dead;
  while (!source.done()) {
    if (!source.next(100000, b, dead).ok()) qFatal("next failed");
  }
  std::vector<std::string> lines;
  std::istringstream in(encode_json_lines(b));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<TopicRecord> records(log::Topic& topic, int p) {
  auto r = testing::records_of(topic.partition(p));
  if (!r.ok()) qFatal("reading %d: %s", p, r.status().message().c_str());
  return std::move(r).value();
}

std::vector<std::string> values(const std::vector<TopicRecord>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.value);
  return out;
}

// Polls until the task says it is done; fails the test on error.
void run(IngestTask& task, int max_polls = 1'000'000) {
  for (int i = 0; i < max_polls; ++i) {
    auto more = task.poll();
    if (!more.ok()) qFatal("poll: %s", more.status().message().c_str());
    if (!*more) return;
  }
}

std::unique_ptr<IngestTask> open_task(const IngestSpec& spec, std::unique_ptr<RowSource> source,
                                      std::shared_ptr<log::Topic> topic) {
  auto t = IngestTask::open(spec, std::move(source), std::move(topic));
  if (!t.ok()) qFatal("IngestTask::open: %s", t.status().message().c_str());
  return std::move(t).value();
}

IngestSpec unkeyed(std::size_t chunk = 1000) {
  IngestSpec s;
  s.name = "src";
  s.time_field = "ts";
  s.chunk_rows = chunk;
  return s;
}

IngestSpec keyed(std::size_t chunk = 1000) {
  IngestSpec s = unkeyed(chunk);
  s.key = {"user", "action"};
  return s;
}

std::string field(const std::string& json, const std::string& name) {
  const std::string tag = "\"" + name + "\":\"";
  const auto at = json.find(tag);
  if (at == std::string::npos) return {};
  const auto begin = at + tag.size();
  return json.substr(begin, json.find('"', begin) - begin);
}

// Where each value must land, in order: the expected content of every partition.
std::vector<std::vector<std::string>> expected_partitions(const std::vector<std::string>& all,
                                                          int partitions, bool by_key) {
  std::vector<std::vector<std::string>> out(static_cast<std::size_t>(partitions));
  for (std::size_t i = 0; i < all.size(); ++i) {
    const int p = by_key ? log::partition_for_key(
                               field(all[i], "user") + "|" + field(all[i], "action"), partitions)
                         : static_cast<int>(i % static_cast<std::size_t>(partitions));
    out[static_cast<std::size_t>(p)].push_back(all[i]);
  }
  return out;
}

// The highest ordinal in a partition of values "v<ordinal>", read from the values themselves.
std::int64_t held_in(log::Topic& topic, int p);

// What a crash between two partitions' appends leaves: `records` appended, as SourceWriter
// would (skipping what the partition holds), to partition `only` and to no other.
void append_to_one_partition(log::Topic& topic, const std::string& writer,
                             const std::vector<SourceRecord>& records, int only) {
  const int n = topic.partition_count();
  const std::int64_t held = held_in(topic, only);
  std::vector<const SourceRecord*> mine;
  for (const auto& r : records) {
    const int p = r.key ? log::partition_for_key(*r.key, n) : static_cast<int>(r.ordinal % n);
    if (p == only && r.ordinal > held) mine.push_back(&r);
  }
  if (mine.empty()) return;
  const std::string ordinal = std::to_string(mine.back()->ordinal);
  const log::RecordHeader headers[] = {{SourceWriter::kWriterHeader, std::string_view(writer)},
                                       {SourceWriter::kOrdinalHeader, std::string_view(ordinal)}};
  std::vector<log::Record> batch;
  for (const SourceRecord* r : mine) {
    log::Record rec;
    if (r->key) rec.key = std::string_view(*r->key);
    rec.value = std::string_view(r->value);
    rec.timestamp = r->timestamp;
    batch.push_back(rec);
  }
  batch.back().headers = headers;
  if (!topic.partition(only).append(batch).ok()) qFatal("append failed");
}

std::int64_t held_in(log::Topic& topic, int p) {
  std::int64_t held = -1;
  for (const auto& r : records(topic, p))
    held = std::max<std::int64_t>(held, std::stoll(r.value.substr(1)));
  return held;
}

std::vector<SourceRecord> source_records(std::int64_t from, std::int64_t to, bool with_keys) {
  std::vector<SourceRecord> out;
  for (std::int64_t i = from; i < to; ++i) {
    SourceRecord r;
    r.ordinal = i;
    if (with_keys) r.key = "k" + std::to_string(i % 17);
    r.value = "v" + std::to_string(i);
    r.timestamp = 1000 + i;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

class TestIngest : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
  }

  void every_row_lands_once_data() {
    QTest::addColumn<bool>("by_key");
    QTest::newRow("by ordinal") << false;
    QTest::newRow("by key") << true;
  }
  void every_row_lands_once() {
    QFETCH(bool, by_key);
    auto logs = open();
    auto topic = topic_of(*logs, 3);
    auto task = open_task(by_key ? keyed(777) : unkeyed(777), clicks(10000), topic);
    run(*task);
    QVERIFY(task->done());
    QCOMPARE(task->metrics().records.load(), std::int64_t(10000));
    const auto expected = expected_partitions(values_of(*clicks(10000)), 3, by_key);
    for (int p = 0; p < 3; ++p) {
      const auto rs = records(*topic, p);
      QVERIFY2(values(rs) == expected[static_cast<std::size_t>(p)],
               ("partition " + std::to_string(p)).c_str());
      QVERIFY(!rs.empty());
      for (const auto& r : rs) {
        // The record's time is the row's event time.
        QCOMPARE(r.value.find("\"ts\":" + std::to_string(r.timestamp)) != std::string::npos, true);
        if (by_key) {
          QVERIFY(r.key.has_value());
          QCOMPARE(*r.key, field(r.value, "user") + "|" + field(r.value, "action"));
          QCOMPARE(log::partition_for_key(*r.key, 3), p);
        } else {
          QVERIFY(!r.key.has_value());
        }
      }
      // The last record holds the writer's position.
      const auto& last = rs.back().headers;
      QCOMPARE(last.size(), std::size_t(2));
      QCOMPARE(last[0],
               std::make_pair(std::string(SourceWriter::kWriterHeader), std::string("src")));
      QCOMPARE(last[1].first, std::string(SourceWriter::kOrdinalHeader));
    }
  }

  void resumes_after_reopening_data() { every_row_lands_once_data(); }
  void resumes_after_reopening() {
    QFETCH(bool, by_key);
    const auto expected = expected_partitions(values_of(*clicks(20000)), 3, by_key);
    // Stop after a few chunks, close everything, open again: several times.
    for (int round = 0; round < 6; ++round) {
      auto logs = open();
      auto topic = topic_of(*logs, 3);
      auto task = open_task(by_key ? keyed(1234) : unkeyed(1234), clicks(20000), topic);
      run(*task, round < 5 ? 3 : 1'000'000);
      task.reset();
      QVERIFY(logs->close().ok());
    }
    auto logs = open();
    auto topic = topic_of(*logs, 3);
    for (int p = 0; p < 3; ++p)
      QVERIFY2(values(records(*topic, p)) == expected[static_cast<std::size_t>(p)],
               ("partition " + std::to_string(p)).c_str());
    // Opening a finished task again appends nothing.
    auto again = open_task(by_key ? keyed() : unkeyed(), clicks(20000), topic);
    run(*again);
    QCOMPARE(again->metrics().records.load(),
             std::int64_t(0));  // rows the topic held are not ingested again
    for (int p = 0; p < 3; ++p)
      QCOMPARE(records(*topic, p).size(), expected[static_cast<std::size_t>(p)].size());
  }

  // A crash after some partitions' appends of a chunk and before the others'.
  void crash_between_partitions_data() { every_row_lands_once_data(); }
  void crash_between_partitions() {
    QFETCH(bool, by_key);
    auto logs = open();
    auto topic = topic_of(*logs, 3);
    std::vector<std::string> expected_values;
    {
      auto w = SourceWriter::open(topic, "w");
      QVERIFY(w.ok());
      QCOMPARE((*w)->resume_from(), std::int64_t(0));
      QVERIFY((*w)->append(source_records(0, 50, by_key)).ok());
    }
    // The next chunk reached partition 1 only, then the process died.
    append_to_one_partition(*topic, "w", source_records(50, 100, by_key), 1);
    // Then a chunk reached partitions 0 and 2 only.
    auto w = SourceWriter::open(topic, "w");
    QVERIFY(w.ok());
    QVERIFY((*w)->resume_from() <= 50);
    const auto resume1 = (*w)->resume_from();
    append_to_one_partition(*topic, "w", source_records(resume1, 150, by_key), 0);
    append_to_one_partition(*topic, "w", source_records(resume1, 150, by_key), 2);
    w = SourceWriter::open(topic, "w");
    QVERIFY(w.ok());
    const auto resume2 = (*w)->resume_from();
    QVERIFY(resume2 <= 100);
    QVERIFY((*w)->append(source_records(resume2, 200, by_key)).ok());
    // Every ordinal once, in order per partition.
    std::vector<int> seen(200, 0);
    for (int p = 0; p < 3; ++p) {
      std::int64_t previous = -1;
      for (const auto& r : records(*topic, p)) {
        const std::int64_t i = std::stoll(r.value.substr(1));
        QVERIFY(i > previous);
        previous = i;
        ++seen[static_cast<std::size_t>(i)];
        const int want = by_key ? log::partition_for_key("k" + std::to_string(i % 17), 3)
                                : static_cast<int>(i % 3);
        QCOMPARE(p, want);
      }
    }
    for (int i = 0; i < 200; ++i)
      QVERIFY2(seen[static_cast<std::size_t>(i)] == 1, ("ordinal " + std::to_string(i)).c_str());
    // Where a writer opened now starts: after the lowest of the partitions' last ordinals.
    std::vector<std::int64_t> last(3, -1);
    for (int i = 0; i < 200; ++i) {
      const int p = by_key ? log::partition_for_key("k" + std::to_string(i % 17), 3) : i % 3;
      last[static_cast<std::size_t>(p)] = i;
    }
    QCOMPARE(SourceWriter::open(topic, "w").value()->resume_from(),
             *std::min_element(last.begin(), last.end()) + 1);
  }

  // Other writers' records after ours (more than the first look-back) do not hide our position,
  // and their positions are not taken for ours.
  void shared_topic() {
    auto logs = open();
    auto topic = topic_of(*logs, 2);
    {
      auto w = SourceWriter::open(topic, "mine");
      QVERIFY((*w)->append(source_records(0, 101, false)).ok());
    }
    for (int round = 0; round < 30; ++round) {
      auto other = SourceWriter::open(topic, "other");
      QVERIFY(other.ok());
      QVERIFY((*other)->append(source_records(round * 100, round * 100 + 100, false)).ok());
      std::vector<log::Record> plain(50, log::Record{std::nullopt, std::string_view("x"), 1, {}});
      for (int p = 0; p < 2; ++p) QVERIFY(topic->partition(p).append(plain).ok());
    }
    auto mine = SourceWriter::open(topic, "mine");
    QCOMPARE((*mine)->resume_from(), std::int64_t(100));
    auto other = SourceWriter::open(topic, "other");
    QCOMPARE((*other)->resume_from(), std::int64_t(2999));
    auto nobody = SourceWriter::open(topic, "nobody");
    QCOMPARE((*nobody)->resume_from(), std::int64_t(0));
  }

  void replay_with_dead_letters() {
    const fs::path file = fs::path(dir_->path().toStdString()) / "in.jsonl";
    {
      std::ofstream out(file);
      for (int i = 0; i < 100; ++i) {
        if (i % 7 == 0) out << "{broken\n";
        out << "{\"id\":" << i << ",\"name\":\"n" << i << "\"}\n";
      }
    }
    ReplaySpec spec;
    spec.path = file;
    spec.schema = Schema({{"id", DataType::int64}, {"name", DataType::string}});
    IngestSpec ingest;
    ingest.name = "replay";
    ingest.key = {"id"};
    ingest.chunk_rows = 30;
    auto logs = open();
    auto topic = topic_of(*logs, 3);
    // Every bad line is reported, by the first run or the second.
    std::set<std::string> bad;
    {
      auto task = open_task(ingest, make_replay(spec).value(), topic);
      run(*task, 2);
      QVERIFY(!task->done());
      const auto dead = task->take_dead_letters();
      QCOMPARE(task->metrics().dead_letters.load(), static_cast<std::int64_t>(dead.size()));
      for (const auto& d : dead) bad.insert(d.position);
    }
    auto task = open_task(ingest, make_replay(spec).value(), topic);
    run(*task);
    const auto dead = task->take_dead_letters();
    QCOMPARE(task->metrics().dead_letters.load(), static_cast<std::int64_t>(dead.size()));
    // The restarted task reports the bad lines after where it resumed: the last is line 113.
    QVERIFY(std::any_of(dead.begin(), dead.end(),
                        [](const DeadLetter& d) { return d.position == "in.jsonl:113"; }));
    for (const auto& d : dead) {
      QCOMPARE(d.raw, std::string("{broken"));
      bad.insert(d.position);
    }
    QCOMPARE(bad.size(), std::size_t(15));
    std::vector<int> seen(100, 0);
    const auto before = std::chrono::system_clock::now();
    for (int p = 0; p < 3; ++p) {
      for (const auto& r : records(*topic, p)) {
        const int id = std::stoi(*r.key);
        ++seen[static_cast<std::size_t>(id)];
        QCOMPARE(r.value,
                 "{\"id\":" + std::to_string(id) + ",\"name\":\"n" + std::to_string(id) + "\"}");
        // No time field: the record's time is when it was ingested.
        const auto age =
            std::chrono::duration_cast<std::chrono::milliseconds>(before.time_since_epoch())
                .count() -
            r.timestamp;
        QVERIFY(age >= 0 && age < 60000);
      }
    }
    for (int i = 0; i < 100; ++i) QCOMPARE(seen[static_cast<std::size_t>(i)], 1);
  }

  void bad_specs_are_refused() {
    auto logs = open();
    auto topic = topic_of(*logs, 1);
    IngestSpec s = unkeyed();
    s.key = {"nope"};
    QVERIFY(!IngestTask::open(s, clicks(10), topic).ok());
    s = unkeyed();
    s.time_field = "user";
    QVERIFY(!IngestTask::open(s, clicks(10), topic).ok());
    s.time_field = "missing";
    QVERIFY(!IngestTask::open(s, clicks(10), topic).ok());
    s = unkeyed();
    s.chunk_rows = 0;  // would never take a row
    QVERIFY(!IngestTask::open(s, clicks(10), topic).ok());
    s = unkeyed();
    s.speed = -1;
    QVERIFY(!IngestTask::open(s, clicks(10), topic).ok());
  }

  // Speed 10 over 2 s of event time: about 0.2 s. Without pacing: as fast as it goes.
  void pacing() {
    auto logs = open();
    auto topic = topic_of(*logs, 1);
    IngestSpec s = unkeyed(100);
    s.speed = 10;
    // 2,001 rows at 1,000 a second: event times 0 .. 2,000 ms after the first.
    auto task = open_task(s, clicks(2001), topic);
    const auto start = std::chrono::steady_clock::now();
    run(*task);
    const double paced =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QCOMPARE(topic->partition(0).end_offset(), std::int64_t(2001));
    QVERIFY2(paced >= 0.18 && paced < 1.0, std::to_string(paced).c_str());

    auto logs2 = open("fast");
    auto topic2 = topic_of(*logs2, 1);
    s.speed = 0;
    s.chunk_rows = 4096;
    // 20 s of event time.
    auto fast = open_task(s, clicks(20001), topic2);
    const auto start2 = std::chrono::steady_clock::now();
    run(*fast);
    const double unpaced =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start2).count();
    QCOMPARE(topic2->partition(0).end_offset(), std::int64_t(20001));
    QVERIFY2(unpaced < 1.5, std::to_string(unpaced).c_str());
  }

  // A paced task started again goes at once over the rows its topic may hold already. Keyed
  // by action, one of three partitions never gets a record, so it starts from the first row.
  void paced_restart_catches_up_at_once() {
    auto logs = open();
    auto topic = topic_of(*logs, 3);
    IngestSpec s = unkeyed(100);
    s.key = {"action"};
    s.speed = 5;
    {
      auto task = open_task(s, clicks(2001), topic);  // 2 s of event time: 0.4 s
      run(*task);
    }
    auto task = open_task(s, clicks(4001), topic);  // 2 s more
    const auto start = std::chrono::steady_clock::now();
    run(*task);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QVERIFY2(took >= 0.35 && took < 0.65, std::to_string(took).c_str());
    QCOMPARE(task->metrics().records.load(), std::int64_t(2000));
    std::int64_t total = 0;
    for (int p = 0; p < 3; ++p) total += topic->partition(p).end_offset();
    QCOMPARE(total, std::int64_t(4001));
  }

  // A source may end with a call that gives no rows: a file of exactly one read chunk (1 MiB)
  // learns that it is at the end only on the next read.
  void paced_source_that_ends_with_no_rows() {
    const fs::path file = fs::path(dir_->path().toStdString()) / "exact.jsonl";
    std::int64_t rows = 0;
    {
      std::string text;
      while (text.size() < (1u << 20)) {
        std::string line = "{\"ts\":" + std::to_string(kGeneratorEpochMs + rows++) + "}";
        line.resize(31, ' ');
        text += line + "\n";
      }
      QCOMPARE(text.size(), std::size_t(1) << 20);
      std::ofstream(file, std::ios::binary) << text;
    }
    ReplaySpec replay;
    replay.path = file;
    replay.schema = Schema({{"ts", DataType::timestamp}});
    IngestSpec s = unkeyed(static_cast<std::size_t>(rows));
    s.speed = 1000;
    auto logs = open();
    auto topic = topic_of(*logs, 1);
    auto task = open_task(s, make_replay(replay).value(), topic);
    run(*task);
    QVERIFY(task->done());
    QCOMPARE(topic->partition(0).end_offset(), rows);
  }

  // An ingest process killed with SIGKILL at random moments and started again until it finishes
  // leaves the same records, byte for byte, as one that ran through.
  void survives_kill_9() {
    // 200,000 rows of 1 ms event time at speed 100: a full run ingests for about 2 s.
    const std::int64_t rows = 200000;
    const double speed = 100;
    const fs::path clean = fs::path(dir_->path().toStdString()) / "clean";
    const fs::path killed = fs::path(dir_->path().toStdString()) / "killed";
    QCOMPARE(run_runner(clean, rows, speed, -1), 0);
    // A run that finds everything in place: how long starting and stopping take.
    const auto idle_start = std::chrono::steady_clock::now();
    QCOMPARE(run_runner(clean, rows, speed, -1), 0);
    const int idle_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::steady_clock::now() - idle_start)
                                             .count());
    const int ingest_ms = static_cast<int>(static_cast<double>(rows) / speed);
    QRandomGenerator rng(QRandomGenerator::global()->generate());
    int kills = 0, mid_ingest = 0, finished = -1;
    std::int64_t stored = 0;
    for (int attempt = 0; attempt < 400 && finished != 0; ++attempt) {
      // Until 15 kills are in: every other run dies between two partitions' appends (at a
      // random one of the first 40), the others at a random moment from the start to a
      // fifteenth of the ingest. Together they stay short of the end.
      QStringList env;
      int kill_after = -1;
      if (kills < 15 && attempt % 2 == 0) {
        env << QString("TRIBUTARY_FAILPOINT=source_between_partitions:%1").arg(1 + rng.bounded(40));
      } else if (kills < 15) {
        kill_after = 1 + static_cast<int>(rng.bounded(idle_ms + ingest_ms / 15));
      }
      finished = run_runner(killed, rows, speed, kill_after, env);
      if (finished != -1) {
        QCOMPARE(finished, 0);
        break;
      }
      ++kills;
      const std::int64_t now = stored_records(killed);
      QVERIFY(now >= stored);
      mid_ingest += now > stored && now < rows;
      if (qEnvironmentVariableIsSet("INGEST_TEST_VERBOSE"))
        qInfo("kill %d (%s %d ms): %lld records", kills, qPrintable(env.join(' ')), kill_after,
              static_cast<long long>(now));
      stored = now;
    }
    QCOMPARE(finished, 0);
    QVERIFY2(kills >= 15, std::to_string(kills).c_str());
    qInfo("idle run %d ms, %d kills, %d of them after some progress", idle_ms, kills, mid_ingest);
    QVERIFY(mid_ingest >= 5);
    auto a = testing::open_data_dir(clean);
    auto b = testing::open_data_dir(killed);
    QVERIFY(a.ok() && b.ok());
    auto ta = (*a)->topic("clicks"), tb = (*b)->topic("clicks");
    QVERIFY(ta.ok() && tb.ok());
    std::size_t total = 0;
    for (int p = 0; p < 2; ++p) {
      const auto va = values(records(**ta, p)), vb = values(records(**tb, p));
      total += va.size();
      QCOMPARE(vb.size(), va.size());
      QVERIFY2(va == vb, ("partition " + std::to_string(p) + " differs").c_str());
    }
    QCOMPARE(total, static_cast<std::size_t>(rows));
  }

 private:
  std::unique_ptr<log::LogManager> open(const std::string& name = "data") {
    auto m = testing::open_data_dir(fs::path(dir_->path().toStdString()) / name);
    if (!m.ok()) qFatal("%s", m.status().message().c_str());
    return std::move(m).value();
  }
  std::shared_ptr<log::Topic> topic_of(log::LogManager& logs, int partitions) {
    auto t = testing::source_topic(logs, "t", partitions);
    if (!t.ok()) qFatal("%s", t.status().message().c_str());
    return *t;
  }

  // Runs ingest_runner; kills it after `kill_after_ms` (if >= 0). Its exit code, -1 if killed.
  static int run_runner(const fs::path& data, std::int64_t rows, double speed, int kill_after_ms,
                        const QStringList& env = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const auto& kv : env) e.insert(kv.section('=', 0, 0), kv.section('=', 1));
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(TRIBUTARY_INGEST_RUNNER),
            {QString::fromStdString(data.string()), QString::number(rows), QString::number(speed)});
    if (!p.waitForStarted()) return -2;
    if (kill_after_ms >= 0 && !p.waitForFinished(kill_after_ms)) {
      p.kill();  // SIGKILL
      p.waitForFinished();
      return -1;
    }
    p.waitForFinished(300000);
    if (p.exitStatus() != QProcess::NormalExit) return -1;
    if (p.exitCode() != 0) qWarning("ingest_runner: %s", p.readAllStandardError().constData());
    return p.exitCode();
  }

  // The records in topic "clicks" of a data dir no process owns now (0 before it exists).
  static std::int64_t stored_records(const fs::path& data) {
    log::LogManager::Options o;
    o.data_dir = data;
    o.access = log::Access::observer;
    auto logs = log::LogManager::open(o);
    if (!logs.ok()) return 0;
    auto topic = (*logs)->topic("clicks");
    if (!topic.ok()) return 0;
    std::int64_t n = 0;
    for (int p = 0; p < (*topic)->partition_count(); ++p) n += (*topic)->partition(p).end_offset();
    return n;
  }

  std::unique_ptr<QTemporaryDir> dir_;
};

QTEST_APPLESS_MAIN(TestIngest)
#include "test_ingest.moc"
