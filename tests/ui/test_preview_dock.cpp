// The data preview on synthetic snapshots: the selected node's sampled rows in a table
// (columns in order of appearance), repeated samples kept once, the ring buffer's bound,
// Pause, and the dead letters with their reasons.
#include <QtTest>

#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

#include "ui/docks/preview_dock.h"
#include "ui/docks/preview_model.h"

using namespace tributary;
using ui::PreviewDock;
using ui::PreviewModel;

namespace {

std::string row(int i) {
  return "{\"device\":\"d" + std::to_string(i % 3) + "\",\"seq\":" + std::to_string(i) +
         ",\"temperature\":" + std::to_string(20 + i) + "}";
}

// The engine's sample: the latest `size` rows up to `last`, oldest first.
std::vector<std::string> sample(int last, int size = 50) {
  std::vector<std::string> out;
  for (int i = std::max(0, last - size + 1); i <= last; ++i) out.push_back(row(i));
  return out;
}

runtime::Progress snapshot(const std::string& node, std::vector<std::string> rows,
                           std::vector<std::string> dead = {}) {
  runtime::Progress p;
  runtime::NodeProgress other;
  other.node = "other";
  other.latest_rows = {"{\"z\":1}"};
  p.nodes.push_back(other);
  runtime::NodeProgress n;
  n.node = node;
  n.latest_rows = std::move(rows);
  n.latest_dead_letters = std::move(dead);
  p.nodes.push_back(n);
  return p;
}

QString cell(const QAbstractItemModel* model, int r, int c) {
  return model->data(model->index(r, c)).toString();
}

}  // namespace

class TestPreviewDock : public QObject {
  Q_OBJECT

 private slots:
  void showsTheSelectedNodesRows() {
    PreviewDock dock;
    dock.showSnapshot(snapshot("per-minute", sample(2)));
    QCOMPARE(dock.rows()->rowCount(), 0);  // nothing selected
    dock.setSelectedNodes({QStringLiteral("per-minute"), QStringLiteral("other")});
    QCOMPARE(dock.node(), QStringLiteral("per-minute"));
    QCOMPARE(dock.rows()->rowCount(), 3);
    QCOMPARE(dock.rows()->columns(), (QStringList{"device", "seq", "temperature"}));
    QCOMPARE(cell(dock.rows(), 2, 0), QStringLiteral("d2"));
    QCOMPARE(cell(dock.rows(), 2, 1), QStringLiteral("2"));
    QCOMPARE(dock.rowsView()->model(), dock.rows());
    dock.setSelectedNodes({QStringLiteral("other")});
    QCOMPARE(dock.rows()->rowCount(), 1);
    QCOMPARE(dock.rows()->columns(), QStringList{"z"});
    dock.setSelectedNodes({});
    QCOMPARE(dock.rows()->rowCount(), 0);
  }

  void anEdgeShowsItsFromNodesRows() {
    PreviewDock dock;
    const std::string late = "{\"reason\":\"late\",\"position\":\"p0@1\",\"raw\":\"x\"}";
    dock.showSnapshot(snapshot("per-minute", sample(4), {late}));
    dock.setSelectedEdge(QStringLiteral("per-minute"), QStringLiteral("chart"));
    QCOMPARE(dock.node(), QStringLiteral("per-minute"));
    QCOMPARE(dock.edgeTarget(), QStringLiteral("chart"));
    QCOMPARE(dock.rows()->rowCount(), 5);
    QCOMPARE(cell(dock.rows(), 4, 1), QStringLiteral("4"));
    QCOMPARE(dock.caption(), PreviewDock::tr("%1 — %n record(s)", nullptr, 5)
                                 .arg(PreviewDock::tr("%1 → %2").arg("per-minute", "chart")));
    QVERIFY(dock.caption().startsWith(QStringLiteral("per-minute → chart")));
    // Dead letters are the node's, not the edge's.
    QCOMPARE(dock.deadLetters()->rowCount(), 0);
    QVERIFY(!dock.tabs()->isTabEnabled(1));
    dock.showSnapshot(snapshot("per-minute", sample(6), {late}));
    QCOMPARE(dock.rows()->rowCount(), 7);
    // The node itself: its dead letters come back, the caption names the node alone.
    dock.setSelectedNodes({QStringLiteral("per-minute")});
    QVERIFY(dock.edgeTarget().isEmpty());
    QVERIFY(dock.tabs()->isTabEnabled(1));
    QCOMPARE(dock.deadLetters()->rowCount(), 1);
    QVERIFY(dock.caption().startsWith(QStringLiteral("per-minute — ")));
    dock.setSelectedEdge({}, {});
    QVERIFY(dock.node().isEmpty());
    QCOMPARE(dock.rows()->rowCount(), 0);
  }

  void columnsAreTheUnionInOrderOfAppearance() {
    PreviewModel model;
    model.addSample({"{\"b\":1,\"a\":2}", "{\"c\":null,\"a\":3}"});
    QCOMPARE(model.columns(), (QStringList{"b", "a", "c"}));
    QCOMPARE(cell(&model, 1, 0), QString());
    QCOMPARE(cell(&model, 1, 1), QStringLiteral("3"));
    QCOMPARE(cell(&model, 1, 2), QStringLiteral("null"));
  }

  void repeatedSamplesAreKeptOnce() {
    PreviewDock dock;
    dock.setSelectedNodes({QStringLiteral("n")});
    dock.showSnapshot(snapshot("n", sample(9)));
    QCOMPARE(dock.rows()->rowCount(), 10);
    dock.showSnapshot(snapshot("n", sample(9)));  // the same sample again
    QCOMPARE(dock.rows()->rowCount(), 10);
    dock.showSnapshot(snapshot("n", sample(14)));  // five new rows
    QCOMPARE(dock.rows()->rowCount(), 15);
    dock.showSnapshot(snapshot("n", sample(80)));  // the window slid past a full sample
    QCOMPARE(dock.rows()->rowCount(), 15 + 50 + 0);
    // Rows in order, none twice.
    for (int r = 0; r < 15; ++r) QCOMPARE(cell(dock.rows(), r, 1), QString::number(r));
    QCOMPARE(cell(dock.rows(), 15, 1), QStringLiteral("31"));
    dock.showSnapshot(snapshot("n", sample(100)));  // overlaps by 30
    QCOMPARE(dock.rows()->rowCount(), 85);
    QCOMPARE(cell(dock.rows(), 84, 1), QStringLiteral("100"));
  }

  void overlapComparesContentAndPosition() {
    const std::vector<std::string> a{"x", "y", "x"};
    QCOMPARE(PreviewModel::overlap(a, {"x", "z"}), std::size_t(1));
    QCOMPARE(PreviewModel::overlap(a, {"y", "x", "w"}), std::size_t(2));
    QCOMPARE(PreviewModel::overlap(a, {"z"}), std::size_t(0));
    QCOMPARE(PreviewModel::overlap({}, {"z"}), std::size_t(0));
  }

  void ringBufferIsBounded() {
    PreviewModel model(100);
    for (int last = 49; last < 1000; last += 50) model.addSample(sample(last));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(cell(&model, 0, 1), QStringLiteral("900"));
    QCOMPARE(cell(&model, 99, 1), QStringLiteral("999"));
    PreviewDock dock;
    QCOMPARE(dock.rows()->capacity(), 1000);
  }

  void pauseFreezes() {
    PreviewDock dock;
    dock.setSelectedNodes({QStringLiteral("n")});
    dock.showSnapshot(snapshot("n", sample(4)));
    QCOMPARE(dock.rows()->rowCount(), 5);
    dock.pauseButton()->click();
    QVERIFY(dock.isPaused());
    dock.showSnapshot(snapshot("n", sample(9)));
    QCOMPARE(dock.rows()->rowCount(), 5);
    QCOMPARE(cell(dock.rows(), 4, 1), QStringLiteral("4"));
    dock.setPaused(false);
    QVERIFY(!dock.pauseButton()->isChecked());
    dock.showSnapshot(snapshot("n", sample(12)));
    QCOMPARE(dock.rows()->rowCount(), 13);
    QCOMPARE(cell(dock.rows(), 12, 1), QStringLiteral("12"));
  }

  void deadLettersWithReasons() {
    PreviewDock dock;
    dock.setSelectedNodes({QStringLiteral("n")});
    // Written out rather than as a raw string literal, which moc does not parse.
    const std::string late =
        "{\"reason\":\"late: 120000 ms behind the watermark\",\"position\":\"p0@17\","
        "\"raw\":\"{\\\"seq\\\":3}\"}";
    dock.showSnapshot(snapshot("n", sample(1), {late}));
    dock.showSnapshot(snapshot("n", sample(1), {late}));
    auto* dead = dock.deadLetters();
    QCOMPARE(dead->rowCount(), 1);
    QCOMPARE(dead->columns(), (QStringList{"reason", "position", "raw"}));
    QCOMPARE(dead->headerData(0, Qt::Horizontal).toString(), PreviewDock::tr("Reason"));
    QCOMPARE(cell(dead, 0, 0), QStringLiteral("late: 120000 ms behind the watermark"));
    QCOMPARE(cell(dead, 0, 1), QStringLiteral("p0@17"));
    QCOMPARE(cell(dead, 0, 2), QStringLiteral("{\"seq\":3}"));
    QCOMPARE(dock.tabs()->tabText(1), PreviewDock::tr("Dead letters (%1)").arg(1));
    dock.clear();
    QCOMPARE(dead->rowCount(), 0);
    QCOMPARE(dock.rows()->rowCount(), 0);
  }
};

QTEST_MAIN(TestPreviewDock)
#include "test_preview_dock.moc"
