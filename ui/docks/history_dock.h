// Past runs from the data dir's workspace (newest first: name, start, duration, status), and
// for the selected run its stored micro-batches replayed as charts: rows/s and lag per job
// over the run's time. refresh() reads the workspace again (the main window calls it when a
// run ends).
#pragma once

#include <QDockWidget>

class QLabel;
class QTreeWidget;

namespace tributary::ui {

class TimeSeriesChart;

class HistoryDock : public QDockWidget {
  Q_OBJECT

 public:
  enum Column { Name, Started, Duration, Status, ColumnCount };
  static constexpr int kRunsShown = 200;

  explicit HistoryDock(QWidget* parent = nullptr);

  QString dataDir() const { return dataDir_; }
  QTreeWidget* runs() const { return runs_; }
  TimeSeriesChart* rateChart() const { return rate_; }
  TimeSeriesChart* lagChart() const { return lag_; }
  // The workspace's id of the selected run, 0 for none.
  qint64 selectedRun() const;

 public slots:
  void setDataDir(const QString& dir);
  void refresh();
  void selectRun(qint64 id);

 private:
  QString workspaceFile() const;
  void showRun(qint64 id);

  QString dataDir_;
  QTreeWidget* runs_;
  QLabel* message_;
  TimeSeriesChart* rate_;
  TimeSeriesChart* lag_;
};

}  // namespace tributary::ui
