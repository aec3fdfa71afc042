// The canvas's scene: cards and edges mirroring a PipelineDocument through its fine-grained
// signals. The scene never edits the model itself: a connection drag, a card move (one move
// command on release, snapped to the grid), a drop from the palette and a delete each become
// a document command, so every canvas edit is undoable. It also holds what a running pipeline
// shows on the canvas (setNodeRunInfo, setEdgeRunInfo), fed by the run overlay.
#pragma once

#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "pipeline/pipeline.h"
#include "ui/canvas/run_info.h"

class QGraphicsPathItem;

namespace tributary::ui {

class EdgeItem;
class NodeItem;
class PipelineDocument;

class PipelineScene : public QGraphicsScene {
  Q_OBJECT

 public:
  // A drag from the palette: the kind id as UTF-8.
  static constexpr const char* kNodeKindMime = "application/x-tributary-node-kind";

  explicit PipelineScene(PipelineDocument* document, QObject* parent = nullptr);
  ~PipelineScene() override;

  PipelineDocument* document() const { return document_; }

  NodeItem* nodeItem(const QString& id) const { return nodes_.value(id); }
  EdgeItem* edgeItem(const pipeline::Edge& edge) const;
  int nodeCount() const { return static_cast<int>(nodes_.size()); }
  int edgeCount() const { return static_cast<int>(edges_.size()); }
  // The bounding box of the cards, for fit to view.
  QRectF nodesBoundingRect() const;

  // Selected nodes in the document's order, and selected edges.
  QStringList selectedNodeIds() const;
  std::vector<pipeline::Edge> selectedEdges() const;
  // Selects exactly these nodes.
  void selectNodes(const QStringList& ids);

  // --- Edits (document commands) ---------------------------------------------------------
  // A node of `kind` with its header centred near `scenePos`, snapped, then selected.
  // Returns its id, or empty for an unknown kind.
  QString addNodeAt(const QString& kind, QPointF scenePos);
  // The selected nodes and edges as one undo step. Returns whether anything went.
  bool deleteSelection();
  // The reason the last connection drag was refused (also shown as a tooltip).
  QString lastRefusal() const { return lastRefusal_; }

  // --- What a running pipeline shows -----------------------------------------------------
  void setNodeRunInfo(const QString& id, const NodeRunInfo& info);
  void setEdgeRunInfo(const pipeline::Edge& edge, double ratePerSecond, double lag = -1);
  void clearRunInfo();

  // For NodeItem: a card moved in the scene (by the mouse, or following the model).
  void nodeItemMoved(NodeItem* item);

 signals:
  void connectionRefused(const QString& reason);

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void dragEnterEvent(QGraphicsSceneDragDropEvent* event) override;
  void dragMoveEvent(QGraphicsSceneDragDropEvent* event) override;
  void dropEvent(QGraphicsSceneDragDropEvent* event) override;

 private:
  // A port on a card: where a connection drag starts or ends.
  struct PortHit {
    NodeItem* node = nullptr;
    int port = -1;
    explicit operator bool() const { return node != nullptr; }
    bool operator==(const PortHit& o) const { return node == o.node && port == o.port; }
  };
  // A connection being dragged from `start`; what each candidate port said, by port.
  struct ConnectionDrag {
    PortHit start;
    QGraphicsPathItem* rubber = nullptr;
    PortHit hovered;
    std::map<std::pair<NodeItem*, int>, QString> refusals;  // empty string: accepts
  };

  void rebuild();
  void addNodeItem(const QString& id);
  void removeNodeItem(const QString& id);
  void updateNodeItem(const QString& id);
  void moveNodeItem(const QString& id);
  void addEdgeItem(const pipeline::Edge& edge);
  void removeEdgeItem(const pipeline::Edge& edge);
  void applyDiagnostics();
  void commitMoves();

  PortHit portAt(QPointF scenePos) const;
  // The edge a drag from `drag_.start` to `end` would add (output first).
  pipeline::Edge edgeTo(const PortHit& end) const;
  // Empty when the drag may end on `end`, else why not (cached per drag).
  QString refusal(const PortHit& end);
  void startConnection(const PortHit& start, QPointF scenePos);
  void highlightCandidates();
  void endConnection(QGraphicsSceneMouseEvent* event);
  void cancelConnection();

  PipelineDocument* document_;
  QHash<QString, NodeItem*> nodes_;
  QHash<QString, EdgeItem*> edges_;
  std::optional<ConnectionDrag> drag_;
  // Ids of cards the mouse has moved since the last commit; the model is told on release.
  QSet<QString> moved_;
  // True while the scene itself moves cards to follow the model.
  bool following_ = false;
  QString lastRefusal_;
};

}  // namespace tributary::ui
