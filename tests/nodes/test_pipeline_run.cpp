// The metrics snapshot a run reports (runtime/pipeline_run.h) as the app reads it: per-node
// counts and model state, and the result series of sink.chart nodes (runtime/chart_buffer.h).
#include <QtTest>

#include <QTemporaryDir>

#include "nodes/catalogue.h"
#include "pipeline/compiler.h"
#include "pipeline/pipeline_format.h"
#include "runtime/chart_buffer.h"
#include "runtime/pipeline_run.h"
#include "runtime/pipeline_session.h"
#include "runtime/topic_browser.h"

using namespace tributary;

namespace {

Batch rows(const std::vector<std::tuple<std::string, std::int64_t, double>>& values) {
  Schema schema;
  schema.add({"device", DataType::string});
  schema.add({"ts", DataType::timestamp});
  schema.add({"temperature", DataType::float64});
  Batch b(schema);
  for (const auto& [device, ts, t] : values) {
    b.column(0).append_string(device);
    b.column(1).append_int(ts);
    b.column(2).append_double(t);
  }
  return b;
}

pipeline::Compilation compile_text(const std::string& text, const std::string& dir) {
  const auto& kinds = nodes::builtin_kinds();
  auto load = pipeline::load_pipeline(text, kinds);
  auto v = pipeline::validate_pipeline(load.pipeline, kinds, dir, load.diagnostics);
  return pipeline::compile_pipeline(load.pipeline, v, kinds, dir);
}

std::int64_t source_records(const runtime::Progress& p) {
  return p.sources.empty() ? 0 : p.sources.front().records;
}

}  // namespace

class TestPipelineRun : public QObject {
  Q_OBJECT
 private slots:
  void aChartKeepsTheLatestRowsPerSeries() {
    runtime::ChartSpec spec;
    spec.x = "ts";
    spec.y = {"temperature"};
    spec.series = "device";
    spec.max_rows = 3;
    runtime::ChartBuffer chart(spec);
    chart.add(rows({{"a", 1, 10}, {"b", 1, 20}, {"a", 2, 11}}));
    chart.add(rows({{"a", 3, 12}, {"a", 4, 13}}));
    const auto series = chart.snapshot();
    QVERIFY(!chart.categorical());
    QCOMPARE(series.size(), 2u);
    QCOMPARE(series[0].name, std::string("a"));
    QCOMPARE(series[0].points.size(), 3u);  // the oldest fell out
    QCOMPARE(series[0].points.front().x, 2.0);
    QCOMPARE(series[0].points.back().y, 13.0);
    QCOMPARE(series[1].name, std::string("b"));
    QCOMPARE(series[1].points.size(), 1u);
  }

  void aTextAxisKeepsEachLabelsLatestValue() {
    runtime::ChartSpec spec;
    spec.x = "device";
    spec.y = {"temperature", "ts"};
    runtime::ChartBuffer chart(spec);
    chart.add(rows({{"a", 1, 10}, {"b", 1, 20}}));
    chart.add(rows({{"a", 2, 30}}));
    const auto series = chart.snapshot();
    QVERIFY(chart.categorical());
    QCOMPARE(series.size(), 2u);  // one per y field
    QCOMPARE(series[0].name, std::string("temperature"));
    QCOMPARE(series[0].points.size(), 2u);
    QCOMPARE(series[0].points[0].label, std::string("a"));
    QCOMPARE(series[0].points[0].y, 30.0);  // updated in place
    QCOMPARE(series[1].points[0].y, 2.0);
  }

  // The IoT sample run in-process: the snapshot counts rows per node, shows the anomaly
  // model's state and the chart's series (one per device, at most max_rows points each).
  void theSnapshotShowsNodesModelsAndCharts() {
    QTemporaryDir tmp;
    const auto file = std::filesystem::path(TRIBUTARY_SAMPLES) / "iot-sensors" / "pipeline.json";
    const auto& kinds = nodes::builtin_kinds();
    auto load = pipeline::load_pipeline_file(file, kinds);
    QVERIFY(load.ok());
    auto v = pipeline::validate_pipeline(load.pipeline, kinds, file.parent_path());
    QVERIFY(v.ok());
    auto c = pipeline::compile_pipeline(load.pipeline, v, kinds, tmp.path().toStdString());
    QVERIFY(c.ok());
    runtime::RunOptions options;
    options.data_dir = tmp.path().toStdString() + "/data";
    options.progress_ms = 20;
    int snapshots = 0;
    options.on_progress = [&](const runtime::Progress&) { ++snapshots; };
    runtime::Progress last;
    const Status s = runtime::run_plan(c.plan, load.pipeline.settings, options, &last);
    QVERIFY2(s.ok(), s.message().c_str());
    QVERIFY(snapshots > 0);
    auto node = [&](const std::string& id) -> const runtime::NodeProgress* {
      for (const auto& n : last.nodes) {
        if (n.node == id) return &n;
      }
      return nullptr;
    };
    // per-minute runs in two jobs (the file and the chart): its input is counted in both.
    QVERIFY(node("per-minute"));
    QCOMPARE(node("per-minute")->rows_in, 2 * 60000);
    QVERIFY(node("score"));
    QCOMPARE(node("score")->rows_in, 60000);
    QCOMPARE(node("score")->rows_out, 60000);
    QVERIFY(node("anomalies"));
    QVERIFY(node("anomalies")->rows_out < 60000);
    QCOMPARE(node("score")->states.size(), 1u);
    const auto state = nlohmann::json::parse(node("score")->states.front());
    QCOMPARE(state["model"].get<std::string>(), std::string("anomaly"));
    QCOMPARE(state["records"].get<std::int64_t>(), 60000);
    QCOMPARE(state["keys"].get<std::int64_t>(), 20);
    QCOMPARE(last.charts.size(), 1u);
    const auto& chart = last.charts.front();
    QCOMPARE(chart.node, std::string("chart"));
    QVERIFY(!chart.bars);
    QCOMPARE(chart.series.size(), 20u);  // one per device
    for (const auto& series : chart.series) {
      QVERIFY(!series.points.empty() && series.points.size() <= 240);
      for (std::size_t i = 1; i < series.points.size(); ++i)
        QVERIFY(series.points[i].x > series.points[i - 1].x);  // minutes in order
    }
    // The topics as the app's Topics dock reads them, beside (here: after) the run.
    auto topics = runtime::list_topics(options.data_dir);
    QVERIFY(topics.ok());
    const auto it = std::find_if(topics->begin(), topics->end(),
                                 [](const auto& t) { return t.name == "iot-sensors-sensors"; });
    QVERIFY(it != topics->end());
    QCOMPARE(it->partitions.size(), 1u);
    QCOMPARE(it->partitions.front().end, 60000);
    auto records = runtime::read_records(options.data_dir, "iot-sensors-sensors", 0, 59990, 20);
    QVERIFY(records.ok());
    QCOMPARE(records->size(), 10u);
    QCOMPARE(records->front().offset, 59990);
    QCOMPARE(records->back().offset, 59999);
    QVERIFY(nlohmann::json::parse(*records->front().value).contains("device"));
    QVERIFY(!runtime::read_records(options.data_dir, "iot-sensors-sensors", 3, 0, 1).ok());
    QVERIFY(!runtime::read_records(options.data_dir, "no-such-topic", 0, 0, 1).ok());
  }

  // The facade: a real-time source makes progress, stands still while paused, goes as fast
  // as it can at speed 0, and stops on request; the snapshot samples each node's rows.
  void theSessionPausesChangesSpeedAndStops() {
    QTemporaryDir tmp;
    auto c = compile_text(R"({ "format": "tributary-pipeline", "version": 1, "name": "session",
      "settings": { "trigger": "interval", "trigger_ms": 20 },
      "nodes": [
        { "id": "ticks", "kind": "source.generator", "params": { "preset": "ticks", "count": 5000000, "rate": 2000, "speed": 1 } },
        { "id": "big", "kind": "transform.filter", "params": { "expr": "volume > 10" } },
        { "id": "out", "kind": "sink.jsonl", "params": { "path": "out/big.jsonl" } } ],
      "edges": [ { "from": "ticks.out", "to": "big.in" }, { "from": "big.out", "to": "out.in" } ] })",
                          tmp.path().toStdString());
    QVERIFY(c.ok());
    runtime::RunOptions options;
    options.data_dir = tmp.path().toStdString() + "/data";
    options.progress_ms = 20;
    options.sample_rows = 4;
    runtime::RunRecord history;
    history.pipeline = c.plan.pipeline;
    history.name = "session";
    auto started = runtime::PipelineSession::start(c.plan, {}, options, &history);
    QVERIFY(started.ok());
    auto session = std::move(started).value();
    QTRY_VERIFY_WITH_TIMEOUT(source_records(session->snapshot()) > 0, 5000);
    QCOMPARE(session->state(), runtime::PipelineSession::State::running);
    session->pause();
    QCOMPARE(session->state(), runtime::PipelineSession::State::paused);
    QTest::qWait(200);  // what was under way lands
    const std::int64_t paused_at = source_records(session->snapshot());
    QTest::qWait(300);
    QCOMPARE(source_records(session->snapshot()), paused_at);
    // Real time: 2,000 records a second. Speed 0: far more.
    session->set_speed(0);
    session->resume();
    QTRY_VERIFY_WITH_TIMEOUT(source_records(session->snapshot()) > paused_at + 50000, 10000);
    // The preview: the latest rows of the filter and of the sink, as JSON objects.
    QTRY_VERIFY_WITH_TIMEOUT(session->snapshot().nodes.size() >= 2, 5000);
    for (const auto& n : session->snapshot().nodes) {
      QVERIFY2(n.latest_rows.size() <= 4, n.node.c_str());
      for (const auto& row : n.latest_rows)
        QVERIFY(nlohmann::json::parse(row)["volume"].get<std::int64_t>() > 10);
    }
    session->stop();
    session->wait();
    QCOMPARE(session->state(), runtime::PipelineSession::State::stopped);
    QVERIFY(session->result().ok());
    QVERIFY(source_records(session->snapshot()) < 5000000);
    // The history: the run, stopped, with its batches.
    auto w = runtime::Workspace::open(options.data_dir / "workspace.sqlite");
    QVERIFY(w.ok());
    auto run = (*w)->run(session->run_id());
    QVERIFY(run.ok());
    QCOMPARE(run->status, std::string("stopped"));
    QVERIFY(run->ended_ms >= run->started_ms);
    auto batches = (*w)->batches(session->run_id());
    QVERIFY(batches.ok() && !batches->empty());
  }
};

QTEST_GUILESS_MAIN(TestPipelineRun)
#include "test_pipeline_run.moc"
