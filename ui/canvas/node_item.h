// A node as a card (ui.md): a header in its category's colour with an icon, the label and the
// validation badge; the kind in small text; the named ports on the left (inputs) and right
// (outputs), coloured by what flows; while running, the run state, the rate and extra lines.
// Ports are drawn and hit-tested by the card itself rather than as child items, which keeps a
// 1,000-node scene at one item per node. The card never edits the model: moves are collected
// by the PipelineScene and become one document command on release.
#pragma once

#include <QCoreApplication>
#include <QGraphicsItem>
#include <QList>
#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "pipeline/node_kind.h"
#include "pipeline/pipeline.h"
#include "ui/canvas/canvas_style.h"
#include "ui/canvas/run_info.h"

namespace tributary::ui {

class EdgeItem;

class NodeItem : public QGraphicsItem {
  Q_DECLARE_TR_FUNCTIONS(NodeItem)

 public:
  enum { Type = UserType + 1 };
  // How a port looks while a connection is dragged: one that would take it, or not.
  enum class PortHighlight { None, Accepts, Refuses };

  struct Port {
    std::string name;
    bool input = false;
    canvas::PortFlow flow = canvas::PortFlow::Records;
    bool multiple = false;  // an input that takes several edges (a topic, a union)
    PortHighlight highlight = PortHighlight::None;
  };

  // `kind` may be null (a kind the catalogue does not know): the card then has no ports.
  NodeItem(const pipeline::Node& node, const pipeline::NodeKind* kind);
  int type() const override { return Type; }

  const QString& id() const { return id_; }
  // Label, kind, parameters (a table join's right port) changed: ports are rebuilt.
  void setModel(const pipeline::Node& node, const pipeline::NodeKind* kind);
  // The document's problems about this node; empty: the badge says ok.
  void setProblems(const QStringList& problems);
  const QStringList& problems() const { return problems_; }
  void setRunInfo(const NodeRunInfo& info);
  void clearRunInfo();
  bool hasRunInfo() const { return hasRunInfo_; }
  const NodeRunInfo& runInfo() const { return runInfo_; }

  const std::vector<Port>& ports() const { return ports_; }
  // The port under `local` (item coordinates), or -1.
  int portAt(QPointF local) const;
  int findPort(const std::string& name, bool input) const;
  QPointF portPos(int index) const;  // item coordinates
  // Where an edge meets the card: the port, or the side's middle for a port the kind lacks.
  QPointF anchorScenePos(const std::string& port, bool input) const;
  pipeline::PortRef portRef(int index) const { return {id_.toStdString(), ports_[index].name}; }
  bool isPortConnected(int index) const;
  void setPortHighlight(int index, PortHighlight highlight);
  void clearPortHighlights();

  // Edges that touch the card follow it when it moves.
  void addEdge(EdgeItem* edge);
  void removeEdge(EdgeItem* edge);
  const QList<EdgeItem*>& edges() const { return edges_; }

  QRectF cardRect() const;
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
  void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;

 private:
  QRectF badgeRect() const;
  int portRows() const;
  void paintSimple(QPainter* painter);
  void paintRun(QPainter* painter, double top);

  QString id_, label_, kindTitle_, kindHelp_;
  std::string category_;
  std::vector<Port> ports_;
  QList<EdgeItem*> edges_;
  QStringList problems_;
  NodeRunInfo runInfo_;
  bool hasRunInfo_ = false;
};

}  // namespace tributary::ui
