#include "runtime/pipeline_run.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "io/generator_source.h"
#include "io/ingest_task.h"
#include "io/json_encoder.h"
#include "io/kafka_source.h"
#include "io/replay_source.h"
#include "io/source_writer.h"
#include "io/tcp_source.h"
#include "log/log_manager.h"
#include "stream/job.h"
#include "stream/kafka_sink.h"

namespace tributary::runtime {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path state_dir(const fs::path& data_dir, const std::string& pipeline) {
  return data_dir / "pipelines" / pipeline;
}

namespace {

log::TopicConfig topic_config(const pipeline::TopicPlan& t) {
  log::TopicConfig c;
  c.partitions = t.partitions;
  c.log.retention_ms = t.retention_ms;
  c.log.retention_bytes = t.retention_bytes;
  c.log.flush = t.flush == "always"  ? log::FlushPolicy::always
                : t.flush == "never" ? log::FlushPolicy::never
                                     : log::FlushPolicy::interval;
  return c;
}

// "node.param: message" for an error that starts with a parameter ("bootstrap: ..."), else
// "node: message".
Status on_node(const std::string& node, const Status& s) {
  const std::string& m = s.message();
  const auto colon = m.find(": ");
  const bool param = colon != std::string::npos && colon > 0 &&
                     std::all_of(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(colon),
                                 [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  return error(s.code(), node + (param ? "." : ": ") + m);
}

Result<std::unique_ptr<io::RowSource>> make_source(const pipeline::IngestPlan& i,
                                                   const fs::path& base, bool commit) {
  const auto& p = i.params;
  if (i.kind == "source.generator") {
    io::GeneratorSpec g;
    g.preset = p.value("preset", "");
    g.seed = static_cast<std::uint64_t>(p.value("seed", 1));
    g.rate = p.value("rate", 1000.0);
    g.count = p.value("count", 0);
    return io::make_generator(g);
  }
  if (i.kind == "source.replay") {
    io::ReplaySpec r;
    r.path = base / p.value("path", "");
    std::string format = p.value("format", "");
    if (format.empty()) format = r.path.extension() == ".csv" ? "csv" : "jsonl";
    r.format = format == "csv" ? io::ReplaySpec::Format::csv : io::ReplaySpec::Format::jsonl;
    r.schema = i.schema;
    r.loop = p.value("loop", false);
    auto source = io::make_replay(r);
    if (!source.ok())
      return error(source.status().code(), i.node + ".path: " + source.status().message());
    return source;
  }
  if (i.kind == "source.tcp") {
    io::TcpSpec t;
    t.host = p.value("host", "127.0.0.1");
    t.port = p.value("port", 0);
    t.format =
        p.value("format", "jsonl") == "csv" ? io::TcpSpec::Format::csv : io::TcpSpec::Format::jsonl;
    t.schema = i.schema;
    auto source = io::TcpSource::open(t);
    if (!source.ok())
      return error(source.status().code(), i.node + ".port: " + source.status().message());
    return std::unique_ptr<io::RowSource>(std::move(source).value());
  }
  if (i.kind == "source.kafka") {
    io::KafkaSourceSpec k;
    k.bootstrap = p.value("bootstrap", k.bootstrap);
    k.topic = p.value("topic", "");
    if (p.contains("group") && p["group"].is_string()) k.group = p["group"].get<std::string>();
    const std::string start = p.value("start", "earliest");
    k.start = start == "latest"      ? io::KafkaSourceSpec::Start::latest
              : start == "committed" ? io::KafkaSourceSpec::Start::committed
                                     : io::KafkaSourceSpec::Start::earliest;
    k.format = p.value("format", "jsonl") == "csv" ? io::KafkaSourceSpec::Format::csv
                                                   : io::KafkaSourceSpec::Format::jsonl;
    k.schema = i.schema;
    k.stop_at_end = p.value("stop_at_end", false);
    k.timeout_ms = p.value("timeout_ms", k.timeout_ms);
    k.commit = commit;
    auto source = io::KafkaSource::open(k);
    if (!source.ok()) return on_node(i.node, source.status());
    return std::unique_ptr<io::RowSource>(std::move(source).value());
  }
  return error(ErrorCode::invalid_argument, i.node + ": " + i.kind + " is not built yet");
}

Status write_dead_letters(const std::vector<io::DeadLetter>& letters, io::SourceWriter* writer) {
  if (letters.empty() || !writer) return {};
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  std::vector<io::SourceRecord> records(letters.size());
  std::int64_t ordinal = writer->resume_from();
  for (std::size_t k = 0; k < letters.size(); ++k) {
    records[k].ordinal = ordinal++;
    io::append_dead_letter_json(records[k].value, letters[k]);
    records[k].timestamp = now;
  }
  return writer->append(records);
}

}  // namespace

Status run_plan(const pipeline::Plan& plan, const pipeline::Settings& settings,
                const RunOptions& options, Progress* final_progress) {
  const fs::path state = state_dir(options.data_dir, plan.pipeline);
  std::unique_ptr<log::LogManager> own_logs;
  log::LogManager* logs = options.logs;
  if (logs == nullptr) {
    log::LogManager::Options lo;
    lo.data_dir = options.data_dir;
    TRIB_ASSIGN_OR_RETURN(own_logs, log::LogManager::open(lo));
    logs = own_logs.get();
  }
  if (options.from_scratch) {
    for (const auto& t : plan.topics) {
      if (!t.external && logs->topic(t.name).ok()) TRIB_RETURN_IF_ERROR(logs->delete_topic(t.name));
    }
    std::error_code ec;
    fs::remove_all(state, ec);
  }
  for (const auto& t : plan.topics) {
    if (logs->topic(t.name).ok()) continue;
    if (t.external) return error(ErrorCode::not_found, t.node + ".topic: unknown topic " + t.name);
    TRIB_RETURN_IF_ERROR(logs->create_topic(t.name, topic_config(t)).status());
  }
  fs::create_directories(state / "checkpoints");

  std::vector<std::unique_ptr<io::IngestTask>> ingests;
  // Per ingest task, the writer of its dead-letter topic. At least once: lines re-read after
  // a crash give their dead letters again (the records themselves are exactly once).
  std::vector<std::unique_ptr<io::SourceWriter>> ingest_dead;
  for (const auto& i : plan.ingests) {
    TRIB_ASSIGN_OR_RETURN(auto topic, logs->topic(i.topic));
    TRIB_ASSIGN_OR_RETURN(auto source, make_source(i, fs::path(), options.commit_offsets));
    io::IngestSpec spec;
    spec.name = plan.pipeline + "/" + i.node;  // unique across pipelines sharing a topic
    spec.key = i.key;
    spec.time_field = i.time_field;
    spec.speed = i.params.value("speed", i.kind == "source.replay" ? 1.0 : 0.0);
    auto task = io::IngestTask::open(spec, std::move(source), topic);
    if (!task.ok()) return error(task.status().code(), i.node + ": " + task.status().message());
    ingests.push_back(std::move(task).value());
    std::unique_ptr<io::SourceWriter> dead;
    if (!i.dead_letter_topic.empty()) {
      TRIB_ASSIGN_OR_RETURN(auto dlq, logs->topic(i.dead_letter_topic));
      TRIB_ASSIGN_OR_RETURN(dead, io::SourceWriter::open(dlq, spec.name + "/dead"));
    }
    ingest_dead.push_back(std::move(dead));
  }
  std::vector<std::unique_ptr<stream::Job>> jobs;
  std::vector<std::pair<std::string, std::shared_ptr<ChartBuffer>>> charts;
  // The rows each sink received, for the preview: node -> its latest rows.
  struct SinkSample {
    std::mutex mutex;
    std::deque<std::string> rows;
  };
  std::map<std::string, std::shared_ptr<SinkSample>> sink_samples;
  for (const auto& j : plan.jobs) {
    stream::JobConfig c = j.config;
    c.checkpoint_path = state / "checkpoints" / (j.state_name + ".sqlite");
    c.trigger = settings.trigger == "continuous"      ? stream::Trigger::continuous
                : settings.trigger == "available-now" ? stream::Trigger::available_now
                                                      : stream::Trigger::interval;
    c.trigger_ms = settings.trigger_ms;
    c.max_records_per_batch = settings.max_records_per_batch;
    c.sample_rows = options.sample_rows;
    c.threads = settings.threads > 0
                    ? static_cast<int>(settings.threads)
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const std::string& kind = j.sink.kind;
    if (kind == "sink.jsonl" || kind == "sink.csv" || kind == "sink.sqlite") {
      c.sink_path = j.sink.path;
      if (kind == "sink.csv") c.sink_format = stream::JobConfig::SinkFormat::csv;
      if (kind == "sink.sqlite") c.sqlite_table = j.sink.params.value("table", "");
    } else if (kind == "sink.topic") {
      c.sink_topic = j.sink.params.value("topic", "");
      for (const auto& k : j.sink.params.value("key", nlohmann::json::array()))
        c.sink_key.push_back(k.get<std::string>());
      c.sink_path = state / (j.state_name + ".jsonl");  // where its dead letters go
    } else if (kind == "sink.kafka") {
      const auto& p = j.sink.params;
      stream::KafkaSinkSpec k;
      k.bootstrap = p.value("bootstrap", k.bootstrap);
      k.topic = p.value("topic", "");
      k.format = p.value("format", "jsonl") == "csv" ? stream::KafkaSinkSpec::Format::csv
                                                     : stream::KafkaSinkSpec::Format::jsonl;
      if (p.contains("key") && p["key"].is_string()) k.key = p["key"].get<std::string>();
      k.acks = p.value("acks", k.acks);
      k.compression = p.value("compression", k.compression);
      k.idempotent = p.value("idempotent", k.idempotent);
      k.timeout_ms = p.value("timeout_ms", k.timeout_ms);
      auto sink = stream::KafkaSink::open(k);
      if (!sink.ok()) return on_node(j.sink.node, sink.status());
      c.external_sink = std::move(sink).value();
      c.sink_path = state / (j.state_name + ".jsonl");  // where its dead letters go
    } else {
      // Console and chart: what they showed is also kept, exactly once, in the state dir.
      c.sink_path = state / (j.sink.node + ".jsonl");
      std::shared_ptr<ChartBuffer> chart;
      if (kind == "sink.chart") {
        ChartSpec spec;
        spec.x = j.sink.params.value("x", "");
        for (const auto& y : j.sink.params.value("y", nlohmann::json::array()))
          spec.y.push_back(y.get<std::string>());
        if (j.sink.params.contains("series") && j.sink.params["series"].is_string())
          spec.series = j.sink.params["series"].get<std::string>();
        spec.max_rows = j.sink.params.value("max_rows", 1000);
        chart = std::make_shared<ChartBuffer>(spec);
        charts.emplace_back(j.sink.node, chart);
      }
      if (options.on_rows || chart) {
        c.on_rows = [node = j.sink.node, cb = options.on_rows, chart](int, const Batch& rows) {
          if (chart) chart->add(rows);
          if (cb) cb(node, rows);
        };
      }
    }
    if (options.sample_rows > 0 && !j.sink.node.empty() && j.state_name == j.sink.node) {
      auto sample = std::make_shared<SinkSample>();
      sink_samples[j.sink.node] = sample;
      c.on_rows = [sample, keep = options.sample_rows, next = c.on_rows](int p, const Batch& rows) {
        if (next) next(p, rows);
        const std::size_t n = std::min(rows.num_rows(), keep);
        io::JsonEncoder encoder(rows.schema());
        std::lock_guard lock(sample->mutex);
        for (std::size_t i = rows.num_rows() - n; i < rows.num_rows(); ++i) {
          sample->rows.emplace_back();
          encoder.append_row(rows, i, sample->rows.back());
        }
        while (sample->rows.size() > keep) sample->rows.pop_front();
      };
    }
    if (options.on_batch) {
      // Lag: what the job's input topics hold that it has not read, right after the batch.
      c.on_batch = [&, name = j.name, inputs = j.config.inputs,
                    job_index = jobs.size()](const stream::JobConfig::BatchReport& r) {
        std::int64_t available = 0;
        for (const auto& in : inputs) {
          auto topic = logs->topic(in.topic);
          if (!topic.ok()) continue;
          for (int q = 0; q < (*topic)->partition_count(); ++q)
            available += (*topic)->partition(q).end_offset();
        }
        const std::int64_t read =
            job_index < jobs.size() ? jobs[job_index]->metrics().positions.load() : available;
        options.on_batch(name, r, std::max<std::int64_t>(0, available - read));
      };
    }
    auto job = stream::Job::open(c, *logs);
    if (!job.ok()) return error(job.status().code(), j.sink.node + ": " + job.status().message());
    jobs.push_back(std::move(job).value());
  }

  // Which tasks write each topic (ingest tasks, and jobs writing internal topics): a job may
  // finish once they are all done, and starts only once the writers of its tables are (a
  // table is loaded before it is looked up). Writer w < ingests is ingest w, else job w - n.
  std::map<std::string, std::vector<std::size_t>> writers;
  for (std::size_t i = 0; i < plan.ingests.size(); ++i) writers[plan.ingests[i].topic].push_back(i);
  for (std::size_t j = 0; j < plan.jobs.size(); ++j) {
    if (plan.jobs[j].sink.kind == "sink.topic")
      writers[plan.jobs[j].sink.params.value("topic", "")].push_back(ingests.size() + j);
  }
  const std::vector<std::size_t> none;
  auto writers_of = [&](const std::string& topic) -> const std::vector<std::size_t>& {
    const auto it = writers.find(topic);  // read-only from the job threads
    return it == writers.end() ? none : it->second;
  };
  std::vector<std::atomic<bool>> ingest_done(ingests.size());
  std::vector<std::atomic<bool>> job_done(jobs.size());
  auto writer_done = [&](std::size_t w) {
    return w < ingest_done.size() ? ingest_done[w].load() : job_done[w - ingest_done.size()].load();
  };
  std::mutex error_mutex;
  Status first_error;
  std::atomic<bool> failed{false};
  auto report = [&](const Status& s) {
    std::lock_guard lock(error_mutex);
    if (first_error.ok()) first_error = s;
    failed = true;
  };
  auto stopping = [&] { return failed.load() || (options.stop && options.stop->load()); };
  auto paused = [&] { return options.pause && options.pause->load(); };
  auto topics_done = [&](const std::vector<std::string>& topics) {
    for (const auto& t : topics) {
      for (std::size_t w : writers_of(t)) {
        if (!writer_done(w)) return false;
      }
      const pipeline::TopicPlan* tp = plan.topic(t);
      if (tp && tp->external) return false;  // someone else writes it: never known to be done
    }
    return true;
  };

  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < ingests.size(); ++i) {
    threads.emplace_back([&, i] {
      double speed = -1;
      for (;;) {
        if (stopping()) return;
        if (paused()) {
          while (paused() && !stopping())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          ingests[i]->restart_pacing();
          continue;
        }
        if (options.speed && options.speed->load() >= 0 && options.speed->load() != speed) {
          speed = options.speed->load();
          ingests[i]->set_speed(speed);
        }
        auto more = ingests[i]->poll();
        if (!more.ok())
          return report(
              error(more.status().code(), plan.ingests[i].node + ": " + more.status().message()));
        if (Status s = write_dead_letters(ingests[i]->take_dead_letters(), ingest_dead[i].get());
            !s.ok())
          return report(error(s.code(), plan.ingests[i].node + ": dead letters: " + s.message()));
        if (Status s = ingests[i]->stored(); !s.ok()) return report(on_node(plan.ingests[i].node, s));
        if (!*more) break;
      }
      ingest_done[i] = true;
    });
  }
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    threads.emplace_back([&, j] {
      const auto& jp = plan.jobs[j];
      std::vector<std::string> inputs;
      for (const auto& in : jp.config.inputs) inputs.push_back(in.topic);
      // Tables that this pipeline ingests are loaded first; a table someone else writes is
      // read as far as it goes (every batch reads tables to their end anyway).
      auto tables_loaded = [&] {
        for (const auto& t : jp.table_topics) {
          for (std::size_t w : writers_of(t)) {
            if (!writer_done(w)) return false;
          }
        }
        return true;
      };
      while (!tables_loaded()) {
        if (stopping()) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      const auto pause =
          std::chrono::milliseconds(settings.trigger == "interval" ? settings.trigger_ms : 5);
      for (;;) {
        if (stopping()) return;
        if (paused()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          continue;
        }
        const bool inputs_done = topics_done(inputs);  // before the batch: no record can be missed
        const auto started = Clock::now();
        auto ran = jobs[j]->run_batch();
        if (!ran.ok())
          return report(error(ran.status().code(), jp.sink.node + ": " + ran.status().message()));
        if (!*ran && inputs_done) break;
        if (!*ran || settings.trigger == "interval") std::this_thread::sleep_until(started + pause);
      }
      // Bounded input, all read: close every window.
      if (Status s = jobs[j]->run_until_caught_up(true); !s.ok()) return report(s);
      job_done[j] = true;
    });
  }

  const auto started = Clock::now();
  std::vector<std::int64_t> last_records(ingests.size(), 0);
  auto last_time = started;
  std::map<std::string, std::int64_t> last_rows_in;  // per node
  auto snapshot = [&] {
    Progress p;
    const auto now = Clock::now();
    p.elapsed_s = std::chrono::duration<double>(now - started).count();
    const double dt = std::max(1e-3, std::chrono::duration<double>(now - last_time).count());
    for (std::size_t i = 0; i < ingests.size(); ++i) {
      const auto records = ingests[i]->metrics().records.load();
      p.sources.push_back({plan.ingests[i].node, records,
                           static_cast<double>(records - last_records[i]) / dt,
                           ingests[i]->metrics().dead_letters.load(), ingest_done[i].load()});
      last_records[i] = records;
    }
    last_time = now;
    std::map<std::string, std::int64_t> ends;
    for (const auto& t : plan.topics) {
      auto topic = logs->topic(t.name);
      if (!topic.ok()) continue;
      std::int64_t end = 0;
      for (int q = 0; q < (*topic)->partition_count(); ++q)
        end += (*topic)->partition(q).end_offset();
      p.topics.push_back({t.name, end});
      ends[t.name] = end;
    }
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      const auto& m = jobs[j]->metrics();
      JobProgress jp;
      jp.name = plan.jobs[j].name;
      jp.batches = m.batches.load();
      jp.last_batch_ms = m.last_batch_ms.load();
      jp.records_in = m.records_in.load();
      jp.records_out = m.records_out.load();
      jp.dead_letters = m.dead_letters.load();
      jp.finished = job_done[j].load();
      std::int64_t available = 0;
      for (const auto& in : plan.jobs[j].config.inputs) available += ends[in.topic];
      jp.lag = job_done[j].load() ? 0 : std::max<std::int64_t>(0, available - m.positions.load());
      jp.stream_time = m.stream_time.load();
      p.jobs.push_back(jp);
      // A node upstream of several sinks runs in each of their jobs: its counts are summed.
      for (const auto& op : m.operators) {
        auto it = std::find_if(p.nodes.begin(), p.nodes.end(),
                               [&](const NodeProgress& n) { return n.node == op->node(); });
        if (it == p.nodes.end()) {
          p.nodes.push_back({});
          it = p.nodes.end() - 1;
          it->node = op->node();
        }
        it->rows_in += op->rows_in.load();
        it->rows_out += op->rows_out.load();
        it->rejected += op->rejected.load();
        if (it->states.empty()) it->states = op->states();
        if (options.sample_rows > 0 && it->latest_rows.empty()) {
          it->latest_rows = op->latest_rows();
          it->latest_dead_letters = op->latest_dead_letters();
        }
      }
    }
    for (const auto& [node, sample] : sink_samples) {
      NodeProgress n;
      n.node = node;
      std::lock_guard lock(sample->mutex);
      n.latest_rows.assign(sample->rows.begin(), sample->rows.end());
      p.nodes.push_back(std::move(n));
    }
    for (auto& n : p.nodes) {
      n.rows_per_s = static_cast<double>(n.rows_in - last_rows_in[n.node]) / dt;
      last_rows_in[n.node] = n.rows_in;
    }
    for (const auto& [node, chart] : charts)
      p.charts.push_back({node, chart->categorical(), chart->snapshot()});
    return p;
  };
  for (;;) {
    bool all = true;
    for (auto& d : job_done) all = all && d.load();
    if (all || failed) break;
    if (options.stop && options.stop->load()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(options.progress_ms));
    if (options.on_progress) options.on_progress(snapshot());
  }
  for (auto& t : threads) t.join();
  if (final_progress) *final_progress = snapshot();
  return first_error;
}

}  // namespace tributary::runtime
