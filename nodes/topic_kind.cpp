// The topic node: where the graph is cut into jobs. Its records are what arrives on its input
// (several inputs are unified as a union).
#include "catalogue.h"
#include "param_specs.h"
#include "param_values.h"

namespace tributary::nodes {

void add_topic_kind(pipeline::NodeRegistry& r) {
  using pipeline::ParamType;
  using json = nlohmann::json;
  pipeline::NodeKind k;
  k.id = "topic";
  k.category = "topic";
  k.title = "Topic";
  k.help = "A persistent, partitioned log: what upstream writes, downstream reads.";
  k.inputs = {port("in", true)};
  k.outputs = {port("out")};
  k.params = {
      required("name", ParamType::string, "The topic's name in the data dir"),
      between(
          optional("partitions", ParamType::integer, 1, "How many partitions (tasks downstream)"),
          1, 1024),
      optional("key", ParamType::field_list, json::array(), "Fields hashed to pick the partition"),
      at_least(optional("retention_ms", ParamType::integer, -1,
                        "Delete segments older than this; -1 = keep"),
               -1),
      at_least(optional("retention_bytes", ParamType::integer, -1,
                        "Keep at most this many bytes; -1 = no limit"),
               -1),
      choice("flush", {"always", "interval", "never"}, "interval", "When appends are fsynced"),
      optional("expose", ParamType::boolean, false,
               "While the pipeline runs, serve the data dir's topics to Kafka clients through the "
               "embedded broker (127.0.0.1:9092 unless set in Preferences)")};
  k.output_schema = [](const pipeline::NodeContext& ctx) -> Result<Schema> {
    if (string_param(ctx.params, "name").empty())
      return error(ErrorCode::invalid_argument, "name: must not be empty");
    for (const auto& f : string_list(ctx.params, "key")) {
      if (!ctx.inputs[0].index_of(f))
        return error(ErrorCode::invalid_argument, "key: unknown field '" + f + "'");
    }
    return ctx.inputs[0];
  };
  r.add(std::move(k));
}

}  // namespace tributary::nodes
