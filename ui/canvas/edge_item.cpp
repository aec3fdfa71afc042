#include "ui/canvas/edge_item.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "ui/canvas/canvas_style.h"
#include "ui/canvas/node_item.h"

namespace tributary::ui {

using namespace canvas;

namespace {
constexpr double kLabelWidth = 120, kLabelHeight = 18;
}

// The rate (and lag) on the curve's middle, framed in the edge's colour. The scene deletes
// top-level items in any order, so edge and label forget each other when either goes.
class EdgeItem::Label : public QGraphicsItem {
 public:
  explicit Label(EdgeItem* edge) : edge_(edge) {
    setZValue(2);  // over the cards, under a connection being dragged
    setAcceptedMouseButtons(Qt::NoButton);
  }
  ~Label() override {
    if (edge_) edge_->label_ = nullptr;
  }
  void forget() { edge_ = nullptr; }
  QRectF boundingRect() const override {
    return QRectF(-kLabelWidth / 2, -kLabelHeight / 2, kLabelWidth, kLabelHeight);
  }
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) override {
    if (!edge_ || option->levelOfDetailFromTransform(painter->worldTransform()) < kDetailZoom)
      return;
    const QString text = edge_->label();
    if (text.isEmpty()) return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QFontMetricsF metrics(painter->font());
    const double w = std::min(kLabelWidth, metrics.horizontalAdvance(text) + 8);
    const QRectF box(-w / 2, -kLabelHeight / 2, w, kLabelHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(edge_->colour(), 1));
    painter->setBrush(palette.base());
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(palette.text().color());
    painter->drawText(box, Qt::AlignCenter, text);
  }

 private:
  EdgeItem* edge_;
};

EdgeItem::EdgeItem(const pipeline::Edge& edge, NodeItem* from, NodeItem* to)
    : edge_(edge), from_(from), to_(to) {
  setFlag(ItemIsSelectable);
  setZValue(-1);  // under the cards
  setToolTip(QStringLiteral("%1 → %2").arg(QString::fromStdString(edge.from.text()),
                                           QString::fromStdString(edge.to.text())));
  updatePath();
}

QPainterPath EdgeItem::curve(QPointF from, QPointF to) {
  // Control points pulled out horizontally; further for edges that go back to the left, so
  // that they loop around instead of crossing the cards.
  const double dx = to.x() - from.x();
  const double pull = dx >= 0 ? std::max(40.0, dx * 0.5) : std::max(80.0, -dx * 0.5);
  QPainterPath path(from);
  path.cubicTo(from + QPointF(pull, 0), to - QPointF(pull, 0), to);
  return path;
}

double EdgeItem::widthForRate(double perSecond) {
  if (perSecond <= 0) return 2;
  return std::min(8.0, 2 + std::log10(1 + perSecond));
}

QColor EdgeItem::lagColor(double lag, const QColor& calm) {
  if (lag < 1000) return calm;
  const QColor amber(0xe0, 0xa0, 0x1c), red(0xd0, 0x30, 0x30);
  const double t = std::clamp((std::log10(lag) - 3) / 3, 0.0, 1.0);  // 1k -> 0, 1M -> 1
  return QColor::fromRgbF(static_cast<float>(amber.redF() + t * (red.redF() - amber.redF())),
                          static_cast<float>(amber.greenF() + t * (red.greenF() - amber.greenF())),
                          static_cast<float>(amber.blueF() + t * (red.blueF() - amber.blueF())));
}

EdgeItem::~EdgeItem() {
  if (label_) {
    label_->forget();
    delete label_;
  }
}

void EdgeItem::updatePath() {
  prepareGeometryChange();
  path_ = curve(from_->anchorScenePos(edge_.from.port, false),
                to_->anchorScenePos(edge_.to.port, true));
  if (label_) label_->setPos(path_.pointAtPercent(0.5));
}

void EdgeItem::setRunInfo(const EdgeRunInfo& info) {
  prepareGeometryChange();
  run_ = info;
  hasRun_ = true;
  if (!label_ && scene()) {
    label_ = new Label(this);
    label_->setPos(path_.pointAtPercent(0.5));
    scene()->addItem(label_);
  }
  if (label_) label_->update();
  update();
}

void EdgeItem::clearRunInfo() {
  if (!hasRun_) return;
  prepareGeometryChange();
  run_ = {};
  hasRun_ = false;
  delete label_;  // its destructor clears label_
  update();
}

double EdgeItem::width() const {
  return hasRun_ ? widthForRate(run_.ratePerSecond) : 2;
}

QString EdgeItem::label() const {
  if (!hasRun_) return {};
  QStringList parts;
  if (run_.ratePerSecond >= 0) parts << formatRate(run_.ratePerSecond);
  if (intoTopic_ && run_.lag >= 0) parts << tr("lag %1").arg(formatCount(run_.lag));
  return parts.join(QStringLiteral(" · "));
}

QColor EdgeItem::colour() const {
  const int i = to_->findPort(edge_.to.port, true);
  QColor c = portColor(i >= 0 ? to_->ports()[static_cast<std::size_t>(i)].flow : PortFlow::Records);
  if (hasRun_ && intoTopic_) c = lagColor(run_.lag, c);
  if (isSelected() && scene()) c = scene()->palette().highlight().color();
  return c;
}

QRectF EdgeItem::boundingRect() const {
  const double m = width() / 2 + 2;
  return path_.boundingRect().adjusted(-m, -m, m, m);
}

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemSelectedHasChanged && label_) label_->update();  // framed in the colour
  return QGraphicsItem::itemChange(change, value);
}

QPainterPath EdgeItem::shape() const {
  // A band wide enough to click.
  QPainterPathStroker stroker;
  stroker.setWidth(std::max(10.0, width() + 6));
  return stroker.createStroke(path_);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
  const bool detail = lod >= kDetailZoom;
  const QColor colour = this->colour();
  painter->setRenderHint(QPainter::Antialiasing, detail);
  // Zoomed out, a cosmetic pen: the edge stays a visible hairline rather than a smear.
  QPen pen(colour, detail ? width() : 0);
  if (isSelected() && detail) pen.setWidthF(width() + 1);
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path_);
}

}  // namespace tributary::ui
