#include "broker/api_keys.h"

#include <array>

namespace tributary::broker {
namespace {

// Produce 0-2 are advertised but refused (only the v2 batch format is stored): librdkafka
// turns compression off when Produce 0 is missing (KAFKA-18659).
constexpr std::array<ApiSupport, 13> kApis{{
    {ApiKey::produce, 0, 7, 9, "Produce"},
    {ApiKey::fetch, 4, 11, 12, "Fetch"},
    {ApiKey::list_offsets, 1, 2, 6, "ListOffsets"},
    {ApiKey::metadata, 0, 4, 9, "Metadata"},
    {ApiKey::offset_commit, 2, 7, 8, "OffsetCommit"},
    {ApiKey::offset_fetch, 1, 5, 6, "OffsetFetch"},
    {ApiKey::find_coordinator, 0, 2, 3, "FindCoordinator"},
    {ApiKey::join_group, 0, 5, 6, "JoinGroup"},
    {ApiKey::heartbeat, 0, 3, 4, "Heartbeat"},
    {ApiKey::leave_group, 0, 1, 4, "LeaveGroup"},
    {ApiKey::sync_group, 0, 3, 4, "SyncGroup"},
    {ApiKey::api_versions, 0, 3, 3, "ApiVersions"},
    {ApiKey::init_producer_id, 0, 1, 2, "InitProducerId"},
}};

}  // namespace

std::span<const ApiSupport> supported_apis() {
  return kApis;
}

const ApiSupport* find_api(std::int16_t key) {
  for (const auto& api : kApis) {
    if (static_cast<std::int16_t>(api.key) == key) return &api;
  }
  return nullptr;
}

bool is_flexible(const ApiSupport& api, std::int16_t version) {
  return version >= api.first_flexible;
}

bool response_header_has_tags(const ApiSupport& api, std::int16_t version) {
  return api.key != ApiKey::api_versions && is_flexible(api, version);
}

}  // namespace tributary::broker
