// A 1,000-node pipeline on the canvas: 100 chains of generator -> 8 filters -> console sink
// (900 edges), laid out by the auto layout. Measures the time to build the scene from the
// document, an auto layout with the scene following (1,000 moves), the frame time of the whole
// view zoomed to fit (cards as plain blocks) and at 100 % (full cards) as the median of
// repeated grabs of the viewport (still, and while zooming, when no cached card pixmap helps),
// and the press that starts a connection drag. Prints the figures with qInfo; the bounds are
// loose, for offscreen rendering on a shared machine.
#include <QtTest>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QUndoStack>
#include <algorithm>
#include <vector>

#include "pipeline/pipeline_format.h"
#include "ui/canvas/canvas_view.h"
#include "ui/canvas/node_item.h"
#include "ui/canvas/pipeline_scene.h"
#include "ui/document/pipeline_document.h"

using namespace tributary;
using ui::CanvasView;
using ui::NodeItem;
using ui::PipelineDocument;
using ui::PipelineScene;

namespace {

constexpr int kChains = 100, kFilters = 8;  // 100 x (1 + 8 + 1) = 1,000 nodes
constexpr int kFrames = 15;

pipeline::Pipeline chains() {
  pipeline::Pipeline p;
  p.name = "1000 nodes";
  for (int c = 0; c < kChains; ++c) {
    const std::string stem = "c" + std::to_string(c) + "-";
    std::string previous = stem + "gen";
    p.nodes.push_back({previous,
                       "source.generator",
                       1,
                       "",
                       {{"preset", "ticks"}, {"seed", c}},
                       nlohmann::json::object()});
    for (int f = 0; f < kFilters; ++f) {
      const std::string id = stem + "f" + std::to_string(f);
      p.nodes.push_back({id,
                         "transform.filter",
                         1,
                         "",
                         {{"expr", "price > " + std::to_string(f)}},
                         nlohmann::json::object()});
      p.edges.push_back({{previous, "out"}, {id, "in"}});
      previous = id;
    }
    p.nodes.push_back(
        {stem + "sink", "sink.console", 1, "", nlohmann::json::object(), nlohmann::json::object()});
    p.edges.push_back({{previous, "out"}, {stem + "sink", "in"}});
  }
  return p;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Milliseconds of each of `n` grabs of the viewport, after a first one reported apart.
std::vector<double> frames(CanvasView& view, int n, double* first) {
  QElapsedTimer t;
  t.start();
  QPixmap pixmap = view.viewport()->grab();
  *first = t.nsecsElapsed() / 1e6;
  std::vector<double> out;
  for (int i = 0; i < n; ++i) {
    t.restart();
    pixmap = view.viewport()->grab();
    out.push_back(t.nsecsElapsed() / 1e6);
  }
  return out;
}

// The same, but each frame at a slightly different zoom, as while zooming with the wheel:
// every card in view repaints instead of coming from its cached pixmap.
std::vector<double> zoomingFrames(CanvasView& view, int n) {
  const double base = view.zoom();
  std::vector<double> out;
  QElapsedTimer t;
  for (int i = 0; i < n; ++i) {
    view.setZoom(base * (i % 2 ? 1.02 : 0.98));
    t.start();
    const QPixmap pixmap = view.viewport()->grab();
    out.push_back(t.nsecsElapsed() / 1e6);
  }
  view.setZoom(base);
  return out;
}

}  // namespace

class TestCanvasPerformance : public QObject {
  Q_OBJECT

 private slots:
  void thousandNodes() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("big.json");
    {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QByteArray::fromStdString(pipeline::save_pipeline(chains())));
    }
    PipelineDocument doc;
    QCOMPARE(doc.open(path), QString());
    QCOMPARE(doc.pipeline().nodes.size(), std::size_t(1000));
    QVERIFY(doc.autoLayout());

    QElapsedTimer t;
    t.start();
    PipelineScene scene(&doc);
    const double build = t.nsecsElapsed() / 1e6;
    QCOMPARE(scene.nodeCount(), 1000);
    QCOMPARE(scene.edgeCount(), 900);

    CanvasView view(&scene);
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    view.zoomToFit();
    const double fitZoom = view.zoom();
    double fitFirst = 0;
    const double fit = median(frames(view, kFrames, &fitFirst));
    const double fitZooming = median(zoomingFrames(view, kFrames));

    view.zoomReset();
    view.centerOn(scene.nodesBoundingRect().center());
    double fullFirst = 0;
    const double full = median(frames(view, kFrames, &fullFirst));
    const double fullZooming = median(zoomingFrames(view, kFrames));

    // Undo and redo of the auto layout: every card and edge moves, with the view shown.
    t.restart();
    doc.undoStack()->undo();
    doc.undoStack()->redo();
    const double relayout = t.nsecsElapsed() / 1e6 / 2;

    // A connection drag from a card in the middle of the view: the press highlights the
    // ports in view that would accept; the release away from ports adds nothing.
    NodeItem* card = nullptr;
    const QPointF centre = view.mapToScene(view.viewport()->rect().center());
    for (QGraphicsItem* item : view.items(view.viewport()->rect())) {
      if (item->type() != NodeItem::Type) continue;
      auto* n = static_cast<NodeItem*>(item);
      const auto distance = [&](NodeItem* x) {
        return QLineF(x->sceneBoundingRect().center(), centre).length();
      };
      if (!card || distance(n) < distance(card)) card = n;
    }
    QVERIFY(card);
    const int out = card->findPort("out", false);
    QVERIFY(out >= 0);
    // Every input of the chains has its edge: a free filter in view takes the drag.
    const QString probe =
        doc.addNode("transform.filter", card->pos() + QPointF(300, 80), {{"expr", "price > 1"}});
    QWidget* vp = view.viewport();
    const QPoint from = view.mapFromScene(card->mapToScene(card->portPos(out)));
    const QPoint away = view.mapFromScene(card->mapToScene(QPointF(220, 110)));
    t.restart();
    QTest::mousePress(vp, Qt::LeftButton, {}, from);
    const double press = t.nsecsElapsed() / 1e6;
    int highlighted = 0;
    for (QGraphicsItem* item : scene.items()) {
      if (item->type() != NodeItem::Type) continue;
      for (const auto& port : static_cast<NodeItem*>(item)->ports())
        highlighted += port.highlight == NodeItem::PortHighlight::Accepts;
    }
    QTest::mouseMove(vp, away);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, away);
    QCOMPARE(scene.edgeCount(), 900);

    // What a drag asks the document about the port under the cursor, for a free input, so
    // that the schema check (a validation of the whole pipeline, twice) runs.
    t.restart();
    QString why;
    QVERIFY2(doc.canConnect({"c0-f7", "out"}, {probe.toStdString(), "in"}, &why), qPrintable(why));
    const double ask = t.nsecsElapsed() / 1e6;

    qInfo("1,000 nodes, 900 edges: scene built in %.1f ms", build);
    qInfo(
        "zoomed to fit (zoom %.3f): first frame %.1f ms, median of %d frames %.2f ms, while "
        "zooming %.2f ms",
        fitZoom, fitFirst, kFrames, fit, fitZooming);
    qInfo("at 100 %%: first frame %.1f ms, median of %d frames %.2f ms, while zooming %.2f ms",
          fullFirst, kFrames, full, fullZooming);
    qInfo("connection drag press: %.1f ms (%d ports in view highlighted)", press, highlighted);
    qInfo("auto layout step with the scene following: %.1f ms", relayout);
    qInfo("canConnect with the schema check on the 1,000-node document: %.1f ms", ask);

    QVERIFY2(fitZoom < 0.5, "the whole pipeline is shown as plain blocks");
    QVERIFY(build < 2000);
    QVERIFY(fit < 200 && fitZooming < 200);
    QVERIFY(full < 200 && fullZooming < 200);
    QVERIFY(press < 200);
    QVERIFY(highlighted > 0);
  }
};

QTEST_MAIN(TestCanvasPerformance)
#include "test_canvas_performance.moc"
