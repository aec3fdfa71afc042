#include "ui/canvas/canvas_style.h"

#include <QCoreApplication>
#include <QPainterPath>
#include <cmath>

namespace tributary::ui::canvas {

QColor categoryColor(const std::string& category) {
  // Mid-saturation hues under white text: readable on light and dark themes alike.
  if (category == "source") return QColor(0x1f, 0x8a, 0x84);     // teal
  if (category == "topic") return QColor(0x5a, 0x67, 0x7d);      // slate
  if (category == "window") return QColor(0xc2, 0x7c, 0x0e);     // amber
  if (category == "transform") return QColor(0x2f, 0x6f, 0xc4);  // blue
  if (category == "ml") return QColor(0x7e, 0x4f, 0xc0);         // purple
  if (category == "sink") return QColor(0x2e, 0x8b, 0x4a);       // green
  return QColor(0x80, 0x80, 0x80);
}

QColor portColor(PortFlow flow) {
  return flow == PortFlow::Table ? QColor(0xd9, 0x8c, 0x2b) : QColor(0x4f, 0x9d, 0xde);
}

void paintCategoryIcon(QPainter* painter, const QRectF& box, const std::string& category) {
  painter->save();
  painter->setPen(QPen(Qt::white, 1.4));
  painter->setBrush(Qt::NoBrush);
  const QRectF r = box.adjusted(2, 2, -2, -2);
  const QPointF c = r.center();
  if (category == "source") {
    // A spring: a dot sending out a wave.
    painter->setBrush(Qt::white);
    painter->drawEllipse(QPointF(r.left() + 2.5, c.y()), 2.5, 2.5);
    painter->setBrush(Qt::NoBrush);
    painter->drawArc(QRectF(r.left(), r.top(), r.width() * 0.8, r.height()), -60 * 16, 120 * 16);
    painter->drawArc(QRectF(r.left() - 3, r.top() - 1, r.width() + 2, r.height() + 2), -60 * 16,
                     120 * 16);
  } else if (category == "topic") {
    // A log: stacked segments.
    for (int i = 0; i < 3; ++i) {
      const double y = r.top() + 1 + i * r.height() / 3;
      painter->drawRect(QRectF(r.left(), y, r.width(), r.height() / 3 - 2));
    }
  } else if (category == "window") {
    // A window of time: a bracketed span.
    painter->drawRect(QRectF(r.left() + 2, r.top() + 2, r.width() - 4, r.height() - 4));
    painter->drawLine(QPointF(r.left(), c.y()), QPointF(r.right(), c.y()));
  } else if (category == "transform") {
    QPainterPath p;
    p.moveTo(c.x(), r.top());
    p.lineTo(r.right(), c.y());
    p.lineTo(c.x(), r.bottom());
    p.lineTo(r.left(), c.y());
    p.closeSubpath();
    painter->drawPath(p);
  } else if (category == "ml") {
    // A tiny network: three nodes joined.
    const QPointF a(r.left() + 2, r.bottom() - 2), b(c.x(), r.top() + 2), d(r.right() - 2, c.y());
    painter->drawLine(a, b);
    painter->drawLine(b, d);
    painter->drawLine(a, d);
    painter->setBrush(Qt::white);
    for (const QPointF& p : {a, b, d}) painter->drawEllipse(p, 2, 2);
  } else {
    // A sink: a basin.
    QPainterPath p;
    p.moveTo(r.left(), r.top() + 2);
    p.lineTo(r.left() + 2, r.bottom());
    p.lineTo(r.right() - 2, r.bottom());
    p.lineTo(r.right(), r.top() + 2);
    painter->drawPath(p);
    painter->drawLine(QPointF(c.x(), r.top()), QPointF(c.x(), c.y() + 1));
  }
  painter->restore();
}

QString formatCount(double n) {
  const double a = std::abs(n);
  if (a >= 1e9) return QString::number(n / 1e9, 'f', 1) + QLatin1Char('G');
  if (a >= 1e6) return QString::number(n / 1e6, 'f', 1) + QLatin1Char('M');
  if (a >= 1e3) return QString::number(n / 1e3, 'f', 1) + QLatin1Char('k');
  if (a >= 10 || n == std::floor(n)) return QString::number(std::round(n), 'f', 0);
  return QString::number(n, 'f', 1);
}

QString formatRate(double perSecond) {
  //: a rate: %1 is a compact count such as 12.4k
  return QCoreApplication::translate("canvas", "%1/s").arg(formatCount(perSecond));
}

double snapToGrid(double x) {
  return std::round(x / kGrid) * kGrid;
}

}  // namespace tributary::ui::canvas
