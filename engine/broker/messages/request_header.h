// Request header v1/v2 and response header v0/v1 (RequestHeader.json, ResponseHeader.json).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tributary::broker {

struct RequestHeader {
  std::int16_t api_key = 0;
  std::int16_t api_version = 0;
  std::int32_t correlation_id = 0;
  std::optional<std::string> client_id;

  // Header v2 adds a tag block; client_id stays a classic string even then.
  template <class IO>
  void serde(IO& io, bool flexible) {
    io.i16(api_key);
    io.i16(api_version);
    io.i32(correlation_id);
    io.classic_nullable_string(client_id);
    if (flexible) io.tags();
  }
};

}  // namespace tributary::broker
