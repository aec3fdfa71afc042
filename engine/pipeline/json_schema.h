// A JSON Schema (draft 2020-12) of the pipeline document, generated from the node catalogue
// so that it never disagrees with what the loader accepts. resources/pipeline.schema.json is
// its committed copy, for editors and other tools.
#pragma once

#include <nlohmann/json.hpp>

#include "pipeline/node_kind.h"

namespace tributary::pipeline {

nlohmann::ordered_json pipeline_json_schema(const NodeRegistry& kinds);

}  // namespace tributary::pipeline
