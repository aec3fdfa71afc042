// Runs a compiled plan (pipeline/plan.h) on a data dir: creates its topics, runs one thread
// per ingest task and per job, and reports progress a few times a second. A run ends by
// itself when every source is bounded and exhausted and every job has caught up and closed
// its windows; `stop` ends it early, after the current batch (the checkpoint is consistent
// after every batch, so the next run continues from there).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/batch.h"
#include "core/status.h"
#include "pipeline/pipeline.h"
#include "pipeline/plan.h"
#include "runtime/chart_buffer.h"
#include "stream/job.h"

namespace tributary::log {
class LogManager;
}

namespace tributary::runtime {

struct SourceProgress {
  std::string node;
  std::int64_t records = 0;
  double records_per_s = 0;
  std::int64_t dead_letters = 0;
  bool done = false;
};

struct TopicProgress {
  std::string name;
  std::int64_t end_offset = 0;  // summed over partitions
};

struct JobProgress {
  std::string name;
  std::int64_t batches = 0;
  double last_batch_ms = 0;
  std::int64_t records_in = 0;
  std::int64_t records_out = 0;
  std::int64_t dead_letters = 0;
  std::int64_t lag = 0;  // records of its input topics not yet read
  bool finished = false;
  std::int64_t stream_time = INT64_MIN;  // the largest event time read (the watermark before grace)
};

// A node inside a job (summed over its tasks, and over the jobs that run it).
struct NodeProgress {
  std::string node;
  std::int64_t rows_in = 0;
  std::int64_t rows_out = 0;
  std::int64_t rejected = 0;  // late and other dead letters of this node
  double rows_per_s = 0;      // in, since the last snapshot
  // What its operators tell of their state (a model's centroids, weights, metrics): one JSON
  // object per task that told something, from one of the jobs that run the node.
  std::vector<std::string> states;
  // With RunOptions::sample_rows: its latest output rows (a sink: the rows it received) and
  // dead letters, as JSON objects, oldest first.
  std::vector<std::string> latest_rows;
  std::vector<std::string> latest_dead_letters;
};

struct ChartProgress {
  std::string node;
  bool bars = false;  // a text x: keyed totals
  std::vector<ChartSeries> series;
};

struct Progress {
  double elapsed_s = 0;
  std::vector<SourceProgress> sources;
  std::vector<TopicProgress> topics;
  std::vector<JobProgress> jobs;
  std::vector<NodeProgress> nodes;  // in order of first appearance in the jobs
  std::vector<ChartProgress> charts;
};

struct RunOptions {
  std::filesystem::path data_dir;
  // The data dir's log when this process already owns it (the app while its Kafka broker
  // serves the same topics); otherwise the run opens it itself.
  log::LogManager* logs = nullptr;
  bool from_scratch = false;  // delete the pipeline's topics and state first
  int progress_ms = 250;
  std::function<void(const Progress&)> on_progress;
  // Rows a sink.console or sink.chart node received (node id, rows).
  std::function<void(const std::string& node, const Batch& rows)> on_rows;
  const std::atomic<bool>* stop = nullptr;
  // While true, sources and jobs wait (a pause; pacing starts again after it).
  const std::atomic<bool>* pause = nullptr;
  // When set and >= 0, the pace of every source (0 = as fast as possible), instead of its own.
  const std::atomic<double>* speed = nullptr;
  // False: sources that read another system's log (source.kafka) do not commit their
  // position there (a preview must not move a consumer group).
  bool commit_offsets = true;
  // Rows and dead letters kept per node for the snapshot (the app's data preview).
  std::size_t sample_rows = 0;
  // Each committed micro-batch of a job, with the job's lag then (the workspace's history).
  std::function<void(const std::string& job, const stream::JobConfig::BatchReport&,
                     std::int64_t lag)>
      on_batch;
};

// Runs `plan` to the end (or until stop). Returns the first error of any task.
Status run_plan(const pipeline::Plan& plan, const pipeline::Settings& settings,
                const RunOptions& options, Progress* final_progress = nullptr);

// Where a pipeline's checkpoints and console/chart copies live in a data dir.
std::filesystem::path state_dir(const std::filesystem::path& data_dir, const std::string& pipeline);

}  // namespace tributary::runtime
