// Aggregate functions of grouped and windowed operators: count, sum, min, max, avg,
// count_distinct, first, last. Nulls are ignored (count without a field counts rows), as in SQL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/column.h"
#include "core/status.h"
#include "core/types.h"

namespace tributary::stream {

enum class AggFn { count, sum, min, max, avg, count_distinct, first, last };
std::optional<AggFn> parse_agg_fn(std::string_view name);

struct AggregateSpec {
  AggFn fn = AggFn::count;
  std::string field;  // empty for count(*)
  std::string as;     // output column name
};

// One value of any engine type; null is monostate.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
Value value_at(const Column& column, std::size_t row);
void append_value(Column& column, const Value& v);
bool value_less(const Value& a, const Value& b);

// The state of one aggregate for one group (or window).
struct AggState {
  std::int64_t count = 0;
  std::int64_t int_sum = 0;
  double double_sum = 0;
  Value min, max;
  std::int64_t first_time = 0, last_time = 0;
  Value first, last;
  std::shared_ptr<std::set<std::string>> distinct;  // shared only between copies of an emitted row
};

// An aggregate bound to its input column and types.
struct BoundAggregate {
  AggregateSpec spec;
  int input = -1;  // column index in the input, -1 for count(*)
  DataType input_type = DataType::null;
  DataType output_type = DataType::int64;

  // Adds one input value (ignored for count(*), where input < 0) seen at event time `time`.
  void add(AggState& s, const Value& v, std::int64_t time) const;
  // Folds `other` (a later or earlier window part) into `s`, e.g. when sessions merge.
  void merge(AggState& s, const AggState& other) const;
  void append_result(const AggState& s, Column& out) const;
};

Result<std::vector<BoundAggregate>> bind_aggregates(const std::vector<AggregateSpec>& specs, const Schema& input);

}  // namespace tributary::stream
