// The German, French and Spanish translations are complete (no unfinished or empty entry,
// every plural form filled in), and the built .qm files are in the resources under :/i18n
// and translate the window.
#include <QtTest>

#include <QMenuBar>
#include <QTranslator>
#include <QUndoStack>
#include <QXmlStreamReader>

#include "quiet_main_window.h"
#include "ui/run/run_overlay.h"

class TestTranslations : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TranslationsTest"));
  }

  void complete_data() {
    QTest::addColumn<QString>("file");
    for (const char* lang : {"de", "fr", "es"}) {
      QTest::newRow(lang) << QStringLiteral(TRIBUTARY_TRANSLATIONS "/tributary_%1.ts").arg(lang);
    }
  }

  void complete() {
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    QXmlStreamReader xml(&f);
    int messages = 0;
    QStringList problems;
    QString source;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == QLatin1String("source")) {
        source = xml.readElementText();
      } else if (xml.name() == QLatin1String("translation")) {
        ++messages;
        const QString type = xml.attributes().value(QLatin1String("type")).toString();
        if (type == QLatin1String("obsolete") || type == QLatin1String("vanished")) {
          xml.skipCurrentElement();
          continue;
        }
        if (type == QLatin1String("unfinished"))
          problems << QStringLiteral("unfinished: ") + source;
        // Plural forms are <numerusform> children; a plain message is the element's text.
        QStringList forms;
        QString plain;
        while (!(xml.isEndElement() && xml.name() == QLatin1String("translation"))) {
          xml.readNext();
          if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
            forms << xml.readElementText();
          } else if (xml.isCharacters()) {
            plain += xml.text();
          }
        }
        if (forms.isEmpty()) forms << plain;
        if (forms.isEmpty() || std::any_of(forms.begin(), forms.end(), [](const QString& s) {
              return s.trimmed().isEmpty();
            })) {
          problems << QStringLiteral("empty: ") + source;
        }
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 100);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  void embeddedAndUsed() {
    for (const char* lang : {"de", "fr", "es"}) {
      QTranslator t;
      QVERIFY2(t.load(QStringLiteral(":/i18n/tributary_%1.qm").arg(lang)), lang);
      QVERIFY(!t.isEmpty());
    }
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n/tributary_de.qm")));
    QCoreApplication::installTranslator(&german);
    {
      QuietMainWindow window;
      QStringList menus;
      for (auto* a : window.menuBar()->actions()) menus << a->text();
      QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(", ")));
      // The catalogue's kind titles (ui/kind_titles.cpp) too.
      QCOMPARE(QCoreApplication::translate("tributary::ui::NodeKinds", "Replay a file"),
               QStringLiteral("Datei abspielen"));
      // The run overlay's texts on the cards, in a context of their own.
      QCOMPARE(tributary::ui::RunOverlay::modelHeadline(R"({"model":"logreg","accuracy":0.5})"),
               QStringLiteral("Genauigkeit 50.0%"));
      QCOMPARE(QCoreApplication::translate("RunOverlay", "wm %1"), QStringLiteral("WM %1"));
      // The document's undo texts are translated too.
      window.document()->addNode(QStringLiteral("transform.filter"), QPointF(0, 0));
      QVERIFY2(!window.document()->undoStack()->text(0).startsWith(QStringLiteral("Add")),
               qPrintable(window.document()->undoStack()->text(0)));
    }
    QCoreApplication::removeTranslator(&german);
  }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
