// Metadata (key 3), v0-4. From v1 a null topic list means all topics and [] means none;
// in v0 [] means all (kafka-protocol.md pitfall 4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tributary::broker {

struct MetadataRequest {
  std::optional<std::vector<std::string>> topics;
  bool allow_auto_topic_creation = true;  // v4+

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v == 0) {
      if (!topics) topics.emplace();
      io.array(*topics, [&](std::string& t) { io.string(t); });
      if (topics->empty()) topics.reset();
    } else {
      io.nullable_array(topics, [&](std::string& t) { io.string(t); });
    }
    if (v >= 4) io.boolean(allow_auto_topic_creation);
    io.tags();
  }
};

struct MetadataResponse {
  struct Broker {
    std::int32_t node_id = 0;
    std::string host;
    std::int32_t port = 0;
    std::optional<std::string> rack;  // v1+
  };
  struct Partition {
    std::int16_t error_code = 0;
    std::int32_t partition_index = 0;
    std::int32_t leader_id = 0;
    std::vector<std::int32_t> replica_nodes;
    std::vector<std::int32_t> isr_nodes;
  };
  struct Topic {
    std::int16_t error_code = 0;
    std::string name;
    bool is_internal = false;  // v1+
    std::vector<Partition> partitions;
  };
  std::int32_t throttle_time_ms = 0;  // v3+
  std::vector<Broker> brokers;
  std::optional<std::string> cluster_id;  // v2+
  std::int32_t controller_id = -1;        // v1+
  std::vector<Topic> topics;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 3) io.i32(throttle_time_ms);
    io.array(brokers, [&](Broker& b) {
      io.i32(b.node_id);
      io.string(b.host);
      io.i32(b.port);
      if (v >= 1) io.nullable_string(b.rack);
      io.tags();
    });
    if (v >= 2) io.nullable_string(cluster_id);
    if (v >= 1) io.i32(controller_id);
    io.array(topics, [&](Topic& t) {
      io.i16(t.error_code);
      io.string(t.name);
      if (v >= 1) io.boolean(t.is_internal);
      io.array(t.partitions, [&](Partition& p) {
        io.i16(p.error_code);
        io.i32(p.partition_index);
        io.i32(p.leader_id);
        io.int32_array(p.replica_nodes);
        io.int32_array(p.isr_nodes);
        io.tags();
      });
      io.tags();
    });
    io.tags();
  }
};

}  // namespace tributary::broker
