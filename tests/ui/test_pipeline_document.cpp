// The document's files and rules: open -> save writes the engine's canonical bytes, and a
// canonical file comes back byte for byte; what is not a pipeline is refused with the reason
// and leaves the document as it was; a pipeline with problems opens and lists exactly what
// the engine says about the file; connections are refused with a reason.
#include <QtTest>

#include <QTemporaryDir>
#include <QUndoStack>
#include <algorithm>
#include <filesystem>

#include "nodes/catalogue.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"
#include "ui/document/pipeline_document.h"

using namespace tributary;
using ui::PipelineDocument;
namespace fs = std::filesystem;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

QStringList texts(const pipeline::Diagnostics& d) {
  QStringList out;
  for (const auto& x : d) out << QString::fromStdString(x.text());
  return out;
}

QStringList sorted(QStringList l) {
  l.sort();
  return l;
}

// What the engine (and the CLI) say about a file.
QStringList engineDiagnostics(const QString& file) {
  const auto& kinds = nodes::builtin_kinds();
  const fs::path path = file.toStdString();
  const auto load = pipeline::load_pipeline_file(path, kinds);
  const auto v =
      pipeline::validate_pipeline(load.pipeline, kinds, path.parent_path(), load.diagnostics);
  return texts(load.diagnostics) + texts(v.diagnostics);
}

}  // namespace

class TestPipelineDocument : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void newDocument() {
    PipelineDocument doc;
    QVERIFY(doc.pipeline().nodes.empty());
    QVERIFY(!doc.pipeline().name.empty());  // a name is required to save a valid document
    QVERIFY(doc.diagnostics().empty());
    QVERIFY(doc.filePath().isEmpty());
    QCOMPARE(doc.fileName(), QString("Untitled"));
    QVERIFY(!doc.isDirty());
  }

  void openSaveIsByteIdentical_data() {
    QTest::addColumn<QString>("file");
    for (const auto& dir : fs::directory_iterator(TRIBUTARY_SAMPLES)) {
      const fs::path file = dir.path() / "pipeline.json";
      if (fs::exists(file))
        QTest::newRow(dir.path().filename().c_str()) << QString::fromStdString(file.string());
    }
  }
  void openSaveIsByteIdentical() {
    QFETCH(QString, file);
    PipelineDocument doc;
    QCOMPARE(doc.open(file), QString());
    QCOMPARE(texts(doc.diagnostics()), QStringList());
    QVERIFY(!doc.isDirty());
    QCOMPARE(doc.filePath(), QFileInfo(file).absoluteFilePath());

    // The samples are written by hand; saved, they take the engine's canonical form...
    const QString first = dir_.filePath(QFileInfo(QFileInfo(file).path()).fileName() + ".json");
    QCOMPARE(doc.save(first), QString());
    const auto load = pipeline::load_pipeline_file(file.toStdString(), nodes::builtin_kinds());
    QCOMPARE(readAll(first), QByteArray::fromStdString(pipeline::save_pipeline(load.pipeline)));
    // ...and a canonical file comes back byte for byte.
    PipelineDocument again;
    QCOMPARE(again.open(first), QString());
    const QString second = dir_.filePath("second.json");
    QCOMPARE(again.save(second), QString());
    QCOMPARE(readAll(second), readAll(first));
    // Also after edits that were undone.
    again.setParam(QString::fromStdString(again.pipeline().nodes[0].id), "seed", 12345);
    again.moveNodes({{QString::fromStdString(again.pipeline().nodes[0].id), {1, 2}}});
    again.undoStack()->setIndex(0);
    QCOMPARE(again.save(second), QString());
    QCOMPARE(readAll(second), readAll(first));
  }

  void refusesWhatIsNotAPipeline_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    for (const char* name : {"not-json", "wrong-format", "newer-version", "number-overflow"}) {
      const QString base = QStringLiteral(TRIBUTARY_CASES "/%1").arg(name);
      QTest::newRow(name) << base + ".json"
                          << QString::fromUtf8(readAll(base + ".expected")).trimmed();
    }
    const QString empty = dir_.filePath("empty.json");
    QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
    QTest::newRow("empty") << empty << "not JSON";
    QTest::newRow("a script") << QString(TRIBUTARY_CASES "/../check_schema.py") << "not JSON";
    QTest::newRow("missing") << dir_.filePath("missing.json") << "Cannot open";
  }
  void refusesWhatIsNotAPipeline() {
    QFETCH(QString, file);
    QFETCH(QString, reason);
    PipelineDocument doc;
    const QString sample = TRIBUTARY_SAMPLES "/clickstream/pipeline.json";
    QCOMPARE(doc.open(sample), QString());
    doc.renameNode("clicks", "Edited");
    const QByteArray before = QByteArray::fromStdString(pipeline::save_pipeline(doc.pipeline()));
    QSignalSpy reset(&doc, &PipelineDocument::modelReset);

    const QString error = doc.open(file);
    QVERIFY2(error.contains(reason), qPrintable(error));
    // Nothing changed: same model, file, history.
    QCOMPARE(QByteArray::fromStdString(pipeline::save_pipeline(doc.pipeline())), before);
    QCOMPARE(doc.filePath(), QFileInfo(sample).absoluteFilePath());
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(reset.count(), 0);
  }

  void opensPipelineWithProblems_data() {
    QTest::addColumn<QString>("file");
    for (const char* name :
         {"node-problems", "graph-problems", "schema-problems", "document-level"})
      QTest::newRow(name) << QStringLiteral(TRIBUTARY_CASES "/%1.json").arg(name);
  }
  void opensPipelineWithProblems() {
    QFETCH(QString, file);
    PipelineDocument doc;
    QSignalSpy changed(&doc, &PipelineDocument::diagnosticsChanged);
    QCOMPARE(doc.open(file), QString());
    QCOMPARE(changed.count(), 1);
    // Exactly what the engine says about the file, including what the model could not hold.
    const QStringList engine = sorted(engineDiagnostics(file));
    QVERIFY(!engine.isEmpty());
    QCOMPARE(sorted(texts(doc.diagnostics())), engine);
    // Still so after an edit and its undo (the problems are computed from the model).
    doc.renameNode(doc.pipeline().nodes.empty()
                       ? QString()
                       : QString::fromStdString(doc.pipeline().nodes[0].id),
                   "x");
    doc.undoStack()->undo();
    QCOMPARE(sorted(texts(doc.diagnostics())), engine);
    // Saved, the file holds the model; the document then says what the engine says of it.
    const QString saved = dir_.filePath("problems.json");
    QCOMPARE(doc.save(saved), QString());
    QCOMPARE(sorted(texts(doc.diagnostics())), sorted(engineDiagnostics(saved)));
    QFile::remove(saved);
  }

  void diagnosticsOfOneNode() {
    PipelineDocument doc;
    QCOMPARE(doc.open(TRIBUTARY_CASES "/node-problems.json"), QString());
    QCOMPARE(sorted(texts(doc.diagnosticsOf("h"))),
             sorted({"h.aggregates: expected a non-empty list of {fn, field, as}",
                     "h.emit: 'sometimes' is not one of final, update",
                     "h.size_ms: must be at least 1", "h.in: not connected"}));
    QVERIFY(doc.diagnosticsOf("ghost").empty());
  }

  void connectionsAreRefusedWithAReason() {
    PipelineDocument doc;
    const QString sensors = doc.addNode("source.generator", {});  // device, ts, temperature, ...
    const QString clicks = doc.addNode("source.generator", {}, {{"preset", "clicks"}});
    const QString users = doc.addNode("transform.filter", {}, {{"expr", "user = 'a'"}});
    const QString pages = doc.addNode("transform.filter", {}, {{"expr", "page = 'home'"}});
    const QString merged = doc.addNode("transform.union", {});
    const QString sink = doc.addNode("sink.jsonl", {}, {{"path", "x.jsonl"}});
    QCOMPARE(QStringList({sensors, clicks, users, pages, merged, sink}),
             QStringList({"generator", "generator-2", "filter", "filter-2", "union", "jsonl"}));
    const int steps = doc.undoStack()->count();
    auto refused = [&](pipeline::PortRef from, pipeline::PortRef to, const QString& part) {
      QString reason;
      const bool ok = doc.canConnect(from, to, &reason);
      if (ok || !reason.contains(part))
        qWarning("%s -> %s: %s", from.text().c_str(), to.text().c_str(), qPrintable(reason));
      return !ok && reason.contains(part);
    };
    QVERIFY(refused({"ghost", "out"}, {"filter", "in"}, "no node 'ghost'"));
    QVERIFY(refused({"generator", "out"}, {"ghost", "in"}, "no node 'ghost'"));
    QVERIFY(refused({"generator", "nope"}, {"filter", "in"}, "no output 'nope' (it has: out)"));
    QVERIFY(refused({"generator", "out"}, {"filter", "left"}, "no input 'left' (it has: in)"));
    QVERIFY(refused({"jsonl", "out"}, {"filter", "in"}, "has no outputs"));
    QVERIFY(refused({"filter", "out"}, {"generator", "in"}, "has no inputs"));
    QVERIFY(refused({"filter", "out"}, {"filter", "in"}, "cannot feed itself"));
    // The sensors have no `user`: the filter's expression does not fit.
    QVERIFY(refused({"generator", "out"}, {"filter", "in"}, "schema does not fit: filter.expr"));
    QCOMPARE(doc.undoStack()->count(), steps);

    QString reason;
    QVERIFY(doc.canConnect({"generator-2", "out"}, {"filter", "in"}, &reason));
    QVERIFY(doc.connectPorts({"generator-2", "out"}, {"filter", "in"}));
    QVERIFY(refused({"generator-2", "out"}, {"filter", "in"}, "already connected"));
    QVERIFY(refused({"generator", "out"}, {"filter", "in"}, "already has its input"));
    // A union takes several inputs, of one schema.
    QVERIFY(doc.connectPorts({"filter", "out"}, {"union", "in"}));
    QVERIFY(doc.connectPorts({"generator-2", "out"}, {"union", "in"}));
    QVERIFY(refused({"generator", "out"}, {"union", "in"}, "inputs do not match"));
    // No cycles, even through a port that takes several edges.
    QVERIFY(doc.connectPorts({"union", "out"}, {"filter-2", "in"}));
    QVERIFY(refused({"filter-2", "out"}, {"union", "in"}, "would make a cycle"));
    QVERIFY(doc.connectPorts({"filter-2", "out"}, {"jsonl", "in"}));
    QVERIFY(!doc.connectPorts({"generator", "out"}, {"union", "in"}, &reason));
    QVERIFY(reason.contains("inputs do not match"));
    // What is left is the unconnected sensor source: no problem, it just feeds nothing.
    QCOMPARE(texts(doc.diagnostics()), QStringList());
  }

  void saveFailsCleanly() {
    PipelineDocument doc;
    doc.addNode("transform.filter", {});
    const QString error = doc.save(dir_.filePath("no/such/folder/x.json"));
    QVERIFY2(error.contains("Cannot save"), qPrintable(error));
    QVERIFY(doc.isDirty());
    QVERIFY(doc.filePath().isEmpty());
  }

  void saveReplacesAtomically() {
    QTemporaryDir here;
    const QString path = here.filePath("p.json");
    {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(
          "old contents that are longer than the new ones will be, to see no tail remains "
          "................................................................................"
          "................................................................................");
    }
    PipelineDocument doc;
    QCOMPARE(doc.save(path), QString());
    QCOMPARE(readAll(path), QByteArray::fromStdString(pipeline::save_pipeline(doc.pipeline())));
    // No temporary file is left behind.
    QCOMPARE(QDir(here.path()).entryList(QDir::Files), QStringList{"p.json"});
    QCOMPARE(doc.windowTitle(), QString("p.json — Tributary"));
  }
};

QTEST_GUILESS_MAIN(TestPipelineDocument)
#include "test_pipeline_document.moc"
