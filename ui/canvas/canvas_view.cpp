#include "ui/canvas/canvas_view.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <map>

#include "ui/canvas/canvas_style.h"
#include "ui/canvas/pipeline_scene.h"
#include "ui/canvas/quick_add_popup.h"
#include "ui/document/pipeline_document.h"

namespace tributary::ui {

using namespace canvas;

CanvasView::CanvasView(PipelineScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent),
      scene_(scene),
      quickAdd_(new QuickAddPopup(scene->document()->kinds(), this)) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(RubberBandDrag);
  setRubberBandSelectionMode(Qt::IntersectsItemShape);
  setTransformationAnchor(AnchorViewCenter);
  setResizeAnchor(AnchorViewCenter);
  // Many cards change at once on an auto layout or a run tick: Smart falls back to one
  // bounding rectangle instead of hundreds of small regions.
  setViewportUpdateMode(SmartViewportUpdate);
  setOptimizationFlag(DontAdjustForAntialiasing);  // items' bounding rects include margins
  setCacheMode(CacheBackground);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setFocusPolicy(Qt::StrongFocus);
  setAcceptDrops(true);

  makeAction(Action::Delete, tr("&Delete"), QKeySequence::Delete);
  makeAction(Action::Cut, tr("Cu&t"), QKeySequence::Cut);
  makeAction(Action::Copy, tr("&Copy"), QKeySequence::Copy);
  makeAction(Action::Paste, tr("&Paste"), QKeySequence::Paste);
  makeAction(Action::Duplicate, tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D));
  makeAction(Action::SelectAll, tr("Select &All"), QKeySequence::SelectAll);
  makeAction(Action::AutoLayout, tr("Auto &Layout"), QKeySequence(Qt::CTRL | Qt::Key_L));
  makeAction(Action::ZoomIn, tr("Zoom &In"), QKeySequence::ZoomIn);
  makeAction(Action::ZoomOut, tr("Zoom &Out"), QKeySequence::ZoomOut);
  makeAction(Action::ZoomFit, tr("&Fit to View"), QKeySequence(Qt::Key_F));
  makeAction(Action::ZoomReset, tr("Zoom &100 %"), QKeySequence(Qt::CTRL | Qt::Key_0));
  makeAction(Action::QuickAdd, tr("&Quick Add…"), QKeySequence(Qt::Key_Tab));

  connect(action(Action::Delete), &QAction::triggered, scene_, &PipelineScene::deleteSelection);
  connect(action(Action::Cut), &QAction::triggered, this, &CanvasView::cut);
  connect(action(Action::Copy), &QAction::triggered, this, &CanvasView::copy);
  connect(action(Action::Paste), &QAction::triggered, this, &CanvasView::paste);
  connect(action(Action::Duplicate), &QAction::triggered, this, &CanvasView::duplicate);
  connect(action(Action::SelectAll), &QAction::triggered, this, [this] {
    QStringList all;
    for (const auto& n : scene_->document()->pipeline().nodes) all << QString::fromStdString(n.id);
    scene_->selectNodes(all);
  });
  connect(action(Action::AutoLayout), &QAction::triggered, this,
          [this] { scene_->document()->autoLayout(); });
  connect(action(Action::ZoomIn), &QAction::triggered, this, [this] { zoomBy(1.25); });
  connect(action(Action::ZoomOut), &QAction::triggered, this, [this] { zoomBy(1 / 1.25); });
  connect(action(Action::ZoomFit), &QAction::triggered, this, &CanvasView::zoomToFit);
  connect(action(Action::ZoomReset), &QAction::triggered, this, &CanvasView::zoomReset);
  connect(action(Action::QuickAdd), &QAction::triggered, this,
          [this] { openQuickAdd(targetScenePos()); });

  connect(quickAdd_, &QuickAddPopup::kindChosen, this,
          [this](const QString& kind) { scene_->addNodeAt(kind, quickAddAt_); });
  connect(scene_, &QGraphicsScene::selectionChanged, this, &CanvasView::updateActions);
  connect(scene_, &PipelineScene::connectionRefused, this, &CanvasView::message);
  // A freshly opened pipeline is shown whole.
  connect(scene_->document(), &PipelineDocument::modelReset, this, &CanvasView::zoomToFit);
  updateActions();
}

QAction* CanvasView::makeAction(Action which, const QString& text, const QKeySequence& key) {
  auto* a = new QAction(text, this);
  a->setShortcut(key);
  // Keys act while the canvas has focus, so that Delete or Ctrl+C in the inspector's fields
  // stay with the field.
  a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(a);
  actions_[static_cast<std::size_t>(which)] = a;
  return a;
}

void CanvasView::updateActions() {
  const bool nodes = !scene_->selectedNodeIds().isEmpty();
  action(Action::Delete)->setEnabled(nodes || !scene_->selectedEdges().empty());
  action(Action::Cut)->setEnabled(nodes);
  action(Action::Copy)->setEnabled(nodes);
  action(Action::Duplicate)->setEnabled(nodes);
}

// --- Zoom and pan -----------------------------------------------------------------------

double CanvasView::zoom() const {
  return transform().m11();
}

void CanvasView::setZoom(double z) {
  z = std::clamp(z, kMinZoom, kMaxZoom);
  if (qFuzzyCompare(z, zoom())) return;
  const ViewportAnchor anchor = transformationAnchor();
  setTransformationAnchor(AnchorViewCenter);
  setTransform(QTransform::fromScale(z, z));
  setTransformationAnchor(anchor);
  emit zoomChanged(z);
}

void CanvasView::zoomBy(double factor) {
  setZoom(zoom() * factor);
}

void CanvasView::zoomToFit() {
  const QRectF cards = scene_->nodesBoundingRect();
  if (cards.isEmpty()) {
    setZoom(1);
    centerOn(0, 0);
    return;
  }
  const QRectF target = cards.adjusted(-kGrid * 2, -kGrid * 2, kGrid * 2, kGrid * 2);
  const QRectF port = viewport()->rect();
  // Never past 100 %: a small pipeline stays at its natural size.
  const double z = std::min({port.width() / target.width(), port.height() / target.height(), 1.0});
  setZoom(z);
  centerOn(target.center());
}

void CanvasView::zoomReset() {
  setZoom(1);
}

void CanvasView::revealNode(const QString& id) {
  const QPointF at = scene_->document()->nodePosition(id);
  if (!scene_->document()->node(id)) return;
  scene_->selectNodes({id});
  centerOn(at + QPointF(kCardWidth / 2, kHeaderHeight));
}

void CanvasView::wheelEvent(QWheelEvent* event) {
  const double degrees = event->angleDelta().y() / 8.0;
  if (degrees == 0) {
    QGraphicsView::wheelEvent(event);
    return;
  }
  // Around the cursor: the scene point under it stays under it.
  const QPointF before = mapToScene(event->position().toPoint());
  const double z = std::clamp(zoom() * std::pow(1.2, degrees / 15), kMinZoom, kMaxZoom);
  const ViewportAnchor anchor = transformationAnchor();
  setTransformationAnchor(NoAnchor);  // the anchoring is done here, from the wheel's position
  setTransform(QTransform::fromScale(z, z));
  setTransformationAnchor(anchor);
  const QPointF after = mapToScene(event->position().toPoint());
  const QPointF shift = (after - before) * z;
  horizontalScrollBar()->setValue(horizontalScrollBar()->value() - qRound(shift.x()));
  verticalScrollBar()->setValue(verticalScrollBar()->value() - qRound(shift.y()));
  emit zoomChanged(z);
  event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_)) {
    panning_ = true;
    panFrom_ = event->position().toPoint();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QPoint at = event->position().toPoint();
    const QPoint delta = at - panFrom_;
    panFrom_ = at;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    event->accept();
    return;
  }
  QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_) {
    panning_ = false;
    if (spaceHeld_)
      viewport()->setCursor(Qt::OpenHandCursor);
    else
      viewport()->unsetCursor();
    event->accept();
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton && !itemAt(event->position().toPoint())) {
    openQuickAdd(mapToScene(event->position().toPoint()));
    event->accept();
    return;
  }
  QGraphicsView::mouseDoubleClickEvent(event);
}

void CanvasView::keyPressEvent(QKeyEvent* event) {
  if (nudge(event)) return;
  if (event->key() == Qt::Key_Space) {
    if (!event->isAutoRepeat()) {
      spaceHeld_ = true;
      viewport()->setCursor(Qt::OpenHandCursor);
    }
    event->accept();
    return;
  }
  QGraphicsView::keyPressEvent(event);
}

bool CanvasView::nudge(QKeyEvent* event) {
  // Arrows move the selected cards one grid step (Shift: five); the document merges a run of
  // nudges of the same cards into one undo step.
  QPointF step;
  switch (event->key()) {
    case Qt::Key_Left:
      step = QPointF(-1, 0);
      break;
    case Qt::Key_Right:
      step = QPointF(1, 0);
      break;
    case Qt::Key_Up:
      step = QPointF(0, -1);
      break;
    case Qt::Key_Down:
      step = QPointF(0, 1);
      break;
    default:
      return false;
  }
  if ((event->modifiers() & ~Qt::ShiftModifier & ~Qt::KeypadModifier) != Qt::NoModifier)
    return false;
  const QStringList ids = scene_->selectedNodeIds();
  if (ids.isEmpty()) return false;
  step *= kGrid * (event->modifiers() & Qt::ShiftModifier ? 5 : 1);
  std::map<QString, QPointF> to;
  for (const QString& id : ids) to[id] = scene_->document()->nodePosition(id) + step;
  scene_->document()->moveNodes(to);
  event->accept();
  return true;
}

void CanvasView::keyReleaseEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Space) {
    if (!event->isAutoRepeat()) {
      spaceHeld_ = false;
      if (!panning_) viewport()->unsetCursor();
    }
    event->accept();
    return;
  }
  QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::drawBackground(QPainter* painter, const QRectF& rect) {
  painter->fillRect(rect, palette().base());
  // Minor lines every grid step when close, major lines only when further out, none when
  // the lines would be a few pixels apart.
  const double z = zoom();
  const double step = z >= kDetailZoom ? kGrid : z >= 0.12 ? kGrid * 5 : 0;
  if (step == 0) return;
  QColor colour = palette().text().color();
  colour.setAlpha(z >= kDetailZoom ? 18 : 28);
  painter->setPen(QPen(colour, 0));
  QVector<QLineF> lines;
  for (double x = std::floor(rect.left() / step) * step; x <= rect.right(); x += step)
    lines.append(QLineF(x, rect.top(), x, rect.bottom()));
  for (double y = std::floor(rect.top() / step) * step; y <= rect.bottom(); y += step)
    lines.append(QLineF(rect.left(), y, rect.right(), y));
  painter->drawLines(lines);
}

// --- Edits ------------------------------------------------------------------------------

QPointF CanvasView::targetScenePos() const {
  const QPoint cursor = viewport()->mapFromGlobal(QCursor::pos());
  if (viewport()->rect().contains(cursor)) return mapToScene(cursor);
  return mapToScene(viewport()->rect().center());
}

void CanvasView::openQuickAdd(QPointF scenePos) {
  quickAddAt_ = scenePos;
  quickAdd_->popup(viewport()->mapToGlobal(mapFromScene(scenePos)));
}

void CanvasView::copy() {
  const QByteArray bytes = scene_->document()->copySelection(scene_->selectedNodeIds());
  if (bytes.isEmpty()) return;
  auto* mime = new QMimeData;
  mime->setData(QLatin1String(kClipboardMime), bytes);
  mime->setText(QString::fromUtf8(bytes));
  QApplication::clipboard()->setMimeData(mime);
}

void CanvasView::cut() {
  const QByteArray bytes = scene_->document()->cutSelection(scene_->selectedNodeIds());
  if (bytes.isEmpty()) return;
  auto* mime = new QMimeData;
  mime->setData(QLatin1String(kClipboardMime), bytes);
  mime->setText(QString::fromUtf8(bytes));
  QApplication::clipboard()->setMimeData(mime);
}

void CanvasView::paste() {
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (!mime) return;
  // Our own format first; else text, which may be a pipeline copied from an editor.
  const QByteArray bytes = mime->hasFormat(QLatin1String(kClipboardMime))
                               ? mime->data(QLatin1String(kClipboardMime))
                               : mime->text().toUtf8();
  if (bytes.isEmpty()) return;

  // Where the fragment's top-left card lands: successive pastes of the same nodes cascade
  // from the originals, as duplicates do.
  pasteCount_ = bytes == lastPasted_ ? pasteCount_ + 1 : 1;
  lastPasted_ = bytes;
  const double step = PipelineDocument::kDuplicateOffset * pasteCount_;
  QString error;
  const QStringList ids = scene_->document()->paste(bytes, QPointF(step, step), &error);
  if (ids.isEmpty()) {
    emit message(error);
    return;
  }
  scene_->selectNodes(ids);
}

void CanvasView::duplicate() {
  const QStringList ids = scene_->document()->duplicate(scene_->selectedNodeIds());
  if (!ids.isEmpty()) scene_->selectNodes(ids);
}

}  // namespace tributary::ui
