// A micro-batch job: one or more co-partitioned input topics, each with its own chain of
// columnar operators, meeting in a union or a join, then one more chain; lookup tables read
// from topics of their own; JSON-lines file sinks or a SQLite table. One task per partition
// number: task p reads partition p of every input. A checkpoint makes every batch
// exactly-once (semantics.md, "Micro-batches, checkpoints and recovery"):
//   batch N: choose end offsets of every input and table partition and log them -> read,
//            decode, process, write sinks -> operator state, sink sizes and commit N in one
//            SQLite transaction.
// On open, sinks are cut back to their committed size, tables are rebuilt from their topics
// up to the committed offsets, and a logged but uncommitted batch is run again with exactly
// its offsets.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/dead_letter.h"
#include "io/source_writer.h"
#include "log/log_manager.h"
#include "stream/checkpoint_store.h"
#include "stream/external_sink.h"
#include "stream/lookup_table.h"
#include "stream/operator.h"
#include "stream/sink_file.h"
#include "stream/sqlite_sink.h"

namespace tributary::stream {

enum class Trigger { interval, available_now, continuous };

using OperatorFactory = std::function<Result<std::unique_ptr<Operator>>(const Schema& input)>;
using MergeFactory =
    std::function<Result<std::unique_ptr<MergeOperator>>(const std::vector<Schema>& inputs)>;

struct JobInput {
  std::string topic;
  Schema schema;  // fields read from each record's value
  // Each record's value is one JSON object, or one CSV row (no header; fields in schema order).
  enum class Format { jsonl, csv } format = Format::jsonl;
  char csv_separator = ',';
  std::vector<OperatorFactory> chain;  // on this input alone, before the inputs meet
  // The pipeline nodes behind `chain`, for per-node metrics (JobMetrics::operators); "" or
  // missing: not reported.
  std::vector<std::string> chain_nodes;
};

struct JobConfig {
  std::string name;
  // All with the same number of partitions (co-partitioned, as Kafka Streams requires).
  std::vector<JobInput> inputs;
  // How two or more inputs meet (make_union_merge, make_stream_join); unused with one.
  MergeFactory merge;
  std::vector<OperatorFactory> chain;  // after the merge
  std::string merge_node;               // as JobInput::chain_nodes, for the merge
  std::vector<std::string> chain_nodes;  // and for `chain`
  // Per node (as named in the chains): a topic that also gets its dead letters, exactly once
  // (the ordinals of a topic sink), one JSON object each as in the dead-letter files.
  std::map<std::string, std::string> dead_letter_topics;
  // Rows and dead letters kept per node for the app's data preview (0: none).
  std::size_t sample_rows = 0;
  // Tables that operators of the chains look rows up in (make_lookup_join): the job keeps
  // them up to date. Their dead letters go to `<stem>.dead-<topic>.jsonl`.
  std::vector<std::shared_ptr<LookupTable>> tables;
  // JSON lines. With several partitions each task writes its own part file,
  // `<stem>-<partition><ext>`, so that output never depends on how batches interleave.
  std::filesystem::path sink_path;
  // With a table name, the rows go to that table of the SQLite database at sink_path instead
  // (dead letters still go to JSON-lines files beside it).
  std::string sqlite_table;
  // With a topic name, the rows go to that topic as JSON values instead (key: `sink_key`
  // fields joined by '|'), exactly once: each task appends as a writer of its own whose
  // position is stored with the records (io/source_writer.h), so a re-run batch appends only
  // what a partition does not hold yet. Dead letters still go to files beside sink_path.
  std::string sink_topic;
  std::vector<std::string> sink_key;
  // With an external sink (sink.kafka), the rows go there instead, at least once: it is
  // flushed before each checkpoint. Dead letters still go to files beside sink_path.
  std::shared_ptr<ExternalSink> external_sink;
  // The file sink's format: JSON lines, or CSV with a header row at the top of each part.
  enum class SinkFormat { jsonl, csv } sink_format = SinkFormat::jsonl;
  // Told about each task's rows once they are written (the app's charts, the CLI's console).
  // Called from worker threads; a batch re-run after a crash is told again.
  std::function<void(int partition, const Batch& rows)> on_rows;
  // Told about each committed micro-batch (the run history of the workspace).
  struct BatchReport {
    std::int64_t batch = 0;
    std::int64_t input_rows = 0;
    double duration_ms = 0;
    std::int64_t stream_time = INT64_MIN;
  };
  std::function<void(const BatchReport&)> on_batch;
  std::filesystem::path checkpoint_path;
  Trigger trigger = Trigger::available_now;
  std::int64_t trigger_ms = 100;
  std::int64_t max_records_per_batch = 0;  // 0: no limit
  int threads = 1;
};

// One pipeline node's operators (one per task) together.
class OperatorMetrics {
 public:
  explicit OperatorMetrics(std::string node) : node_(std::move(node)) {}
  const std::string& node() const { return node_; }
  std::atomic<std::int64_t> rows_in{0};
  std::atomic<std::int64_t> rows_out{0};
  std::atomic<std::int64_t> rejected{0};  // late, not a number, ... (their dead letters)
  // What the operators tell of their state after their last batch (Operator::state_json),
  // one JSON text per task that has told something.
  std::vector<std::string> states() const;
  void set_state(int task, std::string json);
  // The latest output rows and dead letters (JSON objects, oldest first), when the job
  // samples (JobConfig::sample_rows): the last rows of each batch, so a sample at any rate.
  std::vector<std::string> latest_rows() const;
  std::vector<std::string> latest_dead_letters() const;
  void add_rows(std::vector<std::string> rows, std::size_t keep);
  void add_dead_letters(std::vector<std::string> letters, std::size_t keep);

 private:
  std::string node_;
  mutable std::mutex mutex_;
  std::vector<std::string> states_;
  std::deque<std::string> rows_, dead_;
};

struct JobMetrics {
  std::atomic<std::int64_t> batches{0};
  std::atomic<double> last_batch_ms{0};  // how long the last committed batch took
  // The largest record timestamp read (sources write event times there): the job's stream time.
  std::atomic<std::int64_t> stream_time{INT64_MIN};
  // The next offset to read, summed over every input partition: with the topics' end offsets
  // this gives the lag.
  std::atomic<std::int64_t> positions{0};
  std::atomic<std::int64_t> records_in{0};
  std::atomic<std::int64_t> records_out{0};
  std::atomic<std::int64_t> dead_letters{0};
  // Per named node of the chains (JobInput::chain_nodes...), in chain order; fixed once open.
  std::vector<std::unique_ptr<OperatorMetrics>> operators;
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
  struct Stage;
  struct Table;
  Status open_tasks(log::LogManager& logs);
  Status execute(std::int64_t batch, const std::vector<OffsetRange>& ranges);
  Status apply_tables(const std::vector<OffsetRange>& ranges, bool replay);
  Status run_task(Task& task, const std::vector<OffsetRange>& ranges, std::int64_t batch);
  Status read_input(Task& task, std::size_t input, const OffsetRange& range, Batch& out,
                    std::vector<io::DeadLetter>& dead);
  Status decode_csv(const JobInput& input, const std::string& prefix,
                    const std::vector<std::pair<std::int64_t, std::string_view>>& values,
                    Batch& out, std::vector<io::DeadLetter>& dead) const;
  Batch run_stages(Task& task, const std::vector<std::size_t>& stages, Batch in, bool finishing,
                   std::vector<std::vector<io::DeadLetter>>& dead);
  Batch run_merge(Task& task, std::vector<Batch> inputs, bool finishing,
                  std::vector<std::vector<io::DeadLetter>>& dead);
  Status write_rows(Task& task, const Batch& rows, std::int64_t batch);
  Status write_topic(Task& task, const Batch& rows, std::int64_t batch);
  std::string sqlite_writer(const Task& task) const;
  Status write_dead(const std::vector<io::DeadLetter>& letters, SinkFile& file);
  Status write_dead_topic(const std::vector<io::DeadLetter>& letters, std::int64_t batch,
                          io::SourceWriter& writer);
  std::vector<std::string> sample(const Batch& rows) const;  // the last sample_rows rows
  Status write_dead_letters(Task& task, std::vector<std::vector<io::DeadLetter>>& dead,
                            std::int64_t batch);
  Status commit(std::int64_t batch);
  void advance_stream_time(std::int64_t t);  // from task threads
  void publish_positions();
  Status finish_input(bool logged);

  JobConfig config_;
  std::vector<std::shared_ptr<log::Topic>> topics_;  // one per input
  std::shared_ptr<log::Topic> sink_topic_;
  std::map<std::string, std::shared_ptr<log::Topic>> dead_topics_;  // node → its DLQ topic
  std::vector<std::unique_ptr<Table>> tables_;
  std::unique_ptr<CheckpointStore> store_;
  std::unique_ptr<SqliteSink> sqlite_;
  std::vector<std::unique_ptr<Task>> tasks_;
  std::int64_t next_batch_ = 0;
  bool finished_ = false;
  JobMetrics metrics_;
  std::chrono::steady_clock::time_point batch_started_;
  std::int64_t batch_first_record_ = 0;  // records_in when the batch started
};

}  // namespace tributary::stream
