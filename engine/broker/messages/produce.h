// Produce (key 0), v0-7 described; the broker stores only v3+ (RecordBatch v2).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tributary::broker {

struct ProduceRequest {
  struct Partition {
    std::int32_t index = 0;
    std::optional<std::span<const char>> records;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };
  std::optional<std::string> transactional_id;  // v3+
  std::int16_t acks = -1;
  std::int32_t timeout_ms = 0;
  std::vector<Topic> topics;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 3) io.nullable_string(transactional_id);
    io.i16(acks);
    io.i32(timeout_ms);
    io.array(topics, [&](Topic& t) {
      io.string(t.name);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.index);
        io.nullable_bytes(p.records);
        io.tags();
      });
      io.tags();
    });
    io.tags();
  }
};

struct ProduceResponse {
  struct Partition {
    std::int32_t index = 0;
    std::int16_t error_code = 0;
    std::int64_t base_offset = -1;
    std::int64_t log_append_time_ms = -1;  // v2+
    std::int64_t log_start_offset = -1;    // v5+
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };
  std::vector<Topic> topics;
  std::int32_t throttle_time_ms = 0;  // v1+, after the topics

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.array(topics, [&](Topic& t) {
      io.string(t.name);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.index);
        io.i16(p.error_code);
        io.i64(p.base_offset);
        if (v >= 2) io.i64(p.log_append_time_ms);
        if (v >= 5) io.i64(p.log_start_offset);
        io.tags();
      });
      io.tags();
    });
    if (v >= 1) io.i32(throttle_time_ms);
    io.tags();
  }
};

}  // namespace tributary::broker
