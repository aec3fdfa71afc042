// The consumer group coordinator: Kafka 3.4 rebalance semantics with explicit time, offsets in the store.
#include <QtTest>

#include <QTemporaryDir>

#include <chrono>
#include <memory>

#include "broker/group_coordinator.h"


// Not `using namespace tributary`: tributary::ErrorCode (core/status.h) and broker::ErrorCode would clash.
using namespace tributary::broker;
using namespace std::chrono_literals;

namespace {

constexpr std::int16_t code(ErrorCode c) { return wire_code(c); }

const TimePoint t0 = TimePoint{} + 1000h;

// One JoinGroup or SyncGroup answer; counts calls to check "exactly once".
template <class R>
struct Reply {
  int calls = 0;
  R result{};
  bool done() const { return calls > 0; }
};

template <class R>
std::function<void(const R&)> into(std::shared_ptr<Reply<R>> reply) {
  return [reply](const R& r) {
    ++reply->calls;
    reply->result = r;
  };
}

using JoinReply = std::shared_ptr<Reply<JoinResult>>;
using SyncReply = std::shared_ptr<Reply<SyncResult>>;

JoinRequest join_request(const std::string& group, const std::string& member_id, const std::string& client,
                         std::vector<GroupProtocol> protocols = {}, std::int16_t version = 5) {
  JoinRequest r;
  r.group_id = group;
  r.session_timeout_ms = 10000;
  r.rebalance_timeout_ms = 20000;
  r.member_id = member_id;
  r.protocol_type = "consumer";
  r.protocols = protocols.empty() ? std::vector<GroupProtocol>{{"range", "sub-" + client}} : std::move(protocols);
  r.client_id = client;
  r.client_host = "/127.0.0.1";
  r.api_version = version;
  return r;
}

struct Fixture {
  QTemporaryDir tmp;
  tributary::log::ConsumerGroupStore store{tmp.path().toStdString() + "/groups"};
  GroupCoordinator gc{store, GroupCoordinatorOptions{.initial_rebalance_delay = 100ms,
                                                     .min_session_timeout = 6000ms,
                                                     .max_session_timeout = 1800000ms,
                                                     .new_member_join_timeout = 300000ms}};

  JoinReply join(JoinRequest request, TimePoint now) {
    auto reply = std::make_shared<Reply<JoinResult>>();
    gc.join_group(std::move(request), now, into(reply));
    return reply;
  }
  SyncReply sync(const std::string& group, std::int32_t generation, const std::string& member_id, TimePoint now,
                 std::vector<MemberAssignment> assignments = {}) {
    auto reply = std::make_shared<Reply<SyncResult>>();
    SyncRequest r;
    r.group_id = group;
    r.generation_id = generation;
    r.member_id = member_id;
    r.assignments = std::move(assignments);
    gc.sync_group(std::move(r), now, into(reply));
    return reply;
  }
  // KIP-394: first join gets MEMBER_ID_REQUIRED and an id; the second join (returned) waits.
  JoinReply join_with_id(const std::string& group, const std::string& client, TimePoint now,
                         std::vector<GroupProtocol> protocols = {}) {
    auto first = join(join_request(group, "", client, protocols), now);
    if (!first->done() || first->result.error_code != code(ErrorCode::member_id_required)) return first;
    return join(join_request(group, first->result.member_id, client, protocols), now);
  }
  GroupState state(const std::string& group) const { return gc.describe(group).state; }

  // A single member through join and sync: returns its member id, group Stable at generation 1.
  std::string stable_single(const std::string& group, const std::string& client, TimePoint now) {
    auto j = join_with_id(group, client, now);
    gc.tick(now + 100ms);
    if (!j->done() || j->result.error_code != 0) return {};
    auto s = sync(group, j->result.generation_id, j->result.member_id, now + 100ms,
                  {{j->result.member_id, "assign-" + client}});
    return s->done() ? j->result.member_id : std::string();
  }
};

}  // namespace

class TestGroupCoordinator : public QObject {
  Q_OBJECT

  // Two members a (leader) and b, Stable at generation 2, last activity at t0 + 200ms.
  struct Pair {
    std::string a, b;
  };
  static Pair stable_pair(Fixture& f) {
    const std::string a = f.stable_single("g", "a", t0);
    auto jb = f.join_with_id("g", "b", t0 + 200ms);
    auto ja = f.join(join_request("g", a, "a"), t0 + 200ms);
    if (!ja->done() || !jb->done()) qFatal("pair did not join");
    auto sb = f.sync("g", 2, jb->result.member_id, t0 + 200ms);
    auto sa = f.sync("g", 2, a, t0 + 200ms, {{a, "pa"}, {jb->result.member_id, "pb"}});
    if (!sa->done() || !sb->done()) qFatal("pair did not sync");
    return {a, jb->result.member_id};
  }

 private slots:
  void singleMemberJoinSyncStableHeartbeat() {
    Fixture f;
    // JoinGroup v3: no KIP-394 round trip; a new group waits the initial rebalance delay.
    auto j = f.join(join_request("g", "", "client-a", {}, 3), t0);
    QVERIFY(!j->done());
    QCOMPARE(f.state("g"), GroupState::preparing_rebalance);
    f.gc.tick(t0 + 99ms);
    QVERIFY(!j->done());
    f.gc.tick(t0 + 100ms);
    QCOMPARE(j->calls, 1);
    const JoinResult& r = j->result;
    QCOMPARE(r.error_code, code(ErrorCode::none));
    QCOMPARE(r.generation_id, 1);
    QCOMPARE(r.protocol_type, std::string("consumer"));
    QCOMPARE(r.protocol_name, std::string("range"));
    QVERIFY(r.member_id.starts_with("client-a-"));
    QCOMPARE(r.member_id.size(), std::string("client-a-").size() + 36);
    QCOMPARE(r.leader_id, r.member_id);
    QCOMPARE(r.members.size(), 1u);
    QCOMPARE(r.members[0].metadata, std::string("sub-client-a"));
    QCOMPARE(f.state("g"), GroupState::completing_rebalance);
    QCOMPARE(f.gc.heartbeat("g", 1, r.member_id, t0 + 150ms), code(ErrorCode::none));

    auto s = f.sync("g", 1, r.member_id, t0 + 200ms, {{r.member_id, "p0,p1"}});
    QCOMPARE(s->calls, 1);
    QCOMPARE(s->result.error_code, code(ErrorCode::none));
    QCOMPARE(s->result.assignment, std::string("p0,p1"));
    QCOMPARE(s->result.protocol_name, std::string("range"));
    QCOMPARE(f.state("g"), GroupState::stable);
    QCOMPARE(f.gc.heartbeat("g", 1, r.member_id, t0 + 3s), code(ErrorCode::none));

    // A repeated SyncGroup in Stable returns the stored assignment.
    auto again = f.sync("g", 1, r.member_id, t0 + 4s);
    QCOMPARE(again->result.assignment, std::string("p0,p1"));

    const GroupDescription d = f.gc.describe("g");
    QCOMPARE(std::string(group_state_name(d.state)), std::string("Stable"));
    QCOMPARE(d.generation_id, 1);
    QCOMPARE(d.protocol_type, std::string("consumer"));
    QCOMPARE(d.protocol_name, std::string("range"));
    QCOMPARE(d.leader_id, r.member_id);
    QCOMPARE(d.members.size(), 1u);
    QCOMPARE(d.members[0].client_id, std::string("client-a"));
    QCOMPARE(d.members[0].client_host, std::string("/127.0.0.1"));
    QCOMPARE(d.members[0].session_timeout_ms, 10000);
    QCOMPARE(d.members[0].rebalance_timeout_ms, 20000);
    QCOMPARE(d.members[0].metadata, std::string("sub-client-a"));
    QCOMPARE(d.members[0].assignment, std::string("p0,p1"));
    QCOMPARE(f.gc.list_groups().size(), 1u);
    QCOMPARE(f.gc.describe("nope").state, GroupState::dead);
  }

  void memberIdRequiredRoundTrip() {
    Fixture f;
    auto first = f.join(join_request("g", "", "rdkafka", {}, 4), t0);
    QCOMPARE(first->calls, 1);
    QCOMPARE(first->result.error_code, code(ErrorCode::member_id_required));
    QCOMPARE(first->result.generation_id, -1);
    const std::string id = first->result.member_id;
    QVERIFY(id.starts_with("rdkafka-"));
    // The pending id is not a member yet.
    QCOMPARE(f.gc.describe("g").members.size(), 0u);
    QCOMPARE(f.gc.heartbeat("g", 0, id, t0), code(ErrorCode::unknown_member_id));

    auto second = f.join(join_request("g", id, "rdkafka"), t0 + 10ms);
    QVERIFY(!second->done());
    f.gc.tick(t0 + 110ms);
    QCOMPARE(second->calls, 1);
    QCOMPARE(second->result.error_code, code(ErrorCode::none));
    QCOMPARE(second->result.member_id, id);
    QCOMPARE(second->result.leader_id, id);
    QCOMPARE(second->result.generation_id, 1);

    // Two first joins get two different ids; an id that is never used expires with its session.
    auto other = f.join(join_request("g", "", "rdkafka", {}, 5), t0 + 200ms);
    QVERIFY(other->result.member_id != id);
    QCOMPARE(f.gc.leave_group("g", other->result.member_id, t0 + 300ms), code(ErrorCode::none));
    QCOMPARE(f.gc.leave_group("g", other->result.member_id, t0 + 300ms), code(ErrorCode::unknown_member_id));
  }

  void secondMemberTriggersRebalance() {
    Fixture f;
    const std::string a = f.stable_single("g", "a", t0);
    QVERIFY(!a.empty());
    QCOMPARE(f.state("g"), GroupState::stable);

    auto jb = f.join_with_id("g", "b", t0 + 1s);
    QVERIFY(!jb->done());
    QCOMPARE(f.state("g"), GroupState::preparing_rebalance);
    // The first member learns of the rebalance by heartbeat; commits are still accepted (Kafka 3.4).
    QCOMPARE(f.gc.heartbeat("g", 1, a, t0 + 2s), code(ErrorCode::rebalance_in_progress));
    CommitRequest c;
    c.group_id = "g";
    c.generation_id = 1;
    c.member_id = a;
    c.offsets = {{{"orders", 0}, 5}};
    QCOMPARE(f.gc.commit_offsets(c, t0 + 2s).at({"orders", 0}), code(ErrorCode::none));

    auto ja = f.join(join_request("g", a, "a"), t0 + 2s);
    // Everybody known has rejoined: the join phase completes at once.
    QCOMPARE(ja->calls, 1);
    QCOMPARE(jb->calls, 1);
    QCOMPARE(ja->result.generation_id, 2);
    QCOMPARE(jb->result.generation_id, 2);
    QCOMPARE(ja->result.leader_id, a);
    QCOMPARE(jb->result.leader_id, a);
    QCOMPARE(ja->result.members.size(), 2u);
    QCOMPARE(ja->result.members[0].member_id, a);
    QCOMPARE(ja->result.members[0].metadata, std::string("sub-a"));
    QCOMPARE(ja->result.members[1].member_id, jb->result.member_id);
    QCOMPARE(ja->result.members[1].metadata, std::string("sub-b"));
    QVERIFY(jb->result.members.empty());
    QCOMPARE(f.state("g"), GroupState::completing_rebalance);

    // The follower's sync waits for the leader's.
    const std::string b = jb->result.member_id;
    auto sb = f.sync("g", 2, b, t0 + 2100ms);
    QVERIFY(!sb->done());
    QCOMPARE(f.gc.heartbeat("g", 2, b, t0 + 2200ms), code(ErrorCode::none));
    auto sa = f.sync("g", 2, a, t0 + 2300ms, {{a, "orders-0"}, {b, "orders-1"}});
    QCOMPARE(sa->calls, 1);
    QCOMPARE(sb->calls, 1);
    QCOMPARE(sa->result.assignment, std::string("orders-0"));
    QCOMPARE(sb->result.assignment, std::string("orders-1"));
    QCOMPARE(sb->result.error_code, code(ErrorCode::none));
    QCOMPARE(f.state("g"), GroupState::stable);
    QCOMPARE(f.gc.heartbeat("g", 2, a, t0 + 3s), code(ErrorCode::none));
    QCOMPARE(f.gc.heartbeat("g", 2, b, t0 + 3s), code(ErrorCode::none));
    // A stale generation.
    QCOMPARE(f.gc.heartbeat("g", 1, b, t0 + 3s), code(ErrorCode::illegal_generation));
    QCOMPARE(ja->calls + jb->calls + sa->calls + sb->calls, 4);
  }

  void stableFollowerRejoiningUnchangedGetsCurrentGeneration() {
    Fixture f;
    const auto [a, b] = stable_pair(f);
    auto again = f.join(join_request("g", b, "b"), t0 + 1s);
    QCOMPARE(again->calls, 1);
    QCOMPARE(again->result.generation_id, 2);
    QCOMPARE(f.state("g"), GroupState::stable);
    // Changed subscription: a rebalance.
    auto changed = f.join(join_request("g", b, "b", {{"range", "sub-b-more"}}), t0 + 1s);
    QVERIFY(!changed->done());
    QCOMPARE(f.state("g"), GroupState::preparing_rebalance);
  }

  void leaveRebalancesTheRest() {
    Fixture f;
    const auto [a, b] = stable_pair(f);
    QCOMPARE(f.gc.leave_group("g", b, t0 + 1s), code(ErrorCode::none));
    QCOMPARE(f.state("g"), GroupState::preparing_rebalance);
    QCOMPARE(f.gc.heartbeat("g", 2, b, t0 + 1s), code(ErrorCode::unknown_member_id));
    QCOMPARE(f.gc.heartbeat("g", 2, a, t0 + 1s), code(ErrorCode::rebalance_in_progress));
    auto ja = f.join(join_request("g", a, "a"), t0 + 2s);
    QCOMPARE(ja->calls, 1);
    QCOMPARE(ja->result.generation_id, 3);
    QCOMPARE(ja->result.leader_id, a);
    QCOMPARE(ja->result.members.size(), 1u);
    QCOMPARE(f.gc.leave_group("g", "nobody", t0 + 2s), code(ErrorCode::unknown_member_id));
    QCOMPARE(f.gc.leave_group("unknown-group", a, t0 + 2s), code(ErrorCode::unknown_member_id));

    // The last member leaving empties the group.
    auto sa = f.sync("g", 3, a, t0 + 2s, {{a, "all"}});
    QCOMPARE(sa->result.assignment, std::string("all"));
    QCOMPARE(f.state("g"), GroupState::stable);
    QCOMPARE(f.gc.leave_group("g", a, t0 + 3s), code(ErrorCode::none));
    const GroupDescription d = f.gc.describe("g");
    QCOMPARE(d.state, GroupState::empty);
    QCOMPARE(d.generation_id, 4);
    QVERIFY(d.members.empty());
    QVERIFY(d.leader_id.empty());
    QCOMPARE(f.gc.heartbeat("g", 4, a, t0 + 3s), code(ErrorCode::unknown_member_id));
  }

  void leaderLeavingHandsLeadershipOn() {
    Fixture f;
    const auto [a, b] = stable_pair(f);
    QCOMPARE(f.gc.leave_group("g", a, t0 + 1s), code(ErrorCode::none));
    auto jb = f.join(join_request("g", b, "b"), t0 + 1s);
    QCOMPARE(jb->result.generation_id, 3);
    QCOMPARE(jb->result.leader_id, b);
    QCOMPARE(jb->result.members.size(), 1u);
  }

  void sessionExpiryRemovesMember() {
    Fixture f;
    const auto [a, b] = stable_pair(f);  // session timeout 10 s, last activity t0 + 200 ms
    QCOMPARE(f.gc.heartbeat("g", 2, a, t0 + 9s), code(ErrorCode::none));
    f.gc.tick(t0 + 10199ms);
    QCOMPARE(f.state("g"), GroupState::stable);
    f.gc.tick(t0 + 10200ms);  // b's session ends, a's does not
    QCOMPARE(f.state("g"), GroupState::preparing_rebalance);
    QCOMPARE(f.gc.describe("g").members.size(), 1u);
    QCOMPARE(f.gc.heartbeat("g", 2, b, t0 + 10300ms), code(ErrorCode::unknown_member_id));
    QCOMPARE(f.gc.heartbeat("g", 2, a, t0 + 10300ms), code(ErrorCode::rebalance_in_progress));
    auto ja = f.join(join_request("g", a, "a"), t0 + 10400ms);
    QCOMPARE(ja->result.generation_id, 3);
    QCOMPARE(ja->result.members.size(), 1u);

    // Without tick(), a late heartbeat still finds its session over.
    auto sa = f.sync("g", 3, a, t0 + 10500ms, {{a, "x"}});
    QCOMPARE(sa->result.error_code, code(ErrorCode::none));
    QCOMPARE(f.gc.heartbeat("g", 3, a, t0 + 20500ms), code(ErrorCode::unknown_member_id));
    QCOMPARE(f.state("g"), GroupState::empty);
  }

  void rebalanceTimeoutDropsMemberThatDidNotRejoin() {
    Fixture f;
    const auto [a, b] = stable_pair(f);
    // The leader rejoins (forcing a rebalance); b keeps heartbeating but never rejoins.
    auto ja = f.join(join_request("g", a, "a"), t0 + 1s);
    QVERIFY(!ja->done());
    QCOMPARE(f.gc.heartbeat("g", 2, b, t0 + 5s), code(ErrorCode::rebalance_in_progress));
    QCOMPARE(f.gc.heartbeat("g", 2, b, t0 + 14s), code(ErrorCode::rebalance_in_progress));
    f.gc.tick(t0 + 20999ms);  // rebalance timeout: 20 s from t0 + 1 s
    QVERIFY(!ja->done());
    f.gc.tick(t0 + 21s);
    QCOMPARE(ja->calls, 1);
    QCOMPARE(ja->result.generation_id, 3);
    QCOMPARE(ja->result.members.size(), 1u);
    QCOMPARE(f.gc.heartbeat("g", 2, b, t0 + 21s), code(ErrorCode::unknown_member_id));
    QCOMPARE(f.state("g"), GroupState::completing_rebalance);
  }

  void initialDelayWaitsForMoreMembers() {
    Fixture f;
    auto ja = f.join_with_id("g", "a", t0);
    auto jb = f.join_with_id("g", "b", t0 + 90ms);  // extends the initial delay by one step
    f.gc.tick(t0 + 100ms);
    QVERIFY(!ja->done());
    QVERIFY(!jb->done());
    f.gc.tick(t0 + 200ms);
    QCOMPARE(ja->calls, 1);
    QCOMPARE(jb->calls, 1);
    QCOMPARE(ja->result.generation_id, 1);
    QCOMPARE(jb->result.generation_id, 1);
    QCOMPARE(ja->result.members.size(), 2u);
    QVERIFY(jb->result.members.empty());
  }

  void leaderNeverSyncingIsDropped() {
    Fixture f;
    auto ja = f.join_with_id("g", "a", t0);
    auto jb = f.join_with_id("g", "b", t0);
    f.gc.tick(t0 + 200ms);  // the second member extended the initial delay once
    QCOMPARE(ja->result.leader_id, ja->result.member_id);
    auto sb = f.sync("g", 1, jb->result.member_id, t0 + 250ms);
    QVERIFY(!sb->done());
    // The leader heartbeats but never sends SyncGroup: after the rebalance timeout it is removed
    // and the waiting follower is told to rejoin.
    QCOMPARE(f.gc.heartbeat("g", 1, ja->result.member_id, t0 + 10s), code(ErrorCode::none));
    QCOMPARE(f.gc.heartbeat("g", 1, ja->result.member_id, t0 + 19s), code(ErrorCode::none));
    f.gc.tick(t0 + 20199ms);
    QVERIFY(!sb->done());
    f.gc.tick(t0 + 20200ms);
    QCOMPARE(sb->calls, 1);
    QCOMPARE(sb->result.error_code, code(ErrorCode::rebalance_in_progress));
    QCOMPARE(f.gc.heartbeat("g", 1, ja->result.member_id, t0 + 20300ms), code(ErrorCode::unknown_member_id));
    auto jb2 = f.join(join_request("g", jb->result.member_id, "b"), t0 + 20400ms);
    QCOMPARE(jb2->result.generation_id, 2);
    QCOMPARE(jb2->result.leader_id, jb->result.member_id);
  }

  void pendingMemberIdHoldsTheJoinPhase() {
    Fixture f;
    const std::string a = f.stable_single("g", "a", t0);
    // b is handed an id (KIP-394) but does not rejoin with it; a's rejoin starts a rebalance that
    // waits for b until b's pending id expires with its session (10 s), before the rebalance timeout.
    auto b_first = f.join(join_request("g", "", "b"), t0 + 1s);
    QCOMPARE(b_first->result.error_code, code(ErrorCode::member_id_required));
    auto ja = f.join(join_request("g", a, "a"), t0 + 1s);
    QVERIFY(!ja->done());
    f.gc.tick(t0 + 10999ms);
    QVERIFY(!ja->done());
    f.gc.tick(t0 + 11s);
    QCOMPARE(ja->calls, 1);
    QCOMPARE(ja->result.generation_id, 2);
    QCOMPARE(ja->result.members.size(), 1u);
    QCOMPARE(f.join(join_request("g", b_first->result.member_id, "b"), t0 + 12s)->result.error_code,
             code(ErrorCode::unknown_member_id));
  }

  void protocolVote() {
    Fixture f;
    auto ja = f.join_with_id("g", "a", t0, {{"range", "ma"}, {"roundrobin", "ra"}});
    auto jb = f.join_with_id("g", "b", t0, {{"roundrobin", "rb"}, {"range", "mb"}});
    auto jc = f.join_with_id("g", "c", t0, {{"sticky", "sc"}, {"roundrobin", "rc"}, {"range", "mc"}});
    // Nothing in common with the group.
    auto jd = f.join_with_id("g", "d", t0, {{"sticky", "sd"}});
    QCOMPARE(jd->result.error_code, code(ErrorCode::inconsistent_group_protocol));
    f.gc.tick(t0 + 200ms);  // the second member extended the initial delay once
    // Candidates: range and roundrobin (sticky is not supported by all). Votes: a range, b and c roundrobin.
    QCOMPARE(ja->result.protocol_name, std::string("roundrobin"));
    QCOMPARE(jc->result.protocol_name, std::string("roundrobin"));
    QCOMPARE(ja->result.members.size(), 3u);
    QCOMPARE(ja->result.members[0].metadata, std::string("ra"));
    QCOMPARE(ja->result.members[1].metadata, std::string("rb"));
    QCOMPARE(ja->result.members[2].metadata, std::string("rc"));
    QCOMPARE(f.gc.describe("g").members[2].metadata, std::string("rc"));
  }

  void protocolVoteTieGoesToTheLeader() {
    Fixture f;
    auto ja = f.join_with_id("g", "a", t0, {{"range", ""}, {"roundrobin", ""}});
    auto jb = f.join_with_id("g", "b", t0, {{"roundrobin", ""}, {"range", ""}});
    f.gc.tick(t0 + 200ms);  // the second member extended the initial delay once
    QCOMPARE(jb->result.protocol_name, std::string("range"));
  }

  void errorCases() {
    Fixture f;
    // 24: invalid group id.
    auto bad_group = f.join(join_request("", "", "a"), t0);
    QCOMPARE(bad_group->result.error_code, code(ErrorCode::invalid_group_id));
    QCOMPARE(f.gc.heartbeat("", 0, "x", t0), code(ErrorCode::invalid_group_id));
    // 26: session timeout outside [6000, 1800000].
    for (const std::int32_t timeout : {5999, 1800001}) {
      auto request = join_request("g", "", "a");
      request.session_timeout_ms = timeout;
      QCOMPARE(f.join(request, t0)->result.error_code, code(ErrorCode::invalid_session_timeout));
    }
    auto edge = join_request("g", "", "a");
    edge.session_timeout_ms = 6000;
    QCOMPARE(f.join(edge, t0)->result.error_code, code(ErrorCode::member_id_required));
    // 25: an unknown member id, in an unknown group or a known one.
    QCOMPARE(f.join(join_request("other", "ghost", "a"), t0)->result.error_code, code(ErrorCode::unknown_member_id));
    const std::string a = f.stable_single("g", "a", t0);
    QCOMPARE(f.join(join_request("g", "ghost", "a"), t0 + 1s)->result.error_code,
             code(ErrorCode::unknown_member_id));
    QCOMPARE(f.gc.heartbeat("g", 1, "ghost", t0 + 1s), code(ErrorCode::unknown_member_id));
    QCOMPARE(f.sync("g", 1, "ghost", t0 + 1s)->result.error_code, code(ErrorCode::unknown_member_id));
    QCOMPARE(f.gc.heartbeat("unknown-group", 1, a, t0 + 1s), code(ErrorCode::unknown_member_id));
    // 23: protocol type mismatch; no protocol in common; no protocols at all.
    auto connect = join_request("g", "", "k");
    connect.protocol_type = "connect";
    QCOMPARE(f.join(connect, t0 + 1s)->result.error_code, code(ErrorCode::inconsistent_group_protocol));
    QCOMPARE(f.join(join_request("g", "", "k", {{"sticky", ""}}), t0 + 1s)->result.error_code,
             code(ErrorCode::inconsistent_group_protocol));
    auto none = join_request("fresh", "", "k");
    none.protocols.clear();
    QCOMPARE(f.join(none, t0 + 1s)->result.error_code, code(ErrorCode::inconsistent_group_protocol));
    // 22: stale or future generation.
    QCOMPARE(f.gc.heartbeat("g", 0, a, t0 + 1s), code(ErrorCode::illegal_generation));
    QCOMPARE(f.sync("g", 2, a, t0 + 1s)->result.error_code, code(ErrorCode::illegal_generation));
    // 27: SyncGroup while preparing a rebalance.
    auto jb = f.join_with_id("g", "b", t0 + 2s);
    QVERIFY(!jb->done());
    QCOMPARE(f.sync("g", 1, a, t0 + 2s)->result.error_code, code(ErrorCode::rebalance_in_progress));
    QCOMPARE(f.gc.heartbeat("g", 1, a, t0 + 2s), code(ErrorCode::rebalance_in_progress));
  }

  void waitingSyncsAreAnsweredWhenARebalanceStarts() {
    Fixture f;
    auto ja = f.join_with_id("g", "a", t0);
    auto jb = f.join_with_id("g", "b", t0);
    f.gc.tick(t0 + 200ms);  // the second member extended the initial delay once
    auto sb = f.sync("g", 1, jb->result.member_id, t0 + 250ms);
    QVERIFY(!sb->done());
    // A third member arrives before the leader syncs.
    auto c_first = f.join(join_request("g", "", "c"), t0 + 300ms);
    const std::string c = c_first->result.member_id;
    auto jc = f.join(join_request("g", c, "c"), t0 + 300ms);
    QCOMPARE(sb->calls, 1);
    QCOMPARE(sb->result.error_code, code(ErrorCode::rebalance_in_progress));
    QVERIFY(!jc->done());
    // A member leaving while its JoinGroup waits gets UNKNOWN_MEMBER_ID for it.
    auto jb2 = f.join(join_request("g", jb->result.member_id, "b"), t0 + 400ms);
    QCOMPARE(f.gc.leave_group("g", jb->result.member_id, t0 + 500ms), code(ErrorCode::none));
    QCOMPARE(jb2->calls, 1);
    QCOMPARE(jb2->result.error_code, code(ErrorCode::unknown_member_id));
    // A repeated JoinGroup supersedes the waiting one, which is answered.
    auto jc2 = f.join(join_request("g", c, "c"), t0 + 600ms);
    QCOMPARE(jc->calls, 1);
    QCOMPARE(jc->result.error_code, code(ErrorCode::rebalance_in_progress));
    QVERIFY(!jc2->done());
    // Shutdown answers whatever still waits.
    f.gc.shutdown();
    QCOMPARE(jc2->calls, 1);
    QCOMPARE(jc2->result.error_code, code(ErrorCode::not_coordinator));
    QCOMPARE(ja->calls, 1);
  }

  void commitsGoThroughTheStore() {
    Fixture f;
    const auto [a, b] = stable_pair(f);
    CommitRequest c;
    c.group_id = "g";
    c.generation_id = 2;
    c.member_id = b;
    c.offsets = {{{"orders", 0}, 42}, {{"orders", 1}, 7}};
    auto errors = f.gc.commit_offsets(c, t0 + 1s);
    QCOMPARE(errors.size(), 2u);
    QCOMPARE(errors.at({"orders", 0}), code(ErrorCode::none));
    QCOMPARE(errors.at({"orders", 1}), code(ErrorCode::none));
    // Durable and shared: read back through the store itself.
    QCOMPARE(f.store.committed("g", "orders", 0)->value_or(-1), 42);
    QCOMPARE(f.store.committed("g", "orders", 1)->value_or(-1), 7);
    tributary::log::ConsumerGroupStore reopened{f.tmp.path().toStdString() + "/groups"};
    QCOMPARE(reopened.offsets("g")->size(), 2u);

    // And through OffsetFetch: all, or the partitions asked for (-1 when none).
    const FetchResult all = f.gc.fetch_offsets("g", std::nullopt);
    QCOMPARE(all.error_code, code(ErrorCode::none));
    QCOMPARE(all.offsets.size(), 2u);
    QCOMPARE(all.offsets.at({"orders", 0}), 42);
    const FetchResult some = f.gc.fetch_offsets("g", std::vector<tributary::log::TopicPartition>{{"orders", 1}, {"orders", 9}});
    QCOMPARE(some.offsets.size(), 2u);
    QCOMPARE(some.offsets.at({"orders", 1}), 7);
    QCOMPARE(some.offsets.at({"orders", 9}), -1);
    QCOMPARE(f.gc.fetch_offsets("never", std::nullopt).offsets.size(), 0u);
    QCOMPARE(f.gc.fetch_offsets("bad/name", std::nullopt).error_code, code(ErrorCode::invalid_group_id));

    // Refused: stale generation, unknown member, a standalone commit to a group in use.
    c.offsets = {{{"orders", 0}, 99}};
    c.generation_id = 1;
    QCOMPARE(f.gc.commit_offsets(c, t0 + 1s).at({"orders", 0}), code(ErrorCode::illegal_generation));
    c.generation_id = 2;
    c.member_id = "ghost";
    QCOMPARE(f.gc.commit_offsets(c, t0 + 1s).at({"orders", 0}), code(ErrorCode::unknown_member_id));
    c.generation_id = -1;
    c.member_id = "";
    QCOMPARE(f.gc.commit_offsets(c, t0 + 1s).at({"orders", 0}), code(ErrorCode::unknown_member_id));
    QCOMPARE(f.store.committed("g", "orders", 0)->value_or(-1), 42);

    // CompletingRebalance: REBALANCE_IN_PROGRESS.
    auto ja = f.join(join_request("g", a, "a"), t0 + 2s);
    auto jb = f.join(join_request("g", b, "b"), t0 + 2s);
    QCOMPARE(jb->result.generation_id, 3);
    c.generation_id = 3;
    c.member_id = b;
    QCOMPARE(f.gc.commit_offsets(c, t0 + 2s).at({"orders", 0}), code(ErrorCode::rebalance_in_progress));
    QCOMPARE(f.store.committed("g", "orders", 0)->value_or(-1), 42);

    // Standalone commits (generation -1, no member): accepted for an unknown or empty group only.
    CommitRequest simple;
    simple.group_id = "simple";
    simple.offsets = {{{"orders", 3}, 11}};
    QCOMPARE(f.gc.commit_offsets(simple, t0).at({"orders", 3}), code(ErrorCode::none));
    QCOMPARE(f.store.committed("simple", "orders", 3)->value_or(-1), 11);
    QCOMPARE(f.gc.describe("simple").state, GroupState::empty);
    simple.offsets = {{{"orders", 3}, 12}};
    QCOMPARE(f.gc.commit_offsets(simple, t0).at({"orders", 3}), code(ErrorCode::none));
    QCOMPARE(f.gc.fetch_offsets("simple", std::nullopt).offsets.at({"orders", 3}), 12);
    // A generation for a group the coordinator does not know: ILLEGAL_GENERATION.
    CommitRequest stray = simple;
    stray.group_id = "stray";
    stray.generation_id = 4;
    stray.member_id = "m";
    QCOMPARE(f.gc.commit_offsets(stray, t0).at({"orders", 3}), code(ErrorCode::illegal_generation));
    QVERIFY(!f.store.committed("stray", "orders", 3)->has_value());
  }

  void reentrantCallbacksDoNotDeadlock() {
    Fixture f;
    auto first = f.join(join_request("g", "", "a"), t0);
    const std::string id = first->result.member_id;
    int synced = 0;
    std::int16_t heartbeat_in_callback = -2;
    GroupState state_in_callback = GroupState::dead;
    // The join callback describes the group and sends SyncGroup; the sync callback heartbeats.
    f.gc.join_group(join_request("g", id, "a"), t0, [&](const JoinResult& r) {
      state_in_callback = f.gc.describe("g").state;
      SyncRequest s;
      s.group_id = "g";
      s.generation_id = r.generation_id;
      s.member_id = r.member_id;
      s.assignments = {{r.member_id, "all"}};
      f.gc.sync_group(s, t0 + 100ms, [&, r](const SyncResult& sr) {
        ++synced;
        QCOMPARE(sr.assignment, std::string("all"));
        heartbeat_in_callback = f.gc.heartbeat("g", r.generation_id, r.member_id, t0 + 100ms);
      });
    });
    f.gc.tick(t0 + 100ms);
    QCOMPARE(state_in_callback, GroupState::completing_rebalance);
    QCOMPARE(synced, 1);
    QCOMPARE(heartbeat_in_callback, code(ErrorCode::none));
    QCOMPARE(f.state("g"), GroupState::stable);
  }
};

QTEST_GUILESS_MAIN(TestGroupCoordinator)
#include "test_group_coordinator.moc"
