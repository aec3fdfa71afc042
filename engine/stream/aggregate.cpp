#include "stream/aggregate.h"

namespace tributary::stream {

std::optional<AggFn> parse_agg_fn(std::string_view name) {
  if (name == "count") return AggFn::count;
  if (name == "sum") return AggFn::sum;
  if (name == "min") return AggFn::min;
  if (name == "max") return AggFn::max;
  if (name == "avg") return AggFn::avg;
  if (name == "count_distinct") return AggFn::count_distinct;
  if (name == "first") return AggFn::first;
  if (name == "last") return AggFn::last;
  return std::nullopt;
}

Value value_at(const Column& c, std::size_t row) {
  if (c.is_null(row)) return {};
  switch (c.type()) {
    case DataType::boolean: return c.bools()[row] != 0;
    case DataType::int64:
    case DataType::timestamp: return c.ints()[row];
    case DataType::float64: return c.doubles()[row];
    case DataType::string: return std::string(c.string_at(row));
    case DataType::null: return {};
  }
  return {};
}

void append_value(Column& c, const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return c.append_null();
  switch (c.type()) {
    case DataType::boolean: return c.append_bool(std::get<bool>(v));
    case DataType::int64:
    case DataType::timestamp:
      if (const auto* d = std::get_if<double>(&v)) return c.append_int(static_cast<std::int64_t>(*d));
      return c.append_int(std::get<std::int64_t>(v));
    case DataType::float64:
      if (const auto* i = std::get_if<std::int64_t>(&v)) return c.append_double(static_cast<double>(*i));
      return c.append_double(std::get<double>(v));
    case DataType::string: return c.append_string(std::get<std::string>(v));
    case DataType::null: return c.append_null();
  }
}

bool value_less(const Value& a, const Value& b) { return a < b; }

namespace {
std::string distinct_key(const Value& v) {
  switch (v.index()) {
    case 1: return std::get<bool>(v) ? "b1" : "b0";
    case 2: return "i" + std::to_string(std::get<std::int64_t>(v));
    case 3: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "d%.17g", std::get<double>(v));
      return buf;
    }
    case 4: return "s" + std::get<std::string>(v);
  }
  return "n";
}
}  // namespace

void BoundAggregate::add(AggState& s, const Value& v, std::int64_t time) const {
  if (input < 0) {
    ++s.count;
    return;
  }
  if (std::holds_alternative<std::monostate>(v)) return;
  const bool first_value = s.count == 0;
  ++s.count;
  switch (spec.fn) {
    case AggFn::count: break;
    case AggFn::sum:
    case AggFn::avg:
      if (const auto* d = std::get_if<double>(&v)) s.double_sum += *d;
      else s.int_sum = static_cast<std::int64_t>(static_cast<std::uint64_t>(s.int_sum) + static_cast<std::uint64_t>(std::get<std::int64_t>(v)));
      break;
    case AggFn::min:
      if (first_value || value_less(v, s.min)) s.min = v;
      break;
    case AggFn::max:
      if (first_value || value_less(s.max, v)) s.max = v;
      break;
    case AggFn::count_distinct:
      if (!s.distinct) s.distinct = std::make_shared<std::set<std::string>>();
      s.distinct->insert(distinct_key(v));
      break;
    case AggFn::first:
      // Earliest event time wins; on a tie, the record seen first.
      if (first_value || time < s.first_time) s.first = v, s.first_time = time;
      break;
    case AggFn::last:
      if (first_value || time >= s.last_time) s.last = v, s.last_time = time;
      break;
  }
}

void BoundAggregate::merge(AggState& s, const AggState& o) const {
  if (o.count == 0) return;
  if (s.count == 0) {
    s = o;
    if (o.distinct) s.distinct = std::make_shared<std::set<std::string>>(*o.distinct);
    return;
  }
  s.count += o.count;
  s.int_sum = static_cast<std::int64_t>(static_cast<std::uint64_t>(s.int_sum) + static_cast<std::uint64_t>(o.int_sum));
  s.double_sum += o.double_sum;
  if (value_less(o.min, s.min)) s.min = o.min;
  if (value_less(s.max, o.max)) s.max = o.max;
  if (o.first_time < s.first_time) s.first = o.first, s.first_time = o.first_time;
  if (o.last_time >= s.last_time) s.last = o.last, s.last_time = o.last_time;
  if (o.distinct) {
    if (!s.distinct) s.distinct = std::make_shared<std::set<std::string>>();
    s.distinct->insert(o.distinct->begin(), o.distinct->end());
  }
}

void BoundAggregate::append_result(const AggState& s, Column& out) const {
  switch (spec.fn) {
    case AggFn::count: return out.append_int(s.count);
    case AggFn::sum:
      if (s.count == 0) return out.append_null();
      if (output_type == DataType::float64) return out.append_double(s.double_sum);
      return out.append_int(s.int_sum);
    case AggFn::avg:
      if (s.count == 0) return out.append_null();
      return out.append_double((input_type == DataType::float64 ? s.double_sum : static_cast<double>(s.int_sum)) /
                               static_cast<double>(s.count));
    case AggFn::min: return append_value(out, s.count ? s.min : Value{});
    case AggFn::max: return append_value(out, s.count ? s.max : Value{});
    case AggFn::count_distinct: return out.append_int(s.distinct ? static_cast<std::int64_t>(s.distinct->size()) : 0);
    case AggFn::first: return append_value(out, s.count ? s.first : Value{});
    case AggFn::last: return append_value(out, s.count ? s.last : Value{});
  }
}

Result<std::vector<BoundAggregate>> bind_aggregates(const std::vector<AggregateSpec>& specs, const Schema& input) {
  std::vector<BoundAggregate> out;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    BoundAggregate b;
    b.spec = specs[i];
    const std::string where = "aggregates[" + std::to_string(i) + "]";
    if (b.spec.as.empty()) return error(ErrorCode::invalid_argument, where + ": 'as' names the output field");
    if (b.spec.field.empty()) {
      if (b.spec.fn != AggFn::count) return error(ErrorCode::invalid_argument, where + ": this function needs a field");
      out.push_back(b);
      continue;
    }
    auto index = input.index_of(b.spec.field);
    if (!index) return error(ErrorCode::invalid_argument, where + ": unknown field '" + b.spec.field + "'");
    b.input = static_cast<int>(*index);
    b.input_type = input.field(*index).type;
    switch (b.spec.fn) {
      case AggFn::count:
      case AggFn::count_distinct: b.output_type = DataType::int64; break;
      case AggFn::sum:
        if (!is_numeric(b.input_type)) return error(ErrorCode::invalid_argument, where + ": sum needs a number field");
        b.output_type = b.input_type;
        break;
      case AggFn::avg:
        if (!is_numeric(b.input_type)) return error(ErrorCode::invalid_argument, where + ": avg needs a number field");
        b.output_type = DataType::float64;
        break;
      default: b.output_type = b.input_type; break;
    }
    out.push_back(b);
  }
  return out;
}

}  // namespace tributary::stream
