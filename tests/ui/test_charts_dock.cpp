// The charts dock on synthetic snapshots: throughput per node (points accumulate, old points
// scroll out, rates smoothed), lag and batch duration per job labelled by what it reads, a
// sink.chart node's lines and bars (updated in place), and PNG export.
#include <QtTest>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QDateTimeAxis>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QValueAxis>

#include "ui/docks/charts_dock.h"
#include "ui/docks/result_chart.h"
#include "ui/docks/time_series_chart.h"
#include "ui/document/pipeline_document.h"

using namespace tributary;
using ui::ChartsDock;
using ui::ResultChart;
using ui::TimeSeriesChart;

namespace {

runtime::Progress snapshot(double t, double rate) {
  runtime::Progress p;
  p.elapsed_s = t;
  runtime::SourceProgress source;
  source.node = "sensors";
  source.records_per_s = rate;
  p.sources.push_back(source);
  for (const char* id : {"per-minute", "score"}) {
    runtime::NodeProgress n;
    n.node = id;
    n.rows_per_s = rate;
    p.nodes.push_back(n);
  }
  runtime::JobProgress job;
  job.name = "minutes";
  job.lag = std::int64_t(t * 10);
  job.batches = std::int64_t(t);  // one batch a second
  job.last_batch_ms = 5 + t;
  p.jobs.push_back(job);
  return p;
}

runtime::ChartSeries lineSeries(const std::string& name, int points, double start_ms) {
  runtime::ChartSeries s;
  s.name = name;
  for (int i = 0; i < points; ++i) {
    runtime::ChartPoint point;
    point.x = start_ms + i * 60000.0;
    point.y = 20 + i;
    s.points.push_back(point);
  }
  return s;
}

runtime::ChartSeries barSeries(const std::string& name,
                               const std::vector<std::pair<std::string, double>>& bars) {
  runtime::ChartSeries s;
  s.name = name;
  for (const auto& [label, y] : bars) {
    runtime::ChartPoint point;
    point.label = label;
    point.y = y;
    s.points.push_back(point);
  }
  return s;
}

// Answers the file dialog with a path and records errors instead of showing them.
class AnsweredChartsDock : public ChartsDock {
 public:
  using ChartsDock::ChartsDock;
  QString path;
  QStringList errors;

 protected:
  QString askPngPath() override { return path; }
  void showError(const QString& message) override { errors << message; }
};

bool isNonEmptyPng(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return false;
  const QByteArray head = f.read(8);
  if (head != QByteArray("\x89PNG\r\n\x1a\n", 8)) return false;
  QImage image(path);
  return !image.isNull() && image.width() > 0 && image.height() > 0;
}

}  // namespace

class TestChartsDock : public QObject {
  Q_OBJECT

 private slots:
  void throughputPerNodeScrolls() {
    ui::PipelineDocument doc;
    ChartsDock dock(&doc);
    dock.throughputChart()->setWindowSeconds(10);
    for (int i = 0; i <= 80; ++i) dock.showSnapshot(snapshot(i * 0.25, 100));
    auto* chart = dock.throughputChart();
    QCOMPARE(chart->seriesNames(), (QStringList{"sensors", "per-minute", "score"}));
    auto* s = chart->series(QStringLiteral("per-minute"));
    QVERIFY(s);
    // 20 s of samples at 4 a second, 10 s kept.
    QVERIFY2(s->count() >= 40 && s->count() <= 41, qPrintable(QString::number(s->count())));
    QVERIFY(s->at(0).x() >= 10.0 - 1e-9);
    QCOMPARE(s->at(s->count() - 1).x(), 20.0);
    QCOMPARE(chart->axisX()->max(), 20.0);
    QCOMPARE(chart->axisX()->min(), 10.0);
    QVERIFY(chart->axisY()->max() >= 100);
  }

  void ratesSmoothedOverOneSecond() {
    TimeSeriesChart chart(QStringLiteral("t"), QStringLiteral("rows/s"));
    // A rate that alternates between 0 and 100 every quarter second averages 50.
    for (int i = 0; i < 40; ++i) chart.addSample(QStringLiteral("a"), i * 0.25, i % 2 ? 100 : 0);
    auto* s = chart.series(QStringLiteral("a"));
    QCOMPARE(s->at(s->count() - 1).y(), 50.0);
    chart.setSmoothing(false);
    chart.addSample(QStringLiteral("a"), 10, 0);
    QCOMPARE(s->at(s->count() - 1).y(), 0.0);
  }

  void yAxisDoesNotJump() {
    TimeSeriesChart chart(QStringLiteral("t"), QStringLiteral("rows/s"));
    chart.setSmoothing(false);
    chart.addSample(QStringLiteral("a"), 0, 730);
    QCOMPARE(chart.axisY()->max(), 1000.0);
    chart.addSample(QStringLiteral("a"), 1, 400);  // still more than a quarter: stays
    QCOMPARE(chart.axisY()->max(), 1000.0);
    chart.addSample(QStringLiteral("a"), 2, 1500);
    QCOMPARE(chart.axisY()->max(), 2000.0);
    // Once the large values scroll out and the rest fit in a quarter, the axis shrinks.
    chart.setWindowSeconds(10);
    for (int t = 3; t <= 20; ++t) chart.addSample(QStringLiteral("a"), t, 90);
    QCOMPARE(chart.axisY()->max(), 100.0);
  }

  void legendTogglesSeries() {
    TimeSeriesChart chart(QStringLiteral("t"), QStringLiteral("rows/s"));
    chart.addSample(QStringLiteral("a"), 0, 1);
    auto* s = chart.series(QStringLiteral("a"));
    const auto markers = chart.chart()->legend()->markers(s);
    QCOMPARE(markers.size(), 1);
    emit markers.front()->clicked();
    QVERIFY(!s->isVisible());
    emit markers.front()->clicked();
    QVERIFY(s->isVisible());
  }

  void lagAndBatchDurationPerJob() {
    ui::PipelineDocument doc;
    ChartsDock dock(&doc);
    pipeline::Plan plan;
    pipeline::JobPlan job;
    job.name = "minutes";
    stream::JobInput input;
    input.topic = "iot-sensors-sensors";
    job.config.inputs.push_back(input);
    plan.jobs.push_back(job);
    dock.setPlan(&plan);
    QCOMPARE(dock.jobLabel("minutes"), QStringLiteral("iot-sensors-sensors"));
    for (int i = 0; i <= 12; ++i) dock.showSnapshot(snapshot(i * 0.25, 10));
    auto* lag = dock.lagChart()->series(QStringLiteral("iot-sensors-sensors"));
    QVERIFY(lag);
    QCOMPARE(lag->count(), 13);
    QCOMPARE(lag->at(12).y(), 30.0);  // as measured, not smoothed
    // One point per batch: batches 1, 2 and 3 in three seconds.
    auto* batch = dock.batchChart()->series(QStringLiteral("iot-sensors-sensors"));
    QVERIFY(batch);
    QCOMPARE(batch->count(), 3);
    QCOMPARE(batch->at(2).y(), 8.0);
    // A new run starts over.
    dock.showSnapshot(snapshot(0.25, 10));
    QCOMPARE(dock.lagChart()->series(QStringLiteral("iot-sensors-sensors"))->count(), 1);
  }

  void resultLinesWithTwoSeries() {
    ui::PipelineDocument doc;
    ChartsDock dock(&doc);
    runtime::Progress p;
    p.elapsed_s = 1;
    runtime::ChartProgress c;
    c.node = "chart";
    const double start = 1.7e12;
    c.series = {lineSeries("dev-1", 3, start), lineSeries("dev-2", 2, start)};
    p.charts.push_back(c);
    dock.showSnapshot(p);
    ResultChart* chart = dock.resultChart(QStringLiteral("chart"));
    QVERIFY(chart);
    QCOMPARE(dock.tabs()->count(), 4);
    QVERIFY(!chart->isBars());
    QCOMPARE(chart->seriesNames(), (QStringList{"dev-1", "dev-2"}));
    QCOMPARE(chart->lineSeries(QStringLiteral("dev-1"))->count(), 3);
    auto* times = qobject_cast<QDateTimeAxis*>(chart->axisX());
    QVERIFY(times);
    QCOMPARE(times->min().toMSecsSinceEpoch(), qint64(start));
    // Later snapshots replace the points and the axis follows.
    p.charts[0].series = {lineSeries("dev-1", 5, start), lineSeries("dev-2", 5, start)};
    dock.showSnapshot(p);
    QCOMPARE(chart->lineSeries(QStringLiteral("dev-2"))->count(), 5);
    QCOMPARE(times->max().toMSecsSinceEpoch(), qint64(start + 4 * 60000.0));
    QCOMPARE(dock.resultChart(QStringLiteral("chart")), chart);
  }

  void resultBarsUpdatedInPlace() {
    ResultChart chart(QStringLiteral("totals"));
    runtime::ChartProgress c;
    c.node = "totals";
    c.bars = true;
    c.series = {barSeries("total", {{"red", 3}, {"blue", 5}})};
    chart.showResult(c);
    QVERIFY(chart.isBars());
    QCOMPARE(chart.categories(), (QStringList{"red", "blue"}));
    auto* axis = qobject_cast<QBarCategoryAxis*>(chart.axisX());
    QVERIFY(axis);
    QCOMPARE(axis->categories(), (QStringList{"red", "blue"}));
    QCOMPARE(chart.barSeries()->count(), 1);
    QBarSet* set = chart.barSeries()->barSets().front();
    QCOMPARE(set->label(), QStringLiteral("total"));
    c.series = {barSeries("total", {{"red", 7}, {"blue", 5}, {"green", 1}})};
    chart.showResult(c);
    QCOMPARE(chart.barSeries()->barSets().front(), set);  // the same set, new values
    QCOMPARE(axis->categories(), (QStringList{"red", "blue", "green"}));
    QCOMPARE(set->count(), 3);
    QCOMPARE(set->at(0), 7.0);
    QCOMPARE(set->at(2), 1.0);
  }

  void savesPng() {
    QTemporaryDir dir;
    ui::PipelineDocument doc;
    ChartsDock dock(&doc);
    dock.resize(800, 400);
    for (int i = 0; i < 8; ++i) dock.showSnapshot(snapshot(i * 0.25, 50));
    const QString a = dir.filePath(QStringLiteral("throughput.png"));
    QVERIFY(dock.throughputChart()->savePng(a));
    QVERIFY(isNonEmptyPng(a));
    ResultChart result(QStringLiteral("r"));
    runtime::ChartProgress c;
    c.series = {lineSeries("x", 3, 0)};
    result.showResult(c);
    QVERIFY(qobject_cast<QValueAxis*>(result.axisX()));  // small numbers are not times
    const QString b = dir.filePath(QStringLiteral("result.png"));
    QVERIFY(result.savePng(b));
    QVERIFY(isNonEmptyPng(b));

    // The dock's button saves the chart of the current tab.
    AnsweredChartsDock answered(&doc);
    answered.resize(800, 400);
    answered.tabs()->setCurrentWidget(answered.lagChart());
    answered.path = dir.filePath(QStringLiteral("lag.png"));
    answered.saveCurrentChart();
    QVERIFY(isNonEmptyPng(answered.path));
    answered.path = dir.filePath(QStringLiteral("missing/folder/lag.png"));
    answered.saveCurrentChart();
    QCOMPARE(answered.errors.size(), 1);
  }
};

QTEST_MAIN(TestChartsDock)
#include "test_charts_dock.moc"
