#include "stream/windowed_aggregate.h"

#include <algorithm>
#include <limits>

#include "core/serialization.h"
#include "stream/state_codec.h"

namespace tributary::stream {
namespace {

std::int64_t floor_to(std::int64_t t, std::int64_t step) {
  const std::int64_t r = t % step;
  return r < 0 ? t - r - step : t - r;
}

}  // namespace

Result<std::unique_ptr<WindowedAggregate>> WindowedAggregate::create(const WindowedAggregateSpec& spec,
                                                                     const Schema& input) {
  std::unique_ptr<WindowedAggregate> op(new WindowedAggregate());
  op->spec_ = spec;
  const WindowSpec& w = spec.window;
  auto positive = [](std::int64_t v, const char* name) -> Status {
    if (v <= 0) return error(ErrorCode::invalid_argument, std::string(name) + " must be greater than 0");
    return {};
  };
  switch (w.kind) {
    case WindowKind::tumbling: TRIB_RETURN_IF_ERROR(positive(w.size_ms, "size_ms")); break;
    case WindowKind::hopping:
      TRIB_RETURN_IF_ERROR(positive(w.size_ms, "size_ms"));
      TRIB_RETURN_IF_ERROR(positive(w.advance_ms, "advance_ms"));
      if (w.advance_ms > w.size_ms) return error(ErrorCode::invalid_argument, "advance_ms must not exceed size_ms");
      break;
    case WindowKind::sliding: TRIB_RETURN_IF_ERROR(positive(w.difference_ms, "difference_ms")); break;
    case WindowKind::session: TRIB_RETURN_IF_ERROR(positive(w.gap_ms, "gap_ms")); break;
  }
  if (w.grace_ms < 0) return error(ErrorCode::invalid_argument, "grace_ms must not be negative");
  for (const auto& k : spec.key) {
    auto i = input.index_of(k);
    if (!i) return error(ErrorCode::invalid_argument, "key: unknown field '" + k + "'");
    op->key_columns_.push_back(*i);
    op->output_schema_.add(input.field(*i));
  }
  auto t = input.index_of(spec.time_field);
  if (!t) return error(ErrorCode::invalid_argument, "time_field: unknown field '" + spec.time_field + "'");
  const DataType tt = input.field(*t).type;
  if (tt != DataType::int64 && tt != DataType::timestamp) {
    return error(ErrorCode::invalid_argument, "time_field: '" + spec.time_field + "' must be a timestamp or int64");
  }
  op->time_column_ = *t;
  TRIB_ASSIGN_OR_RETURN(op->aggregates_, bind_aggregates(spec.aggregates, input));
  op->output_schema_.add({"window_start", DataType::int64});
  op->output_schema_.add({"window_end", DataType::int64});
  for (const auto& a : op->aggregates_) op->output_schema_.add({a.spec.as, a.output_type});
  op->with_retract_ = spec.emit_mode == EmitMode::update && w.kind == WindowKind::session;
  if (op->with_retract_) op->output_schema_.add({"retract", DataType::boolean});
  op->pending_updates_ = Batch(op->output_schema_);
  return op;
}

std::int64_t WindowedAggregate::close_time(const Window& w) const {
  const WindowSpec& s = spec_.window;
  switch (s.kind) {
    case WindowKind::tumbling:
    case WindowKind::hopping: return w.end + s.grace_ms;
    case WindowKind::sliding: return w.end + s.grace_ms + 1;
    case WindowKind::session: return w.end + s.gap_ms + s.grace_ms + 1;
  }
  return w.end;
}

WindowedAggregate::Window& WindowedAggregate::open_window(const std::string& key, KeyState& ks, std::int64_t start,
                                                          std::int64_t end) {
  auto [it, inserted] = ks.windows.try_emplace(start);
  Window& w = it->second;
  if (inserted) {
    w.start = start;
    w.end = end;
    w.aggs.resize(aggregates_.size());
    closing_.emplace(close_time(w), start, key);
    ++open_windows_;
  }
  mark_dirty(key, w);
  return w;
}

void WindowedAggregate::add_to(Window& w, const std::vector<Value>& values, std::int64_t time) {
  for (std::size_t a = 0; a < aggregates_.size(); ++a) aggregates_[a].add(w.aggs[a], values[a], time);
  w.changed = true;
}

void WindowedAggregate::emit_row(const KeyState& ks, const Window& w, Batch& out, bool retract) const {
  std::size_t c = 0;
  for (const auto& k : ks.key) append_value(out.column(c++), k);
  out.column(c++).append_int(w.start);
  out.column(c++).append_int(w.end);
  for (std::size_t a = 0; a < aggregates_.size(); ++a) aggregates_[a].append_result(w.aggs[a], out.column(c++));
  if (with_retract_) out.column(c++).append_bool(retract);
}

void WindowedAggregate::remove_window(const std::string& key, KeyState& ks, std::int64_t start, Batch* retractions) {
  auto it = ks.windows.find(start);
  if (it == ks.windows.end()) return;
  closing_.erase({close_time(it->second), start, key});
  if (retractions && it->second.emitted) emit_row(ks, it->second, *retractions, true);
  removed_.emplace_back(key, start);
  ks.windows.erase(it);
  --open_windows_;
}

void WindowedAggregate::close_windows(Batch& out) {
  while (!closing_.empty() && is_closed(std::get<0>(*closing_.begin()))) {
    const auto [close, start, key] = *closing_.begin();
    closing_.erase(closing_.begin());
    auto ks_it = keys_.find(key);
    KeyState& ks = ks_it->second;
    auto it = ks.windows.find(start);
    if (spec_.window.kind == WindowKind::session) {
      ks.closed_end = std::max(ks.closed_end, it->second.end);
      dirty_closed_.insert(key);
    }
    if (spec_.emit_mode == EmitMode::final) emit_row(ks, it->second, out, false);
    else if (it->second.changed) emit_row(ks, it->second, pending_updates_, false);
    removed_.emplace_back(key, start);
    ks.windows.erase(it);
    --open_windows_;
    // A key with nothing open and nothing to remember goes (sessions remember closed_end).
    if (ks.windows.empty() && ks.retained.empty() && spec_.window.kind != WindowKind::session) keys_.erase(ks_it);
  }
}

void WindowedAggregate::prune_retained(const std::string& key, KeyState& ks) {
  // Sliding windows are built from recent records; older ones can no longer matter.
  const WindowSpec& s = spec_.window;
  const std::int64_t horizon = stream_time_ - 2 * s.difference_ms - s.grace_ms - 2;
  const auto keep = ks.retained.lower_bound(horizon);
  if (keep == ks.retained.begin()) return;
  ks.retained.erase(ks.retained.begin(), keep);
  dirty_retained_.insert(key);
}

bool WindowedAggregate::fixed_windows(const std::string& key, KeyState& ks, const std::vector<Value>& v,
                                      std::int64_t t) {
  const WindowSpec& s = spec_.window;
  const std::int64_t advance = s.kind == WindowKind::tumbling ? s.size_ms : s.advance_ms;
  bool late = false;
  // Every window [start, start + size) with start a multiple of advance, start <= t, start >= 0.
  for (std::int64_t start = floor_to(t, advance); start > t - s.size_ms && start >= 0; start -= advance) {
    const std::int64_t end = start + s.size_ms;
    if (is_closed(end + s.grace_ms)) {
      late = true;
      continue;
    }
    add_to(open_window(key, ks, start, end), v, t);
  }
  return late;
}

bool WindowedAggregate::sliding_windows(const std::string& key, KeyState& ks, const std::vector<Value>& v,
                                        std::int64_t t) {
  const std::int64_t d = spec_.window.difference_ms;
  const std::int64_t grace = spec_.window.grace_ms;
  prune_retained(key, ks);
  auto& records = ks.retained;
  // A new window holds every retained record in its bounds (the current one is added after).
  auto create = [&](std::int64_t start) {
    const std::int64_t end = start + d;
    if (ks.windows.count(start) || is_closed(end + grace + 1)) return;
    Window& w = open_window(key, ks, start, end);
    for (auto it = records.lower_bound(start); it != records.end() && it->first <= end; ++it) {
      add_to(w, it->second.values, it->first);
    }
  };
  // Its left window; records earlier than d share [0, d] (no negative starts).
  const std::int64_t left = t >= d ? t - d : 0;
  const bool late = is_closed(left + d + grace + 1);
  create(left);
  // Its right window, when a record already seen lies in (t, t + d].
  auto after = records.upper_bound(t);
  if (after != records.end() && after->first <= t + d) create(t + 1);
  // The right windows of earlier records that this one now falls into.
  for (auto it = records.lower_bound(t - d); it != records.end() && it->first < t; ++it) create(it->first + 1);
  // Then the record joins every open window that contains it.
  for (auto it = ks.windows.lower_bound(t - d); it != ks.windows.end() && it->first <= t; ++it) {
    if (it->second.end >= t) {
      mark_dirty(key, it->second);
      add_to(it->second, v, t);
    }
  }
  records.emplace(t, Retained{t, v});
  dirty_retained_.insert(key);
  return late;
}

bool WindowedAggregate::session_window(const std::string& key, KeyState& ks, const std::vector<Value>& v,
                                       std::int64_t t) {
  const std::int64_t gap = spec_.window.gap_ms;
  // Sessions of this key that [t, t] touches: end >= t - gap and start <= t + gap.
  std::vector<std::int64_t> touched;
  std::int64_t start = t, end = t;
  auto it = ks.windows.upper_bound(t + gap);
  while (it != ks.windows.begin()) {
    --it;
    if (it->second.end < t - gap) break;  // sessions of a key never overlap: earlier ones end earlier
    touched.push_back(it->first);
    start = std::min(start, it->second.start);
    end = std::max(end, it->second.end);
  }
  std::reverse(touched.begin(), touched.end());  // oldest first
  if (touched.empty()) {
    if (is_closed(t + gap + spec_.window.grace_ms + 1)) return true;  // its own session is closed
    if (ks.closed_end != INT64_MIN && t <= ks.closed_end + gap) return true;  // joins an emitted one
  }
  std::vector<AggState> merged(aggregates_.size());
  for (std::int64_t s : touched) {
    const Window& w = ks.windows.at(s);
    for (std::size_t a = 0; a < aggregates_.size(); ++a) aggregates_[a].merge(merged[a], w.aggs[a]);
  }
  // A session whose bounds change is a new window: the old one goes (retracted if emitted).
  for (std::int64_t s : touched) remove_window(key, ks, s, spec_.emit_mode == EmitMode::update ? &pending_updates_ : nullptr);
  Window& w = open_window(key, ks, start, end);
  w.aggs = std::move(merged);
  add_to(w, v, t);
  return false;
}

void WindowedAggregate::process(const Batch& input, Batch& out, std::vector<LateRecord>& late) {
  const std::size_t rows = input.num_rows();
  const Column& time = input.column(time_column_);
  const Column* single_string_key =
      key_columns_.size() == 1 && input.column(key_columns_[0]).type() == DataType::string ? &input.column(key_columns_[0])
                                                                                          : nullptr;
  std::vector<Value> values(aggregates_.size());
  std::string key;
  for (std::size_t r = 0; r < rows; ++r) {
    if (time.is_null(r)) {
      late.push_back({r, INT64_MIN});  // no event time: cannot be placed in any window
      ++late_count_;
      continue;
    }
    const std::int64_t t = time.ints()[r];
    stream_time_ = std::max(stream_time_, t);
    key.clear();
    if (single_string_key && !single_string_key->is_null(r)) {
      // One string key: its bytes behind a tag are unique already, and no Value is built.
      key += '4';
      key += single_string_key->string_at(r);
    } else {
      for (std::size_t k : key_columns_) encode_key_part(key, value_at(input.column(k), r));
    }
    auto [ks_it, new_key] = keys_.try_emplace(key);
    KeyState& ks = ks_it->second;
    if (new_key) {
      for (std::size_t k : key_columns_) ks.key.push_back(value_at(input.column(k), r));
    }
    for (std::size_t a = 0; a < aggregates_.size(); ++a) {
      values[a] = aggregates_[a].input >= 0 ? value_at(input.column(static_cast<std::size_t>(aggregates_[a].input)), r)
                                            : Value{};
    }
    bool was_late = false;
    switch (spec_.window.kind) {
      case WindowKind::tumbling:
      case WindowKind::hopping: was_late = fixed_windows(key, ks, values, t); break;
      case WindowKind::sliding: was_late = sliding_windows(key, ks, values, t); break;
      case WindowKind::session: was_late = session_window(key, ks, values, t); break;
    }
    if (was_late) {
      late.push_back({r, t});
      ++late_count_;
      if (new_key && ks.windows.empty() && ks.retained.empty() && ks.closed_end == INT64_MIN) keys_.erase(ks_it);
    }
    close_windows(out);
  }
}

void WindowedAggregate::end_batch(Batch& out) {
  if (spec_.emit_mode != EmitMode::update) return;
  auto append_all = [&](const Batch& from) {
    for (std::size_t r = 0; r < from.num_rows(); ++r) {
      for (std::size_t c = 0; c < from.num_columns(); ++c) out.column(c).append_from(from.column(c), r);
    }
  };
  append_all(pending_updates_);
  pending_updates_ = Batch(output_schema_);
  // Hash order is arbitrary: emit changed windows by (key, start) so output is reproducible.
  std::vector<std::tuple<const std::string*, KeyState*, Window*>> changed;
  for (auto& [key, ks] : keys_) {
    for (auto& [start, w] : ks.windows) {
      if (w.changed) changed.emplace_back(&key, &ks, &w);
    }
  }
  std::sort(changed.begin(), changed.end(), [](const auto& a, const auto& b) {
    return std::tie(*std::get<0>(a), std::get<2>(a)->start) < std::tie(*std::get<0>(b), std::get<2>(b)->start);
  });
  for (auto& [key, ks, w] : changed) {
    emit_row(*ks, *w, out, false);
    w->changed = false;
    w->emitted = true;
  }
}

void WindowedAggregate::finish(Batch& out) {
  stream_time_ = std::numeric_limits<std::int64_t>::max();
  close_windows(out);
  end_batch(out);
}

// --- checkpointing ---------------------------------------------------------------------------
namespace {

std::string state_key(char kind, std::string_view key, std::int64_t start = 0) {
  ByteWriter w;
  w.bytes(std::string_view(&kind, 1));
  w.bytes(key);
  w.varint(start);
  return w.take();
}

}  // namespace

void WindowedAggregate::save_changes(const std::string& op, StateChanges& out) {
  for (const auto& id : removed_) out.erase.emplace_back(op, state_key('w', id.first, id.second));
  for (const auto& [key, start] : dirty_) {
    auto ks = keys_.find(key);
    if (ks == keys_.end()) continue;
    auto found = ks->second.windows.find(start);
    if (found == ks->second.windows.end() || !found->second.dirty) continue;  // closed since, or listed twice
    Window& win = found->second;
    win.dirty = false;
    ByteWriter w;
    write_values(w, ks->second.key);
    w.varint(win.start);
    w.varint(win.end);
    w.varint(win.changed);
    w.varint(win.emitted);
    for (const auto& a : win.aggs) write_agg_state(w, a);
    out.put.emplace_back(op, state_key('w', key, start), w.take());
  }
  for (const auto& key : dirty_retained_) {
    auto it = keys_.find(key);
    if (it == keys_.end() || it->second.retained.empty()) {
      out.erase.emplace_back(op, state_key('r', key));
      continue;
    }
    ByteWriter w;
    write_values(w, it->second.key);
    w.varint(static_cast<std::int64_t>(it->second.retained.size()));
    for (const auto& [t, rec] : it->second.retained) {
      w.varint(t);
      write_values(w, rec.values);
    }
    out.put.emplace_back(op, state_key('r', key), w.take());
  }
  for (const auto& key : dirty_closed_) {
    auto it = keys_.find(key);
    if (it == keys_.end()) continue;
    ByteWriter w;
    write_values(w, it->second.key);
    w.varint(it->second.closed_end);
    out.put.emplace_back(op, state_key('c', key), w.take());
  }
  ByteWriter meta;
  meta.varint(stream_time_);
  meta.varint(static_cast<std::int64_t>(late_count_));
  out.put.emplace_back(op, state_key('m', ""), meta.take());
  dirty_.clear();
  removed_.clear();
  dirty_retained_.clear();
  dirty_closed_.clear();
}

Status WindowedAggregate::restore(std::string_view key, std::string_view value) {
  ByteReader k(key);
  const std::string_view kind = k.bytes();
  const std::string name(k.bytes());
  const std::int64_t start = k.varint();
  ByteReader r(value);
  if (!k.ok() || kind.size() != 1) return error(ErrorCode::corrupt, "bad window state key");
  switch (kind[0]) {
    case 'm':
      stream_time_ = r.varint();
      late_count_ = static_cast<std::uint64_t>(r.varint());
      break;
    case 'c': {
      KeyState& ks = keys_[name];
      ks.key = read_values(r);
      ks.closed_end = r.varint();
      break;
    }
    case 'r': {
      KeyState& ks = keys_[name];
      ks.key = read_values(r);
      for (std::int64_t n = r.varint(); n > 0 && r.ok(); --n) {
        const std::int64_t t = r.varint();
        ks.retained.emplace(t, Retained{t, read_values(r)});
      }
      break;
    }
    case 'w': {
      KeyState& ks = keys_[name];
      ks.key = read_values(r);
      Window w;
      w.start = r.varint();
      w.end = r.varint();
      w.changed = r.varint() != 0;
      w.emitted = r.varint() != 0;
      w.aggs.resize(aggregates_.size());
      for (auto& a : w.aggs) read_agg_state(r, a);
      if (start != w.start) return error(ErrorCode::corrupt, "window state key and value disagree");
      closing_.emplace(close_time(w), w.start, name);
      ks.windows.emplace(w.start, std::move(w));
      ++open_windows_;
      break;
    }
    default: return error(ErrorCode::corrupt, "unknown window state row");
  }
  if (!r.ok()) return error(ErrorCode::corrupt, "truncated window state");
  return {};
}

}  // namespace tributary::stream
