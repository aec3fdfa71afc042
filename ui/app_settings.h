// The designer's settings in one place: every QSettings key it reads or writes, with the
// defaults, so that the preferences dialog, the main window and main() agree.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace tributary::ui::settings {

// "" follows the system's language; otherwise "en", "de", "fr" or "es".
QString language();
void setLanguage(const QString& code);
// The languages the designer ships translations for, as ISO 639-1 codes.
QStringList languages();

// "light" or "dark".
QString theme();
void setTheme(const QString& theme);

// Where new pipelines and their data go by default (a folder in the user's documents).
QString dataDirectory();
void setDataDirectory(const QString& path);

// Where the embedded Kafka broker listens (host:port).
QString kafkaListen();
void setKafkaListen(const QString& address);
// Whether `address` is host:port with a port from 1 to 65535.
bool isListenAddress(const QString& address);

// Most recent first, at most kMaxRecentFiles, only files that still exist.
inline constexpr int kMaxRecentFiles = 8;
QStringList recentFiles();
void addRecentFile(const QString& path);
void clearRecentFiles();

// The main window's geometry and dock layout (QMainWindow::saveState).
QByteArray windowGeometry();
QByteArray windowState();
void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

}  // namespace tributary::ui::settings
