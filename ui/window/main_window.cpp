#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include "pipeline/pipeline_format.h"
#include "ui/app_settings.h"
#include "ui/canvas/canvas_view.h"
#include "ui/canvas/pipeline_scene.h"
#include "ui/docks/charts_dock.h"
#include "ui/docks/history_dock.h"
#include "ui/docks/inspector_dock.h"
#include "ui/docks/palette_dock.h"
#include "ui/docks/preview_dock.h"
#include "ui/docks/problems_dock.h"
#include "ui/docks/topics_dock.h"
#include "ui/icons.h"
#include "ui/run/engine_controller.h"
#include "ui/run/run_controls.h"
#include "ui/run/run_overlay.h"
#include "ui/window/preferences_dialog.h"
#include "ui/window/start_page.h"

namespace tributary::ui {
namespace {

QString fileFilter() {
  return MainWindow::tr("Pipelines (*.json);;All files (*)");
}

QAction* makeAction(QObject* parent, const QString& name, const QString& text,
                    const QList<QKeySequence>& keys, const QIcon& icon = {}) {
  auto* a = new QAction(icon, text, parent);
  a->setObjectName(name);
  a->setShortcuts(keys);
  return a;
}

// The platform's keys for `key`, or `fallback` where it has none (Quit and Save As on some).
QList<QKeySequence> standardOr(QKeySequence::StandardKey key, const QKeySequence& fallback) {
  auto keys = QKeySequence::keyBindings(key);
  if (keys.isEmpty()) keys << fallback;
  return keys;
}

QIcon themed(const char* name, QStyle::StandardPixmap fallback) {
  return QIcon::fromTheme(QString::fromLatin1(name), qApp->style()->standardIcon(fallback));
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      document_(new PipelineDocument(this)),
      central_(new QStackedWidget),
      startPage_(new StartPage),
      canvas_(createCanvas()) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowIcon(appIcon());
  setDockNestingEnabled(true);
  central_->addWidget(startPage_);
  central_->addWidget(canvas_);
  setCentralWidget(central_);

  createActions();
  createRun();
  createDocks();
  createMenus();
  createToolBars();
  createStatusBar();

  connect(document_, &PipelineDocument::titleChanged, this, &QMainWindow::setWindowTitle);
  connect(document_, &PipelineDocument::dirtyChanged, this, &MainWindow::updateActions);
  connect(document_, &PipelineDocument::diagnosticsChanged, this, &MainWindow::updateStatus);
  connect(document_, &PipelineDocument::modelReset, this, [this] { setSelectedNodes({}); });
  // The selection keeps only nodes that exist.
  connect(document_, &PipelineDocument::nodeRemoved, this, [this](const QString& id) {
    if (selection_.contains(id)) setSelectedNodes(selection_);
  });
  connect(startPage_, &StartPage::sampleChosen, this, &MainWindow::openSample);
  connect(startPage_, &StartPage::recentChosen, this, &MainWindow::openFile);
  connect(startPage_, &StartPage::newRequested, this, &MainWindow::newFile);
  connect(startPage_, &StartPage::openRequested, openAction_, &QAction::trigger);
  connect(palette_, &PaletteDock::nodeAdded, this, [this](const QString& id) {
    showCanvas();
    setSelectedNodes({id});
  });
  connect(problems_, &ProblemsDock::nodeActivated, this, [this](const QString& id) {
    showCanvas();
    setSelectedNodes({id});
    canvasView_->revealNode(id);
  });

  setWindowTitle(document_->windowTitle());
  resize(1280, 800);
  restoreGeometry(settings::windowGeometry());
  // Without a saved layout the bottom docks get their height once the window is on screen.
  sizeBottomDocks_ = !restoreState(settings::windowState());
  showStartPage();
  updateActions();
  updateStatus();
}

MainWindow::~MainWindow() {
  // The run's threads end before the window they report to.
  disconnect(engine_, nullptr, nullptr, nullptr);
  delete engine_;
  // The canvas reads the document while its items go: it goes first, quietly.
  disconnect(scene_, nullptr, nullptr, nullptr);
  delete canvasView_;
  delete scene_;
  // The document is the first child to go; the docks must not hear from it meanwhile.
  disconnect(document_, nullptr, nullptr, nullptr);
}

QWidget* MainWindow::createCanvas() {
  scene_ = new PipelineScene(document_, this);
  canvasView_ = new CanvasView(scene_);
  canvasView_->setObjectName(QStringLiteral("canvas"));
  // The window's Edit menu does these on the window's selection: one shortcut each.
  using A = CanvasView::Action;
  for (const A a :
       {A::Delete, A::Cut, A::Copy, A::Paste, A::Duplicate, A::SelectAll, A::AutoLayout})
    canvasView_->action(a)->setShortcuts({});
  connect(scene_, &QGraphicsScene::selectionChanged, this, [this] {
    setSelectedNodes(scene_->selectedNodeIds());
    updatePreviewSource();  // an edge alone selected: the nodes did not change
  });
  connect(this, &MainWindow::selectionChanged, scene_, &PipelineScene::selectNodes);
  connect(canvasView_, &CanvasView::message, this,
          [this](const QString& text) { statusBar()->showMessage(text, 5000); });
  return canvasView_;
}

// --- Construction ---------------------------------------------------------------------

void MainWindow::createActions() {
  using K = QKeySequence;
  newAction_ = makeAction(this, QStringLiteral("actionNew"), tr("&New"), K::keyBindings(K::New),
                          themed("document-new", QStyle::SP_FileIcon));
  openAction_ =
      makeAction(this, QStringLiteral("actionOpen"), tr("&Open…"), K::keyBindings(K::Open),
                 themed("document-open", QStyle::SP_DialogOpenButton));
  saveAction_ = makeAction(this, QStringLiteral("actionSave"), tr("&Save"), K::keyBindings(K::Save),
                           themed("document-save", QStyle::SP_DialogSaveButton));
  saveAsAction_ = makeAction(this, QStringLiteral("actionSaveAs"), tr("Save &As…"),
                             standardOr(K::SaveAs, K(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));
  importAction_ =
      makeAction(this, QStringLiteral("actionImport"), tr("&Import…"), {K(Qt::CTRL | Qt::Key_I)});
  exportAction_ = makeAction(this, QStringLiteral("actionExport"), tr("&Export JSON…"),
                             {K(Qt::CTRL | Qt::Key_E)});
  preferencesAction_ = makeAction(this, QStringLiteral("actionPreferences"), tr("&Preferences…"),
                                  standardOr(K::Preferences, K(Qt::CTRL | Qt::Key_Comma)));
  preferencesAction_->setMenuRole(QAction::PreferencesRole);
  quitAction_ = makeAction(this, QStringLiteral("actionQuit"), tr("&Quit"),
                           standardOr(K::Quit, K(Qt::CTRL | Qt::Key_Q)));
  quitAction_->setMenuRole(QAction::QuitRole);

  undoAction_ = document_->undoStack()->createUndoAction(this, tr("&Undo"));
  undoAction_->setObjectName(QStringLiteral("actionUndo"));
  undoAction_->setShortcuts(K::keyBindings(K::Undo));
  undoAction_->setIcon(themed("edit-undo", QStyle::SP_ArrowBack));
  redoAction_ = document_->undoStack()->createRedoAction(this, tr("&Redo"));
  redoAction_->setObjectName(QStringLiteral("actionRedo"));
  auto redoKeys = K::keyBindings(K::Redo);
  if (!redoKeys.contains(K(Qt::CTRL | Qt::Key_Y))) redoKeys << K(Qt::CTRL | Qt::Key_Y);
  redoAction_->setShortcuts(redoKeys);
  redoAction_->setIcon(themed("edit-redo", QStyle::SP_ArrowForward));
  cutAction_ = makeAction(this, QStringLiteral("actionCut"), tr("Cu&t"), K::keyBindings(K::Cut));
  copyAction_ =
      makeAction(this, QStringLiteral("actionCopy"), tr("&Copy"), K::keyBindings(K::Copy));
  pasteAction_ =
      makeAction(this, QStringLiteral("actionPaste"), tr("&Paste"), K::keyBindings(K::Paste));
  deleteAction_ =
      makeAction(this, QStringLiteral("actionDelete"), tr("&Delete"), K::keyBindings(K::Delete));
  duplicateAction_ = makeAction(this, QStringLiteral("actionDuplicate"), tr("D&uplicate"),
                                {K(Qt::CTRL | Qt::Key_D)});
  selectAllAction_ = makeAction(this, QStringLiteral("actionSelectAll"), tr("Select &All"),
                                K::keyBindings(K::SelectAll));
  findAction_ =
      makeAction(this, QStringLiteral("actionFind"), tr("&Find Node…"), K::keyBindings(K::Find));

  validateAction_ =
      makeAction(this, QStringLiteral("actionValidate"), tr("&Validate"), {K(Qt::CTRL | Qt::Key_B)},
                 themed("dialog-ok", QStyle::SP_DialogApplyButton));
  autoLayoutAction_ = makeAction(this, QStringLiteral("actionAutoLayout"), tr("Auto &Layout"),
                                 {K(Qt::CTRL | Qt::Key_L)});
  startPageAction_ = makeAction(this, QStringLiteral("actionStartPage"), tr("&Start Page"),
                                {K(Qt::CTRL | Qt::SHIFT | Qt::Key_H)});
  aboutAction_ = makeAction(this, QStringLiteral("actionAbout"), tr("&About Tributary"), {});
  aboutAction_->setMenuRole(QAction::AboutRole);

  connect(newAction_, &QAction::triggered, this, &MainWindow::newFile);
  connect(openAction_, &QAction::triggered, this, [this] {
    const QString path = askOpenPath(tr("Open Pipeline"));
    if (!path.isEmpty()) openFile(path);
  });
  connect(saveAction_, &QAction::triggered, this, &MainWindow::saveFile);
  connect(saveAsAction_, &QAction::triggered, this, [this] {
    const QString path = askSavePath(tr("Save Pipeline As"), document_->filePath());
    if (!path.isEmpty()) saveFileAs(path);
  });
  connect(importAction_, &QAction::triggered, this, [this] {
    const QString path = askOpenPath(tr("Import Pipeline"));
    if (!path.isEmpty()) importFile(path);
  });
  connect(exportAction_, &QAction::triggered, this, [this] {
    const QString path = askSavePath(tr("Export JSON"), QString());
    if (!path.isEmpty()) exportJson(path);
  });
  connect(preferencesAction_, &QAction::triggered, this, &MainWindow::showPreferences);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);
  connect(cutAction_, &QAction::triggered, this, &MainWindow::cut);
  connect(copyAction_, &QAction::triggered, this, &MainWindow::copy);
  connect(pasteAction_, &QAction::triggered, this, &MainWindow::paste);
  connect(deleteAction_, &QAction::triggered, this, [this] {
    // The canvas also deletes the edges selected there.
    if (!isStartPageShown() && scene_->deleteSelection()) return;
    document_->removeNodes(selection_);
  });
  connect(duplicateAction_, &QAction::triggered, this, [this] {
    const QStringList ids = document_->duplicate(selection_);
    if (!ids.isEmpty()) setSelectedNodes(ids);
  });
  connect(selectAllAction_, &QAction::triggered, this, [this] {
    QStringList all;
    for (const auto& n : document_->pipeline().nodes) all << QString::fromStdString(n.id);
    setSelectedNodes(all);
  });
  connect(findAction_, &QAction::triggered, this, &MainWindow::findNode);
  connect(validateAction_, &QAction::triggered, this, &MainWindow::validate);
  connect(autoLayoutAction_, &QAction::triggered, document_, &PipelineDocument::autoLayout);
  connect(startPageAction_, &QAction::triggered, this, &MainWindow::showStartPage);
  connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addActions({newAction_, openAction_});
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  recentMenu_->setObjectName(QStringLiteral("recentMenu"));
  connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
  fillRecentMenu();
  file->addSeparator();
  file->addActions({saveAction_, saveAsAction_});
  file->addSeparator();
  file->addActions({importAction_, exportAction_});
  file->addSeparator();
  file->addAction(preferencesAction_);
  file->addSeparator();
  file->addAction(quitAction_);

  auto* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addActions({undoAction_, redoAction_});
  edit->addSeparator();
  edit->addActions({cutAction_, copyAction_, pasteAction_, deleteAction_, duplicateAction_});
  edit->addSeparator();
  edit->addActions({selectAllAction_, findAction_});

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  viewMenu_->addAction(startPageAction_);
  using A = CanvasView::Action;
  for (const A a : {A::ZoomIn, A::ZoomOut, A::ZoomFit, A::ZoomReset})
    viewMenu_->addAction(canvasView_->action(a));
  viewMenu_->addSeparator();
  for (QDockWidget* dock : std::initializer_list<QDockWidget*>{
           palette_, inspector_, problems_, preview_, charts_, topics_, history_}) {
    viewMenu_->addAction(dock->toggleViewAction());
  }

  auto* pipelineMenu = menuBar()->addMenu(tr("&Pipeline"));
  pipelineMenu->addActions({validateAction_, autoLayoutAction_});

  auto* run = menuBar()->addMenu(tr("&Run"));
  run->addActions({runControls_->runAction(), runControls_->pauseAction(),
                   runControls_->stopAction(), runControls_->resetAction()});
  run->addSeparator();
  run->addAction(serveKafkaAction_);

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(aboutAction_);
}

void MainWindow::createRun() {
  engine_ = new EngineController(document_, this);
  runControls_ = new RunControls(engine_, this);
  overlay_ = std::make_unique<RunOverlay>(document_, scene_);
  auto nodeState = [this] {
    switch (engine_->state()) {
      case EngineController::State::Running:
        return NodeRunState::Running;
      case EngineController::State::Paused:
        return NodeRunState::Paused;
      case EngineController::State::Failed:
        return NodeRunState::Failed;
      default:
        return NodeRunState::Idle;
    }
  };
  connect(engine_, &EngineController::snapshotUpdated, this,
          [this, nodeState](const runtime::Progress& p) {
            overlay_->show(p, engine_->plan(), nodeState());
          });
  connect(engine_, &EngineController::stateChanged, this, [this](EngineController::State s) {
    if (s == EngineController::State::Running) showCanvas();
    if (s == EngineController::State::Idle) overlay_->clear();
  });
  connect(engine_, &EngineController::runRefused, this, [this](const QStringList& problems) {
    problems_->show();
    problems_->raise();
    showError(tr("The pipeline cannot run"), problems.join(QLatin1Char('\n')));
  });
  connect(engine_, &EngineController::runFailed, this,
          [this](const QString& error) { showError(tr("The run failed"), error); });
  // The embedded Kafka broker, from the Run menu (or started by a run with an exposed topic).
  serveKafkaAction_ = new QAction(tr("Serve Topics to &Kafka Clients"), this);
  serveKafkaAction_->setObjectName(QStringLiteral("actionServeKafka"));
  serveKafkaAction_->setCheckable(true);
  serveKafkaAction_->setToolTip(
      tr("Kafka clients (kcat, librdkafka, kafkajs, Java) produce to and consume from the data "
         "folder's topics"));
  connect(serveKafkaAction_, &QAction::triggered, this, [this](bool on) {
    if (on) {
      engine_->startBroker();
    } else {
      engine_->stopBroker();
    }
    serveKafkaAction_->setChecked(engine_->brokerRunning());
  });
  connect(engine_, &EngineController::brokerChanged, this, [this](bool running) {
    serveKafkaAction_->setChecked(running);
    updateKafkaLabel();
    if (running) {
      kafkaTimer_->start();
      statusBar()->showMessage(tr("Kafka clients can connect to %1").arg(engine_->brokerAddress()),
                               5000);
    } else {
      kafkaTimer_->stop();
    }
  });
  connect(engine_, &EngineController::brokerFailed, this,
          [this](const QString& error) { showError(tr("Kafka broker"), error); });
  // Another pipeline in the window: the run of the last one ends.
  connect(document_, &PipelineDocument::modelReset, this, [this] {
    engine_->stop();
    overlay_->clear();
  });
}

void MainWindow::createToolBars() {
  fileToolBar_ = addToolBar(tr("File"));
  fileToolBar_->setObjectName(QStringLiteral("fileToolBar"));
  fileToolBar_->addActions({newAction_, openAction_, saveAction_});
  editToolBar_ = addToolBar(tr("Edit"));
  editToolBar_->setObjectName(QStringLiteral("editToolBar"));
  editToolBar_->addActions({undoAction_, redoAction_});
  pipelineToolBar_ = addToolBar(tr("Pipeline"));
  pipelineToolBar_->setObjectName(QStringLiteral("pipelineToolBar"));
  pipelineToolBar_->addAction(validateAction_);
  runToolBar_ = addToolBar(tr("Run"));
  runToolBar_->setObjectName(QStringLiteral("runToolBar"));
  runToolBar_->addActions({runControls_->runAction(), runControls_->pauseAction(),
                           runControls_->stopAction(), runControls_->resetAction()});
  runToolBar_->addWidget(runControls_->speedBox());
  viewMenu_->addSeparator();
  for (auto* bar : {fileToolBar_, editToolBar_, pipelineToolBar_, runToolBar_}) {
    viewMenu_->addAction(bar->toggleViewAction());
  }
}

void MainWindow::createDocks() {
  palette_ = new PaletteDock(document_, this);
  inspector_ = new InspectorDock(document_, this);
  problems_ = new ProblemsDock(document_, this);
  addDockWidget(Qt::LeftDockWidgetArea, palette_);
  addDockWidget(Qt::RightDockWidgetArea, inspector_);
  addDockWidget(Qt::BottomDockWidgetArea, problems_);
  // The run's docks, tabbed with Problems at the bottom (ui.md).
  charts_ = new ChartsDock(document_, this);
  preview_ = new PreviewDock(this);
  topics_ = new TopicsDock(this);
  history_ = new HistoryDock(this);
  history_->setDataDir(engine_->dataDir());
  topics_->setDataDir(engine_->dataDir());
  QDockWidget* previous = problems_;
  for (QDockWidget* dock :
       std::initializer_list<QDockWidget*>{preview_, charts_, topics_, history_}) {
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(previous, dock);
    previous = dock;
  }
  problems_->raise();
  resizeDocks({palette_, inspector_}, {220, 320}, Qt::Horizontal);
  resizeDocks({problems_}, {220}, Qt::Vertical);
  connect(engine_, &EngineController::snapshotUpdated, charts_, &ChartsDock::showSnapshot);
  connect(engine_, &EngineController::snapshotUpdated, preview_, &PreviewDock::showSnapshot);
  connect(engine_, &EngineController::snapshotUpdated, topics_, &TopicsDock::showSnapshot);
  // A dock turned on or off from the View menu while the start page shows is the user's
  // choice: the canvas does not bring it back on its own.
  for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
    connect(dock->toggleViewAction(), &QAction::triggered, this,
            [this, dock] { dockedAway_.removeAll(dock); });
  }
  connect(engine_, &EngineController::stateChanged, this, [this](EngineController::State s) {
    switch (s) {
      case EngineController::State::Running:
        if (isStartPageShown()) showCanvas();  // a run is watched on the canvas and its docks
        if (!engine_->latest().elapsed_s) {    // a new run, not a resumed one
          charts_->clear();
          preview_->clear();
          topics_->clear();
          charts_->setPlan(engine_->plan());
          topics_->setPlan(engine_->plan());
          topics_->setDataDir(engine_->dataDir());
          history_->setDataDir(engine_->dataDir());
          charts_->raise();
        }
        break;
      case EngineController::State::Finished:
      case EngineController::State::Stopped:
      case EngineController::State::Failed:
        history_->refresh();
        break;
      default:
        break;
    }
  });
}

void MainWindow::createStatusBar() {
  problemsLabel_ = new QLabel;
  dataDirLabel_ = new QLabel;
  statusBar()->addPermanentWidget(runControls_->statusLabel());
  statusBar()->addPermanentWidget(problemsLabel_);
  statusBar()->addPermanentWidget(dataDirLabel_);
  kafkaLabel_ = new QLabel;
  kafkaLabel_->setObjectName(QStringLiteral("kafkaLabel"));
  kafkaLabel_->hide();
  statusBar()->addPermanentWidget(kafkaLabel_);
  kafkaTimer_ = new QTimer(this);
  kafkaTimer_->setInterval(1000);
  connect(kafkaTimer_, &QTimer::timeout, this, &MainWindow::updateKafkaLabel);
}

void MainWindow::updateKafkaLabel() {
  if (!engine_->brokerRunning()) {
    kafkaLabel_->hide();
    return;
  }
  const auto stats = engine_->brokerStats();
  kafkaLabel_->setText(tr("Kafka %1 · %n client(s)", nullptr, int(stats.connections_open))
                           .arg(engine_->brokerAddress()));
  kafkaLabel_->setToolTip(tr("%1 records produced by Kafka clients, %2 requests")
                              .arg(QLocale().toString(qulonglong(stats.produced_records)))
                              .arg(QLocale().toString(qulonglong(stats.requests))));
  kafkaLabel_->show();
}

void MainWindow::updateActions() {
  const bool any = !selection_.isEmpty();
  for (auto* a : {cutAction_, copyAction_, deleteAction_, duplicateAction_}) a->setEnabled(any);
  saveAction_->setEnabled(document_->isDirty() || document_->filePath().isEmpty());
}

void MainWindow::updateStatus() {
  const int n = static_cast<int>(document_->diagnostics().size());
  problemsLabel_->setText(n == 0 ? tr("No problems") : tr("%n problem(s)", nullptr, n));
  dataDirLabel_->setText(
      tr("Data folder: %1").arg(QDir::toNativeSeparators(settings::dataDirectory())));
}

// --- Selection and views --------------------------------------------------------------

void MainWindow::setSelectedNodes(const QStringList& ids) {
  QStringList existing;
  for (const auto& id : ids) {
    if (document_->node(id) && !existing.contains(id)) existing << id;
  }
  if (existing == selection_) return;
  selection_ = existing;
  inspector_->setSelectedNodes(selection_);
  updateActions();
  emit selectionChanged(selection_);
  updatePreviewSource();
}

void MainWindow::updatePreviewSource() {
  // The first selected node; else the one selected edge, whose records are its from-node's.
  const auto edges = selection_.isEmpty() ? scene_->selectedEdges() : std::vector<pipeline::Edge>();
  if (edges.size() == 1) {
    preview_->setSelectedEdge(QString::fromStdString(edges.front().from.node),
                              QString::fromStdString(edges.front().to.node));
  } else {
    preview_->setSelectedNodes(selection_);
  }
}

bool MainWindow::isStartPageShown() const {
  return central_->currentWidget() == startPage_;
}

void MainWindow::showStartPage() {
  startPage_->refresh();
  central_->setCurrentWidget(startPage_);
  // The start page gets the window's height: the docks at the bottom (the problems and the
  // run's docks) wait for a pipeline, and come back as they were with the canvas.
  for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
    // Open: ticked in the View menu (before the first show, not hidden by the saved layout).
    const bool open = isVisible() ? dock->toggleViewAction()->isChecked() : !dock->isHidden();
    if (!open || dock->isFloating() || dockWidgetArea(dock) != Qt::BottomDockWidgetArea ||
        dockedAway_.contains(dock)) {
      continue;
    }
    // The tab in front, to bring it to the front again (before the first show: Problems).
    if (isVisible() ? dock->isVisible() : dock == problems_) frontDock_ = dock;
    dockedAway_ << dock;
    dock->hide();
  }
}

void MainWindow::showCanvas() {
  central_->setCurrentWidget(canvas_);
  bringDocksBack();
}

void MainWindow::bringDocksBack() {
  for (QDockWidget* dock : std::as_const(dockedAway_)) dock->show();
  if (!dockedAway_.isEmpty() && frontDock_) frontDock_->raise();
  // The first time, a third of the window: the canvas keeps most of it (once the docks
  // are laid out again).
  if (!dockedAway_.isEmpty() && sizeBottomDocks_ && isVisible()) {
    sizeBottomDocks_ = false;
    QTimer::singleShot(0, this, [this, dock = QPointer<QDockWidget>(dockedAway_.front())] {
      if (dock) resizeDocks({dock.data()}, {std::max(160, height() / 3)}, Qt::Vertical);
    });
  }
  dockedAway_.clear();
  frontDock_ = nullptr;
}

void MainWindow::validate() {
  // The diagnostics are kept up to date; Validate brings them forward.
  const int n = static_cast<int>(document_->diagnostics().size());
  problems_->show();
  problems_->raise();
  statusBar()->showMessage(
      n == 0 ? tr("The pipeline is valid.") : tr("The pipeline has %n problem(s).", nullptr, n),
      5000);
}

// --- Files ----------------------------------------------------------------------------

bool MainWindow::maybeSave() {
  if (!document_->isDirty()) return true;
  switch (askSaveChanges()) {
    case SaveChoice::Save:
      return saveFile();
    case SaveChoice::Discard:
      return true;
    case SaveChoice::Cancel:
      return false;
  }
  return false;
}

bool MainWindow::newFile() {
  if (!maybeSave()) return false;
  document_->newPipeline();
  showCanvas();
  statusBar()->showMessage(tr("New pipeline"), 3000);
  return true;
}

bool MainWindow::openFile(const QString& path) {
  if (!maybeSave()) return false;
  const QString error = document_->open(path);
  if (!error.isEmpty()) {
    showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), error);
    return false;
  }
  rememberFile(path);
  showCanvas();
  const int n = static_cast<int>(document_->diagnostics().size());
  if (n > 0) {
    problems_->show();
    problems_->raise();
  }
  statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 3000);
  return true;
}

bool MainWindow::saveFile() {
  if (document_->filePath().isEmpty()) {
    const QString path = askSavePath(tr("Save Pipeline"), QString());
    return !path.isEmpty() && saveFileAs(path);
  }
  return saveFileAs(document_->filePath());
}

bool MainWindow::saveFileAs(const QString& path) {
  const QString error = document_->save(path);
  if (!error.isEmpty()) {
    showError(tr("Cannot save %1").arg(QFileInfo(path).fileName()), error);
    return false;
  }
  rememberFile(path);
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 3000);
  return true;
}

bool MainWindow::importFile(const QString& path) {
  pipeline::Pipeline imported;
  QString error;
  if (!document_->readForImport(path, &imported, &error)) {
    showError(tr("Cannot import %1").arg(QFileInfo(path).fileName()), error);
    return false;
  }
  auto mode = PipelineDocument::ImportMode::Copy;
  const QStringList clashes = document_->clashingIds(imported);
  if (!clashes.isEmpty()) {
    const auto chosen = askImportMode(clashes);
    if (!chosen) return false;
    mode = *chosen;
  }
  const QStringList ids =
      document_->importPipeline(imported, mode, tr("Import %1").arg(QFileInfo(path).fileName()));
  showCanvas();
  setSelectedNodes(ids);
  return true;
}

bool MainWindow::exportJson(const QString& path) {
  QSaveFile file(path);
  const std::string text = pipeline::save_pipeline(document_->pipeline());
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit()) {
    showError(tr("Cannot export %1").arg(QFileInfo(path).fileName()), file.errorString());
    return false;
  }
  statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 3000);
  return true;
}

bool MainWindow::openSample(const QString& sampleDir) {
  if (!maybeSave()) return false;
  QString error;
  const QString copy = StartPage::copySample(sampleDir, &error);
  if (copy.isEmpty()) {
    showError(tr("Cannot open the sample"), error);
    return false;
  }
  return openFile(copy);
}

void MainWindow::rememberFile(const QString& path) {
  settings::addRecentFile(path);
  fillRecentMenu();
}

void MainWindow::fillRecentMenu() {
  recentMenu_->clear();
  const QStringList files = settings::recentFiles();
  for (int i = 0; i < files.size(); ++i) {
    auto* a = recentMenu_->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(files[i]).fileName()),
                                     this, [this, path = files[i]] { openFile(path); });
    a->setToolTip(QDir::toNativeSeparators(files[i]));
    a->setStatusTip(QDir::toNativeSeparators(files[i]));
  }
  recentMenu_->addSeparator();
  auto* clear = recentMenu_->addAction(tr("Clear Recent Files"), this, [this] {
    settings::clearRecentFiles();
    fillRecentMenu();
  });
  clear->setEnabled(!files.isEmpty());
}

QString MainWindow::defaultDirectory() const {
  if (!document_->filePath().isEmpty()) return QFileInfo(document_->filePath()).absolutePath();
  const QString dir = settings::dataDirectory();
  QDir().mkpath(dir);
  return dir;
}

// --- Clipboard and editing ------------------------------------------------------------

void MainWindow::copy() {
  if (selection_.isEmpty()) return;
  auto* data = new QMimeData;
  const QByteArray bytes = document_->copySelection(selection_);
  data->setData(QString::fromLatin1(kPipelineMimeType), bytes);
  data->setText(QString::fromUtf8(bytes));
  QApplication::clipboard()->setMimeData(data);
  pasteCount_ = 0;
}

void MainWindow::cut() {
  if (selection_.isEmpty()) return;
  auto* data = new QMimeData;
  const QByteArray bytes = document_->cutSelection(selection_);
  data->setData(QString::fromLatin1(kPipelineMimeType), bytes);
  data->setText(QString::fromUtf8(bytes));
  QApplication::clipboard()->setMimeData(data);
  pasteCount_ = -1;  // the first paste of a cut goes where the nodes were
}

void MainWindow::paste() {
  const QMimeData* data = QApplication::clipboard()->mimeData();
  if (!data) return;
  QByteArray bytes = data->data(QString::fromLatin1(kPipelineMimeType));
  if (bytes.isEmpty()) bytes = data->text().toUtf8();
  if (bytes.isEmpty()) return;
  ++pasteCount_;
  const double offset = PipelineDocument::kDuplicateOffset * pasteCount_;
  QString error;
  const QStringList ids = document_->paste(bytes, QPointF(offset, offset), &error);
  if (ids.isEmpty()) {
    statusBar()->showMessage(tr("Nothing to paste: %1").arg(error), 5000);
    return;
  }
  showCanvas();
  setSelectedNodes(ids);
}

void MainWindow::findNode() {
  QStringList items;
  QStringList ids;
  for (const auto& n : document_->pipeline().nodes) {
    const QString id = QString::fromStdString(n.id);
    const QString label = QString::fromStdString(n.label);
    items << (label.isEmpty() || label == id ? id : tr("%1 (%2)").arg(label, id));
    ids << id;
  }
  if (items.isEmpty()) return;
  bool ok = false;
  const QString chosen =
      QInputDialog::getItem(this, tr("Find Node"), tr("Node:"), items, 0, true, &ok);
  if (!ok) return;
  const int i = items.indexOf(chosen);
  if (i >= 0) {
    setSelectedNodes({ids[i]});
  } else if (ids.contains(chosen)) {
    setSelectedNodes({chosen});
  }
}

void MainWindow::showPreferences() {
  PreferencesDialog dialog(this);
  if (dialog.exec() == QDialog::Accepted) {
    engine_->setDataDir(settings::dataDirectory());  // from the next run on
    history_->setDataDir(settings::dataDirectory());
    topics_->setDataDir(settings::dataDirectory());
    updateStatus();
  }
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About Tributary"),
                     tr("<b>Tributary %1</b><p>A designer for streaming pipelines: sources, "
                        "topics, windows, transforms, machine learning and sinks.</p>")
                         .arg(QCoreApplication::applicationVersion()));
}

// --- Closing and hooks ----------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  // The layout to come back to is the canvas's, with the docks the start page put away.
  bringDocksBack();
  settings::setWindowLayout(saveGeometry(), saveState());
  event->accept();
}

void MainWindow::showError(const QString& title, const QString& text) {
  QMessageBox::warning(this, title, text);
}

MainWindow::SaveChoice MainWindow::askSaveChanges() {
  const auto answer = QMessageBox::question(
      this, tr("Unsaved Changes"),
      tr("%1 has unsaved changes. Save them?").arg(document_->fileName()),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) return SaveChoice::Save;
  if (answer == QMessageBox::Discard) return SaveChoice::Discard;
  return SaveChoice::Cancel;
}

std::optional<PipelineDocument::ImportMode> MainWindow::askImportMode(const QStringList& clashes) {
  QMessageBox box(QMessageBox::Question, tr("Import"),
                  tr("The pipeline already has nodes with these ids: %1.")
                      .arg(clashes.join(QStringLiteral(", "))),
                  QMessageBox::NoButton, this);
  box.setInformativeText(tr("Import them as copies with new ids, or replace the nodes?"));
  auto* copyButton = box.addButton(tr("Import as Copies"), QMessageBox::AcceptRole);
  auto* replaceButton = box.addButton(tr("Replace"), QMessageBox::DestructiveRole);
  box.addButton(QMessageBox::Cancel);
  box.setDefaultButton(copyButton);
  box.exec();
  if (box.clickedButton() == copyButton) return PipelineDocument::ImportMode::Copy;
  if (box.clickedButton() == replaceButton) return PipelineDocument::ImportMode::Replace;
  return std::nullopt;
}

QString MainWindow::askOpenPath(const QString& title) {
  return QFileDialog::getOpenFileName(this, title, defaultDirectory(), fileFilter());
}

QString MainWindow::askSavePath(const QString& title, const QString& suggested) {
  const QString start =
      suggested.isEmpty() ? QDir(defaultDirectory()).filePath(tr("pipeline.json")) : suggested;
  QString path = QFileDialog::getSaveFileName(this, title, start, fileFilter());
  if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
  return path;
}

}  // namespace tributary::ui
