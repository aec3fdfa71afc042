// ml.anomaly: an anomaly score per record of the first feature, against the earlier values
// of the record's key (each key is its own series; no key = one series).
//
// zscore: an exponentially weighted mean and variance with weight `alpha`. The score is
// |x - mean| / std computed before x is folded in (a std of 0 counts as 1e-6; the first record
// of a key scores 0), then
//     diff = x - mean,  mean += alpha diff,  var = (1 - alpha) (var + alpha diff²)
// (the first record sets mean = x, var = 0).
// gaussian: the mean μ and population deviation σ of a window of the key's preceding values;
// score = 1 - Q(|x - μ| / σ) = erf(z / √2), Q(z) = P(|Z| >= z) the two-sided tail of the
// standard normal, so a value 3σ away scores 0.9973 (σ = 0 counts as 1e-6; no preceding value
// scores 0). Every value joins the window once scored; the window grows to
// `window` values, and when it holds `window` + `step` the oldest `step` are dropped at once
// (so it holds between `window` and `window` + `step` - 1 values once full). Its statistics
// are added to with Welford's update and recomputed from the values at each drop, so `step`
// > 1 makes the drop cheaper and the statistics never drift.
// anomaly = score >= threshold.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ml/model_state.h"

namespace tributary::ml {

struct AnomalySpec {
  std::vector<std::string> features;  // numeric expressions; the first is scored
  std::vector<std::string> key;       // fields; empty = one global series; nulls form a key
  std::string method = "zscore";      // zscore or gaussian
  std::int64_t window = 100;          // gaussian: >= 1
  std::int64_t step = 1;              // gaussian: in [1, window]
  double alpha = 0.1;                 // zscore: in (0, 1]
  std::optional<double> threshold;    // default 3 (zscore) or 0.997 (gaussian, about 3σ)
};

// Output: the input fields, then `score` (double) and `anomaly` (bool).
Result<std::unique_ptr<ModelOperator>> make_anomaly(const AnomalySpec& spec, const Schema& input);

}  // namespace tributary::ml
