// The palette: every node kind of the catalogue, grouped by category, with a search box.
// A kind is dragged onto the canvas (MIME type kNodeKindMimeType, the kind id in UTF-8) or
// double-clicked to add it at a free place of the document.
#pragma once

#include <QDockWidget>
#include <QPointF>

class QLineEdit;
class QMimeData;
class QTreeWidget;
class QTreeWidgetItem;

namespace tributary::ui {

class PipelineDocument;

inline constexpr auto kNodeKindMimeType = "application/x-tributary-node-kind";

class PaletteDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit PaletteDock(PipelineDocument* document, QWidget* parent = nullptr);

  QLineEdit* searchBox() const { return search_; }
  QTreeWidget* tree() const { return tree_; }

  // What a drag of `kind` carries.
  static QMimeData* mimeDataFor(const QString& kind);
  // Where a double-clicked kind goes: the first cell of a grid, left to right then down,
  // that no node of the document is near.
  static QPointF freePosition(const PipelineDocument& document);

 public slots:
  // Shows the kinds whose title, id or help contains `text` (all when empty).
  void setFilter(const QString& text);

 signals:
  // A kind was added by a double-click; the id of the new node.
  void nodeAdded(const QString& id);

 private:
  void populate();
  void activate(QTreeWidgetItem* item);

  PipelineDocument* document_;
  QLineEdit* search_;
  QTreeWidget* tree_;
};

}  // namespace tributary::ui
