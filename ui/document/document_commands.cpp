#include "ui/document/document_commands.h"

#include <algorithm>
#include <cassert>

#include "ui/document/graph_edit.h"

namespace tributary::ui {

std::size_t DocumentCommand::nodeIndex(const std::string& id) const {
  const auto& nodes = model().nodes;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id == id) return i;
  }
  // The stack guarantees the state a command left; a missing node is a bug in a command.
  assert(false && "a command names a node that is not in the document");
  return nodes.size();
}

std::size_t DocumentCommand::edgeIndex(const pipeline::Edge& edge) const {
  const auto& edges = model().edges;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (sameEdge(edges[i], edge)) return i;
  }
  assert(false && "a command names an edge that is not in the document");
  return edges.size();
}

// --- AddNodeCommand ---------------------------------------------------------------------

AddNodeCommand::AddNodeCommand(PipelineDocument* document, pipeline::Node node)
    : DocumentCommand(document), node_(std::move(node)) {
  setText(DocumentCommand::tr("Add %1").arg(QString::fromStdString(node_.id)));
}

void AddNodeCommand::redo() {
  insertNode(model().nodes.size(), node_);
}

void AddNodeCommand::undo() {
  takeNode(nodeIndex(node_.id));
}

// --- RemoveNodesCommand -----------------------------------------------------------------

RemoveNodesCommand::RemoveNodesCommand(PipelineDocument* document, std::set<std::string> ids,
                                       const QString& text)
    : DocumentCommand(document), ids_(std::move(ids)) {
  setText(text);
}

void RemoveNodesCommand::redo() {
  const auto& m = model();
  edges_.clear();
  nodes_.clear();
  for (std::size_t i = 0; i < m.edges.size(); ++i) {
    const auto& e = m.edges[i];
    if (ids_.count(e.from.node) || ids_.count(e.to.node)) edges_.push_back({i, e});
  }
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    if (ids_.count(m.nodes[i].id)) nodes_.push_back({i, m.nodes[i]});
  }
  // From the back, so that the recorded indices stay valid.
  for (auto it = edges_.rbegin(); it != edges_.rend(); ++it) takeEdge(it->first);
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) takeNode(it->first);
}

void RemoveNodesCommand::undo() {
  for (const auto& [index, node] : nodes_) insertNode(index, node);
  for (const auto& [index, edge] : edges_) insertEdge(index, edge);
}

// --- PositionsCommand, MoveNodesCommand, AutoLayoutCommand ------------------------------

PositionsCommand::PositionsCommand(PipelineDocument* document, std::map<std::string, QPointF> to,
                                   const QString& text)
    : DocumentCommand(document), to_(std::move(to)) {
  setText(text);
}

void PositionsCommand::redo() {
  apply(true);
}

void PositionsCommand::undo() {
  apply(false);
}

void PositionsCommand::apply(bool forward) {
  if (forward && before_.empty()) {
    for (const auto& [id, at] : to_) before_[id] = model().nodes[nodeIndex(id)].ui;
  }
  for (const auto& [id, at] : to_) {
    const std::size_t index = nodeIndex(id);
    if (!forward) {
      setNodeUi(index, before_[id]);
      continue;
    }
    pipeline::Node moved;
    moved.ui = model().nodes[index].ui;
    setNodePosition(moved, at);
    setNodeUi(index, std::move(moved.ui));
  }
}

MoveNodesCommand::MoveNodesCommand(PipelineDocument* document, std::map<std::string, QPointF> to)
    : PositionsCommand(document, std::move(to), {}) {
  setText(to_.size() == 1
              ? DocumentCommand::tr("Move %1").arg(QString::fromStdString(to_.begin()->first))
              : DocumentCommand::tr("Move %n node(s)", nullptr, static_cast<int>(to_.size())));
}

bool MoveNodesCommand::mergeWith(const QUndoCommand* other) {
  const auto* move = static_cast<const MoveNodesCommand*>(other);
  if (move->to_.size() != to_.size()) return false;
  for (const auto& [id, at] : move->to_) {
    if (!to_.count(id)) return false;
  }
  to_ = move->to_;
  // Dragged back to where they were: nothing is left to undo.
  bool moved = false;
  for (const auto& [id, at] : to_) {
    pipeline::Node start;
    start.ui = before_[id];
    setNodePosition(start, at);
    moved = moved || start.ui != before_[id];
  }
  setObsolete(!moved);
  return true;
}

AutoLayoutCommand::AutoLayoutCommand(PipelineDocument* document, std::map<std::string, QPointF> to)
    : PositionsCommand(document, std::move(to), DocumentCommand::tr("Auto layout")) {}

// --- ConnectCommand, DisconnectCommand --------------------------------------------------

ConnectCommand::ConnectCommand(PipelineDocument* document, pipeline::Edge edge)
    : DocumentCommand(document), edge_(std::move(edge)) {
  setText(
      DocumentCommand::tr("Connect %1 to %2")
          .arg(QString::fromStdString(edge_.from.text()), QString::fromStdString(edge_.to.text())));
}

void ConnectCommand::redo() {
  insertEdge(model().edges.size(), edge_);
}

void ConnectCommand::undo() {
  takeEdge(edgeIndex(edge_));
}

DisconnectCommand::DisconnectCommand(PipelineDocument* document, std::vector<pipeline::Edge> edges,
                                     QUndoCommand* parent)
    : DocumentCommand(document, parent), edges_(std::move(edges)) {
  if (edges_.size() == 1) {
    setText(DocumentCommand::tr("Disconnect %1 from %2")
                .arg(QString::fromStdString(edges_[0].from.text()),
                     QString::fromStdString(edges_[0].to.text())));
  } else {
    setText(DocumentCommand::tr("Disconnect %n edge(s)", nullptr, static_cast<int>(edges_.size())));
  }
}

void DisconnectCommand::redo() {
  removed_.clear();
  for (const auto& e : edges_) removed_.push_back({edgeIndex(e), e});
  std::sort(removed_.begin(), removed_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto it = removed_.rbegin(); it != removed_.rend(); ++it) takeEdge(it->first);
}

void DisconnectCommand::undo() {
  for (const auto& [index, edge] : removed_) insertEdge(index, edge);
}

// --- SetParamCommand, RenameNodeCommand -------------------------------------------------

SetParamCommand::SetParamCommand(PipelineDocument* document, std::string node, std::string name,
                                 nlohmann::json value)
    : DocumentCommand(document),
      node_(std::move(node)),
      name_(std::move(name)),
      value_(std::move(value)) {
  setText(DocumentCommand::tr("Edit %1.%2")
              .arg(QString::fromStdString(node_), QString::fromStdString(name_)));
}

void SetParamCommand::write(const nlohmann::json& value) {
  const std::size_t index = nodeIndex(node_);
  pipeline::Node node = model().nodes[index];
  if (value.is_null())
    node.params.erase(name_);
  else
    node.params[name_] = value;
  replaceNode(index, std::move(node));
}

void SetParamCommand::redo() {
  if (!before_) {
    const auto& params = model().nodes[nodeIndex(node_)].params;
    before_ = params.contains(name_) ? params[name_] : nlohmann::json();
  }
  write(value_);
}

void SetParamCommand::undo() {
  write(*before_);
}

bool SetParamCommand::mergeWith(const QUndoCommand* other) {
  const auto* edit = static_cast<const SetParamCommand*>(other);
  if (edit->node_ != node_ || edit->name_ != name_) return false;
  value_ = edit->value_;
  setObsolete(value_ == *before_);
  return true;
}

RenameNodeCommand::RenameNodeCommand(PipelineDocument* document, std::string node,
                                     std::string label)
    : DocumentCommand(document), node_(std::move(node)), label_(std::move(label)) {
  setText(DocumentCommand::tr("Rename %1").arg(QString::fromStdString(node_)));
}

void RenameNodeCommand::redo() {
  const std::size_t index = nodeIndex(node_);
  pipeline::Node node = model().nodes[index];
  if (!before_) before_ = node.label;
  node.label = label_;
  replaceNode(index, std::move(node));
}

void RenameNodeCommand::undo() {
  const std::size_t index = nodeIndex(node_);
  pipeline::Node node = model().nodes[index];
  node.label = *before_;
  replaceNode(index, std::move(node));
}

bool RenameNodeCommand::mergeWith(const QUndoCommand* other) {
  const auto* rename = static_cast<const RenameNodeCommand*>(other);
  if (rename->node_ != node_) return false;
  label_ = rename->label_;
  setObsolete(label_ == *before_);
  return true;
}

// --- InsertFragmentCommand, ReplaceNodeCommand, ImportReplaceCommand --------------------

InsertFragmentCommand::InsertFragmentCommand(PipelineDocument* document,
                                             pipeline::Pipeline fragment, const QString& text,
                                             QUndoCommand* parent)
    : DocumentCommand(document, parent), fragment_(std::move(fragment)) {
  setText(text);
}

void InsertFragmentCommand::redo() {
  for (const auto& n : fragment_.nodes) insertNode(model().nodes.size(), n);
  for (const auto& e : fragment_.edges) insertEdge(model().edges.size(), e);
}

void InsertFragmentCommand::undo() {
  // Appended last, so they are the last ones now.
  for (std::size_t i = 0; i < fragment_.edges.size(); ++i) takeEdge(model().edges.size() - 1);
  for (std::size_t i = 0; i < fragment_.nodes.size(); ++i) takeNode(model().nodes.size() - 1);
}

ReplaceNodeCommand::ReplaceNodeCommand(PipelineDocument* document, pipeline::Node node,
                                       QUndoCommand* parent)
    : DocumentCommand(document, parent), node_(std::move(node)) {
  setText(DocumentCommand::tr("Replace %1").arg(QString::fromStdString(node_.id)));
}

void ReplaceNodeCommand::redo() {
  const std::size_t index = nodeIndex(node_.id);
  if (!before_) before_ = model().nodes[index];
  replaceNode(index, node_);
}

void ReplaceNodeCommand::undo() {
  replaceNode(nodeIndex(node_.id), *before_);
}

ImportReplaceCommand::ImportReplaceCommand(PipelineDocument* document,
                                           const pipeline::Pipeline& imported, const QString& text)
    : DocumentCommand(document) {
  setText(text);
  const auto& m = model();
  const auto& kinds = document->kinds();
  // Whether a replaced node still has a port; unknown kinds are given the benefit of the doubt.
  auto port = [&](const std::string& id, const std::string& name,
                  bool input) -> const pipeline::PortSpec* {
    static const pipeline::PortSpec unknown{"", true};
    const pipeline::NodeKind* kind = kinds.find(imported.node(id)->kind);
    if (!kind) return &unknown;
    for (const auto& p : input ? kind->inputs : kind->outputs) {
      if (p.name == name) return &p;
    }
    return nullptr;
  };
  auto imported_edge = [&](const pipeline::Edge& e) {
    return std::any_of(imported.edges.begin(), imported.edges.end(),
                       [&](const pipeline::Edge& f) { return sameEdge(e, f); });
  };
  auto fed_by_import = [&](const pipeline::PortRef& to) {
    return std::any_of(imported.edges.begin(), imported.edges.end(), [&](const pipeline::Edge& f) {
      return f.to.node == to.node && f.to.port == to.port;
    });
  };

  std::vector<pipeline::Edge> dropped, kept_twins;
  for (const auto& e : m.edges) {
    bool drop = false;
    if (imported.node(e.from.node)) drop = !port(e.from.node, e.from.port, false);
    if (!drop && imported.node(e.to.node)) {
      const pipeline::PortSpec* in = port(e.to.node, e.to.port, true);
      if (imported_edge(e))
        kept_twins.push_back(e);  // the import has it too: keep this one, skip that one
      else
        drop = !in || (!in->multiple && fed_by_import(e.to));
    }
    if (drop) dropped.push_back(e);
  }
  pipeline::Pipeline added;
  for (const auto& n : imported.nodes) {
    if (!m.node(n.id)) added.nodes.push_back(n);
  }
  for (const auto& e : imported.edges) {
    if (std::none_of(kept_twins.begin(), kept_twins.end(),
                     [&](const pipeline::Edge& f) { return sameEdge(e, f); }))
      added.edges.push_back(e);
  }

  if (!dropped.empty()) new DisconnectCommand(document, std::move(dropped), this);
  for (const auto& n : imported.nodes) {
    if (m.node(n.id)) new ReplaceNodeCommand(document, n, this);
  }
  if (!added.nodes.empty() || !added.edges.empty())
    new InsertFragmentCommand(document, std::move(added), {}, this);
}

}  // namespace tributary::ui
