// Heartbeat (key 12), v0-3, and LeaveGroup (key 13), v0-1: a member's liveness and exit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tributary::broker {

struct HeartbeatRequest {
  std::string group_id;
  std::int32_t generation_id = 0;
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v3+

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.string(group_id);
    io.i32(generation_id);
    io.string(member_id);
    if (v >= 3) io.nullable_string(group_instance_id);
    io.tags();
  }
};

// Heartbeat and LeaveGroup answer with the same shape.
struct GroupErrorResponse {
  std::int32_t throttle_time_ms = 0;  // v1+
  std::int16_t error_code = 0;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 1) io.i32(throttle_time_ms);
    io.i16(error_code);
    io.tags();
  }
};

struct LeaveGroupRequest {
  std::string group_id;
  std::string member_id;

  template <class IO>
  void serde(IO& io, std::int16_t /*v*/) {
    io.string(group_id);
    io.string(member_id);
    io.tags();
  }
};

}  // namespace tributary::broker
