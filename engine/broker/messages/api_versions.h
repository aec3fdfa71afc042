// ApiVersions (key 18), v0-3; v3 is flexible and is what librdkafka sends first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tributary::broker {

struct ApiVersionsRequest {
  std::string client_software_name;     // v3+
  std::string client_software_version;  // v3+

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    if (v >= 3) {
      io.string(client_software_name);
      io.string(client_software_version);
    }
    io.tags();
  }
};

struct ApiVersionsResponse {
  struct Api {
    std::int16_t api_key = 0;
    std::int16_t min_version = 0;
    std::int16_t max_version = 0;
  };
  std::int16_t error_code = 0;
  std::vector<Api> api_keys;
  std::int32_t throttle_time_ms = 0;  // v1+

  template <class IO>
  void serde(IO& io, std::int16_t v) {
    io.i16(error_code);
    io.array(api_keys, [&](Api& a) {
      io.i16(a.api_key);
      io.i16(a.min_version);
      io.i16(a.max_version);
      io.tags();
    });
    if (v >= 1) io.i32(throttle_time_ms);
    io.tags();
  }
};

}  // namespace tributary::broker
