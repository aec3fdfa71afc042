// validate | export: pipeline documents checked and saved canonically.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include "console/context.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"

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

}  // namespace

void add_pipeline_commands(CLI::App& app, Context& ctx) {
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
