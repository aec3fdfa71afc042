// The history dock over a workspace written here: runs newest first with their duration and
// status, and the selected run's batches drawn per job (rows/s and lag over the run's time).
#include <QtTest>

#include <QLineSeries>
#include <QTemporaryDir>
#include <QTreeWidget>

#include "runtime/workspace.h"
#include "ui/docks/history_dock.h"
#include "ui/docks/time_series_chart.h"

using namespace tributary;
using ui::HistoryDock;

class TestHistoryDock : public QObject {
  Q_OBJECT

 private slots:
  void listsRunsAndReplaysBatches() {
    QTemporaryDir dir;
    HistoryDock dock;
    dock.setDataDir(dir.path());
    QCOMPARE(dock.runs()->topLevelItemCount(), 0);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("workspace.sqlite"))));

    const qint64 t0 = 1'700'000'000'000;
    std::int64_t first = 0, second = 0;
    {
      auto w =
          runtime::Workspace::open(dir.filePath(QStringLiteral("workspace.sqlite")).toStdString());
      QVERIFY(w.ok());
      runtime::RunRecord run;
      run.pipeline = "iot-sensors";
      run.name = "IoT sensors";
      run.started_ms = t0;
      auto id = w.value()->start_run(run);
      QVERIFY(id.ok());
      first = id.value();
      for (int b = 1; b <= 4; ++b) {
        runtime::BatchRecord batch;
        batch.job = "minutes";
        batch.batch = b;
        batch.at_ms = t0 + b * 500;
        batch.input_rows = 1000;
        batch.rows_per_s = 2000.0 * b;
        batch.lag = 4000 - 1000 * b;
        QVERIFY(w.value()->record_batch(first, batch).ok());
      }
      QVERIFY(w.value()->end_run(first, "finished", "").ok());
      run.started_ms = t0 + 60'000;
      auto id2 = w.value()->start_run(run);
      QVERIFY(id2.ok());
      second = id2.value();
      QVERIFY(w.value()->end_run(second, "stopped", "").ok());
    }
    dock.refresh();
    QCOMPARE(dock.runs()->topLevelItemCount(), 2);
    auto* newest = dock.runs()->topLevelItem(0);
    QCOMPARE(newest->text(HistoryDock::Name), QStringLiteral("IoT sensors"));
    QCOMPARE(newest->text(HistoryDock::Status), HistoryDock::tr("stopped"));
    auto* older = dock.runs()->topLevelItem(1);
    QCOMPARE(older->text(HistoryDock::Status), HistoryDock::tr("finished"));
    QVERIFY(!older->text(HistoryDock::Duration).isEmpty());

    dock.selectRun(first);
    QCOMPARE(dock.selectedRun(), qint64(first));
    auto* rate = dock.rateChart()->series(QStringLiteral("minutes"));
    QVERIFY(rate);
    QCOMPARE(rate->count(), 4);
    QCOMPARE(rate->at(0), QPointF(0.5, 2000));
    QCOMPARE(rate->at(3), QPointF(2.0, 8000));
    auto* lag = dock.lagChart()->series(QStringLiteral("minutes"));
    QCOMPARE(lag->at(3).y(), 0.0);

    // A refresh keeps the selection; a run without batches draws nothing.
    dock.refresh();
    QCOMPARE(dock.selectedRun(), qint64(first));
    QCOMPARE(dock.rateChart()->series(QStringLiteral("minutes"))->count(), 4);
    dock.selectRun(second);
    QVERIFY(dock.rateChart()->seriesNames().isEmpty());
  }
};

QTEST_MAIN(TestHistoryDock)
#include "test_history_dock.moc"
