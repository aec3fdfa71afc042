// transform.aggregate: running aggregates per key over all input so far (no window).
#include <map>
#include <set>

#include "core/serialization.h"
#include "stream/aggregate.h"
#include "stream/operator.h"
#include "stream/state_codec.h"
#include "stream/windowed_aggregate.h"

namespace tributary::stream {
namespace {

class RunningAggregate final : public Operator {
 public:
  static Result<std::unique_ptr<Operator>> create(const std::vector<std::string>& key_fields,
                                                  const std::vector<AggregateSpec>& specs, EmitMode mode,
                                                  const Schema& input) {
    std::unique_ptr<RunningAggregate> op(new RunningAggregate());
    op->mode_ = mode;
    for (const auto& k : key_fields) {
      auto i = input.index_of(k);
      if (!i) return error(ErrorCode::invalid_argument, "key: unknown field '" + k + "'");
      op->key_columns_.push_back(*i);
      op->schema_.add(input.field(*i));
    }
    TRIB_ASSIGN_OR_RETURN(op->aggregates_, bind_aggregates(specs, input));
    for (const auto& a : op->aggregates_) {
      if (op->schema_.index_of(a.spec.as)) {
        return error(ErrorCode::invalid_argument, "aggregates: output field '" + a.spec.as + "' is also a key field or another aggregate");
      }
      op->schema_.add({a.spec.as, a.output_type});
    }
    return std::unique_ptr<Operator>(std::move(op));
  }

  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch&, std::vector<Rejected>&) override {
    std::vector<Value> values(aggregates_.size());
    std::string key;
    for (std::size_t r = 0; r < in.num_rows(); ++r) {
      key.clear();
      for (std::size_t k : key_columns_) encode_key_part(key, value_at(in.column(k), r));
      auto [it, inserted] = groups_.try_emplace(key);
      Group& g = it->second;
      if (inserted) {
        for (std::size_t k : key_columns_) g.key.push_back(value_at(in.column(k), r));
        g.aggs.resize(aggregates_.size());
      }
      // first/last need an order; with no window there is no event time, so arrival order.
      const std::int64_t order = sequence_++;
      for (std::size_t a = 0; a < aggregates_.size(); ++a) {
        const int column = aggregates_[a].input;
        aggregates_[a].add(g.aggs[a], column >= 0 ? value_at(in.column(static_cast<std::size_t>(column)), r) : Value{}, order);
      }
      dirty_.insert(key);
      if (mode_ == EmitMode::update) unemitted_.insert(key);
    }
    sequence_dirty_ = sequence_dirty_ || in.num_rows() > 0;
  }

  void end_batch(Batch& out) override {
    for (const auto& key : unemitted_) {
      emit_row(groups_.at(key), out);
      dirty_.insert(key);  // its saved "unemitted" flag changes
    }
    unemitted_.clear();
  }

  void finish(Batch& out) override {
    if (mode_ != EmitMode::final) return;
    for (const auto& [key, g] : groups_) emit_row(g, out);
  }

  void save_changes(const std::string& op, StateChanges& out) override {
    for (const auto& key : dirty_) {
      const Group& g = groups_.at(key);
      ByteWriter w;
      write_values(w, g.key);
      w.varint(unemitted_.count(key));
      for (const auto& a : g.aggs) write_agg_state(w, a);
      out.put.emplace_back(op, "g" + key, w.take());
    }
    if (sequence_dirty_) {
      ByteWriter w;
      w.varint(sequence_);
      out.put.emplace_back(op, "m", w.take());
    }
    dirty_.clear();
    sequence_dirty_ = false;
  }

  Status restore(std::string_view key, std::string_view value) override {
    ByteReader r(value);
    if (key == "m") {
      sequence_ = r.varint();
    } else if (!key.empty() && key[0] == 'g') {
      Group g;
      g.key = read_values(r);
      const bool unemitted = r.varint() != 0;
      g.aggs.resize(aggregates_.size());
      for (auto& a : g.aggs) read_agg_state(r, a);
      if (g.key.size() != key_columns_.size()) return error(ErrorCode::corrupt, "aggregate state has the wrong key");
      std::string name(key.substr(1));
      if (unemitted) unemitted_.insert(name);
      groups_[std::move(name)] = std::move(g);
    } else {
      return error(ErrorCode::corrupt, "unknown aggregate state row");
    }
    if (!r.ok() || !r.at_end()) return error(ErrorCode::corrupt, "truncated aggregate state");
    return {};
  }

 private:
  struct Group {
    std::vector<Value> key;
    std::vector<AggState> aggs;
  };
  RunningAggregate() = default;

  void emit_row(const Group& g, Batch& out) const {
    std::size_t c = 0;
    for (const auto& k : g.key) append_value(out.column(c++), k);
    for (std::size_t a = 0; a < aggregates_.size(); ++a) aggregates_[a].append_result(g.aggs[a], out.column(c++));
  }

  EmitMode mode_ = EmitMode::final;
  std::vector<std::size_t> key_columns_;
  std::vector<BoundAggregate> aggregates_;
  Schema schema_;
  std::map<std::string, Group> groups_;  // by encoded key: emission in a stable order
  std::set<std::string> dirty_;           // groups changed since the last save_changes()
  std::set<std::string> unemitted_;       // update mode: groups changed since the last end_batch()
  std::int64_t sequence_ = 0;             // arrival order of the next record
  bool sequence_dirty_ = false;
};

}  // namespace

Result<std::unique_ptr<Operator>> make_running_aggregate(const std::vector<std::string>& key_fields,
                                                         const std::vector<AggregateSpec>& aggregates, EmitMode mode,
                                                         const Schema& input) {
  return RunningAggregate::create(key_fields, aggregates, mode, input);
}

}  // namespace tributary::stream
