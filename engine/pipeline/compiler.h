// From a validated pipeline to a plan: the graph is cut at topic nodes; a source wired
// straight into a transform gets an implicit topic `<pipeline>-<source>`; each sink becomes a
// job that reads the topics upstream of it through the operators in between (as each sink of
// Spark Structured Streaming is a query of its own).
#pragma once

#include <filesystem>

#include "pipeline/diagnostic.h"
#include "pipeline/node_kind.h"
#include "pipeline/pipeline.h"
#include "pipeline/pipeline_validation.h"
#include "pipeline/plan.h"

namespace tributary::pipeline {

struct Compilation {
  Plan plan;
  Diagnostics diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// The pipeline's name as a topic-name prefix: lower case, [a-z0-9._-].
std::string pipeline_slug(const std::string& name);

Compilation compile_pipeline(const Pipeline& pipeline, const Validation& validation,
                             const NodeRegistry& kinds, const std::filesystem::path& base_dir);

}  // namespace tributary::pipeline
