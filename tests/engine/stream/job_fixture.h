// The job the job tests run, in-process or through job_runner: filter -> map -> window.
#pragma once

#include <string>

#include "log/log_manager.h"
#include "stream/job.h"
#include "stream/windowed_aggregate.h"

namespace tributary::testing {

inline Schema event_schema() {
  return Schema({{"user", DataType::string}, {"event_type", DataType::string}, {"ts", DataType::timestamp},
                 {"value", DataType::int64}});
}

inline stream::JobConfig event_job(const std::string& window_kind) {
  using namespace tributary::stream;
  JobConfig c;
  c.name = "events-job";
  c.input_topic = "events";
  c.input_schema = event_schema();
  c.chain.push_back([](const Schema& in) { return make_filter("event_type != 'skip'", in); });
  c.chain.push_back([](const Schema& in) { return make_map({{"doubled", "value * 2"}}, true, in); });
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
    s.aggregates = {{AggFn::count, "", "n"}, {AggFn::sum, "doubled", "total"}, {AggFn::max, "value", "top"},
                    {AggFn::last, "event_type", "last_type"}};
    return make_window(s, in);
  });
  return c;
}

// Appends `count` events to topic `events` (2 partitions, keyed by user): mostly in time
// order, some late, a few that are not JSON at all.
inline void produce_events(log::LogManager& logs, int count, const std::string& topic_name = "events",
                           bool csv = false) {
  log::TopicConfig tc;
  tc.partitions = 2;
  tc.log.flush = log::FlushPolicy::never;
  auto topic = logs.create_topic(topic_name, tc);
  if (!topic.ok()) qFatal("%s", topic.status().message().c_str());
  std::uint32_t x = 7;
  std::vector<std::string> keys, values;
  for (int i = 0; i < count; ++i) {
    x = x * 1103515245u + 12345u;
    keys.push_back("u" + std::to_string((x >> 8) % 13));
    const std::int64_t ts = i * 3 - ((x >> 4) % 5 == 0 ? static_cast<std::int64_t>((x >> 11) % 60) : 0);
    const char* type = (x >> 6) % 4 == 0 ? "skip" : (x >> 6) % 4 == 1 ? "click" : "view";
    if (i % 97 == 50) {
      values.push_back("this is not json " + std::to_string(i));
    } else if (csv) {
      values.push_back(keys.back() + "," + type + "," + std::to_string(ts) + "," + std::to_string((x >> 16) % 50));
    } else {
      values.push_back("{\"user\":\"" + keys.back() + "\",\"event_type\":\"" + type + "\",\"ts\":" + std::to_string(ts) +
                       ",\"value\":" + std::to_string((x >> 16) % 50) + "}");
    }
  }
  std::vector<log::Record> records;
  for (int i = 0; i < count; ++i) records.push_back({std::string_view(keys[i]), std::string_view(values[i]), 1000 + i, {}});
  for (int from = 0; from < count; from += 100) {
    const auto n = std::min<std::size_t>(100, static_cast<std::size_t>(count - from));
    if (!(*topic)->produce(std::span<const log::Record>(records).subspan(static_cast<std::size_t>(from), n)).ok()) {
      qFatal("produce failed");
    }
  }
}

}  // namespace tributary::testing
