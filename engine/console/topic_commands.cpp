// topic create | list | describe | delete
#include <CLI/CLI.hpp>
#include <cstdio>

#include "console/context.h"

namespace tributary::console {
namespace {

struct TopicCreateArgs {
  std::string name;
  int partitions = 1;
  std::string flush = "interval";
  log::LogConfig log;
};

void create_topic(Context& ctx, const TopicCreateArgs& a) {
  if (Status st = log::validate_topic_name(a.name); !st.ok())
    return ctx.fail(st);  // before anything is created
  auto flush = log::parse_flush_policy(a.flush);
  if (!flush) return ctx.fail("--flush must be always, interval or never, not '" + a.flush + "'");
  log::TopicConfig config;
  config.partitions = a.partitions;
  config.log = a.log;
  config.log.flush = *flush;
  auto logs = ctx.open_log(log::Access::owner, /*create=*/true);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto topic = (*logs)->create_topic(a.name, config);
  if (!topic.ok()) return ctx.fail(topic.status());
  std::printf("Created topic %s.\n", a.name.c_str());
}

void list_topics(Context& ctx) {
  auto logs = ctx.open_log(log::Access::observer);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto names = (*logs)->list_topics();
  if (!names.ok()) return ctx.fail(names.status());
  for (const auto& n : *names) std::printf("%s\n", n.c_str());
}

std::string limit_text(std::int64_t v, const char* unit) {
  return v < 0 ? std::string("unlimited") : std::to_string(v) + " " + unit;
}

void describe_topic(Context& ctx, const std::string& name) {
  auto logs = ctx.open_log(log::Access::observer);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto topic = (*logs)->topic(name);
  if (!topic.ok()) return ctx.fail(topic.status());
  const auto& c = (*topic)->config();
  std::string flush = log::flush_policy_name(c.log.flush);
  if (c.log.flush == log::FlushPolicy::interval)
    flush += " (" + std::to_string(c.log.flush_interval_ms) + " ms)";
  std::printf("Topic: %s\tPartitions: %d\tFlush: %s\tRetention: %s, %s\tSegment: %llu bytes\n",
              name.c_str(), c.partitions, flush.c_str(),
              limit_text(c.log.retention_ms, "ms").c_str(),
              limit_text(c.log.retention_bytes, "bytes").c_str(),
              static_cast<unsigned long long>(c.log.segment_bytes));
  for (int p = 0; p < (*topic)->partition_count(); ++p) {
    const auto s = (*topic)->partition(p).stats();
    std::printf("\tPartition: %d\tStart: %lld\tEnd: %lld\tSize: %llu\tSegments: %zu\n", p,
                static_cast<long long>(s.start_offset), static_cast<long long>(s.end_offset),
                static_cast<unsigned long long>(s.size_bytes), s.segments);
  }
}

void delete_topic(Context& ctx, const std::string& name) {
  auto logs = ctx.open_log(log::Access::owner);
  if (!logs.ok()) return ctx.fail(logs.status());
  Status st = (*logs)->delete_topic(name);
  if (!st.ok()) return ctx.fail(st);
  std::printf("Deleted topic %s.\n", name.c_str());
}

}  // namespace

void add_topic_commands(CLI::App& app, Context& ctx) {
  CLI::App* topic = app.add_subcommand("topic", "Create, list, describe and delete topics");
  topic->require_subcommand(1);

  auto create_args = std::make_shared<TopicCreateArgs>();
  CLI::App* create = topic->add_subcommand("create", "Create a topic");
  create->add_option("name", create_args->name, "Topic name")->required();
  create->add_option("--partitions", create_args->partitions, "Number of partitions")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  create->add_option("--flush", create_args->flush, "always | interval | never")
      ->capture_default_str();
  create
      ->add_option("--flush-interval-ms", create_args->log.flush_interval_ms,
                   "Flush interval for 'interval'")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600000));
  create
      ->add_option("--retention-ms", create_args->log.retention_ms,
                   "Delete segments older than this (-1: never)")
      ->capture_default_str();
  create
      ->add_option("--retention-bytes", create_args->log.retention_bytes,
                   "Keep at most this many bytes per partition (-1: no limit)")
      ->capture_default_str();
  create
      ->add_option("--segment-bytes", create_args->log.segment_bytes, "Roll segments at this size")
      ->capture_default_str();
  create->add_option("--segment-ms", create_args->log.segment_ms, "Roll segments at this age")
      ->capture_default_str();
  create->callback([&ctx, create_args] { create_topic(ctx, *create_args); });

  topic->add_subcommand("list", "List topics")->callback([&ctx] { list_topics(ctx); });

  auto describe_name = std::make_shared<std::string>();
  CLI::App* describe =
      topic->add_subcommand("describe", "Show a topic's partitions: start, end, size, segments");
  describe->add_option("name", *describe_name, "Topic name")->required();
  describe->callback([&ctx, describe_name] { describe_topic(ctx, *describe_name); });

  auto delete_name = std::make_shared<std::string>();
  CLI::App* del = topic->add_subcommand("delete", "Delete a topic and its data");
  del->add_option("name", *delete_name, "Topic name")->required();
  del->callback([&ctx, delete_name] { delete_topic(ctx, *delete_name); });
}

}  // namespace tributary::console
