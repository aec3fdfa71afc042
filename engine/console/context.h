// What every console command shares: the data directory, error reporting, exit code.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "log/log_manager.h"
#include "pipeline/node_kind.h"

namespace CLI {
class App;
}

namespace tributary::console {

struct Context {
  std::string data_dir;
  int exit_code = 0;
  const pipeline::NodeRegistry* kinds = nullptr;  // the node catalogue, for pipeline commands

  // Prints one line, "tributary-cli: error: <message>", to stderr and sets exit code 1.
  void fail(const Status& status);
  void fail(const std::string& message);
  // Opens the data dir. Only `create` may bring a missing data dir into existence, so that a
  // mistyped path or topic writes nothing.
  Result<std::unique_ptr<log::LogManager>> open_log(log::Access access, bool create = false) const;
};

// The platform's app-data folder: $XDG_DATA_HOME/tributary or ~/.local/share/tributary.
std::string default_data_dir();

void add_topic_commands(CLI::App& app, Context& ctx);
void add_produce_command(CLI::App& app, Context& ctx);
void add_consume_command(CLI::App& app, Context& ctx);
void add_group_commands(CLI::App& app, Context& ctx);
void add_pipeline_commands(CLI::App& app, Context& ctx);
void add_generate_command(CLI::App& app, Context& ctx);
void add_serve_command(CLI::App& app, Context& ctx);

}  // namespace tributary::console
