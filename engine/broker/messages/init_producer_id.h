// InitProducerId (key 22), v0-1: a producer id for idempotent producers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tributary::broker {

struct InitProducerIdRequest {
  std::optional<std::string> transactional_id;
  std::int32_t transaction_timeout_ms = 0;

  template <class IO>
  void serde(IO& io, std::int16_t /*v*/) {
    io.nullable_string(transactional_id);
    io.i32(transaction_timeout_ms);
    io.tags();
  }
};

struct InitProducerIdResponse {
  std::int32_t throttle_time_ms = 0;
  std::int16_t error_code = 0;
  std::int64_t producer_id = -1;
  std::int16_t producer_epoch = -1;

  template <class IO>
  void serde(IO& io, std::int16_t /*v*/) {
    io.i32(throttle_time_ms);
    io.i16(error_code);
    io.i64(producer_id);
    io.i16(producer_epoch);
    io.tags();
  }
};

}  // namespace tributary::broker
