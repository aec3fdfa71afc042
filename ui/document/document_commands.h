// The undoable edits of a PipelineDocument. Each command names nodes by id and finds them
// when it runs, relying on the undo stack's promise that redo() and undo() always see the
// state they left; what a command changes is recorded on its first redo().
#pragma once

#include <QCoreApplication>
#include <QPointF>
#include <QUndoCommand>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/pipeline.h"
#include "ui/document/pipeline_document.h"

namespace tributary::ui {

// The base of every command: the only way to reach the document's primitive changes.
class DocumentCommand : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(tributary::ui::DocumentCommand)

 public:
  explicit DocumentCommand(PipelineDocument* document, QUndoCommand* parent = nullptr)
      : QUndoCommand(parent), document_(document) {}

 protected:
  // Ids of the commands that merge (QUndoCommand::id()).
  enum MergeId { kMoveNodes = 1, kSetParam, kRenameNode };

  PipelineDocument* document() const { return document_; }
  const pipeline::Pipeline& model() const { return document_->pipeline_; }
  std::size_t nodeIndex(const std::string& id) const;
  std::size_t edgeIndex(const pipeline::Edge& edge) const;

  void insertNode(std::size_t index, pipeline::Node node) {
    document_->insertNode(index, std::move(node));
  }
  pipeline::Node takeNode(std::size_t index) { return document_->takeNode(index); }
  void replaceNode(std::size_t index, pipeline::Node node) {
    document_->replaceNode(index, std::move(node));
  }
  void setNodeUi(std::size_t index, nlohmann::json ui) {
    document_->setNodeUi(index, std::move(ui));
  }
  void insertEdge(std::size_t index, pipeline::Edge edge) {
    document_->insertEdge(index, std::move(edge));
  }
  pipeline::Edge takeEdge(std::size_t index) { return document_->takeEdge(index); }

 private:
  PipelineDocument* document_;
};

// Appends one node.
class AddNodeCommand : public DocumentCommand {
 public:
  AddNodeCommand(PipelineDocument* document, pipeline::Node node);
  void redo() override;
  void undo() override;

 private:
  pipeline::Node node_;
};

// Removes nodes and every edge that touches them; undo puts nodes and edges back where they
// were in the document's lists, so that the saved bytes are the same as before.
class RemoveNodesCommand : public DocumentCommand {
 public:
  RemoveNodesCommand(PipelineDocument* document, std::set<std::string> ids, const QString& text);
  void redo() override;
  void undo() override;

 private:
  std::set<std::string> ids_;
  std::vector<std::pair<std::size_t, pipeline::Node>> nodes_;  // ascending index
  std::vector<std::pair<std::size_t, pipeline::Edge>> edges_;  // ascending index
};

// Sets node positions, remembering the old ones on the first redo().
class PositionsCommand : public DocumentCommand {
 public:
  PositionsCommand(PipelineDocument* document, std::map<std::string, QPointF> to,
                   const QString& text);
  void redo() override;
  void undo() override;

 protected:
  void apply(bool forward);
  std::map<std::string, QPointF> to_;
  std::map<std::string, nlohmann::json> before_;  // each node's whole `ui`
};

// A drag or a nudge: consecutive moves of the same set of nodes are one step.
class MoveNodesCommand : public PositionsCommand {
 public:
  MoveNodesCommand(PipelineDocument* document, std::map<std::string, QPointF> to);
  int id() const override { return kMoveNodes; }
  bool mergeWith(const QUndoCommand* other) override;
};

// The result of autoLayout() for every node, as one step that never merges.
class AutoLayoutCommand : public PositionsCommand {
 public:
  AutoLayoutCommand(PipelineDocument* document, std::map<std::string, QPointF> to);
};

class ConnectCommand : public DocumentCommand {
 public:
  ConnectCommand(PipelineDocument* document, pipeline::Edge edge);
  void redo() override;
  void undo() override;

 private:
  pipeline::Edge edge_;
};

// Removes edges; undo puts them back at their places in the list.
class DisconnectCommand : public DocumentCommand {
 public:
  DisconnectCommand(PipelineDocument* document, std::vector<pipeline::Edge> edges,
                    QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  std::vector<pipeline::Edge> edges_;
  std::vector<std::pair<std::size_t, pipeline::Edge>> removed_;  // ascending index
};

// One parameter of one node; a null value removes it. Consecutive edits of the same
// parameter merge (typing in the inspector), and an edit back to the start disappears.
class SetParamCommand : public DocumentCommand {
 public:
  SetParamCommand(PipelineDocument* document, std::string node, std::string name,
                  nlohmann::json value);
  void redo() override;
  void undo() override;
  int id() const override { return kSetParam; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  void write(const nlohmann::json& value);
  std::string node_, name_;
  nlohmann::json value_;
  std::optional<nlohmann::json> before_;  // null json: the parameter was absent
};

// A node's label; consecutive renames of the same node merge.
class RenameNodeCommand : public DocumentCommand {
 public:
  RenameNodeCommand(PipelineDocument* document, std::string node, std::string label);
  void redo() override;
  void undo() override;
  int id() const override { return kRenameNode; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  std::string node_, label_;
  std::optional<std::string> before_;
};

// Appends the nodes and edges of a fragment whose ids are already fresh: paste, duplicate,
// and the new nodes of an import.
class InsertFragmentCommand : public DocumentCommand {
 public:
  InsertFragmentCommand(PipelineDocument* document, pipeline::Pipeline fragment,
                        const QString& text, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  pipeline::Pipeline fragment_;
};

// Puts another node (kind, label, parameters, layout) in the place of the node with its id.
class ReplaceNodeCommand : public DocumentCommand {
 public:
  ReplaceNodeCommand(PipelineDocument* document, pipeline::Node node,
                     QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  pipeline::Node node_;
  std::optional<pipeline::Node> before_;
};

// An import in Replace mode: edges that no longer fit go, clashing nodes are replaced, the
// other nodes and the imported edges are added; one step made of those child commands.
class ImportReplaceCommand : public DocumentCommand {
 public:
  // `imported` must have been read against `document`'s current state.
  ImportReplaceCommand(PipelineDocument* document, const pipeline::Pipeline& imported,
                       const QString& text);
};

}  // namespace tributary::ui
