// validate | export: pipeline documents checked and saved canonically.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <map>
#include <mutex>

#include "console/context.h"
#include "io/json_encoder.h"
#include "pipeline/compiler.h"
#include "pipeline/json_schema.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"
#include "runtime/pipeline_run.h"

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
  for (const auto& t : plan.topics) {
    std::string key;
    for (const auto& k : t.key) key += (key.empty() ? "" : ",") + k;
    std::printf("  %-32s %d partition%s%s%s%s\n", t.name.c_str(), t.partitions,
                t.partitions == 1 ? "" : "s", key.empty() ? "" : (", key " + key).c_str(),
                t.implicit ? ", implicit" : "", t.external ? ", external" : "");
  }
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

void run(Context& ctx, const std::string& file, bool from_scratch) {
  auto comp = compiled(ctx, file);
  if (!comp) return;
  auto load = pipeline::load_pipeline_file(file, *ctx.kinds);
  runtime::RunOptions o;
  o.data_dir = ctx.data_dir;
  o.from_scratch = from_scratch;
  o.stop = &g_stop;
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
  o.on_progress = [&](const runtime::Progress& p) {
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
  runtime::Progress final_progress;
  const Status s = runtime::run_plan(comp->plan, load.pipeline.settings, o, &final_progress);
  if (tty) std::fprintf(stderr, "\n");
  std::fprintf(stderr, "%s\n", line(final_progress).c_str());
  if (!s.ok()) return ctx.fail(s);
  if (g_stop) std::fprintf(stderr, "stopped: the next run continues from the last checkpoint\n");
}

}  // namespace

void add_pipeline_commands(CLI::App& app, Context& ctx) {
  auto* explain_cmd = app.add_subcommand(
      "explain", "Print what a pipeline compiles into: topics, ingest tasks, jobs");
  auto explain_file = std::make_shared<std::string>();
  explain_cmd->add_option("pipeline", *explain_file, "The pipeline JSON file")->required();
  explain_cmd->callback([&ctx, explain_file] { explain(ctx, *explain_file); });

  auto* schema_cmd = app.add_subcommand("schema", "Print the JSON Schema of pipeline documents");
  schema_cmd->callback(
      [&ctx] { std::printf("%s\n", pipeline::pipeline_json_schema(*ctx.kinds).dump(2).c_str()); });

  auto* run_cmd = app.add_subcommand(
      "run", "Run a pipeline until its bounded sources are exhausted (Ctrl-C stops)");
  auto run_file = std::make_shared<std::string>();
  auto scratch = std::make_shared<bool>(false);
  run_cmd->add_option("pipeline", *run_file, "The pipeline JSON file")->required();
  run_cmd->add_flag("--from-scratch", *scratch, "Delete the pipeline's topics and state first");
  run_cmd->callback([&ctx, run_file, scratch] { run(ctx, *run_file, *scratch); });

  auto* validate =
      app.add_subcommand("validate", "Check a pipeline: every problem is reported, nothing runs");
  auto file = std::make_shared<std::string>();
  validate->add_option("pipeline", *file, "The pipeline JSON file")->required();
  validate->callback([&ctx, file] {
    const Checked c = check(ctx, *file);
    if (!c.ok()) return;
    std::printf("%s: ok (%zu nodes, %zu edges)\n", file->c_str(), c.load.pipeline.nodes.size(),
                c.load.pipeline.edges.size());
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
