// End to end: the IoT sample runs through an EngineController (as fast as possible) while the
// charts, preview, topics and history docks watch it, wired as the main window wires them.
#include <QtTest>

#include <QDateTimeAxis>
#include <QLineSeries>
#include <QMainWindow>
#include <QTemporaryDir>
#include <QTreeWidget>

#include "ui/docks/charts_dock.h"
#include "ui/docks/history_dock.h"
#include "ui/docks/preview_dock.h"
#include "ui/docks/preview_model.h"
#include "ui/docks/result_chart.h"
#include "ui/docks/time_series_chart.h"
#include "ui/docks/topics_dock.h"
#include "ui/document/pipeline_document.h"
#include "ui/run/engine_controller.h"

#include "sample_copy.h"

using namespace tributary;
using ui::EngineController;

class TestRunDocks : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
    QCoreApplication::setApplicationName(QStringLiteral("RunDocksTest"));
  }

  void iotSensorsRun() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("iot-sensors"));
    const QString file = copySample(QStringLiteral("iot-sensors"), folder);
    QVERIFY(!file.isEmpty());
    ui::PipelineDocument doc;
    QCOMPARE(doc.open(file), QString());

    EngineController controller(&doc);
    controller.setDataDir(QDir(folder).filePath(QStringLiteral("data")));
    controller.setSpeed(0);
    // Docked in a window as in the app, so that they lay out and paint while the run goes (the
    // window first: the docks, its children, go before it).
    QMainWindow window;
    ui::ChartsDock charts(&doc);
    ui::PreviewDock preview;
    ui::TopicsDock topics;
    ui::HistoryDock history;
    history.setDataDir(controller.dataDir());
    preview.setSelectedNodes({QStringLiteral("per-minute")});
    window.resize(1200, 800);
    for (auto* dock : std::initializer_list<QDockWidget*>{&charts, &preview, &topics, &history}) {
      window.addDockWidget(Qt::BottomDockWidgetArea, dock);
    }
    window.show();
    connect(&controller, &EngineController::snapshotUpdated, &charts,
            &ui::ChartsDock::showSnapshot);
    connect(&controller, &EngineController::snapshotUpdated, &preview,
            &ui::PreviewDock::showSnapshot);
    connect(&controller, &EngineController::snapshotUpdated, &topics,
            &ui::TopicsDock::showSnapshot);
    bool ended = false;
    connect(&controller, &EngineController::stateChanged, &history,
            [&](EngineController::State state) {
              if (state == EngineController::State::Running) {
                charts.setPlan(controller.plan());
                topics.setPlan(controller.plan());
              } else if (state != EngineController::State::Paused) {
                history.refresh();
                ended = true;
              }
            });

    QVERIFY2(controller.start(), qPrintable(controller.lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(ended, 60000);
    QCOMPARE(controller.state(), EngineController::State::Finished);

    // Throughput: points per node.
    auto* throughput = charts.throughputChart();
    QVERIFY(throughput->seriesNames().contains(QStringLiteral("per-minute")));
    QVERIFY(throughput->series(QStringLiteral("per-minute"))->count() > 0);
    QVERIFY(!charts.lagChart()->seriesNames().isEmpty());

    // The sink.chart node: a line per device.
    ui::ResultChart* result = charts.resultChart(QStringLiteral("chart"));
    QVERIFY(result);
    QVERIFY(!result->isBars());
    QVERIFY(qobject_cast<QDateTimeAxis*>(result->axisX()));  // window_start: epoch ms
    QCOMPARE(result->seriesNames().size(), 20);
    for (const QString& name : result->seriesNames()) {
      QVERIFY2(result->lineSeries(name)->count() > 0, qPrintable(name));
    }

    // The preview of the window: rows with its aggregates.
    QVERIFY(preview.rows()->rowCount() > 0);
    QVERIFY(preview.rows()->columns().contains(QStringLiteral("avg_temperature")));

    // Topics: the plan's, with offsets.
    QVERIFY(topics.list()->topLevelItemCount() > 0);

    // History: the run, and its batches drawn.
    QCOMPARE(history.runs()->topLevelItemCount(), 1);
    QCOMPARE(history.runs()->topLevelItem(0)->text(ui::HistoryDock::Status),
             ui::HistoryDock::tr("finished"));
    history.runs()->setCurrentItem(history.runs()->topLevelItem(0));
    QVERIFY(!history.rateChart()->seriesNames().isEmpty());
    int points = 0;
    for (const QString& job : history.rateChart()->seriesNames()) {
      points += int(history.rateChart()->series(job)->count());
    }
    QVERIFY(points > 0);
  }
};

QTEST_MAIN(TestRunDocks)
#include "test_run_docks.moc"
