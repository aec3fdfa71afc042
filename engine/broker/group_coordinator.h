// The consumer group coordinator of the embedded Kafka-compatible broker: group membership,
// rebalances (JoinGroup/SyncGroup/Heartbeat/LeaveGroup) and committed offsets
// (OffsetCommit/OffsetFetch), following the semantics of Kafka 3.4's GroupCoordinator.
//
// Pure logic: no sockets, no threads, no clock of its own. Every call takes `now`, and the server
// calls tick(now) about every 100 ms so that rebalance timeouts, the initial rebalance delay and
// session expiry happen. Join and sync replies may have to wait for other members: they are
// delivered through a callback that is called exactly once, possibly later from another call or
// from tick(), and always after the coordinator's mutex is released (a callback may call back in).
// Committed offsets go to log::ConsumerGroupStore, shared with `tributary-cli group` and the UI.
// Error codes are Kafka's INT16 codes (broker/error_codes.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "broker/error_codes.h"
#include "log/consumer_group_store.h"

namespace tributary::broker {

using TimePoint = std::chrono::steady_clock::time_point;

enum class GroupState { empty, preparing_rebalance, completing_rebalance, stable, dead };

// Kafka's spelling: "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
const char* group_state_name(GroupState state);

// Metadata, assignments and user data are opaque bytes held in std::string.
struct GroupProtocol {
  std::string name;
  std::string metadata;
};

struct JoinRequest {
  std::string group_id;
  std::int32_t session_timeout_ms = 0;
  std::int32_t rebalance_timeout_ms = 0;  // JoinGroup v0 has none: 0 means "the session timeout"
  std::string member_id;                  // empty on a first join
  std::optional<std::string> group_instance_id;
  std::string protocol_type;             // "consumer" for consumers
  std::vector<GroupProtocol> protocols;  // in the member's order of preference
  std::string client_id;
  std::string client_host;
  std::int16_t api_version = 0;  // >= 4: a first join is answered MEMBER_ID_REQUIRED (KIP-394)
};

struct JoinMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string metadata;  // for the chosen protocol
};

struct JoinResult {
  std::int16_t error_code = 0;
  std::int32_t generation_id = -1;
  std::string protocol_type;
  std::string protocol_name;
  std::string leader_id;
  std::string member_id;            // with MEMBER_ID_REQUIRED: the id to rejoin with
  std::vector<JoinMember> members;  // the whole group for the leader, empty for the others
};

struct MemberAssignment {
  std::string member_id;
  std::string assignment;
};

struct SyncRequest {
  std::string group_id;
  std::int32_t generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::vector<MemberAssignment> assignments;  // sent by the leader only
};

struct SyncResult {
  std::int16_t error_code = 0;
  std::string protocol_type;
  std::string protocol_name;
  std::string assignment;
};

struct CommitRequest {
  std::string group_id;
  std::int32_t generation_id =
      -1;  // -1 with an empty member id: a standalone (simple consumer) commit
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::map<log::TopicPartition, std::int64_t> offsets;
};

struct FetchResult {
  std::int16_t error_code = 0;  // group-level error
  std::map<log::TopicPartition, std::int64_t>
      offsets;  // -1 for a requested partition never committed
};

struct MemberDescription {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  std::string client_host;
  std::int32_t session_timeout_ms = 0;
  std::int32_t rebalance_timeout_ms = 0;
  std::string metadata;    // for the chosen protocol; empty before the first generation
  std::string assignment;  // empty until the leader's SyncGroup
};

struct GroupDescription {
  std::string group_id;
  GroupState state = GroupState::dead;  // dead: the coordinator does not know the group
  std::string protocol_type;
  std::string protocol_name;
  std::int32_t generation_id = 0;
  std::string leader_id;
  std::vector<MemberDescription> members;  // in join order
};

struct GroupCoordinatorOptions {
  std::chrono::milliseconds initial_rebalance_delay{3000};  // group.initial.rebalance.delay.ms
  std::chrono::milliseconds min_session_timeout{6000};      // group.min.session.timeout.ms
  std::chrono::milliseconds max_session_timeout{1800000};   // group.max.session.timeout.ms
  std::chrono::milliseconds new_member_join_timeout{300000};
};

class GroupCoordinator {
 public:
  using JoinCallback = std::function<void(const JoinResult&)>;
  using SyncCallback = std::function<void(const SyncResult&)>;

  explicit GroupCoordinator(log::ConsumerGroupStore& store, GroupCoordinatorOptions options = {});
  ~GroupCoordinator();
  GroupCoordinator(const GroupCoordinator&) = delete;
  GroupCoordinator& operator=(const GroupCoordinator&) = delete;

  void join_group(JoinRequest request, TimePoint now, JoinCallback done);
  void sync_group(SyncRequest request, TimePoint now, SyncCallback done);
  std::int16_t heartbeat(const std::string& group_id, std::int32_t generation_id,
                         const std::string& member_id, TimePoint now);
  std::int16_t leave_group(const std::string& group_id, const std::string& member_id,
                           TimePoint now);

  // One durable write to the store for the whole request; an error code per partition.
  std::map<log::TopicPartition, std::int16_t> commit_offsets(const CommitRequest& request,
                                                             TimePoint now);
  // `partitions` null: every committed partition of the group.
  FetchResult fetch_offsets(
      const std::string& group_id,
      const std::optional<std::vector<log::TopicPartition>>& partitions) const;

  GroupDescription describe(const std::string& group_id) const;
  std::vector<GroupDescription> list_groups() const;  // without members

  // Rebalance timeouts, the initial delay and session expiry of every group.
  void tick(TimePoint now);
  // Answers every waiting join and sync with NOT_COORDINATOR (16), e.g. before the server stops.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tributary::broker
