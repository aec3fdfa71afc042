// serve: the Kafka-compatible broker on the data directory, until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "broker/broker.h"
#include "console/context.h"

namespace tributary::console {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_serve_signal(int) {
  g_stop.store(true);
}

struct ServeOptions {
  std::string listen = "127.0.0.1:9092";
  std::string advertise;
  int partitions = 1;
  bool no_auto_create = false;
  int threads = 2;
  int initial_rebalance_delay_ms = 3000;
  bool quiet = false;
};

void serve(Context& ctx, const ServeOptions& o) {
  broker::BrokerOptions options;
  if (Status s = broker::set_listen_address(options, o.listen); !s.ok())
    return ctx.fail("--listen " + s.message());
  options.advertised_host = o.advertise;
  options.default_partitions = o.partitions;
  options.auto_create_topics = !o.no_auto_create;
  options.threads = o.threads;
  options.initial_rebalance_delay_ms = o.initial_rebalance_delay_ms;
  auto logs = ctx.open_log(log::Access::owner, true);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto broker = broker::Broker::start(**logs, options);
  if (!broker.ok()) return ctx.fail(broker.status());
  // The line scripts wait for: the address clients should use.
  std::printf("listening on %s (data dir %s)\n", (*broker)->address().c_str(),
              ctx.data_dir.c_str());
  std::fflush(stdout);
  std::signal(SIGINT, on_serve_signal);
  std::signal(SIGTERM, on_serve_signal);
  std::signal(SIGPIPE, SIG_IGN);
  auto last = std::chrono::steady_clock::now();
  broker::BrokerStats before = (*broker)->stats();
  while (!g_stop.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto now = std::chrono::steady_clock::now();
    if (o.quiet || now - last < std::chrono::seconds(5)) continue;
    const auto s = (*broker)->stats();
    const double secs = std::chrono::duration<double>(now - last).count();
    if (s.requests != before.requests) {
      std::printf("connections %llu, produced %.0f records/s, fetched %.1f MB/s, %llu requests\n",
                  static_cast<unsigned long long>(s.connections_open),
                  static_cast<double>(s.produced_records - before.produced_records) / secs,
                  static_cast<double>(s.fetched_bytes - before.fetched_bytes) / secs / 1e6,
                  static_cast<unsigned long long>(s.requests));
      std::fflush(stdout);
    }
    before = s;
    last = now;
  }
  (*broker)->stop();
  const auto s = (*broker)->stats();
  std::printf("stopped: %llu connections, %llu records produced, %llu requests\n",
              static_cast<unsigned long long>(s.connections_total),
              static_cast<unsigned long long>(s.produced_records),
              static_cast<unsigned long long>(s.requests));
  const Status closed = (*logs)->close();
  if (!closed.ok()) ctx.fail(closed);
}

}  // namespace

void add_serve_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd =
      app.add_subcommand("serve", "Serve the topics to Kafka clients (Kafka wire protocol)");
  cmd->add_option("--listen", o->listen, "host:port to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--advertise", o->advertise,
                  "Host name clients should connect to (default: the listen host)");
  cmd->add_option("--partitions", o->partitions, "Partitions of topics created on first produce")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_flag("--no-auto-create", o->no_auto_create,
                "Refuse produce and metadata requests for unknown topics");
  cmd->add_option("--threads", o->threads, "Network threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--initial-rebalance-delay-ms", o->initial_rebalance_delay_ms,
                  "How long a new consumer group waits for more members")
      ->check(CLI::Range(0, 300000))
      ->capture_default_str();
  cmd->add_flag("--quiet", o->quiet, "No progress lines");
  cmd->callback([&ctx, o] { serve(ctx, *o); });
}

}  // namespace tributary::console
