// FindCoordinator (key 10), v0-2: this node coordinates every group.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tributary::broker {

struct FindCoordinatorRequest {
  std::string key;
  std::int8_t key_type = 0;  // v1+: 0 group, 1 transaction

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.string(key);
    if (v >= 1) io.i8(key_type);
    io.tags();
  }
};

struct FindCoordinatorResponse {
  std::int32_t throttle_time_ms = 0;  // v1+
  std::int16_t error_code = 0;
  std::optional<std::string> error_message;  // v1+
  std::int32_t node_id = 0;
  std::string host;
  std::int32_t port = 0;

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 1) io.i32(throttle_time_ms);
    io.i16(error_code);
    if (v >= 1) io.nullable_string(error_message);
    io.i32(node_id);
    io.string(host);
    io.i32(port);
    io.tags();
  }
};

}  // namespace tributary::broker
