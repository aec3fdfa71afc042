// The designer's document, without widgets: it owns the pipeline model and the undo stack,
// and every edit is a command on that stack (document_commands.h), so that undo, redo, the
// dirty flag and the diagnostics are the same whether a scene, a test or a script edits.
// Views observe the fine-grained signals (the model is kept apart from the scene, as in
// QtNodes) and read the model through the const accessors.
#pragma once

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <map>
#include <string>

#include "pipeline/diagnostic.h"
#include "pipeline/node_kind.h"
#include "pipeline/pipeline.h"

class QUndoStack;

namespace tributary::ui {

class DocumentCommand;

class PipelineDocument : public QObject {
  Q_OBJECT

 public:
  // What an import does with a node whose id the document already has.
  enum class ImportMode {
    Copy,     // import it as a copy with a new id
    Replace,  // the imported node takes the place of the document's one
  };
  Q_ENUM(ImportMode)

  // How far a duplicate lands from its original, in scene units.
  static constexpr double kDuplicateOffset = 40;

  explicit PipelineDocument(QObject* parent = nullptr);
  ~PipelineDocument() override;

  // --- Reading --------------------------------------------------------------------------
  const pipeline::Pipeline& pipeline() const { return pipeline_; }
  const pipeline::Node* node(const QString& id) const;
  QPointF nodePosition(const QString& id) const;
  // The node kinds the document is checked against (the built-in catalogue).
  const pipeline::NodeRegistry& kinds() const;
  QUndoStack* undoStack() const { return stack_; }

  QString filePath() const { return filePath_; }
  QString fileName() const;  // the file's name, or "Untitled"
  bool isDirty() const;
  QString windowTitle() const;  // "name.json* — Tributary"

  // Every problem of the document as the engine words it (`node.param: message`), kept up to
  // date after each change.
  const pipeline::Diagnostics& diagnostics() const { return diagnostics_; }
  // The problems that concern one node (its parameters and ports), for its badge.
  pipeline::Diagnostics diagnosticsOf(const QString& id) const;

  // --- Files ----------------------------------------------------------------------------
  // An empty, untitled pipeline with a clean undo stack.
  void newPipeline();
  // Reads a pipeline file. A file that is not a pipeline (not JSON, another format, a newer
  // version) is refused: the document is unchanged and the reason is returned. A pipeline with
  // problems is opened and its problems are listed by diagnostics(). Empty on success.
  QString open(const QString& path);
  // Writes the canonical bytes of the model atomically (QSaveFile), so that open -> save of a
  // canonical file gives the same bytes; `path` becomes the document's file (Save As) and the
  // current state the clean one. Empty on success, else why not.
  QString save(const QString& path);

  // --- Rules ----------------------------------------------------------------------------
  // Whether an edge from an output to an input may be added; if not, a sentence for the
  // tooltip: a port that does not exist, an input that already has its edge, a cycle, a node
  // feeding itself, or a schema that does not fit what the input's node expects.
  bool canConnect(const pipeline::PortRef& from, const pipeline::PortRef& to,
                  QString* reason = nullptr) const;

  // --- Edits: each is one command on the undo stack --------------------------------------
  // A node of `kind` at `at` with a fresh id from the kind ("filter", "filter-2", ...) and
  // `params` (when empty: the required parameters that have an obvious value, a choice's
  // first entry; the others show as problems). Returns its id, or empty for an unknown kind.
  QString addNode(const QString& kind, QPointF at,
                  const nlohmann::json& params = nlohmann::json::object());
  // The nodes and their edges. Returns whether anything was removed.
  bool removeNodes(const QStringList& ids, const QString& text = {});
  // New positions by node id; consecutive moves of the same nodes merge into one step.
  bool moveNodes(const std::map<QString, QPointF>& to);
  bool connectPorts(const pipeline::PortRef& from, const pipeline::PortRef& to,
                    QString* reason = nullptr);
  bool disconnectPorts(const pipeline::PortRef& from, const pipeline::PortRef& to);
  // Sets one parameter; a null value removes it (back to the kind's default). Consecutive
  // edits of the same parameter merge into one step (typing).
  bool setParam(const QString& id, const QString& name, const nlohmann::json& value);
  bool renameNode(const QString& id, const QString& label);

  // The selected nodes and the edges between them as a pipeline document (what copy puts on
  // the clipboard; it opens as a pipeline too).
  QByteArray copySelection(const QStringList& ids) const;
  // Copy, then remove as one step named "Cut".
  QByteArray cutSelection(const QStringList& ids);
  // The nodes of a copied fragment, with ids that clash given fresh ones, edges rewritten
  // and positions moved by `offset`. Returns the new ids, or empty with `error` set.
  QStringList paste(const QByteArray& fragment, QPointF offset, QString* error = nullptr);
  // Copies of the nodes (and the edges between them) next to the originals.
  QStringList duplicate(const QStringList& ids);
  // Layered left-to-right layout of the whole pipeline, one step.
  bool autoLayout();

  // Reads a pipeline for import; refuses what open() refuses. Relative paths of path
  // parameters are rewritten to stay valid from this document's folder.
  bool readForImport(const QString& path, pipeline::Pipeline* out, QString* error) const;
  // The imported nodes' ids that the document already has (ask the user which mode to use).
  QStringList clashingIds(const pipeline::Pipeline& imported) const;
  // Merges the nodes and edges of `imported`. Copy: clashing nodes get fresh ids and the
  // whole import is placed to the right of the document's nodes. Replace: a clashing node is
  // replaced in place (its edges stay where the new kind still has the port; an input that the
  // import feeds loses its old edge). An import without layout is laid out first. Returns the
  // ids of the nodes added or replaced.
  QStringList importPipeline(const pipeline::Pipeline& imported, ImportMode mode,
                             const QString& text = {});
  // readForImport() then importPipeline(); empty on success, else why not.
  QString importFile(const QString& path, ImportMode mode, QStringList* imported = nullptr);

 signals:
  void modelReset();
  void nodeAdded(const QString& id);
  void nodeRemoved(const QString& id);
  void nodeChanged(const QString& id);  // kind, label or parameters
  void nodeMoved(const QString& id);
  void edgeAdded(const tributary::pipeline::Edge& edge);
  void edgeRemoved(const tributary::pipeline::Edge& edge);
  void diagnosticsChanged();
  void dirtyChanged(bool dirty);
  void titleChanged(const QString& title);
  void filePathChanged(const QString& path);

 private:
  friend class DocumentCommand;

  // The primitive changes, for commands only; each emits its signal.
  void insertNode(std::size_t index, pipeline::Node node);
  pipeline::Node takeNode(std::size_t index);
  void replaceNode(std::size_t index, pipeline::Node node);
  void setNodeUi(std::size_t index, nlohmann::json ui);
  void insertEdge(std::size_t index, pipeline::Edge edge);
  pipeline::Edge takeEdge(std::size_t index);

  void resetTo(pipeline::Pipeline pipeline, const QString& path, pipeline::Diagnostics lost);
  void stackIndexChanged();
  void refreshDiagnostics();
  // What load (of the model's canonical text) and validation say about `p`, after the
  // problems of the opened file that the model could not hold.
  pipeline::Diagnostics computeDiagnostics(const pipeline::Pipeline& p) const;
  std::filesystem::path baseDir() const;
  bool taken(const std::string& id) const { return pipeline_.node(id) != nullptr; }

  pipeline::Pipeline pipeline_;
  QUndoStack* stack_;
  QString filePath_;
  pipeline::Diagnostics diagnostics_;
  // Problems of the opened file about what the model cannot hold (a duplicate id, a node
  // without a kind, an unknown key): listed until the next save drops them from the file.
  pipeline::Diagnostics lost_;
  bool diagnosticsStale_ = false;
};

}  // namespace tributary::ui

Q_DECLARE_METATYPE(tributary::pipeline::Edge)
