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

void EdgeItem::updatePath() {
  prepareGeometryChange();
  path_ = curve(from_->anchorScenePos(edge_.from.port, false),
                to_->anchorScenePos(edge_.to.port, true));
  labelAt_ = path_.pointAtPercent(0.5);
}

void EdgeItem::setRunInfo(const EdgeRunInfo& info) {
  prepareGeometryChange();
  run_ = info;
  hasRun_ = true;
  update();
}

void EdgeItem::clearRunInfo() {
  if (!hasRun_) return;
  prepareGeometryChange();
  run_ = {};
  hasRun_ = false;
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

QRectF EdgeItem::boundingRect() const {
  const double m = width() / 2 + 2;
  QRectF r = path_.boundingRect().adjusted(-m, -m, m, m);
  if (hasRun_) {
    r |= QRectF(labelAt_.x() - kLabelWidth / 2, labelAt_.y() - kLabelHeight / 2, kLabelWidth,
                kLabelHeight);
  }
  return r;
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
  const QPalette palette = scene() ? scene()->palette() : QPalette();
  const PortFlow flow = [&] {
    const int i = to_->findPort(edge_.to.port, true);
    return i >= 0 ? to_->ports()[static_cast<std::size_t>(i)].flow : PortFlow::Records;
  }();
  QColor colour = portColor(flow);
  if (hasRun_ && intoTopic_) colour = lagColor(run_.lag, colour);
  if (isSelected()) colour = palette.highlight().color();

  painter->setRenderHint(QPainter::Antialiasing, detail);
  // Zoomed out, a cosmetic pen: the edge stays a visible hairline rather than a smear.
  QPen pen(colour, detail ? width() : 0);
  if (isSelected() && detail) pen.setWidthF(width() + 1);
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path_);

  const QString text = detail ? label() : QString();
  if (!text.isEmpty()) {
    const QFontMetricsF metrics(painter->font());
    const double w = std::min(kLabelWidth, metrics.horizontalAdvance(text) + 8);
    // On the curve's middle, over the line, framed in the edge's colour.
    const QRectF box(labelAt_.x() - w / 2, labelAt_.y() - kLabelHeight / 2, w, kLabelHeight);
    painter->setPen(QPen(colour, 1));
    painter->setBrush(palette.base());
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(palette.text().color());
    painter->drawText(box, Qt::AlignCenter, text);
  }
}

}  // namespace tributary::ui
