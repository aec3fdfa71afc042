#include "ui/document/pipeline_document.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoStack>
#include <algorithm>
#include <limits>
#include <set>

#include "nodes/catalogue.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"
#include "ui/document/auto_layout.h"
#include "ui/document/document_commands.h"
#include "ui/document/graph_edit.h"

namespace tributary::ui {
namespace {

using pipeline::Diagnostics;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// The loader stops at once, with one of these, when the text is not a pipeline at all.
bool notAPipeline(const Diagnostics& d) {
  return std::any_of(d.begin(), d.end(), [](const pipeline::Diagnostic& x) {
    return x.where == "pipeline" || x.where == "format" || x.where == "version";
  });
}

QString joined(const Diagnostics& d) {
  QStringList texts;
  for (const auto& x : d) texts << q(x.text());
  return texts.join(QStringLiteral("; "));
}

bool contains(const Diagnostics& d, const pipeline::Diagnostic& x) {
  return std::any_of(d.begin(), d.end(), [&](const pipeline::Diagnostic& y) {
    return y.where == x.where && y.message == x.message;
  });
}

bool sameDiagnostics(const Diagnostics& a, const Diagnostics& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto& x, auto& y) {
           return x.where == y.where && x.message == y.message;
         });
}

bool about(const pipeline::Diagnostic& d, const std::string& id) {
  return d.where == id || (d.where.size() > id.size() && d.where.compare(0, id.size(), id) == 0 &&
                           d.where[id.size()] == '.');
}

const pipeline::PortSpec* findPort(const std::vector<pipeline::PortSpec>& ports,
                                   const std::string& name) {
  for (const auto& p : ports) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

QString portNames(const std::vector<pipeline::PortSpec>& ports) {
  QStringList names;
  for (const auto& p : ports) names << q(p.name);
  return names.join(QStringLiteral(", "));
}

std::set<std::string> idSet(const QStringList& ids) {
  std::set<std::string> out;
  for (const auto& id : ids) out.insert(id.toStdString());
  return out;
}

QStringList idsOf(const pipeline::Pipeline& p) {
  QStringList out;
  for (const auto& n : p.nodes) out << q(n.id);
  return out;
}

}  // namespace

PipelineDocument::PipelineDocument(QObject* parent)
    : QObject(parent), stack_(new QUndoStack(this)) {
  connect(stack_, &QUndoStack::indexChanged, this, &PipelineDocument::stackIndexChanged);
  connect(stack_, &QUndoStack::cleanChanged, this, [this](bool clean) {
    emit dirtyChanged(!clean);
    emit titleChanged(windowTitle());
  });
  newPipeline();
}

PipelineDocument::~PipelineDocument() {
  // The commands point at this document; they go first.
  stack_->disconnect(this);
  stack_->clear();
}

// --- Reading ----------------------------------------------------------------------------

const pipeline::Node* PipelineDocument::node(const QString& id) const {
  return pipeline_.node(id.toStdString());
}

QPointF PipelineDocument::nodePosition(const QString& id) const {
  const pipeline::Node* n = node(id);
  return n ? ui::nodePosition(*n) : QPointF();
}

const pipeline::NodeRegistry& PipelineDocument::kinds() const {
  return nodes::builtin_kinds();
}

QString PipelineDocument::fileName() const {
  return filePath_.isEmpty() ? tr("Untitled") : QFileInfo(filePath_).fileName();
}

bool PipelineDocument::isDirty() const {
  return !stack_->isClean();
}

QString PipelineDocument::windowTitle() const {
  //: %1 is the file's name, %2 a star when it has unsaved changes
  return tr("%1%2 — Tributary").arg(fileName(), isDirty() ? QStringLiteral("*") : QString());
}

pipeline::Diagnostics PipelineDocument::diagnosticsOf(const QString& id) const {
  const std::string key = id.toStdString();
  Diagnostics out;
  for (const auto& d : diagnostics_) {
    if (about(d, key)) out.push_back(d);
  }
  return out;
}

// --- Files ------------------------------------------------------------------------------

void PipelineDocument::newPipeline() {
  pipeline::Pipeline p;
  p.name = tr("New pipeline").toStdString();
  resetTo(std::move(p), {}, {});
}

QString PipelineDocument::open(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
  const QByteArray bytes = file.readAll();
  auto load = pipeline::load_pipeline(
      std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), kinds());
  if (notAPipeline(load.diagnostics)) {
    return tr("%1 is not a Tributary pipeline: %2")
        .arg(QFileInfo(path).fileName(), joined(load.diagnostics));
  }
  // The problems about what the model could not hold do not come back from the model's own
  // text; they are kept so that the Problems list still explains what went missing.
  Diagnostics lost;
  try {
    const auto again = pipeline::load_pipeline(pipeline::save_pipeline(load.pipeline), kinds());
    for (const auto& d : load.diagnostics) {
      if (!contains(again.diagnostics, d)) lost.push_back(d);
    }
  } catch (const nlohmann::json::exception& e) {
    return tr("%1 cannot be read: %2").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what()));
  }
  resetTo(std::move(load.pipeline), QFileInfo(path).absoluteFilePath(), std::move(lost));
  return {};
}

QString PipelineDocument::save(const QString& path) {
  const QString shown = QDir::toNativeSeparators(path);
  std::string text;
  try {
    text = pipeline::save_pipeline(pipeline_);
  } catch (const nlohmann::json::exception& e) {
    return tr("Cannot save %1: %2").arg(shown, QString::fromUtf8(e.what()));
  }
  // QSaveFile writes a temporary file and renames it over the old one only when all went well.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return tr("Cannot save %1: %2").arg(shown, file.errorString());
  const auto size = static_cast<qint64>(text.size());
  if (file.write(text.data(), size) != size || !file.commit())
    return tr("Cannot save %1: %2").arg(shown, file.errorString());

  const QString absolute = QFileInfo(path).absoluteFilePath();
  const bool renamed = absolute != filePath_;
  filePath_ = absolute;
  lost_.clear();  // the file no longer has what the model could not hold
  stack_->setClean();
  // Relative paths now start from the new folder.
  diagnosticsStale_ = true;
  refreshDiagnostics();
  if (renamed) emit filePathChanged(filePath_);
  emit titleChanged(windowTitle());
  return {};
}

void PipelineDocument::resetTo(pipeline::Pipeline p, const QString& path, Diagnostics lost) {
  stack_->clear();
  pipeline_ = std::move(p);
  filePath_ = path;
  lost_ = std::move(lost);
  diagnosticsStale_ = false;
  diagnostics_ = computeDiagnostics(pipeline_);
  emit modelReset();
  emit filePathChanged(filePath_);
  emit diagnosticsChanged();
  emit dirtyChanged(false);
  emit titleChanged(windowTitle());
}

// --- Diagnostics ------------------------------------------------------------------------

std::filesystem::path PipelineDocument::baseDir() const {
  // An untitled document resolves relative paths as the CLI does: from the current folder.
  if (filePath_.isEmpty()) return {};
  return std::filesystem::path(QFileInfo(filePath_).absolutePath().toStdString());
}

Diagnostics PipelineDocument::computeDiagnostics(const pipeline::Pipeline& p) const {
  Diagnostics out = lost_;
  std::string text;
  try {
    text = pipeline::save_pipeline(p);
  } catch (const nlohmann::json::exception& e) {
    out.push_back({"pipeline", e.what()});
    return out;
  }
  // Through the canonical text, so that the parameter checks of the loader run on edits too.
  const auto load = pipeline::load_pipeline(text, kinds());
  out.insert(out.end(), load.diagnostics.begin(), load.diagnostics.end());
  const auto v = pipeline::validate_pipeline(load.pipeline, kinds(), baseDir(), out);
  out.insert(out.end(), v.diagnostics.begin(), v.diagnostics.end());
  return out;
}

void PipelineDocument::refreshDiagnostics() {
  if (!diagnosticsStale_) return;
  diagnosticsStale_ = false;
  Diagnostics fresh = computeDiagnostics(pipeline_);
  if (sameDiagnostics(fresh, diagnostics_)) return;
  diagnostics_ = std::move(fresh);
  emit diagnosticsChanged();
}

void PipelineDocument::stackIndexChanged() {
  refreshDiagnostics();
}

// --- Rules ------------------------------------------------------------------------------

bool PipelineDocument::canConnect(const pipeline::PortRef& from, const pipeline::PortRef& to,
                                  QString* reason) const {
  auto refuse = [&](const QString& why) {
    if (reason) *reason = why;
    return false;
  };
  const pipeline::Node* source = pipeline_.node(from.node);
  const pipeline::Node* target = pipeline_.node(to.node);
  if (!source) return refuse(tr("There is no node '%1'.").arg(q(from.node)));
  if (!target) return refuse(tr("There is no node '%1'.").arg(q(to.node)));
  if (from.node == to.node) return refuse(tr("A node cannot feed itself."));
  const pipeline::NodeKind* source_kind = kinds().find(source->kind);
  const pipeline::NodeKind* target_kind = kinds().find(target->kind);
  if (!source_kind)
    return refuse(tr("%1 is of an unknown kind (%2).").arg(q(from.node), q(source->kind)));
  if (!target_kind)
    return refuse(tr("%1 is of an unknown kind (%2).").arg(q(to.node), q(target->kind)));
  if (!findPort(source_kind->outputs, from.port)) {
    return refuse(source_kind->outputs.empty()
                      ? tr("%1 has no outputs.").arg(q(from.node))
                      : tr("%1 has no output '%2' (it has: %3).")
                            .arg(q(from.node), q(from.port), portNames(source_kind->outputs)));
  }
  const pipeline::PortSpec* input = findPort(target_kind->inputs, to.port);
  if (!input) {
    return refuse(target_kind->inputs.empty()
                      ? tr("%1 has no inputs.").arg(q(to.node))
                      : tr("%1 has no input '%2' (it has: %3).")
                            .arg(q(to.node), q(to.port), portNames(target_kind->inputs)));
  }
  const auto into = pipeline::edges_into(pipeline_, to.node, to.port);
  for (const pipeline::Edge* e : into) {
    if (e->from.node == from.node && e->from.port == from.port)
      return refuse(tr("%1 is already connected to %2.").arg(q(from.text()), q(to.text())));
  }
  if (!input->multiple && !into.empty()) {
    return refuse(tr("%1 already has its input (from %2); only topics and unions take several.")
                      .arg(q(to.text()), q(into.front()->from.text())));
  }
  if (reaches(pipeline_, to.node, from.node))
    return refuse(tr("Connecting %1 to %2 would make a cycle.").arg(q(from.node), q(to.node)));

  // The schema: what the target says about itself once the edge is there, that it did not
  // say before, is the reason (a field it needs that the source lacks, inputs of a union that
  // do not match, ...).
  pipeline::Pipeline trial = pipeline_;
  trial.edges.push_back({from, to});
  const Diagnostics before = computeDiagnostics(pipeline_);
  for (const auto& d : computeDiagnostics(trial)) {
    if (about(d, to.node) && !contains(before, d))
      return refuse(tr("The schema does not fit: %1").arg(q(d.text())));
  }
  return true;
}

// --- Edits ------------------------------------------------------------------------------

QString PipelineDocument::addNode(const QString& kind_id, QPointF at,
                                  const nlohmann::json& params) {
  const pipeline::NodeKind* kind = kinds().find(kind_id.toStdString());
  if (!kind) return {};
  pipeline::Node n;
  n.kind = kind->id;
  n.kind_version = kind->version;
  n.id = uniqueNodeId(idStemOfKind(kind->id), [this](const std::string& id) { return taken(id); });
  n.params = params.is_object() ? params : nlohmann::json::object();
  // The format keeps parameters as written (defaults are filled in when read), so only a
  // required one with an obvious value is written; the others show as problems to fill in.
  for (const auto& spec : kind->params) {
    if (!spec.required || n.params.contains(spec.name)) continue;
    if (!spec.default_value.is_null())
      n.params[spec.name] = spec.default_value;
    else if (spec.type == pipeline::ParamType::choice && !spec.choices.empty())
      n.params[spec.name] = spec.choices.front();
  }
  ui::setNodePosition(n, at);
  const QString id = q(n.id);
  stack_->push(new AddNodeCommand(this, std::move(n)));
  refreshDiagnostics();
  return id;
}

bool PipelineDocument::removeNodes(const QStringList& ids, const QString& text) {
  std::set<std::string> present;
  for (const auto& id : idSet(ids)) {
    if (taken(id)) present.insert(id);
  }
  if (present.empty()) return false;
  const QString label = !text.isEmpty() ? text
                        : present.size() == 1
                            ? tr("Delete %1").arg(q(*present.begin()))
                            : tr("Delete %n node(s)", nullptr, static_cast<int>(present.size()));
  stack_->push(new RemoveNodesCommand(this, std::move(present), label));
  refreshDiagnostics();
  return true;
}

bool PipelineDocument::moveNodes(const std::map<QString, QPointF>& to) {
  std::map<std::string, QPointF> moves;
  bool changes = false;
  for (const auto& [id, at] : to) {
    const pipeline::Node* n = node(id);
    if (!n) continue;
    pipeline::Node moved = *n;
    ui::setNodePosition(moved, at);
    changes = changes || moved.ui != n->ui;
    moves[id.toStdString()] = at;
  }
  if (!changes) return false;
  stack_->push(new MoveNodesCommand(this, std::move(moves)));
  return true;
}

bool PipelineDocument::connectPorts(const pipeline::PortRef& from, const pipeline::PortRef& to,
                                    QString* reason) {
  if (!canConnect(from, to, reason)) return false;
  stack_->push(new ConnectCommand(this, {from, to}));
  refreshDiagnostics();
  return true;
}

bool PipelineDocument::disconnectPorts(const pipeline::PortRef& from, const pipeline::PortRef& to) {
  const pipeline::Edge edge{from, to};
  if (std::none_of(pipeline_.edges.begin(), pipeline_.edges.end(),
                   [&](const pipeline::Edge& e) { return sameEdge(e, edge); }))
    return false;
  stack_->push(new DisconnectCommand(this, {edge}));
  refreshDiagnostics();
  return true;
}

bool PipelineDocument::setParam(const QString& id, const QString& name,
                                const nlohmann::json& value) {
  const pipeline::Node* n = node(id);
  if (!n) return false;
  const std::string key = name.toStdString();
  const bool present = n->params.contains(key);
  if (value.is_null()) {
    if (!present) return false;
  } else {
    // Only parameters the kind declares are written; an unknown one can only be removed.
    const pipeline::NodeKind* kind = kinds().find(n->kind);
    if (kind && !kind->param(key)) return false;
    if (present && n->params[key] == value) return false;
  }
  stack_->push(new SetParamCommand(this, n->id, key, value));
  refreshDiagnostics();
  return true;
}

bool PipelineDocument::renameNode(const QString& id, const QString& label) {
  const pipeline::Node* n = node(id);
  if (!n || n->label == label.toStdString()) return false;
  stack_->push(new RenameNodeCommand(this, n->id, label.toStdString()));
  refreshDiagnostics();
  return true;
}

QByteArray PipelineDocument::copySelection(const QStringList& ids) const {
  pipeline::Pipeline fragment = selectionFragment(pipeline_, idSet(ids));
  if (fragment.nodes.empty()) return {};
  if (fragment.name.empty()) fragment.name = tr("Copied nodes").toStdString();
  return QByteArray::fromStdString(pipeline::save_pipeline(fragment));
}

QByteArray PipelineDocument::cutSelection(const QStringList& ids) {
  QByteArray copied = copySelection(ids);
  if (!copied.isEmpty()) removeNodes(ids, tr("Cut"));
  return copied;
}

QStringList PipelineDocument::paste(const QByteArray& text, QPointF offset, QString* error) {
  auto load = pipeline::load_pipeline(
      std::string_view(text.constData(), static_cast<std::size_t>(text.size())), kinds());
  if (notAPipeline(load.diagnostics)) {
    if (error) *error = tr("Nothing to paste: %1").arg(joined(load.diagnostics));
    return {};
  }
  pipeline::Pipeline fragment = std::move(load.pipeline);
  if (fragment.nodes.empty()) {
    if (error) *error = tr("Nothing to paste: there are no nodes.");
    return {};
  }
  remapFragment(
      fragment, [this](const std::string& id) { return taken(id); }, offset);
  const QStringList ids = idsOf(fragment);
  stack_->push(new InsertFragmentCommand(
      this, std::move(fragment), tr("Paste %n node(s)", nullptr, static_cast<int>(ids.size()))));
  refreshDiagnostics();
  return ids;
}

QStringList PipelineDocument::duplicate(const QStringList& ids) {
  pipeline::Pipeline fragment = selectionFragment(pipeline_, idSet(ids));
  if (fragment.nodes.empty()) return {};
  remapFragment(
      fragment, [this](const std::string& id) { return taken(id); },
      QPointF(kDuplicateOffset, kDuplicateOffset));
  const QStringList fresh = idsOf(fragment);
  stack_->push(new InsertFragmentCommand(
      this, std::move(fragment),
      tr("Duplicate %n node(s)", nullptr, static_cast<int>(fresh.size()))));
  refreshDiagnostics();
  return fresh;
}

bool PipelineDocument::autoLayout() {
  const auto at = layeredLayout(pipeline_);
  bool changes = false;
  for (const auto& n : pipeline_.nodes) {
    pipeline::Node placed = n;
    ui::setNodePosition(placed, at.at(n.id));
    changes = changes || placed.ui != n.ui;
  }
  if (!changes) return false;
  stack_->push(new AutoLayoutCommand(this, at));
  return true;
}

bool PipelineDocument::readForImport(const QString& path, pipeline::Pipeline* out,
                                     QString* error) const {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error)
      *error = tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  const QByteArray bytes = file.readAll();
  auto load = pipeline::load_pipeline(
      std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), kinds());
  if (notAPipeline(load.diagnostics)) {
    if (error) {
      *error = tr("%1 is not a Tributary pipeline: %2")
                   .arg(QFileInfo(path).fileName(), joined(load.diagnostics));
    }
    return false;
  }
  // A relative path meant the imported file's folder; say the same from this document's.
  namespace fs = std::filesystem;
  const fs::path from = QFileInfo(path).absolutePath().toStdString();
  const fs::path here = baseDir();
  for (auto& n : load.pipeline.nodes) {
    const pipeline::NodeKind* kind = kinds().find(n.kind);
    if (!kind) continue;
    for (const auto& spec : kind->params) {
      if (spec.type != pipeline::ParamType::path || !n.params.contains(spec.name)) continue;
      auto& value = n.params[spec.name];
      if (!value.is_string() || fs::path(value.get<std::string>()).is_absolute()) continue;
      const fs::path target = (from / value.get<std::string>()).lexically_normal();
      const fs::path relative = here.empty() ? fs::path() : target.lexically_relative(here);
      value = (relative.empty() ? target : relative).generic_string();
    }
  }
  *out = std::move(load.pipeline);
  return true;
}

QStringList PipelineDocument::clashingIds(const pipeline::Pipeline& imported) const {
  QStringList out;
  for (const auto& n : imported.nodes) {
    if (taken(n.id)) out << q(n.id);
  }
  return out;
}

QStringList PipelineDocument::importPipeline(const pipeline::Pipeline& imported, ImportMode mode,
                                             const QString& text) {
  if (imported.nodes.empty()) return {};
  const QString label = text.isEmpty() ? tr("Import") : text;
  // Only the import's own graph comes along.
  pipeline::Pipeline fragment;
  fragment.nodes = imported.nodes;
  for (const auto& e : imported.edges) {
    if (imported.node(e.from.node) && imported.node(e.to.node)) fragment.edges.push_back(e);
  }
  // A file written without layout (by hand, by a script) would land on one spot.
  const bool unplaced = std::any_of(fragment.nodes.begin(), fragment.nodes.end(), [](auto& n) {
    return !n.ui.contains("x") || !n.ui.contains("y");
  });
  if (unplaced) {
    const auto at = layeredLayout(fragment);
    for (auto& n : fragment.nodes) ui::setNodePosition(n, at.at(n.id));
  }
  if (mode == ImportMode::Replace) {
    const QStringList ids = idsOf(fragment);
    stack_->push(new ImportReplaceCommand(this, fragment, label));
    refreshDiagnostics();
    return ids;
  }
  // Copy: to the right of what is there, tops aligned, so that nothing lands on a card.
  QPointF offset;
  if (!pipeline_.nodes.empty()) {
    double right = std::numeric_limits<double>::lowest(), top = std::numeric_limits<double>::max();
    for (const auto& n : pipeline_.nodes) {
      right = std::max(right, ui::nodePosition(n).x());
      top = std::min(top, ui::nodePosition(n).y());
    }
    double left = std::numeric_limits<double>::max(), import_top = left;
    for (const auto& n : fragment.nodes) {
      left = std::min(left, ui::nodePosition(n).x());
      import_top = std::min(import_top, ui::nodePosition(n).y());
    }
    offset = QPointF(right + AutoLayoutOptions().layerSpacing - left, top - import_top);
  }
  remapFragment(
      fragment, [this](const std::string& id) { return taken(id); }, offset);
  const QStringList ids = idsOf(fragment);
  stack_->push(new InsertFragmentCommand(this, std::move(fragment), label));
  refreshDiagnostics();
  return ids;
}

QString PipelineDocument::importFile(const QString& path, ImportMode mode, QStringList* imported) {
  pipeline::Pipeline p;
  QString error;
  if (!readForImport(path, &p, &error)) return error;
  const QStringList ids = importPipeline(p, mode, tr("Import %1").arg(QFileInfo(path).fileName()));
  if (imported) *imported = ids;
  return {};
}

// --- Primitive changes (commands only) ---------------------------------------------------

void PipelineDocument::insertNode(std::size_t index, pipeline::Node n) {
  const QString id = q(n.id);
  pipeline_.nodes.insert(pipeline_.nodes.begin() + static_cast<std::ptrdiff_t>(index),
                         std::move(n));
  diagnosticsStale_ = true;
  emit nodeAdded(id);
}

pipeline::Node PipelineDocument::takeNode(std::size_t index) {
  pipeline::Node n = std::move(pipeline_.nodes[index]);
  pipeline_.nodes.erase(pipeline_.nodes.begin() + static_cast<std::ptrdiff_t>(index));
  diagnosticsStale_ = true;
  emit nodeRemoved(q(n.id));
  return n;
}

void PipelineDocument::replaceNode(std::size_t index, pipeline::Node n) {
  pipeline::Node& slot = pipeline_.nodes[index];
  const bool moved = slot.ui != n.ui;
  slot = std::move(n);
  diagnosticsStale_ = true;
  const QString id = q(slot.id);
  emit nodeChanged(id);
  if (moved) emit nodeMoved(id);
}

void PipelineDocument::setNodeUi(std::size_t index, nlohmann::json ui) {
  pipeline::Node& slot = pipeline_.nodes[index];
  if (slot.ui == ui) return;
  // Layout never changes what a pipeline computes: the diagnostics stay as they are.
  slot.ui = std::move(ui);
  emit nodeMoved(q(slot.id));
}

void PipelineDocument::insertEdge(std::size_t index, pipeline::Edge e) {
  pipeline_.edges.insert(pipeline_.edges.begin() + static_cast<std::ptrdiff_t>(index), e);
  diagnosticsStale_ = true;
  emit edgeAdded(e);
}

pipeline::Edge PipelineDocument::takeEdge(std::size_t index) {
  pipeline::Edge e = std::move(pipeline_.edges[index]);
  pipeline_.edges.erase(pipeline_.edges.begin() + static_cast<std::ptrdiff_t>(index));
  diagnosticsStale_ = true;
  emit edgeRemoved(e);
  return e;
}

}  // namespace tributary::ui
