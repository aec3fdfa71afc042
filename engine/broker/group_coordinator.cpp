#include "broker/group_coordinator.h"

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <random>
#include <set>
#include <utility>

#include "log/topic.h"

namespace tributary::broker {

using std::chrono::milliseconds;

const char* group_state_name(GroupState state) {
  switch (state) {
    case GroupState::empty:
      return "Empty";
    case GroupState::preparing_rebalance:
      return "PreparingRebalance";
    case GroupState::completing_rebalance:
      return "CompletingRebalance";
    case GroupState::stable:
      return "Stable";
    case GroupState::dead:
      return "Dead";
  }
  return "Dead";
}

namespace {

constexpr std::int16_t kNone = wire_code(ErrorCode::none);
constexpr std::int32_t kNoGeneration = -1;

struct Member {
  std::string id;
  std::optional<std::string> instance_id;
  std::string client_id;
  std::string client_host;
  milliseconds session_timeout{0};
  milliseconds rebalance_timeout{0};
  std::vector<GroupProtocol> protocols;
  std::string assignment;
  GroupCoordinator::JoinCallback join_waiter;  // set while its JoinGroup waits
  GroupCoordinator::SyncCallback sync_waiter;  // set while its SyncGroup waits
  bool is_new = false;                         // joined and not yet part of a generation
  TimePoint last_heartbeat{};

  bool matches(const std::vector<GroupProtocol>& other) const {
    if (other.size() != protocols.size()) return false;
    for (std::size_t i = 0; i < other.size(); ++i) {
      if (other[i].name != protocols[i].name || other[i].metadata != protocols[i].metadata)
        return false;
    }
    return true;
  }
  bool supports(const std::string& protocol) const {
    return std::any_of(protocols.begin(), protocols.end(),
                       [&](const GroupProtocol& p) { return p.name == protocol; });
  }
  std::string metadata_for(const std::string& protocol) const {
    for (const auto& p : protocols) {
      if (p.name == protocol) return p.metadata;
    }
    return {};
  }
};

struct Group {
  std::string id;
  GroupState state = GroupState::empty;
  std::int32_t generation = 0;
  std::string protocol_type;
  std::string protocol_name;
  std::string leader;
  std::vector<Member> members;                       // in join order
  std::map<std::string, TimePoint> pending_members;  // KIP-394 ids handed out → expiry
  std::set<std::string> pending_sync;                // joined this generation, not synced yet
  // PreparingRebalance: when the join phase stops waiting.
  TimePoint join_deadline{};
  bool initial_delay = false;  // the join phase of an empty group, extended while members arrive
  milliseconds initial_remaining{0};
  bool new_member_added = false;
  // CompletingRebalance/Stable: when members that have not synced are dropped.
  TimePoint sync_deadline{};

  Member* find(const std::string& member_id) {
    for (auto& m : members) {
      if (m.id == member_id) return &m;
    }
    return nullptr;
  }
  milliseconds rebalance_timeout() const {
    milliseconds t{0};
    for (const auto& m : members) t = std::max(t, m.rebalance_timeout);
    return t;
  }
};

// Callbacks collected under the mutex and called after it is released.
class Outbox {
 public:
  void add(GroupCoordinator::JoinCallback& cb, JoinResult result) {
    if (cb) joins_.emplace_back(std::exchange(cb, nullptr), std::move(result));
  }
  void add(GroupCoordinator::SyncCallback& cb, SyncResult result) {
    if (cb) syncs_.emplace_back(std::exchange(cb, nullptr), std::move(result));
  }
  void deliver() {
    for (auto& [cb, result] : joins_) cb(result);
    for (auto& [cb, result] : syncs_) cb(result);
    joins_.clear();
    syncs_.clear();
  }

 private:
  std::vector<std::pair<GroupCoordinator::JoinCallback, JoinResult>> joins_;
  std::vector<std::pair<GroupCoordinator::SyncCallback, SyncResult>> syncs_;
};

JoinResult join_error(ErrorCode code, const std::string& member_id) {
  JoinResult r;
  r.error_code = wire_code(code);
  r.generation_id = kNoGeneration;
  r.member_id = member_id;
  return r;
}

SyncResult sync_error(ErrorCode code) {
  SyncResult r;
  r.error_code = wire_code(code);
  return r;
}

// Group ids must also be valid store names (letters, digits, '.', '_', '-').
bool valid_group_id(const std::string& group_id) {
  return log::validate_topic_name(group_id).ok();
}

}  // namespace

struct GroupCoordinator::Impl {
  log::ConsumerGroupStore& store;
  GroupCoordinatorOptions options;
  mutable std::mutex mutex;
  std::map<std::string, Group> groups;
  std::mt19937_64 random{std::random_device{}()};

  Impl(log::ConsumerGroupStore& s, GroupCoordinatorOptions o) : store(s), options(o) {}

  Group* find(const std::string& group_id) {
    auto it = groups.find(group_id);
    return it == groups.end() ? nullptr : &it->second;
  }

  Group& find_or_create(const std::string& group_id) {
    auto [it, inserted] = groups.try_emplace(group_id);
    if (inserted) it->second.id = group_id;
    return it->second;
  }

  std::string new_member_id(const std::string& client_id) {
    const std::uint64_t hi = random();
    const std::uint64_t lo = random();
    // A version 4 UUID: 8-4-4-4-12 hex digits.
    char text[64];
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx",
                  static_cast<unsigned>(hi >> 32), static_cast<unsigned>((hi >> 16) & 0xffff),
                  static_cast<unsigned>(hi & 0xfff),
                  static_cast<unsigned>(0x8000 | ((lo >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(lo & 0xffffffffffffull));
    return client_id + "-" + text;
  }

  // ---- the state machine ----------------------------------------------------------------------

  bool supports_protocols(Group& g, const std::string& protocol_type,
                          const std::vector<GroupProtocol>& protocols) {
    if (g.members.empty()) return !protocol_type.empty() && !protocols.empty();
    if (g.protocol_type != protocol_type) return false;
    return std::any_of(protocols.begin(), protocols.end(), [&](const GroupProtocol& p) {
      return std::all_of(g.members.begin(), g.members.end(),
                         [&](const Member& m) { return m.supports(p.name); });
    });
  }

  // Kafka's selectProtocol: among the protocols every member supports, each member votes for the
  // first in its own order; most votes wins, ties go to the leader's preference.
  std::string select_protocol(const Group& g) {
    const Member& leader = *std::find_if(g.members.begin(), g.members.end(),
                                         [&](const Member& m) { return m.id == g.leader; });
    std::vector<std::string> candidates;
    for (const auto& p : leader.protocols) {
      if (std::all_of(g.members.begin(), g.members.end(),
                      [&](const Member& m) { return m.supports(p.name); })) {
        candidates.push_back(p.name);
      }
    }
    std::map<std::string, int> votes;
    for (const auto& m : g.members) {
      for (const auto& p : m.protocols) {
        if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
          ++votes[p.name];
          break;
        }
      }
    }
    std::string best;
    int best_votes = -1;
    for (const auto& name : candidates) {
      if (votes[name] > best_votes) {
        best = name;
        best_votes = votes[name];
      }
    }
    return best;
  }

  JoinResult current_generation_for(const Group& g, const Member& m) {
    JoinResult r;
    r.error_code = kNone;
    r.generation_id = g.generation;
    r.protocol_type = g.protocol_type;
    r.protocol_name = g.protocol_name;
    r.leader_id = g.leader;
    r.member_id = m.id;
    if (m.id == g.leader) {
      for (const auto& other : g.members) {
        r.members.push_back({.member_id = other.id,
                             .group_instance_id = other.instance_id,
                             .metadata = other.metadata_for(g.protocol_name)});
      }
    }
    return r;
  }

  void prepare_rebalance(Group& g, TimePoint now, Outbox& out) {
    if (g.state == GroupState::completing_rebalance) {
      // Members waiting for the leader's assignment learn that the generation is over.
      for (auto& m : g.members) {
        m.assignment.clear();
        if (m.sync_waiter) m.last_heartbeat = now;  // its session restarts with the answer
        out.add(m.sync_waiter, sync_error(ErrorCode::rebalance_in_progress));
      }
    }
    g.pending_sync.clear();
    if (g.state == GroupState::empty) {
      g.initial_delay = true;
      g.new_member_added = false;
      g.join_deadline = now + options.initial_rebalance_delay;
      g.initial_remaining =
          std::max(milliseconds{0}, g.rebalance_timeout() - options.initial_rebalance_delay);
    } else {
      g.initial_delay = false;
      g.join_deadline = now + g.rebalance_timeout();
    }
    g.state = GroupState::preparing_rebalance;
  }

  void maybe_prepare_rebalance(Group& g, TimePoint now, Outbox& out) {
    if (g.state == GroupState::stable || g.state == GroupState::completing_rebalance ||
        g.state == GroupState::empty) {
      prepare_rebalance(g, now, out);
    }
  }

  void complete_join(Group& g, TimePoint now, Outbox& out) {
    // Members that did not rejoin in time are dropped.
    for (auto& m : g.members) {
      if (!m.join_waiter) out.add(m.sync_waiter, sync_error(ErrorCode::unknown_member_id));
    }
    std::erase_if(g.members, [](const Member& m) { return !m.join_waiter; });
    if (!g.find(g.leader)) g.leader = g.members.empty() ? std::string() : g.members.front().id;
    g.initial_delay = false;
    g.generation += 1;
    if (g.members.empty()) {
      g.protocol_name.clear();
      g.state = GroupState::empty;
      return;
    }
    g.protocol_name = select_protocol(g);
    g.state = GroupState::completing_rebalance;
    for (auto& m : g.members) {
      out.add(m.join_waiter, current_generation_for(g, m));
      m.is_new = false;
      m.last_heartbeat = now;
      g.pending_sync.insert(m.id);
    }
    g.sync_deadline = now + g.rebalance_timeout();
  }

  void try_complete_join(Group& g, TimePoint now, Outbox& out) {
    if (g.state != GroupState::preparing_rebalance || g.initial_delay || !g.pending_members.empty())
      return;
    const bool all_joined = std::all_of(g.members.begin(), g.members.end(),
                                        [](const Member& m) { return bool(m.join_waiter); });
    if (all_joined) complete_join(g, now, out);
  }

  // LeaveGroup and session expiry.
  void remove_member(Group& g, const std::string& member_id, TimePoint now, Outbox& out) {
    Member* m = g.find(member_id);
    if (!m) return;
    out.add(m->join_waiter, join_error(ErrorCode::unknown_member_id, member_id));
    out.add(m->sync_waiter, sync_error(ErrorCode::unknown_member_id));
    std::erase_if(g.members, [&](const Member& x) { return x.id == member_id; });
    g.pending_sync.erase(member_id);
    if (g.leader == member_id) g.leader = g.members.empty() ? std::string() : g.members.front().id;
    switch (g.state) {
      case GroupState::stable:
      case GroupState::completing_rebalance:
        prepare_rebalance(g, now, out);
        try_complete_join(g, now, out);
        break;
      case GroupState::preparing_rebalance:
        try_complete_join(g, now, out);
        break;
      case GroupState::empty:
      case GroupState::dead:
        break;
    }
  }

  // Everything that happens by the passage of time.
  void advance(Group& g, TimePoint now, Outbox& out) {
    // Session expiry. A member with a request waiting stays, unless it is new and has waited
    // longer than the new-member join timeout.
    std::vector<std::string> expired;
    for (const auto& m : g.members) {
      const bool dead = m.is_new ? now >= m.last_heartbeat + options.new_member_join_timeout
                                 : !m.join_waiter && !m.sync_waiter &&
                                       now >= m.last_heartbeat + m.session_timeout;
      if (dead) expired.push_back(m.id);
    }
    for (const auto& id : expired) remove_member(g, id, now, out);
    if (std::erase_if(g.pending_members, [&](const auto& kv) { return now >= kv.second; }) > 0) {
      try_complete_join(g, now, out);
    }

    // The join phase gives up waiting.
    while (g.state == GroupState::preparing_rebalance && now >= g.join_deadline) {
      if (g.initial_delay && g.new_member_added && g.initial_remaining > milliseconds{0}) {
        const milliseconds step = std::min(options.initial_rebalance_delay, g.initial_remaining);
        g.initial_remaining -= step;
        g.new_member_added = false;
        g.join_deadline += step;
        continue;
      }
      complete_join(g, now, out);
    }

    // Members that joined but never synced are dropped, and the group rebalances again.
    if ((g.state == GroupState::completing_rebalance || g.state == GroupState::stable) &&
        !g.pending_sync.empty() && now >= g.sync_deadline) {
      const std::set<std::string> late = std::move(g.pending_sync);
      g.pending_sync.clear();
      for (const auto& id : late) {
        Member* m = g.find(id);
        if (m) out.add(m->sync_waiter, sync_error(ErrorCode::unknown_member_id));
        std::erase_if(g.members, [&](const Member& x) { return x.id == id; });
      }
      if (!g.find(g.leader)) g.leader = g.members.empty() ? std::string() : g.members.front().id;
      prepare_rebalance(g, now, out);
      try_complete_join(g, now, out);
    }
  }

  // ---- requests ---------------------------------------------------------------------------------

  void add_member_and_rebalance(Group& g, JoinRequest& request, const std::string& member_id,
                                TimePoint now, JoinCallback& done, Outbox& out) {
    if (g.members.empty()) g.protocol_type = request.protocol_type;
    Member m;
    m.id = member_id;
    m.instance_id = request.group_instance_id;
    m.client_id = request.client_id;
    m.client_host = request.client_host;
    m.session_timeout = milliseconds{request.session_timeout_ms};
    m.rebalance_timeout = milliseconds{request.rebalance_timeout_ms};
    m.protocols = std::move(request.protocols);
    m.join_waiter = std::exchange(done, nullptr);
    m.is_new = true;
    m.last_heartbeat = now;
    if (g.leader.empty()) g.leader = member_id;
    g.members.push_back(std::move(m));
    if (g.state == GroupState::preparing_rebalance && g.generation == 0) g.new_member_added = true;
    maybe_prepare_rebalance(g, now, out);
    try_complete_join(g, now, out);
  }

  void update_member_and_rebalance(Group& g, Member& m, JoinRequest& request, TimePoint now,
                                   JoinCallback& done, Outbox& out) {
    m.protocols = std::move(request.protocols);
    m.session_timeout = milliseconds{request.session_timeout_ms};
    m.rebalance_timeout = milliseconds{request.rebalance_timeout_ms};
    m.client_id = request.client_id;
    m.client_host = request.client_host;
    // A second JoinGroup supersedes one still waiting.
    out.add(m.join_waiter, join_error(ErrorCode::rebalance_in_progress, m.id));
    m.join_waiter = std::exchange(done, nullptr);
    maybe_prepare_rebalance(g, now, out);
    try_complete_join(g, now, out);
  }

  void join(JoinRequest& request, TimePoint now, JoinCallback& done, Outbox& out) {
    auto fail = [&](ErrorCode code, const std::string& member_id) {
      out.add(done, join_error(code, member_id));
    };
    if (!valid_group_id(request.group_id))
      return fail(ErrorCode::invalid_group_id, request.member_id);
    const milliseconds session{request.session_timeout_ms};
    if (session < options.min_session_timeout || session > options.max_session_timeout) {
      return fail(ErrorCode::invalid_session_timeout, request.member_id);
    }
    if (request.rebalance_timeout_ms <= 0)
      request.rebalance_timeout_ms = request.session_timeout_ms;

    const bool unknown_member = request.member_id.empty();
    Group* existing = find(request.group_id);
    if (!existing && !unknown_member) return fail(ErrorCode::unknown_member_id, request.member_id);
    Group& g = existing ? *existing : find_or_create(request.group_id);
    advance(g, now, out);
    if (!supports_protocols(g, request.protocol_type, request.protocols)) {
      return fail(ErrorCode::inconsistent_group_protocol, request.member_id);
    }

    if (unknown_member) {
      const std::string id = new_member_id(request.client_id);
      if (request.api_version >= 4) {
        g.pending_members[id] = now + session;
        return fail(ErrorCode::member_id_required, id);
      }
      return add_member_and_rebalance(g, request, id, now, done, out);
    }
    if (g.pending_members.erase(request.member_id) > 0) {
      return add_member_and_rebalance(g, request, request.member_id, now, done, out);
    }
    Member* m = g.find(request.member_id);
    if (!m) return fail(ErrorCode::unknown_member_id, request.member_id);
    switch (g.state) {
      case GroupState::preparing_rebalance:
        return update_member_and_rebalance(g, *m, request, now, done, out);
      case GroupState::completing_rebalance:
        // A retried join with the same protocols gets the generation it already joined.
        if (m->matches(request.protocols)) return out.add(done, current_generation_for(g, *m));
        return update_member_and_rebalance(g, *m, request, now, done, out);
      case GroupState::stable:
        // The leader rejoins to force a new assignment; a follower only when its subscription
        // changed.
        if (m->id == g.leader || !m->matches(request.protocols)) {
          return update_member_and_rebalance(g, *m, request, now, done, out);
        }
        return out.add(done, current_generation_for(g, *m));
      case GroupState::empty:
      case GroupState::dead:
        return fail(ErrorCode::unknown_member_id, request.member_id);
    }
  }

  void sync(SyncRequest& request, TimePoint now, SyncCallback& done, Outbox& out) {
    auto fail = [&](ErrorCode code) { out.add(done, sync_error(code)); };
    if (!valid_group_id(request.group_id)) return fail(ErrorCode::invalid_group_id);
    Group* g = find(request.group_id);
    if (!g) return fail(ErrorCode::unknown_member_id);
    advance(*g, now, out);
    Member* m = g->find(request.member_id);
    if (!m) return fail(ErrorCode::unknown_member_id);
    if (request.generation_id != g->generation) return fail(ErrorCode::illegal_generation);
    switch (g->state) {
      case GroupState::empty:
      case GroupState::dead:
        return fail(ErrorCode::unknown_member_id);
      case GroupState::preparing_rebalance:
        return fail(ErrorCode::rebalance_in_progress);
      case GroupState::stable: {
        g->pending_sync.erase(m->id);
        m->last_heartbeat = now;
        SyncResult r;
        r.protocol_type = g->protocol_type;
        r.protocol_name = g->protocol_name;
        r.assignment = m->assignment;
        return out.add(done, std::move(r));
      }
      case GroupState::completing_rebalance:
        break;
    }
    out.add(m->sync_waiter, sync_error(ErrorCode::rebalance_in_progress));  // superseded
    m->sync_waiter = std::exchange(done, nullptr);
    g->pending_sync.erase(m->id);
    if (m->id != g->leader) return;  // followers wait for the leader's assignment
    for (auto& member : g->members) {
      member.assignment.clear();
      for (const auto& a : request.assignments) {
        if (a.member_id == member.id) member.assignment = a.assignment;
      }
    }
    g->state = GroupState::stable;
    for (auto& member : g->members) {
      if (!member.sync_waiter) continue;
      SyncResult r;
      r.protocol_type = g->protocol_type;
      r.protocol_name = g->protocol_name;
      r.assignment = member.assignment;
      out.add(member.sync_waiter, std::move(r));
      member.last_heartbeat = now;
    }
  }

  std::int16_t heartbeat(const std::string& group_id, std::int32_t generation_id,
                         const std::string& member_id, TimePoint now, Outbox& out) {
    if (!valid_group_id(group_id)) return wire_code(ErrorCode::invalid_group_id);
    Group* g = find(group_id);
    if (!g) return wire_code(ErrorCode::unknown_member_id);
    advance(*g, now, out);
    Member* m = g->find(member_id);
    if (!m) return wire_code(ErrorCode::unknown_member_id);
    if (generation_id != g->generation) return wire_code(ErrorCode::illegal_generation);
    switch (g->state) {
      case GroupState::empty:
      case GroupState::dead:
        return wire_code(ErrorCode::unknown_member_id);
      case GroupState::preparing_rebalance:
        m->last_heartbeat = now;
        return wire_code(ErrorCode::rebalance_in_progress);
      case GroupState::completing_rebalance:
      case GroupState::stable:
        m->last_heartbeat = now;
        return kNone;
    }
    return kNone;
  }

  std::int16_t leave(const std::string& group_id, const std::string& member_id, TimePoint now,
                     Outbox& out) {
    if (!valid_group_id(group_id)) return wire_code(ErrorCode::invalid_group_id);
    Group* g = find(group_id);
    if (!g) return wire_code(ErrorCode::unknown_member_id);
    advance(*g, now, out);
    if (g->pending_members.erase(member_id) > 0) {
      try_complete_join(*g, now, out);
      return kNone;
    }
    if (!g->find(member_id)) return wire_code(ErrorCode::unknown_member_id);
    remove_member(*g, member_id, now, out);
    return kNone;
  }

  // Kafka's validateOffsetCommit plus the state check of doCommitOffsets.
  ErrorCode check_commit(const CommitRequest& request, TimePoint now, Outbox& out) {
    Group* g = find(request.group_id);
    if (!g) {
      if (request.generation_id >= 0) return ErrorCode::illegal_generation;
      find_or_create(request.group_id);  // a group that only stores offsets
      return ErrorCode::none;
    }
    advance(*g, now, out);
    Member* m = g->find(request.member_id);
    if (request.generation_id >= 0 || !request.member_id.empty() || request.group_instance_id) {
      if (!m) return ErrorCode::unknown_member_id;
      if (request.generation_id != g->generation) return ErrorCode::illegal_generation;
    } else if (g->state != GroupState::empty) {
      return ErrorCode::unknown_member_id;  // only members commit for a group in use
    }
    switch (g->state) {
      case GroupState::empty:
        return ErrorCode::none;
      case GroupState::stable:
      case GroupState::preparing_rebalance:
        // Kafka accepts commits while preparing: the member learns of the rebalance by heartbeat.
        if (m) m->last_heartbeat = now;
        return ErrorCode::none;
      case GroupState::completing_rebalance:
        return ErrorCode::rebalance_in_progress;
      case GroupState::dead:
        return ErrorCode::coordinator_not_available;
    }
    return ErrorCode::none;
  }

  GroupDescription describe(const Group& g, bool with_members) const {
    GroupDescription d;
    d.group_id = g.id;
    d.state = g.state;
    d.protocol_type = g.protocol_type;
    d.protocol_name = g.protocol_name;
    d.generation_id = g.generation;
    d.leader_id = g.leader;
    if (!with_members) return d;
    for (const auto& m : g.members) {
      d.members.push_back(
          {.member_id = m.id,
           .group_instance_id = m.instance_id,
           .client_id = m.client_id,
           .client_host = m.client_host,
           .session_timeout_ms = static_cast<std::int32_t>(m.session_timeout.count()),
           .rebalance_timeout_ms = static_cast<std::int32_t>(m.rebalance_timeout.count()),
           .metadata = g.protocol_name.empty() ? std::string() : m.metadata_for(g.protocol_name),
           .assignment = m.assignment});
    }
    return d;
  }
};

GroupCoordinator::GroupCoordinator(log::ConsumerGroupStore& store, GroupCoordinatorOptions options)
    : impl_(std::make_unique<Impl>(store, options)) {}

GroupCoordinator::~GroupCoordinator() = default;

void GroupCoordinator::join_group(JoinRequest request, TimePoint now, JoinCallback done) {
  Outbox out;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->join(request, now, done, out);
  }
  out.deliver();
}

void GroupCoordinator::sync_group(SyncRequest request, TimePoint now, SyncCallback done) {
  Outbox out;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->sync(request, now, done, out);
  }
  out.deliver();
}

std::int16_t GroupCoordinator::heartbeat(const std::string& group_id, std::int32_t generation_id,
                                         const std::string& member_id, TimePoint now) {
  Outbox out;
  std::int16_t result;
  {
    std::lock_guard lock(impl_->mutex);
    result = impl_->heartbeat(group_id, generation_id, member_id, now, out);
  }
  out.deliver();
  return result;
}

std::int16_t GroupCoordinator::leave_group(const std::string& group_id,
                                           const std::string& member_id, TimePoint now) {
  Outbox out;
  std::int16_t result;
  {
    std::lock_guard lock(impl_->mutex);
    result = impl_->leave(group_id, member_id, now, out);
  }
  out.deliver();
  return result;
}

std::map<log::TopicPartition, std::int16_t> GroupCoordinator::commit_offsets(
    const CommitRequest& request, TimePoint now) {
  auto answer = [&](ErrorCode code) {
    std::map<log::TopicPartition, std::int16_t> errors;
    for (const auto& [tp, offset] : request.offsets) errors[tp] = wire_code(code);
    return errors;
  };
  if (!valid_group_id(request.group_id)) return answer(ErrorCode::invalid_group_id);
  Outbox out;
  ErrorCode verdict;
  {
    std::lock_guard lock(impl_->mutex);
    verdict = impl_->check_commit(request, now, out);
  }
  out.deliver();
  if (verdict != ErrorCode::none || request.offsets.empty()) return answer(verdict);
  // The durable write happens outside the coordinator's mutex (the store has its own).
  const Status written = impl_->store.commit(request.group_id, request.offsets);
  return answer(written.ok() ? ErrorCode::none : ErrorCode::unknown_server_error);
}

FetchResult GroupCoordinator::fetch_offsets(
    const std::string& group_id,
    const std::optional<std::vector<log::TopicPartition>>& partitions) const {
  FetchResult result;
  if (!valid_group_id(group_id)) {
    result.error_code = wire_code(ErrorCode::invalid_group_id);
    return result;
  }
  auto stored = impl_->store.offsets(group_id);
  if (!stored.ok()) {
    result.error_code = wire_code(ErrorCode::unknown_server_error);
    return result;
  }
  if (!partitions) {
    result.offsets = std::move(stored).value();
    return result;
  }
  for (const auto& tp : *partitions) {
    auto it = stored->find(tp);
    result.offsets[tp] = it == stored->end() ? -1 : it->second;
  }
  return result;
}

GroupDescription GroupCoordinator::describe(const std::string& group_id) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->groups.find(group_id);
  if (it == impl_->groups.end()) {
    GroupDescription d;
    d.group_id = group_id;
    return d;
  }
  return impl_->describe(it->second, true);
}

std::vector<GroupDescription> GroupCoordinator::list_groups() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<GroupDescription> out;
  for (const auto& [id, g] : impl_->groups) out.push_back(impl_->describe(g, false));
  return out;
}

void GroupCoordinator::tick(TimePoint now) {
  Outbox out;
  {
    std::lock_guard lock(impl_->mutex);
    for (auto& [id, g] : impl_->groups) impl_->advance(g, now, out);
  }
  out.deliver();
}

void GroupCoordinator::shutdown() {
  Outbox out;
  {
    std::lock_guard lock(impl_->mutex);
    for (auto& [id, g] : impl_->groups) {
      for (auto& m : g.members) {
        out.add(m.join_waiter, join_error(ErrorCode::not_coordinator, m.id));
        out.add(m.sync_waiter, sync_error(ErrorCode::not_coordinator));
      }
    }
  }
  out.deliver();
}

}  // namespace tributary::broker
