#include "stream/windowed_aggregate.h"

#include <absl/container/flat_hash_set.h>
#include <absl/strings/string_view.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "core/serialization.h"
#include "stream/state_codec.h"

namespace tributary::stream {
namespace {

std::int64_t floor_to(std::int64_t t, std::int64_t step) {
  const std::int64_t r = t % step;
  return r < 0 ? t - r - step : t - r;
}

// One allocation: fixed windows write one of these for every window a batch touches or closes.
std::string state_key(char kind, std::string_view key, std::int64_t start = 0) {
  std::string out(key.size() + 1 + 3 * ByteWriter::kMaxVarint, '\0');
  char* p = ByteWriter::varint_at(out.data(), 1);  // the kind, as ByteWriter::bytes writes it
  *p++ = kind;
  p = ByteWriter::varint_at(p, static_cast<std::int64_t>(key.size()));
  std::memcpy(p, key.data(), key.size());
  p = ByteWriter::varint_at(p + key.size(), start);
  out.resize(static_cast<std::size_t>(p - out.data()));
  return out;
}

}  // namespace

// --- tumbling and hopping windows ------------------------------------------------------------
// Every row hits one or a few windows whose bounds follow from its time alone, so this path
// keeps no per-key ordered maps: keys are interned once to dense ids, windows live in flat
// slot arrays chained per key, and aggregates over numbers are updated straight from the
// column arrays. Rows cost no allocation once their key and window exist.
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// How one aggregate is held in a fixed window. Numbers and bools fit a Cell; the rest
// (strings, first/last, count_distinct) keep a full AggState beside it.
enum class CellKind : std::uint8_t {
  count_rows,
  count_values,
  sum_int,
  sum_double,
  min_int,
  max_int,
  min_double,
  max_double,
  min_bool,
  max_bool,
  generic
};

struct Cell {
  std::int64_t count = 0;
  std::int64_t bits = 0;  // the sum, min or max; doubles by bit pattern, so a Cell is 16 bytes
};

CellKind cell_kind(const BoundAggregate& a) {
  const bool ints = a.input_type == DataType::int64 || a.input_type == DataType::timestamp;
  switch (a.spec.fn) {
    case AggFn::count: return a.input < 0 ? CellKind::count_rows : CellKind::count_values;
    case AggFn::sum:
    case AggFn::avg: return a.input_type == DataType::float64 ? CellKind::sum_double : CellKind::sum_int;
    case AggFn::min:
      if (ints) return CellKind::min_int;
      if (a.input_type == DataType::float64) return CellKind::min_double;
      if (a.input_type == DataType::boolean) return CellKind::min_bool;
      return CellKind::generic;
    case AggFn::max:
      if (ints) return CellKind::max_int;
      if (a.input_type == DataType::float64) return CellKind::max_double;
      if (a.input_type == DataType::boolean) return CellKind::max_bool;
      return CellKind::generic;
    default: return CellKind::generic;
  }
}

// The cell of an AggState read from a 'w' row (see Fixed::restore_legacy).
Cell from_state(CellKind kind, const AggState& s) {
  Cell c;
  c.count = s.count;
  auto number = [](const Value& v) -> std::int64_t {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return std::bit_cast<std::int64_t>(*d);
    if (const auto* b = std::get_if<bool>(&v)) return *b;
    return 0;
  };
  switch (kind) {
    case CellKind::sum_int: c.bits = s.int_sum; break;
    case CellKind::sum_double: c.bits = std::bit_cast<std::int64_t>(s.double_sum); break;
    case CellKind::min_int:
    case CellKind::min_double:
    case CellKind::min_bool: c.bits = number(s.min); break;
    case CellKind::max_int:
    case CellKind::max_double:
    case CellKind::max_bool: c.bits = number(s.max); break;
    default: break;
  }
  return c;
}

// The first 8 bytes, big-endian and zero-padded: comparing two of these agrees with comparing
// the strings whenever they differ.
std::uint64_t order_prefix(std::string_view s) {
  std::uint64_t p = 0;
  for (std::size_t i = 0; i < 8; ++i) p = (p << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  return p;
}

}  // namespace

struct WindowedAggregate::Fixed {
  struct Key {
    std::string enc;            // encoded key: names the state rows and orders emission
    std::uint64_t prefix = 0;   // order_prefix of the key's ordering bytes (see order_bytes)
    std::uint32_t newest = kNone;  // the key's open windows, chained through Win::next
    std::uint32_t open = 0;
    std::uint8_t idle = 0;  // 1: listed in idle_keys; 2: listed and idle at the last save too
    bool live = false;      // false: a free id
  };
  struct Win {
    std::int64_t start = 0;
    std::uint32_t key = kNone;   // kNone: a free slot
    std::uint32_t next = kNone;  // the key's next window, or the next free slot
    bool changed = false;        // since the last update emission
    bool emitted = false;        // an update row went out for it
    bool dirty = false;          // changed since the last checkpoint (listed in dirty)
  };
  // Key ids hash and compare as their lookup bytes, so the set finds them by string_view and
  // each key's bytes are stored once, in keys.
  struct IdHash {
    using is_transparent = void;
    const Fixed* f;
    // absl's own string_view: this absl hashes std::string_view through std::hash, slower.
    std::size_t operator()(std::string_view s) const {
      return absl::Hash<absl::string_view>{}(absl::string_view(s.data(), s.size()));
    }
    std::size_t operator()(std::uint32_t id) const { return (*this)(f->lookup_bytes(id)); }
  };
  struct IdEq {
    using is_transparent = void;
    const Fixed* f;
    bool operator()(std::uint32_t a, std::uint32_t b) const { return a == b; }
    bool operator()(std::uint32_t a, std::string_view b) const { return f->lookup_bytes(a) == b; }
    bool operator()(std::string_view a, std::uint32_t b) const { return a == f->lookup_bytes(b); }
  };

  Fixed(const WindowedAggregate& op)
      : size(op.spec_.window.size_ms),
        advance(op.spec_.window.kind == WindowKind::tumbling ? op.spec_.window.size_ms : op.spec_.window.advance_ms),
        grace(op.spec_.window.grace_ms),
        ids(0, IdHash{this}, IdEq{this}) {
    // One string field: its bytes are the lookup key and no encoding is built per row.
    single_string = op.key_columns_.size() == 1 && op.output_schema_.field(0).type == DataType::string;
    for (const auto& a : op.aggregates_) {
      kinds.push_back(cell_kind(a));
      generic_index.push_back(kinds.back() == CellKind::generic ? n_generic++ : 0);
    }
    columns.resize(kinds.size());
  }
  Fixed(const Fixed&) = delete;
  Fixed& operator=(const Fixed&) = delete;

  std::string_view lookup_bytes(std::uint32_t id) const {
    const std::string_view e = keys[id].enc;
    return single_string ? e.substr(1) : e;
  }

  // A new key id. `enc` is the encoded key: for one string field, a tag and its bytes (the
  // null key is the generic encoding of null, and sorts first); `values` only for other keys.
  std::uint32_t add_key(std::string enc, std::vector<Value> values, bool null_key) {
    std::uint32_t id;
    if (!free_keys.empty()) {
      id = free_keys.back();
      free_keys.pop_back();
    } else {
      id = static_cast<std::uint32_t>(keys.size());
      keys.emplace_back();
    }
    Key& k = keys[id];
    k.live = true;
    k.enc = std::move(enc);
    if (!single_string) {
      if (key_values.size() < keys.size()) key_values.resize(keys.size());
      key_values[id] = std::move(values);
    }
    // Single string keys order by their bytes (after the shared tag); the null key by 0,
    // which ties only with keys that the full comparison then puts after it.
    k.prefix = single_string ? (null_key ? 0 : order_prefix(std::string_view(k.enc).substr(1))) : order_prefix(k.enc);
    if (null_key) null_key_id = id;
    else ids.insert(id);
    ranks_valid = false;
    return id;
  }

  void erase_key(std::uint32_t id) {
    if (id == null_key_id) null_key_id = kNone;
    else ids.erase(id);
    keys[id] = Key{};
    if (!single_string) key_values[id] = {};
    free_keys.push_back(id);
  }

  std::uint32_t key_of(const WindowedAggregate& op, const Batch& in, std::size_t r) {
    if (single_string) {
      const Column& c = in.column(op.key_columns_[0]);
      if (c.is_null(r)) {
        if (null_key_id == kNone) {
          std::string enc;
          encode_key_part(enc, Value{});
          add_key(std::move(enc), {}, true);
        }
        return null_key_id;
      }
      const std::string_view raw = c.string_at(r);
      if (auto it = ids.find(raw); it != ids.end()) return *it;
      std::string enc;
      enc.reserve(raw.size() + 1);
      enc += '4';
      enc += raw;
      return add_key(std::move(enc), {}, false);
    }
    scratch.clear();
    for (std::size_t k : op.key_columns_) encode_key_part(scratch, in.column(k), r);
    if (auto it = ids.find(std::string_view(scratch)); it != ids.end()) return *it;
    std::vector<Value> values;
    for (std::size_t k : op.key_columns_) values.push_back(value_at(in.column(k), r));
    return add_key(scratch, std::move(values), false);
  }

  // A window to emit, with its key's order prefix copied in so that sorting rarely has to
  // look at the keys themselves.
  struct Ordered {
    std::uint64_t prefix;
    std::uint32_t key;
    std::uint32_t win;
  };
  void add_ordered(std::uint32_t w) { order.push_back({keys[wins[w].key].prefix, wins[w].key, w}); }
  bool key_before(const Ordered& a, const Ordered& b) const {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return a.key != b.key && keys[a.key].enc < keys[b.key].enc;
  }

  Cell* cells_of(std::uint32_t w) { return &cells[static_cast<std::size_t>(w) * kinds.size()]; }
  const Cell* cells_of(std::uint32_t w) const { return &cells[static_cast<std::size_t>(w) * kinds.size()]; }
  AggState& generic_of(std::uint32_t w, std::size_t a) {
    return generic[static_cast<std::size_t>(w) * n_generic + generic_index[a]];
  }
  const AggState& generic_of(std::uint32_t w, std::size_t a) const {
    return generic[static_cast<std::size_t>(w) * n_generic + generic_index[a]];
  }

  void key_idle(std::uint32_t k) {
    if (keys[k].idle == 0) {
      keys[k].idle = 1;
      idle_keys.push_back(k);
    }
  }

  void mark_dirty(std::uint32_t w) {
    if (!wins[w].dirty) {
      wins[w].dirty = true;
      dirty.push_back(w);
    }
  }

  // The window of key `k` starting at `start`, opened if it is not.
  std::uint32_t window(WindowedAggregate& op, std::uint32_t k, std::int64_t start) {
    Key& key = keys[k];
    for (std::uint32_t w = key.newest; w != kNone; w = wins[w].next) {
      if (wins[w].start == start) return w;
    }
    std::uint32_t w = free_wins;
    if (w != kNone) {
      free_wins = wins[w].next;
    } else {
      w = static_cast<std::uint32_t>(wins.size());
      wins.emplace_back();
      cells.resize(cells.size() + kinds.size());
      generic.resize(generic.size() + n_generic);
    }
    Win& win = wins[w];
    win = Win{};
    win.start = start;
    win.key = k;
    win.next = key.newest;
    key.newest = w;
    if (key.open++ == 0 && key.idle == 2) key.idle = 1;  // busy again: not swept at the next save
    if (start != cached_start || cached_bucket == nullptr) {
      cached_bucket = &closing[start];
      cached_start = start;
    }
    cached_bucket->push_back(w);
    next_close = std::min(next_close, start + size + grace);
    ++op.open_windows_;
    return w;
  }

  void add(std::uint32_t w, const WindowedAggregate& op, std::size_t r, std::int64_t t) {
    mark_dirty(w);
    wins[w].changed = true;
    Cell* cell = cells_of(w);
    for (std::size_t a = 0; a < kinds.size(); ++a) {
      Cell& c = cell[a];
      if (kinds[a] == CellKind::count_rows) {
        ++c.count;
        continue;
      }
      const Column& col = *columns[a];
      if (col.is_null(r)) continue;
      switch (kinds[a]) {
        case CellKind::count_rows:
        case CellKind::count_values: break;
        case CellKind::sum_int:  // wraps, as BoundAggregate's sum does
          c.bits = static_cast<std::int64_t>(static_cast<std::uint64_t>(c.bits) +
                                             static_cast<std::uint64_t>(col.ints()[r]));
          break;
        case CellKind::sum_double:
          c.bits = std::bit_cast<std::int64_t>(std::bit_cast<double>(c.bits) + col.doubles()[r]);
          break;
        case CellKind::min_int:
          if (c.count == 0 || col.ints()[r] < c.bits) c.bits = col.ints()[r];
          break;
        case CellKind::max_int:
          if (c.count == 0 || c.bits < col.ints()[r]) c.bits = col.ints()[r];
          break;
        case CellKind::min_double:
          if (c.count == 0 || col.doubles()[r] < std::bit_cast<double>(c.bits)) {
            c.bits = std::bit_cast<std::int64_t>(col.doubles()[r]);
          }
          break;
        case CellKind::max_double:
          if (c.count == 0 || std::bit_cast<double>(c.bits) < col.doubles()[r]) {
            c.bits = std::bit_cast<std::int64_t>(col.doubles()[r]);
          }
          break;
        case CellKind::min_bool:
          if (c.count == 0 || (col.bools()[r] != 0) < c.bits) c.bits = col.bools()[r] != 0;
          break;
        case CellKind::max_bool:
          if (c.count == 0 || c.bits < (col.bools()[r] != 0)) c.bits = col.bools()[r] != 0;
          break;
        case CellKind::generic:
          op.aggregates_[a].add(generic_of(w, a), value_at(col, r), t);
          continue;  // the AggState counts for itself
      }
      ++c.count;
    }
  }

  void emit(const WindowedAggregate& op, std::uint32_t w, Batch& out) const {
    const Win& win = wins[w];
    const Key& key = keys[win.key];
    std::size_t c = 0;
    if (single_string) {
      if (win.key == null_key_id) out.column(c++).append_null();
      else out.column(c++).append_string(std::string_view(key.enc).substr(1));
    } else {
      for (const auto& v : key_values[win.key]) append_value(out.column(c++), v);
    }
    out.column(c++).append_int(win.start);
    out.column(c++).append_int(win.start + size);
    const Cell* cell = cells_of(w);
    for (std::size_t a = 0; a < kinds.size(); ++a, ++c) {
      const Cell& v = cell[a];
      Column& col = out.column(c);
      const AggFn fn = op.aggregates_[a].spec.fn;
      const double d = std::bit_cast<double>(v.bits);
      switch (kinds[a]) {
        case CellKind::count_rows:
        case CellKind::count_values: col.append_int(v.count); break;
        case CellKind::sum_int:
          if (v.count == 0) col.append_null();
          else if (fn == AggFn::avg) col.append_double(static_cast<double>(v.bits) / static_cast<double>(v.count));
          else col.append_int(v.bits);
          break;
        case CellKind::sum_double:
          if (v.count == 0) col.append_null();
          else col.append_double(fn == AggFn::avg ? d / static_cast<double>(v.count) : d);
          break;
        case CellKind::min_int:
        case CellKind::max_int:
          if (v.count == 0) col.append_null();
          else col.append_int(v.bits);
          break;
        case CellKind::min_double:
        case CellKind::max_double:
          if (v.count == 0) col.append_null();
          else col.append_double(d);
          break;
        case CellKind::min_bool:
        case CellKind::max_bool:
          if (v.count == 0) col.append_null();
          else col.append_bool(v.bits != 0);
          break;
        case CellKind::generic:
          op.aggregates_[a].append_result(generic_of(w, a), col);
          break;
      }
    }
  }

  void free_window(WindowedAggregate& op, std::uint32_t w) {
    Win& win = wins[w];
    Key& key = keys[win.key];
    std::uint32_t* link = &key.newest;
    while (*link != w) link = &wins[*link].next;
    *link = win.next;
    if (--key.open == 0) key_idle(win.key);
    removed.emplace_back(win.key, win.start);
    for (std::size_t g = 0; g < n_generic; ++g) generic[static_cast<std::size_t>(w) * n_generic + g] = AggState{};
    std::fill_n(cells_of(w), kinds.size(), Cell{});
    win.key = kNone;
    win.dirty = false;
    win.next = free_wins;
    free_wins = w;
    --op.open_windows_;
  }

  // Ranks every live key in emission order. Keys that go keep the order of the rest valid;
  // a new key invalidates it.
  void rank_keys() {
    order.clear();
    for (std::uint32_t k = 0; k < keys.size(); ++k) {
      if (keys[k].live) order.push_back({keys[k].prefix, k, 0});
    }
    std::sort(order.begin(), order.end(), [&](const Ordered& a, const Ordered& b) { return key_before(a, b); });
    rank.resize(keys.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i].key] = i;
    ranked = order.size();
    ranks_valid = true;
  }

  // The windows of one bucket (one start), by key. When the bucket holds a good part of all
  // keys, as when the same keys come back window after window, keys are ranked once and the
  // windows drop into place by rank; otherwise they are sorted.
  void sort_bucket(const std::vector<std::uint32_t>& bucket) {
    std::size_t live = keys.size() - free_keys.size();
    if (!ranks_valid && live <= 4 * bucket.size()) rank_keys();
    if (ranks_valid && ranked <= 8 * bucket.size()) {
      by_rank.assign(ranked, kNone);
      for (std::uint32_t w : bucket) by_rank[rank[wins[w].key]] = w;
      order.clear();
      for (std::uint32_t w : by_rank) {
        if (w != kNone) order.push_back({0, wins[w].key, w});
      }
      return;
    }
    order.clear();
    for (std::uint32_t w : bucket) add_ordered(w);
    std::sort(order.begin(), order.end(), [&](const Ordered& a, const Ordered& b) { return key_before(a, b); });
  }

  // Windows close in order of (close time, start, encoded key); for fixed windows the close
  // time follows the start, so buckets by start, each sorted by key, give that order.
  void close(WindowedAggregate& op, Batch& out) {
    while (!closing.empty() && op.is_closed(closing.begin()->first + size + grace)) {
      auto bucket = closing.begin();
      sort_bucket(bucket->second);
      for (const auto& [prefix, key, w] : order) {
        if (op.spec_.emit_mode == EmitMode::final) emit(op, w, out);
        else if (wins[w].changed) emit(op, w, op.pending_updates_);
        free_window(op, w);
      }
      if (cached_bucket == &bucket->second) cached_bucket = nullptr;
      closing.erase(bucket);
    }
    next_close = closing.empty() ? std::numeric_limits<std::int64_t>::max() : closing.begin()->first + size + grace;
  }

  void process(WindowedAggregate& op, const Batch& in, Batch& out, std::vector<LateRecord>& late) {
    const Column& time = in.column(op.time_column_);
    for (std::size_t a = 0; a < kinds.size(); ++a) {
      const int input = op.aggregates_[a].input;
      columns[a] = input >= 0 ? &in.column(static_cast<std::size_t>(input)) : nullptr;
    }
    const std::size_t rows = in.num_rows();
    for (std::size_t r = 0; r < rows; ++r) {
      if (time.is_null(r)) {
        late.push_back({r, INT64_MIN});  // no event time: cannot be placed in any window
        ++op.late_count_;
        continue;
      }
      const std::int64_t t = time.ints()[r];
      op.stream_time_ = std::max(op.stream_time_, t);
      const std::uint32_t k = key_of(op, in, r);
      bool was_late = false;
      // Every window [start, start + size) with start a multiple of advance, start <= t, start >= 0.
      for (std::int64_t start = floor_to(t, advance); start > t - size && start >= 0; start -= advance) {
        if (op.is_closed(start + size + grace)) {
          was_late = true;
          continue;
        }
        add(window(op, k, start), op, r, t);
      }
      if (was_late) {
        late.push_back({r, t});
        ++op.late_count_;
        if (keys[k].open == 0) key_idle(k);
      }
      if (op.stream_time_ >= next_close) close(op, out);
    }
  }

  // Update mode: the windows changed since the last call, by (key, start).
  void emit_changed(const WindowedAggregate& op, Batch& out) {
    order.clear();
    for (std::uint32_t w = 0; w < wins.size(); ++w) {
      if (wins[w].key != kNone && wins[w].changed) add_ordered(w);
    }
    std::sort(order.begin(), order.end(), [&](const Ordered& a, const Ordered& b) {
      if (a.key != b.key) return key_before(a, b);
      return wins[a.win].start < wins[b.win].start;
    });
    for (const auto& [prefix, key, w] : order) {
      emit(op, w, out);
      wins[w].changed = false;
      wins[w].emitted = true;
    }
  }

  // Checkpoint rows of fixed windows ('f'): the state key holds the encoded key and the
  // start; the value holds the flags, the key fields unless they are one string field (its
  // bytes are in the encoded key), and per aggregate its count and value, or its AggState
  // when it has no cell. About a third of a 'w' row: fewer SQLite pages to rewrite.
  void save(const std::string& name, StateChanges& out) {
    out.erase.reserve(out.erase.size() + legacy_rows.size() + removed.size());
    for (auto& key : legacy_rows) out.erase.emplace_back(name, std::move(key));
    for (const auto& [k, start] : removed) out.erase.emplace_back(name, state_key('f', keys[k].enc, start));
    out.put.reserve(out.put.size() + dirty.size() + 1);
    for (std::uint32_t w : dirty) {
      Win& win = wins[w];
      if (win.key == kNone || !win.dirty) continue;  // closed since, or the slot listed twice
      win.dirty = false;
      ByteWriter v;
      v.reserve(4 + 2 * ByteWriter::kMaxVarint * kinds.size());  // most rows fit: one allocation
      v.varint(static_cast<std::int64_t>(win.changed) | static_cast<std::int64_t>(win.emitted) << 1);
      if (!single_string) write_values(v, key_values[win.key]);
      const Cell* cell = cells_of(w);
      for (std::size_t a = 0; a < kinds.size(); ++a) {
        if (kinds[a] == CellKind::generic) {
          write_agg_state(v, generic_of(w, a));
          continue;
        }
        v.varint(cell[a].count);
        if (kinds[a] != CellKind::count_rows && kinds[a] != CellKind::count_values) v.varint(cell[a].bits);
      }
      out.put.emplace_back(name, state_key('f', keys[win.key].enc, win.start), v.take());
    }
    legacy_rows.clear();
    dirty.clear();
    removed.clear();
    // Keys with no open window go once they stayed so from one checkpoint to the next: keys
    // that come back soon keep their id, and nothing listed above refers to them any more.
    std::size_t kept = 0;
    for (std::uint32_t k : idle_keys) {
      Key& key = keys[k];
      if (key.open > 0) key.idle = 0;
      else if (key.idle == 2) erase_key(k);
      else key.idle = 2, idle_keys[kept++] = k;
    }
    idle_keys.resize(kept);
  }

  std::uint32_t restored_key(std::string_view enc, std::vector<Value> values) {
    if (single_string && (enc.empty() || enc[0] != '4')) {  // the null key
      return null_key_id != kNone ? null_key_id : add_key(std::string(enc), {}, true);
    }
    auto it = ids.find(single_string ? enc.substr(1) : enc);
    return it != ids.end() ? *it : add_key(std::string(enc), std::move(values), false);
  }

  Status restore(WindowedAggregate& op, std::string_view enc, ByteReader& r, std::int64_t start) {
    const std::int64_t flags = r.varint();
    std::vector<Value> values;
    if (!single_string) values = read_values(r);
    if (!r.ok()) return error(ErrorCode::corrupt, "truncated window state");
    const std::uint32_t w = window(op, restored_key(enc, std::move(values)), start);
    wins[w].changed = (flags & 1) != 0;
    wins[w].emitted = (flags & 2) != 0;
    Cell* cell = cells_of(w);
    for (std::size_t a = 0; a < kinds.size(); ++a) {
      if (kinds[a] == CellKind::generic) {
        read_agg_state(r, generic_of(w, a));
        continue;
      }
      cell[a].count = r.varint();
      if (kinds[a] != CellKind::count_rows && kinds[a] != CellKind::count_values) cell[a].bits = r.varint();
    }
    return {};
  }

  // A 'w' row, as windows of every kind were written before fixed windows had 'f' rows: read
  // back, then rewritten as an 'f' row (and the 'w' row erased) at the next save.
  Status restore_legacy(WindowedAggregate& op, std::string_view row_key, std::string_view enc, ByteReader& r,
                        std::int64_t start) {
    std::vector<Value> values = read_values(r);
    const std::int64_t win_start = r.varint();
    r.varint();  // end: start + size
    const bool changed = r.varint() != 0;
    const bool emitted = r.varint() != 0;
    if (!r.ok() || start != win_start) return error(ErrorCode::corrupt, "window state key and value disagree");
    const std::uint32_t w = window(op, restored_key(enc, std::move(values)), start);
    wins[w].changed = changed;
    wins[w].emitted = emitted;
    Cell* cell = cells_of(w);
    for (std::size_t a = 0; a < kinds.size(); ++a) {
      AggState s;
      read_agg_state(r, s);
      if (kinds[a] == CellKind::generic) generic_of(w, a) = std::move(s);
      else cell[a] = from_state(kinds[a], s);
    }
    mark_dirty(w);
    legacy_rows.emplace_back(row_key);
    return {};
  }

  const std::int64_t size, advance, grace;
  bool single_string = false;
  std::vector<CellKind> kinds;              // per aggregate
  std::vector<std::size_t> generic_index;   // per aggregate: its AggState among a window's
  std::size_t n_generic = 0;
  std::vector<const Column*> columns;       // per aggregate: its input in the current batch

  std::vector<Key> keys;
  std::vector<std::vector<Value>> key_values;  // per key id, unless the key is one string field
  std::vector<std::uint32_t> free_keys;
  absl::flat_hash_set<std::uint32_t, IdHash, IdEq> ids;
  std::uint32_t null_key_id = kNone;        // single string key: null, outside `ids`
  std::vector<std::uint32_t> idle_keys;
  std::string scratch;                      // the encoded key of the current row

  std::vector<Win> wins;
  std::vector<Cell> cells;       // kinds.size() per window slot
  std::vector<AggState> generic; // n_generic per window slot
  std::uint32_t free_wins = kNone;
  std::map<std::int64_t, std::vector<std::uint32_t>> closing;  // start -> its windows
  std::vector<std::uint32_t>* cached_bucket = nullptr;          // closing[cached_start]
  std::int64_t cached_start = 0;
  std::int64_t next_close = std::numeric_limits<std::int64_t>::max();
  std::vector<Ordered> order;
  // Emission order of live keys (rank_keys), valid until a key is added.
  std::vector<std::uint32_t> rank;
  std::size_t ranked = 0;
  bool ranks_valid = false;
  std::vector<std::uint32_t> by_rank;

  // Changed since the last save(): window slots, and (key, start) of windows closed.
  std::vector<std::uint32_t> dirty;
  std::vector<std::pair<std::uint32_t, std::int64_t>> removed;
  std::vector<std::string> legacy_rows;  // 'w' rows restored, to erase
};

WindowedAggregate::~WindowedAggregate() = default;

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
  if (w.kind == WindowKind::tumbling || w.kind == WindowKind::hopping) op->fixed_ = std::make_unique<Fixed>(*op);
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
  if (fixed_) return fixed_->process(*this, input, out, late);
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
  if (fixed_) return fixed_->emit_changed(*this, out);
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
  if (fixed_) fixed_->close(*this, out);
  else close_windows(out);
  end_batch(out);
}

// --- checkpointing ---------------------------------------------------------------------------

void WindowedAggregate::save_changes(const std::string& op, StateChanges& out) {
  if (fixed_) fixed_->save(op, out);
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
  if (fixed_ && (kind[0] == 'f' || kind[0] == 'w')) {
    TRIB_RETURN_IF_ERROR(kind[0] == 'f' ? fixed_->restore(*this, name, r, start)
                                        : fixed_->restore_legacy(*this, key, name, r, start));
    if (!r.ok()) return error(ErrorCode::corrupt, "truncated window state");
    return {};
  }
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
