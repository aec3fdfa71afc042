// The main window's files and conventions: open -> save is byte-identical on a canonical file,
// what is not a pipeline is refused with the reason (through the showError hook, no modal box),
// a pipeline with problems opens and lists them, unsaved changes are asked about, an import
// with clashing ids asks which mode, standard keys are on every common action, the docks
// are in the View menu, and the start page is not crowded by the docks at the bottom.
#include <QtTest>

#include <QComboBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>

#include "nodes/catalogue.h"
#include "pipeline/pipeline_format.h"
#include "quiet_main_window.h"
#include "ui/app_settings.h"
#include "ui/docks/charts_dock.h"
#include "ui/docks/history_dock.h"
#include "ui/docks/inspector_dock.h"
#include "ui/docks/palette_dock.h"
#include "ui/docks/preview_dock.h"
#include "ui/docks/problems_dock.h"
#include "ui/docks/topics_dock.h"
#include "ui/window/preferences_dialog.h"
#include "ui/window/start_page.h"

using namespace tributary;
using ui::MainWindow;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The title of the tab in front among the docks tabbed with Problems at the bottom.
QString frontTab(const MainWindow& window) {
  for (auto* bar : window.findChildren<QTabBar*>()) {
    for (int i = 0; i < bar->count(); ++i) {
      if (bar->tabText(i) == window.problemsDock()->windowTitle())
        return bar->tabText(bar->currentIndex());
    }
  }
  return {};
}

QList<QAction*> menuActions(QMenuBar* bar) {
  QList<QAction*> out;
  std::function<void(QMenu*)> walk = [&](QMenu* menu) {
    for (auto* a : menu->actions()) {
      if (a->menu()) {
        walk(a->menu());
      } else if (!a->isSeparator()) {
        out << a;
      }
    }
  };
  for (auto* a : bar->actions()) {
    if (a->menu()) walk(a->menu());
  }
  return out;
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
    QCoreApplication::setApplicationName(QStringLiteral("MainWindowTest"));
  }

  void openSaveRoundTrip() {
    // A canonical file: the engine's own bytes for a sample.
    const auto load = pipeline::load_pipeline_file(TRIBUTARY_SAMPLES "/stock-ticks/pipeline.json",
                                                   nodes::builtin_kinds());
    const QString canonical = dir_.filePath(QStringLiteral("canonical.json"));
    QVERIFY(writeAll(canonical, QByteArray::fromStdString(pipeline::save_pipeline(load.pipeline))));

    QuietMainWindow window;
    QVERIFY(window.openFile(canonical));
    QVERIFY(!window.isStartPageShown());
    const QString copy = dir_.filePath(QStringLiteral("copy.json"));
    QVERIFY(window.saveFileAs(copy));
    QCOMPARE(readAll(copy), readAll(canonical));
    QCOMPARE(window.document()->filePath(), copy);
    QVERIFY(window.windowTitle().contains(QStringLiteral("copy.json")));
    QVERIFY(window.errors.isEmpty());
  }

  void refusesWhatIsNotAPipeline() {
    const QString notes = dir_.filePath(QStringLiteral("notes.json"));
    QVERIFY(writeAll(notes, "{\"hello\": \"world\"}"));
    QuietMainWindow window;
    QVERIFY(!window.openFile(notes));
    QCOMPARE(int(window.errors.size()), 1);
    QVERIFY2(window.errors.front().contains(QStringLiteral("notes.json")),
             qPrintable(window.errors.front()));
    QVERIFY(window.errors.front().contains(QStringLiteral("not a Tributary pipeline")));
    QVERIFY(window.document()->filePath().isEmpty());
    QVERIFY(window.isStartPageShown());
  }

  void opensAFileWithProblems() {
    const QString broken = dir_.filePath(QStringLiteral("broken.json"));
    QVERIFY(writeAll(broken, R"({"format": "tributary-pipeline", "version": 1,
      "nodes": [{"id": "f", "kind": "transform.filter"}], "edges": []})"));
    QuietMainWindow window;
    QVERIFY(window.openFile(broken));
    QVERIFY(window.errors.isEmpty());
    QVERIFY(!window.document()->diagnostics().empty());
    QCOMPARE(window.problemsDock()->list()->topLevelItemCount(),
             int(window.document()->diagnostics().size()));
  }

  void asksAboutUnsavedChanges() {
    QuietMainWindow window;
    window.show();
    QVERIFY(window.newFile());
    window.document()->addNode(QStringLiteral("transform.filter"), QPointF(0, 0));
    QVERIFY(window.document()->isDirty());

    window.saveAnswer = MainWindow::SaveChoice::Cancel;
    QVERIFY(!window.close());
    QVERIFY(!window.newFile());
    QCOMPARE(window.document()->pipeline().nodes.size(), std::size_t(1));
    QCOMPARE(window.saveQuestions, 2);

    window.saveAnswer = MainWindow::SaveChoice::Save;
    window.savePath = dir_.filePath(QStringLiteral("asked.json"));
    QVERIFY(window.newFile());
    QVERIFY(QFile::exists(window.savePath));
    QVERIFY(window.document()->pipeline().nodes.empty());

    window.document()->addNode(QStringLiteral("transform.filter"), QPointF(0, 0));
    window.saveAnswer = MainWindow::SaveChoice::Discard;
    QVERIFY(window.close());
  }

  void importAsksOnClash() {
    const QString sample = QStringLiteral(TRIBUTARY_SAMPLES "/clickstream/pipeline.json");
    QuietMainWindow window;
    QVERIFY(window.openFile(sample));
    const auto count = window.document()->pipeline().nodes.size();

    window.importAnswer.reset();  // cancel
    QVERIFY(!window.importFile(sample));
    QCOMPARE(int(window.clashes.size()), int(count));
    QCOMPARE(window.document()->pipeline().nodes.size(), count);

    window.importAnswer = ui::PipelineDocument::ImportMode::Copy;
    QVERIFY(window.importFile(sample));
    QCOMPARE(window.document()->pipeline().nodes.size(), 2 * count);
    QCOMPARE(int(window.selectedNodes().size()), int(count));  // the imported ones
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->pipeline().nodes.size(), count);

    window.importAnswer = ui::PipelineDocument::ImportMode::Replace;
    QVERIFY(window.importFile(sample));
    QCOMPARE(window.document()->pipeline().nodes.size(), count);
  }

  void exportWritesTheCanonicalJson() {
    QuietMainWindow window;
    QVERIFY(window.openFile(QStringLiteral(TRIBUTARY_SAMPLES "/clickstream/pipeline.json")));
    const QString out = dir_.filePath(QStringLiteral("exported.json"));
    QVERIFY(window.exportJson(out));
    QCOMPARE(readAll(out),
             QByteArray::fromStdString(pipeline::save_pipeline(window.document()->pipeline())));
    // Exporting does not change the document's file.
    QVERIFY(window.document()->filePath().endsWith(QStringLiteral("clickstream/pipeline.json")));
  }

  void standardShortcuts() {
    QuietMainWindow window;
    const auto actions = menuActions(window.menuBar());
    auto find = [&](const char* name) -> QAction* {
      for (auto* a : actions) {
        if (a->objectName() == QLatin1String(name)) return a;
      }
      return nullptr;
    };
    const std::pair<const char*, QKeySequence::StandardKey> standard[] = {
        {"actionNew", QKeySequence::New},
        {"actionOpen", QKeySequence::Open},
        {"actionSave", QKeySequence::Save},
        {"actionSaveAs", QKeySequence::SaveAs},
        {"actionUndo", QKeySequence::Undo},
        {"actionRedo", QKeySequence::Redo},
        {"actionCut", QKeySequence::Cut},
        {"actionCopy", QKeySequence::Copy},
        {"actionPaste", QKeySequence::Paste},
        {"actionDelete", QKeySequence::Delete},
        {"actionSelectAll", QKeySequence::SelectAll},
        {"actionFind", QKeySequence::Find},
        {"actionQuit", QKeySequence::Quit},
        {"actionPreferences", QKeySequence::Preferences},
    };
    for (const auto& [name, key] : standard) {
      QAction* a = find(name);
      QVERIFY2(a, name);
      for (const auto& binding : QKeySequence::keyBindings(key)) {
        QVERIFY2(a->shortcuts().contains(binding), name);
      }
      QVERIFY2(!a->shortcuts().isEmpty(), name);
    }
    // The designer's own keys (ui.md).
    QCOMPARE(find("actionDuplicate")->shortcut(), QKeySequence(QStringLiteral("Ctrl+D")));
    QCOMPARE(find("actionAutoLayout")->shortcut(), QKeySequence(QStringLiteral("Ctrl+L")));
    QVERIFY(find("actionRedo")->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Y"))));
    // No two actions share a key.
    QSet<QString> seen;
    for (auto* a : actions) {
      for (const auto& k : a->shortcuts()) {
        QVERIFY2(!seen.contains(k.toString()), qPrintable(k.toString()));
        seen << k.toString();
      }
    }
  }

  void docksToolbarsAndSelection() {
    QuietMainWindow window;
    const auto actions = menuActions(window.menuBar());
    for (QDockWidget* dock : {static_cast<QDockWidget*>(window.paletteDock()),
                              static_cast<QDockWidget*>(window.inspectorDock()),
                              static_cast<QDockWidget*>(window.problemsDock())}) {
      QVERIFY(actions.contains(dock->toggleViewAction()));
      QVERIFY(!dock->objectName().isEmpty());  // saveState needs it
    }
    QVERIFY(window.runToolBar());
    QCOMPARE(window.runToolBar()->objectName(), QStringLiteral("runToolBar"));

    QVERIFY(window.openFile(QStringLiteral(TRIBUTARY_SAMPLES "/clickstream/pipeline.json")));
    QSignalSpy changed(&window, &MainWindow::selectionChanged);
    const QString id = QString::fromStdString(window.document()->pipeline().nodes[0].id);
    window.setSelectedNodes({id, QStringLiteral("no-such-node")});
    QCOMPARE(window.selectedNodes(), QStringList{id});
    QCOMPARE(window.inspectorDock()->nodeId(), id);
    QCOMPARE(int(changed.size()), 1);
    window.document()->removeNodes({id});
    QVERIFY(window.selectedNodes().isEmpty());
    QCOMPARE(window.inspectorDock()->nodeId(), QString());
  }

  void recentFiles() {
    ui::settings::clearRecentFiles();
    const QString sample = QStringLiteral(TRIBUTARY_SAMPLES "/clickstream/pipeline.json");
    QuietMainWindow window;
    QVERIFY(window.openFile(sample));
    QCOMPARE(ui::settings::recentFiles(), QStringList{QFileInfo(sample).absoluteFilePath()});
    auto* menu = window.menuBar()->findChild<QMenu*>(QStringLiteral("recentMenu"));
    QVERIFY(menu);
    QVERIFY(menu->actions().front()->text().contains(QStringLiteral("pipeline.json")));
    ui::settings::clearRecentFiles();
  }

  void preferencesAreStoredAndThemeApplies() {
    ui::PreferencesDialog dialog;
    dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(QStringLiteral("fr")));
    dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData(QStringLiteral("dark")));
    dialog.dataDirectoryEdit()->setText(dir_.filePath(QStringLiteral("data")));
    dialog.accept();
    QCOMPARE(ui::settings::language(), QStringLiteral("fr"));
    QCOMPARE(ui::settings::theme(), QStringLiteral("dark"));
    QCOMPARE(ui::settings::dataDirectory(), dir_.filePath(QStringLiteral("data")));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);

    ui::PreferencesDialog again;
    again.themeBox()->setCurrentIndex(again.themeBox()->findData(QStringLiteral("light")));
    again.languageBox()->setCurrentIndex(0);
    again.accept();
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 150);
    QCOMPARE(ui::settings::language(), QString());
  }

  void layoutIsRemembered() {
    {
      QuietMainWindow window;
      window.show();
      QVERIFY(window.newFile());
      window.problemsDock()->hide();
      QVERIFY(window.close());
    }
    QuietMainWindow again;
    again.show();
    QVERIFY(again.newFile());
    QVERIFY(!again.problemsDock()->isVisible());
    QVERIFY(again.previewDock()->toggleViewAction()->isChecked());
    again.problemsDock()->show();
    QVERIFY(again.close());
  }

  // The start page has the window's height: the bottom docks wait for a pipeline, come back
  // with it as they were, and the layout saved on the start page is the canvas's.
  void theStartPageHasRoom() {
    const auto bottomDocks = [](MainWindow& w) {
      return QList<QDockWidget*>{w.problemsDock(), w.previewDock(), w.chartsDock(), w.topicsDock(),
                                 w.historyDock()};
    };
    ui::settings::setWindowLayout({}, {});  // the first start: no saved layout
    {
      QuietMainWindow window;
      window.show();
      QVERIFY(window.isStartPageShown());
      for (QDockWidget* dock : bottomDocks(window))
        QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
      QVERIFY(window.paletteDock()->isVisible());
      // The start page fills the window but for the palette and inspector at its sides.
      QTRY_VERIFY(window.startPage()->height() > window.height() * 3 / 4);
      QVERIFY(window.newFile());
      QVERIFY(!window.isStartPageShown());
      for (QDockWidget* dock : bottomDocks(window)) {
        QVERIFY2(dock->toggleViewAction()->isChecked(), qPrintable(dock->objectName()));
      }
      // Still tabbed together, as they were put away.
      QCOMPARE(window.tabifiedDockWidgets(window.problemsDock()).size(), 4);
      window.chartsDock()->raise();
      QCOMPARE(frontTab(window), window.chartsDock()->windowTitle());
      // Back to the start page and again to the canvas: the same tab in front.
      window.showStartPage();
      QVERIFY(!window.chartsDock()->isVisible());
      QTRY_VERIFY(window.startPage()->height() > window.height() * 3 / 4);
      window.showCanvas();
      QCOMPARE(window.tabifiedDockWidgets(window.problemsDock()).size(), 4);
      QCOMPARE(frontTab(window), window.chartsDock()->windowTitle());
      // A dock the user closes stays closed; the others come back after a close on the start
      // page and a new start.
      window.topicsDock()->toggleViewAction()->trigger();
      window.showStartPage();
      QVERIFY(window.close());
    }
    QuietMainWindow again;
    again.show();
    QVERIFY(!again.problemsDock()->isVisible());
    QVERIFY(again.newFile());
    QVERIFY(again.problemsDock()->toggleViewAction()->isChecked());
    QVERIFY(again.chartsDock()->toggleViewAction()->isChecked());
    QVERIFY(!again.topicsDock()->toggleViewAction()->isChecked());
    again.topicsDock()->show();
    QVERIFY(again.close());
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
