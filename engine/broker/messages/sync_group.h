// SyncGroup (key 14), v0-3: the leader hands in every member's assignment.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tributary::broker {

struct SyncGroupRequest {
  struct Assignment {
    std::string member_id;
    std::span<const char> assignment;
  };
  std::string group_id;
  std::int32_t generation_id = 0;
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v3+
  std::vector<Assignment> assignments;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.string(group_id);
    io.i32(generation_id);
    io.string(member_id);
    if (v >= 3) io.nullable_string(group_instance_id);
    io.array(assignments, [&](Assignment& a) {
      io.string(a.member_id);
      io.bytes(a.assignment);
      io.tags();
    });
    io.tags();
  }
};

struct SyncGroupResponse {
  std::int32_t throttle_time_ms = 0;  // v1+
  std::int16_t error_code = 0;
  std::span<const char> assignment;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 1) io.i32(throttle_time_ms);
    io.i16(error_code);
    io.bytes(assignment);
    io.tags();
  }
};

}  // namespace tributary::broker
