// engine.window and engine.checkpoint (../shared/design/benchmarks.md): the micro-batch
// operators against a hand-written single-pass abseil loop over the same columns, in the
// same run. One JSON line per result.
//   engine_bench [--events N] [--keys N] [--reps N] [--open-windows N] [--quick]
#include <absl/container/flat_hash_map.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.h"
#include "stream/checkpoint_store.h"
#include "stream/operator.h"
#include "stream/windowed_aggregate.h"

using namespace tributary;
using namespace tributary::stream;
using namespace tributary::bench;

namespace {

struct Options {
  std::int64_t events = 10'000'000;
  int keys = 1000;
  int reps = 3;
  std::int64_t open_windows = 1'000'000;
  std::size_t batch_rows = 65536;
};



Schema event_schema() {
  return Schema({{"user", DataType::string}, {"event_type", DataType::string}, {"ts", DataType::timestamp}});
}

// One event per ms, keys round-robin, a third of them views: already decoded into batches.
std::vector<Batch> make_events(const Options& o) {
  std::vector<Batch> batches;
  std::vector<std::string> keys;
  for (int k = 0; k < o.keys; ++k) keys.push_back("user-" + std::to_string(k));
  const char* types[] = {"view", "click", "purchase"};
  for (std::int64_t i = 0; i < o.events;) {
    Batch b(event_schema());
    for (std::size_t r = 0; r < o.batch_rows && i < o.events; ++r, ++i) {
      b.column(0).append_string(keys[static_cast<std::size_t>(i % o.keys)]);
      b.column(1).append_string(types[(i / o.keys) % 3]);
      b.column(2).append_int(1'700'000'000'000 + i);
    }
    batches.push_back(std::move(b));
  }
  return batches;
}

void emit_line(const char* bench, const char* metric, double ours, const char* peer, double theirs, const char* unit,
               const std::string& params) {
  std::printf("{\"bench\":\"%s\",\"metric\":\"%s\",\"value\":%.1f,\"unit\":\"%s\",\"peer\":\"%s\",\"peer_value\":%.1f,"
              "\"ratio\":%.3f,\"params\":{%s},\"peak_rss_kb\":%ld}\n",
              bench, metric, ours, unit, peer, theirs, ours / theirs, params.c_str(), peak_rss_kb());
  std::fflush(stdout);
}

// The limit: one pass, filter inline, (key, window) -> count in an abseil map.
double hand_loop(const std::vector<Batch>& batches, std::int64_t& windows_out) {
  const auto start = Clock::now();
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::int64_t, std::int64_t>> counts;
  for (const auto& b : batches) {
    const Column& user = b.column(0);
    const Column& type = b.column(1);
    const std::int64_t* ts = b.column(2).ints();
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      if (type.string_at(r) != "view") continue;
      const std::int64_t window = ts[r] - ts[r] % 10000;
      const std::string_view u = user.string_at(r);
      ++counts[absl::string_view(u.data(), u.size())][window];
    }
  }
  windows_out = 0;
  for (const auto& [k, w] : counts) windows_out += static_cast<std::int64_t>(w.size());
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double operators(const std::vector<Batch>& batches, std::int64_t& windows_out) {
  auto filter = make_filter("event_type = 'view'", event_schema());
  WindowedAggregateSpec spec;
  spec.window.size_ms = 10000;
  spec.key = {"user"};
  spec.time_field = "ts";
  spec.aggregates = {{AggFn::count, "", "n"}};
  auto window = make_window(spec, event_schema());
  if (!filter.ok() || !window.ok()) std::abort();
  const auto start = Clock::now();
  std::vector<Rejected> rejected;
  StateChanges changes;
  windows_out = 0;
  for (const auto& b : batches) {
    Batch views(event_schema());
    (*filter)->process(b, views, rejected);
    Batch out((*window)->output_schema());
    (*window)->process(views, out, rejected);
    windows_out += static_cast<std::int64_t>(out.num_rows());
    // As in a job: each batch ends with the operator's checkpoint bookkeeping (the SQLite
    // write is measured by engine.checkpoint).
    changes.clear();
    (*window)->save_changes("w", changes);
  }
  Batch out((*window)->output_schema());
  (*window)->finish(out);
  windows_out += static_cast<std::int64_t>(out.num_rows());
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string("0"); };
    if (a == "--events") o.events = std::stoll(next());
    else if (a == "--keys") o.keys = std::stoi(next());
    else if (a == "--reps") o.reps = std::stoi(next());
    else if (a == "--open-windows") o.open_windows = std::stoll(next());
    else if (a == "--quick") o.events = 500'000, o.reps = 1, o.open_windows = 50'000;
    else return std::fprintf(stderr, "usage: engine_bench [--events N] [--keys N] [--reps N] [--open-windows N] [--quick]\n"), 2;
  }
  const auto batches = make_events(o);
  std::vector<double> ours, peer;
  std::int64_t ours_windows = 0, peer_windows = 0;
  for (int rep = 0; rep < o.reps; ++rep) {
    peer.push_back(hand_loop(batches, peer_windows));
    ours.push_back(operators(batches, ours_windows));
  }
  if (ours_windows != peer_windows) {
    std::fprintf(stderr, "engine.window: %lld windows, hand loop %lld\n", static_cast<long long>(ours_windows),
                 static_cast<long long>(peer_windows));
    return 1;
  }
  const double n = static_cast<double>(o.events);
  emit_line("engine.window", "events_per_s", n / median(ours), "hand-written abseil hash loop", n / median(peer), "1/s",
            "\"events\":" + std::to_string(o.events) + ",\"keys\":" + std::to_string(o.keys) +
                ",\"window_ms\":10000,\"filter\":\"event_type = 'view'\",\"reps\":" + std::to_string(o.reps));

  // engine.checkpoint: cost of one batch's checkpoint with many open windows, when the batch
  // touches 1% of them. Peer: the same number of rows written to SQLite in one transaction
  // without the operator (the store's floor).
  {
    WindowedAggregateSpec spec;
    spec.window.size_ms = 1LL << 40;  // nothing closes
    spec.key = {"user"};
    spec.time_field = "ts";
    spec.aggregates = {{AggFn::count, "", "n"}};
    auto agg = WindowedAggregate::create(spec, event_schema());
    const auto dir = std::filesystem::temp_directory_path() / ("engine_bench_" + std::to_string(::getpid()));
    auto store = CheckpointStore::open(dir / "checkpoint.sqlite");
    if (!agg.ok() || !store.ok()) std::abort();
    std::vector<LateRecord> late;
    Batch sink((*agg)->output_schema());
    for (std::int64_t i = 0; i < o.open_windows;) {
      Batch b(event_schema());
      for (std::size_t r = 0; r < o.batch_rows && i < o.open_windows; ++r, ++i) {
        b.column(0).append_string("key-" + std::to_string(i));
        b.column(1).append_string("view");
        b.column(2).append_int(i);
      }
      (*agg)->process(b, sink, late);
    }
    StateChanges changes;
    (*agg)->save_changes("w", changes);
    if (!(*store)->commit(0, changes, {}).ok()) std::abort();
    std::vector<double> times, floors, save_times;
    const std::int64_t touched = std::max<std::int64_t>(1, o.open_windows / 100);
    for (int rep = 0; rep < 5; ++rep) {
      Batch b(event_schema());
      for (std::int64_t i = 0; i < touched; ++i) {
        b.column(0).append_string("key-" + std::to_string((i * 97 + rep) % o.open_windows));
        b.column(1).append_string("view");
        b.column(2).append_int(o.open_windows + rep);
      }
      (*agg)->process(b, sink, late);
      const auto start = Clock::now();
      changes.clear();
      (*agg)->save_changes("w", changes);
      const auto saved = Clock::now();
      if (!(*store)->commit(rep + 1, changes, {}).ok()) std::abort();
      times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      save_times.push_back(std::chrono::duration<double, std::milli>(saved - start).count());
      StateChanges plain;
      for (const auto& [op, key, value] : changes.put) plain.put.emplace_back("floor", key, value);
      const auto fstart = Clock::now();
      if (!(*store)->commit(100 + rep, plain, {}).ok()) std::abort();
      floors.push_back(std::chrono::duration<double, std::milli>(Clock::now() - fstart).count());
    }
    std::filesystem::remove_all(dir);
    // Latency: ratio printed as peer / ours, so that higher is still better.
    const double ms = median(times);
    const double floor_ms = median(floors);
    std::printf("{\"bench\":\"engine.checkpoint\",\"metric\":\"ms_per_batch\",\"value\":%.2f,\"unit\":\"ms\","
                "\"peer\":\"same rows, one SQLite transaction\",\"peer_value\":%.2f,\"ratio\":%.3f,"
                "\"params\":{\"open_windows\":%lld,\"windows_touched\":%lld,\"serialize_ms\":%.2f},\"peak_rss_kb\":%ld}\n",
                ms, floor_ms, floor_ms / ms, static_cast<long long>(o.open_windows), static_cast<long long>(touched),
                median(save_times), peak_rss_kb());
  }
  return 0;
}
