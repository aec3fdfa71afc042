// OffsetCommit (key 8), v2-7, and OffsetFetch (key 9), v1-5: a group's committed offsets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tributary::broker {

struct OffsetCommitRequest {
  struct Partition {
    std::int32_t partition_index = 0;
    std::int64_t committed_offset = 0;
    std::int32_t committed_leader_epoch = -1;  // v6+
    std::int64_t commit_timestamp = -1;        // v1 only
    std::optional<std::string> committed_metadata;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };
  std::string group_id;
  std::int32_t generation_id = -1;               // v1+
  std::string member_id;                         // v1+
  std::optional<std::string> group_instance_id;  // v7+
  std::int64_t retention_time_ms = -1;           // v2-4
  std::vector<Topic> topics;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.string(group_id);
    if (v >= 1) {
      io.i32(generation_id);
      io.string(member_id);
    }
    if (v >= 7) io.nullable_string(group_instance_id);
    if (v >= 2 && v <= 4) io.i64(retention_time_ms);
    io.array(topics, [&](Topic& t) {
      io.string(t.name);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.partition_index);
        io.i64(p.committed_offset);
        if (v >= 6) io.i32(p.committed_leader_epoch);
        if (v == 1) io.i64(p.commit_timestamp);
        io.nullable_string(p.committed_metadata);
        io.tags();
      });
      io.tags();
    });
    io.tags();
  }
};

struct OffsetCommitResponse {
  struct Partition {
    std::int32_t partition_index = 0;
    std::int16_t error_code = 0;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };
  std::int32_t throttle_time_ms = 0;  // v3+
  std::vector<Topic> topics;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 3) io.i32(throttle_time_ms);
    io.array(topics, [&](Topic& t) {
      io.string(t.name);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.partition_index);
        io.i16(p.error_code);
        io.tags();
      });
      io.tags();
    });
    io.tags();
  }
};

struct OffsetFetchRequest {
  struct Topic {
    std::string name;
    std::vector<std::int32_t> partition_indexes;
  };
  std::string group_id;
  std::optional<std::vector<Topic>> topics;  // null (v2+) = every committed partition

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.string(group_id);
    auto each = [&](Topic& t) {
      io.string(t.name);
      io.int32_array(t.partition_indexes);
      io.tags();
    };
    if (v >= 2) {
      io.nullable_array(topics, each);
    } else {
      if (!topics) topics.emplace();
      io.array(*topics, each);
    }
    io.tags();
  }
};

struct OffsetFetchResponse {
  struct Partition {
    std::int32_t partition_index = 0;
    std::int64_t committed_offset = -1;
    std::int32_t committed_leader_epoch = -1;  // v5+
    std::optional<std::string> metadata;
    std::int16_t error_code = 0;
  };
  struct Topic {
    std::string name;
    std::vector<Partition> partitions;
  };
  std::int32_t throttle_time_ms = 0;  // v3+
  std::vector<Topic> topics;
  std::int16_t error_code = 0;  // v2+

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 3) io.i32(throttle_time_ms);
    io.array(topics, [&](Topic& t) {
      io.string(t.name);
      io.array(t.partitions, [&](Partition& p) {
        io.i32(p.partition_index);
        io.i64(p.committed_offset);
        if (v >= 5) io.i32(p.committed_leader_epoch);
        io.nullable_string(p.metadata);
        io.i16(p.error_code);
        io.tags();
      });
      io.tags();
    });
    if (v >= 2) io.i16(error_code);
    io.tags();
  }
};

}  // namespace tributary::broker
