// Pure helpers over the pipeline model that the document and its commands share: fresh node
// ids, node positions, the fragment of a selection (what copy puts on the clipboard) and its
// ids remapped for a paste, reachability for the cycle check.
#pragma once

#include <QPointF>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "pipeline/pipeline.h"

namespace tributary::ui {

// "transform.filter" -> "filter", "topic" -> "topic": the stem of ids of new nodes.
std::string idStemOfKind(const std::string& kind);
// "filter-3" -> "filter", "clicks" -> "clicks": the stem of ids of pasted copies.
std::string idStemOfId(const std::string& id);
// `stem` when it is free, else stem-2, stem-3, ...
std::string uniqueNodeId(const std::string& stem,
                         const std::function<bool(const std::string&)>& taken);

QPointF nodePosition(const pipeline::Node& node);
// Writes x and y as integers (stable bytes on save), keeping the rest of `ui`.
void setNodePosition(pipeline::Node& node, QPointF at);

// The nodes of `ids` (in document order) and the edges between two of them.
pipeline::Pipeline selectionFragment(const pipeline::Pipeline& pipeline,
                                     const std::set<std::string>& ids);

// Gives every node of `fragment` whose id is taken a fresh id (stem of its id), rewrites the
// fragment's edges to match, drops edges to nodes outside it and moves every node by
// `offset`. Returns old id -> new id for every node.
std::map<std::string, std::string> remapFragment(
    pipeline::Pipeline& fragment, const std::function<bool(const std::string&)>& taken,
    QPointF offset);

inline bool sameEdge(const pipeline::Edge& a, const pipeline::Edge& b) {
  return a.from.node == b.from.node && a.from.port == b.from.port && a.to.node == b.to.node &&
         a.to.port == b.to.port;
}

// Whether a path of edges leads from node `from` to node `to` (true when they are equal).
bool reaches(const pipeline::Pipeline& pipeline, const std::string& from, const std::string& to);

}  // namespace tributary::ui
