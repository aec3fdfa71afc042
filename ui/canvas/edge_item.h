// An edge as a curve from an output port to an input port. While running, its width grows
// with the rate, its label shows records/s, and an edge into a topic turns amber, then red,
// as the topic's lag grows. The path is kept in scene coordinates and recomputed when either
// card moves. The label is an item of its own above the cards, so that it stays readable
// between cards that stand close.
#pragma once

#include <QCoreApplication>
#include <QGraphicsItem>
#include <QPainterPath>

#include "pipeline/pipeline.h"
#include "ui/canvas/run_info.h"

namespace tributary::ui {

class NodeItem;

class EdgeItem : public QGraphicsItem {
  Q_DECLARE_TR_FUNCTIONS(EdgeItem)

 public:
  enum { Type = UserType + 2 };

  EdgeItem(const pipeline::Edge& edge, NodeItem* from, NodeItem* to);
  ~EdgeItem() override;
  int type() const override { return Type; }

  const pipeline::Edge& edge() const { return edge_; }
  NodeItem* fromNode() const { return from_; }
  NodeItem* toNode() const { return to_; }
  const QPainterPath& path() const { return path_; }

  // The ends moved (a card moved, its ports changed).
  void updatePath();
  void setRunInfo(const EdgeRunInfo& info);
  void clearRunInfo();
  const EdgeRunInfo& runInfo() const { return run_; }
  // "12.4k/s · lag 3.1k" while running, else empty.
  QString label() const;
  // Whether the edge feeds a topic: only those show lag.
  void setIntoTopic(bool intoTopic) { intoTopic_ = intoTopic; }

  // The curve between two port positions, leaving and entering horizontally; the rubber
  // edge of a connection drag uses it too.
  static QPainterPath curve(QPointF from, QPointF to);
  // Pen width for a rate (records/s): 2 at rest, growing with the order of magnitude.
  static double widthForRate(double perSecond);
  // The colour of an edge into a topic for a lag (records behind): none below 1k, then amber
  // to red at 1M and beyond.
  static QColor lagColor(double lag, const QColor& calm);

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

 private:
  class Label;
  double width() const;
  QColor colour() const;

  pipeline::Edge edge_;
  NodeItem* from_;
  NodeItem* to_;
  QPainterPath path_;
  Label* label_ = nullptr;  // while running
  EdgeRunInfo run_;
  bool hasRun_ = false;
  bool intoTopic_ = false;
};

}  // namespace tributary::ui
