// validate | export: pipeline documents checked and saved canonically.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "console/context.h"
#include "io/json_encoder.h"
#include "pipeline/compiler.h"
#include "pipeline/json_schema.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"
#include "runtime/broker_service.h"
#include "runtime/pipeline_run.h"
#include "runtime/pipeline_session.h"
#include "runtime/workspace.h"

namespace tributary::console {
namespace {

struct Checked {
  pipeline::LoadResult load;
  pipeline::Validation validation;
  bool ok() const { return load.ok() && validation.ok(); }
};

// Loads and validates; prints every diagnostic as "<file>: node.param: message".
Checked check(Context& ctx, const std::string& file) {
  Checked c;
  c.load = pipeline::load_pipeline_file(file, *ctx.kinds);
  const auto base = std::filesystem::absolute(file).parent_path();
  if (!c.load.diagnostics.empty() && c.load.pipeline.nodes.empty()) {
    // Nothing to type: the document itself is broken.
  } else {
    c.validation =
        pipeline::validate_pipeline(c.load.pipeline, *ctx.kinds, base, c.load.diagnostics);
  }
  for (const auto* list : {&c.load.diagnostics, &c.validation.diagnostics}) {
    for (const auto& d : *list) std::fprintf(stderr, "%s: %s\n", file.c_str(), d.text().c_str());
  }
  if (!c.ok()) ctx.exit_code = 1;
  return c;
}

std::atomic<bool> g_stop{false};

std::string time_text(std::int64_t ms) {
  if (ms == 0) return "-";
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", std::localtime(&t));
  return buf;
}

void list_runs(Context& ctx, int limit) {
  auto w = runtime::Workspace::open(std::filesystem::path(ctx.data_dir) / "workspace.sqlite");
  if (!w.ok()) return ctx.fail(w.status());
  auto runs = (*w)->runs(limit);
  if (!runs.ok()) return ctx.fail(runs.status());
  std::printf("%-5s %-24s %-19s %9s %-9s %s\n", "RUN", "PIPELINE", "STARTED", "SECONDS", "STATUS",
              "HASH");
  for (const auto& r : *runs) {
    char seconds[32] = "-";
    if (r.ended_ms)
      std::snprintf(seconds, sizeof seconds, "%.1f",
                    static_cast<double>(r.ended_ms - r.started_ms) / 1000.0);
    std::printf("%-5lld %-24s %-19s %9s %-9s %s\n", static_cast<long long>(r.id),
                r.pipeline.c_str(), time_text(r.started_ms).c_str(), seconds, r.status.c_str(),
                r.hash.c_str());
  }
}

void show_run(Context& ctx, std::int64_t id) {
  auto w = runtime::Workspace::open(std::filesystem::path(ctx.data_dir) / "workspace.sqlite");
  if (!w.ok()) return ctx.fail(w.status());
  auto r = (*w)->run(id);
  if (!r.ok()) return ctx.fail(r.status());
  auto batches = (*w)->batches(id);
  if (!batches.ok()) return ctx.fail(batches.status());
  std::printf(
      "run %lld: %s (%s)\n  file     %s\n  hash     %s\n  started  %s\n  ended    %s\n  status   "
      "%s%s%s\n",
      static_cast<long long>(r->id), r->name.c_str(), r->pipeline.c_str(), r->file.c_str(),
      r->hash.c_str(), time_text(r->started_ms).c_str(), time_text(r->ended_ms).c_str(),
      r->status.c_str(), r->error.empty() ? "" : ": ", r->error.c_str());
  // Per job: batches, rows, the mean rate, the slowest batch, the last stream time and lag.
  struct Summary {
    std::int64_t batches = 0, rows = 0, lag = 0;
    double ms = 0, slowest = 0;
    std::optional<std::int64_t> stream_time;
  };
  std::map<std::string, Summary> jobs;
  for (const auto& b : *batches) {
    auto& s = jobs[b.job];
    ++s.batches;
    s.rows += b.input_rows;
    s.ms += b.duration_ms;
    s.slowest = std::max(s.slowest, b.duration_ms);
    if (b.stream_time) s.stream_time = b.stream_time;
    s.lag = b.lag;
  }
  std::printf("\n  %-32s %8s %10s %12s %10s %10s %15s\n", "JOB", "BATCHES", "ROWS", "ROWS/S",
              "SLOWEST MS", "LAST LAG", "STREAM TIME");
  for (const auto& [job, s] : jobs) {
    std::printf("  %-32s %8lld %10lld %12.0f %10.1f %10lld %15s\n", job.c_str(),
                static_cast<long long>(s.batches), static_cast<long long>(s.rows),
                s.ms > 0 ? static_cast<double>(s.rows) * 1000.0 / s.ms : 0.0, s.slowest,
                static_cast<long long>(s.lag),
                s.stream_time ? std::to_string(*s.stream_time).c_str() : "-");
  }
}
extern "C" void on_interrupt(int) {
  g_stop = true;
}

// Validated and compiled, or nullopt after printing why not.
std::optional<pipeline::Compilation> compiled(Context& ctx, const std::string& file) {
  Checked c = check(ctx, file);
  if (!c.ok()) return std::nullopt;
  const auto base = std::filesystem::absolute(file).parent_path();
  auto comp = pipeline::compile_pipeline(c.load.pipeline, c.validation, *ctx.kinds, base);
  for (const auto& d : comp.diagnostics)
    std::fprintf(stderr, "%s: %s\n", file.c_str(), d.text().c_str());
  if (!comp.ok()) {
    ctx.exit_code = 1;
    return std::nullopt;
  }
  return comp;
}

void explain(Context& ctx, const std::string& file) {
  auto comp = compiled(ctx, file);
  if (!comp) return;
  const auto& plan = comp->plan;
  std::printf("pipeline %s\n\ntopics:\n", plan.pipeline.c_str());
  std::string dead_letters;
  for (const auto& t : plan.topics) {
    if (t.dead_letters) {
      dead_letters += (dead_letters.empty() ? "" : ", ") + t.name;
      continue;
    }
    std::string key;
    for (const auto& k : t.key) key += (key.empty() ? "" : ",") + k;
    std::printf("  %-32s %d partition%s%s%s%s%s\n", t.name.c_str(), t.partitions,
                t.partitions == 1 ? "" : "s", key.empty() ? "" : (", key " + key).c_str(),
                t.implicit ? ", implicit" : "", t.external ? ", external" : "",
                t.expose ? ", exposed to Kafka clients" : "");
  }
  if (!dead_letters.empty()) std::printf("  dead letters: %s\n", dead_letters.c_str());
  std::printf("\ningest tasks:\n");
  for (const auto& i : plan.ingests) {
    std::printf("  %-20s %-18s -> %s%s\n", i.node.c_str(), i.kind.c_str(), i.topic.c_str(),
                i.bounded ? "" : " (unbounded)");
  }
  std::printf("\njobs:\n");
  for (const auto& j : plan.jobs) {
    std::string steps;
    for (const auto& s : j.steps) steps += (steps.empty() ? "" : " -> ") + s;
    std::printf("  %s\n    %s\n", j.name.c_str(), steps.c_str());
  }
}

void run(Context& ctx, const std::string& file, bool from_scratch,
         const std::string& kafka_listen) {
  auto comp = compiled(ctx, file);
  if (!comp) return;
  auto load = pipeline::load_pipeline_file(file, *ctx.kinds);
  runtime::RunOptions o;
  o.data_dir = ctx.data_dir;
  o.from_scratch = from_scratch;
  // A topic marked `expose`: Kafka clients read and write the data dir's topics during the run.
  std::unique_ptr<runtime::BrokerService> kafka;
  if (comp->plan.exposes_topics()) {
    tributary::broker::BrokerOptions bo;
    if (Status s = tributary::broker::set_listen_address(bo, kafka_listen); !s.ok())
      return ctx.fail("--kafka-listen " + s.message());
    auto started = runtime::BrokerService::start(ctx.data_dir, bo);
    if (!started.ok()) return ctx.fail(started.status());
    kafka = std::move(started).value();
    o.logs = &kafka->logs();
    std::fprintf(stderr, "serving the topics to Kafka clients on %s\n", kafka->address().c_str());
  }
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const bool tty = isatty(STDERR_FILENO) != 0;
  auto line = [](const runtime::Progress& p) {
    std::string s = std::to_string(static_cast<int>(p.elapsed_s * 10) / 10.0).substr(0, 5) + "s";
    for (const auto& src : p.sources) {
      s += "  " + src.node + " " + std::to_string(src.records) +
           (src.done ? " done"
                     : " (" + std::to_string(static_cast<long long>(src.records_per_s)) + "/s)");
    }
    for (const auto& j : p.jobs) {
      s +=
          "  " + j.name + " lag " + std::to_string(j.lag) + " out " + std::to_string(j.records_out);
      if (j.dead_letters) s += " dead " + std::to_string(j.dead_letters);
      if (j.finished) s += " done";
    }
    return s;
  };
  auto show = [&](const runtime::Progress& p) {
    if (tty)
      std::fprintf(stderr, "\r%s\033[K", line(p).c_str());
    else
      std::fprintf(stderr, "%s\n", line(p).c_str());
  };
  // Console sinks print their rows as JSON lines, up to their limit.
  std::mutex out_mutex;
  std::map<std::string, std::int64_t> printed;
  std::map<std::string, std::int64_t> limits;
  for (const auto& j : comp->plan.jobs) {
    if (j.sink.kind == "sink.console") limits[j.sink.node] = j.sink.params.value("limit", 0);
  }
  o.on_rows = [&](const std::string& node, const Batch& rows) {
    if (!limits.count(node)) return;
    std::lock_guard lock(out_mutex);
    io::JsonEncoder encoder(rows.schema());
    for (std::size_t r = 0; r < rows.num_rows(); ++r) {
      if (limits[node] > 0 && printed[node] >= limits[node]) return;
      std::string text;
      encoder.append_row(rows, r, text);
      std::printf("%s\n", text.c_str());
      ++printed[node];
    }
  };
  // The run and each micro-batch go to the workspace's history.
  runtime::RunRecord record;
  record.pipeline = comp->plan.pipeline;
  record.name = load.pipeline.name;
  record.hash = runtime::text_hash(pipeline::save_pipeline(load.pipeline));
  record.file = std::filesystem::absolute(file).string();
  // Through the engine facade, as the app runs pipelines: the progress line is its snapshot.
  auto started = runtime::PipelineSession::start(comp->plan, load.pipeline.settings, o, &record);
  if (!started.ok()) return ctx.fail(started.status());
  auto session = std::move(started).value();
  for (;;) {
    for (int waited = 0; waited < o.progress_ms && !g_stop; waited += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (g_stop) session->stop();
    const auto state = session->state();
    if (state != runtime::PipelineSession::State::running &&
        state != runtime::PipelineSession::State::paused)
      break;
    const auto p = session->snapshot();
    if (p.elapsed_s > 0) show(p);
  }
  session->wait();
  const Status s = session->result();
  const runtime::Progress final_progress = session->snapshot();
  if (tty) std::fprintf(stderr, "\n");
  std::fprintf(stderr, "%s\n", line(final_progress).c_str());
  if (!s.ok()) return ctx.fail(s);
  if (g_stop) std::fprintf(stderr, "stopped: the next run continues from the last checkpoint\n");
}

// preview: the first `limit` records out of `node`, on the pipeline's own input, as JSON
// lines (like StreamSets' preview). Only the node and what is upstream of it run, with sources
// at full speed, in a data dir of their own that is deleted afterwards.
void preview(Context& ctx, const std::string& file, const std::string& node_id, int limit,
             int timeout_s) {
  Checked c = check(ctx, file);
  if (!c.ok()) return;
  const pipeline::Pipeline& p = c.load.pipeline;
  const pipeline::Node* target = p.node(node_id);
  if (!target) return ctx.fail("no node '" + node_id + "' in " + file);
  if (ctx.kinds->find(target->kind)->outputs.empty())
    return ctx.fail(node_id + " is a sink: it has no output to preview");
  std::set<std::string> keep = {node_id};
  for (bool grew = true; grew;) {  // everything upstream of the node
    grew = false;
    for (const auto& e : p.edges) {
      if (keep.count(e.to.node) && keep.insert(e.from.node).second) grew = true;
    }
  }
  pipeline::Pipeline q;
  q.name = p.name + " preview";
  q.settings = p.settings;
  q.settings.trigger = "available-now";
  for (const auto& n : p.nodes) {
    if (!keep.count(n.id)) continue;
    pipeline::Node copy = n;
    if (n.kind == "source.replay" || n.kind == "source.generator") copy.params["speed"] = 0;
    q.nodes.push_back(copy);
  }
  for (const auto& e : p.edges) {
    if (keep.count(e.from.node) && keep.count(e.to.node)) q.edges.push_back(e);
  }
  pipeline::Node out;
  out.id = "preview";
  while (q.node(out.id)) out.id += "_";
  out.kind = "sink.console";
  out.params = {{"limit", limit}};
  q.nodes.push_back(out);
  q.edges.push_back({{node_id, "out"}, {out.id, "in"}});
  const auto base = std::filesystem::absolute(file).parent_path();
  auto v = pipeline::validate_pipeline(q, *ctx.kinds, base);
  auto comp = pipeline::compile_pipeline(q, v, *ctx.kinds, base);
  for (const auto* list : {&v.diagnostics, &comp.diagnostics}) {
    for (const auto& d : *list) std::fprintf(stderr, "%s: %s\n", file.c_str(), d.text().c_str());
  }
  if (!v.ok() || !comp.ok()) {
    ctx.exit_code = 1;
    return;
  }
  char dir_template[] = "/tmp/tributary-preview.XXXXXX";
  if (!mkdtemp(dir_template)) return ctx.fail("cannot make a temporary data dir");
  const std::filesystem::path data = dir_template;
  std::atomic<bool> done{false};
  std::int64_t printed = 0;
  std::mutex m;
  runtime::RunOptions o;
  o.data_dir = data;
  o.stop = &done;
  o.commit_offsets = false;  // a look must not move a Kafka consumer group
  o.on_rows = [&](const std::string&, const Batch& rows) {
    std::lock_guard lock(m);
    io::JsonEncoder encoder(rows.schema());
    for (std::size_t r = 0; r < rows.num_rows() && printed < limit; ++r, ++printed) {
      std::string text;
      encoder.append_row(rows, r, text);
      std::printf("%s\n", text.c_str());
    }
    if (printed >= limit) done = true;
  };
  std::thread timer([&] {
    for (int i = 0; i < timeout_s * 10 && !done; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    done = true;
  });
  const Status s = runtime::run_plan(comp.plan, q.settings, o);
  done = true;
  timer.join();
  std::fflush(stdout);
  std::error_code ec;
  std::filesystem::remove_all(data, ec);
  if (!s.ok()) return ctx.fail(s);
  if (printed == 0)
    std::fprintf(stderr, "%s: no records came out of %s\n", file.c_str(), node_id.c_str());
}

}  // namespace

void add_pipeline_commands(CLI::App& app, Context& ctx) {
  struct PreviewArgs {
    std::string file, node;
    int limit = 10;
    int timeout = 30;
  };
  auto pv = std::make_shared<PreviewArgs>();
  auto* preview_cmd = app.add_subcommand(
      "preview", "The first records out of one node, on the pipeline's own input");
  preview_cmd->add_option("pipeline", pv->file, "The pipeline JSON file")->required();
  preview_cmd->add_option("node", pv->node, "The node's id")->required();
  preview_cmd->add_option("--limit", pv->limit, "How many records")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  preview_cmd->add_option("--timeout", pv->timeout, "Give up after this many seconds")
      ->capture_default_str();
  preview_cmd->callback([&ctx, pv] { preview(ctx, pv->file, pv->node, pv->limit, pv->timeout); });

  auto* explain_cmd = app.add_subcommand(
      "explain", "Print what a pipeline compiles into: topics, ingest tasks, jobs");
  auto explain_file = std::make_shared<std::string>();
  explain_cmd->add_option("pipeline", *explain_file, "The pipeline JSON file")->required();
  explain_cmd->callback([&ctx, explain_file] { explain(ctx, *explain_file); });

  auto* runs_cmd = app.add_subcommand("runs", "The history of runs in this data dir");
  runs_cmd->require_subcommand(1);
  auto limit = std::make_shared<int>(20);
  auto* list_cmd = runs_cmd->add_subcommand("list", "The latest runs");
  list_cmd->add_option("--limit", *limit, "How many")->capture_default_str();
  list_cmd->callback([&ctx, limit] { list_runs(ctx, *limit); });
  auto run_id = std::make_shared<std::int64_t>(0);
  auto* show_cmd = runs_cmd->add_subcommand("show", "One run: its jobs, batches, rates and lag");
  show_cmd->add_option("run", *run_id, "The run's number")->required();
  show_cmd->callback([&ctx, run_id] { show_run(ctx, *run_id); });

  auto* schema_cmd = app.add_subcommand("schema", "Print the JSON Schema of pipeline documents");
  schema_cmd->callback(
      [&ctx] { std::printf("%s\n", pipeline::pipeline_json_schema(*ctx.kinds).dump(2).c_str()); });

  auto* run_cmd = app.add_subcommand(
      "run", "Run a pipeline until its bounded sources are exhausted (Ctrl-C stops)");
  auto run_file = std::make_shared<std::string>();
  auto scratch = std::make_shared<bool>(false);
  run_cmd->add_option("pipeline", *run_file, "The pipeline JSON file")->required();
  run_cmd->add_flag("--from-scratch", *scratch, "Delete the pipeline's topics and state first");
  auto kafka_listen = std::make_shared<std::string>("127.0.0.1:9092");
  run_cmd
      ->add_option("--kafka-listen", *kafka_listen,
                   "Where the embedded Kafka broker listens when a topic is marked expose")
      ->capture_default_str();
  run_cmd->callback(
      [&ctx, run_file, scratch, kafka_listen] { run(ctx, *run_file, *scratch, *kafka_listen); });

  auto* validate =
      app.add_subcommand("validate", "Check a pipeline: every problem is reported, nothing runs");
  auto file = std::make_shared<std::string>();
  validate->add_option("pipeline", *file, "The pipeline JSON file")->required();
  validate->callback([&ctx, file] {
    // Compiled too: what `run` would refuse (partitioning, joins) is a problem here as well.
    const auto comp = compiled(ctx, *file);
    if (!comp) return;
    auto count = [](std::size_t n, const char* what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    std::printf("%s: ok (%s, %s, %s)\n", file->c_str(),
                count(comp->plan.ingests.size(), "ingest task").c_str(),
                count(static_cast<std::size_t>(std::count_if(
                          comp->plan.topics.begin(), comp->plan.topics.end(),
                          [](const pipeline::TopicPlan& t) { return !t.dead_letters; })),
                      "topic")
                    .c_str(),
                count(comp->plan.jobs.size(), "job").c_str());
  });

  auto* exported =
      app.add_subcommand("export", "Print a pipeline in canonical form (or write it with -o)");
  auto export_file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  exported->add_option("pipeline", *export_file, "The pipeline JSON file")->required();
  exported->add_option("-o,--output", *output, "Write here instead of standard output");
  exported->callback([&ctx, export_file, output] {
    const Checked c = check(ctx, *export_file);
    if (!c.ok()) return;
    const std::string text = pipeline::save_pipeline(c.load.pipeline);
    if (output->empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      return;
    }
    std::ofstream out(*output, std::ios::binary | std::ios::trunc);
    if (!(out << text)) ctx.fail("cannot write " + *output);
  });
}

}  // namespace tributary::console
