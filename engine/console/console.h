// The console tools of tributary-cli (topic, produce, consume, group), modelled on Kafka's
// kafka-topics / kafka-console-producer / kafka-console-consumer / kafka-consumer-groups.
#pragma once

namespace tributary::console {

// Parses and runs one command line; returns the process exit code (0 ok, 1 any error).
int run(int argc, char** argv);

}  // namespace tributary::console
