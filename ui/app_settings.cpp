#include "ui/app_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include "broker/broker.h"

namespace tributary::ui::settings {
namespace {

constexpr auto kLanguage = "ui/language";
constexpr auto kTheme = "ui/theme";
constexpr auto kDataDirectory = "files/dataDirectory";
constexpr auto kRecentFiles = "files/recent";
constexpr auto kKafkaListen = "kafka/listen";
constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";

}  // namespace

QString language() {
  return QSettings().value(kLanguage).toString();
}

void setLanguage(const QString& code) {
  QSettings().setValue(kLanguage, code);
}

QStringList languages() {
  return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("es")};
}

QString theme() {
  const QString t = QSettings().value(kTheme).toString();
  return t == QLatin1String("dark") ? t : QStringLiteral("light");
}

void setTheme(const QString& theme) {
  QSettings().setValue(kTheme, theme);
}

QString dataDirectory() {
  const QString stored = QSettings().value(kDataDirectory).toString();
  if (!stored.isEmpty()) return stored;
  return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
      .filePath(QStringLiteral("Tributary"));
}

void setDataDirectory(const QString& path) {
  QSettings().setValue(kDataDirectory, path);
}

QString kafkaListen() {
  const QString stored = QSettings().value(kKafkaListen).toString();
  return isListenAddress(stored) ? stored : QStringLiteral("127.0.0.1:9092");
}

void setKafkaListen(const QString& address) {
  QSettings().setValue(kKafkaListen, address);
}

bool isListenAddress(const QString& address) {
  broker::BrokerOptions options;
  // Port 0 (any free port) is no address a client could be told in advance.
  return broker::set_listen_address(options, address.toStdString()).ok() && options.port != 0;
}

QStringList recentFiles() {
  QStringList out;
  for (const QString& f : QSettings().value(kRecentFiles).toStringList()) {
    if (QFileInfo::exists(f) && !out.contains(f)) out << f;
  }
  return out.mid(0, kMaxRecentFiles);
}

void addRecentFile(const QString& path) {
  QStringList files = recentFiles();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  files.removeAll(absolute);
  files.prepend(absolute);
  QSettings().setValue(kRecentFiles, files.mid(0, kMaxRecentFiles));
}

void clearRecentFiles() {
  QSettings().remove(kRecentFiles);
}

QByteArray windowGeometry() {
  return QSettings().value(kGeometry).toByteArray();
}

QByteArray windowState() {
  return QSettings().value(kState).toByteArray();
}

void setWindowLayout(const QByteArray& geometry, const QByteArray& state) {
  QSettings s;
  s.setValue(kGeometry, geometry);
  s.setValue(kState, state);
}

}  // namespace tributary::ui::settings
