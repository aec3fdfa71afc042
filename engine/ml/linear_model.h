// ml.linreg and ml.logreg: linear models learnt online by stochastic gradient descent, one
// record at a time. Each record is predicted first and learnt from afterwards (prequential),
// so the output and the metrics measure the model on data it has not seen yet.
//
// With `standardize`, features go through a Standardizer (running mean and population
// variance); a record is predicted with the statistics of the records before it, then added
// to them, then learnt from as standardised by the updated statistics (the prediction is
// recomputed for the gradient), which is how a scaler followed by a model behaves in River.
// The update, with z the (standardised) features and g = prediction - label (for logistic
// regression g = probability - label, the gradient of the log loss):
//     w_j -= lr × (g z_j + l2 w_j),   b -= intercept_lr × g
// Metrics, over every record so far: MAE and RMSE (linreg); accuracy and log loss with the
// probability clipped to [1e-15, 1 - 1e-15] (logreg). See snapshot_json().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ml/model_state.h"

namespace tributary::ml {

struct LinearModelSpec {
  std::vector<std::string> features;  // numeric expressions
  std::string label;                  // expression: a number (linreg); 0/1 or a bool (logreg)
  double lr = 0.01;                   // learning rate of the weights, > 0
  double intercept_lr = 0.01;         // of the intercept, >= 0 (0 keeps it at 0)
  double l2 = 0.0;                    // L2 penalty of the weights (not the intercept), >= 0
  bool standardize = true;
};

// Output: the input fields, then `prediction` (double). Rows with a null feature or label
// are rejected ("null feature 'x'", "null label 'y'").
Result<std::unique_ptr<ModelOperator>> make_linreg(const LinearModelSpec& spec, const Schema& input);

// Output: the input fields, then `probability` (double, of label 1) and `prediction` (int64,
// 1 when probability >= 0.5). A label that is neither 0 nor 1 is rejected with a reason.
Result<std::unique_ptr<ModelOperator>> make_logreg(const LinearModelSpec& spec, const Schema& input);

}  // namespace tributary::ml
