#include "ui/docks/problems_dock.h"

#include <QHeaderView>
#include <QStyle>
#include <QTreeWidget>

#include "ui/document/pipeline_document.h"

namespace tributary::ui {
namespace {

constexpr int kNodeRole = Qt::UserRole;

}  // namespace

ProblemsDock::ProblemsDock(PipelineDocument* document, QWidget* parent)
    : QDockWidget(tr("Problems"), parent), document_(document), list_(new QTreeWidget) {
  setObjectName(QStringLiteral("problemsDock"));
  list_->setColumnCount(2);
  list_->setHeaderLabels({tr("Where"), tr("Problem")});
  list_->setRootIsDecorated(false);
  list_->setAlternatingRowColors(true);
  list_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);
  setWidget(list_);

  connect(document_, &PipelineDocument::diagnosticsChanged, this, &ProblemsDock::refresh);
  connect(document_, &PipelineDocument::modelReset, this, &ProblemsDock::refresh);
  connect(list_, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
    const QString id = item->data(0, kNodeRole).toString();
    if (!id.isEmpty()) emit nodeActivated(id);
  });
  refresh();
}

QString ProblemsDock::nodeOf(const PipelineDocument& document, const QString& where) {
  // Node ids may hold dots ("a.b" is a valid id only if the format allows it): try the longest
  // prefix first.
  QString candidate = where;
  while (!candidate.isEmpty()) {
    if (document.node(candidate)) return candidate;
    const int dot = candidate.lastIndexOf(QLatin1Char('.'));
    if (dot < 0) break;
    candidate.truncate(dot);
  }
  return {};
}

void ProblemsDock::refresh() {
  list_->clear();
  const QIcon icon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
  for (const auto& d : document_->diagnostics()) {
    const QString where = QString::fromStdString(d.where);
    auto* item = new QTreeWidgetItem(list_, {where, QString::fromStdString(d.message)});
    item->setIcon(0, icon);
    item->setToolTip(1, QString::fromStdString(d.message));
    item->setData(0, kNodeRole, nodeOf(*document_, where));
  }
  const int n = list_->topLevelItemCount();
  setWindowTitle(n == 0 ? tr("Problems") : tr("Problems (%1)").arg(n));
}

}  // namespace tributary::ui
