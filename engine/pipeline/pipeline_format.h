// The pipeline document (pipeline-format.md): load with one diagnostic per problem, migrate
// old document and kind versions, save canonically (stable key order, 2-space indent, so
// that load -> save -> load -> save gives the same bytes).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "pipeline/diagnostic.h"
#include "pipeline/node_kind.h"
#include "pipeline/pipeline.h"

namespace tributary::pipeline {

struct LoadResult {
  Pipeline pipeline;
  Diagnostics diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// Reads the document's structure: format, version, settings, nodes (known kinds, parameters
// upgraded to the kind's current version, typed against its declaration) and edges (of the
// form "node.port"). The graph itself is checked by validate_pipeline().
LoadResult load_pipeline(std::string_view text, const NodeRegistry& kinds);
LoadResult load_pipeline_file(const std::filesystem::path& file, const NodeRegistry& kinds);

std::string save_pipeline(const Pipeline& pipeline);

// The parameters of `node` with the kind's defaults filled in.
nlohmann::json resolved_params(const Node& node, const NodeKind& kind);

}  // namespace tributary::pipeline
