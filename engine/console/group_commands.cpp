// group list | describe: committed offsets and lag, like kafka-consumer-groups.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "console/context.h"

namespace tributary::console {
namespace {

void list_groups(Context& ctx) {
  auto logs = ctx.open_log(log::Access::observer);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto groups = (*logs)->groups().list();
  if (!groups.ok()) return ctx.fail(groups.status());
  for (const auto& g : *groups) std::printf("%s\n", g.c_str());
}

void describe_group(Context& ctx, const std::string& group) {
  auto logs = ctx.open_log(log::Access::observer);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto known = (*logs)->groups().list();
  if (!known.ok()) return ctx.fail(known.status());
  if (std::find(known->begin(), known->end(), group) == known->end())
    return ctx.fail("unknown group " + group);
  auto offsets = (*logs)->groups().offsets(group);
  if (!offsets.ok()) return ctx.fail(offsets.status());
  std::printf("%-24s %-24s %9s %14s %14s %10s\n", "GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET",
              "LOG-END-OFFSET", "LAG");
  for (const auto& [tp, committed] : *offsets) {
    auto topic = (*logs)->topic(tp.first);
    std::string end = "-";
    std::string lag = "-";
    if (topic.ok() && tp.second < (*topic)->partition_count()) {
      const std::int64_t e = (*topic)->partition(tp.second).end_offset();
      end = std::to_string(e);
      lag = std::to_string(std::max<std::int64_t>(0, e - committed));
    }
    std::printf("%-24s %-24s %9d %14lld %14s %10s\n", group.c_str(), tp.first.c_str(), tp.second,
                static_cast<long long>(committed), end.c_str(), lag.c_str());
  }
}

}  // namespace

void add_group_commands(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("group", "Consumer groups: committed offsets and lag");
  group->require_subcommand(1);
  group->add_subcommand("list", "List consumer groups")->callback([&ctx] { list_groups(ctx); });
  auto name = std::make_shared<std::string>();
  CLI::App* describe =
      group->add_subcommand("describe", "Committed offset, end offset and lag per partition");
  describe->add_option("group", *name, "Group name")->required();
  describe->callback([&ctx, name] { describe_group(ctx, *name); });
}

}  // namespace tributary::console
