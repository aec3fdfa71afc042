// Kafka protocol error codes (org.apache.kafka.common.protocol.Errors, Kafka 3.4), the subset the
// embedded broker returns. On the wire an error code is an INT16; use wire_code() to write one.
#pragma once

#include <cstdint>

namespace tributary::broker {

enum class ErrorCode : std::int16_t {
  unknown_server_error = -1,
  none = 0,
  offset_out_of_range = 1,
  corrupt_message = 2,
  unknown_topic_or_partition = 3,
  leader_not_available = 5,
  not_leader_or_follower = 6,
  request_timed_out = 7,
  message_too_large = 10,
  coordinator_load_in_progress = 14,
  coordinator_not_available = 15,
  not_coordinator = 16,
  invalid_required_acks = 21,
  illegal_generation = 22,
  inconsistent_group_protocol = 23,
  invalid_group_id = 24,
  unknown_member_id = 25,
  invalid_session_timeout = 26,
  rebalance_in_progress = 27,
  unsupported_version = 35,
  topic_already_exists = 36,
  invalid_request = 42,
  out_of_order_sequence_number = 45,
  duplicate_sequence_number = 46,
  invalid_producer_epoch = 47,
  unknown_producer_id = 59,
  member_id_required = 79,
  invalid_record = 87,
};

constexpr std::int16_t wire_code(ErrorCode code) noexcept { return static_cast<std::int16_t>(code); }

}  // namespace tributary::broker
