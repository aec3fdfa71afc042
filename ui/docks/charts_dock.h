// The charts of a running pipeline: throughput per node, lag per job, batch duration per job
// (scrolling over the last minutes), and one result chart per sink.chart node, each a tab.
// The main window feeds it every snapshot (showSnapshot), the plan at each start (setPlan) and
// clears it for a new run.
#pragma once

#include <QDockWidget>
#include <QHash>
#include <map>
#include <string>

#include "pipeline/plan.h"
#include "runtime/pipeline_run.h"

class QTabWidget;

namespace tributary::ui {

class PipelineDocument;
class ResultChart;
class TimeSeriesChart;

class ChartsDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit ChartsDock(PipelineDocument* document, QWidget* parent = nullptr);

  TimeSeriesChart* throughputChart() const { return throughput_; }
  TimeSeriesChart* lagChart() const { return lag_; }
  TimeSeriesChart* batchChart() const { return batch_; }
  ResultChart* resultChart(const QString& node) const { return results_.value(node); }
  QTabWidget* tabs() const { return tabs_; }
  // The label of a job's series on the lag and batch charts.
  QString jobLabel(const std::string& job) const;

 public slots:
  void setPlan(const tributary::pipeline::Plan* plan);
  void showSnapshot(const tributary::runtime::Progress& progress);
  void clear();
  // Asks for a file and saves the chart of the current tab as PNG.
  void saveCurrentChart();

 protected:
  // The file dialog and the error box, hooks for tests.
  virtual QString askPngPath();
  virtual void showError(const QString& message);

 private:
  QString nodeTitle(const std::string& node) const;

  PipelineDocument* document_;
  QTabWidget* tabs_;
  TimeSeriesChart* throughput_;
  TimeSeriesChart* lag_;
  TimeSeriesChart* batch_;
  QHash<QString, ResultChart*> results_;
  // Job name → its input topics, joined: lag is charted per job (a job's lag is summed over
  // the topics it reads, and the engine does not split it), labelled by what it reads.
  std::map<std::string, QString> jobInputs_;
  std::map<std::string, std::int64_t> batchesSeen_;
  double lastElapsed_ = -1;
};

}  // namespace tributary::ui
