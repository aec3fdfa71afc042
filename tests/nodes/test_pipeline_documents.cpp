// Pipeline documents, data-driven: every `pipelines/<case>.json` is loaded and validated
// against the built-in kinds and must give exactly the diagnostics of `<case>.expected`
// ("ok" for none); the valid ones (and the samples) survive load -> save -> load -> save
// byte for byte; `tributary-cli validate` agrees, with exit code 1 on any problem.
#include <QtTest>

#include <QDir>
#include <QProcess>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "nodes/catalogue.h"
#include "pipeline/compiler.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"

using namespace tributary;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

QStringList diagnostics_of(const fs::path& file) {
  const auto& kinds = nodes::builtin_kinds();
  auto load = pipeline::load_pipeline_file(file, kinds);
  QStringList out;
  for (const auto& d : load.diagnostics) out << QString::fromStdString(d.text());
  if (load.pipeline.nodes.empty() && !load.diagnostics.empty()) return out;
  auto v = pipeline::validate_pipeline(load.pipeline, kinds, file.parent_path(), load.diagnostics);
  for (const auto& d : v.diagnostics) out << QString::fromStdString(d.text());
  // compile-*.json cases are valid documents whose problems show when they are compiled.
  if (out.isEmpty() && file.filename().string().rfind("compile-", 0) == 0) {
    const auto c = pipeline::compile_pipeline(load.pipeline, v, kinds, file.parent_path());
    for (const auto& d : c.diagnostics) out << QString::fromStdString(d.text());
  }
  return out.replaceInStrings(TRIBUTARY_CASES, "<cases>");
}

QStringList cases(const char* dir) {
  QStringList out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".json") out << QString::fromStdString(e.path().string());
  }
  out.sort();
  return out;
}

}  // namespace

class TestPipelineDocuments : public QObject {
  Q_OBJECT
 private slots:
  void diagnostics_data() {
    QTest::addColumn<QString>("file");
    for (const auto& f : cases(TRIBUTARY_CASES))
      QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
  }
  void diagnostics() {
    QFETCH(QString, file);
    const fs::path path = file.toStdString();
    fs::path expected_file = path;
    expected_file.replace_extension(".expected");
    const QStringList expected =
        QString::fromStdString(read_file(expected_file)).split('\n', Qt::SkipEmptyParts);
    QStringList got = diagnostics_of(path);
    if (got.isEmpty()) got << "ok";
    if (got != expected) qWarning("%s gives:\n%s", qPrintable(file), qPrintable(got.join('\n')));
    QCOMPARE(got, expected);
  }

  void saveIsCanonical_data() {
    QTest::addColumn<QString>("file");
    QStringList files = cases(TRIBUTARY_CASES).filter(QRegularExpression("/ok-[^/]*$"));
    if (QDir(TRIBUTARY_SAMPLES).exists()) files += cases(TRIBUTARY_SAMPLES);
    for (const auto& f : files) QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
  }
  void saveIsCanonical() {
    QFETCH(QString, file);
    const auto& kinds = nodes::builtin_kinds();
    auto first = pipeline::load_pipeline_file(file.toStdString(), kinds);
    QVERIFY(first.ok());
    const std::string once = pipeline::save_pipeline(first.pipeline);
    auto second = pipeline::load_pipeline(once, kinds);
    QVERIFY(second.ok());
    QCOMPARE(pipeline::save_pipeline(second.pipeline), once);
    // Two-space indent, stable key order: the format leads, then the version.
    QVERIFY(once.rfind("{\n  \"format\": \"tributary-pipeline\",\n  \"version\": 1,\n", 0) == 0);
  }

  void cliValidateReportsAndFails() {
    QProcess bad;
    bad.start(TRIBUTARY_CLI, {"validate", QString(TRIBUTARY_CASES) + "/graph-problems.json"});
    QVERIFY(bad.waitForFinished(30000));
    QCOMPARE(bad.exitCode(), 1);
    const QString err = bad.readAllStandardError();
    QVERIFY(err.contains("graph-problems.json: f: is part of a cycle"));
    QCOMPARE(err.count('\n'), 10);
    QProcess good;
    good.start(TRIBUTARY_CLI, {"validate", QString(TRIBUTARY_CASES) + "/ok-sessions.json"});
    QVERIFY(good.waitForFinished(30000));
    QCOMPARE(good.exitCode(), 0);
    QVERIFY(good.readAllStandardOutput().contains("ok (1 ingest task, 1 topic, 1 job)"));
    QProcess uncompilable;  // valid, but `run` would refuse it: so does validate
    uncompilable.start(TRIBUTARY_CLI,
                       {"validate", QString(TRIBUTARY_CASES) + "/compile-problems.json"});
    QVERIFY(uncompilable.waitForFinished(30000));
    QCOMPARE(uncompilable.exitCode(), 1);
    QVERIFY(uncompilable.readAllStandardError().contains("c: the inputs are not co-partitioned"));
    QProcess missing;
    missing.start(TRIBUTARY_CLI, {"validate", "/no/such/pipeline.json"});
    QVERIFY(missing.waitForFinished(30000));
    QCOMPARE(missing.exitCode(), 1);
    QVERIFY(missing.readAllStandardError().contains("cannot read /no/such/pipeline.json"));
  }

  void everyKindIsDeclaredCompletely() {
    for (const auto& k : nodes::builtin_kinds().kinds()) {
      QVERIFY2(!k->title.empty() && !k->help.empty(), k->id.c_str());
      QVERIFY2(k->output_schema != nullptr, k->id.c_str());
      for (const auto& p : k->params) {
        QVERIFY2(!p.help.empty(), (k->id + "." + p.name).c_str());
        QVERIFY2(!(p.required && !p.default_value.is_null()), (k->id + "." + p.name).c_str());
      }
    }
    QCOMPARE(nodes::builtin_kinds().kinds().size(),
             28u);  // 5 sources, topic, 4 windows, 7 transforms, 4 ML, 7 sinks
  }

  // A list of objects declares the keys of its objects (for the inspector's table), and the
  // loader agrees with the declaration: an object with every declared key and a value of its
  // type loads, one without a required key or with an undeclared one does not.
  void listsOfObjectsDeclareTheirKeys() {
    using pipeline::ParamType;
    int lists = 0;
    for (const auto& k : nodes::builtin_kinds().kinds()) {
      for (const auto& p : k->params) {
        const std::string where = k->id + "." + p.name;
        const bool list = p.type == ParamType::aggregates || p.type == ParamType::map_fields;
        QVERIFY2(list != p.item_fields.empty(), where.c_str());
        if (!list) continue;
        ++lists;
        nlohmann::json full = nlohmann::json::object();
        for (const auto& f : p.item_fields) {
          QVERIFY2(!f.help.empty(), (where + "." + f.name).c_str());
          QVERIFY2((f.type == ParamType::choice) != f.choices.empty(),
                   (where + "." + f.name).c_str());
          full[f.name] = f.type == ParamType::choice ? f.choices.back() : std::string("x");
        }
        const auto load_error = [&](const nlohmann::json& item) {
          nlohmann::json doc = {
              {"format", "tributary-pipeline"},
              {"version", 1},
              {"nodes", {{{"id", "n"}, {"kind", k->id}, {"params", {{p.name, {item}}}}}}}};
          QStringList out;
          for (const auto& d :
               pipeline::load_pipeline(doc.dump(), nodes::builtin_kinds()).diagnostics) {
            if (d.where == "n." + p.name) out << QString::fromStdString(d.text());
          }
          return out.join(QLatin1Char('|'));
        };
        QCOMPARE(load_error(full), QString());
        for (const auto& f : p.item_fields) {
          if (f.type != ParamType::choice) continue;
          for (const auto& c : f.choices) {
            nlohmann::json item = full;
            item[f.name] = c;
            QCOMPARE(load_error(item), QString());
          }
        }
        for (const auto& f : p.item_fields) {
          if (!f.required) continue;
          nlohmann::json item = full;
          item.erase(f.name);
          QVERIFY2(!load_error(item).isEmpty(), (where + " without " + f.name).c_str());
        }
        nlohmann::json extra = full;
        extra["undeclared"] = "x";
        QVERIFY2(!load_error(extra).isEmpty(), where.c_str());
      }
    }
    QCOMPARE(lists, 6);  // transform.map, transform.aggregate, the four windows
  }
};

QTEST_GUILESS_MAIN(TestPipelineDocuments)
#include "test_pipeline_documents.moc"
