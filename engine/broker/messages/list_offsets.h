// ListOffsets (key 2), v1-2: the offset for a timestamp, -1 = latest, -2 = earliest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tributary::broker {

inline constexpr std::int64_t kLatestTimestamp = -1;
inline constexpr std::int64_t kEarliestTimestamp = -2;

struct ListOffsetsRequest {
  struct Partition {
    std::int32_t partition_index = 0;
    std::int64_t timestamp = 0;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };
  std::int32_t replica_id = -1;
  std::int8_t isolation_level = 0;  // v2+
  std::vector<Topic> topics;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.i32(replica_id);
    if (v >= 2) io.i8(isolation_level);
    io.array(topics, [&](Topic& t) {
      io.string(t.name);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.partition_index);
        io.i64(p.timestamp);
        io.tags();
      });
      io.tags();
    });
    io.tags();
  }
};

struct ListOffsetsResponse {
  struct Partition {
    std::int32_t partition_index = 0;
    std::int16_t error_code = 0;
    std::int64_t timestamp = -1;
    std::int64_t offset = -1;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };
  std::int32_t throttle_time_ms = 0;  // v2+
  std::vector<Topic> topics;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 2) io.i32(throttle_time_ms);
    io.array(topics, [&](Topic& t) {
      io.string(t.name);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.partition_index);
        io.i16(p.error_code);
        io.i64(p.timestamp);
        io.i64(p.offset);
        io.tags();
      });
      io.tags();
    });
    io.tags();
  }
};

}  // namespace tributary::broker
