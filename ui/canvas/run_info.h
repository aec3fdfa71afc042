// What a running pipeline tells the canvas about a node or an edge; the run overlay fills
// these from the engine's metrics and the scene paints them (PipelineScene::setNodeRunInfo).
#pragma once

#include <QMetaType>
#include <QStringList>

namespace tributary::ui {

enum class NodeRunState { Idle, Running, Paused, Failed };

struct NodeRunInfo {
  NodeRunState state = NodeRunState::Idle;
  double ratePerSecond = -1;  // records/s out of the node; negative: not shown
  // Extra lines under the rate: a window's "wm 12:03:10" and "late 3", an ML node's
  // headline metric ("MAE 0.42").
  QStringList lines;
};

struct EdgeRunInfo {
  double ratePerSecond = -1;  // negative: not shown
  double lag = -1;            // records behind, for an edge into a topic; negative: none
};

}  // namespace tributary::ui

Q_DECLARE_METATYPE(tributary::ui::NodeRunInfo)
