// The `tributary` desktop designer: settings, language, theme, then the main window, opening
// the pipeline named on the command line if any.
#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "ui/app_settings.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/window/main_window.h"

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
  parser.process(app);

  tributary::ui::MainWindow window;
  window.show();
  if (!parser.positionalArguments().isEmpty())
    window.openFile(parser.positionalArguments().front());
  return QApplication::exec();
}
