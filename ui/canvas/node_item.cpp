#include "ui/canvas/node_item.h"

#include <QGraphicsScene>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "ui/canvas/edge_item.h"
#include "ui/canvas/pipeline_scene.h"

namespace tributary::ui {

using namespace canvas;

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// The right input of a join set to `table` is a lookup table, not a stream of records.
PortFlow flowOf(const pipeline::Node& node, const pipeline::PortSpec& port, bool input) {
  const auto table = node.params.find("table");
  if (input && node.kind == "transform.join" && port.name == "right" &&
      table != node.params.end() && table->is_boolean() && table->get<bool>())
    return PortFlow::Table;
  return PortFlow::Records;
}

QColor stateColor(NodeRunState state) {
  switch (state) {
    case NodeRunState::Running:
      return QColor(0x2e, 0xa0, 0x4f);
    case NodeRunState::Paused:
      return QColor(0xd6, 0x9a, 0x1c);
    case NodeRunState::Failed:
      return QColor(0xd0, 0x3b, 0x3b);
    case NodeRunState::Idle:
      break;
  }
  return QColor(0x90, 0x90, 0x90);
}

QString stateText(NodeRunState state) {
  switch (state) {
    case NodeRunState::Running:
      return NodeItem::tr("running");
    case NodeRunState::Paused:
      return NodeItem::tr("paused");
    case NodeRunState::Failed:
      return NodeItem::tr("failed");
    case NodeRunState::Idle:
      break;
  }
  return NodeItem::tr("idle");
}

const QColor kProblem(0xd0, 0x3b, 0x3b);

}  // namespace

NodeItem::NodeItem(const pipeline::Node& node, const pipeline::NodeKind* kind) {
  setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
  setAcceptHoverEvents(true);
  // Cards are redrawn only when they change or the zoom does; panning and moving other
  // cards blit the cached pixmaps.
  setCacheMode(DeviceCoordinateCache);
  setModel(node, kind);
}

void NodeItem::setModel(const pipeline::Node& node, const pipeline::NodeKind* kind) {
  prepareGeometryChange();
  id_ = q(node.id);
  label_ = node.label.empty() ? id_ : q(node.label);
  kindTitle_ = kind ? q(kind->title) : tr("Unknown kind %1").arg(q(node.kind));
  kindHelp_ = kind ? q(kind->help) : QString();
  category_ = kind ? kind->category : std::string();
  ports_.clear();
  if (kind) {
    for (const auto& p : kind->inputs)
      ports_.push_back({p.name, true, flowOf(node, p, true), p.multiple, {}});
    for (const auto& p : kind->outputs)
      ports_.push_back({p.name, false, flowOf(node, p, false), p.multiple, {}});
  }
  for (EdgeItem* e : std::as_const(edges_)) e->updatePath();
  update();
}

void NodeItem::setProblems(const QStringList& problems) {
  if (problems == problems_) return;
  problems_ = problems;
  update();
}

void NodeItem::setRunInfo(const NodeRunInfo& info) {
  prepareGeometryChange();
  runInfo_ = info;
  hasRunInfo_ = true;
  update();
}

void NodeItem::clearRunInfo() {
  if (!hasRunInfo_) return;
  prepareGeometryChange();
  runInfo_ = {};
  hasRunInfo_ = false;
  update();
}

// --- Ports ------------------------------------------------------------------------------

int NodeItem::portRows() const {
  int inputs = 0, outputs = 0;
  for (const auto& p : ports_) (p.input ? inputs : outputs)++;
  return std::max({inputs, outputs, 1});
}

QPointF NodeItem::portPos(int index) const {
  const Port& port = ports_[static_cast<std::size_t>(index)];
  int row = 0;
  for (int i = 0; i < index; ++i) {
    if (ports_[static_cast<std::size_t>(i)].input == port.input) ++row;
  }
  return QPointF(port.input ? 0 : kCardWidth,
                 kHeaderHeight + kKindRowHeight + (row + 0.5) * kPortRowHeight);
}

int NodeItem::portAt(QPointF local) const {
  // A generous target: the dot and the half of the row that holds the name.
  for (int i = 0; i < static_cast<int>(ports_.size()); ++i) {
    const QPointF at = portPos(i);
    const double inward =
        ports_[static_cast<std::size_t>(i)].input ? local.x() - at.x() : at.x() - local.x();
    if (std::abs(local.y() - at.y()) <= kPortRowHeight / 2 && inward >= -kPortRadius - 4 &&
        inward <= 24)
      return i;
  }
  return -1;
}

int NodeItem::findPort(const std::string& name, bool input) const {
  for (int i = 0; i < static_cast<int>(ports_.size()); ++i) {
    const Port& p = ports_[static_cast<std::size_t>(i)];
    if (p.input == input && p.name == name) return i;
  }
  return -1;
}

QPointF NodeItem::anchorScenePos(const std::string& port, bool input) const {
  const int i = findPort(port, input);
  if (i >= 0) return mapToScene(portPos(i));
  return mapToScene(QPointF(input ? 0 : kCardWidth, kHeaderHeight / 2));
}

bool NodeItem::isPortConnected(int index) const {
  const Port& port = ports_[static_cast<std::size_t>(index)];
  return std::any_of(edges_.begin(), edges_.end(), [&](const EdgeItem* e) {
    const pipeline::PortRef& end = port.input ? e->edge().to : e->edge().from;
    return (port.input ? e->toNode() : e->fromNode()) == this && end.port == port.name;
  });
}

void NodeItem::setPortHighlight(int index, PortHighlight highlight) {
  Port& port = ports_[static_cast<std::size_t>(index)];
  if (port.highlight == highlight) return;
  port.highlight = highlight;
  update();
}

void NodeItem::clearPortHighlights() {
  for (int i = 0; i < static_cast<int>(ports_.size()); ++i) setPortHighlight(i, {});
}

void NodeItem::addEdge(EdgeItem* edge) {
  edges_.append(edge);
  update();  // the port's dot fills in
}

void NodeItem::removeEdge(EdgeItem* edge) {
  edges_.removeOne(edge);
  update();
}

// --- Geometry ---------------------------------------------------------------------------

QRectF NodeItem::cardRect() const {
  double h = kHeaderHeight + kKindRowHeight + portRows() * kPortRowHeight + 6;
  if (hasRunInfo_) h += (1 + runInfo_.lines.size()) * kRunRowHeight + 4;
  return QRectF(0, 0, kCardWidth, h);
}

QRectF NodeItem::boundingRect() const {
  // The port dots (and their highlight ring) stick out of the sides; the selection outline
  // out of every edge.
  const double m = kPortRadius + 4;
  return cardRect().adjusted(-m, -3, m, 3);
}

QRectF NodeItem::badgeRect() const {
  return QRectF(kCardWidth - 22, (kHeaderHeight - 16) / 2, 16, 16);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionHasChanged) {
    for (EdgeItem* e : std::as_const(edges_)) e->updatePath();
    if (auto* s = qobject_cast<PipelineScene*>(scene())) s->nodeItemMoved(this);
  } else if (change == ItemSelectedHasChanged) {
    // A selected card comes to the front, over its neighbours.
    setZValue(value.toBool() ? 1 : 0);
  }
  return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
  // One item, several tooltips: the badge, a port, or the card.
  const QPointF at = event->pos();
  const int port = portAt(at);
  QString tip;
  if (badgeRect().adjusted(-2, -2, 2, 2).contains(at)) {
    tip = problems_.isEmpty() ? tr("No problems") : problems_.join(QLatin1Char('\n'));
  } else if (port >= 0) {
    const Port& p = ports_[static_cast<std::size_t>(port)];
    const QString what = p.flow == PortFlow::Table ? tr("a table") : tr("records");
    tip = (p.input ? tr("Input %1: %2") : tr("Output %1: %2")).arg(q(p.name), what);
  } else {
    tip = QStringLiteral("%1 (%2)\n%3").arg(kindTitle_, id_, kindHelp_).trimmed();
  }
  if (toolTip() != tip) setToolTip(tip);
  // Over a port the cursor says that a drag connects rather than moves.
  if (port >= 0)
    setCursor(Qt::CrossCursor);
  else if (hasCursor())
    unsetCursor();
  QGraphicsItem::hoverMoveEvent(event);
}

// --- Painting ---------------------------------------------------------------------------

void NodeItem::paintSimple(QPainter* painter) {
  // Zoomed out: a block in the category's colour, outlined when selected, with a red corner
  // when the node has problems, so that the overview still shows where to look.
  const QRectF card = cardRect();
  painter->fillRect(card, categoryColor(category_));
  if (!problems_.isEmpty()) painter->fillRect(QRectF(card.right() - 40, 0, 40, 40), kProblem);
  if (isSelected()) {
    painter->setPen(QPen(scene()->palette().highlight().color(), 0));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(card.adjusted(-3, -3, 3, 3));
  }
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  if (lod < kDetailZoom) {
    paintSimple(painter);
    return;
  }
  const QPalette palette = scene() ? scene()->palette() : QPalette();
  const QColor hue = categoryColor(category_);
  const QRectF card = cardRect();
  painter->setRenderHint(QPainter::Antialiasing, true);

  // Body, the header over its top (square lower corners), then the outline over both.
  painter->setPen(Qt::NoPen);
  painter->setBrush(palette.base());
  painter->drawRoundedRect(card, kCorner, kCorner);
  painter->setBrush(hue);
  painter->drawRoundedRect(QRectF(0, 0, kCardWidth, kHeaderHeight), kCorner, kCorner);
  painter->fillRect(QRectF(0, kHeaderHeight - kCorner, kCardWidth, kCorner), hue);
  painter->setPen(isSelected() ? QPen(palette.highlight().color(), 2)
                               : QPen(palette.mid().color(), 1));
  painter->setBrush(Qt::NoBrush);
  painter->drawRoundedRect(card, kCorner, kCorner);

  paintCategoryIcon(painter, QRectF(6, (kHeaderHeight - 16) / 2, 16, 16), category_);

  QFont font = painter->font();
  QFont bold = font;
  bold.setBold(true);
  painter->setFont(bold);
  painter->setPen(Qt::white);
  const QRectF labelBox(28, 0, kCardWidth - 28 - 26, kHeaderHeight);
  painter->drawText(labelBox, Qt::AlignVCenter | Qt::AlignLeft,
                    painter->fontMetrics().elidedText(label_, Qt::ElideRight,
                                                      static_cast<int>(labelBox.width())));

  // Validation badge: a red "!" with the messages as tooltip, or a quiet check.
  const QRectF badge = badgeRect();
  if (problems_.isEmpty()) {
    painter->setPen(QPen(QColor(255, 255, 255, 170), 1.6));
    painter->drawLine(QPointF(badge.left() + 4, badge.center().y()),
                      QPointF(badge.left() + 7, badge.bottom() - 4));
    painter->drawLine(QPointF(badge.left() + 7, badge.bottom() - 4),
                      QPointF(badge.right() - 3, badge.top() + 4));
  } else {
    painter->setPen(QPen(Qt::white, 1));
    painter->setBrush(kProblem);
    painter->drawEllipse(badge);
    painter->setFont(bold);
    painter->drawText(badge, Qt::AlignCenter, QStringLiteral("!"));
  }

  // The kind, small.
  QFont small = font;
  if (font.pointSizeF() > 0)
    small.setPointSizeF(font.pointSizeF() * 0.85);
  else
    small.setPixelSize(std::max(8, font.pixelSize() * 85 / 100));
  painter->setFont(small);
  QColor dim = palette.text().color();
  dim.setAlpha(150);
  painter->setPen(dim);
  painter->drawText(QRectF(8, kHeaderHeight, kCardWidth - 16, kKindRowHeight),
                    Qt::AlignVCenter | Qt::AlignLeft, kindTitle_);

  // Ports: a dot on the side (filled once connected) and the name inside the card.
  painter->setFont(font);
  for (int i = 0; i < static_cast<int>(ports_.size()); ++i) {
    const Port& p = ports_[static_cast<std::size_t>(i)];
    const QPointF at = portPos(i);
    const QColor colour = portColor(p.flow);
    if (p.highlight != PortHighlight::None) {
      const bool yes = p.highlight == PortHighlight::Accepts;
      painter->setPen(QPen(yes ? QColor(0x2e, 0xa0, 0x4f) : kProblem, 2));
      painter->setBrush(Qt::NoBrush);
      painter->drawEllipse(at, kPortRadius + 3, kPortRadius + 3);
    }
    painter->setPen(QPen(colour, 1.5));
    painter->setBrush(isPortConnected(i) ? QBrush(colour) : palette.base());
    painter->drawEllipse(at, kPortRadius, kPortRadius);
    painter->setPen(palette.text().color());
    const QRectF text = p.input
                            ? QRectF(at.x() + 10, at.y() - kPortRowHeight / 2, 80, kPortRowHeight)
                            : QRectF(at.x() - 90, at.y() - kPortRowHeight / 2, 80, kPortRowHeight);
    painter->drawText(text, Qt::AlignVCenter | (p.input ? Qt::AlignLeft : Qt::AlignRight),
                      q(p.name));
  }

  if (hasRunInfo_)
    paintRun(painter, kHeaderHeight + kKindRowHeight + portRows() * kPortRowHeight + 6);
}

void NodeItem::paintRun(QPainter* painter, double top) {
  const QPalette palette = scene() ? scene()->palette() : QPalette();
  painter->setPen(QPen(palette.mid().color(), 0.5));
  painter->drawLine(QPointF(6, top), QPointF(kCardWidth - 6, top));
  top += 2;
  const QColor state = stateColor(runInfo_.state);
  painter->setPen(Qt::NoPen);
  painter->setBrush(state);
  painter->drawEllipse(QPointF(12, top + kRunRowHeight / 2), 4, 4);
  painter->setPen(palette.text().color());
  const QRectF row(20, top, kCardWidth - 28, kRunRowHeight);
  painter->drawText(row, Qt::AlignVCenter | Qt::AlignLeft, stateText(runInfo_.state));
  if (runInfo_.ratePerSecond >= 0) {
    QFont bold = painter->font();
    bold.setBold(true);
    painter->save();
    painter->setFont(bold);
    painter->drawText(row, Qt::AlignVCenter | Qt::AlignRight, formatRate(runInfo_.ratePerSecond));
    painter->restore();
  }
  QColor dim = palette.text().color();
  dim.setAlpha(170);
  painter->setPen(dim);
  for (const QString& line : runInfo_.lines) {
    top += kRunRowHeight;
    painter->drawText(QRectF(8, top, kCardWidth - 16, kRunRowHeight),
                      Qt::AlignVCenter | Qt::AlignLeft, line);
  }
}

}  // namespace tributary::ui
