// The canvas over a document: the scene mirrors the document through its signals (items
// come and go with edits and undo, edges follow moves, badges follow diagnostics); mouse
// drags on the view's viewport connect ports (or are refused with a reason and change
// nothing) and move cards as one snapped undo step; the view's actions delete, cut, copy,
// paste, duplicate, select all and lay out; a palette drop and the quick-add popup add nodes;
// run information shows on cards and edges.
#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMimeData>
#include <QUndoStack>

#include "ui/canvas/canvas_style.h"
#include "ui/canvas/canvas_view.h"
#include "ui/canvas/edge_item.h"
#include "ui/canvas/node_item.h"
#include "ui/canvas/pipeline_scene.h"
#include "ui/canvas/quick_add_popup.h"
#include "ui/document/pipeline_document.h"

using namespace tributary;
using ui::CanvasView;
using ui::EdgeItem;
using ui::NodeItem;
using ui::PipelineDocument;
using ui::PipelineScene;
using Action = CanvasView::Action;

namespace {

pipeline::Edge edge(const char* from, const char* to) {
  auto ref = [](const std::string& text) {
    const auto dot = text.find('.');
    return pipeline::PortRef{text.substr(0, dot), text.substr(dot + 1)};
  };
  return {ref(from), ref(to)};
}

// A document, its scene and a shown view at 100 % looking at the top-left of the scene.
struct Canvas {
  PipelineDocument doc;
  PipelineScene scene{&doc};
  CanvasView view{&scene};

  Canvas() {
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(1);
    view.centerOn(400, 250);
  }
  int steps() const { return doc.undoStack()->count(); }
  NodeItem* node(const QString& id) const { return scene.nodeItem(id); }
  QPointF port(const QString& id, const std::string& name, bool input) const {
    NodeItem* n = node(id);
    return n->mapToScene(n->portPos(n->findPort(name, input)));
  }
  // A left-button drag on the viewport between two scene points, in a few moves.
  void drag(QPointF from, QPointF to, int moves = 6) {
    QWidget* vp = view.viewport();
    const QPoint a = view.mapFromScene(from), b = view.mapFromScene(to);
    QTest::mousePress(vp, Qt::LeftButton, {}, a);
    for (int i = 1; i <= moves; ++i) QTest::mouseMove(vp, a + (b - a) * i / moves);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, b);
  }
  QString generator(QPointF at) {
    return doc.addNode("source.generator", at, {{"preset", "ticks"}});
  }
  QString filter(QPointF at, const char* expr = "price > 10") {
    return doc.addNode("transform.filter", at, {{"expr", expr}});
  }
};

}  // namespace

class TestCanvas : public QObject {
  Q_OBJECT

 private slots:
  void sceneMirrorsDocument() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString f = c.filter({300, 0});
    QCOMPARE(c.scene.nodeCount(), 2);
    QVERIFY(c.node(g) && c.node(f));
    QCOMPARE(c.node(f)->pos(), QPointF(300, 0));
    QVERIFY(c.doc.connectPorts({g.toStdString(), "out"}, {f.toStdString(), "in"}));
    EdgeItem* e = c.scene.edgeItem(edge("generator.out", "filter.in"));
    QVERIFY(e);
    QCOMPARE(c.scene.edgeCount(), 1);

    // The edge follows a move of either end.
    QVERIFY(c.doc.moveNodes({{f, QPointF(400, 200)}}));
    QCOMPARE(c.node(f)->pos(), QPointF(400, 200));
    QCOMPARE(e->path().pointAtPercent(1), c.port(f, "in", true));
    QVERIFY(c.doc.moveNodes({{g, QPointF(20, 40)}}));
    QCOMPARE(e->path().pointAtPercent(0), c.port(g, "out", false));
    c.doc.undoStack()->undo();
    c.doc.undoStack()->undo();
    QCOMPARE(c.node(f)->pos(), QPointF(300, 0));
    QCOMPARE(c.node(g)->pos(), QPointF(0, 0));

    // Removal takes the edge and the card; undo brings both back.
    QVERIFY(c.doc.removeNodes({f}));
    QCOMPARE(c.scene.nodeCount(), 1);
    QCOMPARE(c.scene.edgeCount(), 0);
    QVERIFY(!c.node(f));
    c.doc.undoStack()->undo();
    QCOMPARE(c.scene.nodeCount(), 2);
    QCOMPARE(c.scene.edgeCount(), 1);
    QVERIFY(c.scene.edgeItem(edge("generator.out", "filter.in")));
    // Undo the connect, then the adds: the scene empties.
    c.doc.undoStack()->undo();
    QCOMPARE(c.scene.edgeCount(), 0);
    c.doc.undoStack()->setIndex(0);
    QCOMPARE(c.scene.nodeCount(), 0);
    QCOMPARE(static_cast<int>(c.scene.items().size()), 0);

    // A label change shows; an opened file rebuilds the scene.
    c.doc.undoStack()->setIndex(2);
    QVERIFY(c.doc.renameNode(f, "Cheap"));
    QVERIFY(c.node(f));
    QCOMPARE(c.doc.open(QStringLiteral(TRIBUTARY_SAMPLES "/stock-ticks/pipeline.json")), QString());
    QCOMPARE(c.scene.nodeCount(), static_cast<int>(c.doc.pipeline().nodes.size()));
    QCOMPARE(c.scene.edgeCount(), static_cast<int>(c.doc.pipeline().edges.size()));
    QVERIFY(c.node("vwap"));
  }

  void badgesFollowDiagnostics() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString f = c.doc.addNode("transform.filter", {300, 0});  // no expression yet
    QVERIFY(c.node(g)->problems().isEmpty());
    QVERIFY(!c.node(f)->problems().isEmpty());
    QVERIFY(c.node(f)->problems().join(' ').contains("filter"));
    // Hovering the badge gives the messages as the tooltip; a port, what flows there.
    QTest::mouseMove(c.view.viewport(), c.view.mapFromScene(QPointF(300 + 166, 13)));
    QCOMPARE(c.node(f)->toolTip(), c.node(f)->problems().join('\n'));
    QTest::mouseMove(c.view.viewport(), c.view.mapFromScene(c.port(f, "in", true)));
    QCOMPARE(c.node(f)->toolTip(), QString("Input in: records"));
    QVERIFY(c.doc.setParam(f, "expr", "price > 1"));
    QVERIFY(c.doc.connectPorts({g.toStdString(), "out"}, {f.toStdString(), "in"}));
    QVERIFY2(c.node(f)->problems().isEmpty(), qPrintable(c.node(f)->problems().join('\n')));
  }

  void connectByDraggingFromAnOutput() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString f = c.filter({300, 40});
    const int before = c.steps();
    c.drag(c.port(g, "out", false), c.port(f, "in", true));
    QCOMPARE(c.doc.pipeline().edges.size(), std::size_t(1));
    QVERIFY(c.scene.edgeItem(edge("generator.out", "filter.in")));
    QCOMPARE(c.steps(), before + 1);
    // The drag left no rubber edge or highlight behind.
    QCOMPARE(static_cast<int>(c.scene.items().size()), 3);
    QCOMPARE(c.node(f)->ports()[0].highlight, NodeItem::PortHighlight::None);
    c.doc.undoStack()->undo();
    QCOMPARE(c.scene.edgeCount(), 0);
    QVERIFY(c.doc.pipeline().edges.empty());
  }

  void connectByDraggingFromAnInput() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString f = c.filter({300, 40});
    c.drag(c.port(f, "in", true), c.port(g, "out", false));
    QVERIFY(c.scene.edgeItem(edge("generator.out", "filter.in")));
  }

  void refusedDragsChangeNothing() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString t = c.doc.addNode("topic", {300, 0});
    const QString f = c.filter({600, 0});
    const QString bad = c.filter({300, 200}, "nosuchfield > 1");
    QVERIFY(c.doc.connectPorts({g.toStdString(), "out"}, {t.toStdString(), "in"}));
    QVERIFY(c.doc.connectPorts({t.toStdString(), "out"}, {f.toStdString(), "in"}));
    const int steps = c.steps();
    const std::size_t edges = c.doc.pipeline().edges.size();
    QSignalSpy refused(&c.scene, &PipelineScene::connectionRefused);

    // A cycle: filter -> topic, which feeds the filter.
    c.drag(c.port(f, "out", false), c.port(t, "in", true));
    QCOMPARE(c.doc.pipeline().edges.size(), edges);
    QCOMPARE(c.steps(), steps);
    QVERIFY2(c.scene.lastRefusal().contains("cycle"), qPrintable(c.scene.lastRefusal()));
    QCOMPARE(static_cast<int>(refused.size()), 1);

    // A schema that does not fit: the filter reads a field the stream lacks.
    c.drag(c.port(g, "out", false), c.port(bad, "in", true));
    QCOMPARE(c.doc.pipeline().edges.size(), edges);
    QCOMPARE(c.steps(), steps);
    QVERIFY2(c.scene.lastRefusal().contains("schema"), qPrintable(c.scene.lastRefusal()));

    // An input that already has its edge, and output to output.
    c.drag(c.port(bad, "out", false), c.port(f, "in", true));
    QVERIFY2(c.scene.lastRefusal().contains("already"), qPrintable(c.scene.lastRefusal()));
    c.drag(c.port(bad, "out", false), c.port(g, "out", false));
    QCOMPARE(c.doc.pipeline().edges.size(), edges);
    QCOMPARE(c.steps(), steps);
    QCOMPARE(static_cast<int>(refused.size()), 4);

    // A drag released on empty canvas neither connects nor complains.
    c.drag(c.port(g, "out", false), QPointF(150, 400));
    QCOMPARE(c.steps(), steps);
    QCOMPARE(static_cast<int>(refused.size()), 4);
  }

  void portsThatWouldAcceptAreHighlighted() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString f = c.filter({300, 0});
    const QString bad = c.filter({300, 200}, "nosuchfield > 1");
    QWidget* vp = c.view.viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, c.view.mapFromScene(c.port(g, "out", false)));
    QTest::mouseMove(vp, c.view.mapFromScene(QPointF(200, 300)));
    QCOMPARE(c.node(f)->ports()[0].highlight, NodeItem::PortHighlight::Accepts);
    QCOMPARE(c.node(bad)->ports()[0].highlight, NodeItem::PortHighlight::None);
    QTest::mouseMove(vp, c.view.mapFromScene(c.port(bad, "in", true)));
    QCOMPARE(c.node(bad)->ports()[0].highlight, NodeItem::PortHighlight::Refuses);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, c.view.mapFromScene(QPointF(200, 300)));
    QCOMPARE(c.node(f)->ports()[0].highlight, NodeItem::PortHighlight::None);

    // Escape drops a connection being dragged: the release then connects nothing.
    c.view.setFocus();
    QTest::mousePress(vp, Qt::LeftButton, {}, c.view.mapFromScene(c.port(g, "out", false)));
    QTest::mouseMove(vp, c.view.mapFromScene(QPointF(200, 300)));
    QTest::keyClick(&c.view, Qt::Key_Escape);
    QCOMPARE(c.node(f)->ports()[0].highlight, NodeItem::PortHighlight::None);
    QTest::mouseMove(vp, c.view.mapFromScene(c.port(f, "in", true)));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, c.view.mapFromScene(c.port(f, "in", true)));
    QVERIFY(c.doc.pipeline().edges.empty());
  }

  void movingACardIsOneSnappedStep() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString f = c.filter({300, 40});
    QVERIFY(c.doc.connectPorts({g.toStdString(), "out"}, {f.toStdString(), "in"}));
    const int steps = c.steps();
    // Grab the header, move by (113, 47) in several steps.
    c.drag(QPointF(340, 50), QPointF(453, 97), 8);
    QCOMPARE(c.steps(), steps + 1);
    const QPointF at = c.doc.nodePosition(f);
    QCOMPARE(at, QPointF(420, 80));  // 413, 87 snapped to the 20 grid
    QCOMPARE(c.node(f)->pos(), at);
    QVERIFY(c.node(f)->isSelected());
    EdgeItem* e = c.scene.edgeItem(edge("generator.out", "filter.in"));
    QCOMPARE(e->path().pointAtPercent(1), c.port(f, "in", true));
    c.doc.undoStack()->undo();
    QCOMPARE(c.node(f)->pos(), QPointF(300, 40));
    QCOMPARE(c.doc.nodePosition(f), QPointF(300, 40));

    // A click without a move is not a step, nor a drag that ends on the same grid point.
    QTest::mouseClick(c.view.viewport(), Qt::LeftButton, {}, c.view.mapFromScene(340, 50));
    c.drag(QPointF(340, 50), QPointF(344, 53));
    QCOMPARE(c.doc.undoStack()->index(), steps);
    QCOMPARE(c.node(f)->pos(), QPointF(300, 40));

    // Two drags of the same card are two steps.
    c.drag(QPointF(340, 50), QPointF(400, 50));
    c.drag(QPointF(400, 50), QPointF(400, 110));
    QCOMPARE(c.doc.undoStack()->index(), steps + 2);
    QCOMPARE(c.doc.nodePosition(f), QPointF(360, 100));
    c.doc.undoStack()->undo();
    QCOMPARE(c.node(f)->pos(), QPointF(360, 40));

    // Selected cards move together, as one step.
    c.scene.selectNodes({g, f});
    const int before = c.doc.undoStack()->index();
    c.drag(QPointF(400, 50), QPointF(420, 90));
    QCOMPARE(c.doc.undoStack()->index(), before + 1);
    QCOMPARE(c.doc.nodePosition(f), QPointF(380, 80));
    QCOMPARE(c.doc.nodePosition(g), QPointF(20, 40));
  }

  void arrowsNudgeAsOneStep() {
    Canvas c;
    const QString f = c.filter({300, 40});
    c.filter({300, 300});
    c.scene.selectNodes({f});
    c.view.setFocus();
    const int steps = c.steps();
    QTest::keyClick(&c.view, Qt::Key_Right);
    QTest::keyClick(&c.view, Qt::Key_Right);
    QTest::keyClick(&c.view, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(c.doc.nodePosition(f), QPointF(340, 140));
    QCOMPARE(c.node(f)->pos(), QPointF(340, 140));
    QCOMPARE(c.steps(), steps + 1);
    c.doc.undoStack()->undo();
    QCOMPARE(c.node(f)->pos(), QPointF(300, 40));
    QCOMPARE(c.doc.nodePosition("filter-2"), QPointF(300, 300));
  }

  void rubberBandSelects() {
    Canvas c;
    c.generator({0, 0});
    c.filter({300, 0});
    c.filter({300, 300});
    c.drag(QPointF(-40, -40), QPointF(520, 150));
    QCOMPARE(c.scene.selectedNodeIds(), QStringList({"generator", "filter"}));
  }

  void editActions() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString f = c.filter({300, 0});
    QVERIFY(c.doc.connectPorts({g.toStdString(), "out"}, {f.toStdString(), "in"}));
    QVERIFY(!c.view.action(Action::Copy)->isEnabled());

    // Copy + paste: fresh ids, the edge between them comes along, the copies are selected.
    c.scene.selectNodes({g, f});
    QVERIFY(c.view.action(Action::Copy)->isEnabled());
    c.view.action(Action::Copy)->trigger();
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    QVERIFY(mime->hasFormat(CanvasView::kClipboardMime));
    QVERIFY(mime->text().contains("tributary-pipeline"));
    int steps = c.steps();
    c.view.action(Action::Paste)->trigger();
    QCOMPARE(c.steps(), steps + 1);
    QCOMPARE(c.scene.nodeCount(), 4);
    QCOMPARE(c.scene.selectedNodeIds(), QStringList({"generator-2", "filter-2"}));
    QVERIFY(c.scene.edgeItem(edge("generator-2.out", "filter-2.in")));
    QCOMPARE(c.doc.nodePosition("filter-2"), QPointF(340, 40));

    // Duplicate: one step, next to the originals.
    c.scene.selectNodes({f});
    c.view.action(Action::Duplicate)->trigger();
    QCOMPARE(c.scene.nodeCount(), 5);
    QCOMPARE(c.scene.selectedNodeIds(), QStringList({"filter-3"}));
    QCOMPARE(c.steps(), steps + 2);

    // Delete: the node and its edge, one step.
    c.scene.selectNodes({f});
    c.view.action(Action::Delete)->trigger();
    QVERIFY(!c.node(f));
    QCOMPARE(c.scene.edgeCount(), 1);
    QCOMPARE(c.steps(), steps + 3);
    c.doc.undoStack()->undo();
    QVERIFY(c.node(f));
    QCOMPARE(c.scene.edgeCount(), 2);

    // Delete a selected edge alone.
    c.scene.clearSelection();
    c.scene.edgeItem(edge("generator.out", "filter.in"))->setSelected(true);
    QVERIFY(c.view.action(Action::Delete)->isEnabled());
    c.view.action(Action::Delete)->trigger();
    QCOMPARE(c.scene.edgeCount(), 1);
    QVERIFY(c.node(f));
    c.doc.undoStack()->undo();

    // Cut: gone from the document, on the clipboard; paste brings it back under its own id.
    c.scene.selectNodes({f});
    c.view.action(Action::Cut)->trigger();
    QVERIFY(!c.node(f));
    QVERIFY(QApplication::clipboard()->mimeData()->hasFormat(CanvasView::kClipboardMime));
    c.view.action(Action::Paste)->trigger();
    QVERIFY(c.node(f));

    // Select all, auto layout as one step.
    c.view.action(Action::SelectAll)->trigger();
    QCOMPARE(static_cast<int>(c.scene.selectedNodeIds().size()), 5);
    steps = c.steps();
    c.view.action(Action::AutoLayout)->trigger();
    QCOMPARE(c.steps(), steps + 1);
    QCOMPARE(c.node("filter-3")->pos(), c.doc.nodePosition("filter-3"));
    QVERIFY(c.doc.nodePosition("generator-2").x() < c.doc.nodePosition("filter-2").x());
  }

  void actionsHaveStandardKeys() {
    Canvas c;
    QCOMPARE(c.view.action(Action::Copy)->shortcut(), QKeySequence(QKeySequence::Copy));
    QCOMPARE(c.view.action(Action::Duplicate)->shortcut(), QKeySequence("Ctrl+D"));
    QCOMPARE(c.view.action(Action::AutoLayout)->shortcut(), QKeySequence("Ctrl+L"));
    QCOMPARE(c.view.action(Action::ZoomFit)->shortcut(), QKeySequence("F"));
    QCOMPARE(c.view.action(Action::ZoomReset)->shortcut(), QKeySequence("Ctrl+0"));
    // The keys reach the actions while the canvas has focus.
    c.generator({0, 0});
    c.scene.selectNodes({"generator"});
    c.view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&c.view));
    c.view.setFocus();
    QTest::keyClick(&c.view, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(c.scene.nodeCount(), 2);
    QTest::keyClick(&c.view, Qt::Key_Delete);
    QCOMPARE(c.scene.nodeCount(), 1);
  }

  void zoom() {
    Canvas c;
    c.generator({0, 0});
    c.filter({2000, 1200});
    c.view.action(Action::ZoomFit)->trigger();
    QVERIFY(c.view.zoom() < 0.5);
    const QRectF shown = c.view.mapToScene(c.view.viewport()->rect()).boundingRect();
    QVERIFY(shown.contains(c.scene.nodesBoundingRect()));
    c.view.action(Action::ZoomReset)->trigger();
    QCOMPARE(c.view.zoom(), 1.0);
    c.view.action(Action::ZoomIn)->trigger();
    QVERIFY(c.view.zoom() > 1.0);
    c.view.action(Action::ZoomOut)->trigger();
    QCOMPARE(c.view.zoom(), 1.0);

    // Reveal (from the Problems list, find): selected, in the middle of the view.
    c.view.revealNode("filter");
    QCOMPARE(c.scene.selectedNodeIds(), QStringList("filter"));
    const QPointF middle = c.view.mapToScene(c.view.viewport()->rect().center());
    QVERIFY(c.scene.nodeItem("filter")->sceneBoundingRect().contains(middle));

    // The wheel zooms around the cursor: the scene point under it stays.
    c.view.setZoom(1);
    const QPoint cursor(300, 200);
    const QPointF under = c.view.mapToScene(cursor);
    QWheelEvent wheel(cursor, c.view.viewport()->mapToGlobal(cursor), {}, QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(c.view.viewport(), &wheel);
    QVERIFY(c.view.zoom() > 1.1);  // one notch: 1.2 times
    QVERIFY((c.view.mapToScene(cursor) - under).manhattanLength() < 2);

    // A middle drag pans.
    const QPointF centre = c.view.mapToScene(c.view.viewport()->rect().center());
    QWidget* vp = c.view.viewport();
    QTest::mousePress(vp, Qt::MiddleButton, {}, QPoint(400, 300));
    QTest::mouseMove(vp, QPoint(300, 250));
    QTest::mouseRelease(vp, Qt::MiddleButton, {}, QPoint(300, 250));
    const QPointF moved = c.view.mapToScene(c.view.viewport()->rect().center()) - centre;
    QVERIFY(moved.x() > 40 && moved.y() > 20);

    // So does a left drag with space held, on a card too, without moving it.
    const QPointF before = c.view.mapToScene(c.view.viewport()->rect().center());
    const QPoint onCard = c.view.mapFromScene(QPointF(60, 10));
    c.view.setFocus();
    QTest::keyPress(&c.view, Qt::Key_Space);
    QTest::mousePress(vp, Qt::LeftButton, {}, onCard);
    QTest::mouseMove(vp, onCard + QPoint(-60, -30));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, onCard + QPoint(-60, -30));
    QTest::keyRelease(&c.view, Qt::Key_Space);
    QVERIFY((c.view.mapToScene(c.view.viewport()->rect().center()) - before).x() > 30);
    QCOMPARE(c.doc.nodePosition("generator"), QPointF(0, 0));
  }

  void dropFromThePalette() {
    Canvas c;
    QMimeData mime;
    mime.setData(PipelineScene::kNodeKindMime, "window.tumbling");
    const QPoint at = c.view.mapFromScene(QPointF(500, 300));
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(c.view.viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(c.view.viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(c.view.viewport(), &drop);
    QCOMPARE(c.scene.nodeCount(), 1);
    const pipeline::Node& n = c.doc.pipeline().nodes.front();
    QCOMPARE(n.kind, std::string("window.tumbling"));
    QCOMPARE(c.scene.selectedNodeIds(), QStringList(QString::fromStdString(n.id)));
    // The card's header is where the drop was, on the grid.
    const QPointF p = c.doc.nodePosition(QString::fromStdString(n.id));
    QVERIFY(std::abs(p.x() + ui::canvas::kCardWidth / 2 - 500) <= ui::canvas::kGrid);
    QVERIFY(std::abs(p.y() - 300) <= ui::canvas::kGrid * 2);
    QCOMPARE(std::fmod(p.x(), ui::canvas::kGrid), 0.0);

    // Other drags are not taken.
    QMimeData text;
    text.setText("hello");
    QDragEnterEvent other(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(c.view.viewport(), &other);
    QDragMoveEvent otherMove(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(c.view.viewport(), &otherMove);
    QVERIFY(!otherMove.isAccepted());
  }

  void quickAdd() {
    Canvas c;
    c.view.openQuickAdd(QPointF(200, 100));
    ui::QuickAddPopup* popup = c.view.quickAddPopup();
    QVERIFY(popup->isVisible());
    QCOMPARE(static_cast<int>(popup->shownKinds().size()),
             static_cast<int>(c.doc.kinds().kinds().size()));
    QTest::keyClicks(popup->searchField(), "tumb");
    QCOMPARE(popup->shownKinds(), QStringList("window.tumbling"));
    QTest::keyClick(popup->searchField(), Qt::Key_Return);
    QVERIFY(!popup->isVisible());
    QCOMPARE(c.scene.nodeCount(), 1);
    QCOMPARE(c.doc.pipeline().nodes.front().kind, std::string("window.tumbling"));

    // Words match title, id and category; arrows pick among the matches.
    c.view.openQuickAdd(QPointF(200, 300));
    QTest::keyClicks(popup->searchField(), "sink");
    QVERIFY(popup->shownKinds().size() > 3);
    QVERIFY(popup->shownKinds().contains("sink.csv"));
    QTest::keyClick(popup->searchField(), Qt::Key_Down);
    const QString second = popup->shownKinds().at(1);
    QTest::keyClick(popup->searchField(), Qt::Key_Enter);
    QCOMPARE(c.doc.pipeline().nodes.back().kind, second.toStdString());

    // Tab opens it where the cursor is (the view's centre when elsewhere).
    c.view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&c.view));
    c.view.setFocus();
    QTest::keyClick(&c.view, Qt::Key_Tab);
    QVERIFY(popup->isVisible());
    QTest::keyClick(popup->searchField(), Qt::Key_Escape);
    QVERIFY(!popup->isVisible());

    // A double-click on empty canvas opens it there.
    QTest::mouseDClick(c.view.viewport(), Qt::LeftButton, {}, c.view.mapFromScene(600, 500));
    QVERIFY(popup->isVisible());
    QTest::mouseRelease(c.view.viewport(), Qt::LeftButton, {}, c.view.mapFromScene(600, 500));
    popup->hide();
  }

  void runInformation() {
    Canvas c;
    const QString g = c.generator({0, 0});
    const QString t = c.doc.addNode("topic", {300, 0});
    QVERIFY(c.doc.connectPorts({g.toStdString(), "out"}, {t.toStdString(), "in"}));
    NodeItem* card = c.node(g);
    const double height = card->cardRect().height();
    c.scene.setNodeRunInfo(g, {ui::NodeRunState::Running, 12400, {"wm 12:03:10", "late 3"}});
    QVERIFY(card->hasRunInfo());
    QCOMPARE(card->cardRect().height(), height + 3 * ui::canvas::kRunRowHeight + 4);
    EdgeItem* e = c.scene.edgeItem(edge("generator.out", "topic.in"));
    const double thin = e->boundingRect().height();
    c.scene.setEdgeRunInfo(e->edge(), 12400, 250000);
    QCOMPARE(e->runInfo().lag, 250000.0);
    QVERIFY(e->boundingRect().height() > thin);
    QCOMPARE(e->label(), QString("12.4k/s · lag 250.0k"));
    QCOMPARE(static_cast<int>(c.scene.items().size()), 4);  // the label above the cards
    // Paints without trouble at both levels of detail.
    QImage image(800, 400, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    c.scene.render(&painter, QRectF(0, 0, 800, 400), QRectF(-50, -50, 800, 400));
    c.scene.render(&painter, QRectF(0, 0, 100, 50), QRectF(-50, -50, 800, 400));
    painter.end();
    c.scene.clearRunInfo();
    QVERIFY(!card->hasRunInfo());
    QCOMPARE(card->cardRect().height(), height);
    QVERIFY(e->label().isEmpty());
    QCOMPARE(static_cast<int>(c.scene.items().size()), 3);
    // A label goes with its edge, whichever the scene deletes first.
    c.scene.setEdgeRunInfo(e->edge(), 10);
    QVERIFY(c.doc.removeNodes({t}));
    QCOMPARE(static_cast<int>(c.scene.items().size()), 1);
    c.doc.undoStack()->undo();
    c.scene.setEdgeRunInfo(c.scene.edgeItem(edge("generator.out", "topic.in"))->edge(), 10);
    c.doc.newPipeline();  // the scene clears everything at once
    QCOMPARE(static_cast<int>(c.scene.items().size()), 0);
  }

  void runStyle() {
    using ui::canvas::formatRate;
    QCOMPARE(formatRate(12400), QString("12.4k/s"));
    QCOMPARE(formatRate(950), QString("950/s"));
    QCOMPARE(formatRate(3.1e6), QString("3.1M/s"));
    QCOMPARE(formatRate(2.5), QString("2.5/s"));
    QVERIFY(EdgeItem::widthForRate(1e5) > EdgeItem::widthForRate(10));
    QVERIFY(EdgeItem::widthForRate(1e12) <= 8);
    const QColor calm(Qt::blue);
    QCOMPARE(EdgeItem::lagColor(0, calm), calm);
    const QColor amber = EdgeItem::lagColor(1000, calm), red = EdgeItem::lagColor(1e7, calm);
    QVERIFY(amber.green() > red.green());
    QVERIFY(red.red() > 200);
  }
};

QTEST_MAIN(TestCanvas)
#include "test_canvas.moc"
