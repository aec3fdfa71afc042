// A sample run from the window as a user runs it: Run at max speed, the cards and edges show
// rates, the status bar the engine's state; the event loop keeps turning meanwhile (the UI
// pulls snapshots and never waits for the engine). Pause, Stop and a pipeline that cannot
// run.
#include <QtTest>

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <algorithm>

#include "quiet_main_window.h"
#include "sample_copy.h"
#include "ui/canvas/edge_item.h"
#include "ui/canvas/node_item.h"
#include "ui/canvas/pipeline_scene.h"
#include "ui/docks/preview_dock.h"
#include "ui/docks/preview_model.h"
#include "ui/docks/topic_records.h"
#include "ui/docks/topics_dock.h"
#include "ui/run/engine_controller.h"
#include "ui/run/run_controls.h"
#include "ui/run/run_overlay.h"

using namespace tributary;
using State = ui::EngineController::State;

namespace {

// The gaps between the ticks of a 5 ms timer: how long the event loop was away.
class StallMeter : public QObject {
 public:
  StallMeter() {
    timer_.setInterval(5);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, [this] {
      if (clock_.isValid()) gaps_.push_back(static_cast<double>(clock_.nsecsElapsed()) / 1e6);
      clock_.restart();
    });
    timer_.start();
  }
  double percentile(double q) {
    if (gaps_.empty()) return 0;
    std::sort(gaps_.begin(), gaps_.end());
    return gaps_[static_cast<std::size_t>(q * static_cast<double>(gaps_.size() - 1))];
  }
  std::size_t ticks() const { return gaps_.size(); }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  std::vector<double> gaps_;
};

}  // namespace

class TestRunFromUi : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void aSampleRunShowsOnTheCards() {
    QuietMainWindow window;
    const QString file = copySample(QStringLiteral("iot-sensors"), tmp_.path() + "/iot");
    QVERIFY(window.openFile(file));
    window.engine()->setDataDir(tmp_.path() + "/iot/data");
    window.engine()->setInterval(100);
    window.show();
    auto* speed = window.runControls()->speedBox();
    speed->setCurrentIndex(speed->findData(0.0));  // max
    QCOMPARE(window.engine()->speed(), 0.0);
    window.runControls()->runAction()->trigger();
    QCOMPARE(window.engine()->state(), State::Running);
    QVERIFY(!window.runControls()->runAction()->isEnabled());
    // Cards show rates while it runs (a window's watermark too).
    auto* scene = window.findChild<ui::PipelineScene*>();
    QVERIFY(scene);
    QTRY_VERIFY_WITH_TIMEOUT(scene->nodeItem(QStringLiteral("sensors"))->runInfo().ratePerSecond >= 0,
                             20000);
    QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), State::Finished, 60000);
    const auto& p = window.engine()->latest();
    QCOMPARE(p.sources.front().records, 60000);
    QVERIFY(window.runControls()->statusLabel()->text().contains(QStringLiteral("Finished")));
    const auto& wm = scene->nodeItem(QStringLiteral("per-minute"))->runInfo().lines;
    QVERIFY2(!wm.isEmpty() && wm.front().startsWith(QStringLiteral("wm ")), qPrintable(wm.join('|')));
    const auto& score = scene->nodeItem(QStringLiteral("score"))->runInfo().lines;
    QVERIFY2(score.join('|').contains(QStringLiteral("anomal")), qPrintable(score.join('|')));
    QVERIFY(window.errors.isEmpty());
    // The Topics dock browses the source's topic: the last page of its records.
    auto* topics = window.topicsDock();
    QTreeWidgetItem* item = topics->item(QStringLiteral("iot-sensors-sensors"));
    QVERIFY(item);
    topics->list()->setCurrentItem(item);
    QCOMPARE(topics->records()->table()->rowCount(), ui::TopicRecordsView::kPage);
    QCOMPARE(topics->records()->table()->item(0, 0)->text(), QStringLiteral("59900"));
    QVERIFY(topics->records()->table()->item(0, 3)->text().contains(QStringLiteral("device")));
    topics->records()->offsetBox()->setValue(59990);
    topics->records()->read();
    QCOMPARE(topics->records()->table()->rowCount(), 10);
  }

  // An edge selected on the canvas feeds the preview with the records flowing on it: its
  // from-node's latest rows; selecting a node goes back to the node's own.
  void aSelectedEdgePreviewsItsRecords() {
    QuietMainWindow window;
    const QString file = copySample(QStringLiteral("iot-sensors"), tmp_.path() + "/iot-edge");
    QVERIFY(window.openFile(file));
    window.engine()->setDataDir(tmp_.path() + "/iot-edge/data");
    window.engine()->setInterval(100);
    window.engine()->setSpeed(0);
    window.show();
    auto* scene = window.findChild<ui::PipelineScene*>();
    QVERIFY(scene);
    pipeline::Edge edge;
    edge.from = {"score", "out"};
    edge.to = {"anomalies", "in"};
    ui::EdgeItem* item = scene->edgeItem(edge);
    QVERIFY(item);
    scene->clearSelection();
    item->setSelected(true);  // as a click on the curve does
    QVERIFY(window.selectedNodes().isEmpty());
    auto* preview = window.previewDock();
    QCOMPARE(preview->node(), QStringLiteral("score"));
    QCOMPARE(preview->edgeTarget(), QStringLiteral("anomalies"));
    QVERIFY2(preview->caption().startsWith(QStringLiteral("score → anomalies")),
             qPrintable(preview->caption()));
    QCOMPARE(preview->rows()->rowCount(), 0);  // nothing has run yet

    window.runControls()->runAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(preview->rows()->rowCount() > 0, 20000);  // fills while it runs
    QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), State::Finished, 60000);
    QVERIFY(window.errors.isEmpty());
    // The table holds the score node's rows: the model's output columns, its last sample last.
    const auto& nodes = window.engine()->latest().nodes;
    const auto score = std::find_if(nodes.begin(), nodes.end(),
                                    [](const auto& n) { return n.node == "score"; });
    QVERIFY(score != nodes.end() && !score->latest_rows.empty());
    auto* rows = preview->rows();
    QVERIFY(rows->rowCount() >= static_cast<int>(score->latest_rows.size()));
    QVERIFY2(rows->columns().contains(QStringLiteral("anomaly")),
             qPrintable(rows->columns().join(',')));
    const auto last = nlohmann::json::parse(score->latest_rows.back());
    QVERIFY(last.contains("device") && last.contains("anomaly"));
    for (const auto& [key, value] : last.items()) {
      const auto column = rows->columns().indexOf(QString::fromStdString(key));
      QVERIFY2(column >= 0, key.c_str());
      const QString expected = QString::fromStdString(
          value.is_string() ? value.get<std::string>() : value.dump());
      QCOMPARE(rows->data(rows->index(rows->rowCount() - 1, int(column))).toString(), expected);
    }
    QCOMPARE(preview->rowsView()->model()->rowCount(), rows->rowCount());
    QVERIFY(preview->caption().contains(QString::number(rows->rowCount())));

    // A node selected instead: its own rows, and the caption names it alone.
    window.setSelectedNodes({QStringLiteral("per-minute")});
    QVERIFY(!item->isSelected());
    QCOMPARE(preview->node(), QStringLiteral("per-minute"));
    QVERIFY(preview->edgeTarget().isEmpty());
    QVERIFY(!preview->caption().contains(QStringLiteral("→")));
    QVERIFY(preview->rows()->rowCount() > 0);
    // Nothing selected: nothing shown.
    scene->clearSelection();
    QVERIFY(preview->node().isEmpty());
    QCOMPARE(preview->rows()->rowCount(), 0);
  }

  // The YSB sample (300,000 events) at max speed, with the canvas shown and updated.
  void theEventLoopKeepsTurningDuringAMaxSpeedReplay() {
    QuietMainWindow window;
    const QString file = copySample(QStringLiteral("ad-events"), tmp_.path() + "/ads");
    QVERIFY(window.openFile(file));
    window.engine()->setDataDir(tmp_.path() + "/ads/data");
    window.show();
    auto* speed = window.runControls()->speedBox();
    speed->setCurrentIndex(speed->findData(0.0));
    StallMeter meter;
    window.runControls()->runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), State::Finished, 120000);
    qInfo("event loop during a max-speed replay: %zu ticks, gap p50 %.1f ms, p99 %.1f ms, "
          "max %.1f ms",
          meter.ticks(), meter.percentile(0.5), meter.percentile(0.99), meter.percentile(1.0));
    QVERIFY(meter.ticks() > 50);
    QVERIFY2(meter.percentile(0.99) < 50, "the event loop stalled");
    QCOMPARE(window.engine()->latest().sources.front().records, 300000);
  }

  void pauseHoldsTheSourcesAndStopEndsTheRun() {
    QuietMainWindow window;
    const QString file = copySample(QStringLiteral("stock-ticks"), tmp_.path() + "/ticks");
    QVERIFY(window.openFile(file));
    window.engine()->setDataDir(tmp_.path() + "/ticks/data");
    window.engine()->setInterval(50);
    window.engine()->setSpeed(1);  // real time: 200 ticks a second, far from done
    window.runControls()->runAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window.engine()->latest().sources.empty() &&
                                 window.engine()->latest().sources.front().records > 0,
                             10000);
    window.runControls()->pauseAction()->trigger();
    QCOMPARE(window.engine()->state(), State::Paused);
    QCOMPARE(window.runControls()->pauseAction()->text(), QStringLiteral("&Resume"));
    QTest::qWait(300);
    const auto held = window.engine()->latest().sources.front().records;
    QTest::qWait(400);
    QCOMPARE(window.engine()->latest().sources.front().records, held);
    window.runControls()->pauseAction()->trigger();
    QCOMPARE(window.engine()->state(), State::Running);
    window.runControls()->stopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), State::Stopped, 10000);
    QVERIFY(window.runControls()->runAction()->isEnabled());
    QVERIFY(window.engine()->latest().sources.front().records < 60000);
  }

  void aPipelineWithProblemsIsNotRun() {
    QuietMainWindow window;
    QVERIFY(window.openFile(QStringLiteral(TRIBUTARY_CASES "/schema-problems.json")));
    window.engine()->setDataDir(tmp_.path() + "/problems");
    window.runControls()->runAction()->trigger();
    QCOMPARE(window.engine()->state(), State::Idle);
    QCOMPARE(window.errors.size(), 1);
    QVERIFY(window.errors.front().startsWith(QStringLiteral("The pipeline cannot run: ")));
  }

  void modelHeadlines() {
    QCOMPARE(ui::RunOverlay::modelHeadline(R"({"model":"linreg","mae":0.4213})"),
             QStringLiteral("MAE 0.421"));
    QCOMPARE(ui::RunOverlay::modelHeadline(R"({"model":"logreg","accuracy":0.9})"),
             QStringLiteral("accuracy 90.0%"));
    QCOMPARE(ui::RunOverlay::modelHeadline(R"({"model":"kmeans","centers":[[1],[2]]})"),
             QStringLiteral("2 cluster(s)"));
    QCOMPARE(ui::RunOverlay::modelHeadline("not json"), QString());
  }
};

QTEST_MAIN(TestRunFromUi)
#include "test_run_from_ui.moc"
