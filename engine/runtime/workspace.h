// The workspace: a SQLite file in the data dir that records every run — pipeline name and
// hash, start, end, status — and one progress row per micro-batch per job (input rows,
// rows/s, batch duration, stream time, lag). The app's charts and history view read it;
// `tributary-cli runs` prints it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

struct sqlite3;

namespace tributary::runtime {

struct RunRecord {
  std::int64_t id = 0;
  std::string pipeline;  // the slug
  std::string name;
  std::string hash;  // of the canonical document: runs of the same pipeline version match
  std::string file;
  std::int64_t started_ms = 0, ended_ms = 0;  // ms since the epoch; 0 while running
  std::string status;                         // running, finished, stopped, failed
  std::string error;
};

struct BatchRecord {
  std::string job;
  std::int64_t batch = 0;
  std::int64_t at_ms = 0;
  std::int64_t input_rows = 0;
  double rows_per_s = 0;
  double duration_ms = 0;
  std::optional<std::int64_t> stream_time;
  std::int64_t lag = 0;
};

class Workspace {
 public:
  static Result<std::unique_ptr<Workspace>> open(const std::filesystem::path& file);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  Result<std::int64_t> start_run(const RunRecord& run);
  Status record_batch(std::int64_t run, const BatchRecord& batch);  // thread-safe
  Status end_run(std::int64_t run, const std::string& status, const std::string& error);

  Result<std::vector<RunRecord>> runs(int limit) const;  // newest first
  Result<RunRecord> run(std::int64_t id) const;
  Result<std::vector<BatchRecord>> batches(std::int64_t run) const;

 private:
  explicit Workspace(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  mutable std::mutex mutex_;
};

// FNV-1a 64 of a text, as 16 hex digits (stable across runs and machines).
std::string text_hash(std::string_view text);

}  // namespace tributary::runtime
