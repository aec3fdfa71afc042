// Every edit of the document is one undoable step: for each command type the model is checked
// after do, undo gives back the exact bytes of before, redo the exact bytes of after, and a
// mirror built only from the document's signals agrees with the model at each point (what a
// scene will rely on). Moves, parameter edits and renames merge; the dirty flag follows the
// stack's clean index and the title shows it.
#include <QtTest>

#include <QTemporaryDir>
#include <QUndoStack>
#include <filesystem>
#include <set>

#include "pipeline/pipeline_format.h"
#include "ui/document/document_commands.h"
#include "ui/document/graph_edit.h"
#include "ui/document/pipeline_document.h"

using namespace tributary;
using ui::PipelineDocument;

namespace {

QByteArray bytes(const PipelineDocument& doc) {
  return QByteArray::fromStdString(pipeline::save_pipeline(doc.pipeline()));
}

std::string edgeText(const pipeline::Edge& e) {
  return e.from.text() + "->" + e.to.text();
}

QStringList edgeTexts(const pipeline::Pipeline& p) {
  QStringList out;
  for (const auto& e : p.edges) out << QString::fromStdString(edgeText(e));
  return out;
}

QStringList nodeIds(const pipeline::Pipeline& p) {
  QStringList out;
  for (const auto& n : p.nodes) out << QString::fromStdString(n.id);
  return out;
}

bool hasEdge(const pipeline::Pipeline& p, const QString& text) {
  return edgeTexts(p).contains(text);
}

// JSON compared as text, so that a failure shows both.
#define QCOMPARE_JSON(actual, expected)                           \
  QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()), \
           QString::fromStdString(nlohmann::json(expected).dump()))

bool mentions(const pipeline::Diagnostics& d, const std::string& where) {
  return std::any_of(d.begin(), d.end(), [&](const auto& x) { return x.where == where; });
}

// What a scene would hold if it followed only the document's signals.
struct Mirror {
  std::map<std::string, std::string> labels;
  std::map<std::string, QPointF> positions;
  std::multiset<std::string> edges;
  const PipelineDocument& doc;

  explicit Mirror(PipelineDocument& d) : doc(d) {
    rebuild();
    QObject::connect(&d, &PipelineDocument::modelReset, &d, [this] { rebuild(); });
    QObject::connect(&d, &PipelineDocument::nodeAdded, &d, [this](const QString& id) {
      QVERIFY(!labels.count(id.toStdString()));
      read(id);
    });
    QObject::connect(&d, &PipelineDocument::nodeRemoved, &d, [this](const QString& id) {
      // Edges go before their nodes, so that a scene never holds a dangling edge.
      for (const auto& e : edges) QVERIFY(e.rfind(id.toStdString() + ".", 0) != 0);
      labels.erase(id.toStdString());
      positions.erase(id.toStdString());
    });
    QObject::connect(&d, &PipelineDocument::nodeChanged, &d,
                     [this](const QString& id) { read(id); });
    QObject::connect(&d, &PipelineDocument::nodeMoved, &d, [this](const QString& id) { read(id); });
    QObject::connect(&d, &PipelineDocument::edgeAdded, &d,
                     [this](const pipeline::Edge& e) { edges.insert(edgeText(e)); });
    QObject::connect(&d, &PipelineDocument::edgeRemoved, &d, [this](const pipeline::Edge& e) {
      const auto it = edges.find(edgeText(e));
      QVERIFY(it != edges.end());
      if (it != edges.end()) edges.erase(it);
    });
  }
  void read(const QString& id) {
    const auto* n = doc.node(id);
    QVERIFY(n);
    if (!n) return;
    labels[n->id] = n->label;
    positions[n->id] = ui::nodePosition(*n);
  }
  void rebuild() {
    labels.clear();
    positions.clear();
    edges.clear();
    for (const auto& n : doc.pipeline().nodes) read(QString::fromStdString(n.id));
    for (const auto& e : doc.pipeline().edges) edges.insert(edgeText(e));
  }
  bool matches() const {
    std::map<std::string, std::string> l;
    std::map<std::string, QPointF> at;
    for (const auto& n : doc.pipeline().nodes) {
      l[n.id] = n.label;
      at[n.id] = ui::nodePosition(n);
    }
    std::multiset<std::string> e;
    for (const auto& edge : doc.pipeline().edges) e.insert(edgeText(edge));
    return l == labels && at == positions && e == edges;
  }
};

// One edit as one step: check after do, bytes back after undo, bytes again after redo.
template <typename Edit, typename Check>
void checkStep(PipelineDocument& doc, const Mirror& mirror, Edit edit, Check check) {
  const QByteArray before = bytes(doc);
  const int index = doc.undoStack()->index();
  edit();
  QCOMPARE(doc.undoStack()->index(), index + 1);
  QCOMPARE(doc.undoStack()->count(), index + 1);
  const QByteArray after = bytes(doc);
  QVERIFY(after != before);
  check(doc.pipeline());
  QVERIFY(mirror.matches());
  doc.undoStack()->undo();
  QCOMPARE(bytes(doc), before);
  QVERIFY(mirror.matches());
  doc.undoStack()->redo();
  QCOMPARE(bytes(doc), after);
  check(doc.pipeline());
  QVERIFY(mirror.matches());
}

#define STEP(doc, mirror, edit, check)      \
  do {                                      \
    checkStep(doc, mirror, edit, check);    \
    if (QTest::currentTestFailed()) return; \
  } while (false)

const char* kImport = R"({
  "format": "tributary-pipeline", "version": 1, "name": "import",
  "nodes": [
    { "id": "clicks", "kind": "source.generator", "ui": { "x": 0, "y": 0 },
      "params": { "preset": "ticks", "seed": 9 } },
    { "id": "cheap", "kind": "transform.filter", "ui": { "x": 200, "y": 0 },
      "params": { "expr": "price < 10" } }
  ],
  "edges": [ { "from": "clicks.out", "to": "cheap.in" } ]
})";

const char* kImportFeedingSessions = R"({
  "format": "tributary-pipeline", "version": 1, "name": "import",
  "nodes": [
    { "id": "more", "kind": "source.generator", "params": { "preset": "clicks" } },
    { "id": "sessions", "kind": "window.session", "label": "Visits",
      "params": { "gap_ms": 1000, "aggregates": [ { "fn": "count", "as": "n" } ] } },
    { "id": "out", "kind": "sink.console" }
  ],
  "edges": [ { "from": "more.out", "to": "sessions.in" } ]
})";

}  // namespace

class TestDocumentCommands : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

  // A copy of a sample in a temporary folder, so that a save never touches the samples.
  QString sampleCopy(const QString& sample) {
    const QString to = dir_.filePath(sample + ".json");
    QFile::remove(to);
    if (!QFile::copy(QStringLiteral(TRIBUTARY_SAMPLES "/%1/pipeline.json").arg(sample), to))
      qFatal("cannot copy sample %s", qPrintable(sample));
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
    return to;
  }
  void openSample(PipelineDocument& doc, const QString& sample) {
    const QString error = doc.open(sampleCopy(sample));
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }
  QString writeFile(const QString& name, const char* text) {
    const QString path = dir_.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) < 0)
      qFatal("cannot write %s", qPrintable(path));
    return path;
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void addNode() {
    PipelineDocument doc;
    Mirror mirror(doc);
    QString id;
    STEP(
        doc, mirror,
        [&] {
          id = doc.addNode("transform.filter", {100.4, 200});
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(id, QString("filter"));
          QCOMPARE(p.nodes.size(), std::size_t(1));
          QCOMPARE(p.nodes[0].id, std::string("filter"));
          QCOMPARE(p.nodes[0].kind, std::string("transform.filter"));
          QCOMPARE(ui::nodePosition(p.nodes[0]), QPointF(100, 200));
          // Nothing to guess for a filter's expression: it shows as a problem instead.
          QVERIFY(p.nodes[0].params.empty());
        });
    QVERIFY(mentions(doc.diagnostics(), "filter.expr"));
    QCOMPARE(doc.addNode("transform.filter", {}), QString("filter-2"));
    QCOMPARE(doc.addNode("transform.filter", {}), QString("filter-3"));
    // A required choice gets its first entry; optional parameters stay as written (none).
    const QString gen = doc.addNode("source.generator", {});
    QCOMPARE(gen, QString("generator"));
    QCOMPARE_JSON(doc.node(gen)->params, nlohmann::json({{"preset", "sensors"}}));
    const QString sink = doc.addNode("sink.jsonl", {}, {{"path", "out.jsonl"}});
    QCOMPARE_JSON(doc.node(sink)->params, nlohmann::json({{"path", "out.jsonl"}}));
    const int count = doc.undoStack()->count();
    QVERIFY(doc.addNode("transform.teleport", {}).isEmpty());
    QCOMPARE(doc.undoStack()->count(), count);
  }

  void removeNodes() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    STEP(
        doc, mirror, [&] { QVERIFY(doc.removeNodes({"sessions"})); },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(nodeIds(p), (QStringList{"clicks", "out"}));
          QVERIFY(p.edges.empty());
        });
    doc.undoStack()->undo();
    // The first and the last node: undo puts them back in their places (same bytes).
    STEP(
        doc, mirror,
        [&] {
          QVERIFY(doc.removeNodes({"out", "clicks", "ghost"}));
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(nodeIds(p), (QStringList{"sessions"}));
          QVERIFY(p.edges.empty());
        });
    const int count = doc.undoStack()->count();
    QVERIFY(!doc.removeNodes({"ghost"}));
    QCOMPARE(doc.undoStack()->count(), count);
  }

  void moveNodes() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    QSignalSpy diagnostics(&doc, &PipelineDocument::diagnosticsChanged);
    STEP(
        doc, mirror,
        [&] {
          QVERIFY(doc.moveNodes({{"clicks", {77, 88}}}));
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE_JSON(p.nodes[0].ui, nlohmann::json({{"x", 77}, {"y", 88}}));
          QCOMPARE(ui::nodePosition(p.nodes[1]), QPointF(300, 120));
        });
    // Layout never changes what the pipeline computes.
    QCOMPARE(diagnostics.count(), 0);
    QVERIFY(!doc.moveNodes({{"clicks", {77.2, 88}}}));  // the same place once rounded
  }

  void movesMerge() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    const QByteArray start = bytes(doc);
    // A drag: many moves of the same node are one step.
    for (int i = 1; i <= 5; ++i) QVERIFY(doc.moveNodes({{"clicks", {40.0 + i, 120.0 + 2 * i}}}));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.nodePosition("clicks"), QPointF(45, 130));
    doc.undoStack()->undo();
    QCOMPARE(bytes(doc), start);
    doc.undoStack()->redo();
    QCOMPARE(doc.nodePosition("clicks"), QPointF(45, 130));
    // Another set of nodes is another step, and so is the first set after it.
    QVERIFY(doc.moveNodes({{"clicks", {0, 0}}, {"out", {600, 0}}}));
    QVERIFY(doc.moveNodes({{"clicks", {10, 0}}, {"out", {610, 0}}}));
    QCOMPARE(doc.undoStack()->count(), 2);
    QVERIFY(doc.moveNodes({{"clicks", {20, 0}}}));
    QCOMPARE(doc.undoStack()->count(), 3);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.nodePosition("clicks"), QPointF(45, 130));
    QCOMPARE(doc.nodePosition("out"), QPointF(560, 120));
    // Dragged back to where it started: no step is left.
    doc.undoStack()->undo();
    QCOMPARE(bytes(doc), start);
    QVERIFY(doc.moveNodes({{"sessions", {1, 1}}}));
    QVERIFY(doc.moveNodes({{"sessions", {300, 120}}}));
    QCOMPARE(doc.undoStack()->index(), 0);
    QCOMPARE(bytes(doc), start);
    QVERIFY(!doc.isDirty());
  }

  void connectAndDisconnect() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    STEP(
        doc, mirror,
        [&] {
          QVERIFY(doc.disconnectPorts({"sessions", "out"}, {"out", "in"}));
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(edgeTexts(p), (QStringList{"clicks.out->sessions.in"}));
        });
    QVERIFY(mentions(doc.diagnostics(), "out.in"));  // not connected
    STEP(
        doc, mirror,
        [&] {
          QVERIFY(doc.connectPorts({"clicks", "out"}, {"out", "in"}));
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(edgeTexts(p), (QStringList{"clicks.out->sessions.in", "clicks.out->out.in"}));
        });
    QVERIFY(doc.diagnostics().empty());
    const int count = doc.undoStack()->count();
    QVERIFY(!doc.disconnectPorts({"sessions", "out"}, {"out", "in"}));
    QString reason;
    QVERIFY(!doc.connectPorts({"sessions", "out"}, {"out", "in"}, &reason));
    QVERIFY(!reason.isEmpty());
    QCOMPARE(doc.undoStack()->count(), count);
  }

  void setParam() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    STEP(
        doc, mirror, [&] { QVERIFY(doc.setParam("sessions", "gap_ms", 5000)); },
        [&](const pipeline::Pipeline& p) { QCOMPARE_JSON(p.nodes[1].params["gap_ms"], 5000); });
    STEP(
        doc, mirror, [&] { QVERIFY(doc.setParam("sessions", "grace_ms", 10)); },
        [&](const pipeline::Pipeline& p) { QCOMPARE_JSON(p.nodes[1].params["grace_ms"], 10); });
    // Null: back to the kind's default, the parameter is no longer written.
    STEP(
        doc, mirror, [&] { QVERIFY(doc.setParam("sessions", "key", nullptr)); },
        [&](const pipeline::Pipeline& p) { QVERIFY(!p.nodes[1].params.contains("key")); });
    // Set and then removed again right away: the edits merge into nothing.
    QVERIFY(doc.setParam("sessions", "emit", "update"));
    QVERIFY(doc.setParam("sessions", "emit", nullptr));
    QCOMPARE(doc.undoStack()->count(), 3);
    const int count = doc.undoStack()->count();
    QVERIFY(!doc.setParam("sessions", "gap_ms", 5000));   // unchanged
    QVERIFY(!doc.setParam("sessions", "colour", "red"));  // not a parameter of the kind
    QVERIFY(!doc.setParam("sessions", "key", nullptr));   // already absent
    QVERIFY(!doc.setParam("ghost", "gap_ms", 1));
    QCOMPARE(doc.undoStack()->count(), count);
  }

  void paramEditsMergeAndDiagnosticsFollow() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    QVERIFY(doc.diagnostics().empty());
    QSignalSpy diagnostics(&doc, &PipelineDocument::diagnosticsChanged);
    // Typing a key field letter by letter: one step, problems live on the way.
    QVERIFY(doc.setParam("sessions", "key", {"u"}));
    QVERIFY(mentions(doc.diagnostics(), "sessions.key"));
    QCOMPARE(diagnostics.count(), 1);
    QVERIFY(doc.setParam("sessions", "key", {"us"}));
    QCOMPARE(diagnostics.count(), 2);  // another message
    QVERIFY(doc.setParam("sessions", "key", {"page"}));
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(doc.diagnostics().empty());
    QCOMPARE(diagnostics.count(), 3);
    QVERIFY(doc.moveNodes({{"sessions", {0, 0}}}));
    QCOMPARE(diagnostics.count(), 3);  // positions do not change what the pipeline computes
    doc.undoStack()->undo();
    // Another parameter is another step.
    QVERIFY(doc.setParam("sessions", "gap_ms", -1));
    QCOMPARE(doc.undoStack()->count(), 2);
    QVERIFY(mentions(doc.diagnostics(), "sessions.gap_ms"));
    doc.undoStack()->undo();
    QVERIFY(doc.diagnostics().empty());
    doc.undoStack()->undo();
    QCOMPARE_JSON(doc.node("sessions")->params["key"], nlohmann::json({"user"}));
    // Typed back to what it was: the step disappears.
    QVERIFY(doc.setParam("sessions", "gap_ms", 1));
    QVERIFY(doc.setParam("sessions", "gap_ms", 30000));
    QCOMPARE(doc.undoStack()->index(), 0);
    QVERIFY(!doc.isDirty());
  }

  void rename() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    STEP(
        doc, mirror, [&] { QVERIFY(doc.renameNode("sessions", "Visits")); },
        [&](const pipeline::Pipeline& p) { QCOMPARE(p.nodes[1].label, std::string("Visits")); });
    STEP(
        doc, mirror, [&] { QVERIFY(doc.renameNode("out", "")); },
        [&](const pipeline::Pipeline& p) { QVERIFY(p.nodes[2].label.empty()); });
    QVERIFY(!doc.renameNode("sessions", "Visits"));
    // Typing merges.
    const int count = doc.undoStack()->count();
    for (const char* label : {"V", "Vi", "Vis", "Visitors"})
      QVERIFY(doc.renameNode("clicks", label));
    QCOMPARE(doc.undoStack()->count(), count + 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.node("clicks")->label, std::string("Clicks"));
  }

  void paste() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    const QByteArray copied = doc.copySelection({"clicks", "sessions"});
    // The fragment is a pipeline: the nodes and only the edges between them.
    const auto fragment = pipeline::load_pipeline(copied.toStdString(), doc.kinds());
    QCOMPARE(nodeIds(fragment.pipeline), (QStringList{"clicks", "sessions"}));
    QCOMPARE(edgeTexts(fragment.pipeline), (QStringList{"clicks.out->sessions.in"}));

    QStringList ids;
    STEP(
        doc, mirror,
        [&] {
          ids = doc.paste(copied, {10, 20});
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(ids, (QStringList{"clicks-2", "sessions-2"}));
          QCOMPARE(nodeIds(p),
                   (QStringList{"clicks", "sessions", "out", "clicks-2", "sessions-2"}));
          QVERIFY(hasEdge(p, "clicks-2.out->sessions-2.in"));
          QCOMPARE(p.edges.size(), std::size_t(3));
          QCOMPARE(ui::nodePosition(*p.node("clicks-2")), QPointF(50, 140));
          QCOMPARE(ui::nodePosition(*p.node("sessions-2")), QPointF(310, 140));
          QCOMPARE_JSON(p.node("sessions-2")->params, p.node("sessions")->params);
          QCOMPARE(p.node("sessions-2")->label, std::string("Sessions"));
        });
    QCOMPARE(doc.paste(copied, {}), (QStringList{"clicks-3", "sessions-3"}));
    QVERIFY(hasEdge(doc.pipeline(), "clicks-3.out->sessions-3.in"));

    // Into another document, free ids stay as they were.
    PipelineDocument other;
    QCOMPARE(other.paste(copied, {}), (QStringList{"clicks", "sessions"}));
    QVERIFY(hasEdge(other.pipeline(), "clicks.out->sessions.in"));

    QString error;
    const int count = doc.undoStack()->count();
    QVERIFY(doc.paste("some text", {}, &error).isEmpty());
    QVERIFY(error.contains("not JSON"));
    QVERIFY(doc.paste(R"({"format": "tributary-pipeline", "version": 1, "name": "x",
                          "nodes": []})",
                      {}, &error)
                .isEmpty());
    QVERIFY(!error.isEmpty());
    QCOMPARE(doc.undoStack()->count(), count);
    QVERIFY(doc.copySelection({"ghost"}).isEmpty());
  }

  void cut() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    QByteArray copied;
    STEP(
        doc, mirror,
        [&] {
          copied = doc.cutSelection({"sessions", "out"});
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(nodeIds(p), (QStringList{"clicks"}));
          QVERIFY(p.edges.empty());
        });
    QCOMPARE(doc.undoStack()->undoText(), QString("Cut"));
    // Pasted back where they were, with their ids (free again) and the edge between them.
    QCOMPARE(doc.paste(copied, {}), (QStringList{"sessions", "out"}));
    QCOMPARE(edgeTexts(doc.pipeline()), (QStringList{"sessions.out->out.in"}));
  }

  void duplicate() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    QStringList ids;
    STEP(
        doc, mirror,
        [&] {
          ids = doc.duplicate({"out", "sessions"});
        },
        [&](const pipeline::Pipeline& p) {
          // Document order, fresh ids, the edge between them, next to the originals.
          QCOMPARE(ids, (QStringList{"sessions-2", "out-2"}));
          QVERIFY(hasEdge(p, "sessions-2.out->out-2.in"));
          QCOMPARE(p.edges.size(), std::size_t(3));
          const double d = PipelineDocument::kDuplicateOffset;
          QCOMPARE(ui::nodePosition(*p.node("out-2")), QPointF(560 + d, 120 + d));
        });
    QCOMPARE(doc.duplicate({"sessions-2"}), QStringList{"sessions-3"});
    QVERIFY(doc.duplicate({"ghost"}).isEmpty());
  }

  void autoLayout() {
    PipelineDocument doc;
    openSample(doc, "ad-events");
    Mirror mirror(doc);
    // Everything on one spot first.
    std::map<QString, QPointF> pile;
    for (const auto& n : doc.pipeline().nodes) pile[QString::fromStdString(n.id)] = {0, 0};
    QVERIFY(doc.moveNodes(pile));
    STEP(
        doc, mirror, [&] { QVERIFY(doc.autoLayout()); },
        [&](const pipeline::Pipeline& p) {
          for (const auto& e : p.edges) {
            QVERIFY2(ui::nodePosition(*p.node(e.to.node)).x() >
                         ui::nodePosition(*p.node(e.from.node)).x(),
                     edgeText(e).c_str());
          }
        });
    QCOMPARE(doc.undoStack()->undoText(), QString("Auto layout"));
    // A second layout changes nothing, so it is no step.
    QVERIFY(!doc.autoLayout());
    // Not merged with a move before it.
    doc.undoStack()->undo();
    for (const auto& n : doc.pipeline().nodes) QCOMPARE(ui::nodePosition(n), QPointF(0, 0));
  }

  void importAsCopy() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    const QString file = writeFile("import.json", kImport);
    pipeline::Pipeline imported;
    QString error;
    QVERIFY(doc.readForImport(file, &imported, &error));
    QCOMPARE(doc.clashingIds(imported), QStringList{"clicks"});
    QStringList ids;
    STEP(
        doc, mirror,
        [&] {
          QCOMPARE(doc.importFile(file, PipelineDocument::ImportMode::Copy, &ids), QString());
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(ids, (QStringList{"clicks-2", "cheap"}));
          QCOMPARE(p.nodes.size(), std::size_t(5));
          QCOMPARE_JSON(p.node("clicks")->params["preset"], "clicks");  // the original is untouched
          QCOMPARE_JSON(p.node("clicks-2")->params["preset"], "ticks");
          QVERIFY(hasEdge(p, "clicks-2.out->cheap.in"));
          QVERIFY(hasEdge(p, "clicks.out->sessions.in"));
          // To the right of the document's nodes.
          QVERIFY(ui::nodePosition(*p.node("clicks-2")).x() > 560);
          QVERIFY(ui::nodePosition(*p.node("cheap")).x() >
                  ui::nodePosition(*p.node("clicks-2")).x());
        });
    QCOMPARE(doc.undoStack()->undoText(), QString("Import import.json"));
  }

  void importReplacing() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    Mirror mirror(doc);
    const QString file = writeFile("import.json", kImport);
    STEP(
        doc, mirror,
        [&] { QCOMPARE(doc.importFile(file, PipelineDocument::ImportMode::Replace), QString()); },
        [&](const pipeline::Pipeline& p) {
          // Replaced in place, its edges kept (the port is still there), the rest added.
          QCOMPARE(nodeIds(p), (QStringList{"clicks", "sessions", "out", "cheap"}));
          QCOMPARE_JSON(p.node("clicks")->params,
                        nlohmann::json({{"preset", "ticks"}, {"seed", 9}}));
          QVERIFY(p.node("clicks")->label.empty());
          QCOMPARE(edgeTexts(p), (QStringList{"clicks.out->sessions.in", "sessions.out->out.in",
                                              "clicks.out->cheap.in"}));
        });

    // An input the import feeds loses its old edge; an edge whose port is gone goes too.
    PipelineDocument other;
    openSample(other, "clickstream");
    Mirror other_mirror(other);
    const QString feeding = writeFile("feeding.json", kImportFeedingSessions);
    STEP(
        other, other_mirror,
        [&] {
          QCOMPARE(other.importFile(feeding, PipelineDocument::ImportMode::Replace), QString());
        },
        [&](const pipeline::Pipeline& p) {
          QCOMPARE(nodeIds(p), (QStringList{"clicks", "sessions", "out", "more"}));
          QCOMPARE(p.node("sessions")->label, std::string("Visits"));
          QCOMPARE(p.node("out")->kind, std::string("sink.console"));
          QCOMPARE(edgeTexts(p), (QStringList{"sessions.out->out.in", "more.out->sessions.in"}));
        });
    // One step, whatever it is made of.
    QCOMPARE(other.undoStack()->count(), 1);
  }

  void importWithoutLayoutIsLaidOut() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    const QString file = writeFile("bare.json", R"({
      "format": "tributary-pipeline", "version": 1, "name": "bare",
      "nodes": [ { "id": "a", "kind": "source.generator", "params": { "preset": "clicks" } },
                 { "id": "b", "kind": "sink.console" } ],
      "edges": [ { "from": "a.out", "to": "b.in" } ]
    })");
    QCOMPARE(doc.importFile(file, PipelineDocument::ImportMode::Copy), QString());
    QVERIFY(doc.nodePosition("b").x() > doc.nodePosition("a").x());
    QVERIFY(doc.nodePosition("a").x() > 560);  // still to the right of the document's nodes
    QCOMPARE(doc.nodePosition("a").y(), 120.0);
  }

  void importRefusesWhatIsNotAPipeline() {
    PipelineDocument doc;
    openSample(doc, "clickstream");
    const QString error = doc.importFile(writeFile("notes.json", R"({"todo": 1})"),
                                         PipelineDocument::ImportMode::Copy);
    QVERIFY(error.contains("format"));
    QVERIFY(!doc.importFile(dir_.filePath("missing.json"), PipelineDocument::ImportMode::Copy)
                 .isEmpty());
    QCOMPARE(doc.undoStack()->count(), 0);
  }

  void importKeepsRelativePathsPointingAtTheirFiles() {
    PipelineDocument doc;
    openSample(doc, "clickstream");  // in dir_
    QVERIFY(QDir(dir_.path()).mkpath("elsewhere/data"));
    const QString file = writeFile("elsewhere/sink.json", R"({
      "format": "tributary-pipeline", "version": 1, "name": "sink",
      "nodes": [ { "id": "keep", "kind": "sink.jsonl", "params": { "path": "data/kept.jsonl" } } ]
    })");
    QStringList ids;
    QCOMPARE(doc.importFile(file, PipelineDocument::ImportMode::Copy, &ids), QString());
    QCOMPARE_JSON(doc.node("keep")->params["path"], "elsewhere/data/kept.jsonl");
  }

  void everyEditIsACommand() {
    // The stack's commands are the document's own classes: nothing edits around them.
    PipelineDocument doc;
    openSample(doc, "clickstream");
    doc.addNode("transform.filter", {});
    doc.setParam("filter", "expr", "page = 'home'");
    doc.connectPorts({"clicks", "out"}, {"filter", "in"});
    doc.renameNode("filter", "Home");
    doc.duplicate({"filter"});
    doc.removeNodes({"filter-2"});
    doc.autoLayout();
    QCOMPARE(doc.undoStack()->count(), 7);
    for (int i = 0; i < doc.undoStack()->count(); ++i) {
      QVERIFY(dynamic_cast<const ui::DocumentCommand*>(doc.undoStack()->command(i)));
      QVERIFY(!doc.undoStack()->text(i).isEmpty());
    }
    // All the way back and forth again.
    const QByteArray end = bytes(doc);
    doc.undoStack()->setIndex(0);
    QVERIFY(!doc.isDirty());
    doc.undoStack()->setIndex(doc.undoStack()->count());
    QCOMPARE(bytes(doc), end);
  }

  void dirtyFlagAndTitle() {
    PipelineDocument doc;
    QCOMPARE(doc.windowTitle(), QString("Untitled — Tributary"));
    QVERIFY(!doc.isDirty());
    QSignalSpy dirty(&doc, &PipelineDocument::dirtyChanged);
    QSignalSpy title(&doc, &PipelineDocument::titleChanged);
    doc.addNode("transform.filter", {});
    QVERIFY(doc.isDirty());
    QCOMPARE(doc.windowTitle(), QString("Untitled* — Tributary"));
    QCOMPARE(dirty.count(), 1);
    QCOMPARE(dirty.last().at(0).toBool(), true);
    QCOMPARE(title.last().at(0).toString(), QString("Untitled* — Tributary"));
    doc.undoStack()->undo();
    QVERIFY(!doc.isDirty());
    QCOMPARE(dirty.last().at(0).toBool(), false);
    QCOMPARE(doc.windowTitle(), QString("Untitled — Tributary"));
    doc.undoStack()->redo();
    QVERIFY(doc.isDirty());

    const QString path = dir_.filePath("mine.json");
    QCOMPARE(doc.save(path), QString());
    QVERIFY(!doc.isDirty());
    QCOMPARE(doc.windowTitle(), QString("mine.json — Tributary"));
    QCOMPARE(title.last().at(0).toString(), QString("mine.json — Tributary"));
    QCOMPARE(doc.filePath(), QFileInfo(path).absoluteFilePath());
    doc.renameNode("filter", "F");
    QCOMPARE(doc.windowTitle(), QString("mine.json* — Tributary"));
    // Back to the saved state is clean again, and before it dirty.
    doc.undoStack()->undo();
    QVERIFY(!doc.isDirty());
    doc.undoStack()->undo();
    QVERIFY(doc.isDirty());
    QCOMPARE(doc.windowTitle(), QString("mine.json* — Tributary"));

    // Opening starts clean, with an empty history.
    QCOMPARE(doc.open(path), QString());
    QVERIFY(!doc.isDirty());
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.windowTitle(), QString("mine.json — Tributary"));
  }
};

QTEST_GUILESS_MAIN(TestDocumentCommands)
#include "test_document_commands.moc"
