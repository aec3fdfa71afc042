// What the job tests share: a job's output files, a data dir, and job_runner started as a
// process that is killed at random moments (TRIBUTARY_JOB_RUNNER is its path).
#pragma once

#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "log/log_manager.h"

namespace tributary::testing {
namespace fs = std::filesystem;

inline std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The job's output files (parts and dead letters) by name.
inline std::map<std::string, std::string> outputs(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    out[e.path().filename().string()] = read_all(e.path());
  return out;
}

inline std::unique_ptr<log::LogManager> open_logs(const fs::path& dir,
                                                  log::Access access = log::Access::owner) {
  log::LogManager::Options o;
  o.data_dir = dir;
  o.access = access;
  auto m = log::LogManager::open(o);
  if (!m.ok()) qFatal("%s", m.status().message().c_str());
  return std::move(m).value();
}

// A file of `outputs()`, empty when the job never created it (no row, no dead letter).
inline std::string file_text(const std::map<std::string, std::string>& files,
                             const std::string& name) {
  const auto it = files.find(name);
  return it == files.end() ? std::string() : it->second;
}

inline int count_lines(const std::string& s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

// Runs job_runner once over `data`; kills it with SIGKILL after `kill_after_ms` (if >= 0).
// Returns its exit code, or -1 when it was killed (by us or by a failpoint).
inline int run_job_runner(const fs::path& data, const fs::path& sink, const fs::path& checkpoint,
                          const QStringList& extra, const QStringList& env, int kill_after_ms) {
  QProcess p;
  QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
  for (const auto& kv : env) e.insert(kv.section('=', 0, 0), kv.section('=', 1));
  p.setProcessEnvironment(e);
  p.start(QStringLiteral(TRIBUTARY_JOB_RUNNER),
          QStringList{QString::fromStdString(data.string()), QString::fromStdString(sink.string()),
                      QString::fromStdString(checkpoint.string())} +
              extra);
  if (!p.waitForStarted()) return -2;
  if (kill_after_ms >= 0 && !p.waitForFinished(kill_after_ms)) {
    p.kill();
    p.waitForFinished();
    return -1;
  }
  p.waitForFinished(120000);
  if (p.exitStatus() != QProcess::NormalExit) return -1;
  if (p.exitCode() != 0) qWarning("job_runner: %s", p.readAllStandardError().constData());
  return p.exitCode();
}

// Runs `run(env, kill_after)` until it completes, killing it at a random failpoint or after
// a random delay each time until `min_kills` kills are in. Returns the kills, -1 on failure.
inline int crash_until_done(QRandomGenerator& rng, int min_kills, int& kills,
                            const std::function<int(const QStringList&, int)>& run) {
  const char* points[] = {"after_offset_log", "after_sink_write", "before_commit", "after_commit"};
  for (int attempt = 0; attempt < 500; ++attempt) {
    // Once enough kills are in, the next run may finish: on a slow (sanitized) build each
    // killed run gets only a few batches done.
    QStringList env;
    int kill_after = -1;
    if (kills >= min_kills) {
    } else if (attempt % 2 == 0) {
      env << QString("TRIBUTARY_FAILPOINT=%1:%2")
                 .arg(points[rng.bounded(4)])
                 .arg(1 + rng.bounded(3));
    } else {
      kill_after = 5 + static_cast<int>(rng.bounded(120));
    }
    const int rc = run(env, kill_after);
    if (rc == -1) {
      ++kills;
      continue;
    }
    return rc == 0 ? kills : -1;
  }
  return -1;
}

}  // namespace tributary::testing
