// Runs tributary-cli as a user would, and captures what it prints.
#pragma once

#include <QProcess>
#include <QStringList>

struct CliRun {
  int exit_code = -1;
  QByteArray out;
  QByteArray err;
};

inline CliRun run_cli(const QStringList& args, const QByteArray& input = {}, int timeout_ms = 60000) {
  QProcess p;
  p.start(QStringLiteral(TRIBUTARY_CLI), args);
  if (!p.waitForStarted()) return {};
  if (!input.isEmpty()) p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished();
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
          p.readAllStandardError()};
}
