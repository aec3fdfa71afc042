// generate PRESET: a seeded synthetic dataset as JSON lines or CSV (how the samples' data
// files are made: the same command gives the same bytes).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include "console/context.h"
#include "io/csv_encoder.h"
#include "io/generator_source.h"
#include "io/json_encoder.h"

namespace tributary::console {

void add_generate_command(CLI::App& app, Context& ctx) {
  struct Args {
    std::string preset;
    std::int64_t count = 1000;
    std::uint64_t seed = 1;
    double rate = 1000;
    std::string format = "jsonl";
    std::string output;
  };
  auto args = std::make_shared<Args>();
  std::string presets;
  for (const auto& p : io::generator_presets()) presets += (presets.empty() ? "" : ", ") + p.name;
  auto* cmd = app.add_subcommand("generate", "Write a seeded synthetic dataset (" + presets + ")");
  cmd->add_option("preset", args->preset, "Which stream")->required();
  cmd->add_option("--count", args->count, "Rows")->capture_default_str();
  cmd->add_option("--seed", args->seed, "The same seed gives the same rows")->capture_default_str();
  cmd->add_option("--rate", args->rate, "Rows per second of event time")->capture_default_str();
  cmd->add_option("--format", args->format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Write here instead of standard output");
  cmd->callback([&ctx, args] {
    io::GeneratorSpec spec{args->preset, args->seed, args->rate, args->count};
    auto source = io::make_generator(spec);
    if (!source.ok()) return ctx.fail(source.status());
    std::string text;
    std::vector<io::DeadLetter> none;
    bool header = args->format == "csv";
    while (!(*source)->done()) {
      Batch rows((*source)->schema());
      if (Status s = (*source)->next(4096, rows, none); !s.ok()) return ctx.fail(s);
      if (args->format == "csv") {
        io::CsvEncoder csv;
        if (header) csv.append_header(rows.schema(), text), header = false;
        csv.append_rows(rows, text);
      } else {
        io::JsonEncoder(rows.schema()).append_lines(rows, text);
      }
    }
    if (args->output.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      return;
    }
    std::ofstream out(args->output, std::ios::binary | std::ios::trunc);
    if (!(out << text)) ctx.fail("cannot write " + args->output);
  });
}

}  // namespace tributary::console
