// The problems dock lists every diagnostic of the document, follows its changes, and a click
// on a problem about a node asks for that node (the main window then selects it).
#include <QtTest>

#include <QTreeWidget>

#include "quiet_main_window.h"
#include "ui/docks/inspector_dock.h"
#include "ui/docks/problems_dock.h"
#include "ui/document/pipeline_document.h"

using namespace tributary;
using ui::PipelineDocument;
using ui::ProblemsDock;

namespace {

QStringList listed(QTreeWidget* list) {
  QStringList out;
  for (int i = 0; i < list->topLevelItemCount(); ++i) {
    auto* item = list->topLevelItem(i);
    out << (item->text(0).isEmpty() ? item->text(1) : item->text(0) + ": " + item->text(1));
  }
  return out;
}

QStringList diagnostics(const PipelineDocument& doc) {
  QStringList out;
  for (const auto& d : doc.diagnostics()) out << QString::fromStdString(d.text());
  return out;
}

}  // namespace

class TestProblemsDock : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
    QCoreApplication::setApplicationName(QStringLiteral("ProblemsDockTest"));
  }

  void listsAllLive() {
    PipelineDocument doc;
    ProblemsDock dock(&doc);
    QVERIFY(listed(dock.list()).isEmpty());
    doc.addNode(QStringLiteral("transform.filter"), QPointF(0, 0));
    QVERIFY(!doc.diagnostics().empty());
    QCOMPARE(listed(dock.list()), diagnostics(doc));
    doc.addNode(QStringLiteral("sink.csv"), QPointF(200, 0));
    QCOMPARE(listed(dock.list()), diagnostics(doc));
    doc.newPipeline();
    QVERIFY(listed(dock.list()).isEmpty());
  }

  void clickSelectsTheNode() {
    QuietMainWindow window;
    window.show();
    QVERIFY(window.newFile());
    auto* doc = window.document();
    const QString id = doc->addNode(QStringLiteral("transform.filter"), QPointF(0, 0));
    auto* list = window.problemsDock()->list();
    QVERIFY(list->topLevelItemCount() > 0);
    QSignalSpy activated(window.problemsDock(), &ProblemsDock::nodeActivated);
    auto* item = list->topLevelItem(0);
    QCOMPARE(ProblemsDock::nodeOf(*doc, item->text(0)), id);
    list->scrollToItem(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
    QCOMPARE(int(activated.size()), 1);
    QCOMPARE(activated.front().front().toString(), id);
    QCOMPARE(window.selectedNodes(), QStringList{id});
    QCOMPARE(window.inspectorDock()->nodeId(), id);
  }
};

QTEST_MAIN(TestProblemsDock)
#include "test_problems_dock.moc"
