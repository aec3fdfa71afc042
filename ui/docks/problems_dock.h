// The problems of the whole document, kept up to date as it changes; clicking one that
// concerns a node asks for that node to be selected (nodeActivated).
#pragma once

#include <QDockWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace tributary::ui {

class PipelineDocument;

class ProblemsDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit ProblemsDock(PipelineDocument* document, QWidget* parent = nullptr);

  QTreeWidget* list() const { return list_; }
  // The node a problem's place names ("sessions.gap_ms" -> "sessions"), if the document has it.
  static QString nodeOf(const PipelineDocument& document, const QString& where);

 signals:
  void nodeActivated(const QString& id);

 private:
  void refresh();

  PipelineDocument* document_;
  QTreeWidget* list_;
};

}  // namespace tributary::ui
