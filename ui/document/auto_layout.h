// Auto layout of a pipeline, layered left to right (Sugiyama style): longest-path layers, so
// that every edge points right; dummy slots for edges that skip layers, so that they pass
// between cards; the order within a layer by barycentre sweeps, keeping the order with the
// fewest crossings. A pure function of the model, so the command and the tests share it.
#pragma once

#include <QPointF>
#include <map>
#include <string>

#include "pipeline/pipeline.h"

namespace tributary::ui {

struct AutoLayoutOptions {
  QPointF origin{40, 40};     // top-left of the layout
  double layerSpacing = 260;  // between the left edges of two layers
  double rowSpacing = 140;    // between two slots of a layer
  int sweeps = 8;             // down-and-up barycentre passes
};

// A position for every node of `pipeline`, by id. Edges on a cycle (a document with
// problems) are left out of the layering, so the layout still exists.
std::map<std::string, QPointF> layeredLayout(const pipeline::Pipeline& pipeline,
                                             const AutoLayoutOptions& options = {});

// How many pairs of edges cross between adjacent layers of a layout (edges that skip layers
// count as straight segments between their ends); for tests and for choosing orders.
int edgeCrossings(const pipeline::Pipeline& pipeline, const std::map<std::string, QPointF>& at);

}  // namespace tributary::ui
