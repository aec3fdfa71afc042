// Union of inputs: the schema check that decides whether inputs can be merged, and the
// per-input cast that makes their batches identical in layout before they are merged.
#include "stream/operator.h"

namespace tributary::stream {
namespace {

// The type two inputs' fields unify to, if any.
std::optional<DataType> unify(DataType a, DataType b) {
  if (a == b) return a;
  if (a == DataType::null) return b;
  if (b == DataType::null) return a;
  if (is_numeric(a) && is_numeric(b)) return DataType::float64;
  return std::nullopt;
}

class UnionCastOperator final : public Operator {
 public:
  UnionCastOperator(Schema schema, std::vector<std::size_t> sources)
      : schema_(std::move(schema)), sources_(std::move(sources)) {}
  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<Rejected>&) override {
    for (std::size_t c = 0; c < schema_.size(); ++c) {
      const Column& from = in.column(sources_[c]);
      Column& to = out.column(c);
      if (from.type() == to.type()) {
        for (std::size_t r = 0; r < in.num_rows(); ++r) to.append_from(from, r);
      } else if (from.type() == DataType::int64 && to.type() == DataType::float64) {
        for (std::size_t r = 0; r < in.num_rows(); ++r) {
          from.is_null(r) ? to.append_null()
                          : to.append_double(static_cast<double>(from.ints()[r]));
        }
      } else {  // a null-typed input column
        for (std::size_t r = 0; r < in.num_rows(); ++r) to.append_null();
      }
    }
  }

 private:
  Schema schema_;
  std::vector<std::size_t> sources_;  // input column of each output column
};

}  // namespace

Result<Schema> make_union_check(const std::vector<Schema>& inputs) {
  if (inputs.empty()) return error(ErrorCode::invalid_argument, "a union needs at least one input");
  std::vector<Field> fields = inputs.front().fields();
  for (std::size_t i = 1; i < inputs.size(); ++i) {
    const Schema& s = inputs[i];
    const std::string where = "input " + std::to_string(i + 1) + ": ";
    for (const auto& f : s.fields()) {
      if (!inputs.front().index_of(f.name))
        return error(ErrorCode::invalid_argument,
                     where + "field '" + f.name + "' is not in input 1");
    }
    for (auto& f : fields) {
      auto at = s.index_of(f.name);
      if (!at)
        return error(ErrorCode::invalid_argument, where + "field '" + f.name + "' is missing");
      const DataType other = s.field(*at).type;
      auto t = unify(f.type, other);
      if (!t) {
        return error(ErrorCode::invalid_argument, where + "field '" + f.name + "' is " +
                                                      type_name(other) + ", earlier inputs have " +
                                                      type_name(f.type));
      }
      f.type = *t;
    }
  }
  return Schema(std::move(fields));
}

Result<std::unique_ptr<Operator>> make_union_cast(const Schema& input, const Schema& unified) {
  std::vector<std::size_t> sources;
  if (input.size() != unified.size())
    return error(ErrorCode::invalid_argument, "union: the input does not have the union's fields");
  for (const auto& f : unified.fields()) {
    auto at = input.index_of(f.name);
    if (!at) return error(ErrorCode::invalid_argument, "union: field '" + f.name + "' is missing");
    const DataType from = input.field(*at).type;
    if (from != f.type && from != DataType::null &&
        !(from == DataType::int64 && f.type == DataType::float64)) {
      return error(ErrorCode::invalid_argument,
                   "union: field '" + f.name + "' cannot become " + type_name(f.type));
    }
    sources.push_back(*at);
  }
  return std::unique_ptr<Operator>(
      std::make_unique<UnionCastOperator>(unified, std::move(sources)));
}

namespace {

class UnionMerge final : public MergeOperator {
 public:
  UnionMerge(Schema schema, std::vector<std::unique_ptr<Operator>> casts)
      : schema_(std::move(schema)), casts_(std::move(casts)) {}
  const Schema& output_schema() const override { return schema_; }
  void process(std::size_t side, const Batch& in, Batch& out,
               std::vector<Rejected>& rejected) override {
    casts_[side]->process(in, out, rejected);
  }

 private:
  Schema schema_;
  std::vector<std::unique_ptr<Operator>> casts_;  // one per input
};

}  // namespace

Result<std::unique_ptr<MergeOperator>> make_union_merge(const std::vector<Schema>& inputs) {
  TRIB_ASSIGN_OR_RETURN(Schema unified, make_union_check(inputs));
  std::vector<std::unique_ptr<Operator>> casts;
  for (const auto& s : inputs) {
    TRIB_ASSIGN_OR_RETURN(auto cast, make_union_cast(s, unified));
    casts.push_back(std::move(cast));
  }
  return std::unique_ptr<MergeOperator>(
      std::make_unique<UnionMerge>(std::move(unified), std::move(casts)));
}

}  // namespace tributary::stream
