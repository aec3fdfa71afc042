// The `tributary` desktop designer: settings, language, theme, then the main window, opening
// the pipeline named on the command line if any.
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "ui/app_settings.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/run/engine_controller.h"
#include "ui/run/run_controls.h"
#include "ui/window/main_window.h"
#include "ui/window/start_page.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Tributary"));
  QApplication::setApplicationName(QStringLiteral("Tributary"));
  QApplication::setApplicationVersion(QStringLiteral(TRIBUTARY_VERSION));
  QApplication::setWindowIcon(tributary::ui::appIcon());

  // The chosen language, else the system's; English needs no translator.
  const QString chosen = tributary::ui::settings::language();
  const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
  QTranslator qtTranslator, appTranslator;
  if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QApplication::installTranslator(&qtTranslator);
  }
  if (appTranslator.load(locale, QStringLiteral("tributary"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(&appTranslator);
  }
  tributary::ui::applyTheme(tributary::ui::settings::theme());

  QCommandLineParser parser;
  // Command-line help stays in English, like tributary-cli's.
  parser.setApplicationDescription(QStringLiteral("Designer for streaming pipelines"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("pipeline"),
                               QStringLiteral("A pipeline file to open."));
  const QCommandLineOption sample(
      QStringLiteral("sample"), QStringLiteral("Open a copy of a sample pipeline (e.g. iot-sensors)."),
      QStringLiteral("name"));
  const QCommandLineOption run(QStringLiteral("run"),
                               QStringLiteral("Run the pipeline once it is open."));
  const QCommandLineOption speed(
      QStringLiteral("speed"),
      QStringLiteral("Replay speed of the sources: 1, 10, 100 (times real time) or 0 (max)."),
      QStringLiteral("x"));
  const QCommandLineOption select(QStringLiteral("select"),
                                  QStringLiteral("Select a node once open (the inspector shows it)."),
                                  QStringLiteral("node"));
  parser.addOption(sample);
  parser.addOption(run);
  parser.addOption(select);
  parser.addOption(speed);
  parser.process(app);

  tributary::ui::MainWindow window;
  window.show();
  bool opened = false;
  if (parser.isSet(sample))
    opened = window.openSample(tributary::ui::StartPage::samplesDir() + QLatin1Char('/') +
                               parser.value(sample));
  else if (!parser.positionalArguments().isEmpty())
    opened = window.openFile(parser.positionalArguments().front());
  if (opened && parser.isSet(select)) window.setSelectedNodes({parser.value(select)});
  if (parser.isSet(speed)) {
    auto* box = window.runControls()->speedBox();
    const int at = box->findData(parser.value(speed).toDouble());
    if (at >= 0) box->setCurrentIndex(at);
  }
  if (opened && parser.isSet(run)) {
    // A sample opens as a fresh copy: its run starts from nothing too, not from the
    // checkpoints of an earlier run of it (which would have nothing left to do).
    if (parser.isSet(sample)) window.engine()->resetState();
    window.runControls()->runAction()->trigger();
  }
  return QApplication::exec();
}
