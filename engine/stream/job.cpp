#include "stream/job.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "core/failpoint.h"
#include "io/csv_decoder.h"
#include "io/csv_encoder.h"
#include "io/json_decoder.h"
#include "io/json_encoder.h"
#include "io/source_writer.h"
#include "log/record_batch.h"

namespace tributary::stream {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kFetchBytes = 1 << 20;
constexpr const char* kFinishedKey = "finished";
constexpr int kFinishPartition = -1;  // the offset-log entry of the end-of-input batch

fs::path part_path(const fs::path& base, int partition, int partitions,
                   const std::string& suffix = "", const char* extension = nullptr) {
  if (partitions == 1 && suffix.empty() && extension == nullptr) return base;
  fs::path p = base;
  std::string name = base.stem().string();
  if (partitions > 1) name += "-" + std::to_string(partition);
  name += suffix;
  p.replace_filename(name + (extension ? std::string(extension) : base.extension().string()));
  return p;
}

// Calls fn(record, buffer) for the records of [start, end) of one partition, reading whole
// batches; `buffer` holds the bytes read (the record's views point into it unless the batch
// was compressed).
// `keep` is told about each buffer read, for callers that hold views into it past the call.
template <typename Fn>
Status for_each_record(log::PartitionLog& log, std::int64_t start, std::int64_t end, Fn&& fn,
                       std::vector<ByteBuffer>* keep = nullptr) {
  ByteBuffer buf;
  for (std::int64_t offset = start; offset < end;) {
    buf.clear();
    TRIB_ASSIGN_OR_RETURN(log::FetchResult fetched, log.read(offset, kFetchBytes, buf));
    if (fetched.bytes == 0)
      return error(ErrorCode::out_of_range,
                   log.name() + " ends before offset " + std::to_string(end));
    std::size_t pos = 0;
    while (pos < buf.size()) {
      const std::size_t size = log::peek_batch_size(buf.span().subspan(pos));
      TRIB_ASSIGN_OR_RETURN(auto reader,
                            log::RecordBatchReader::open(buf.span().subspan(pos, size)));
      log::RecordView rec;
      while (reader.next(rec)) {
        if (rec.offset >= offset && rec.offset < end)
          TRIB_RETURN_IF_ERROR(fn(rec, std::string_view(buf.data(), buf.size())));
      }
      TRIB_RETURN_IF_ERROR(reader.status());
      pos += size;
    }
    offset = std::min(end, fetched.next_offset);
    if (keep) {
      keep->push_back(std::move(buf));
      buf = ByteBuffer();
    }
  }
  return {};
}

}  // namespace

// One step of a task that can reject rows: a decoder, an operator or the merge. Each has its
// own dead-letter file, like a dead-letter topic per node, so that each is in input order
// whatever the batch cuts.
struct Job::Stage {
  std::unique_ptr<Operator> op;  // null for a decoder or the merge
  std::string state_id;          // the operator's id in the checkpoint
  std::string position;          // names the stage in its dead letters: "events-0 operator 1"
  std::string dead_sink;         // the dead-letter file's name in the checkpoint
  fs::path dead_path;
  std::unique_ptr<SinkFile> dead;
  OperatorMetrics* metrics = nullptr;  // its node's, shared by the tasks; null: not reported
  std::unique_ptr<io::SourceWriter> dead_topic;  // its node's dead-letter topic, if any
};

struct Job::Task {
  struct Input {
    std::unique_ptr<io::JsonDecoder> decoder;
    std::size_t decode_stage = 0;
    std::vector<std::size_t> chain;     // stages
    std::int64_t position = 0;          // next offset to read
    std::vector<double> bytes_per_row;  // per string column, in the last batch: to size the next
  };
  int partition = 0;
  std::vector<Input> inputs;
  std::unique_ptr<MergeOperator> merge;
  std::vector<std::size_t>
      merge_stages;                // per input: its dead letters; the first holds the state id
  std::vector<std::size_t> chain;  // stages after the merge
  std::vector<Stage> stages;
  std::unique_ptr<SinkFile> sink;
  std::unique_ptr<io::SourceWriter> topic_writer;  // a topic sink
  std::string sink_name;
  Status status;
};

struct Job::Table {
  std::shared_ptr<LookupTable> table;
  std::shared_ptr<log::Topic> topic;
  std::vector<std::int64_t> positions;  // per partition: next offset to apply
  std::string dead_sink;
  std::unique_ptr<SinkFile> dead;
};

std::vector<std::string> OperatorMetrics::states() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& s : states_) {
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

void OperatorMetrics::set_state(int task, std::string json) {
  std::lock_guard lock(mutex_);
  if (states_.size() <= static_cast<std::size_t>(task)) states_.resize(task + 1);
  states_[task] = std::move(json);
}

namespace {
// What a job appends to a topic (its rows, its dead letters) is numbered by batch, then by
// row, so that a batch re-run after a crash appends only what a partition does not hold.
std::int64_t batch_ordinal(std::int64_t batch, std::size_t row) {
  return (batch << 32) | static_cast<std::int64_t>(row);
}
Status check_batch_ordinals(std::size_t rows) {
  if (rows >= (std::size_t{1} << 32))
    return error(ErrorCode::invalid_argument, "too many rows in one batch");
  return {};
}
std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void keep_latest(std::deque<std::string>& into, std::vector<std::string> add, std::size_t keep) {
  for (auto& a : add) into.push_back(std::move(a));
  while (into.size() > keep) into.pop_front();
}
}  // namespace

std::vector<std::string> OperatorMetrics::latest_rows() const {
  std::lock_guard lock(mutex_);
  return {rows_.begin(), rows_.end()};
}

std::vector<std::string> OperatorMetrics::latest_dead_letters() const {
  std::lock_guard lock(mutex_);
  return {dead_.begin(), dead_.end()};
}

void OperatorMetrics::add_rows(std::vector<std::string> rows, std::size_t keep) {
  std::lock_guard lock(mutex_);
  keep_latest(rows_, std::move(rows), keep);
}

void OperatorMetrics::add_dead_letters(std::vector<std::string> letters, std::size_t keep) {
  std::lock_guard lock(mutex_);
  keep_latest(dead_, std::move(letters), keep);
}

Job::~Job() = default;

Result<std::unique_ptr<Job>> Job::open(const JobConfig& config, log::LogManager& logs) {
  std::unique_ptr<Job> job(new Job());
  job->config_ = config;
  if (config.inputs.empty())
    return error(ErrorCode::invalid_argument, "a job needs at least one input");
  if (config.inputs.size() > 1 && !config.merge) {
    return error(ErrorCode::invalid_argument, "a job with several inputs needs a union or a join");
  }
  TRIB_ASSIGN_OR_RETURN(job->store_, CheckpointStore::open(config.checkpoint_path));
  TRIB_RETURN_IF_ERROR(job->open_tasks(logs));
  TRIB_RETURN_IF_ERROR(job->recover());
  return job;
}

Status Job::open_tasks(log::LogManager& logs) {
  for (const auto& input : config_.inputs) {
    TRIB_ASSIGN_OR_RETURN(auto topic, logs.topic(input.topic));
    if (!topics_.empty() && topic->partition_count() != topics_.front()->partition_count()) {
      return error(ErrorCode::invalid_argument,
                   "inputs '" + config_.inputs.front().topic + "' (" +
                       std::to_string(topics_.front()->partition_count()) + " partitions) and '" +
                       input.topic + "' (" + std::to_string(topic->partition_count()) +
                       ") are not co-partitioned");
    }
    topics_.push_back(std::move(topic));
  }
  for (const auto& t : config_.tables) {
    for (const auto& input : config_.inputs) {
      if (input.topic == t->spec().topic) {
        return error(ErrorCode::invalid_argument,
                     "topic '" + input.topic + "' is both an input and a table");
      }
    }
    auto table = std::make_unique<Table>();
    table->table = t;
    TRIB_ASSIGN_OR_RETURN(table->topic, logs.topic(t->spec().topic));
    table->positions.assign(static_cast<std::size_t>(table->topic->partition_count()), 0);
    table->dead_sink = "dead-table-" + t->spec().topic;
    tables_.push_back(std::move(table));
  }

  const int partitions = topics_.front()->partition_count();
  const bool single = config_.inputs.size() == 1;
  const char* dead_extension = config_.sqlite_table.empty() ? nullptr : ".jsonl";
  Schema out_schema;
  auto metrics_for = [&](const std::vector<std::string>& nodes,
                         std::size_t i) -> OperatorMetrics* {
    if (i >= nodes.size() || nodes[i].empty()) return nullptr;
    for (auto& m : metrics_.operators) {
      if (m->node() == nodes[i]) return m.get();
    }
    metrics_.operators.push_back(std::make_unique<OperatorMetrics>(nodes[i]));
    return metrics_.operators.back().get();
  };
  for (int p = 0; p < partitions; ++p) {
    auto task = std::make_unique<Task>();
    task->partition = p;
    const std::string ps = std::to_string(p);
    // `suffix` names the dead-letter file (`<stem>-<p><suffix>.jsonl`), `name` its position in
    // the checkpoint.
    auto add_stage = [&](std::unique_ptr<Operator> op, std::string state_id, std::string position,
                         const std::string& suffix, const std::string& name) {
      Stage s;
      s.op = std::move(op);
      s.state_id = std::move(state_id);
      s.position = std::move(position);
      s.dead_sink = "dead-" + ps + "-" + name;
      s.dead_path = part_path(config_.sink_path, p, partitions, suffix, dead_extension);
      task->stages.push_back(std::move(s));
      return task->stages.size() - 1;
    };
    // Operator factories, checked in order; an error names the operator.
    auto build = [&](const OperatorFactory& factory, Schema& schema,
                     const std::string& what) -> Result<std::unique_ptr<Operator>> {
      auto op = factory(schema);
      if (!op.ok()) return error(ErrorCode::invalid_argument, what + ": " + op.status().message());
      schema = (*op)->output_schema();
      return std::move(op).value();
    };
    std::vector<Schema> merged_inputs;
    for (const auto& input : config_.inputs) {
      Task::Input in;
      in.decoder = std::make_unique<io::JsonDecoder>(input.schema);
      const std::string label = single ? "" : input.topic;
      in.decode_stage =
          add_stage(nullptr, "", "", single ? ".dead" : ".dead-" + label, single ? "0" : label);
      Schema schema = input.schema;
      std::vector<OperatorFactory> chain = input.chain;
      std::vector<std::string> nodes = input.chain_nodes;
      if (single) {
        chain.insert(chain.end(), config_.chain.begin(), config_.chain.end());
        nodes.resize(input.chain.size());
        nodes.insert(nodes.end(), config_.chain_nodes.begin(), config_.chain_nodes.end());
      }
      for (std::size_t i = 0; i < chain.size(); ++i) {
        const std::string n = std::to_string(i);
        TRIB_ASSIGN_OR_RETURN(
            auto op,
            build(chain[i], schema, single ? "operator " + n : input.topic + " operator " + n));
        // One input: the names of a chain without inputs of its own (dead-<i>, p<p>/<i>).
        if (single) {
          in.chain.push_back(add_stage(std::move(op), "p" + ps + "/" + n,
                                       input.topic + "-" + ps + " operator " + n, ".dead-" + n,
                                       std::to_string(i + 1)));
        } else {
          in.chain.push_back(add_stage(std::move(op), "p" + ps + "/" + label + "/" + n,
                                       input.topic + "-" + ps + " operator " + n,
                                       ".dead-" + label + "-" + n, label + "-" + n));
        }
        task->stages[in.chain.back()].metrics = metrics_for(nodes, i);
      }
      merged_inputs.push_back(schema);
      task->inputs.push_back(std::move(in));
    }
    Schema schema = merged_inputs.front();
    if (!single) {
      auto merge = config_.merge(merged_inputs);
      if (!merge.ok())
        return error(ErrorCode::invalid_argument, "merge: " + merge.status().message());
      task->merge = std::move(merge).value();
      schema = task->merge->output_schema();
      // A dead-letter file per input: each stays in its input's order whatever the cuts.
      for (std::size_t k = 0; k < config_.inputs.size(); ++k) {
        const std::string& topic = config_.inputs[k].topic;
        task->merge_stages.push_back(add_stage(nullptr, k == 0 ? "p" + ps + "/merge" : "",
                                               topic + "-" + ps + " merge", ".dead-merge-" + topic,
                                               "merge-" + topic));
      }
      // Every side's stage: each has dead letters (late records) for the merge node's topic.
      for (const std::size_t m : task->merge_stages)
        task->stages[m].metrics = metrics_for({config_.merge_node}, 0);
      for (std::size_t i = 0; i < config_.chain.size(); ++i) {
        TRIB_ASSIGN_OR_RETURN(auto op,
                              build(config_.chain[i], schema, "operator " + std::to_string(i)));
        const std::string n = std::to_string(i);
        task->chain.push_back(add_stage(std::move(op), "p" + ps + "/" + n,
                                        "merged-" + ps + " operator " + n, ".dead-" + n, n));
        task->stages[task->chain.back()].metrics = metrics_for(config_.chain_nodes, i);
      }
    }
    out_schema = schema;
    task->sink_name = "sink-" + ps;
    tasks_.push_back(std::move(task));
  }
  if (!config_.sink_topic.empty()) {
    TRIB_ASSIGN_OR_RETURN(sink_topic_, logs.topic(config_.sink_topic));
  }
  for (const auto& [node, topic] : config_.dead_letter_topics) {
    auto t = logs.topic(topic);
    if (!t.ok()) return error(t.status().code(), node + ": dead-letter topic: " + t.status().message());
    dead_topics_[node] = *t;
  }
  if (!config_.sqlite_table.empty()) {
    TRIB_ASSIGN_OR_RETURN(sqlite_,
                          SqliteSink::open(config_.sink_path, config_.sqlite_table, out_schema));
  }
  return {};
}

Status Job::recover() {
  const int partitions = static_cast<int>(tasks_.size());
  for (auto& task : tasks_) {
    for (auto& stage : task->stages) {
      TRIB_ASSIGN_OR_RETURN(auto dead_size, store_->sink_position(stage.dead_sink));
      TRIB_ASSIGN_OR_RETURN(stage.dead, SinkFile::open(stage.dead_path, dead_size.value_or(0)));
      if (stage.metrics) {
        const auto it = dead_topics_.find(stage.metrics->node());
        if (it != dead_topics_.end()) {
          TRIB_ASSIGN_OR_RETURN(stage.dead_topic,
                                io::SourceWriter::open(it->second, config_.name + "/" +
                                                                       stage.dead_sink));
        }
      }
      if (stage.state_id.empty()) continue;
      Status restored;
      TRIB_RETURN_IF_ERROR(
          store_->load_state(stage.state_id, [&](std::string_view k, std::string_view v) {
            if (!restored.ok()) return;
            restored = stage.op ? stage.op->restore(k, v) : task->merge->restore(k, v);
          }));
      TRIB_RETURN_IF_ERROR(restored);
    }
    if (sink_topic_) {
      TRIB_ASSIGN_OR_RETURN(task->topic_writer,
                            io::SourceWriter::open(
                                sink_topic_, config_.name + "/" + std::to_string(task->partition)));
    } else if (!sqlite_ && !config_.external_sink) {
      TRIB_ASSIGN_OR_RETURN(auto sink_size, store_->sink_position(task->sink_name));
      TRIB_ASSIGN_OR_RETURN(
          task->sink, SinkFile::open(part_path(config_.sink_path, task->partition, partitions),
                                     sink_size.value_or(0)));
    }
    for (std::size_t k = 0; k < task->inputs.size(); ++k) {
      task->inputs[k].position = topics_[k]->partition(task->partition).start_offset();
    }
  }
  for (auto& table : tables_) {
    TRIB_ASSIGN_OR_RETURN(auto dead_size, store_->sink_position(table->dead_sink));
    TRIB_ASSIGN_OR_RETURN(table->dead,
                          SinkFile::open(part_path(config_.sink_path, 0, 1,
                                                   ".dead-" + table->table->spec().topic, ".jsonl"),
                                         dead_size.value_or(0)));
    for (std::size_t q = 0; q < table->positions.size(); ++q) {
      table->positions[q] = table->topic->partition(static_cast<int>(q)).start_offset();
    }
  }
  TRIB_RETURN_IF_ERROR(store_->load_state("job", [&](std::string_view k, std::string_view) {
    if (k == kFinishedKey) finished_ = true;
  }));
  TRIB_ASSIGN_OR_RETURN(auto committed, store_->last_committed());
  TRIB_ASSIGN_OR_RETURN(auto logged, store_->last_logged());
  if (!logged && sqlite_) {
    // A job with an empty offset log starts from nothing: what its writers recorded in the
    // database belongs to an earlier life of the job (its checkpoint was deleted).
    std::vector<std::string> writers;
    for (const auto& task : tasks_) writers.push_back(sqlite_writer(*task));
    TRIB_RETURN_IF_ERROR(sqlite_->start_over(writers));
  }
  std::vector<OffsetRange> table_replay;
  if (committed) {
    TRIB_ASSIGN_OR_RETURN(auto ranges, store_->offsets_of(*committed));
    for (const auto& r : ranges) {
      if (r.partition < 0) continue;
      for (std::size_t k = 0; k < config_.inputs.size(); ++k) {
        if (config_.inputs[k].topic == r.topic)
          tasks_[static_cast<std::size_t>(r.partition)]->inputs[k].position = r.end;
      }
      for (auto& table : tables_) {
        if (table->table->spec().topic != r.topic) continue;
        table_replay.push_back(
            {r.topic, r.partition, table->positions[static_cast<std::size_t>(r.partition)], r.end});
      }
    }
    next_batch_ = *committed + 1;
    publish_positions();
  }
  // Tables are not checkpointed: they are rebuilt from their topics, the dead letters of
  // what was applied before being already written.
  TRIB_RETURN_IF_ERROR(apply_tables(table_replay, /*replay=*/true));
  if (logged && (!committed || *logged > *committed)) {
    // The log is the lineage: run the interrupted batch again, with exactly its offsets.
    TRIB_ASSIGN_OR_RETURN(auto ranges, store_->offsets_of(*logged));
    next_batch_ = *logged;
    if (ranges.size() == 1 && ranges[0].partition < 0) return finish_input(/*logged=*/true);
    TRIB_RETURN_IF_ERROR(execute(*logged, ranges));
  }
  return {};
}

Result<bool> Job::run_batch() {
  if (finished_) return false;
  std::vector<OffsetRange> ranges;
  bool any = false;
  const auto streams = static_cast<std::int64_t>(tasks_.size() * config_.inputs.size());
  const std::int64_t per_partition =
      config_.max_records_per_batch > 0
          ? std::max<std::int64_t>(1, (config_.max_records_per_batch + streams - 1) / streams)
          : 0;
  for (const auto& task : tasks_) {
    for (std::size_t k = 0; k < task->inputs.size(); ++k) {
      const auto& in = task->inputs[k];
      std::int64_t end = topics_[k]->partition(task->partition).end_offset();
      if (per_partition > 0) end = std::min(end, in.position + per_partition);
      ranges.push_back({config_.inputs[k].topic, task->partition, in.position, end});
      any = any || end > in.position;
    }
  }
  if (!any) return false;
  // Tables are read to their end, whatever the batch limit: a row joins the table as it
  // was when its batch started.
  for (const auto& table : tables_) {
    for (std::size_t q = 0; q < table->positions.size(); ++q) {
      const std::int64_t end = table->topic->partition(static_cast<int>(q)).end_offset();
      ranges.push_back({table->table->spec().topic, static_cast<int>(q), table->positions[q], end});
    }
  }
  TRIB_RETURN_IF_ERROR(store_->log_offsets(next_batch_, ranges));
  failpoint("after_offset_log");
  TRIB_RETURN_IF_ERROR(execute(next_batch_, ranges));
  return true;
}

Status Job::apply_tables(const std::vector<OffsetRange>& ranges, bool replay) {
  for (auto& table : tables_) {
    std::vector<io::DeadLetter> dead;
    for (const auto& r : ranges) {
      if (r.topic != table->table->spec().topic || r.start >= r.end) continue;
      auto& log = table->topic->partition(r.partition);
      const std::string prefix = r.topic + "-" + std::to_string(r.partition) + "@";
      TRIB_RETURN_IF_ERROR(for_each_record(
          log, r.start, r.end, [&](const log::RecordView& rec, std::string_view) -> Status {
            table->table->apply(rec.key, rec.value, prefix + std::to_string(rec.offset), dead);
            return {};
          }));
      table->positions[static_cast<std::size_t>(r.partition)] = r.end;
    }
    if (!replay) {
      TRIB_RETURN_IF_ERROR(write_dead(dead, *table->dead));
      metrics_.dead_letters.fetch_add(static_cast<std::int64_t>(dead.size()),
                                      std::memory_order_relaxed);
    }
  }
  return {};
}

Status Job::execute(std::int64_t batch, const std::vector<OffsetRange>& ranges) {
  batch_started_ = std::chrono::steady_clock::now();
  batch_first_record_ = metrics_.records_in.load();
  TRIB_RETURN_IF_ERROR(apply_tables(ranges, /*replay=*/false));
  // Each task's ranges, one per input, in input order.
  std::vector<std::vector<OffsetRange>> per_task(tasks_.size());
  for (const auto& task : tasks_) {
    for (std::size_t k = 0; k < task->inputs.size(); ++k) {
      const std::int64_t at = task->inputs[k].position;
      per_task[static_cast<std::size_t>(task->partition)].push_back(
          {config_.inputs[k].topic, task->partition, at, at});
    }
  }
  for (const auto& r : ranges) {
    if (r.partition < 0 || static_cast<std::size_t>(r.partition) >= tasks_.size()) continue;
    for (auto& own : per_task[static_cast<std::size_t>(r.partition)]) {
      if (own.topic == r.topic) own = r;
    }
  }
  // Tasks are independent (own state, own sink file): spread them over the worker threads.
  const std::size_t threads =
      std::max<std::size_t>(1, std::min<std::size_t>(config_.threads, tasks_.size()));
  auto run_some = [&](std::size_t first) {
    for (std::size_t i = first; i < tasks_.size(); i += threads)
      tasks_[i]->status = run_task(*tasks_[i], per_task[i], batch);
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(run_some, t);
  run_some(0);
  for (auto& w : workers) w.join();
  for (const auto& task : tasks_) TRIB_RETURN_IF_ERROR(task->status);
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    for (std::size_t k = 0; k < per_task[i].size(); ++k)
      tasks_[i]->inputs[k].position = per_task[i][k].end;
  }
  publish_positions();
  return commit(batch);
}

Status Job::read_input(Task& task, std::size_t k, const OffsetRange& range, Batch& out,
                       std::vector<io::DeadLetter>& dead) {
  const JobInput& input = config_.inputs[k];
  auto& log = topics_[k]->partition(task.partition);
  const std::string prefix = input.topic + "-" + std::to_string(task.partition) + "@";
  std::int64_t latest = INT64_MIN;  // the largest record timestamp read
  if (input.format == JobInput::Format::csv) {
    // CSV rows are decoded together at the end; the views point into the kept buffers.
    std::vector<ByteBuffer> buffers;
    std::vector<std::pair<std::int64_t, std::string_view>> values;
    TRIB_RETURN_IF_ERROR(for_each_record(
        log, range.start, range.end,
        [&](const log::RecordView& rec, std::string_view) -> Status {
          values.emplace_back(rec.offset, rec.value.value_or(std::string_view()));
          latest = std::max(latest, rec.timestamp);
          return {};
        },
        &buffers));
    metrics_.records_in.fetch_add(static_cast<std::int64_t>(values.size()),
                                  std::memory_order_relaxed);
    advance_stream_time(latest);
    return decode_csv(input, prefix, values, out, dead);
  }
  // Columns sized up front, strings by what the last batch held per row: no regrowth
  // (copies and fresh pages) while the batch fills.
  auto& bytes_per_row = task.inputs[k].bytes_per_row;
  bytes_per_row.resize(out.num_columns());
  const auto expected = static_cast<std::size_t>(range.end - range.start);
  for (std::size_t c = 0; c < out.num_columns(); ++c) {
    out.column(c).reserve(
        expected, static_cast<std::size_t>(bytes_per_row[c] * 1.1 * static_cast<double>(expected)));
  }
  std::int64_t records = 0;
  io::JsonDecoder& decoder = *task.inputs[k].decoder;
  const std::string source = prefix.substr(0, prefix.size() - 1);
  const std::size_t padding = io::JsonDecoder::padding();
  TRIB_RETURN_IF_ERROR(for_each_record(
      log, range.start, range.end,
      [&](const log::RecordView& rec, std::string_view buffer) -> Status {
        ++records;
        latest = std::max(latest, rec.timestamp);
        const std::string_view value = rec.value.value_or(std::string_view());
        // Parsed in place when the fetched bytes go on far enough after the value.
        const bool padded = value.data() >= buffer.data() &&
                            value.data() + value.size() + padding <= buffer.data() + buffer.size();
        return decoder.decode_record(value, padded, source, rec.offset, out, dead);
      }));
  if (out.num_rows() > 0) {
    for (std::size_t c = 0; c < out.num_columns(); ++c) {
      bytes_per_row[c] =
          static_cast<double>(out.column(c).string_bytes()) / static_cast<double>(out.num_rows());
    }
  }
  metrics_.records_in.fetch_add(records, std::memory_order_relaxed);
  advance_stream_time(latest);
  return {};
}

void Job::publish_positions() {
  std::int64_t sum = 0;
  for (const auto& task : tasks_) {
    for (const auto& in : task->inputs) sum += in.position;
  }
  metrics_.positions.store(sum, std::memory_order_relaxed);
}

void Job::advance_stream_time(std::int64_t t) {
  std::int64_t seen = metrics_.stream_time.load(std::memory_order_relaxed);
  while (t > seen &&
         !metrics_.stream_time.compare_exchange_weak(seen, t, std::memory_order_relaxed)) {
  }
}

Status Job::decode_csv(const JobInput& input, const std::string& prefix,
                       const std::vector<std::pair<std::int64_t, std::string_view>>& values,
                       Batch& out, std::vector<io::DeadLetter>& dead) const {
  if (values.empty()) return {};
  io::CsvDecodeOptions options;
  options.separator = input.csv_separator;
  options.header = false;
  for (const auto& f : input.schema.fields()) {
    options.column_names.push_back(f.name);
    options.types[f.name] = f.type;
  }
  options.source_name = "csv";
  io::CsvDecoder decoder(options);
  // One row per record; a quoted field may span lines, so remember where each record starts
  // to turn the decoder's line numbers back into offsets.
  std::vector<std::uint64_t> first_lines;
  std::uint64_t line = 1;
  for (const auto& [offset, value] : values) {
    first_lines.push_back(line);
    decoder.feed(value);
    decoder.feed("\n");
    line += 1 + static_cast<std::uint64_t>(std::count(value.begin(), value.end(), '\n'));
  }
  decoder.finish();
  Batch decoded = decoder.take_batch();
  for (std::size_t r = 0; r < decoded.num_rows(); ++r) {
    for (std::size_t c = 0; c < decoded.num_columns(); ++c)
      out.column(c).append_from(decoded.column(c), r);
  }
  for (auto& d : decoder.take_dead_letters()) {
    const std::uint64_t at = std::stoull(d.position.substr(d.position.rfind(':') + 1));
    const auto it = std::upper_bound(first_lines.begin(), first_lines.end(), at);
    d.position = prefix + std::to_string(
                              values[static_cast<std::size_t>(it - first_lines.begin()) - 1].first);
    dead.push_back(std::move(d));
  }
  return {};
}

namespace {
io::DeadLetter rejected_row(const Batch& from, const Rejected& r, const std::string& position) {
  io::DeadLetter d;
  d.reason = r.reason;
  d.position = position;
  io::JsonEncoder(from.schema()).append_row(from, r.row, d.raw);
  return d;
}
}  // namespace

Batch Job::run_stages(Task& task, const std::vector<std::size_t>& stages, Batch in, bool finishing,
                      std::vector<std::vector<io::DeadLetter>>& dead) {
  // What an operator rejects becomes a dead letter naming the operator.
  Batch current = std::move(in);
  for (const std::size_t s : stages) {
    Operator& op = *task.stages[s].op;
    Batch out(op.output_schema());
    std::vector<Rejected> rejected;
    if (current.num_rows() > 0) op.process(current, out, rejected);
    op.end_batch(out);
    if (finishing) op.finish(out);
    for (const auto& r : rejected)
      dead[s].push_back(rejected_row(current, r, task.stages[s].position));
    if (OperatorMetrics* m = task.stages[s].metrics) {
      m->rows_in.fetch_add(static_cast<std::int64_t>(current.num_rows()), std::memory_order_relaxed);
      m->rows_out.fetch_add(static_cast<std::int64_t>(out.num_rows()), std::memory_order_relaxed);
      m->rejected.fetch_add(static_cast<std::int64_t>(rejected.size()), std::memory_order_relaxed);
      if (std::string state = op.state_json(); !state.empty())
        m->set_state(task.partition, std::move(state));
      if (config_.sample_rows > 0 && out.num_rows() > 0) m->add_rows(sample(out), config_.sample_rows);
    }
    current = std::move(out);
  }
  return current;
}

Batch Job::run_merge(Task& task, std::vector<Batch> inputs, bool finishing,
                     std::vector<std::vector<io::DeadLetter>>& dead) {
  Batch out(task.merge->output_schema());
  OperatorMetrics* m = task.stages[task.merge_stages.front()].metrics;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    std::vector<Rejected> rejected;
    if (inputs[k].num_rows() > 0) task.merge->process(k, inputs[k], out, rejected);
    const Stage& stage = task.stages[task.merge_stages[k]];
    for (const auto& r : rejected)
      dead[task.merge_stages[k]].push_back(rejected_row(inputs[k], r, stage.position));
    if (m) {
      m->rows_in.fetch_add(static_cast<std::int64_t>(inputs[k].num_rows()),
                           std::memory_order_relaxed);
      m->rejected.fetch_add(static_cast<std::int64_t>(rejected.size()), std::memory_order_relaxed);
    }
  }
  task.merge->end_batch(out);
  if (finishing) task.merge->finish(out);
  if (m) {
    m->rows_out.fetch_add(static_cast<std::int64_t>(out.num_rows()), std::memory_order_relaxed);
    if (config_.sample_rows > 0 && out.num_rows() > 0) m->add_rows(sample(out), config_.sample_rows);
  }
  return out;
}

Status Job::run_task(Task& task, const std::vector<OffsetRange>& ranges, std::int64_t batch) {
  std::vector<std::vector<io::DeadLetter>> dead(task.stages.size());
  std::vector<Batch> outs;
  for (std::size_t k = 0; k < task.inputs.size(); ++k) {
    Batch input(config_.inputs[k].schema);
    TRIB_RETURN_IF_ERROR(read_input(task, k, ranges[k], input, dead[task.inputs[k].decode_stage]));
    outs.push_back(run_stages(task, task.inputs[k].chain, std::move(input), false, dead));
  }
  Batch result = task.merge ? run_stages(task, task.chain,
                                         run_merge(task, std::move(outs), false, dead), false, dead)
                            : std::move(outs.front());
  metrics_.records_out.fetch_add(static_cast<std::int64_t>(result.num_rows()),
                                 std::memory_order_relaxed);
  TRIB_RETURN_IF_ERROR(write_rows(task, result, batch));
  return write_dead_letters(task, dead, batch);
}

Status Job::write_dead(const std::vector<io::DeadLetter>& letters, SinkFile& file) {
  std::string text;
  for (const auto& d : letters) {
    io::append_dead_letter_json(text, d);
    text += '\n';
  }
  return file.append(text);
}

std::vector<std::string> Job::sample(const Batch& rows) const {
  const std::size_t n = std::min(rows.num_rows(), config_.sample_rows);
  io::JsonEncoder encoder(rows.schema());
  std::vector<std::string> out(n);
  for (std::size_t i = 0; i < n; ++i) encoder.append_row(rows, rows.num_rows() - n + i, out[i]);
  return out;
}

Status Job::write_dead_topic(const std::vector<io::DeadLetter>& letters, std::int64_t batch,
                             io::SourceWriter& writer) {
  if (letters.empty()) return {};
  // Ordinals as for a topic sink: a batch re-run after a crash gives the same letters.
  TRIB_RETURN_IF_ERROR(check_batch_ordinals(letters.size()));
  const std::int64_t now = wall_clock_ms();
  std::vector<io::SourceRecord> records(letters.size());
  for (std::size_t i = 0; i < letters.size(); ++i) {
    records[i].ordinal = batch_ordinal(batch, i);
    io::append_dead_letter_json(records[i].value, letters[i]);
    records[i].timestamp = now;
  }
  return writer.append(records);
}

Status Job::write_dead_letters(Task& task, std::vector<std::vector<io::DeadLetter>>& dead,
                               std::int64_t batch) {
  for (std::size_t s = 0; s < dead.size(); ++s) {
    metrics_.dead_letters.fetch_add(static_cast<std::int64_t>(dead[s].size()),
                                    std::memory_order_relaxed);
    if (config_.sample_rows > 0 && !dead[s].empty() && task.stages[s].metrics) {
      std::vector<std::string> letters;
      const std::size_t n = std::min(dead[s].size(), config_.sample_rows);
      for (std::size_t i = dead[s].size() - n; i < dead[s].size(); ++i) {
        letters.emplace_back();
        io::append_dead_letter_json(letters.back(), dead[s][i]);
      }
      task.stages[s].metrics->add_dead_letters(std::move(letters), config_.sample_rows);
    }
    TRIB_RETURN_IF_ERROR(write_dead(dead[s], *task.stages[s].dead));
    if (task.stages[s].dead_topic)
      TRIB_RETURN_IF_ERROR(write_dead_topic(dead[s], batch, *task.stages[s].dead_topic));
  }
  return {};
}

std::string Job::sqlite_writer(const Task& task) const {
  // Unique per job, table and task: several jobs may write one database.
  return config_.name + "/" + config_.sqlite_table + "/" + task.sink_name;
}

Status Job::write_topic(Task& task, const Batch& rows, std::int64_t batch) {
  if (rows.num_rows() == 0) return {};
  TRIB_RETURN_IF_ERROR(check_batch_ordinals(rows.num_rows()));
  std::vector<std::size_t> key_columns;
  for (const auto& k : config_.sink_key) {
    const auto at = rows.schema().index_of(k);
    if (!at) return error(ErrorCode::invalid_argument, "sink key: unknown field '" + k + "'");
    key_columns.push_back(*at);
  }
  io::JsonEncoder encoder(rows.schema());
  std::vector<io::SourceRecord> records(rows.num_rows());
  const std::int64_t now = wall_clock_ms();
  for (std::size_t r = 0; r < rows.num_rows(); ++r) {
    auto& rec = records[r];
    rec.ordinal = batch_ordinal(batch, r);
    encoder.append_row(rows, r, rec.value);
    rec.timestamp = now;
    if (!key_columns.empty()) {
      std::string key;
      for (std::size_t i = 0; i < key_columns.size(); ++i) {
        if (i > 0) key += '|';
        key += rows.column(key_columns[i]).to_string(r);
      }
      rec.key = std::move(key);
    }
  }
  return task.topic_writer->append(records);
}

Status Job::write_rows(Task& task, const Batch& rows, std::int64_t batch) {
  // The SQLite sink commits rows with the batch id: a re-run batch is skipped there. The file
  // sink is cut back to its committed size on restart instead.
  if (config_.on_rows && rows.num_rows() > 0) config_.on_rows(task.partition, rows);
  if (sqlite_) return sqlite_->write(sqlite_writer(task), batch, rows);
  if (config_.external_sink) {
    return rows.num_rows() == 0 ? Status{} : config_.external_sink->write(task.partition, rows);
  }
  if (task.topic_writer) return write_topic(task, rows, batch);
  if (rows.num_columns() == 0) return {};
  std::string text;
  if (config_.sink_format == JobConfig::SinkFormat::csv) {
    io::CsvEncoder csv;
    if (task.sink->size() == 0) csv.append_header(rows.schema(), text);
    csv.append_rows(rows, text);
  } else {
    io::JsonEncoder(rows.schema()).append_lines(rows, text);
  }
  return task.sink->append(text);
}

Status Job::commit(std::int64_t batch) {
  failpoint("after_sink_write");
  StateChanges changes;
  std::map<std::string, std::int64_t> sinks;
  for (auto& task : tasks_) {
    if (task->sink) {
      TRIB_RETURN_IF_ERROR(task->sink->sync());
      sinks[task->sink_name] = task->sink->size();
    }
    for (auto& stage : task->stages) {
      TRIB_RETURN_IF_ERROR(stage.dead->sync());
      sinks[stage.dead_sink] = stage.dead->size();
      if (stage.op) stage.op->save_changes(stage.state_id, changes);
    }
    if (task->merge)
      task->merge->save_changes(task->stages[task->merge_stages.front()].state_id, changes);
  }
  for (auto& table : tables_) {
    TRIB_RETURN_IF_ERROR(table->dead->sync());
    sinks[table->dead_sink] = table->dead->size();
  }
  if (finished_) changes.put.emplace_back("job", kFinishedKey, "1");
  // Everything handed to an external sink is acknowledged before the checkpoint says so.
  if (config_.external_sink) TRIB_RETURN_IF_ERROR(config_.external_sink->flush());
  failpoint("before_commit");
  TRIB_RETURN_IF_ERROR(store_->commit(batch, changes, sinks));
  metrics_.batches.fetch_add(1, std::memory_order_relaxed);
  const double duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - batch_started_)
          .count();
  metrics_.last_batch_ms.store(duration_ms, std::memory_order_relaxed);
  if (config_.on_batch) {
    JobConfig::BatchReport r;
    r.batch = batch;
    r.input_rows = metrics_.records_in.load() - batch_first_record_;
    r.duration_ms = duration_ms;
    r.stream_time = metrics_.stream_time.load();
    config_.on_batch(r);
  }
  next_batch_ = batch + 1;
  failpoint("after_commit");
  return {};
}

Status Job::finish_input(bool logged) {
  batch_started_ = std::chrono::steady_clock::now();
  batch_first_record_ = metrics_.records_in.load();
  // The end of input is a batch of its own, marked in the offset log, so that a crash in the
  // middle of it is recovered as a finish again (the SQLite sink then skips what it has).
  if (!logged)
    TRIB_RETURN_IF_ERROR(store_->log_offsets(next_batch_, {{"", kFinishPartition, 0, 0}}));
  // End of bounded input: each operator's final output flows through the rest of the job.
  for (auto& task : tasks_) {
    std::vector<std::vector<io::DeadLetter>> dead(task->stages.size());
    std::vector<Batch> outs;
    for (std::size_t k = 0; k < task->inputs.size(); ++k) {
      outs.push_back(
          run_stages(*task, task->inputs[k].chain, Batch(config_.inputs[k].schema), true, dead));
    }
    Batch result = task->merge
                       ? run_stages(*task, task->chain,
                                    run_merge(*task, std::move(outs), true, dead), true, dead)
                       : std::move(outs.front());
    metrics_.records_out.fetch_add(static_cast<std::int64_t>(result.num_rows()),
                                   std::memory_order_relaxed);
    TRIB_RETURN_IF_ERROR(write_rows(*task, result, next_batch_));
    TRIB_RETURN_IF_ERROR(write_dead_letters(*task, dead, next_batch_));
  }
  finished_ = true;
  return commit(next_batch_);
}

Status Job::run_until_caught_up(bool end_of_input) {
  if (finished_) return {};
  for (;;) {
    const auto started = std::chrono::steady_clock::now();
    TRIB_ASSIGN_OR_RETURN(bool ran, run_batch());
    if (!ran) break;
    if (config_.trigger == Trigger::interval) {
      // The next batch starts one interval after this one started (at once if it overran).
      std::this_thread::sleep_until(started + std::chrono::milliseconds(config_.trigger_ms));
    }
  }
  return end_of_input ? finish_input(false) : Status{};
}

}  // namespace tributary::stream
