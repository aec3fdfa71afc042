// The jobs the job tests run, in-process or through job_runner: filter -> map -> window over
// one topic; a windowed join of two topics; a lookup join with a table topic.
#pragma once

#include <string>

#include "log/log_manager.h"
#include "stream/job.h"
#include "stream/windowed_aggregate.h"

namespace tributary::testing {

inline Schema event_schema() {
  return Schema({{"user", DataType::string},
                 {"event_type", DataType::string},
                 {"ts", DataType::timestamp},
                 {"value", DataType::int64}});
}

inline stream::JobInput input_of(const std::string& topic, Schema schema) {
  stream::JobInput in;
  in.topic = topic;
  in.schema = std::move(schema);
  return in;
}

inline stream::JobConfig event_job(const std::string& window_kind) {
  using namespace tributary::stream;
  JobConfig c;
  c.name = "events-job";
  c.inputs.push_back(input_of("events", event_schema()));
  c.chain.push_back([](const Schema& in) { return make_filter("event_type != 'skip'", in); });
  c.chain.push_back([](const Schema& in) {
    return make_map({{"doubled", "value * 2"}}, true, in);
  });
  c.chain.push_back([window_kind](const Schema& in) {
    WindowedAggregateSpec s;
    if (window_kind == "session") {
      s.window.kind = WindowKind::session;
      s.window.gap_ms = 40;
    } else if (window_kind == "sliding") {
      s.window.kind = WindowKind::sliding;
      s.window.difference_ms = 100;
    } else {
      s.window.kind = WindowKind::tumbling;
      s.window.size_ms = 100;
    }
    s.window.grace_ms = 30;
    s.key = {"user"};
    s.time_field = "ts";
    s.aggregates = {{AggFn::count, "", "n"},
                    {AggFn::sum, "doubled", "total"},
                    {AggFn::max, "value", "top"},
                    {AggFn::last, "event_type", "last_type"}};
    return make_window(s, in);
  });
  return c;
}

// Appends `count` events to topic `events` (2 partitions, keyed by user): mostly in time
// order, some late, a few that are not JSON at all.
inline void produce_events(log::LogManager& logs, int count,
                           const std::string& topic_name = "events", bool csv = false,
                           std::uint32_t seed = 7) {
  log::TopicConfig tc;
  tc.partitions = 2;
  tc.log.flush = log::FlushPolicy::never;
  auto topic = logs.create_topic(topic_name, tc);
  if (!topic.ok()) qFatal("%s", topic.status().message().c_str());
  std::uint32_t x = seed;
  std::vector<std::string> keys, values;
  for (int i = 0; i < count; ++i) {
    x = x * 1103515245u + 12345u;
    keys.push_back("u" + std::to_string((x >> 8) % 13));
    const std::int64_t ts =
        i * 3 - ((x >> 4) % 5 == 0 ? static_cast<std::int64_t>((x >> 11) % 60) : 0);
    const char* type = (x >> 6) % 4 == 0 ? "skip" : (x >> 6) % 4 == 1 ? "click" : "view";
    if (i % 97 == 50) {
      values.push_back("this is not json " + std::to_string(i));
    } else if (csv) {
      values.push_back(keys.back() + "," + type + "," + std::to_string(ts) + "," +
                       std::to_string((x >> 16) % 50));
    } else {
      values.push_back("{\"user\":\"" + keys.back() + "\",\"event_type\":\"" + type + "\",\"ts\":" +
                       std::to_string(ts) + ",\"value\":" + std::to_string((x >> 16) % 50) + "}");
    }
  }
  std::vector<log::Record> records;
  for (int i = 0; i < count; ++i)
    records.push_back({std::string_view(keys[i]), std::string_view(values[i]), 1000 + i, {}});
  for (int from = 0; from < count; from += 100) {
    const auto n = std::min<std::size_t>(100, static_cast<std::size_t>(count - from));
    if (!(*topic)
             ->produce(
                 std::span<const log::Record>(records).subspan(static_cast<std::size_t>(from), n))
             .ok()) {
      qFatal("produce failed");
    }
  }
}

// Views of `events` left-joined with clicks of `clicks` (produce_events with another seed)
// by user, 5 ms before to 10 ms after, 20 ms grace; then only the view's value is doubled.
inline stream::JobConfig join_job() {
  using namespace tributary::stream;
  JobConfig c;
  c.name = "join-job";
  c.inputs.push_back(input_of("events", event_schema()));
  c.inputs.back().chain.push_back(
      [](const Schema& in) { return make_filter("event_type = 'view'", in); });
  c.inputs.push_back(input_of("clicks", event_schema()));
  c.inputs.back().chain.push_back(
      [](const Schema& in) { return make_filter("event_type = 'click'", in); });
  c.merge = [](const std::vector<Schema>& inputs) {
    StreamJoinSpec j;
    j.left_key = j.right_key = {"user"};
    j.left_time_field = j.right_time_field = "ts";
    j.before_ms = 5;
    j.after_ms = 10;
    j.grace_ms = 20;
    j.type = JoinType::left;
    return make_stream_join(j, inputs);
  };
  c.chain.push_back([](const Schema& in) {
    return make_map(
        {{"user", "user"}, {"ts", "ts"}, {"doubled", "value * 2"}, {"click_ts", "right_ts"}}, false,
        in);
  });
  return c;
}

// The table of users: tier per user, one update, one tombstone, one record that is not JSON.
inline void produce_users(log::LogManager& logs, const std::string& topic_name = "users") {
  log::TopicConfig tc;
  tc.partitions = 1;
  tc.log.flush = log::FlushPolicy::never;
  auto topic = logs.create_topic(topic_name, tc);
  if (!topic.ok()) qFatal("%s", topic.status().message().c_str());
  std::vector<std::string> keys, values;
  for (int u = 0; u < 13; ++u) {
    keys.push_back("u" + std::to_string(u));
    values.push_back("{\"user\":\"u" + std::to_string(u) + "\",\"tier\":\"" +
                     (u % 3 == 0 ? "gold" : "basic") + "\"}");
  }
  keys.push_back("u1"), values.push_back("{\"user\":\"u1\",\"tier\":\"gold\"}");  // an update
  keys.push_back("u12"), values.push_back("{\"user\":\"u12\",");                  // broken
  std::vector<log::Record> records;
  for (std::size_t i = 0; i < keys.size(); ++i)
    records.push_back({std::string_view(keys[i]), std::string_view(values[i]), 1, {}});
  records.push_back({std::string_view("u2"), std::nullopt, 1, {}});  // a tombstone
  if (!(*topic)->produce(records).ok()) qFatal("produce failed");
}

// Events enriched with the user's tier (inner lookup join).
inline stream::JobConfig lookup_job() {
  using namespace tributary::stream;
  JobConfig c;
  c.name = "lookup-job";
  c.inputs.push_back(input_of("events", event_schema()));
  auto users = LookupTable::create(
      {"users", Schema({{"user", DataType::string}, {"tier", DataType::string}}), {"user"}});
  if (!users.ok()) qFatal("%s", users.status().message().c_str());
  std::shared_ptr<const LookupTable> table = *users;
  c.tables.push_back(*users);
  c.chain.push_back(
      [table](const Schema& in) { return make_lookup_join(table, {"user"}, JoinType::inner, in); });
  c.chain.push_back([](const Schema& in) {
    return make_map({{"user", "user"}, {"tier", "tier"}, {"ts", "ts"}}, false, in);
  });
  return c;
}

}  // namespace tributary::testing
