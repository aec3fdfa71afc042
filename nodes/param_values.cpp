#include "param_values.h"

namespace tributary::nodes {

using json = nlohmann::json;

std::vector<std::string> string_list(const json& params, const std::string& name) {
  std::vector<std::string> out;
  if (params.contains(name) && params[name].is_array()) {
    for (const auto& v : params[name]) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string string_param(const json& params, const std::string& name) {
  return params.contains(name) && params[name].is_string() ? params[name].get<std::string>()
                                                           : std::string();
}

std::int64_t int_param(const json& params, const std::string& name) {
  return params.contains(name) && params[name].is_number() ? params[name].get<std::int64_t>() : 0;
}

Result<std::vector<stream::AggregateSpec>> aggregates(const json& params) {
  std::vector<stream::AggregateSpec> out;
  const json& list = params.at("aggregates");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& a = list[i];
    stream::AggregateSpec spec;
    const std::string fn = a.value("fn", "");
    const auto parsed = stream::parse_agg_fn(fn);
    if (!parsed) {
      return error(ErrorCode::invalid_argument,
                   "aggregates: [" + std::to_string(i) + "] unknown function '" + fn +
                       "' (count, sum, min, max, avg, count_distinct, first, last)");
    }
    spec.fn = *parsed;
    spec.field = a.value("field", "");
    spec.as = a.value("as", "");
    if (spec.field.empty() && spec.fn != stream::AggFn::count) {
      return error(ErrorCode::invalid_argument,
                   "aggregates: [" + std::to_string(i) + "] " + fn + " needs a field");
    }
    out.push_back(std::move(spec));
  }
  return out;
}

Schema fields_schema(const json& fields) {
  std::vector<Field> out;
  for (const auto& [name, type] : fields.items())
    out.push_back({name, *parse_type_name(type.get<std::string>())});
  return Schema(std::move(out));
}

std::vector<stream::MapField> map_fields(const json& params) {
  std::vector<stream::MapField> out;
  for (const auto& f : params.at("fields"))
    out.push_back({f.at("as").get<std::string>(), f.at("expr").get<std::string>()});
  return out;
}

Schema with_time_field(const Schema& input, const std::string& time_field) {
  if (time_field != "_time" || input.index_of("_time")) return input;
  std::vector<Field> fields = input.fields();
  fields.push_back({"_time", DataType::timestamp});
  return Schema(std::move(fields));
}

Result<stream::WindowedAggregateSpec> window_spec(const std::string& kind,
                                                  const pipeline::NodeContext& ctx) {
  const json& p = ctx.params;
  stream::WindowedAggregateSpec spec;
  if (kind == "window.tumbling") {
    spec.window.kind = stream::WindowKind::tumbling;
    spec.window.size_ms = int_param(p, "size_ms");
  } else if (kind == "window.hopping") {
    spec.window.kind = stream::WindowKind::hopping;
    spec.window.size_ms = int_param(p, "size_ms");
    spec.window.advance_ms = int_param(p, "advance_ms");
    if (spec.window.advance_ms > spec.window.size_ms) {
      return error(ErrorCode::invalid_argument, "advance_ms: must not be larger than size_ms");
    }
  } else if (kind == "window.sliding") {
    spec.window.kind = stream::WindowKind::sliding;
    spec.window.difference_ms = int_param(p, "difference_ms");
  } else {
    spec.window.kind = stream::WindowKind::session;
    spec.window.gap_ms = int_param(p, "gap_ms");
  }
  spec.window.grace_ms = int_param(p, "grace_ms");
  spec.key = string_list(p, "key");
  spec.time_field = string_param(p, "time_field");
  if (spec.time_field.empty()) spec.time_field = ctx.event_time.empty() ? "_time" : ctx.event_time;
  TRIB_ASSIGN_OR_RETURN(spec.aggregates, aggregates(p));
  spec.emit_mode =
      string_param(p, "emit") == "update" ? stream::EmitMode::update : stream::EmitMode::final;
  return spec;
}

Status on_param(const std::string& param, const Status& status) {
  if (status.ok()) return status;
  const std::string& m = status.message();
  // Engine errors that already name a parameter keep it.
  if (m.compare(0, param.size() + 2, param + ": ") == 0) return status;
  return error(status.code(), param + ": " + m);
}

}  // namespace tributary::nodes
