// The data preview: the latest records of the selected node (its output rows; for a sink the
// rows it received) and its dead letters with their reasons, from the rows the engine samples
// into each snapshot. New rows collect in a bounded buffer; Pause freezes the table. A
// selected edge shows the records flowing on it: its from-node's output rows (dead letters
// stay with the node), under a caption naming the edge.
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

  // The node whose rows show: the selected node, or the from-node of the selected edge.
  QString node() const { return node_; }
  // The to-node of the selected edge; empty while a node (or nothing) is selected.
  QString edgeTarget() const { return edgeTo_; }
  QString caption() const;
  PreviewModel* rows() const { return rows_; }
  PreviewModel* deadLetters() const { return deadLetters_; }
  QTableView* rowsView() const { return rowsView_; }
  QTabWidget* tabs() const { return tabs_; }
  QToolButton* pauseButton() const { return pause_; }
  bool isPaused() const;

 public slots:
  void setSelectedNodes(const QStringList& ids);
  // An edge from node `from` to node `to` (the main window passes the canvas's one selected
  // edge); its rows are `from`'s.
  void setSelectedEdge(const QString& from, const QString& to);
  void showSnapshot(const tributary::runtime::Progress& progress);
  void setPaused(bool paused);
  void clear();

 private:
  void follow(const QString& node, const QString& edgeTo);
  void feed();
  void updateTitles();

  QString node_;
  QString edgeTo_;
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
