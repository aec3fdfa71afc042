#include "ui/docks/preview_dock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/docks/preview_model.h"

namespace tributary::ui {
namespace {

constexpr int kRowCapacity = 1000;
constexpr int kDeadLetterCapacity = 200;

QTableView* makeView(PreviewModel* model) {
  auto* view = new QTableView;
  view->setModel(model);
  view->setAlternatingRowColors(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->setWordWrap(false);
  view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
  view->horizontalHeader()->setStretchLastSection(true);
  return view;
}

}  // namespace

PreviewDock::PreviewDock(QWidget* parent)
    : QDockWidget(tr("Preview"), parent),
      caption_(new QLabel),
      pause_(new QToolButton),
      tabs_(new QTabWidget),
      rows_(new PreviewModel(kRowCapacity, this)),
      deadLetters_(new PreviewModel(kDeadLetterCapacity, this)),
      rowsView_(makeView(rows_)),
      deadView_(makeView(deadLetters_)) {
  setObjectName(QStringLiteral("previewDock"));
  deadLetters_->setColumnTitles({{QStringLiteral("reason"), tr("Reason")},
                                 {QStringLiteral("position"), tr("Position")},
                                 {QStringLiteral("raw"), tr("Raw")}});
  pause_->setCheckable(true);
  pause_->setText(tr("Pause"));
  pause_->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
  pause_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  pause_->setToolTip(tr("Freeze the table; new records are skipped until you resume"));
  pause_->setAutoRaise(true);
  connect(pause_, &QToolButton::toggled, this, &PreviewDock::setPaused);
  tabs_->addTab(rowsView_, tr("Records"));
  tabs_->addTab(deadView_, tr("Dead letters"));

  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 2, 4, 2);
  bar->addWidget(caption_, 1);
  bar->addWidget(pause_);
  auto* body = new QWidget;
  auto* layout = new QVBoxLayout(body);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(bar);
  layout->addWidget(tabs_, 1);
  setWidget(body);
  updateTitles();
}

bool PreviewDock::isPaused() const {
  return pause_->isChecked();
}

void PreviewDock::setPaused(bool paused) {
  if (pause_->isChecked() != paused) pause_->setChecked(paused);  // comes back through toggled
  updateTitles();
}

void PreviewDock::setSelectedNodes(const QStringList& ids) {
  follow(ids.value(0), QString());
}

void PreviewDock::setSelectedEdge(const QString& from, const QString& to) {
  follow(from, from.isEmpty() ? QString() : to);
}

void PreviewDock::follow(const QString& node, const QString& edgeTo) {
  if (node == node_ && edgeTo == edgeTo_) return;
  node_ = node;
  edgeTo_ = edgeTo;
  rows_->clear();
  deadLetters_->clear();
  // What the last snapshot had of the new node shows at once, even while paused: the pause
  // freezes a node's table, not the choice of node.
  const bool edge = !edgeTo_.isEmpty();
  tabs_->setTabEnabled(1, !edge);
  if (edge) tabs_->setCurrentIndex(0);
  feed();
  updateTitles();
}

void PreviewDock::showSnapshot(const runtime::Progress& progress) {
  lastNodes_ = progress.nodes;
  if (isPaused()) return;
  feed();
  updateTitles();
}

void PreviewDock::feed() {
  if (node_.isEmpty()) return;
  const std::string id = node_.toStdString();
  for (const auto& n : lastNodes_) {
    if (n.node != id) continue;
    // Follow the newest rows unless the user scrolled up to read.
    QScrollBar* bar = rowsView_->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    rows_->addSample(n.latest_rows);
    if (edgeTo_.isEmpty()) deadLetters_->addSample(n.latest_dead_letters);
    if (atEnd) rowsView_->scrollToBottom();
    return;
  }
}

void PreviewDock::clear() {
  lastNodes_.clear();
  rows_->clear();
  deadLetters_->clear();
  updateTitles();
}

QString PreviewDock::caption() const {
  return caption_->text();
}

void PreviewDock::updateTitles() {
  const QString what = edgeTo_.isEmpty()
                           ? node_
                           : tr("%1 → %2", "an edge from one node to another").arg(node_, edgeTo_);
  if (node_.isEmpty()) {
    caption_->setText(tr("Select a node or an edge to see its latest records."));
  } else if (isPaused()) {
    caption_->setText(tr("%1 — paused, %n record(s)", nullptr, rows_->rowCount()).arg(what));
  } else {
    caption_->setText(tr("%1 — %n record(s)", nullptr, rows_->rowCount()).arg(what));
  }
  const int dead = deadLetters_->rowCount();
  tabs_->setTabText(1, dead == 0 ? tr("Dead letters") : tr("Dead letters (%1)").arg(dead));
}

}  // namespace tributary::ui
