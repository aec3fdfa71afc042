// JoinGroup (key 11), v0-5. Members' protocol metadata is opaque to the broker.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tributary::broker {

struct JoinGroupRequest {
  struct Protocol {
    std::string name;
    std::span<const char> metadata;
  };
  std::string group_id;
  std::int32_t session_timeout_ms = 0;
  std::int32_t rebalance_timeout_ms = -1;  // v1+ (v0: the session timeout)
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v5+
  std::string protocol_type;
  std::vector<Protocol> protocols;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.string(group_id);
    io.i32(session_timeout_ms);
    if (v >= 1) io.i32(rebalance_timeout_ms);
    io.string(member_id);
    if (v >= 5) io.nullable_string(group_instance_id);
    io.string(protocol_type);
    io.array(protocols, [&](Protocol& p) {
      io.string(p.name);
      io.bytes(p.metadata);
      io.tags();
    });
    io.tags();
  }
};

struct JoinGroupResponse {
  struct Member {
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v5+
    std::span<const char> metadata;
  };
  std::int32_t throttle_time_ms = 0;  // v2+
  std::int16_t error_code = 0;
  std::int32_t generation_id = -1;
  std::string protocol_name;
  std::string leader;
  std::string member_id;
  std::vector<Member> members;  // the leader's response only

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 2) io.i32(throttle_time_ms);
    io.i16(error_code);
    io.i32(generation_id);
    io.string(protocol_name);
    io.string(leader);
    io.string(member_id);
    io.array(members, [&](Member& m) {
      io.string(m.member_id);
      if (v >= 5) io.nullable_string(m.group_instance_id);
      io.bytes(m.metadata);
      io.tags();
    });
    io.tags();
  }
};

}  // namespace tributary::broker
