// The stateless operators: filter and map, both driven by compiled expressions.
#include "stream/expression.h"
#include "stream/operator.h"

namespace tributary::stream {
namespace {

class FilterOperator final : public Operator {
 public:
  FilterOperator(Expression predicate, Schema schema) : predicate_(std::move(predicate)), schema_(std::move(schema)) {}
  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<Rejected>&) override {
    const Column keep_column = predicate_.evaluate(in);
    const std::size_t n = in.num_rows();
    keep_.assign(n, 0);
    const std::uint8_t* v = keep_column.bools();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
      keep_[i] = static_cast<std::uint8_t>(v[i] && !keep_column.is_null(i));
      kept += keep_[i];
    }
    if (kept == 0) return;
    if (out.num_rows() == 0) {  // the usual case: the selection becomes the output, no second copy
      out = in.filter(keep_);
      return;
    }
    const Batch selected = in.filter(keep_);
    for (std::size_t c = 0; c < selected.num_columns(); ++c) {
      for (std::size_t r = 0; r < selected.num_rows(); ++r) out.column(c).append_from(selected.column(c), r);
    }
  }

 private:
  Expression predicate_;
  Schema schema_;
  std::vector<std::uint8_t> keep_;
};

class MapOperator final : public Operator {
 public:
  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<Rejected>&) override {
    std::vector<Column> computed;
    computed.reserve(exprs_.size());
    for (const auto& e : exprs_) computed.push_back(e.evaluate(in));
    for (std::size_t c = 0; c < sources_.size(); ++c) {
      const Column& from = sources_[c].computed >= 0 ? computed[static_cast<std::size_t>(sources_[c].computed)]
                                                     : in.column(sources_[c].input);
      Column& to = out.column(c);
      for (std::size_t r = 0; r < in.num_rows(); ++r) to.append_from(from, r);
    }
  }

  static Result<std::unique_ptr<Operator>> create(const std::vector<MapField>& fields, bool keep, const Schema& input) {
    auto op = std::make_unique<MapOperator>();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      auto e = Expression::compile(fields[i].expr, input);
      if (!e.ok()) {
        return error(ErrorCode::invalid_argument, "fields[" + std::to_string(i) + "] (" + fields[i].as + "): " +
                                                      e.status().message());
      }
      op->exprs_.push_back(std::move(e).value());
    }
    if (keep) {
      for (std::size_t c = 0; c < input.size(); ++c) {
        op->schema_.add(input.field(c));
        op->sources_.push_back({c, -1});
      }
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const Field f{fields[i].as, op->exprs_[i].type() == DataType::null ? DataType::string : op->exprs_[i].type()};
      auto at = op->schema_.index_of(fields[i].as);
      if (at) {
        op->schema_ = replace_field(op->schema_, *at, f);
        op->sources_[*at] = {0, static_cast<int>(i)};
      } else {
        op->schema_.add(f);
        op->sources_.push_back({0, static_cast<int>(i)});
      }
    }
    return std::unique_ptr<Operator>(std::move(op));
  }

 private:
  struct Source {
    std::size_t input;
    int computed;  // index into exprs_, or -1 for an input column
  };
  static Schema replace_field(const Schema& s, std::size_t at, const Field& f) {
    std::vector<Field> fields = s.fields();
    fields[at] = f;
    return Schema(std::move(fields));
  }

  std::vector<Expression> exprs_;
  std::vector<Source> sources_;
  Schema schema_;
};

}  // namespace

Result<std::unique_ptr<Operator>> make_filter(std::string_view expr, const Schema& input) {
  auto e = Expression::compile(expr, input);
  if (!e.ok()) return error(ErrorCode::invalid_argument, "expr: " + e.status().message());
  if (e->type() != DataType::boolean && e->type() != DataType::null) {
    return error(ErrorCode::invalid_argument, std::string("expr: a filter needs a boolean expression, got ") + type_name(e->type()));
  }
  return std::unique_ptr<Operator>(std::make_unique<FilterOperator>(std::move(e).value(), input));
}

Result<std::unique_ptr<Operator>> make_map(const std::vector<MapField>& fields, bool keep, const Schema& input) {
  return MapOperator::create(fields, keep, input);
}

}  // namespace tributary::stream
