// transform.*: filter, map, aggregate, join, dedupe, union, sql. Each output schema comes
// from building the engine operator once, so validation and the run agree.
#include "catalogue.h"
#include "param_specs.h"
#include "param_values.h"
#include "stream/expression.h"
#include "stream/lookup_table.h"

namespace tributary::nodes {
namespace {

using pipeline::NodeContext;
using pipeline::NodeKind;
using pipeline::ParamType;
using json = nlohmann::json;

Result<Schema> schema_of(Result<std::unique_ptr<stream::Operator>> op, const std::string& param) {
  if (!op.ok()) return on_param(param, op.status());
  return (*op)->output_schema();
}

// A node that runs as one operator: its output schema and its compilation both come from
// `make(params, event_time, input)`.
using MakeOperator = std::function<Result<std::unique_ptr<stream::Operator>>(
    const json& params, const std::string& event_time, const Schema&)>;

void runs_as(NodeKind& k, MakeOperator make, std::string param) {
  k.output_schema = [make, param](const NodeContext& ctx) -> Result<Schema> {
    auto op = make(ctx.params, ctx.event_time, ctx.inputs[0]);
    if (!op.ok()) return on_param(param, op.status());
    return (*op)->output_schema();
  };
  k.compile = [make](const NodeContext& ctx) -> Result<pipeline::CompiledNode> {
    pipeline::CompiledNode c;
    c.op = [make, params = ctx.params, time = ctx.event_time](const Schema& in) {
      return make(params, time, in);
    };
    return c;
  };
}

NodeKind unary(const char* id, const char* title, const char* help) {
  NodeKind k;
  k.id = id;
  k.category = "transform";
  k.title = title;
  k.help = help;
  k.inputs = {port("in")};
  k.outputs = {port("out")};
  return k;
}

}  // namespace

// The stream-stream join a transform.join node describes (its output schema and its
// compilation read the parameters the same way).
stream::StreamJoinSpec stream_join_spec(const NodeContext& ctx,
                                        const std::vector<std::string>& left_key,
                                        const std::vector<std::string>& right_key,
                                        stream::JoinType type) {
  const json& p = ctx.params;
  stream::StreamJoinSpec spec;
  spec.left_key = left_key;
  spec.right_key = right_key;
  spec.left_time_field = string_param(p, "left_time_field");
  if (spec.left_time_field.empty()) spec.left_time_field = ctx.event_time;
  spec.right_time_field = string_param(p, "right_time_field");
  if (spec.right_time_field.empty()) spec.right_time_field = spec.left_time_field;
  spec.before_ms = int_param(p, "before_ms");
  spec.after_ms = int_param(p, "after_ms");
  spec.grace_ms = int_param(p, "grace_ms");
  spec.type = type;
  return spec;
}

// The join of a node's two inputs, for its output schema and for the compiler.
Result<Schema> join_schema(const NodeContext& ctx) {
  const json& p = ctx.params;
  const auto left_key = string_list(p, "left_key");
  auto right_key = string_list(p, "right_key");
  if (right_key.empty()) right_key = left_key;
  const auto type =
      string_param(p, "type") == "left" ? stream::JoinType::left : stream::JoinType::inner;
  if (p.value("table", false)) {
    auto table = stream::LookupTable::create({"right", ctx.inputs[1], right_key});
    if (!table.ok()) return on_param("right_key", table.status());
    return schema_of(stream::make_lookup_join(*table, left_key, type, ctx.inputs[0]), "left_key");
  }
  stream::StreamJoinSpec spec = stream_join_spec(ctx, left_key, right_key, type);
  if (spec.left_time_field.empty()) {
    return error(ErrorCode::invalid_argument,
                 "left_time_field: the left input has no event time; name a field");
  }
  auto join = stream::make_stream_join(spec, ctx.inputs);
  if (!join.ok()) return join.status();
  return (*join)->output_schema();
}

Result<pipeline::CompiledNode> compile_join(const NodeContext& ctx) {
  const json& p = ctx.params;
  const auto left_key = string_list(p, "left_key");
  auto right_key = string_list(p, "right_key");
  if (right_key.empty()) right_key = left_key;
  const auto type =
      string_param(p, "type") == "left" ? stream::JoinType::left : stream::JoinType::inner;
  pipeline::CompiledNode c;
  if (p.value("table", false)) {
    c.table_key = right_key;
    c.table_op = [left_key, type](std::shared_ptr<const stream::LookupTable> table,
                                  const Schema& in) {
      return stream::make_lookup_join(std::move(table), left_key, type, in);
    };
    return c;
  }
  stream::StreamJoinSpec spec = stream_join_spec(ctx, left_key, right_key, type);
  c.merge = [spec](const std::vector<Schema>& inputs) {
    return stream::make_stream_join(spec, inputs);
  };
  return c;
}

void add_transform_kinds(pipeline::NodeRegistry& r) {
  {
    NodeKind k =
        unary("transform.filter", "Filter", "Keeps the records for which the expression is true.");
    k.params = {
        required("expr", ParamType::expression, "A boolean expression, e.g. event_type = 'view'")};
    runs_as(
        k,
        [](const json& p, const std::string&, const Schema& in) {
          return stream::make_filter(string_param(p, "expr"), in);
        },
        "expr");
    r.add(std::move(k));
  }
  {
    NodeKind k = unary("transform.map", "Map", "Computes fields from expressions.");
    k.params = {required("fields", ParamType::map_fields, "Fields to compute: {as, expr}"),
                optional("keep", ParamType::boolean, true, "Keep the input's fields too")};
    runs_as(
        k,
        [](const json& p, const std::string&, const Schema& in) {
          return stream::make_map(map_fields(p), p.value("keep", true), in);
        },
        "fields");
    r.add(std::move(k));
  }
  {
    NodeKind k =
        unary("transform.aggregate", "Aggregate", "Running aggregates per key, without windows.");
    k.params = {optional("key", ParamType::field_list, json::array(), "Group by these fields"),
                required("aggregates", ParamType::aggregates, "What to compute per key"),
                choice("emit", {"final", "update"}, "update",
                       "update: changed keys after each batch; final: at the end")};
    runs_as(
        k,
        [](const json& p, const std::string&,
           const Schema& in) -> Result<std::unique_ptr<stream::Operator>> {
          TRIB_ASSIGN_OR_RETURN(auto aggs, aggregates(p));
          const auto mode = string_param(p, "emit") == "final" ? stream::EmitMode::final
                                                               : stream::EmitMode::update;
          return stream::make_running_aggregate(string_list(p, "key"), aggs, mode, in);
        },
        "aggregates");
    r.add(std::move(k));
  }
  {
    NodeKind k;
    k.id = "transform.join";
    k.category = "transform";
    k.title = "Join";
    k.help =
        "Joins two streams within a time window, or a stream with a table (the latest record per "
        "key).";
    k.inputs = {port("left"), port("right")};
    k.outputs = {port("out")};
    k.params = {
        required("left_key", ParamType::field_list, "Key fields of the left input"),
        optional("right_key", ParamType::field_list, json(),
                 "Key fields of the right input; by default left_key"),
        choice("type", {"inner", "left"}, "inner", "inner: matches only; left: every left record"),
        optional("table", ParamType::boolean, false,
                 "The right input is a table: its latest record per key"),
        at_least(optional("before_ms", ParamType::integer, 0,
                          "Right records this much before the left one join"),
                 0),
        at_least(optional("after_ms", ParamType::integer, 0,
                          "Right records this much after the left one join"),
                 0),
        at_least(optional("grace_ms", ParamType::integer, 0, "How late a record may be"), 0),
        optional("left_time_field", ParamType::field, json(),
                 "Event time of the left input; by default the source's"),
        optional("right_time_field", ParamType::field, json(),
                 "Event time of the right input; by default the left's name")};
    k.output_schema = join_schema;
    k.compile = compile_join;
    r.add(std::move(k));
  }
  {
    NodeKind k = unary("transform.dedupe", "Dedupe",
                       "Drops a record whose key was seen within a time bound.");
    k.params = {
        optional("key", ParamType::field_list, json::array(),
                 "Fields that make a duplicate; none = all fields"),
        optional("time_field", ParamType::field, json(), "Event time; by default the source's"),
        at_least(required("within_ms", ParamType::integer, "How far apart duplicates may be"), 0)};
    runs_as(
        k,
        [](const json& p, const std::string& event_time,
           const Schema& in) -> Result<std::unique_ptr<stream::Operator>> {
          std::string time = string_param(p, "time_field");
          if (time.empty()) time = event_time;
          if (time.empty())
            return error(ErrorCode::invalid_argument,
                         "time_field: the input has no event time; name a field");
          return stream::make_dedupe(string_list(p, "key"), time, int_param(p, "within_ms"), in);
        },
        "key");
    r.add(std::move(k));
  }
  {
    NodeKind k = unary("transform.union", "Union",
                       "Merges inputs with the same fields (int64 widens to double).");
    k.inputs = {port("in", true)};
    k.output_schema = [](const NodeContext& ctx) -> Result<Schema> { return ctx.inputs[0]; };
    k.compile = [](const NodeContext&) -> Result<pipeline::CompiledNode> {
      pipeline::CompiledNode c;
      c.merge = [](const std::vector<Schema>& inputs) { return stream::make_union_merge(inputs); };
      return c;
    };
    r.add(std::move(k));
  }
  {
    NodeKind k =
        unary("transform.sql", "SQL", "A SQLite SELECT over each micro-batch, as the table input.");
    k.params = {required("query", ParamType::string,
                         "e.g. SELECT user, count(*) AS n FROM input GROUP BY user")};
    runs_as(
        k,
        [](const json& p, const std::string&, const Schema& in) {
          return stream::make_sql(string_param(p, "query"), in);
        },
        "query");
    r.add(std::move(k));
  }
}

}  // namespace tributary::nodes
