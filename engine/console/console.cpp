#include "console/console.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "console/context.h"

namespace tributary::console {

void Context::fail(const Status& status) {
  fail(status.message());
}

void Context::fail(const std::string& message) {
  std::fprintf(stderr, "tributary-cli: error: %s\n", message.c_str());
  exit_code = 1;
}

Result<std::unique_ptr<log::LogManager>> Context::open_log(log::Access access, bool create) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!create && !fs::is_directory(fs::path(data_dir) / "topics", ec)) {
    return error(ErrorCode::not_found,
                 "data dir " + data_dir + " does not exist or holds no topics");
  }
  log::LogManager::Options options;
  options.data_dir = data_dir;
  options.access = access;
  return log::LogManager::open(options);
}

std::string default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::string(xdg) + "/tributary";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.local/share/tributary";
  return ".tributary";
}

int run(int argc, char** argv, const pipeline::NodeRegistry& kinds) {
  CLI::App app{
      "Tributary: streaming and batch pipelines on an embedded log and micro-batch engine.",
      "tributary-cli"};
  app.require_subcommand(1);
  Context ctx;
  ctx.data_dir = default_data_dir();
  ctx.kinds = &kinds;
  app.add_option("--data-dir", ctx.data_dir, "Folder of topics, groups and checkpoints")
      ->capture_default_str();
  add_pipeline_commands(app, ctx);
  add_generate_command(app, ctx);
  add_topic_commands(app, ctx);
  add_produce_command(app, ctx);
  add_consume_command(app, ctx);
  add_group_commands(app, ctx);
  add_serve_command(app, ctx);
  // `--data-dir` is accepted after the subcommand too, as users type it.
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->fallthrough();
    for (CLI::App* inner : sub->get_subcommands({})) inner->fallthrough();
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "tributary-cli: error: %s\n", e.what());
    return 1;
  }
  return ctx.exit_code;
}

}  // namespace tributary::console
