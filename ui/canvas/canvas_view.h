// The canvas's view: zoom (wheel around the cursor, fit, 100 %), pan (middle drag or
// space + drag), rubber-band selection, arrow-key nudges, the grid, and the canvas's edit actions
// (delete, cut/copy/paste, duplicate, select all, auto layout, quick add) as QActions the main
// window can also put in its menus. Edits go through the PipelineDocument, so each is undoable.
#pragma once

#include <QGraphicsView>
#include <QPointF>
#include <array>

class QAction;

namespace tributary::ui {

class PipelineScene;
class QuickAddPopup;

class CanvasView : public QGraphicsView {
  Q_OBJECT

 public:
  // The clipboard's own format (a pipeline fragment); the same bytes go as text too.
  static constexpr const char* kClipboardMime = "application/x-tributary-pipeline";
  static constexpr double kMinZoom = 0.05, kMaxZoom = 4;

  enum class Action {
    Delete,
    Cut,
    Copy,
    Paste,
    Duplicate,
    SelectAll,
    AutoLayout,
    ZoomIn,
    ZoomOut,
    ZoomFit,
    ZoomReset,
    QuickAdd,
  };
  static constexpr int kActionCount = static_cast<int>(Action::QuickAdd) + 1;

  explicit CanvasView(PipelineScene* scene, QWidget* parent = nullptr);

  PipelineScene* pipelineScene() const { return scene_; }
  QAction* action(Action which) const { return actions_[static_cast<std::size_t>(which)]; }
  QuickAddPopup* quickAddPopup() const { return quickAdd_; }

  double zoom() const;
  // Zooms around the view's centre.
  void setZoom(double zoom);
  void zoomToFit();
  void zoomReset();
  // Shows the node (Problems list, find) at the view's centre and selects it.
  void revealNode(const QString& id);
  // The quick-add popup at `scenePos`; the chosen kind is added there.
  void openQuickAdd(QPointF scenePos);

  void copy();
  void cut();
  void paste();
  void duplicate();

 signals:
  void zoomChanged(double zoom);
  // A short sentence for the status bar (a paste that failed, a refused connection).
  void message(const QString& text);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void keyReleaseEvent(QKeyEvent* event) override;
  void drawBackground(QPainter* painter, const QRectF& rect) override;

 private:
  QAction* makeAction(Action which, const QString& text, const QKeySequence& key);
  void updateActions();
  // Where a key-triggered popup or paste lands: the cursor when over the canvas, else the
  // view's centre.
  QPointF targetScenePos() const;
  void zoomBy(double factor);
  bool nudge(QKeyEvent* event);

  PipelineScene* scene_;
  QuickAddPopup* quickAdd_;
  std::array<QAction*, kActionCount> actions_{};
  QPointF quickAddAt_;
  bool spaceHeld_ = false;
  bool panning_ = false;
  QPoint panFrom_;
  int pasteCount_ = 0;  // successive pastes of the same clipboard land in a cascade
  QByteArray lastPasted_;
};

}  // namespace tributary::ui
