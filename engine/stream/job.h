// A micro-batch job: one input topic, a chain of columnar operators per input partition
// (one task each), JSON-lines file sinks, and a checkpoint that makes every batch
// exactly-once (semantics.md, "Micro-batches, checkpoints and recovery"):
//   batch N: choose end offsets and log them -> read, decode, process, write sinks ->
//            operator state, sink sizes and commit N in one SQLite transaction.
// On open, sinks are cut back to their committed size and a logged but uncommitted batch
// is run again with exactly its offsets.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "log/log_manager.h"
#include "stream/checkpoint_store.h"
#include "io/dead_letter.h"
#include "stream/operator.h"
#include "stream/sqlite_sink.h"

namespace tributary::stream {

enum class Trigger { interval, available_now, continuous };

using OperatorFactory = std::function<Result<std::unique_ptr<Operator>>(const Schema& input)>;

struct JobConfig {
  std::string name;
  std::string input_topic;
  Schema input_schema;  // fields read from each record's value
  // Each record's value is one JSON object, or one CSV row (no header; fields in schema order).
  enum class Format { jsonl, csv } input_format = Format::jsonl;
  char csv_separator = ',';
  std::vector<OperatorFactory> chain;
  // JSON lines. With several input partitions each task writes its own part file,
  // `<stem>-<partition><ext>`, so that output never depends on how batches interleave.
  std::filesystem::path sink_path;
  // With a table name, the rows go to that table of the SQLite database at sink_path instead
  // (dead letters still go to JSON-lines files beside it).
  std::string sqlite_table;
  std::filesystem::path checkpoint_path;
  Trigger trigger = Trigger::available_now;
  std::int64_t trigger_ms = 100;
  std::int64_t max_records_per_batch = 0;  // 0: no limit
  int threads = 1;
};

struct JobMetrics {
  std::atomic<std::int64_t> batches{0};
  std::atomic<std::int64_t> records_in{0};
  std::atomic<std::int64_t> records_out{0};
  std::atomic<std::int64_t> dead_letters{0};
};

class Job {
 public:
  static Result<std::unique_ptr<Job>> open(const JobConfig& config, log::LogManager& logs);
  ~Job();

  // Runs batches, paced by the trigger, until what the input holds now is processed. With
  // `end_of_input`, the input is bounded: every open window is then closed and emitted.
  Status run_until_caught_up(bool end_of_input);
  // One batch over what arrived since the last; false when there was nothing.
  Result<bool> run_batch();
  bool finished() const { return finished_; }
  const JobMetrics& metrics() const { return metrics_; }

 private:
  struct Task;
  Job() = default;
  Status recover();
  Status execute(std::int64_t batch, const std::vector<OffsetRange>& ranges);
  Status run_task(Task& task, const OffsetRange& range, std::int64_t batch);
  Status decode_csv(Task& task, const std::vector<std::pair<std::int64_t, std::string_view>>& values, Batch& out,
                    std::vector<io::DeadLetter>& dead) const;
  Status write_rows(Task& task, const Batch& rows, std::int64_t batch);
  Status commit(std::int64_t batch);
  Status finish_input(bool logged);
  static std::string dead_name(const Task& task, std::size_t stage);

  JobConfig config_;
  std::shared_ptr<log::Topic> topic_;
  std::unique_ptr<CheckpointStore> store_;
  std::unique_ptr<SqliteSink> sqlite_;
  std::vector<std::unique_ptr<Task>> tasks_;
  std::int64_t next_batch_ = 0;
  bool finished_ = false;
  JobMetrics metrics_;
};

}  // namespace tributary::stream
