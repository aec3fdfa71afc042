// The sample pipelines, each copied to a temporary folder and run by tributary-cli: they
// finish within their time budget and their results are what the data implies. The YSB
// sample is also killed with SIGKILL at random moments and run again until it finishes:
// its output must equal the uninterrupted run's.
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <set>

#include <sqlite3.h>

#include "io/generator_source.h"
#include "sample_copy.h"

using namespace tributary;

namespace {

// Runs `tributary-cli run`; returns the exit code, -1 when killed after `kill_after_ms`.
int run_cli(const QString& pipeline, const QString& data_dir, int kill_after_ms = -1,
            double* seconds = nullptr, const QString& failpoint = {}) {
  QProcess p;
  if (!failpoint.isEmpty()) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("TRIBUTARY_FAILPOINT", failpoint);  // the process kills itself with SIGKILL there
    p.setProcessEnvironment(env);
  }
  QElapsedTimer t;
  t.start();
  p.start(TRIBUTARY_CLI, {"--data-dir", data_dir, "run", pipeline});
  if (!p.waitForStarted()) return -2;
  if (kill_after_ms >= 0 && !p.waitForFinished(kill_after_ms)) {
    p.kill();
    p.waitForFinished();
    return -1;
  }
  p.waitForFinished(300000);
  if (seconds) *seconds = static_cast<double>(t.elapsed()) / 1000.0;
  if (p.exitStatus() != QProcess::NormalExit) return -1;
  if (p.exitCode() != 0) qWarning("tributary-cli: %s", p.readAllStandardError().constData());
  return p.exitCode();
}

QList<QJsonObject> json_lines(const QString& file) {
  QFile f(file);
  QList<QJsonObject> out;
  if (!f.open(QIODevice::ReadOnly)) return out;
  for (const auto& line : f.readAll().split('\n')) {
    if (!line.isEmpty()) out << QJsonDocument::fromJson(line).object();
  }
  return out;
}

QByteArray read_all(const QString& file) {
  QFile f(file);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestSamples : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  // Runs a sample, checks it stays within 30 s, returns its folder.
  QString run_sample(const QString& name) {
    const QString dir = tmp_.path() + "/" + name;
    const QString pipeline = copySample(name, dir);
    double seconds = 0;
    if (run_cli(pipeline, dir + "/data", -1, &seconds) != 0) return {};
    if (seconds > 30) qWarning("%s took %.1f s", qPrintable(name), seconds);
    return seconds <= 30 ? dir : QString();
  }

 private slots:
  void iotSensors() {
    const QString dir = run_sample("iot-sensors");
    QVERIFY(!dir.isEmpty());
    const auto minutes = json_lines(dir + "/out/averages.jsonl");
    QCOMPARE(minutes.size(), 200);  // 20 devices x 10 minutes of event time
    qint64 readings = 0;
    for (const auto& m : minutes) {
      readings += m["readings"].toInteger();
      QVERIFY(m["avg_temperature"].toDouble() > 10 && m["avg_temperature"].toDouble() < 35);
      QCOMPARE(m["window_end"].toInteger() - m["window_start"].toInteger(), 60000);
    }
    QCOMPARE(readings, 60000);
    const auto alerts = json_lines(dir + "/out/anomalies.jsonl");
    QVERIFY(alerts.size() >= 20 && alerts.size() < 600);
    int hot = 0;
    for (const auto& a : alerts) {
      QVERIFY(a["anomaly"].toBool());
      QVERIFY(a["score"].toDouble() >= 5);
      hot += a["temperature"].toDouble() > 30;
    }
    QVERIFY(hot >= 20);  // the generator's faults (+15 to +20 degrees) are found
  }

  void clickstreamSessions() {
    const QString dir = run_sample("clickstream");
    QVERIFY(!dir.isEmpty());
    const auto sessions = json_lines(dir + "/out/sessions.jsonl");
    QVERIFY(sessions.size() > 100);
    qint64 events = 0;
    std::set<QString> users;
    for (const auto& s : sessions) {
      events += s["events"].toInteger();
      users.insert(s["user"].toString());
      QVERIFY(s["pages"].toInteger() >= 1 && s["pages"].toInteger() <= s["events"].toInteger());
      QVERIFY(s["window_end"].toInteger() >= s["window_start"].toInteger());
    }
    QCOMPARE(events, 40000);  // every click in exactly one session
    QVERIFY(sessions.size() > static_cast<int>(users.size()));  // users come back after gaps
  }

  void stockTicks() {
    const QString dir = run_sample("stock-ticks");
    QVERIFY(!dir.isEmpty());
    const QList<QByteArray> vwap = read_all(dir + "/out/vwap.csv").split('\n');
    QCOMPARE(vwap.first(), QByteArray("symbol,window_end,vwap,volume"));
    QVERIFY(vwap.size() > 300);
    const auto highs = json_lines(dir + "/out/highs.jsonl");
    QVERIFY(highs.size() > 1000);
    for (int i = 1; i < vwap.size(); ++i) {
      if (vwap[i].isEmpty()) continue;
      const auto cells = vwap[i].split(',');
      QCOMPARE(cells.size(), 4);
      QVERIFY(cells[2].toDouble() > 1 && cells[3].toLongLong() > 0);
    }
  }

  void taxiTrips() {
    const QString dir = run_sample("taxi-trips");
    QVERIFY(!dir.isEmpty());
    const auto clusters = json_lines(dir + "/out/clusters.jsonl");
    QCOMPARE(clusters.size(), 4);
    qint64 trips = 0;
    for (const auto& c : clusters) {
      trips += c["trips"].toInteger();
      QVERIFY(c["lat"].toDouble() > 40.55 && c["lat"].toDouble() < 40.85);
      QVERIFY(c["trips"].toInteger() > 2000);  // each hot spot has about a quarter
    }
    QCOMPARE(trips, 20000);
  }

  void adEvents() {
    const QString dir = run_sample("ad-events");
    QVERIFY(!dir.isEmpty());
    const auto counts = json_lines(dir + "/out/campaign-counts.jsonl");
    QCOMPARE(counts.size(), 300);  // 100 campaigns x 3 windows of 10 s
    qint64 views = 0;
    std::set<QString> campaigns;
    for (const auto& c : counts)
      views += c["views"].toInteger(), campaigns.insert(c["campaign_id"].toString());
    QCOMPARE(campaigns.size(), 100u);
    // Every view counted once: the same generator, counted directly.
    auto gen = io::make_generator({"ysb", 1, 10000, 300000});
    QVERIFY(gen.ok());
    qint64 expected = 0;
    std::vector<io::DeadLetter> none;
    while (!(*gen)->done()) {
      Batch b((*gen)->schema());
      QVERIFY((*gen)->next(8192, b, none).ok());
      for (std::size_t r = 0; r < b.num_rows(); ++r) expected += b.column(4).string_at(r) == "view";
    }
    QCOMPARE(views, expected);
  }

  void csvEtl() {
    const QString dir = run_sample("csv-etl");
    QVERIFY(!dir.isEmpty());
    // Expected: the CSV rows with 5 <= fare < 40.
    int expected = 0;
    const auto lines = read_all(dir + "/trips.csv").split('\n');
    for (int i = 1; i < lines.size(); ++i) {
      if (lines[i].isEmpty()) continue;
      const double fare = lines[i].split(',')[5].toDouble();
      expected += fare >= 5 && fare < 40;
    }
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open((dir + "/out/trips.db").toUtf8().constData(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    QCOMPARE(sqlite3_prepare_v2(
                 db, "SELECT count(*), count(DISTINCT band), min(fare), max(km) FROM trips", -1, &s,
                 nullptr),
             SQLITE_OK);
    QCOMPARE(sqlite3_step(s), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(s, 0), expected);
    QCOMPARE(sqlite3_column_int(s, 1), 3);
    QVERIFY(sqlite3_column_double(s, 2) >= 5);
    QVERIFY(sqlite3_column_double(s, 3) > 0);
    sqlite3_finalize(s);
    // From scratch: the table starts over too (not kept, not doubled).
    QProcess again;
    again.start(TRIBUTARY_CLI,
                {"--data-dir", dir + "/data", "run", "--from-scratch", dir + "/pipeline.json"});
    QVERIFY(again.waitForFinished(60000));
    QCOMPARE(again.exitCode(), 0);
    QCOMPARE(sqlite3_prepare_v2(db, "SELECT count(*) FROM trips", -1, &s, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(s), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(s, 0), expected);
    sqlite3_finalize(s);
    sqlite3_close(db);
  }

  void previewShowsTheFirstRecordsOfANode() {
    const QString dir = tmp_.path() + "/preview";
    const QString pipeline = copySample("ad-events", dir);
    QProcess p;
    p.start(TRIBUTARY_CLI, {"preview", pipeline, "campaign", "--limit", "5"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    QCOMPARE(lines.size(), 6);  // five records and the final newline
    for (int i = 0; i < 5; ++i) {
      const auto o = QJsonDocument::fromJson(lines[i]).object();
      QCOMPARE(o["event_type"].toString(), QString("view"));  // after the filter
      QVERIFY(o["campaign_id"].toString().size() == 36);      // after the join
    }
    QVERIFY(!QDir(dir + "/out").exists());  // nothing downstream ran
    QProcess sink;
    sink.start(TRIBUTARY_CLI, {"preview", pipeline, "out"});
    QVERIFY(sink.waitForFinished(30000));
    QCOMPARE(sink.exitCode(), 1);
    QVERIFY(sink.readAllStandardError().contains("out is a sink"));
  }

  void aTopicSinkGetsEachRecordOnceThroughKills() {
    const QString dir = tmp_.path() + "/to-topic";
    QDir().mkpath(dir);
    QFile f(dir + "/pipeline.json");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({ "format": "tributary-pipeline", "version": 1, "name": "to topic",
      "settings": { "trigger": "available-now", "max_records_per_batch": 500 },
      "nodes": [
        { "id": "clicks", "kind": "source.generator", "params": { "preset": "clicks", "count": 60000, "speed": 0 } },
        { "id": "views", "kind": "transform.filter", "params": { "expr": "action = 'view'" } },
        { "id": "out", "kind": "sink.topic", "params": { "topic": "views", "key": ["user"] } } ],
      "edges": [ { "from": "clicks.out", "to": "views.in" }, { "from": "views.out", "to": "out.in" } ] })");
    f.close();
    auto topic_lines = [&](const QString& data) {
      QProcess c;
      c.start(TRIBUTARY_CLI,
              {"--data-dir", data, "consume", "views", "--from-beginning", "--exit-at-end"});
      c.waitForFinished(60000);
      QList<QByteArray> lines = c.readAllStandardOutput().split('\n');
      std::sort(lines.begin(), lines.end());
      return lines;
    };
    double seconds = 0;
    QCOMPARE(run_cli(dir + "/pipeline.json", dir + "/reference", -1, &seconds), 0);
    const auto expected = topic_lines(dir + "/reference");
    QVERIFY(expected.size() > 40000);
    // Campaigns: killed at a step of a batch (between the topic append and the commit, and
    // around it) or at a random moment, then run to the end.
    QRandomGenerator rng(5);
    const char* points[] = {"after_sink_write", "before_commit", "after_commit",
                            "after_offset_log"};
    const int run_ms = std::max(50, static_cast<int>(seconds * 1000));
    int kills = 0;
    for (int campaign = 0; campaign < 6; ++campaign) {
      const QString data = dir + "/killed-" + QString::number(campaign);
      for (int k = 0; k < 3; ++k) {
        const QString fp = QString("%1:%2").arg(points[rng.bounded(4)]).arg(1 + rng.bounded(30));
        const int rc = k == 2 ? run_cli(dir + "/pipeline.json", data,
                                        5 + static_cast<int>(rng.bounded(run_ms)))
                              : run_cli(dir + "/pipeline.json", data, -1, nullptr, fp);
        if (rc == -1) ++kills;
      }
      QCOMPARE(run_cli(dir + "/pipeline.json", data), 0);
      QCOMPARE(topic_lines(data), expected);
    }
    QVERIFY2(kills >= 10, qPrintable(QString("only %1 kills").arg(kills)));
  }

  // A window keyed by page over a topic keyed by user reads it through a repartition topic
  // keyed by page: the counts equal those over one partition. A union of a union runs as two
  // jobs with a topic between them.
  void repartitionAndNestedMergesGiveOnePartitionsResults() {
    auto write = [&](const QString& name, int partitions) {
      const QString dir = tmp_.path() + "/" + name;
      QDir().mkpath(dir);
      QFile f(dir + "/pipeline.json");
      if (!f.open(QIODevice::WriteOnly)) return QString();
      f.write(QString(R"({ "format": "tributary-pipeline", "version": 1, "name": "%1",
        "settings": { "trigger": "available-now", "max_records_per_batch": 700 },
        "nodes": [
          { "id": "clicks", "kind": "source.generator", "params": { "preset": "clicks", "count": 20000 } },
          { "id": "more", "kind": "source.generator", "params": { "preset": "clicks", "count": 3000, "seed": 2 } },
          { "id": "most", "kind": "source.generator", "params": { "preset": "clicks", "count": 1000, "seed": 3 } },
          { "id": "by-user", "kind": "topic", "params": { "name": "%1-by-user", "partitions": %2, "key": ["user"] } },
          { "id": "per-page", "kind": "window.tumbling", "params": { "size_ms": 10000, "grace_ms": 3600000,
            "key": ["page"], "aggregates": [ { "fn": "count", "as": "n" } ] } },
          { "id": "pages", "kind": "sink.jsonl", "params": { "path": "out/pages.jsonl" } },
          { "id": "u1", "kind": "transform.union" },
          { "id": "u2", "kind": "transform.union" },
          { "id": "all", "kind": "sink.jsonl", "params": { "path": "out/all.jsonl" } } ],
        "edges": [ { "from": "clicks.out", "to": "by-user.in" }, { "from": "by-user.out", "to": "per-page.in" },
          { "from": "per-page.out", "to": "pages.in" },
          { "from": "clicks.out", "to": "u1.in" }, { "from": "more.out", "to": "u1.in" },
          { "from": "u1.out", "to": "u2.in" }, { "from": "most.out", "to": "u2.in" },
          { "from": "u2.out", "to": "all.in" } ] })")
                  .arg(name)
                  .arg(partitions)
                  .toUtf8());
      return dir;
    };
    // A sink of a job with n tasks writes `<stem>-<p>.jsonl` per task.
    auto sorted_lines = [](const QString& dir, const QString& stem) {
      QList<QByteArray> lines;
      for (const auto& f : QDir(dir + "/out").entryList({stem + "*.jsonl"}, QDir::Files)) {
        for (const auto& line : read_all(dir + "/out/" + f).split('\n'))
          if (!line.isEmpty()) lines << line;
      }
      std::sort(lines.begin(), lines.end());
      return lines;
    };
    const QString one = write("one-partition", 1), three = write("three-partitions", 3);
    QVERIFY(!one.isEmpty() && !three.isEmpty());
    QProcess explain;
    explain.start(TRIBUTARY_CLI, {"explain", three + "/pipeline.json"});
    QVERIFY(explain.waitForFinished(30000));
    const QString plan = explain.readAllStandardOutput();
    QVERIFY2(plan.contains("three-partitions-per-page-repartition (repartition by page)"),
             qPrintable(plan));
    QVERIFY2(plan.contains("three-partitions-u1-through"), qPrintable(plan));
    QCOMPARE(run_cli(one + "/pipeline.json", one + "/data"), 0);
    QCOMPARE(run_cli(three + "/pipeline.json", three + "/data"), 0);
    const auto pages = sorted_lines(three, "pages");
    QVERIFY(pages.size() >= 50);
    QCOMPARE(pages, sorted_lines(one, "pages"));
    QCOMPARE(sorted_lines(three, "all").size(), 24000);
    // Killed between the repartition topic's append and its job's commit: nothing doubles.
    const QString killed = write("killed", 3);
    QCOMPARE(run_cli(killed + "/pipeline.json", killed + "/data", -1, nullptr, "before_commit:3"),
             -1);
    QCOMPARE(run_cli(killed + "/pipeline.json", killed + "/data"), 0);
    QCOMPARE(sorted_lines(killed, "pages"), pages);
    QCOMPARE(sorted_lines(killed, "all").size(), 24000);
  }

  // Lines that are not records go to the source's dead-letter topic, late records to the
  // window's, with their reasons; a job killed before its commit does not double them.
  void deadLettersGoToTopicsOfTheirNodes() {
    const QString dir = tmp_.path() + "/dead-letters";
    QDir().mkpath(dir);
    QFile data(dir + "/events.jsonl");
    QVERIFY(data.open(QIODevice::WriteOnly));
    int late = 0;
    for (int i = 0; i < 3000; ++i) {
      // Every 100th record is a minute behind: late for its window (grace 0).
      const bool behind = i % 100 == 50;
      late += behind;
      data.write(QString(R"({"k":"k%1","ts":%2,"v":%3})"
                         "\n")
                     .arg(i % 7)
                     .arg(1000000 + i * 100 - (behind ? 60000 : 0))
                     .arg(i)
                     .toUtf8());
      if (i % 500 == 250) data.write("not a record\n");
    }
    data.close();
    QFile f(dir + "/pipeline.json");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({ "format": "tributary-pipeline", "version": 1, "name": "dlq",
      "settings": { "trigger": "available-now", "max_records_per_batch": 400 },
      "nodes": [
        { "id": "events", "kind": "source.replay", "params": { "path": "events.jsonl", "time_field": "ts", "speed": 0 } },
        { "id": "per-second", "kind": "window.tumbling", "params": { "size_ms": 1000, "key": ["k"],
          "aggregates": [ { "fn": "sum", "field": "v", "as": "total" } ] } },
        { "id": "out", "kind": "sink.jsonl", "params": { "path": "out/totals.jsonl" } } ],
      "edges": [ { "from": "events.out", "to": "per-second.in" }, { "from": "per-second.out", "to": "out.in" } ] })");
    f.close();
    auto topic = [&](const QString& data_dir, const QString& name) {
      QProcess c;
      c.start(TRIBUTARY_CLI,
              {"--data-dir", data_dir, "consume", name, "--from-beginning", "--exit-at-end"});
      c.waitForFinished(60000);
      QList<QByteArray> lines;
      for (const auto& line : c.readAllStandardOutput().split('\n'))
        if (!line.isEmpty()) lines << line;
      return lines;
    };
    QCOMPARE(run_cli(dir + "/pipeline.json", dir + "/data"), 0);
    const auto bad = topic(dir + "/data", "dlq-events-dlq");
    QCOMPARE(bad.size(), 6);
    QVERIFY2(bad.front().contains("\"raw\":\"not a record\"") && bad.front().contains("events.jsonl:"),
             bad.front().constData());
    const auto rejected = topic(dir + "/data", "dlq-per-second-dlq");
    QCOMPARE(rejected.size(), late);
    QVERIFY2(rejected.front().contains("\"reason\":\"late\""), rejected.front().constData());
    // Killed between its dead letters' append and the commit, then run again: each once.
    QCOMPARE(run_cli(dir + "/pipeline.json", dir + "/killed", -1, nullptr, "before_commit:4"), -1);
    QCOMPARE(run_cli(dir + "/pipeline.json", dir + "/killed"), 0);
    QCOMPARE(topic(dir + "/killed", "dlq-per-second-dlq"), rejected);
  }

  void runsAreRecordedInTheWorkspace() {
    const QString dir = run_sample("clickstream");
    QVERIFY(!dir.isEmpty());
    QProcess list;
    list.start(TRIBUTARY_CLI, {"--data-dir", dir + "/data", "runs", "list"});
    QVERIFY(list.waitForFinished(30000));
    const QString runs = list.readAllStandardOutput();
    QVERIFY2(runs.contains("clickstream-sessions") && runs.contains("finished"), qPrintable(runs));
    QProcess show;
    show.start(TRIBUTARY_CLI, {"--data-dir", dir + "/data", "runs", "show", "1"});
    QVERIFY(show.waitForFinished(30000));
    QCOMPARE(show.exitCode(), 0);
    QVERIFY(show.readAllStandardOutput().contains("clickstream-sessions-out"));
    // One progress row per micro-batch: together they read every record once.
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open((dir + "/data/workspace.sqlite").toUtf8().constData(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    QCOMPARE(
        sqlite3_prepare_v2(
            db, "SELECT count(*), sum(input_rows), max(stream_time) FROM batches WHERE run = 1", -1,
            &s, nullptr),
        SQLITE_OK);
    QCOMPARE(sqlite3_step(s), SQLITE_ROW);
    QVERIFY(sqlite3_column_int(s, 0) >= 4);  // 40,000 clicks, at most 10,000 per batch
    QCOMPARE(sqlite3_column_int64(s, 1), 40000);
    QVERIFY(sqlite3_column_int64(s, 2) > io::kGeneratorEpochMs);
    sqlite3_finalize(s);
    sqlite3_close(db);
  }

  void aRunKilledAnywhereEndsAsAnUninterruptedOne() {
    const QString reference = tmp_.path() + "/ad-events-reference";
    double seconds = 0;
    QCOMPARE(run_cli(copySample("ad-events", reference), reference + "/data", -1, &seconds), 0);
    // Kills land anywhere in a run: within its uninterrupted duration.
    const int run_ms = std::max(50, static_cast<int>(seconds * 1000));
    const QByteArray expected = read_all(reference + "/out/campaign-counts.jsonl");
    QVERIFY(expected.count('\n') == 300);
    // Campaigns of runs killed at random moments until one completes; each must end with
    // the uninterrupted run's output.
    QRandomGenerator rng(99);
    int kills = 0;
    QString dir, pipeline;
    for (int campaign = 0; kills < 12 && campaign < 12; ++campaign) {
      dir = tmp_.path() + "/ad-events-killed-" + QString::number(campaign);
      pipeline = copySample("ad-events", dir);
      for (int attempt = 0;; ++attempt) {
        QVERIFY(attempt < 100);
        const int rc = run_cli(pipeline, dir + "/data",
                               attempt < 6 ? 5 + static_cast<int>(rng.bounded(run_ms)) : -1);
        if (rc == -1) {
          ++kills;
          continue;
        }
        QCOMPARE(rc, 0);
        break;
      }
      QCOMPARE(read_all(dir + "/out/campaign-counts.jsonl"), expected);
    }
    QVERIFY2(kills >= 12, qPrintable(QString("only %1 kills").arg(kills)));
    // A run of a finished pipeline adds nothing.
    QCOMPARE(run_cli(pipeline, dir + "/data"), 0);
    QCOMPARE(read_all(dir + "/out/campaign-counts.jsonl"), expected);
  }
};

QTEST_GUILESS_MAIN(TestSamples)
#include "test_samples.moc"
