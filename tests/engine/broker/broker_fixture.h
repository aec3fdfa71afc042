// A broker on a free loopback port over a fresh data directory, and kcat runs against it.
#pragma once

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "broker/broker.h"
#include "log/log_manager.h"

namespace tributary::testing {

struct BrokerFixture {
  QTemporaryDir dir;
  std::unique_ptr<log::LogManager> logs;
  std::unique_ptr<broker::Broker> broker;

  explicit BrokerFixture(broker::BrokerOptions options = {}) {
    log::LogManager::Options o;
    o.data_dir = dir.path().toStdString();
    auto opened = log::LogManager::open(o);
    if (!opened.ok()) qFatal("log: %s", opened.status().message().c_str());
    logs = std::move(*opened);
    options.port = 0;
    if (options.initial_rebalance_delay_ms == 3000) options.initial_rebalance_delay_ms = 100;
    auto started = broker::Broker::start(*logs, options);
    if (!started.ok()) qFatal("broker: %s", started.status().message().c_str());
    broker = std::move(*started);
  }
  ~BrokerFixture() {
    broker->stop();
    (void)logs->close();
  }
  QString bootstrap() const { return QString::fromStdString(broker->address()); }
};

inline QString kcat_path() {
  const QString path = QStandardPaths::findExecutable(QStringLiteral("kcat"));
  if (path.isEmpty()) qFatal("kcat is not installed (./tributary.sh test installs it)");
  return path;
}

struct KcatRun {
  int exit_code = -1;
  QByteArray out;
  QByteArray err;
};

// Runs kcat to completion with `input` on stdin.
inline KcatRun kcat(const QStringList& args, const QByteArray& input = {}, int timeout_ms = 30000) {
  QProcess p;
  p.start(kcat_path(), args);
  if (!p.waitForStarted()) qFatal("cannot start kcat");
  if (!input.isEmpty()) p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished();
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
          p.readAllStandardError()};
}

}  // namespace tributary::testing
