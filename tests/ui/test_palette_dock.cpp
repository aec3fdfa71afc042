// The palette: every catalogue kind under its category, the search box filters, a
// double-click adds the kind through the document (one undo step, at a free place), and a
// drag carries the kind id.
#include <QtTest>

#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QUndoStack>

#include "nodes/catalogue.h"
#include "ui/docks/palette_dock.h"
#include "ui/document/pipeline_document.h"
#include "ui/kind_titles.h"

using namespace tributary;
using ui::PaletteDock;
using ui::PipelineDocument;

namespace {

QTreeWidgetItem* itemOf(QTreeWidget* tree, const QString& kind) {
  for (int g = 0; g < tree->topLevelItemCount(); ++g) {
    auto* group = tree->topLevelItem(g);
    for (int i = 0; i < group->childCount(); ++i) {
      if (group->child(i)->data(0, Qt::UserRole).toString() == kind) return group->child(i);
    }
  }
  return nullptr;
}

QStringList visibleKinds(QTreeWidget* tree) {
  QStringList out;
  for (int g = 0; g < tree->topLevelItemCount(); ++g) {
    auto* group = tree->topLevelItem(g);
    for (int i = 0; i < group->childCount(); ++i) {
      auto* item = group->child(i);
      if (!group->isHidden() && !item->isHidden()) out << item->data(0, Qt::UserRole).toString();
    }
  }
  return out;
}

}  // namespace

class TestPaletteDock : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
    QCoreApplication::setApplicationName(QStringLiteral("PaletteTest"));
  }

  void listsEveryKindByCategory() {
    PipelineDocument doc;
    PaletteDock dock(&doc);
    const auto& kinds = nodes::builtin_kinds().kinds();
    QCOMPARE(int(visibleKinds(dock.tree()).size()), int(kinds.size()));
    QSet<QString> categories;
    for (const auto& k : kinds) {
      auto* item = itemOf(dock.tree(), QString::fromStdString(k->id));
      QVERIFY2(item, k->id.c_str());
      QCOMPARE(item->text(0), QString::fromStdString(k->title));
      QCOMPARE(item->parent()->data(0, Qt::UserRole + 1).toString(),
               QString::fromStdString(k->category));
      QVERIFY(!item->icon(0).isNull());
      categories << QString::fromStdString(k->category);
    }
    QCOMPARE(dock.tree()->topLevelItemCount(), int(categories.size()));
    // Each category has its SVG icon in the resources (drawn by Qt's svg plugin if present).
    for (const QString& c : categories) {
      QVERIFY2(QFile::exists(QStringLiteral(":/icons/%1.svg").arg(c)), qPrintable(c));
    }
    QVERIFY(QFile::exists(QStringLiteral(":/icons/tributary.svg")));
  }

  void everyTitleIsTranslatable() {
    // A kind added to the catalogue needs its title in ui/kind_titles.cpp for lupdate.
    const QStringList listed = ui::translatableKindTitles();
    for (const auto& k : nodes::builtin_kinds().kinds()) {
      QVERIFY2(listed.contains(QString::fromStdString(k->title)), k->title.c_str());
    }
  }

  void searchFilters() {
    PipelineDocument doc;
    PaletteDock dock(&doc);
    QTest::keyClicks(dock.searchBox(), QStringLiteral("tumbl"));
    const QStringList shown = visibleKinds(dock.tree());
    QVERIFY(shown.contains(QStringLiteral("window.tumbling")));
    QVERIFY(!shown.contains(QStringLiteral("sink.csv")));
    for (const QString& id : shown) {
      const auto* k = nodes::builtin_kinds().find(id.toStdString());
      QVERIFY((k->id + k->title + k->help).find("umbl") != std::string::npos);
    }
    dock.searchBox()->clear();
    QCOMPARE(int(visibleKinds(dock.tree()).size()), int(nodes::builtin_kinds().kinds().size()));
    QTest::keyClicks(dock.searchBox(), QStringLiteral("no such kind at all"));
    QVERIFY(visibleKinds(dock.tree()).isEmpty());
  }

  void doubleClickAddsUndoably() {
    PipelineDocument doc;
    PaletteDock dock(&doc);
    dock.resize(300, 900);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QSignalSpy added(&dock, &PaletteDock::nodeAdded);
    auto* item = itemOf(dock.tree(), QStringLiteral("transform.filter"));
    dock.tree()->scrollToItem(item);
    const QPoint at = dock.tree()->visualItemRect(item).center();
    // A double-click is a click, then the double-click event (Qt 6.4's mouseDClick alone
    // does not press first).
    auto doubleClick = [&] {
      QTest::mouseClick(dock.tree()->viewport(), Qt::LeftButton, {}, at);
      QTest::mouseDClick(dock.tree()->viewport(), Qt::LeftButton, {}, at);
    };
    doubleClick();
    QCOMPARE(int(added.size()), 1);
    QCOMPARE(doc.pipeline().nodes.size(), std::size_t(1));
    QCOMPARE(doc.pipeline().nodes[0].kind, std::string("transform.filter"));
    QCOMPARE(doc.undoStack()->count(), 1);

    // A second one goes elsewhere, not on top of the first.
    doubleClick();
    QCOMPARE(doc.pipeline().nodes.size(), std::size_t(2));
    QVERIFY(doc.nodePosition(QString::fromStdString(doc.pipeline().nodes[0].id)) !=
            doc.nodePosition(QString::fromStdString(doc.pipeline().nodes[1].id)));

    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QVERIFY(doc.pipeline().nodes.empty());
  }

  void dragCarriesTheKind() {
    PipelineDocument doc;
    PaletteDock dock(&doc);
    auto* item = itemOf(dock.tree(), QStringLiteral("sink.csv"));
    QVERIFY(item);
    const QModelIndex index = dock.tree()->indexFromItem(item);
    std::unique_ptr<QMimeData> data(dock.tree()->model()->mimeData({index}));
    QVERIFY(data);
    QVERIFY(data->hasFormat(QStringLiteral("application/x-tributary-node-kind")));
    QCOMPARE(data->data(QStringLiteral("application/x-tributary-node-kind")),
             QByteArray("sink.csv"));
    QVERIFY(dock.tree()->dragEnabled());
  }
};

QTEST_MAIN(TestPaletteDock)
#include "test_palette_dock.moc"
