// The designer's main window: menus, toolbars, the palette, inspector and problems docks,
// the start page or canvas in the middle, the status bar, the file actions and the question
// of unsaved changes. Questions and errors go through virtual hooks so that tests can answer
// them without a modal dialog.
#pragma once

#include <QMainWindow>
#include <QStringList>
#include <memory>
#include <optional>

#include "ui/document/pipeline_document.h"

class QAction;
class QDockWidget;
class QLabel;
class QTimer;
class QMenu;
class QStackedWidget;
class QToolBar;

namespace tributary::ui {

class InspectorDock;
class PaletteDock;
class ProblemsDock;
class StartPage;

// The clipboard format of copied nodes (a pipeline document holding them).
inline constexpr auto kPipelineMimeType = "application/x-tributary-pipeline";

class CanvasView;
class ChartsDock;
class HistoryDock;
class PreviewDock;
class TopicsDock;
class EngineController;
class PipelineScene;
class RunControls;
class RunOverlay;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class SaveChoice { Save, Discard, Cancel };

  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  PipelineDocument* document() const { return document_; }
  StartPage* startPage() const { return startPage_; }
  PaletteDock* paletteDock() const { return palette_; }
  InspectorDock* inspectorDock() const { return inspector_; }
  ProblemsDock* problemsDock() const { return problems_; }
  ChartsDock* chartsDock() const { return charts_; }
  PreviewDock* previewDock() const { return preview_; }
  TopicsDock* topicsDock() const { return topics_; }
  HistoryDock* historyDock() const { return history_; }
  QWidget* canvas() const { return canvas_; }
  // Where the run controls (run, pause, stop, speed) go; empty and hidden until they do.
  QToolBar* runToolBar() const { return runToolBar_; }
  EngineController* engine() const { return engine_; }
  RunControls* runControls() const { return runControls_; }
  QStringList selectedNodes() const { return selection_; }
  bool isStartPageShown() const;

  // The file actions without dialogs (the menu's versions ask for the path, then call these).
  // Each returns whether it did it; a failure has been reported through showError().
  bool newFile();
  bool openFile(const QString& path);
  bool saveFile();
  bool saveFileAs(const QString& path);
  bool importFile(const QString& path);
  bool exportJson(const QString& path);
  // Opens a copy of the sample in `sampleDir` (StartPage::copySample).
  bool openSample(const QString& sampleDir);

 public slots:
  // What the canvas (or the problems dock, or a test) selected.
  void setSelectedNodes(const QStringList& ids);
  void showStartPage();
  void showCanvas();
  void validate();

 signals:
  // The selection changed from elsewhere than the canvas, for the canvas to follow.
  void selectionChanged(const QStringList& ids);

 protected:
  void closeEvent(QCloseEvent* event) override;

  // --- Hooks: dialogs in the app, answers in tests --------------------------------------
  virtual void showError(const QString& title, const QString& text);
  virtual SaveChoice askSaveChanges();
  // Which mode for an import whose nodes' ids `clashes` exist already; none to cancel.
  virtual std::optional<PipelineDocument::ImportMode> askImportMode(const QStringList& clashes);
  virtual QString askOpenPath(const QString& title);
  virtual QString askSavePath(const QString& title, const QString& suggested);

 private:
  // The canvas: a CanvasView over a PipelineScene(document_); it reports its selection to
  // setSelectedNodes() and follows selectionChanged().
  QWidget* createCanvas();
  void createActions();
  void createRun();  // the engine controller, run actions and the canvas's run overlay
  void createMenus();
  void createToolBars();
  void createDocks();
  void createStatusBar();
  void updateKafkaLabel();
  void updateActions();
  // The preview follows the selected node, or else the canvas's one selected edge.
  void updatePreviewSource();
  void updateStatus();
  // Shows again the docks that showStartPage() put away.
  void bringDocksBack();
  // Asks about unsaved changes; false when the user cancels (or saving failed).
  bool maybeSave();
  void rememberFile(const QString& path);
  void fillRecentMenu();
  void copy();
  void cut();
  void paste();
  void findNode();
  void showPreferences();
  void showAbout();
  QString defaultDirectory() const;

  PipelineDocument* document_;
  QStackedWidget* central_;
  StartPage* startPage_;
  // Set by createCanvas(), hence declared (and initialised) before canvas_.
  PipelineScene* scene_ = nullptr;
  CanvasView* canvasView_ = nullptr;
  QWidget* canvas_;
  PaletteDock* palette_ = nullptr;
  InspectorDock* inspector_ = nullptr;
  ProblemsDock* problems_ = nullptr;
  ChartsDock* charts_ = nullptr;
  PreviewDock* preview_ = nullptr;
  TopicsDock* topics_ = nullptr;
  HistoryDock* history_ = nullptr;
  QToolBar* fileToolBar_ = nullptr;
  QToolBar* editToolBar_ = nullptr;
  QToolBar* pipelineToolBar_ = nullptr;
  QToolBar* runToolBar_ = nullptr;
  EngineController* engine_ = nullptr;
  RunControls* runControls_ = nullptr;
  std::unique_ptr<RunOverlay> overlay_;
  QMenu* recentMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QLabel* problemsLabel_ = nullptr;
  QLabel* dataDirLabel_ = nullptr;
  QLabel* kafkaLabel_ = nullptr;
  QTimer* kafkaTimer_ = nullptr;
  QStringList selection_;
  // The bottom docks hidden while the start page shows, and the tab that was in front.
  QList<QDockWidget*> dockedAway_;
  QDockWidget* frontDock_ = nullptr;
  bool sizeBottomDocks_ = false;  // no saved layout: they are sized when they first show
  int pasteCount_ = 0;

  QAction *newAction_, *openAction_, *saveAction_, *saveAsAction_, *importAction_, *exportAction_,
      *preferencesAction_, *quitAction_;
  QAction *undoAction_, *redoAction_, *cutAction_, *copyAction_, *pasteAction_, *deleteAction_,
      *duplicateAction_, *selectAllAction_, *findAction_;
  QAction *validateAction_, *autoLayoutAction_, *startPageAction_, *aboutAction_;
  QAction* serveKafkaAction_ = nullptr;
};

}  // namespace tributary::ui
