// The APIs this broker serves and the version ranges it advertises in ApiVersions.
//
// The ranges follow ../shared/design/kafka-protocol.md §1.3: librdkafka 2.0.2 enables features
// by checking that the range *contains* particular versions (Produce 0 for gzip/snappy/lz4,
// Produce 3 + Fetch 4 for the v2 batch format, Produce 7 + Fetch 10 for zstd, FindCoordinator 0
// for groups, InitProducerId 0 for idempotence), so the minimums matter as much as the maximums.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace tributary::broker {

enum class ApiKey : std::int16_t {
  produce = 0,
  fetch = 1,
  list_offsets = 2,
  metadata = 3,
  offset_commit = 8,
  offset_fetch = 9,
  find_coordinator = 10,
  join_group = 11,
  heartbeat = 12,
  leave_group = 13,
  sync_group = 14,
  api_versions = 18,
  init_producer_id = 22,
};

struct ApiSupport {
  ApiKey key;
  std::int16_t min_version;
  std::int16_t max_version;
  // First flexible (KIP-482) version of the API; above max_version for all but ApiVersions.
  std::int16_t first_flexible;
  const char* name;
};

std::span<const ApiSupport> supported_apis();
// Null for an API key this broker does not serve.
const ApiSupport* find_api(std::int16_t key);
// Flexible versions use compact encodings, tag blocks and request header v2.
bool is_flexible(const ApiSupport& api, std::int16_t version);
// Response header v1 (with tags) for flexible versions, except ApiVersions, always v0 (KIP-511).
bool response_header_has_tags(const ApiSupport& api, std::int16_t version);

}  // namespace tributary::broker
