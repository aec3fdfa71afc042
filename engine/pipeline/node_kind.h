// What a node kind declares (the catalogue in nodes/ fills a NodeRegistry with these): ports,
// typed parameters with defaults, ranges and help text, the upgrade of old parameter
// versions, and the output schema it derives from its inputs. Validation, the inspector of
// the app and the compiler all read the same declaration.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/types.h"
#include "stream/job.h"

namespace tributary::pipeline {

enum class ParamType {
  string,
  integer,
  number,
  boolean,
  choice,           // a string among `choices`
  string_list,      // ["a", "b"]
  field,            // the name of a field of the input
  field_list,       // names of fields of the input
  expression,       // an expression over the input's fields
  expression_list,  // several
  aggregates,       // [{"fn": "count", "field": "x", "as": "n"}]
  map_fields,       // [{"as": "y", "expr": "x * 2"}]
  fields,           // {"name": "int64", ...}: a schema written out
  path,             // a file path, relative to the pipeline's folder
};
const char* param_type_name(ParamType t);

// One key of the objects of a list-of-objects parameter (aggregates, map_fields), for editors
// that show such a list as a table: `type` is string, choice (among `choices`), field (a
// field of the input) or expression (over the input's fields).
struct ItemFieldSpec {
  std::string name;
  ParamType type = ParamType::string;
  bool required = false;
  std::vector<std::string> choices;
  std::string help;
};

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::string;
  bool required = false;
  nlohmann::json default_value;  // null: no default
  std::optional<double> min, max;
  std::vector<std::string> choices;
  std::string help;  // one sentence for the inspector
  // A list of objects: the keys of each object, in column order (empty for other types).
  std::vector<ItemFieldSpec> item_fields;
};

struct PortSpec {
  std::string name;
  bool multiple = false;  // an input that takes several edges (a topic, a union)
};

// What a kind sees when it derives its output: its parameters with defaults filled in, the
// schema arriving at each input port (in port order; several edges into one port are
// unified first), and the pipeline's folder.
// `event_time` is the field that holds the event time of the first input's records ("" when
// they have none: windows then use the ingestion time, the pseudo-field `_time`).
struct NodeContext {
  std::string id;
  const nlohmann::json& params;
  std::vector<Schema> inputs;
  std::filesystem::path base_dir;
  std::string event_time;
};

// What a transform, window or ML node becomes inside a job: an operator per task, or for
// nodes with two inputs a merge (stream join, union) or a lookup in a table (table join).
struct CompiledNode {
  stream::OperatorFactory op;
  stream::MergeFactory merge;
  // A table join: the right input becomes a lookup table keyed by these fields; the node is
  // then an operator over the left input.
  std::vector<std::string> table_key;
  std::function<Result<std::unique_ptr<stream::Operator>>(
      std::shared_ptr<const stream::LookupTable>, const Schema&)>
      table_op;
};

struct NodeKind {
  std::string id;        // "window.tumbling"
  std::string category;  // source, topic, window, transform, ml, sink
  std::string title;     // for the palette
  std::string help;
  int version = 1;  // the current kind_version
  std::vector<PortSpec> inputs, outputs;
  std::vector<ParamSpec> params;
  // upgrades[v - 1] turns the parameters of kind_version v into those of v + 1.
  std::vector<std::function<void(nlohmann::json& params)>> upgrades;
  // The schema of the output port(s); an error message that starts with "param: " is
  // reported on that parameter. Sinks return an empty schema.
  std::function<Result<Schema>(const NodeContext&)> output_schema;
  // The output's event-time field, when the kind knows it better than the default rules of
  // validate_pipeline() (a source's `time_field`, a window's `window_start`, else the input's).
  std::function<std::string(const NodeContext&)> event_time;
  // Transforms, windows, ML: how the node runs (sources, topics and sinks are wired by the
  // compiler from their parameters).
  std::function<Result<CompiledNode>(const NodeContext&)> compile;

  const ParamSpec* param(const std::string& name) const {
    for (const auto& p : params) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }
};

class NodeRegistry {
 public:
  void add(NodeKind kind);
  const NodeKind* find(const std::string& id) const;
  // In registration order (the palette's order).
  const std::vector<std::unique_ptr<NodeKind>>& kinds() const { return kinds_; }

 private:
  std::vector<std::unique_ptr<NodeKind>> kinds_;
  std::map<std::string, const NodeKind*> by_id_;
};

}  // namespace tributary::pipeline
