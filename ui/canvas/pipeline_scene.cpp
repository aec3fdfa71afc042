#include "ui/canvas/pipeline_scene.h"

#include <QGraphicsPathItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMimeData>
#include <QToolTip>
#include <QUndoStack>
#include <algorithm>

#include "ui/canvas/canvas_style.h"
#include "ui/canvas/edge_item.h"
#include "ui/canvas/node_item.h"
#include "ui/document/graph_edit.h"
#include "ui/document/pipeline_document.h"

namespace tributary::ui {

using namespace canvas;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

QString edgeKey(const pipeline::Edge& e) {
  return q(e.from.text() + '>' + e.to.text());
}

// Up to this many nodes, a connection drag asks the document about every candidate port when
// it starts (each question validates the whole pipeline); beyond, only structural checks run
// for the cards in view and the document is asked about the port under the cursor.
constexpr int kExactCandidateLimit = 60;

// The scene is far larger than any pipeline, so that panning never hits its edge and the
// scene rect does not grow (and shift the view) as cards move.
constexpr double kSceneExtent = 100000;

}  // namespace

PipelineScene::PipelineScene(PipelineDocument* document, QObject* parent)
    : QGraphicsScene(parent), document_(document) {
  setSceneRect(-kSceneExtent / 2, -kSceneExtent / 2, kSceneExtent, kSceneExtent);
  connect(document_, &PipelineDocument::modelReset, this, &PipelineScene::rebuild);
  connect(document_, &PipelineDocument::nodeAdded, this, &PipelineScene::addNodeItem);
  connect(document_, &PipelineDocument::nodeRemoved, this, &PipelineScene::removeNodeItem);
  connect(document_, &PipelineDocument::nodeChanged, this, &PipelineScene::updateNodeItem);
  connect(document_, &PipelineDocument::nodeMoved, this, &PipelineScene::moveNodeItem);
  connect(document_, &PipelineDocument::edgeAdded, this, &PipelineScene::addEdgeItem);
  connect(document_, &PipelineDocument::edgeRemoved, this, &PipelineScene::removeEdgeItem);
  connect(document_, &PipelineDocument::diagnosticsChanged, this, &PipelineScene::applyDiagnostics);
  rebuild();
}

PipelineScene::~PipelineScene() {
  // Items are deleted by the base class; the cards must not report moves while it does.
  following_ = true;
}

// --- Mirroring the document -------------------------------------------------------------

void PipelineScene::rebuild() {
  cancelConnection();
  following_ = true;
  clear();
  following_ = false;
  nodes_.clear();
  edges_.clear();
  moved_.clear();
  const pipeline::Pipeline& p = document_->pipeline();
  nodes_.reserve(static_cast<int>(p.nodes.size()));
  for (const auto& n : p.nodes) addNodeItem(q(n.id));
  for (const auto& e : p.edges) addEdgeItem(e);
  applyDiagnostics();
}

void PipelineScene::addNodeItem(const QString& id) {
  const pipeline::Node* n = document_->node(id);
  if (!n || nodes_.contains(id)) return;
  auto* item = new NodeItem(*n, document_->kinds().find(n->kind));
  following_ = true;
  item->setPos(document_->nodePosition(id));
  addItem(item);
  following_ = false;
  nodes_.insert(id, item);
}

void PipelineScene::removeNodeItem(const QString& id) {
  NodeItem* item = nodes_.take(id);
  if (!item) return;
  if (drag_ && drag_->start.node == item) cancelConnection();
  // The document removes edges before their nodes; this only guards a scene that missed one.
  const QList<EdgeItem*> edges = item->edges();
  for (EdgeItem* e : edges) removeEdgeItem(e->edge());
  moved_.remove(id);
  if (drag_) drag_->refusals.clear();
  delete item;
}

void PipelineScene::updateNodeItem(const QString& id) {
  NodeItem* item = nodes_.value(id);
  const pipeline::Node* n = document_->node(id);
  if (!item || !n) return;
  const pipeline::NodeKind* kind = document_->kinds().find(n->kind);
  item->setModel(*n, kind);
  for (EdgeItem* e : item->edges()) {
    if (e->toNode() == item) e->setIntoTopic(kind && kind->category == "topic");
  }
}

void PipelineScene::moveNodeItem(const QString& id) {
  NodeItem* item = nodes_.value(id);
  if (!item) return;
  following_ = true;
  item->setPos(document_->nodePosition(id));
  following_ = false;
}

void PipelineScene::addEdgeItem(const pipeline::Edge& edge) {
  NodeItem* from = nodes_.value(q(edge.from.node));
  NodeItem* to = nodes_.value(q(edge.to.node));
  const QString key = edgeKey(edge);
  if (!from || !to || edges_.contains(key)) return;
  auto* item = new EdgeItem(edge, from, to);
  const pipeline::Node* target = document_->node(q(edge.to.node));
  const pipeline::NodeKind* kind = target ? document_->kinds().find(target->kind) : nullptr;
  item->setIntoTopic(kind && kind->category == "topic");
  addItem(item);
  edges_.insert(key, item);
  from->addEdge(item);
  to->addEdge(item);
  if (drag_) drag_->refusals.clear();  // the answers may have changed
}

void PipelineScene::removeEdgeItem(const pipeline::Edge& edge) {
  EdgeItem* item = edges_.take(edgeKey(edge));
  if (!item) return;
  item->fromNode()->removeEdge(item);
  item->toNode()->removeEdge(item);
  if (drag_) drag_->refusals.clear();
  delete item;
}

EdgeItem* PipelineScene::edgeItem(const pipeline::Edge& edge) const {
  return edges_.value(edgeKey(edge));
}

void PipelineScene::applyDiagnostics() {
  // One pass over the problems, grouped by the node they name (`id` or `id.param`).
  QHash<QString, QStringList> byNode;
  for (const auto& d : document_->diagnostics()) {
    QString where = q(d.where);
    while (!where.isEmpty()) {
      if (nodes_.contains(where)) {
        byNode[where] << q(d.text());
        break;
      }
      const int dot = where.lastIndexOf(QLatin1Char('.'));
      where = dot < 0 ? QString() : where.left(dot);
    }
  }
  for (auto it = nodes_.begin(); it != nodes_.end(); ++it)
    it.value()->setProblems(byNode.value(it.key()));
}

// --- Selection --------------------------------------------------------------------------

QRectF PipelineScene::nodesBoundingRect() const {
  QRectF r;
  for (const NodeItem* n : nodes_) r |= n->sceneBoundingRect();
  return r;
}

QStringList PipelineScene::selectedNodeIds() const {
  QStringList out;
  for (const auto& n : document_->pipeline().nodes) {
    const NodeItem* item = nodes_.value(q(n.id));
    if (item && item->isSelected()) out << item->id();
  }
  return out;
}

std::vector<pipeline::Edge> PipelineScene::selectedEdges() const {
  std::vector<pipeline::Edge> out;
  for (const auto& e : document_->pipeline().edges) {
    const EdgeItem* item = edges_.value(edgeKey(e));
    if (item && item->isSelected()) out.push_back(e);
  }
  return out;
}

void PipelineScene::selectNodes(const QStringList& ids) {
  // One selectionChanged for the whole change.
  QSignalBlocker blocker(this);
  clearSelection();
  for (const QString& id : ids) {
    if (NodeItem* item = nodes_.value(id)) item->setSelected(true);
  }
  blocker.unblock();
  emit selectionChanged();
}

// --- Edits ------------------------------------------------------------------------------

QString PipelineScene::addNodeAt(const QString& kind, QPointF scenePos) {
  const QPointF at(snapToGrid(scenePos.x() - kCardWidth / 2),
                   snapToGrid(scenePos.y() - kHeaderHeight / 2));
  const QString id = document_->addNode(kind, at);
  if (!id.isEmpty()) selectNodes({id});
  return id;
}

bool PipelineScene::deleteSelection() {
  const QStringList ids = selectedNodeIds();
  std::vector<pipeline::Edge> edges;
  for (const auto& e : selectedEdges()) {
    // Edges of removed nodes go with them.
    if (!ids.contains(q(e.from.node)) && !ids.contains(q(e.to.node))) edges.push_back(e);
  }
  if (ids.isEmpty() && edges.empty()) return false;
  QUndoStack* stack = document_->undoStack();
  stack->beginMacro(tr("Delete"));
  if (!ids.isEmpty()) document_->removeNodes(ids);
  for (const auto& e : edges) document_->disconnectPorts(e.from, e.to);
  stack->endMacro();
  return true;
}

// --- Moves ------------------------------------------------------------------------------

void PipelineScene::nodeItemMoved(NodeItem* item) {
  if (!following_) moved_.insert(item->id());
}

void PipelineScene::commitMoves() {
  if (moved_.isEmpty()) return;
  std::map<QString, QPointF> to;
  bool changes = false;
  for (const QString& id : std::as_const(moved_)) {
    if (const NodeItem* item = nodes_.value(id)) {
      const QPointF at(snapToGrid(item->pos().x()), snapToGrid(item->pos().y()));
      changes = changes || at != document_->nodePosition(id);
      to[id] = at;
    }
  }
  moved_.clear();
  if (changes) {
    // The document merges consecutive moves of the same nodes (a nudge, typed positions);
    // a drag is one gesture, so each is its own step: a macro never merges with what follows.
    QUndoStack* stack = document_->undoStack();
    stack->beginMacro(tr("Move %n node(s)", nullptr, static_cast<int>(to.size())));
    document_->moveNodes(to);
    stack->endMacro();
  }
  // A drag that ended where it started changes nothing in the model; the card goes back.
  for (const auto& [id, at] : to) {
    Q_UNUSED(at);
    moveNodeItem(id);
  }
}

// --- Connection drags -------------------------------------------------------------------

PipelineScene::PortHit PipelineScene::portAt(QPointF scenePos) const {
  for (QGraphicsItem* item : items(scenePos)) {
    if (item->type() != NodeItem::Type) continue;
    auto* node = static_cast<NodeItem*>(item);
    const QPointF local = node->mapFromScene(scenePos);
    const int port = node->portAt(local);
    if (port >= 0) return {node, port};
    if (node->cardRect().contains(local)) break;  // a card over the ports of those below
  }
  return {};
}

pipeline::Edge PipelineScene::edgeTo(const PortHit& end) const {
  const pipeline::PortRef a = drag_->start.node->portRef(drag_->start.port);
  const pipeline::PortRef b = end.node->portRef(end.port);
  const bool fromOutput =
      !drag_->start.node->ports()[static_cast<std::size_t>(drag_->start.port)].input;
  return fromOutput ? pipeline::Edge{a, b} : pipeline::Edge{b, a};
}

QString PipelineScene::refusal(const PortHit& end) {
  const auto key = std::make_pair(end.node, end.port);
  if (auto it = drag_->refusals.find(key); it != drag_->refusals.end()) return it->second;
  const auto& startPort = drag_->start.node->ports()[static_cast<std::size_t>(drag_->start.port)];
  const auto& endPort = end.node->ports()[static_cast<std::size_t>(end.port)];
  QString why;
  if (startPort.input == endPort.input) {
    why = startPort.input ? tr("An input connects to an output.")
                          : tr("An output connects to an input.");
  } else {
    const pipeline::Edge e = edgeTo(end);
    if (!document_->canConnect(e.from, e.to, &why) && why.isEmpty())
      why = tr("These ports cannot be connected.");
  }
  drag_->refusals[key] = why;
  return why;
}

void PipelineScene::startConnection(const PortHit& start, QPointF scenePos) {
  drag_.emplace();
  drag_->start = start;
  drag_->rubber = new QGraphicsPathItem;
  QPen pen(portColor(start.node->ports()[static_cast<std::size_t>(start.port)].flow), 2,
           Qt::DashLine);
  drag_->rubber->setPen(pen);
  drag_->rubber->setZValue(3);
  addItem(drag_->rubber);
  drag_->rubber->setPath(
      EdgeItem::curve(start.node->mapToScene(start.node->portPos(start.port)), scenePos));
  highlightCandidates();
}

void PipelineScene::highlightCandidates() {
  const NodeItem* startNode = drag_->start.node;
  const auto& startPort = startNode->ports()[static_cast<std::size_t>(drag_->start.port)];
  const bool exact = nodeCount() <= kExactCandidateLimit;
  // Beyond the exact limit: the cards in view, structurally (direction, a free input, no
  // cycle); the document has the last word on the port under the cursor.
  QList<NodeItem*> candidates;
  if (exact) {
    candidates = nodes_.values();
  } else {
    QSet<NodeItem*> seen;
    for (QGraphicsView* view : views()) {
      const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
      for (QGraphicsItem* item : items(visible)) {
        if (item->type() == NodeItem::Type) seen.insert(static_cast<NodeItem*>(item));
      }
    }
    candidates = seen.values();
  }
  const pipeline::Pipeline& model = document_->pipeline();
  for (NodeItem* node : std::as_const(candidates)) {
    if (node == startNode) continue;
    for (int i = 0; i < static_cast<int>(node->ports().size()); ++i) {
      const auto& port = node->ports()[static_cast<std::size_t>(i)];
      if (port.input == startPort.input) continue;
      bool accepts;
      if (exact) {
        accepts = refusal({node, i}).isEmpty();
      } else {
        const pipeline::Edge e = edgeTo({node, i});
        const bool fullInput = !(startPort.input ? startPort.multiple : port.multiple) &&
                               (startPort.input ? startNode->isPortConnected(drag_->start.port)
                                                : node->isPortConnected(i));
        accepts = !fullInput && !reaches(model, e.to.node, e.from.node);
      }
      node->setPortHighlight(
          i, accepts ? NodeItem::PortHighlight::Accepts : NodeItem::PortHighlight::None);
    }
  }
}

void PipelineScene::endConnection(QGraphicsSceneMouseEvent* event) {
  const PortHit end = portAt(event->scenePos());
  if (end && !(end == drag_->start)) {
    QString why = refusal(end);
    if (why.isEmpty()) {
      const pipeline::Edge e = edgeTo(end);
      document_->connectPorts(e.from, e.to, &why);
    }
    if (!why.isEmpty()) {
      lastRefusal_ = why;
      QToolTip::showText(event->screenPos(), why, event->widget());
      emit connectionRefused(why);
    }
  }
  cancelConnection();
}

void PipelineScene::cancelConnection() {
  if (!drag_) return;
  for (NodeItem* n : std::as_const(nodes_)) n->clearPortHighlights();
  delete drag_->rubber;
  drag_.reset();
}

// --- Mouse ------------------------------------------------------------------------------

void PipelineScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (event->button() == Qt::LeftButton && !drag_) {
    if (const PortHit hit = portAt(event->scenePos())) {
      startConnection(hit, event->scenePos());
      event->accept();
      return;
    }
  }
  QGraphicsScene::mousePressEvent(event);
}

void PipelineScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (!drag_) {
    QGraphicsScene::mouseMoveEvent(event);
    return;
  }
  const NodeItem* start = drag_->start.node;
  const QPointF from = start->mapToScene(start->portPos(drag_->start.port));
  const bool fromOutput = !start->ports()[static_cast<std::size_t>(drag_->start.port)].input;
  const QPointF to = event->scenePos();
  drag_->rubber->setPath(fromOutput ? EdgeItem::curve(from, to) : EdgeItem::curve(to, from));

  // The port under the cursor shows the document's answer.
  const PortHit hover = portAt(to);
  if (hover == drag_->hovered) return;
  if (drag_->hovered) {
    // Back to what the candidate pass said.
    const auto it = drag_->refusals.find({drag_->hovered.node, drag_->hovered.port});
    const bool accepted = it != drag_->refusals.end() && it->second.isEmpty();
    drag_->hovered.node->setPortHighlight(
        drag_->hovered.port,
        accepted ? NodeItem::PortHighlight::Accepts : NodeItem::PortHighlight::None);
  }
  drag_->hovered = hover;
  if (hover && !(hover == drag_->start)) {
    hover.node->setPortHighlight(hover.port, refusal(hover).isEmpty()
                                                 ? NodeItem::PortHighlight::Accepts
                                                 : NodeItem::PortHighlight::Refuses);
  }
}

void PipelineScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (drag_) {
    if (event->button() == Qt::LeftButton) endConnection(event);
    event->accept();
    return;
  }
  QGraphicsScene::mouseReleaseEvent(event);
  if (event->buttons() == Qt::NoButton) commitMoves();
}

void PipelineScene::keyPressEvent(QKeyEvent* event) {
  if (drag_ && event->key() == Qt::Key_Escape) {
    cancelConnection();
    if (QGraphicsItem* grabber = mouseGrabberItem()) grabber->ungrabMouse();
    event->accept();
    return;
  }
  QGraphicsScene::keyPressEvent(event);
}

// --- Drops from the palette -------------------------------------------------------------

void PipelineScene::dragEnterEvent(QGraphicsSceneDragDropEvent* event) {
  if (event->mimeData()->hasFormat(QLatin1String(kNodeKindMime)))
    event->acceptProposedAction();
  else
    QGraphicsScene::dragEnterEvent(event);
}

void PipelineScene::dragMoveEvent(QGraphicsSceneDragDropEvent* event) {
  if (event->mimeData()->hasFormat(QLatin1String(kNodeKindMime)))
    event->acceptProposedAction();
  else
    QGraphicsScene::dragMoveEvent(event);
}

void PipelineScene::dropEvent(QGraphicsSceneDragDropEvent* event) {
  if (!event->mimeData()->hasFormat(QLatin1String(kNodeKindMime))) {
    QGraphicsScene::dropEvent(event);
    return;
  }
  const QString kind = QString::fromUtf8(event->mimeData()->data(QLatin1String(kNodeKindMime)));
  if (!addNodeAt(kind, event->scenePos()).isEmpty()) event->acceptProposedAction();
}

// --- Run overlay ------------------------------------------------------------------------

void PipelineScene::setNodeRunInfo(const QString& id, const NodeRunInfo& info) {
  if (NodeItem* item = nodes_.value(id)) item->setRunInfo(info);
}

void PipelineScene::setEdgeRunInfo(const pipeline::Edge& edge, double ratePerSecond, double lag) {
  if (EdgeItem* item = edgeItem(edge)) item->setRunInfo({ratePerSecond, lag});
}

void PipelineScene::clearRunInfo() {
  for (NodeItem* n : std::as_const(nodes_)) n->clearRunInfo();
  for (EdgeItem* e : std::as_const(edges_)) e->clearRunInfo();
}

}  // namespace tributary::ui
