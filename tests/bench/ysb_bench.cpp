// engine.ysb (../shared/design/benchmarks.md): the Yahoo Streaming Benchmark job — JSON ad
// events read from a topic, filter event_type = 'view', lookup join ad -> campaign (a table
// topic), tumbling 10 s count per campaign, JSON-lines sink — against a hand-written simdjson
// + abseil loop doing the same on the same bytes, in the same run. One JSON line per result.
//   ysb_bench [--events N] [--reps N] [--dir D] [--quick] [--no-peer]
#include <absl/container/flat_hash_map.h>
#include <simdjson.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "log/log_manager.h"
#include "stream/job.h"
#include "stream/windowed_aggregate.h"

using namespace tributary;
using namespace tributary::stream;
using namespace tributary::bench;
namespace fs = std::filesystem;

namespace {

constexpr int kCampaigns = 100;
constexpr int kAdsPerCampaign = 10;
constexpr std::int64_t kStart = 1'700'000'000'000;

std::string uuid(std::mt19937_64& rng) {
  static const char* hex = "0123456789abcdef";
  std::string s(36, '-');
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != 8 && i != 13 && i != 18 && i != 23) s[i] = hex[rng() & 15];
  }
  return s;
}

struct Data {
  std::vector<std::string> ads, campaigns;  // ad i belongs to campaigns[i / 10]
  std::vector<std::string> events;          // the JSON values, 10 events per ms of event time
};

Data make_data(std::int64_t n) {
  std::mt19937_64 rng(42);
  Data d;
  for (int c = 0; c < kCampaigns; ++c) d.campaigns.push_back(uuid(rng));
  for (int a = 0; a < kCampaigns * kAdsPerCampaign; ++a) d.ads.push_back(uuid(rng));
  std::vector<std::string> users, pages;
  for (int i = 0; i < 100; ++i) users.push_back(uuid(rng)), pages.push_back(uuid(rng));
  const char* ad_types[] = {"banner", "modal", "sponsored-search", "mail", "mobile"};
  const char* event_types[] = {"view", "click", "purchase"};
  d.events.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    std::string e = "{\"user_id\":\"" + users[rng() % 100] + "\",\"page_id\":\"" +
                    pages[rng() % 100] + "\",\"ad_id\":\"" + d.ads[rng() % d.ads.size()] +
                    "\",\"ad_type\":\"" + ad_types[rng() % 5] + "\",\"event_type\":\"" +
                    event_types[rng() % 3] + "\",\"event_time\":\"" +
                    std::to_string(kStart + i / 10) + "\",\"ip_address\":\"1.2.3.4\"}";
    d.events.push_back(std::move(e));
  }
  return d;
}

struct RunOutcome {
  double seconds = 0;
  std::int64_t windows = 0;
  std::int64_t counted = 0;  // views counted over all windows
};

// The peer: one DOM parser over each value, the three fields the query needs, the ad ->
// campaign map and (campaign, window) -> count in abseil maps.
RunOutcome hand_loop(const Data& d) {
  RunOutcome r;
  const auto start = Clock::now();
  absl::flat_hash_map<std::string, std::uint32_t> campaign_of;
  for (std::size_t a = 0; a < d.ads.size(); ++a)
    campaign_of[d.ads[a]] = static_cast<std::uint32_t>(a / kAdsPerCampaign);
  absl::flat_hash_map<std::pair<std::uint32_t, std::int64_t>, std::int64_t> counts;
  simdjson::dom::parser parser;
  for (const auto& e : d.events) {
    simdjson::dom::object obj;
    if (parser.parse(e.data(), e.size(), true).get_object().get(obj)) std::abort();
    std::string_view type, ad, time;
    if (obj["event_type"].get_string().get(type) || obj["ad_id"].get_string().get(ad) ||
        obj["event_time"].get_string().get(time)) {
      std::abort();
    }
    if (type != "view") continue;
    const auto c = campaign_of.find(absl::string_view(ad.data(), ad.size()));
    if (c == campaign_of.end()) continue;
    std::int64_t t = 0;
    for (char ch : time) t = t * 10 + (ch - '0');
    ++counts[{c->second, t - t % 10000}];
  }
  r.seconds = seconds_since(start);
  r.windows = static_cast<std::int64_t>(counts.size());
  for (const auto& [k, v] : counts) r.counted += v;
  return r;
}

JobConfig ysb_job(const fs::path& dir) {
  JobConfig c;
  c.name = "ysb";
  JobInput in;
  in.topic = "ad-events";
  // The fields the query reads (column pruning): the decoder skips the others.
  in.schema = Schema({{"ad_id", DataType::string},
                      {"event_type", DataType::string},
                      {"event_time", DataType::timestamp}});
  c.inputs.push_back(std::move(in));
  auto table =
      LookupTable::create({"ad-campaigns",
                           Schema({{"ad_id", DataType::string}, {"campaign_id", DataType::string}}),
                           {"ad_id"}});
  if (!table.ok()) std::abort();
  c.tables.push_back(*table);
  std::shared_ptr<const LookupTable> t = *table;
  c.chain.push_back([](const Schema& s) { return make_filter("event_type = 'view'", s); });
  c.chain.push_back(
      [t](const Schema& s) { return make_lookup_join(t, {"ad_id"}, JoinType::inner, s); });
  c.chain.push_back([](const Schema& s) {
    WindowedAggregateSpec w;
    w.window.size_ms = 10000;
    w.key = {"campaign_id"};
    w.time_field = "event_time";
    w.aggregates = {{AggFn::count, "", "n"}};
    return make_window(w, s);
  });
  c.sink_path = dir / "out" / "ysb.jsonl";
  c.checkpoint_path = dir / "checkpoint.sqlite";
  c.trigger = Trigger::available_now;
  c.max_records_per_batch = 100'000;
  return c;
}

RunOutcome run_job(log::LogManager& logs, const fs::path& dir) {
  fs::remove_all(dir);
  RunOutcome r;
  const auto start = Clock::now();
  auto job = Job::open(ysb_job(dir), logs);
  if (!job.ok()) std::fprintf(stderr, "%s\n", job.status().message().c_str()), std::abort();
  if (!(*job)->run_until_caught_up(true).ok()) std::abort();
  r.seconds = seconds_since(start);
  std::ifstream out(dir / "out" / "ysb.jsonl");
  for (std::string line; std::getline(out, line);) {
    ++r.windows;
    r.counted += std::stoll(line.substr(line.rfind(':') + 1));
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t n = 4'000'000;
  int reps = 3;
  bool peer_runs = true;
  fs::path dir = fs::temp_directory_path() / ("ysb_bench_" + std::to_string(::getpid()));
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string("0"); };
    if (a == "--events")
      n = std::stoll(next());
    else if (a == "--reps")
      reps = std::stoi(next());
    else if (a == "--dir")
      dir = next();
    else if (a == "--quick")
      n = 300'000, reps = 1;
    else if (a == "--no-peer")
      peer_runs = false;  // for profiling the job alone
    else
      return std::fprintf(
                 stderr,
                 "usage: ysb_bench [--events N] [--reps N] [--dir D] [--quick] [--no-peer]\n"),
             2;
  }
  const Data data = make_data(n);
  fs::remove_all(dir);
  log::LogManager::Options o;
  o.data_dir = dir / "data";
  auto logs = log::LogManager::open(o);
  if (!logs.ok()) return std::fprintf(stderr, "%s\n", logs.status().message().c_str()), 1;
  {
    log::TopicConfig tc;
    tc.partitions = 1;
    tc.log.flush = log::FlushPolicy::never;
    auto events = (*logs)->create_topic("ad-events", tc);
    auto campaigns = (*logs)->create_topic("ad-campaigns", tc);
    if (!events.ok() || !campaigns.ok()) return 1;
    std::vector<std::string> table;
    for (std::size_t a = 0; a < data.ads.size(); ++a) {
      table.push_back("{\"ad_id\":\"" + data.ads[a] + "\",\"campaign_id\":\"" +
                      data.campaigns[a / kAdsPerCampaign] + "\"}");
    }
    std::vector<log::Record> records;
    for (const auto& v : table) records.push_back({std::nullopt, std::string_view(v), kStart, {}});
    if (!(*campaigns)->produce(records).ok()) return 1;
    for (std::size_t i = 0; i < data.events.size(); i += 1000) {
      records.clear();
      for (std::size_t j = i; j < std::min(data.events.size(), i + 1000); ++j) {
        records.push_back({std::nullopt, std::string_view(data.events[j]), kStart, {}});
      }
      if (!(*events)->produce(records).ok()) return 1;
    }
  }
  std::vector<double> ours, peer;
  RunOutcome job_result, hand_result;
  for (int rep = 0; rep < reps; ++rep) {
    if (peer_runs || rep == 0) hand_result = hand_loop(data);
    peer.push_back(hand_result.seconds);
    job_result = run_job(**logs, dir / "job");
    ours.push_back(job_result.seconds);
  }
  logs->reset();  // close the data dir before removing it
  fs::remove_all(dir);
  if (job_result.windows != hand_result.windows || job_result.counted != hand_result.counted) {
    std::fprintf(
        stderr, "engine.ysb: job %lld windows / %lld views, hand loop %lld / %lld\n",
        static_cast<long long>(job_result.windows), static_cast<long long>(job_result.counted),
        static_cast<long long>(hand_result.windows), static_cast<long long>(hand_result.counted));
    return 1;
  }
  const double events = static_cast<double>(n);
  std::printf(
      "{\"bench\":\"engine.ysb\",\"metric\":\"events_per_s\",\"value\":%.0f,\"unit\":\"1/s\","
      "\"peer\":\"hand-written simdjson + abseil loop\",\"peer_value\":%.0f,\"ratio\":%.3f,"
      "\"params\":{\"events\":%lld,\"campaigns\":%d,\"ads\":%d,\"windows\":%lld,\"reps\":%d,"
      "\"threads\":1},"
      "\"peak_rss_kb\":%ld}\n",
      events / median(ours), events / median(peer), median(peer) / median(ours),
      static_cast<long long>(n), kCampaigns, kCampaigns * kAdsPerCampaign,
      static_cast<long long>(job_result.windows), reps, peak_rss_kb());
  return 0;
}
