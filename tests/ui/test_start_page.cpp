// The start page lists the sample pipelines with their descriptions, and one click opens a
// copy of the sample (with its data files) in the user's data folder, never the original.
#include <QtTest>

#include <QCommandLinkButton>
#include <QStandardPaths>

#include "quiet_main_window.h"
#include "ui/window/start_page.h"

using tributary::ui::StartPage;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestStartPage : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
    QCoreApplication::setApplicationName(QStringLiteral("StartPageTest"));
    qputenv("TRIBUTARY_SAMPLES_DIR", TRIBUTARY_SAMPLES);
  }

  void listsSamplesWithDescriptions() {
    QCOMPARE(StartPage::samplesDir(), QStringLiteral(TRIBUTARY_SAMPLES));
    const auto samples = StartPage::samples(StartPage::samplesDir());
    const QStringList dirs =
        QDir(QStringLiteral(TRIBUTARY_SAMPLES))
            .entryList({QStringLiteral("*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    int withPipeline = 0;
    for (const auto& d : dirs) {
      withPipeline += QFile::exists(QStringLiteral(TRIBUTARY_SAMPLES "/") + d + "/pipeline.json");
    }
    QVERIFY(withPipeline >= 6);
    QCOMPARE(int(samples.size()), withPipeline);

    StartPage page;
    for (const auto& s : samples) {
      auto* card = page.findChild<QCommandLinkButton*>(QStringLiteral("sample:") +
                                                       QFileInfo(s.dir).fileName());
      QVERIFY2(card, qPrintable(s.dir));
      QCOMPARE(card->text(), s.name);
      QVERIFY(!s.description.isEmpty());
      QVERIFY(card->description().contains(s.description));
    }
    const auto etl = std::find_if(samples.begin(), samples.end(),
                                  [](const auto& s) { return s.dir.endsWith("csv-etl"); });
    QCOMPARE(etl->name, QStringLiteral("CSV ETL"));
    QVERIFY(etl->kinds.contains(QStringLiteral("transform.sql")));
  }

  void clickOpensACopy() {
    const QString original = QStringLiteral(TRIBUTARY_SAMPLES "/csv-etl/pipeline.json");
    const QByteArray before = readAll(original);
    QuietMainWindow window;
    window.show();
    QVERIFY(window.isStartPageShown());
    auto* card =
        window.startPage()->findChild<QCommandLinkButton*>(QStringLiteral("sample:csv-etl"));
    QVERIFY(card);
    QTest::mouseClick(card, Qt::LeftButton);
    QCOMPARE(window.errors, QStringList());
    QVERIFY(!window.isStartPageShown());
    const QString copyDir =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/samples/csv-etl";
    QCOMPARE(window.document()->filePath(), copyDir + "/pipeline.json");
    QCOMPARE(readAll(window.document()->filePath()), before);
    QVERIFY(QFile::exists(copyDir + "/trips.csv"));  // its data file too
    QCOMPARE(window.document()->node(QStringLiteral("plausible"))->kind,
             std::string("transform.filter"));
    // Edits and saves go to the copy.
    window.document()->renameNode(QStringLiteral("plausible"), QStringLiteral("Changed"));
    QVERIFY(window.saveFile());
    QCOMPARE(readAll(original), before);
    QDir(copyDir).removeRecursively();
  }
};

QTEST_MAIN(TestStartPage)
#include "test_start_page.moc"
