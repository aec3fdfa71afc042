// The `features` of an ML node: numeric expressions compiled once, evaluated a whole batch at
// a time into a row-major matrix that the models walk record by record.
#pragma once

#include <string>
#include <vector>

#include "core/batch.h"
#include "core/status.h"
#include "stream/expression.h"

namespace tributary::ml {

class FeatureSet {
 public:
  // Every expression must be int64 or double. Errors name the parameter:
  // "features: at least one feature is needed", "features[1]: ...".
  static Result<FeatureSet> compile(const std::vector<std::string>& texts, const Schema& input);

  std::size_t size() const { return exprs_.size(); }
  const std::string& text(std::size_t j) const { return exprs_[j].text(); }

  // Fills `values` with rows × size() doubles (row r at r * size()) and `problem` with one
  // entry per row: null when the row is usable, else the reason of its first feature that is
  // null ("null feature 'x * 2'") or not finite.
  void evaluate(const Batch& batch, std::vector<double>& values,
                std::vector<const std::string*>& problem) const;

 private:
  std::vector<stream::Expression> exprs_;
  std::vector<std::string> null_reason_, non_finite_reason_;
};

// A numeric or boolean column value as a double (bool: 0 or 1); the caller checks nulls.
double number_at(const Column& column, std::size_t row);

}  // namespace tributary::ml
