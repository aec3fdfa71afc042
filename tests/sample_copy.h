// A sample of samples/ copied into a test's folder, so that a run or a save never writes into
// the source tree: the UI tests and the sample runs share this one helper.
#pragma once

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QString>

// Copies the files of sample `name` (with its sub-folders, but not the `out/` folder of an
// earlier run in the tree) into `dir`, which it creates, writable by the owner. Returns the
// copy's pipeline.json, or an empty string when a file could not be copied.
inline QString copySample(const QString& name, const QString& dir) {
  const QDir from(QStringLiteral(TRIBUTARY_SAMPLES "/") + name);
  if (!from.exists()) return {};
  QDirIterator it(from.path(), QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString source = it.next();
    const QString relative = from.relativeFilePath(source);
    if (relative.startsWith(QLatin1String("out/"))) continue;
    const QString target = QDir(dir).filePath(relative);
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) return {};
    if (QFile::exists(target) && !QFile::remove(target)) return {};
    if (!QFile::copy(source, target)) return {};
    QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
  }
  return QDir(dir).filePath(QStringLiteral("pipeline.json"));
}
