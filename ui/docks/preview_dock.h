// The data preview: the latest records of the selected node (its output rows; for a sink the
// rows it received) and its dead letters with their reasons, from the rows the engine samples
// into each snapshot. New rows collect in a bounded buffer; Pause freezes the table. An edge
// shows what its source node emits: the main window passes that node.
#pragma once

#include <QDockWidget>
#include <QStringList>

#include "runtime/pipeline_run.h"

class QLabel;
class QTabWidget;
class QTableView;
class QToolButton;

namespace tributary::ui {

class PreviewModel;

class PreviewDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit PreviewDock(QWidget* parent = nullptr);

  QString node() const { return node_; }
  PreviewModel* rows() const { return rows_; }
  PreviewModel* deadLetters() const { return deadLetters_; }
  QTableView* rowsView() const { return rowsView_; }
  QTabWidget* tabs() const { return tabs_; }
  QToolButton* pauseButton() const { return pause_; }
  bool isPaused() const;

 public slots:
  void setSelectedNodes(const QStringList& ids);
  void showSnapshot(const tributary::runtime::Progress& progress);
  void setPaused(bool paused);
  void clear();

 private:
  void feed();
  void updateTitles();

  QString node_;
  // The last snapshot's nodes, for a change of selection (only what the preview reads).
  std::vector<runtime::NodeProgress> lastNodes_;
  QLabel* caption_;
  QToolButton* pause_;
  QTabWidget* tabs_;
  PreviewModel* rows_;
  PreviewModel* deadLetters_;
  QTableView* rowsView_;
  QTableView* deadView_;
};

}  // namespace tributary::ui
