// The checkpoint of a job, in one SQLite file (Spark Structured Streaming's offset log and
// commit log, plus operator state and sink positions):
//   batch N: log_offsets(N, ranges) -> process, write sinks -> commit(N, state changes, sinks)
// commit() is one transaction, so after a crash a job restarts from the state of the last
// committed batch and re-runs the logged but uncommitted one with exactly the same offsets.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

struct sqlite3;

namespace tributary::stream {

struct OffsetRange {
  std::string topic;
  int partition = 0;
  std::int64_t start = 0;  // first offset of the batch
  std::int64_t end = 0;    // one past the last
};

// What a batch changed in the state of its operators: rows to erase, then rows to put, keyed
// by (operator id, key). Only these are written: checkpoint cost follows the change.
struct StateChanges {
  std::vector<std::tuple<std::string, std::string, std::string>> put;  // (operator, key, value)
  std::vector<std::pair<std::string, std::string>> erase;             // (operator, key)
  void clear() {
    put.clear();
    erase.clear();
  }
};

class CheckpointStore {
 public:
  static Result<std::unique_ptr<CheckpointStore>> open(const std::filesystem::path& file);
  ~CheckpointStore();
  CheckpointStore(const CheckpointStore&) = delete;
  CheckpointStore& operator=(const CheckpointStore&) = delete;

  Result<std::optional<std::int64_t>> last_committed() const;
  Result<std::optional<std::int64_t>> last_logged() const;
  Status log_offsets(std::int64_t batch, const std::vector<OffsetRange>& ranges);
  Result<std::vector<OffsetRange>> offsets_of(std::int64_t batch) const;
  Status commit(std::int64_t batch, const StateChanges& changes, const std::map<std::string, std::int64_t>& sinks);

  // Every state row of `op`, in key order.
  Status load_state(const std::string& op, const std::function<void(std::string_view key, std::string_view value)>& fn) const;
  Result<std::optional<std::int64_t>> sink_position(const std::string& sink) const;

 private:
  explicit CheckpointStore(sqlite3* db) : db_(db) {}
  Status exec(const char* sql) const;
  sqlite3* db_;
};

}  // namespace tributary::stream
