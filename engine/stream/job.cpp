#include "stream/job.h"

#include <fcntl.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/failpoint.h"
#include "io/csv_decoder.h"
#include "io/json_decoder.h"
#include "io/json_encoder.h"
#include "log/file.h"
#include "log/record_batch.h"

namespace tributary::stream {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kFetchBytes = 1 << 20;
constexpr const char* kFinishedKey = "finished";
constexpr int kFinishPartition = -1;  // the offset-log entry of the end-of-input batch

// A file that only grows by whole batches and is cut back to its committed size on restart.
class SinkFile {
 public:
  static Result<std::unique_ptr<SinkFile>> open(const fs::path& path, std::int64_t committed) {
    std::unique_ptr<SinkFile> s(new SinkFile());
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    TRIB_ASSIGN_OR_RETURN(s->file_, log::File::open(path, O_RDWR | O_CREAT | O_APPEND));
    TRIB_RETURN_IF_ERROR(s->file_.truncate(static_cast<std::uint64_t>(committed)));  // drop an uncommitted tail
    s->size_ = committed;
    return s;
  }
  Status append(const std::string& bytes) {
    if (bytes.empty()) return {};
    TRIB_RETURN_IF_ERROR(file_.write_all(bytes.data(), bytes.size()));
    size_ += static_cast<std::int64_t>(bytes.size());
    return {};
  }
  Status sync() { return file_.sync_data(); }
  std::int64_t size() const { return size_; }

 private:
  log::File file_;
  std::int64_t size_ = 0;
};

fs::path part_path(const fs::path& base, int partition, int partitions, const char* suffix = "",
                   const char* extension = nullptr) {
  if (partitions == 1 && *suffix == '\0' && extension == nullptr) return base;
  fs::path p = base;
  std::string name = base.stem().string();
  if (partitions > 1) name += "-" + std::to_string(partition);
  name += suffix;
  p.replace_filename(name + (extension ? std::string(extension) : base.extension().string()));
  return p;
}

}  // namespace

struct Job::Task {
  int partition = 0;
  std::vector<std::unique_ptr<Operator>> chain;
  std::unique_ptr<io::JsonDecoder> decoder;
  std::unique_ptr<SinkFile> sink;
  // Dead letters, {"reason","position","raw"} per line: [0] from decoding, [i + 1] from
  // operator i. One output per stage, like a dead-letter topic per node, so that each is in
  // input order whatever the batch cuts.
  std::vector<std::unique_ptr<SinkFile>> dead;
  std::string sink_name;
  std::int64_t position = 0;
  Status status;
};

Job::~Job() = default;

std::string Job::dead_name(const Task& task, std::size_t stage) {
  return "dead-" + std::to_string(task.partition) + "-" + std::to_string(stage);
}

Result<std::unique_ptr<Job>> Job::open(const JobConfig& config, log::LogManager& logs) {
  std::unique_ptr<Job> job(new Job());
  job->config_ = config;
  TRIB_ASSIGN_OR_RETURN(job->topic_, logs.topic(config.input_topic));
  TRIB_ASSIGN_OR_RETURN(job->store_, CheckpointStore::open(config.checkpoint_path));
  const int partitions = job->topic_->partition_count();
  for (int p = 0; p < partitions; ++p) {
    auto task = std::make_unique<Task>();
    task->partition = p;
    task->decoder = std::make_unique<io::JsonDecoder>(config.input_schema);
    Schema schema = config.input_schema;
    for (std::size_t i = 0; i < config.chain.size(); ++i) {
      auto op = config.chain[i](schema);
      if (!op.ok()) return error(ErrorCode::invalid_argument, "operator " + std::to_string(i) + ": " + op.status().message());
      schema = (*op)->output_schema();
      task->chain.push_back(std::move(op).value());
    }
    task->sink_name = "sink-" + std::to_string(p);
    job->tasks_.push_back(std::move(task));
  }
  if (!config.sqlite_table.empty()) {
    const Schema& out = job->tasks_.front()->chain.empty() ? config.input_schema
                                                           : job->tasks_.front()->chain.back()->output_schema();
    TRIB_ASSIGN_OR_RETURN(job->sqlite_, SqliteSink::open(config.sink_path, config.sqlite_table, out));
  }
  TRIB_RETURN_IF_ERROR(job->recover());
  return job;
}

Status Job::recover() {
  const int partitions = static_cast<int>(tasks_.size());
  for (auto& task : tasks_) {
    for (std::size_t i = 0; i < task->chain.size(); ++i) {
      const std::string id = "p" + std::to_string(task->partition) + "/" + std::to_string(i);
      Status restored;
      TRIB_RETURN_IF_ERROR(store_->load_state(id, [&](std::string_view k, std::string_view v) {
        if (restored.ok()) restored = task->chain[i]->restore(k, v);
      }));
      TRIB_RETURN_IF_ERROR(restored);
    }
    if (!sqlite_) {
      TRIB_ASSIGN_OR_RETURN(auto sink_size, store_->sink_position(task->sink_name));
      TRIB_ASSIGN_OR_RETURN(task->sink, SinkFile::open(part_path(config_.sink_path, task->partition, partitions),
                                                       sink_size.value_or(0)));
    }
    for (std::size_t stage = 0; stage <= task->chain.size(); ++stage) {
      TRIB_ASSIGN_OR_RETURN(auto dead_size, store_->sink_position(dead_name(*task, stage)));
      const std::string suffix = stage == 0 ? ".dead" : ".dead-" + std::to_string(stage - 1);
      TRIB_ASSIGN_OR_RETURN(auto file, SinkFile::open(part_path(config_.sink_path, task->partition, partitions,
                                                                suffix.c_str(), sqlite_ ? ".jsonl" : nullptr),
                                                      dead_size.value_or(0)));
      task->dead.push_back(std::move(file));
    }
    task->position = topic_->partition(task->partition).start_offset();
  }
  TRIB_RETURN_IF_ERROR(store_->load_state("job", [&](std::string_view k, std::string_view) {
    if (k == kFinishedKey) finished_ = true;
  }));
  TRIB_ASSIGN_OR_RETURN(auto committed, store_->last_committed());
  TRIB_ASSIGN_OR_RETURN(auto logged, store_->last_logged());
  if (committed) {
    TRIB_ASSIGN_OR_RETURN(auto ranges, store_->offsets_of(*committed));
    for (const auto& r : ranges) {
      if (r.partition >= 0) tasks_[static_cast<std::size_t>(r.partition)]->position = r.end;
    }
    next_batch_ = *committed + 1;
  }
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
  const std::int64_t per_partition =
      config_.max_records_per_batch > 0
          ? std::max<std::int64_t>(1, (config_.max_records_per_batch + static_cast<std::int64_t>(tasks_.size()) - 1) /
                                          static_cast<std::int64_t>(tasks_.size()))
          : 0;
  for (const auto& task : tasks_) {
    const std::int64_t end_offset = topic_->partition(task->partition).end_offset();
    std::int64_t end = end_offset;
    if (per_partition > 0) end = std::min(end, task->position + per_partition);
    ranges.push_back({config_.input_topic, task->partition, task->position, end});
    any = any || end > task->position;
  }
  if (!any) return false;
  TRIB_RETURN_IF_ERROR(store_->log_offsets(next_batch_, ranges));
  failpoint("after_offset_log");
  TRIB_RETURN_IF_ERROR(execute(next_batch_, ranges));
  return true;
}

Status Job::execute(std::int64_t batch, const std::vector<OffsetRange>& ranges) {
  // Tasks are independent (own state, own sink file): spread them over the worker threads.
  const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(config_.threads, tasks_.size()));
  auto run_some = [&](std::size_t first) {
    for (std::size_t i = first; i < ranges.size(); i += threads) {
      auto& task = *tasks_[static_cast<std::size_t>(ranges[i].partition)];
      task.status = run_task(task, ranges[i], batch);
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(run_some, t);
  run_some(0);
  for (auto& w : workers) w.join();
  for (const auto& task : tasks_) TRIB_RETURN_IF_ERROR(task->status);
  for (const auto& r : ranges) tasks_[static_cast<std::size_t>(r.partition)]->position = r.end;
  return commit(batch);
}

Status Job::run_task(Task& task, const OffsetRange& range, std::int64_t batch) {
  auto& log = topic_->partition(task.partition);
  Batch input(config_.input_schema);
  std::vector<std::vector<io::DeadLetter>> dead(task.chain.size() + 1);
  ByteBuffer buf;
  std::string position_prefix = config_.input_topic + "-" + std::to_string(task.partition) + "@";
  const bool csv = config_.input_format == JobConfig::Format::csv;
  std::vector<ByteBuffer> fetched_buffers;  // CSV rows are decoded together at the end
  std::vector<std::pair<std::int64_t, std::string_view>> csv_values;
  for (std::int64_t offset = range.start; offset < range.end;) {
    buf.clear();
    TRIB_ASSIGN_OR_RETURN(log::FetchResult fetched, log.read(offset, kFetchBytes, buf));
    if (fetched.bytes == 0) return error(ErrorCode::out_of_range, log.name() + " ends before offset " + std::to_string(range.end));
    std::size_t pos = 0;
    while (pos < buf.size()) {
      const std::size_t size = log::peek_batch_size(buf.span().subspan(pos));
      TRIB_ASSIGN_OR_RETURN(auto reader, log::RecordBatchReader::open(buf.span().subspan(pos, size)));
      log::RecordView rec;
      while (reader.next(rec)) {
        if (rec.offset < offset || rec.offset >= range.end) continue;
        metrics_.records_in.fetch_add(1, std::memory_order_relaxed);
        if (csv) {
          csv_values.emplace_back(rec.offset, rec.value.value_or(std::string_view()));
          continue;
        }
        TRIB_RETURN_IF_ERROR(task.decoder->decode_value(rec.value.value_or(std::string_view()),
                                                        position_prefix + std::to_string(rec.offset), input, dead[0]));
      }
      TRIB_RETURN_IF_ERROR(reader.status());
      pos += size;
    }
    offset = std::min(range.end, fetched.next_offset);
    if (csv) {  // the views in csv_values point into this buffer: keep it
      fetched_buffers.push_back(std::move(buf));
      buf = ByteBuffer();
    }
  }
  if (csv) TRIB_RETURN_IF_ERROR(decode_csv(task, csv_values, input, dead[0]));
  // Through the chain; what an operator rejects becomes a dead letter naming the operator.
  Batch current = std::move(input);
  for (std::size_t i = 0; i < task.chain.size(); ++i) {
    Batch out(task.chain[i]->output_schema());
    std::vector<Rejected> rejected;
    if (current.num_rows() > 0) task.chain[i]->process(current, out, rejected);
    task.chain[i]->end_batch(out);
    for (const auto& r : rejected) {
      io::DeadLetter d;
      d.reason = r.reason;
      d.position = config_.input_topic + "-" + std::to_string(task.partition) + " operator " + std::to_string(i);
      std::string row;
      io::JsonEncoder(current.schema()).append_row(current, r.row, row);
      d.raw = std::move(row);
      dead[i + 1].push_back(std::move(d));
    }
    current = std::move(out);
  }
  metrics_.records_out.fetch_add(static_cast<std::int64_t>(current.num_rows()), std::memory_order_relaxed);
  TRIB_RETURN_IF_ERROR(write_rows(task, current, batch));
  for (std::size_t stage = 0; stage < dead.size(); ++stage) {
    std::string dead_text;
    for (const auto& d : dead[stage]) {
      dead_text += "{\"reason\":";
      io::append_json_string(dead_text, d.reason);
      dead_text += ",\"position\":";
      io::append_json_string(dead_text, d.position);
      dead_text += ",\"raw\":";
      io::append_json_string(dead_text, d.raw);
      dead_text += "}\n";
    }
    metrics_.dead_letters.fetch_add(static_cast<std::int64_t>(dead[stage].size()), std::memory_order_relaxed);
    TRIB_RETURN_IF_ERROR(task.dead[stage]->append(dead_text));
  }
  return {};
}

Status Job::decode_csv(Task& task, const std::vector<std::pair<std::int64_t, std::string_view>>& values, Batch& out,
                       std::vector<io::DeadLetter>& dead) const {
  if (values.empty()) return {};
  io::CsvDecodeOptions options;
  options.separator = config_.csv_separator;
  options.header = false;
  for (const auto& f : config_.input_schema.fields()) {
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
    for (std::size_t c = 0; c < decoded.num_columns(); ++c) out.column(c).append_from(decoded.column(c), r);
  }
  const std::string prefix = config_.input_topic + "-" + std::to_string(task.partition) + "@";
  for (auto& d : decoder.take_dead_letters()) {
    const std::uint64_t at = std::stoull(d.position.substr(d.position.rfind(':') + 1));
    const auto it = std::upper_bound(first_lines.begin(), first_lines.end(), at);
    d.position = prefix + std::to_string(values[static_cast<std::size_t>(it - first_lines.begin()) - 1].first);
    dead.push_back(std::move(d));
  }
  return {};
}

Status Job::write_rows(Task& task, const Batch& rows, std::int64_t batch) {
  // The SQLite sink commits rows with the batch id: a re-run batch is skipped there. The file
  // sink is cut back to its committed size on restart instead.
  if (sqlite_) return sqlite_->write(task.sink_name, batch, rows);
  if (rows.num_columns() == 0) return {};
  std::string text;
  io::JsonEncoder(rows.schema()).append_lines(rows, text);
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
    for (std::size_t stage = 0; stage < task->dead.size(); ++stage) {
      TRIB_RETURN_IF_ERROR(task->dead[stage]->sync());
      sinks[dead_name(*task, stage)] = task->dead[stage]->size();
    }
    for (std::size_t i = 0; i < task->chain.size(); ++i) {
      task->chain[i]->save_changes("p" + std::to_string(task->partition) + "/" + std::to_string(i), changes);
    }
  }
  if (finished_) changes.put.emplace_back("job", kFinishedKey, "1");
  failpoint("before_commit");
  TRIB_RETURN_IF_ERROR(store_->commit(batch, changes, sinks));
  metrics_.batches.fetch_add(1, std::memory_order_relaxed);
  next_batch_ = batch + 1;
  failpoint("after_commit");
  return {};
}

Status Job::finish_input(bool logged) {
  // The end of input is a batch of its own, marked in the offset log, so that a crash in the
  // middle of it is recovered as a finish again (the SQLite sink then skips what it has).
  if (!logged) TRIB_RETURN_IF_ERROR(store_->log_offsets(next_batch_, {{"", kFinishPartition, 0, 0}}));
  // End of bounded input: each operator's final output flows through the rest of the chain.
  for (auto& task : tasks_) {
    Batch carry;
    for (std::size_t i = 0; i < task->chain.size(); ++i) {
      Batch out(task->chain[i]->output_schema());
      std::vector<Rejected> rejected;
      if (carry.num_rows() > 0) task->chain[i]->process(carry, out, rejected);
      task->chain[i]->end_batch(out);
      task->chain[i]->finish(out);
      carry = std::move(out);
    }
    TRIB_RETURN_IF_ERROR(write_rows(*task, carry, next_batch_));
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
