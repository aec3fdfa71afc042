// The graph of a loaded pipeline checked as a whole: edges between existing ports, one edge
// per single input, every input connected, no cycles; then schemas flow along the edges in
// topological order, each kind deriving its output from its inputs, so that a field that
// does not exist upstream or an expression that does not type-check is found before a run.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/diagnostic.h"
#include "pipeline/node_kind.h"
#include "pipeline/pipeline.h"

namespace tributary::pipeline {

struct Validation {
  Diagnostics diagnostics;
  std::vector<std::string> order;                // node ids, every node after its inputs
  std::map<std::string, Schema> outputs;         // output schema per node that has one
  std::map<std::string, nlohmann::json> params;  // per node, defaults filled in
  // The field holding the event time of each node's output: a source's `time_field`, kept
  // by transforms whose output still has it, `window_start` after a window; "" for none.
  std::map<std::string, std::string> event_time;
  bool ok() const { return diagnostics.empty(); }
};

// `load` holds what load_pipeline() said about the document; nodes it faulted are not
// typed again (one diagnostic per problem, not a cascade).
Validation validate_pipeline(const Pipeline& pipeline, const NodeRegistry& kinds,
                             const std::filesystem::path& base_dir, const Diagnostics& load = {});

// The edges into `node`'s input `port`, in document order.
std::vector<const Edge*> edges_into(const Pipeline& pipeline, const std::string& node,
                                    const std::string& port);

}  // namespace tributary::pipeline
