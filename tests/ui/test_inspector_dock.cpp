// The inspector: one editor per ParamType, generated from the kind's descriptors; typing and
// spinning reach the model through the document, each edit one undo step; an expression that
// does not type-check says why while it is typed; field pickers list the upstream fields.
#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>

#include "ui/docks/expression_edit.h"
#include "ui/docks/inspector_dock.h"
#include "ui/docks/object_list_editor.h"
#include "ui/docks/param_editors.h"
#include "ui/document/pipeline_document.h"

using namespace tributary;
using pipeline::ParamType;
using ui::InspectorDock;
using ui::ParamEditor;
using ui::PipelineDocument;

namespace {

const QString kCsvEtl = QStringLiteral(TRIBUTARY_SAMPLES "/csv-etl/pipeline.json");

std::string paramOf(const PipelineDocument& doc, const char* node, const char* name) {
  const auto* n = doc.node(QString::fromLatin1(node));
  if (!n || !n->params.contains(name)) return "<absent>";
  return n->params.at(name).dump();
}

}  // namespace

class TestInspectorDock : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
    QCoreApplication::setApplicationName(QStringLiteral("InspectorTest"));
  }

  void editorPerParamType_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("widget");
    QTest::newRow("string") << int(ParamType::string) << "QLineEdit";
    QTest::newRow("integer") << int(ParamType::integer) << "QSpinBox";
    QTest::newRow("number") << int(ParamType::number) << "QDoubleSpinBox";
    QTest::newRow("boolean") << int(ParamType::boolean) << "QCheckBox";
    QTest::newRow("choice") << int(ParamType::choice) << "QComboBox";
    QTest::newRow("string_list") << int(ParamType::string_list) << "QLineEdit";
    QTest::newRow("field") << int(ParamType::field) << "QComboBox";
    QTest::newRow("field_list") << int(ParamType::field_list) << "QListWidget";
    QTest::newRow("expression") << int(ParamType::expression) << "tributary::ui::ExpressionEdit";
    QTest::newRow("expression_list") << int(ParamType::expression_list) << "QPlainTextEdit";
    QTest::newRow("aggregates") << int(ParamType::aggregates) << "QPlainTextEdit";
    QTest::newRow("map_fields") << int(ParamType::map_fields) << "QPlainTextEdit";
    QTest::newRow("fields") << int(ParamType::fields) << "QPlainTextEdit";
    QTest::newRow("path") << int(ParamType::path) << "QToolButton";
  }

  void editorPerParamType() {
    QFETCH(int, type);
    QFETCH(QString, widget);
    pipeline::ParamSpec spec;
    spec.name = "p";
    spec.type = ParamType(type);
    spec.min = 1;
    spec.max = 50;
    spec.choices = {"first", "second"};
    std::unique_ptr<ParamEditor> editor(ui::createParamEditor(spec, "transform", QString()));
    bool found = false;
    for (auto* child : editor->findChildren<QWidget*>()) {
      found = found || widget == QLatin1String(child->metaObject()->className());
    }
    QVERIFY2(found, qPrintable(widget));
    if (spec.type == ParamType::integer) {
      auto* spin = editor->findChild<QSpinBox*>();
      QCOMPARE(spin->minimum(), 1);
      QCOMPARE(spin->maximum(), 50);
    }
    if (spec.type == ParamType::choice) {
      auto* combo = editor->findChild<QComboBox*>();
      QCOMPARE(combo->count(), 2);
      QVERIFY(!combo->isEditable());
    }
    if (spec.type == ParamType::field) QVERIFY(editor->findChild<QComboBox*>()->isEditable());
  }

  void wideIntegersStayExact() {
    pipeline::ParamSpec spec;
    spec.name = "retention_ms";
    spec.type = ParamType::integer;
    spec.min = -1;
    std::unique_ptr<ParamEditor> editor(ui::createParamEditor(spec, "topic", QString()));
    nlohmann::json edited;
    editor->onEdited([&](const nlohmann::json& v) { edited = v; });
    editor->setValue(nlohmann::json(std::int64_t{2592000000}));  // 30 days in ms
    QVERIFY(edited.is_null());  // showing a value is not an edit
    auto* spin = editor->findChild<QDoubleSpinBox*>();
    QVERIFY(spin);
    QCOMPARE(spin->value(), 2592000000.0);
    spin->setValue(2592000001.0);
    QCOMPARE(edited, nlohmann::json(std::int64_t{2592000001}));
    QVERIFY(edited.is_number_integer());
  }

  void formFollowsTheKind() {
    PipelineDocument doc;
    QCOMPARE(doc.open(kCsvEtl), QString());
    InspectorDock dock(&doc);
    dock.setSelectedNodes({QStringLiteral("trips")});
    QCOMPARE(dock.nodeId(), QStringLiteral("trips"));
    const auto* kind = doc.kinds().find("source.replay");
    for (const auto& p : kind->params) {
      auto* editor = dock.editor(QString::fromStdString(p.name));
      QVERIFY2(editor, p.name.c_str());
      QCOMPARE(editor->toolTip(), QString::fromStdString(p.help));
    }
    // Help text is shown under the editors.
    bool helpShown = false;
    for (auto* label : dock.findChildren<QLabel*>()) {
      helpShown = helpShown || label->text() == QString::fromStdString(kind->params[0].help);
    }
    QVERIFY(helpShown);
    dock.setSelectedNodes({QStringLiteral("trips"), QStringLiteral("plausible")});
    QCOMPARE(dock.nodeId(), QString());
  }

  void typingIsOneUndoStep() {
    PipelineDocument doc;
    QCOMPARE(doc.open(kCsvEtl), QString());
    InspectorDock dock(&doc);
    dock.show();
    dock.setSelectedNodes({QStringLiteral("plausible")});
    auto* edit = dock.editor(QStringLiteral("expr"))->findChild<ui::ExpressionEdit*>();
    QVERIFY(edit);
    const std::string before = paramOf(doc, "plausible", "expr");
    edit->lineEdit()->setFocus();
    edit->lineEdit()->end(false);
    QTest::keyClicks(edit->lineEdit(), QStringLiteral(" and fare > 6"));
    QCOMPARE(paramOf(doc, "plausible", "expr"),
             std::string("\"fare >= 5 and fare < 40 and fare > 6\""));
    QCOMPARE(edit->errorText(), QString());
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(paramOf(doc, "plausible", "expr"), before);
    // The form follows the undo.
    QCOMPARE(edit->text(), QStringLiteral("fare >= 5 and fare < 40"));
  }

  void spinBoxAndRename() {
    PipelineDocument doc;
    QCOMPARE(doc.open(kCsvEtl), QString());
    InspectorDock dock(&doc);
    dock.show();
    dock.setSelectedNodes({QStringLiteral("trips")});
    QString intParam;
    for (const auto& p : doc.kinds().find("source.replay")->params) {
      if (p.type == ParamType::integer || p.type == ParamType::number) {
        intParam = QString::fromStdString(p.name);
        break;
      }
    }
    QVERIFY(!intParam.isEmpty());
    auto* editor = dock.editor(intParam);
    if (auto* spin = editor->findChild<QSpinBox*>()) {
      spin->setValue(spin->value() + 3);
    } else {
      auto* dspin = editor->findChild<QDoubleSpinBox*>();
      dspin->setValue(dspin->value() + 3);
    }
    QCOMPARE(doc.undoStack()->count(), 1);
    const auto* n = doc.node(QStringLiteral("trips"));
    QVERIFY(n->params.contains(intParam.toStdString()));

    dock.labelEdit()->selectAll();
    QTest::keyClicks(dock.labelEdit(), QStringLiteral("Trips"));
    QCOMPARE(doc.node(QStringLiteral("trips"))->label, std::string("Trips"));
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QCOMPARE(doc.node(QStringLiteral("trips"))->label, std::string("trips.csv"));
    doc.undoStack()->undo();
    QCOMPARE(doc.undoStack()->index(), 0);
  }

  void expressionErrorWhileTyping() {
    PipelineDocument doc;
    QCOMPARE(doc.open(kCsvEtl), QString());
    InspectorDock dock(&doc);
    dock.show();
    dock.setSelectedNodes({QStringLiteral("plausible")});
    auto* edit = dock.editor(QStringLiteral("expr"))->findChild<ui::ExpressionEdit*>();
    edit->lineEdit()->selectAll();
    QTest::keyClicks(edit->lineEdit(), QStringLiteral("nosuchfield > 1"));
    QVERIFY(!edit->errorText().isEmpty());
    QVERIFY2(edit->errorText().contains(QStringLiteral("nosuchfield")),
             qPrintable(edit->errorText()));
    bool shown = false;
    for (auto* label : edit->findChildren<QLabel*>()) {
      shown = shown || (label->isVisible() && label->text() == edit->errorText());
    }
    QVERIFY(shown);
    // Fixing it clears the error, still while typing.
    edit->lineEdit()->selectAll();
    QTest::keyClicks(edit->lineEdit(), QStringLiteral("fare > 1"));
    QCOMPARE(edit->errorText(), QString());
  }

  // transform.aggregate's aggregates as a table: a column per key its spec declares, a combo
  // box of functions, a picker of the upstream fields; each change one edit of the list.
  void aggregatesAsATable() {
    PipelineDocument doc;
    QCOMPARE(doc.open(kCsvEtl), QString());
    const QString agg = doc.addNode(QStringLiteral("transform.aggregate"), QPointF(300, 400));
    QVERIFY(!agg.isEmpty());
    const std::string id = agg.toStdString();
    QVERIFY(doc.setParam(agg, QStringLiteral("aggregates"),
                         nlohmann::json::parse(R"([{"fn": "count", "as": "n"}])")));
    QVERIFY(doc.connectPorts({"plausible", "out"}, {id, "in"}));
    const std::string before = paramOf(doc, id.c_str(), "aggregates");
    const int steps = doc.undoStack()->count();
    InspectorDock dock(&doc);
    dock.show();
    dock.setSelectedNodes({agg});
    auto* editor = qobject_cast<ui::ObjectListEditor*>(dock.editor(QStringLiteral("aggregates")));
    QVERIFY(editor);
    QVERIFY(editor->isTableShown());
    QTableWidget* table = editor->table();
    QVERIFY(table->isVisible());
    QCOMPARE(table->columnCount(), 3);
    QStringList headers;
    for (int c = 0; c < 3; ++c) headers << table->horizontalHeaderItem(c)->text();
    QCOMPARE(headers, (QStringList{"fn", "field", "as"}));
    QCOMPARE(table->rowCount(), 1);
    auto* fn = qobject_cast<QComboBox*>(table->cellWidget(0, 0));
    QVERIFY(fn && !fn->isEditable());
    QCOMPARE(fn->currentText(), QStringLiteral("count"));
    QCOMPARE(fn->count(), 8);  // the functions the spec declares
    auto* field = qobject_cast<QComboBox*>(table->cellWidget(0, 1));
    QVERIFY(field && field->isEditable());
    QVERIFY(field->findText(QStringLiteral("fare")) >= 0);  // the upstream fields
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("n"));

    // Add a row, then make it sum(fare) as total: the model follows each change.
    QVERIFY(editor->addButton()->isEnabled());
    editor->addButton()->click();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(paramOf(doc, id.c_str(), "aggregates"),
             nlohmann::json::parse(R"([{"fn": "count", "as": "n"},
                                       {"fn": "count", "as": "count"}])")
                 .dump());
    fn = qobject_cast<QComboBox*>(table->cellWidget(1, 0));
    fn->setCurrentIndex(fn->findText(QStringLiteral("sum")));
    qobject_cast<QComboBox*>(table->cellWidget(1, 1))->setCurrentText(QStringLiteral("fare"));
    table->item(1, 2)->setText(QStringLiteral("total"));
    QCOMPARE(paramOf(doc, id.c_str(), "aggregates"),
             nlohmann::json::parse(R"([{"fn": "count", "as": "n"},
                                       {"fn": "sum", "field": "fare", "as": "total"}])")
                 .dump());
    for (const auto& d : doc.diagnosticsOf(agg))
      QVERIFY2(d.where != id + ".aggregates", d.text().c_str());
    // Move it up, then remove the other row.
    QCOMPARE(table->currentRow(), 1);
    QVERIFY(editor->upButton()->isEnabled());
    QVERIFY(!editor->downButton()->isEnabled());
    editor->upButton()->click();
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("total"));
    table->setCurrentCell(1, 2);
    editor->removeButton()->click();
    QCOMPARE(paramOf(doc, id.c_str(), "aggregates"),
             nlohmann::json::parse(R"([{"fn": "sum", "field": "fare", "as": "total"}])").dump());
    QCOMPARE(table->rowCount(), 1);

    // The edits of one list merge into one undo step, as typing does; undo restores it.
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    doc.undoStack()->undo();
    QCOMPARE(paramOf(doc, id.c_str(), "aggregates"), before);
    QCOMPARE(table->rowCount(), 1);  // the table follows the undo
    QCOMPARE(qobject_cast<QComboBox*>(table->cellWidget(0, 0))->currentText(),
             QStringLiteral("count"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("n"));
    doc.undoStack()->redo();
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("total"));
  }

  // What the table cannot show opens as JSON text, still editable; the JSON toggle shows the
  // text of what the table shows too.
  void listsTheTableCannotShowAreJson() {
    PipelineDocument doc;
    QCOMPARE(doc.open(kCsvEtl), QString());
    InspectorDock dock(&doc);
    dock.show();
    dock.setSelectedNodes({QStringLiteral("distance")});
    auto* editor = qobject_cast<ui::ObjectListEditor*>(dock.editor(QStringLiteral("fields")));
    QVERIFY(editor);  // transform.map's computed fields
    QVERIFY(editor->isTableShown());
    QCOMPARE(editor->table()->item(0, 0)->text(), QStringLiteral("km"));
    QVERIFY(editor->table()->item(0, 1)->text().startsWith(QStringLiteral("round(")));
    QVERIFY(editor->table()->item(0, 1)->toolTip().contains(QStringLiteral("double")));
    editor->jsonButton()->click();
    QVERIFY(!editor->isTableShown());
    auto* text = editor->findChild<QPlainTextEdit*>();
    QVERIFY(text && text->isVisible());
    QVERIFY(text->toPlainText().contains(QStringLiteral("\"km\"")));
    editor->jsonButton()->click();
    QVERIFY(editor->isTableShown());

    // A key the spec does not declare: only the text can show it.
    QVERIFY(doc.setParam(QStringLiteral("distance"), QStringLiteral("fields"),
                         nlohmann::json::parse(R"([{"as": "km", "expr": "1", "note": "x"}])")));
    QVERIFY(!editor->isTableShown());
    QVERIFY(!editor->jsonButton()->isEnabled());
    // Fixed in the text, the table is back to offer.
    text->setPlainText(QStringLiteral(R"([{"as": "one", "expr": "1"}])"));
    QCOMPARE(paramOf(doc, "distance", "fields"),
             nlohmann::json::parse(R"([{"as": "one", "expr": "1"}])").dump());
    QVERIFY(editor->jsonButton()->isEnabled());
    QCOMPARE(editor->table()->item(0, 0)->text(), QStringLiteral("one"));
    editor->jsonButton()->click();
    QVERIFY(editor->isTableShown());
  }

  void fieldPickerListsUpstreamFields() {
    PipelineDocument doc;
    QCOMPARE(doc.open(kCsvEtl), QString());
    const QString chart = doc.addNode(QStringLiteral("sink.chart"), QPointF(300, 400));
    QVERIFY(!chart.isEmpty());
    QVERIFY(doc.connectPorts({"plausible", "out"}, {chart.toStdString(), "in"}));
    InspectorDock dock(&doc);
    dock.setSelectedNodes({chart});
    for (const char* f : {"trip_id", "fare", "ts"}) {
      QVERIFY2(dock.inputFields().contains(QString::fromLatin1(f)), f);
    }
    auto* combo = dock.editor(QStringLiteral("x"))->findChild<QComboBox*>();
    QVERIFY(combo->findText(QStringLiteral("fare")) >= 0);
    // Choosing one is an edit of the parameter.
    combo->setCurrentIndex(combo->findText(QStringLiteral("ts")));
    QCOMPARE(paramOf(doc, chart.toUtf8().constData(), "x"), std::string("\"ts\""));
  }
};

QTEST_MAIN(TestInspectorDock)
#include "test_inspector_dock.moc"
