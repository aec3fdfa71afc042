#include "ui/docks/inspector_dock.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "pipeline/pipeline_validation.h"
#include "ui/docks/param_editors.h"
#include "ui/kind_titles.h"
#include "ui/document/pipeline_document.h"

namespace tributary::ui {
namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

QLabel* smallLabel() {
  auto* l = new QLabel;
  l->setWordWrap(true);
  QFont f = l->font();
  f.setPointSizeF(f.pointSizeF() * 0.9);
  l->setFont(f);
  l->setForegroundRole(QPalette::PlaceholderText);
  return l;
}

}  // namespace

InspectorDock::InspectorDock(PipelineDocument* document, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent),
      document_(document),
      pages_(new QStackedWidget),
      note_(new QLabel),
      title_(new QLabel),
      help_(smallLabel()),
      label_(new QLineEdit),
      id_(smallLabel()),
      formBox_(new QWidget),
      problems_(new QLabel) {
  setObjectName(QStringLiteral("inspectorDock"));
  note_->setAlignment(Qt::AlignCenter);
  note_->setWordWrap(true);
  note_->setForegroundRole(QPalette::PlaceholderText);

  QFont bold = title_->font();
  bold.setBold(true);
  bold.setPointSizeF(bold.pointSizeF() * 1.15);
  title_->setFont(bold);
  id_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  problems_->setWordWrap(true);
  problems_->setTextFormat(Qt::RichText);

  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(title_);
  layout->addWidget(help_);
  auto* header = new QFormLayout;
  header->addRow(tr("Label"), label_);
  header->addRow(tr("Id"), id_);
  layout->addLayout(header);
  layout->addWidget(formBox_);
  layout->addWidget(problems_);
  layout->addStretch();
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(page);

  pages_->addWidget(note_);
  pages_->addWidget(scroll);
  setWidget(pages_);

  connect(label_, &QLineEdit::textEdited, this,
          [this](const QString& text) { document_->renameNode(node_, text); });
  connect(document_, &PipelineDocument::nodeChanged, this, [this](const QString& id) {
    if (id != node_) return;
    const auto* n = document_->node(id);
    if (n && n->kind != kind_) return build();
    refreshValues();
  });
  connect(document_, &PipelineDocument::nodeRemoved, this, [this](const QString& id) {
    if (id == node_) setSelectedNodes({});
  });
  connect(document_, &PipelineDocument::modelReset, this, [this] { setSelectedNodes({}); });
  connect(document_, &PipelineDocument::diagnosticsChanged, this, [this] {
    refreshInput();
    refreshProblems();
  });
  // A new or removed edge changes what arrives even when the problems stay the same.
  connect(document_, &PipelineDocument::edgeAdded, this, &InspectorDock::refreshInput);
  connect(document_, &PipelineDocument::edgeRemoved, this, &InspectorDock::refreshInput);
  setSelectedNodes({});
}

void InspectorDock::setSelectedNodes(const QStringList& ids) {
  const QString id = ids.size() == 1 && document_->node(ids.front()) ? ids.front() : QString();
  if (!id.isEmpty() && id == node_) return;
  node_ = id;
  if (node_.isEmpty()) {
    kind_.clear();
    editors_.clear();
    note_->setText(ids.size() > 1 ? tr("%n nodes selected.", nullptr, int(ids.size()))
                                  : tr("Select a node to edit its parameters."));
    pages_->setCurrentIndex(0);
    return;
  }
  build();
  pages_->setCurrentIndex(1);
}

void InspectorDock::build() {
  const auto* n = document_->node(node_);
  const auto* kind = n ? document_->kinds().find(n->kind) : nullptr;
  kind_ = n ? n->kind : std::string();
  editors_.clear();
  delete formBox_->layout();
  qDeleteAll(formBox_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
  form_ = new QFormLayout(formBox_);
  form_->setContentsMargins(0, 8, 0, 0);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setRowWrapPolicy(QFormLayout::WrapLongRows);

  if (!kind) {
    title_->setText(n ? tr("Unknown kind %1").arg(q(n->kind)) : QString());
    help_->clear();
  } else {
    title_->setText(kindTitle(*kind));
    help_->setText(q(kind->help));
    const QString category = q(kind->category);
    for (const auto& spec : kind->params) {
      const QString name = q(spec.name);
      auto* box = new QWidget;
      auto* column = new QVBoxLayout(box);
      column->setContentsMargins(0, 0, 0, 0);
      column->setSpacing(1);
      auto* editor = createParamEditor(spec, category, baseDir());
      editor->setToolTip(q(spec.help));
      editor->onEdited([this, name](const nlohmann::json& value) {
        editing_ = name;
        document_->setParam(node_, name, value);
        editing_.clear();
      });
      column->addWidget(editor);
      if (!spec.help.empty()) {
        auto* help = smallLabel();
        help->setText(q(spec.help));
        column->addWidget(help);
      }
      form_->addRow(spec.required ? tr("%1 *").arg(name) : name, box);
      editors_.insert(name, editor);
    }
  }
  refreshValues();
  refreshInput();
  refreshProblems();
}

void InspectorDock::refreshValues() {
  const auto* n = document_->node(node_);
  if (!n) return;
  if (label_->text() != q(n->label)) label_->setText(q(n->label));
  label_->setPlaceholderText(q(n->id));
  id_->setText(tr("%1 · %2").arg(q(n->id), q(n->kind)));
  for (auto it = editors_.begin(); it != editors_.end(); ++it) {
    if (it.key() == editing_) continue;
    const std::string name = it.key().toStdString();
    it.value()->setValue(n->params.contains(name) ? n->params.at(name) : nlohmann::json());
  }
}

void InspectorDock::refreshInput() {
  fields_.clear();
  const auto* n = document_->node(node_);
  const auto* kind = n ? document_->kinds().find(n->kind) : nullptr;
  if (!kind) return;
  const auto& p = document_->pipeline();
  const auto v = pipeline::validate_pipeline(p, document_->kinds(), baseDir().toStdString());
  std::optional<Schema> first;
  for (const auto& port : kind->inputs) {
    for (const auto* e : pipeline::edges_into(p, n->id, port.name)) {
      const auto out = v.outputs.find(e->from.node);
      if (out == v.outputs.end()) continue;
      if (!first) first = out->second;
      for (const auto& f : out->second.fields()) {
        if (!fields_.contains(q(f.name))) fields_ << q(f.name);
      }
    }
  }
  for (auto* editor : editors_) editor->setInput(fields_, first);
}

void InspectorDock::refreshProblems() {
  if (node_.isEmpty()) return;
  const auto diagnostics = document_->diagnosticsOf(node_);
  if (diagnostics.empty()) {
    problems_->setText(tr("No problems."));
    return;
  }
  QStringList items;
  for (const auto& d : diagnostics) items << q(d.text()).toHtmlEscaped();
  problems_->setText(QStringLiteral("<b>%1</b><ul style=\"margin-left:-20px\"><li>%2</li></ul>")
                         .arg(tr("Problems"), items.join(QStringLiteral("</li><li>"))));
}

QString InspectorDock::baseDir() const {
  return document_->filePath().isEmpty() ? QString()
                                         : QFileInfo(document_->filePath()).absolutePath();
}

}  // namespace tributary::ui
