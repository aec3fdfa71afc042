// The windowed stream-stream join (operator.h, make_stream_join). Both inputs are buffered
// per key in event-time order; a pair is recorded on the left record the moment its second
// half arrives, and a left record goes out with its pairs when no record still to come can
// join it. Which records are late depends only on each input's own stream time, so the
// output does not depend on how the two inputs' batches interleave.
#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/serialization.h"
#include "stream/aggregate.h"
#include "stream/operator.h"
#include "stream/row_key.h"
#include "stream/state_codec.h"

namespace tributary::stream {
namespace {

using Position =
    std::pair<std::int64_t, std::uint64_t>;  // (event time, arrival number in its input)

std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return b > 0 ? INT64_MIN : INT64_MAX;
  return r;
}
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
  return r;
}

// Checkpoint keys sort by side, then time, then arrival.
std::string record_key(char side, Position p) {
  std::string k(1, side);
  const auto t = static_cast<std::uint64_t>(p.first) ^ (std::uint64_t{1} << 63);
  for (int i = 7; i >= 0; --i) k += static_cast<char>(t >> (8 * i));
  for (int i = 7; i >= 0; --i) k += static_cast<char>(p.second >> (8 * i));
  return k;
}
Position parse_record_key(std::string_view k) {
  std::uint64_t t = 0, s = 0;
  for (int i = 0; i < 8; ++i) t = (t << 8) | static_cast<std::uint8_t>(k[1 + i]);
  for (int i = 0; i < 8; ++i) s = (s << 8) | static_cast<std::uint8_t>(k[9 + i]);
  return {static_cast<std::int64_t>(t ^ (std::uint64_t{1} << 63)), s};
}

class StreamJoin final : public MergeOperator {
 public:
  static Result<std::unique_ptr<MergeOperator>> create(const StreamJoinSpec& spec,
                                                       const std::vector<Schema>& inputs) {
    if (inputs.size() != 2)
      return error(ErrorCode::invalid_argument, "a join has exactly two inputs, left and right");
    if (spec.before_ms < 0 || spec.after_ms < 0 || spec.grace_ms < 0) {
      return error(ErrorCode::invalid_argument,
                   "before_ms, after_ms and grace_ms must not be negative");
    }
    std::unique_ptr<StreamJoin> j(new StreamJoin());
    j->spec_ = spec;
    j->left_schema_ = inputs[0];
    TRIB_ASSIGN_OR_RETURN(j->left_key_, RowKey::bind(spec.left_key, inputs[0], "left_key"));
    TRIB_ASSIGN_OR_RETURN(j->right_key_, RowKey::bind(spec.right_key, inputs[1], "right_key"));
    TRIB_RETURN_IF_ERROR(
        RowKey::check_comparable(j->left_key_, inputs[0], j->right_key_, inputs[1]));
    TRIB_ASSIGN_OR_RETURN(j->time_[0],
                          time_column(spec.left_time_field, inputs[0], "left_time_field"));
    TRIB_ASSIGN_OR_RETURN(j->time_[1],
                          time_column(spec.right_time_field, inputs[1], "right_time_field"));
    j->schema_ = joined_schema(inputs[0], inputs[1], j->right_key_, j->right_columns_);
    return std::unique_ptr<MergeOperator>(std::move(j));
  }

  const Schema& output_schema() const override { return schema_; }

  void process(std::size_t side, const Batch& in, Batch& out,
               std::vector<Rejected>& rejected) override {
    const Column& time = in.column(time_[side]);
    std::string key;
    for (std::size_t r = 0; r < in.num_rows(); ++r) {
      if (time.is_null(r)) {
        rejected.push_back({r, "no event time"});
        continue;
      }
      const std::int64_t t = time.ints()[r];
      stream_time_[side] = std::max(stream_time_[side], t);
      state_dirty_ = true;
      const std::int64_t reach = side == 0 ? spec_.after_ms : spec_.before_ms;
      if (saturating_add(saturating_add(t, reach), spec_.grace_ms) < stream_time_[side]) {
        rejected.push_back({r, "late"});
        continue;
      }
      const bool has_key = (side == 0 ? left_key_ : right_key_).encode(in, r, key);
      if (!has_key && (side == 1 || spec_.type == JoinType::inner))
        continue;  // a null key joins nothing
      const Position at{t, next_seq_[side]++};
      if (side == 0) {
        add_left(at, has_key ? key : std::string(), has_key, row_values(in, r, nullptr));
      } else {
        add_right(at, key, row_values(in, r, &right_columns_));
      }
    }
    emit_closed(out, false);
  }

  void finish(Batch& out) override { emit_closed(out, true); }

  void save_changes(const std::string& op, StateChanges& out) override {
    for (const auto& [side, p] : removed_) out.erase.emplace_back(op, record_key(side, p));
    removed_.clear();
    for (const auto& [side, p] : dirty_) {
      ByteWriter w;
      if (side == 'L') {
        const Left& l = left_.at(p);
        w.varint(l.has_key);
        w.bytes(l.key);
        write_values(w, l.values);
        w.varint(static_cast<std::int64_t>(l.matches.size()));
        for (const auto& [rp, values] : l.matches) {
          w.varint(rp.first);
          w.varint(static_cast<std::int64_t>(rp.second));
          write_values(w, values);
        }
      } else {
        const Right& rr = right_.at(p);
        w.bytes(rr.key);
        write_values(w, rr.values);
      }
      out.put.emplace_back(op, record_key(side, p), w.take());
    }
    dirty_.clear();
    if (state_dirty_) {
      ByteWriter w;
      for (int s = 0; s < 2; ++s) {
        w.varint(stream_time_[s]);
        w.varint(static_cast<std::int64_t>(next_seq_[s]));
      }
      out.put.emplace_back(op, "time", w.take());
      state_dirty_ = false;
    }
  }

  Status restore(std::string_view key, std::string_view value) override {
    ByteReader r(value);
    if (key == "time") {
      for (int s = 0; s < 2; ++s) {
        stream_time_[s] = r.varint();
        next_seq_[s] = static_cast<std::uint64_t>(r.varint());
      }
    } else if (key.size() == 17 && key[0] == 'L') {
      Left l;
      l.has_key = r.varint() != 0;
      l.key = std::string(r.bytes());
      l.values = read_values(r);
      const std::int64_t n = r.varint();
      for (std::int64_t i = 0; r.ok() && i < n; ++i) {
        Position rp;
        rp.first = r.varint();
        rp.second = static_cast<std::uint64_t>(r.varint());
        l.matches.emplace_back(rp, read_values(r));
      }
      const Position p = parse_record_key(key);
      if (l.has_key) left_by_key_[l.key].insert(p);
      left_.emplace(p, std::move(l));
    } else if (key.size() == 17 && key[0] == 'R') {
      Right rr;
      rr.key = std::string(r.bytes());
      rr.values = read_values(r);
      const Position p = parse_record_key(key);
      right_by_key_[rr.key].insert(p);
      right_.emplace(p, std::move(rr));
    } else {
      return error(ErrorCode::corrupt, "join state: unknown row");
    }
    if (!r.ok() || !r.at_end())
      return error(ErrorCode::corrupt, "join state: a row does not decode");
    return {};
  }

 private:
  struct Left {
    bool has_key = true;
    std::string key;
    std::vector<Value> values;                                     // every left field
    std::vector<std::pair<Position, std::vector<Value>>> matches;  // right records joined
  };
  struct Right {
    std::string key;
    std::vector<Value> values;  // the right fields of the output
  };

  StreamJoin() = default;

  static Result<std::size_t> time_column(const std::string& field, const Schema& s,
                                         const char* what) {
    const auto at = s.index_of(field);
    if (!at)
      return error(ErrorCode::invalid_argument,
                   std::string(what) + ": unknown field '" + field + "'");
    const DataType t = s.field(*at).type;
    if (t != DataType::int64 && t != DataType::timestamp) {
      return error(ErrorCode::invalid_argument, std::string(what) + ": '" + field + "' is " +
                                                    type_name(t) + ", not a timestamp or int64");
    }
    return *at;
  }

  static std::vector<Value> row_values(const Batch& in, std::size_t r,
                                       const std::vector<std::size_t>* columns) {
    std::vector<Value> v;
    if (columns) {
      for (std::size_t c : *columns) v.push_back(value_at(in.column(c), r));
    } else {
      for (std::size_t c = 0; c < in.num_columns(); ++c) v.push_back(value_at(in.column(c), r));
    }
    return v;
  }

  void add_left(Position at, std::string key, bool has_key, std::vector<Value> values) {
    Left l{has_key, std::move(key), std::move(values), {}};
    if (has_key) {
      // Right records with L.ts - before <= R.ts <= L.ts + after.
      if (auto it = right_by_key_.find(l.key); it != right_by_key_.end()) {
        const auto& set = it->second;
        const std::int64_t hi = saturating_add(at.first, spec_.after_ms);
        for (auto p = set.lower_bound({saturating_sub(at.first, spec_.before_ms), 0});
             p != set.end() && p->first <= hi; ++p) {
          l.matches.emplace_back(*p, right_.at(*p).values);
        }
      }
      left_by_key_[l.key].insert(at);
    }
    left_.emplace(at, std::move(l));
    dirty_.insert({'L', at});
  }

  void add_right(Position at, const std::string& key, std::vector<Value> values) {
    // Left records with R.ts - after <= L.ts <= R.ts + before.
    if (auto it = left_by_key_.find(key); it != left_by_key_.end()) {
      const auto& set = it->second;
      const std::int64_t hi = saturating_add(at.first, spec_.before_ms);
      for (auto p = set.lower_bound({saturating_sub(at.first, spec_.after_ms), 0});
           p != set.end() && p->first <= hi; ++p) {
        left_.at(*p).matches.emplace_back(at, values);
        dirty_.insert({'L', *p});
      }
    }
    right_by_key_[key].insert(at);
    right_.emplace(at, Right{key, std::move(values)});
    dirty_.insert({'R', at});
  }

  void forget(char side, Position p) {
    dirty_.erase({side, p});
    removed_.insert({side, p});
  }

  // Emits, in (time, arrival) order, the left records that no future record can join: every
  // future left record is at least left stream time - after - grace (or it is late), every
  // future right record at least right stream time - before - grace.
  void emit_closed(Batch& out, bool everything) {
    const std::int64_t left_floor =
        saturating_sub(saturating_sub(stream_time_[0], spec_.after_ms), spec_.grace_ms);
    const std::int64_t right_floor =
        saturating_sub(saturating_sub(stream_time_[1], spec_.before_ms), spec_.grace_ms);
    const std::int64_t emit_below =
        std::min(left_floor, saturating_sub(right_floor, spec_.after_ms));
    while (!left_.empty() && (everything || left_.begin()->first.first < emit_below)) {
      auto node = left_.extract(left_.begin());
      Left& l = node.mapped();
      std::sort(l.matches.begin(), l.matches.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& m : l.matches) append_row(out, l.values, &m.second);
      if (l.matches.empty() && spec_.type == JoinType::left) append_row(out, l.values, nullptr);
      if (l.has_key) erase_index(left_by_key_, l.key, node.key());
      forget('L', node.key());
    }
    // A right record is needed while a future left record can join it: L.ts <= R.ts + before.
    const std::int64_t keep_from = saturating_sub(left_floor, spec_.before_ms);
    while (!right_.empty() && (everything || right_.begin()->first.first < keep_from)) {
      auto it = right_.begin();
      erase_index(right_by_key_, it->second.key, it->first);
      forget('R', it->first);
      right_.erase(it);
    }
  }

  static void erase_index(absl::flat_hash_map<std::string, std::set<Position>>& index,
                          const std::string& key, Position p) {
    auto it = index.find(key);
    if (it == index.end()) return;
    it->second.erase(p);
    if (it->second.empty()) index.erase(it);
  }

  void append_row(Batch& out, const std::vector<Value>& left,
                  const std::vector<Value>* right) const {
    std::size_t c = 0;
    for (const auto& v : left) append_value(out.column(c++), v);
    for (std::size_t i = 0; i < right_columns_.size(); ++i) {
      right ? append_value(out.column(c++), (*right)[i]) : out.column(c++).append_null();
    }
  }

  StreamJoinSpec spec_;
  Schema left_schema_, schema_;
  RowKey left_key_, right_key_;
  std::size_t time_[2] = {0, 0};
  std::vector<std::size_t> right_columns_;

  std::int64_t stream_time_[2] = {INT64_MIN, INT64_MIN};
  std::uint64_t next_seq_[2] = {0, 0};
  std::map<Position, Left> left_;    // in emission order
  std::map<Position, Right> right_;  // in eviction order
  absl::flat_hash_map<std::string, std::set<Position>> left_by_key_, right_by_key_;
  // Since the last save_changes(): records put or changed, records gone.
  std::set<std::pair<char, Position>> dirty_, removed_;
  bool state_dirty_ = false;
};

}  // namespace

Result<std::unique_ptr<MergeOperator>> make_stream_join(const StreamJoinSpec& spec,
                                                        const std::vector<Schema>& inputs) {
  return StreamJoin::create(spec, inputs);
}

}  // namespace tributary::stream
