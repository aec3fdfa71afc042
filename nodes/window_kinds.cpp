// window.tumbling, window.hopping, window.sliding, window.session: windowed aggregates with
// Kafka Streams' semantics (the engine's WindowedAggregate).
#include "catalogue.h"
#include "param_specs.h"
#include "param_values.h"

namespace tributary::nodes {

void add_window_kinds(pipeline::NodeRegistry& r) {
  using pipeline::ParamType;
  using json = nlohmann::json;
  struct Shape {
    const char* id;
    const char* title;
    const char* help;
    std::vector<pipeline::ParamSpec> sizes;
  };
  const std::vector<Shape> shapes = {
      {"window.tumbling",
       "Tumbling window",
       "Fixed, gap-less, non-overlapping windows of size_ms.",
       {at_least(required("size_ms", ParamType::integer, "Window length in ms"), 1)}},
      {"window.hopping",
       "Hopping window",
       "Windows of size_ms starting every advance_ms: a record can be in several.",
       {at_least(required("size_ms", ParamType::integer, "Window length in ms"), 1),
        at_least(
            required("advance_ms", ParamType::integer, "How far each window starts after the last"),
            1)}},
      {"window.sliding",
       "Sliding window",
       "Windows of records at most difference_ms apart, as Kafka Streams' SlidingWindows.",
       {at_least(
           required("difference_ms", ParamType::integer, "Largest time difference inside a window"),
           1)}},
      {"window.session",
       "Session window",
       "Activity sessions that end after gap_ms without records.",
       {at_least(required("gap_ms", ParamType::integer, "Inactivity that closes a session"), 1)}},
  };
  for (const auto& shape : shapes) {
    pipeline::NodeKind k;
    k.id = shape.id;
    k.category = "window";
    k.title = shape.title;
    k.help = shape.help;
    k.inputs = {port("in")};
    k.outputs = {port("out")};
    k.params = shape.sizes;
    for (auto p :
         {at_least(optional("grace_ms", ParamType::integer, 0,
                            "How late a record may be and still count"),
                   0),
          optional("key", ParamType::field_list, json::array(),
                   "Group by these fields; none = one group"),
          optional("time_field", ParamType::field, json(), "Event time; by default the source's"),
          required("aggregates", ParamType::aggregates, "What to compute per window"),
          choice("emit", {"final", "update"}, "final",
                 "final: once when closed; update: after each batch")}) {
      k.params.push_back(p);
    }
    const std::string id = shape.id;
    k.output_schema = [id](const pipeline::NodeContext& ctx) -> Result<Schema> {
      TRIB_ASSIGN_OR_RETURN(auto spec, window_spec(id, ctx));
      auto op = stream::make_window(spec, with_time_field(ctx.inputs[0], spec.time_field));
      if (!op.ok()) return op.status();
      return (*op)->output_schema();
    };
    k.event_time = [](const pipeline::NodeContext&) { return std::string("window_start"); };
    k.compile = [id](const pipeline::NodeContext& ctx) -> Result<pipeline::CompiledNode> {
      TRIB_ASSIGN_OR_RETURN(auto spec, window_spec(id, ctx));
      if (spec.time_field == "_time") {
        return error(
            ErrorCode::invalid_argument,
            "time_field: windows over ingestion time are not built yet; name a time field");
      }
      pipeline::CompiledNode c;
      c.op = [spec](const Schema& in) { return stream::make_window(spec, in); };
      return c;
    };
    r.add(std::move(k));
  }
}

}  // namespace tributary::nodes
