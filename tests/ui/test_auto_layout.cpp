// The layered auto layout as a pure function: every edge points right, chains are straight,
// crossings are undone, edges that skip layers and cycles do not break it.
#include <QtTest>

#include <filesystem>
#include <set>

#include "nodes/catalogue.h"
#include "pipeline/pipeline_format.h"
#include "ui/document/auto_layout.h"

using namespace tributary;
namespace fs = std::filesystem;

namespace {

pipeline::Pipeline graph(const std::vector<std::string>& ids,
                         const std::vector<std::pair<std::string, std::string>>& edges) {
  pipeline::Pipeline p;
  p.name = "test";
  for (const auto& id : ids) {
    pipeline::Node n;
    n.id = id;
    n.kind = "transform.union";
    p.nodes.push_back(n);
  }
  for (const auto& [a, b] : edges) p.edges.push_back({{a, "out"}, {b, "in"}});
  return p;
}

void checkLeftToRight(const pipeline::Pipeline& p, const std::map<std::string, QPointF>& at) {
  QCOMPARE(at.size(), p.nodes.size());
  for (const auto& e : p.edges) {
    QVERIFY2(at.at(e.to.node).x() > at.at(e.from.node).x(),
             qPrintable(QString::fromStdString(e.from.text() + " -> " + e.to.text())));
  }
  std::set<std::pair<double, double>> places;
  for (const auto& [id, point] : at) places.insert({point.x(), point.y()});
  QCOMPARE(places.size(), at.size());  // no two cards on one spot
}

}  // namespace

class TestAutoLayout : public QObject {
  Q_OBJECT
 private slots:
  void samplesFlowLeftToRight_data() {
    QTest::addColumn<QString>("file");
    for (const auto& dir : fs::directory_iterator(TRIBUTARY_SAMPLES)) {
      const fs::path file = dir.path() / "pipeline.json";
      if (fs::exists(file))
        QTest::newRow(dir.path().filename().c_str()) << QString::fromStdString(file.string());
    }
  }
  void samplesFlowLeftToRight() {
    QFETCH(QString, file);
    const auto load = pipeline::load_pipeline_file(file.toStdString(), nodes::builtin_kinds());
    QVERIFY(load.ok());
    const auto at = ui::layeredLayout(load.pipeline);
    checkLeftToRight(load.pipeline, at);
    QCOMPARE(ui::edgeCrossings(load.pipeline, at), 0);
  }

  void chainIsStraight() {
    const auto p = graph({"a", "b", "c", "d"}, {{"a", "b"}, {"b", "c"}, {"c", "d"}});
    ui::AutoLayoutOptions o;
    const auto at = ui::layeredLayout(p, o);
    checkLeftToRight(p, at);
    for (const auto& [id, point] : at) QCOMPARE(point.y(), o.origin.y());
    QCOMPARE(at.at("a").x(), o.origin.x());
    QCOMPARE(at.at("d").x(), o.origin.x() + 3 * o.layerSpacing);
  }

  void crossingsAreUndone() {
    // In document order the second layer is [x, y] while a feeds y and b feeds x.
    const auto p = graph({"a", "b", "x", "y", "x2", "y2"},
                         {{"a", "y"}, {"b", "x"}, {"x", "x2"}, {"y", "y2"}, {"a", "x2"}});
    const auto at = ui::layeredLayout(p);
    checkLeftToRight(p, at);
    QCOMPARE(ui::edgeCrossings(p, at), 0);
  }

  void longEdgesLeaveRoom() {
    // a -> c skips b's layer: c is laid out after b, and the skipping edge gets its own slot,
    // so that it does not run through b.
    const auto p = graph({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}, {"a", "c"}});
    const auto at = ui::layeredLayout(p);
    checkLeftToRight(p, at);
    QVERIFY(at.at("c").x() > at.at("b").x());
    QVERIFY(at.at("b").y() != (at.at("a").y() + at.at("c").y()) / 2);
  }

  void cyclesStillGetPlaces() {
    const auto p = graph({"a", "b", "c", "lonely"}, {{"a", "b"}, {"b", "c"}, {"c", "a"}});
    const auto at = ui::layeredLayout(p);
    QCOMPARE(at.size(), p.nodes.size());
    QVERIFY(at.at("b").x() > at.at("a").x());
    QVERIFY(at.at("c").x() > at.at("b").x());
  }

  void selfLoopsUnknownNodesAndDuplicatesAreIgnored() {
    auto p = graph({"a", "b"}, {{"a", "a"}, {"a", "b"}, {"a", "b"}, {"a", "ghost"}});
    const auto at = ui::layeredLayout(p);
    QCOMPARE(at.size(), std::size_t(2));
    QVERIFY(at.at("b").x() > at.at("a").x());
  }

  void isDeterministic() {
    const auto p = graph({"s1", "s2", "s3", "m", "k1", "k2"},
                         {{"s1", "m"}, {"s2", "m"}, {"s3", "k2"}, {"m", "k1"}, {"s1", "k2"}});
    QCOMPARE(ui::layeredLayout(p), ui::layeredLayout(p));
  }

  void emptyPipeline() { QVERIFY(ui::layeredLayout(pipeline::Pipeline()).empty()); }
};

QTEST_GUILESS_MAIN(TestAutoLayout)
#include "test_auto_layout.moc"
