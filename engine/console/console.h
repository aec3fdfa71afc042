// The commands of tributary-cli: pipelines (validate, export, ...) and the console tools
// (topic, produce, consume, group), modelled on Kafka's kafka-topics /
// kafka-console-producer / kafka-console-consumer / kafka-consumer-groups.
#pragma once

#include "pipeline/node_kind.h"

namespace tributary::console {

// Parses and runs one command line with the node kinds of `kinds`; returns the process exit
// code (0 ok, 1 any error).
int run(int argc, char** argv, const pipeline::NodeRegistry& kinds);

}  // namespace tributary::console
