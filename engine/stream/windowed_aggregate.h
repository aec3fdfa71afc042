// Windowed aggregation with Kafka Streams' window semantics (../shared/design/semantics.md):
// tumbling, hopping, sliding and session windows over event time, per-partition stream time
// advanced record by record, grace, late records, and `final` / `update` emission.
// One instance is one task: it serves one input partition.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/batch.h"
#include "core/status.h"
#include "stream/aggregate.h"
#include "stream/checkpoint_store.h"

namespace tributary::stream {

enum class WindowKind { tumbling, hopping, sliding, session };
enum class EmitMode { final, update };

struct WindowSpec {
  WindowKind kind = WindowKind::tumbling;
  std::int64_t size_ms = 0;        // tumbling, hopping
  std::int64_t advance_ms = 0;     // hopping
  std::int64_t difference_ms = 0;  // sliding
  std::int64_t gap_ms = 0;         // session
  std::int64_t grace_ms = 0;
};

struct WindowedAggregateSpec {
  WindowSpec window;
  std::vector<std::string> key;  // empty: one global group
  std::string time_field;        // an int64 or timestamp field, ms since the epoch
  std::vector<AggregateSpec> aggregates;
  EmitMode emit_mode = EmitMode::final;
};

// A row of the input that was late for at least one of its windows.
struct LateRecord {
  std::size_t row;
  std::int64_t time;
};

class WindowedAggregate {
 public:
  static Result<std::unique_ptr<WindowedAggregate>> create(const WindowedAggregateSpec& spec, const Schema& input);
  ~WindowedAggregate();

  // Key fields, window_start, window_end, the aggregates, and for sessions in update mode
  // a `retract` flag.
  const Schema& output_schema() const { return output_schema_; }
  // Runs the rows of `input` in order. Windows that close go to `out` (final mode).
  void process(const Batch& input, Batch& out, std::vector<LateRecord>& late);
  // End of a micro-batch: in update mode, one row per window that changed since the last call.
  void end_batch(Batch& out);
  // End of bounded input: stream time moves to +infinity, every open window is emitted.
  void finish(Batch& out);

  // Checkpointing. save_changes() adds what changed since its last call (windows put or
  // erased, per-key bookkeeping, the stream time) under operator id `op`; restore() takes the
  // rows back, one at a time, into a fresh instance.
  void save_changes(const std::string& op, StateChanges& out);
  Status restore(std::string_view key, std::string_view value);

  std::int64_t stream_time() const { return stream_time_; }
  std::size_t open_windows() const { return open_windows_; }
  std::uint64_t late_records() const { return late_count_; }

 private:
  using WindowId = std::pair<std::string, std::int64_t>;  // (encoded key, window start)
  struct Window {
    std::int64_t start = 0;
    std::int64_t end = 0;  // as emitted: exclusive for tumbling/hopping, inclusive otherwise
    std::vector<AggState> aggs;
    bool changed = false;  // since the last update emission
    bool emitted = false;  // an update row went out for it
    bool dirty = false;    // changed since the last checkpoint (listed in dirty_)
  };
  struct Retained {  // a record kept to build sliding windows created later
    std::int64_t time;
    std::vector<Value> values;
  };
  // Everything one key holds. Keys are found by hash; a key's windows are few and ordered by
  // start, which sessions and sliding windows need for their range scans.
  struct KeyState {
    std::vector<Value> key;
    std::map<std::int64_t, Window> windows;
    std::multimap<std::int64_t, Retained> retained;  // sliding only
    // Sessions: end of the last closed session. A record within `gap` of it would have joined
    // a session that is already emitted, so it is late.
    std::int64_t closed_end = INT64_MIN;
  };

  WindowedAggregate() = default;
  std::int64_t close_time(const Window& w) const;
  bool is_closed(std::int64_t close) const { return stream_time_ >= close; }
  Window& open_window(const std::string& key, KeyState& ks, std::int64_t start, std::int64_t end);
  void add_to(Window& w, const std::vector<Value>& values, std::int64_t time);
  void mark_dirty(const std::string& key, Window& w) {
    if (!w.dirty) {
      w.dirty = true;
      dirty_.emplace_back(key, w.start);
    }
  }
  void remove_window(const std::string& key, KeyState& ks, std::int64_t start, Batch* retractions);
  void emit_row(const KeyState& ks, const Window& w, Batch& out, bool retract) const;
  void close_windows(Batch& out);
  void prune_retained(const std::string& key, KeyState& ks);
  // Record processing per window kind; each returns true if the record was late somewhere.
  bool fixed_windows(const std::string& key, KeyState& ks, const std::vector<Value>& v, std::int64_t t);
  bool sliding_windows(const std::string& key, KeyState& ks, const std::vector<Value>& v, std::int64_t t);
  bool session_window(const std::string& key, KeyState& ks, const std::vector<Value>& v, std::int64_t t);

  // Tumbling and hopping windows take their own path (see the .cpp): dense key ids, window
  // slots in flat arrays, aggregates updated from the columns. The members below that hold
  // keys and windows then stay empty.
  struct Fixed;
  std::unique_ptr<Fixed> fixed_;

  WindowedAggregateSpec spec_;
  Schema output_schema_;
  std::vector<std::size_t> key_columns_;
  std::size_t time_column_ = 0;
  std::vector<BoundAggregate> aggregates_;
  bool with_retract_ = false;

  std::int64_t stream_time_ = INT64_MIN;
  std::uint64_t late_count_ = 0;
  std::size_t open_windows_ = 0;
  absl::flat_hash_map<std::string, KeyState> keys_;
  std::set<std::tuple<std::int64_t, std::int64_t, std::string>> closing_;  // (close, start, key)
  Batch pending_updates_;  // update mode: rows of windows that closed before end_batch()
  // Changed since the last save_changes(): window ids, and keys of per-key bookkeeping.
  std::vector<WindowId> dirty_;    // a flag on the window keeps this free of duplicates
  std::vector<WindowId> removed_;  // erased before dirty windows are put: re-created ones survive
  std::set<std::string> dirty_retained_, dirty_closed_;
};

}  // namespace tributary::stream
