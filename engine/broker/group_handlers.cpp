// JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch: decoded here and
// handed to the GroupCoordinator, which holds the groups' state.
#include <chrono>
#include <map>

#include "broker/messages/heartbeat.h"
#include "broker/messages/join_group.h"
#include "broker/messages/offset_commit.h"
#include "broker/messages/sync_group.h"
#include "broker/request_handler.h"
#include "log/log_manager.h"

namespace tributary::broker {
namespace {

TimePoint now() {
  return std::chrono::steady_clock::now();
}

std::string text(std::span<const char> bytes) {
  return std::string(bytes.data(), bytes.size());
}

}  // namespace

void RequestHandler::join_group(const Request& r, Respond respond) {
  auto request = decode_body<JoinGroupRequest>(r);
  if (!request) return respond(hang_up());
  JoinRequest join;
  join.group_id = request->group_id;
  join.session_timeout_ms = request->session_timeout_ms;
  join.rebalance_timeout_ms = r.header.api_version >= 1 ? request->rebalance_timeout_ms : 0;
  join.member_id = request->member_id;
  join.group_instance_id = request->group_instance_id;
  join.protocol_type = request->protocol_type;
  for (const auto& p : request->protocols) join.protocols.push_back({p.name, text(p.metadata)});
  join.client_id = r.header.client_id.value_or("");
  join.client_host = r.client_host;
  join.api_version = r.header.api_version;
  groups_.join_group(std::move(join), now(), [r, respond](const JoinResult& result) {
    JoinGroupResponse response;
    response.error_code = result.error_code;
    response.generation_id = result.generation_id;
    response.protocol_name = result.protocol_name;
    response.leader = result.leader_id;
    response.member_id = result.member_id;
    for (const auto& m : result.members) {
      response.members.push_back(
          {m.member_id, m.group_instance_id, std::span<const char>(m.metadata)});
    }
    respond(reply_with(r, response));
  });
}

void RequestHandler::sync_group(const Request& r, Respond respond) {
  auto request = decode_body<SyncGroupRequest>(r);
  if (!request) return respond(hang_up());
  SyncRequest sync;
  sync.group_id = request->group_id;
  sync.generation_id = request->generation_id;
  sync.member_id = request->member_id;
  sync.group_instance_id = request->group_instance_id;
  for (const auto& a : request->assignments)
    sync.assignments.push_back({a.member_id, text(a.assignment)});
  groups_.sync_group(std::move(sync), now(), [r, respond](const SyncResult& result) {
    SyncGroupResponse response;
    response.error_code = result.error_code;
    response.assignment = std::span<const char>(result.assignment);
    respond(reply_with(r, response));
  });
}

Reply RequestHandler::heartbeat(const Request& r) {
  auto request = decode_body<HeartbeatRequest>(r);
  if (!request) return hang_up();
  GroupErrorResponse response;
  response.error_code =
      groups_.heartbeat(request->group_id, request->generation_id, request->member_id, now());
  return reply_with(r, response);
}

Reply RequestHandler::leave_group(const Request& r) {
  auto request = decode_body<LeaveGroupRequest>(r);
  if (!request) return hang_up();
  GroupErrorResponse response;  // throttle stays 0: librdkafka 2.0.2 reads only the error code
  response.error_code = groups_.leave_group(request->group_id, request->member_id, now());
  return reply_with(r, response);
}

Reply RequestHandler::offset_commit(const Request& r) {
  auto request = decode_body<OffsetCommitRequest>(r);
  if (!request) return hang_up();
  CommitRequest commit;
  commit.group_id = request->group_id;
  commit.generation_id = request->generation_id;
  commit.member_id = request->member_id;
  commit.group_instance_id = request->group_instance_id;
  // Offsets of topics or partitions that do not exist are refused, as Kafka does, so only
  // real topic names reach the group's file.
  std::map<log::TopicPartition, std::int16_t> refused;
  for (const auto& t : request->topics) {
    ErrorCode topic_error;
    auto topic = find_topic(t.name, false, topic_error);
    for (const auto& p : t.partitions) {
      if (!topic) {
        refused[{t.name, p.partition_index}] = wire_code(topic_error);
      } else if (p.partition_index < 0 || p.partition_index >= topic->partition_count()) {
        refused[{t.name, p.partition_index}] = wire_code(ErrorCode::unknown_topic_or_partition);
      } else {
        commit.offsets[{t.name, p.partition_index}] = p.committed_offset;
      }
    }
  }
  auto errors = commit.offsets.empty() ? std::map<log::TopicPartition, std::int16_t>{}
                                       : groups_.commit_offsets(commit, now());
  errors.insert(refused.begin(), refused.end());
  OffsetCommitResponse response;
  for (const auto& t : request->topics) {
    OffsetCommitResponse::Topic out{t.name, {}};
    for (const auto& p : t.partitions) {
      auto it = errors.find({t.name, p.partition_index});
      out.partitions.push_back(
          {p.partition_index, it == errors.end() ? std::int16_t{0} : it->second});
    }
    response.topics.push_back(std::move(out));
  }
  return reply_with(r, response);
}

Reply RequestHandler::offset_fetch(const Request& r) {
  auto request = decode_body<OffsetFetchRequest>(r);
  if (!request) return hang_up();
  std::optional<std::vector<log::TopicPartition>> wanted;
  if (request->topics) {
    wanted.emplace();
    for (const auto& t : *request->topics) {
      for (auto p : t.partition_indexes) wanted->emplace_back(t.name, p);
    }
  }
  const auto result = groups_.fetch_offsets(request->group_id, wanted);
  OffsetFetchResponse response;
  response.error_code = result.error_code;
  std::map<std::string, OffsetFetchResponse::Topic> topics;
  for (const auto& [tp, offset] : result.offsets) {
    auto& t = topics[tp.first];
    t.name = tp.first;
    t.partitions.push_back({tp.second, offset, -1, std::string(), 0});
  }
  for (auto& [name, t] : topics) response.topics.push_back(std::move(t));
  return reply_with(r, response);
}

}  // namespace tributary::broker
