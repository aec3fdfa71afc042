#include "ml/features.h"

#include <cmath>

namespace tributary::ml {

Result<FeatureSet> FeatureSet::compile(const std::vector<std::string>& texts, const Schema& input) {
  if (texts.empty()) return error(ErrorCode::invalid_argument, "features: at least one feature is needed");
  FeatureSet set;
  for (std::size_t j = 0; j < texts.size(); ++j) {
    const std::string what = "features[" + std::to_string(j) + "]";
    auto e = stream::Expression::compile(texts[j], input);
    if (!e.ok()) return error(ErrorCode::invalid_argument, what + ": " + e.status().message());
    if (!is_numeric(e->type())) {
      return error(ErrorCode::invalid_argument, what + ": '" + texts[j] + "' must be a number (int64 or double), not " +
                                                    type_name(e->type()));
    }
    set.null_reason_.push_back("null feature '" + texts[j] + "'");
    set.non_finite_reason_.push_back("feature '" + texts[j] + "' is not a finite number");
    set.exprs_.push_back(std::move(e).value());
  }
  return set;
}

void FeatureSet::evaluate(const Batch& batch, std::vector<double>& values,
                          std::vector<const std::string*>& problem) const {
  const std::size_t n = batch.num_rows();
  const std::size_t d = exprs_.size();
  values.resize(n * d);
  problem.assign(n, nullptr);
  for (std::size_t j = 0; j < d; ++j) {
    const Column c = exprs_[j].evaluate(batch);
    double* out = values.data() + j;
    if (c.type() == DataType::int64) {
      const std::int64_t* in = c.ints();
      for (std::size_t r = 0; r < n; ++r) out[r * d] = static_cast<double>(in[r]);
    } else if (c.type() == DataType::float64) {
      const double* in = c.doubles();
      for (std::size_t r = 0; r < n; ++r) out[r * d] = in[r];
    } else {  // an all-null column has no payload to read
      for (std::size_t r = 0; r < n; ++r) out[r * d] = 0.0;
    }
    // Features are checked in order, so a row's reason names its first bad feature.
    for (std::size_t r = 0; r < n; ++r) {
      if (problem[r]) continue;
      if (c.is_null(r)) {
        problem[r] = &null_reason_[j];
      } else if (!std::isfinite(out[r * d])) {
        problem[r] = &non_finite_reason_[j];  // NaN or infinity would poison the model for good
      }
    }
  }
}

double number_at(const Column& column, std::size_t row) {
  switch (column.type()) {
    case DataType::boolean: return column.bools()[row] ? 1.0 : 0.0;
    case DataType::int64:
    case DataType::timestamp: return static_cast<double>(column.ints()[row]);
    case DataType::float64: return column.doubles()[row];
    default: return 0.0;
  }
}

}  // namespace tributary::ml
