// Reading a node's (validated, defaults filled) parameters into the engine's specs: shared by
// the kinds' output schemas and their compilation, so both read parameters the same way.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/status.h"
#include "core/types.h"
#include "pipeline/node_kind.h"
#include "stream/aggregate.h"
#include "stream/operator.h"
#include "stream/windowed_aggregate.h"

namespace tributary::nodes {

std::vector<std::string> string_list(const nlohmann::json& params, const std::string& name);
std::string string_param(const nlohmann::json& params, const std::string& name);
std::int64_t int_param(const nlohmann::json& params, const std::string& name);

// `aggregates`: errors as "aggregates: [1] unknown function 'median'".
Result<std::vector<stream::AggregateSpec>> aggregates(const nlohmann::json& params);
// `fields` ({"name": "type"}) as a schema, in the object's key order.
Schema fields_schema(const nlohmann::json& fields);
std::vector<stream::MapField> map_fields(const nlohmann::json& params);

// The window of a window.* kind, its key, aggregates, emit mode and time field (the
// parameter, else the input's event time, else the ingestion-time pseudo-field `_time`).
Result<stream::WindowedAggregateSpec> window_spec(const std::string& kind,
                                                  const pipeline::NodeContext& ctx);
// The input a window sees: with `_time` as its time field, the input plus that field.
Schema with_time_field(const Schema& input, const std::string& time_field);

// "param: message" from an engine error, so that validation can name the parameter.
Status on_param(const std::string& param, const Status& status);

}  // namespace tributary::nodes
