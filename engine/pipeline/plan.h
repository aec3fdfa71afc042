// What a pipeline compiles into (architecture.md, "Compile"): the topics it needs, one ingest
// task per source and topic it writes, and one micro-batch job per sink, each job reading
// topics through its chain of operators. The runtime runs a plan; `explain` prints it.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/types.h"
#include "stream/job.h"

namespace tributary::pipeline {

struct TopicPlan {
  std::string name;
  std::string node;  // the topic node, or the source of an implicit topic
  int partitions = 1;
  std::vector<std::string> key;
  std::int64_t retention_ms = -1, retention_bytes = -1;
  std::string flush = "interval";
  Schema schema;
  bool implicit = false;      // made by the compiler between a source and a transform
  bool external = false;      // source.topic: written by someone else, never reset
  bool dead_letters = false;  // `<pipeline>-<node>-dlq`: a node's rejected records
  bool expose = false;        // served to Kafka clients by the embedded broker while running
};

struct IngestPlan {
  std::string node;
  std::string kind;  // source.replay, source.generator, source.tcp, source.kafka
  nlohmann::json params;
  std::string topic;
  Schema schema;
  std::string time_field;
  std::vector<std::string> key;  // the topic's key
  bool bounded = true;
  std::string dead_letter_topic;  // where lines that are not records go
};

struct SinkPlan {
  std::string node;  // for an internal topic's job: the node it feeds
  std::string kind;  // sink.jsonl, sink.csv, sink.sqlite, sink.console, sink.chart, sink.topic,
                     // sink.kafka
  nlohmann::json params;
  std::filesystem::path path;  // resolved against the pipeline's folder
};

struct JobPlan {
  std::string name;
  std::string state_name;    // its checkpoint's file name: the sink's id, or `<node>-repartition`
  stream::JobConfig config;  // without sink path and checkpoint: the runtime sets them
  SinkPlan sink;
  std::vector<std::string> steps;  // for explain: "events -> views (transform.filter) -> ..."
  std::vector<std::string> table_topics;
};

struct Plan {
  std::string pipeline;  // the name as a slug: prefix of internal topics and state
  std::vector<TopicPlan> topics;
  std::vector<IngestPlan> ingests;
  std::vector<JobPlan> jobs;

  const TopicPlan* topic(const std::string& name) const {
    for (const auto& t : topics) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  // A topic node asks for the embedded Kafka broker while the pipeline runs.
  bool exposes_topics() const {
    for (const auto& t : topics) {
      if (t.expose) return true;
    }
    return false;
  }
};

}  // namespace tributary::pipeline
