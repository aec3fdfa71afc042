// Fetch (key 1), v4-11. Records are served as the stored bytes, whole batches.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tributary::broker {

struct FetchRequest {
  struct Partition {
    std::int32_t partition = 0;
    std::int32_t current_leader_epoch = -1;  // v9+
    std::int64_t fetch_offset = 0;
    std::int64_t log_start_offset = -1;  // v5+
    std::int32_t partition_max_bytes = 0;
  };
  struct Topic {
    std::string topic;
    std::vector<Partition> partitions;
  };
  struct Forgotten {
    std::string topic;
    std::vector<std::int32_t> partitions;
  };
  std::int32_t replica_id = -1;
  std::int32_t max_wait_ms = 0;
  std::int32_t min_bytes = 0;
  std::int32_t max_bytes = 0x7fffffff;  // v3+
  std::int8_t isolation_level = 0;      // v4+
  std::int32_t session_id = 0;          // v7+
  std::int32_t session_epoch = -1;      // v7+
  std::vector<Topic> topics;
  std::vector<Forgotten> forgotten;  // v7+
  std::string rack_id;               // v11+

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.i32(replica_id);
    io.i32(max_wait_ms);
    io.i32(min_bytes);
    if (v >= 3) io.i32(max_bytes);
    if (v >= 4) io.i8(isolation_level);
    if (v >= 7) {
      io.i32(session_id);
      io.i32(session_epoch);
    }
    io.array(topics, [&](Topic& t) {
      io.string(t.topic);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.partition);
        if (v >= 9) io.i32(p.current_leader_epoch);
        io.i64(p.fetch_offset);
        if (v >= 5) io.i64(p.log_start_offset);
        io.i32(p.partition_max_bytes);
        io.tags();
      });
      io.tags();
    });
    if (v >= 7) {
      io.array(forgotten, [&](Forgotten& f) {
        io.string(f.topic);
        io.int32_array(f.partitions);
        io.tags();
      });
    }
    if (v >= 11) io.string(rack_id);
    io.tags();
  }
};

struct FetchResponse {
  struct AbortedTransaction {
    std::int64_t producer_id = 0;
    std::int64_t first_offset = 0;
  };
  struct Partition {
    std::int32_t partition = 0;
    std::int16_t error_code = 0;
    std::int64_t high_watermark = 0;
    std::int64_t last_stable_offset = -1;                                 // v4+
    std::int64_t log_start_offset = -1;                                   // v5+
    std::optional<std::vector<AbortedTransaction>> aborted_transactions;  // v4+
    std::int32_t preferred_read_replica = -1;                             // v11+
    // Never null on the wire: librdkafka fails to parse a null record set (pitfall 7).
    std::optional<std::span<const char>> records;
  };
  struct Topic {
    std::string topic;
    std::vector<Partition> partitions;
  };
  std::int32_t throttle_time_ms = 0;  // v1+
  std::int16_t error_code = 0;        // v7+
  std::int32_t session_id = 0;        // v7+
  std::vector<Topic> topics;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 1) io.i32(throttle_time_ms);
    if (v >= 7) {
      io.i16(error_code);
      io.i32(session_id);
    }
    io.array(topics, [&](Topic& t) {
      io.string(t.topic);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.partition);
        io.i16(p.error_code);
        io.i64(p.high_watermark);
        if (v >= 4) io.i64(p.last_stable_offset);
        if (v >= 5) io.i64(p.log_start_offset);
        if (v >= 4) {
          io.nullable_array(p.aborted_transactions, [&](AbortedTransaction& a) {
            io.i64(a.producer_id);
            io.i64(a.first_offset);
            io.tags();
          });
        }
        if (v >= 11) io.i32(p.preferred_read_replica);
        io.nullable_bytes(p.records);
        io.tags();
      });
      io.tags();
    });
    io.tags();
  }
};

}  // namespace tributary::broker
