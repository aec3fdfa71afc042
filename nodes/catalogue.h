// The node kinds the app and the CLI know: sources, topics, windows, transforms, ML models
// and sinks, each declared once (pipeline::NodeKind) and registered here at start-up.
#pragma once

#include "pipeline/node_kind.h"

namespace tributary::nodes {

// Every built-in kind, in palette order.
const pipeline::NodeRegistry& builtin_kinds();

// One family each, in its own file.
void add_source_kinds(pipeline::NodeRegistry& r);
void add_topic_kind(pipeline::NodeRegistry& r);
void add_window_kinds(pipeline::NodeRegistry& r);
void add_transform_kinds(pipeline::NodeRegistry& r);
void add_ml_kinds(pipeline::NodeRegistry& r);
void add_sink_kinds(pipeline::NodeRegistry& r);

// Shared by source.kafka and sink.kafka (source_kinds.cpp).
Status check_bootstrap(const nlohmann::json& params);
std::vector<pipeline::ParamSpec> kafka_connection_params();
pipeline::ParamSpec kafka_timeout_param();

}  // namespace tributary::nodes
