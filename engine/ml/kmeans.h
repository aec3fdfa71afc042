// ml.kmeans: streaming k-means with Spark MLlib's StreamingKMeans update rule, applied one
// record at a time.
//
// MLlib folds each micro-batch in at once: for a cluster with weight n, centre c and m new
// points of mean x, and decay a,
//     c' = (c n a + x m) / (n a + m),   n' = n a + m,
// with every cluster's weight discounted by a. That makes results depend on where batches
// are cut, so here every record is a mini-batch of one (m = 1): assigned to the nearest centre
// (Euclidean, lowest index on ties), then folded in at once after discounting all weights by
// a. This is the limit of MLlib's rule and gives the same model however the stream is cut.
//   - `decay` is that per-record a (MLlib's decayFactor with a batch of one point);
//   - `half_life` h, in records, gives a = exp(ln(0.5) / h) (MLlib's timeUnit "points"):
//     a record's weight halves after h more records.
// Initial centres are the first k distinct points: a point that matches no centre yet while
// fewer than k exist opens the next one (weight 0, so it becomes the point itself, with
// distance 0). After each record, once all k exist, MLlib's dying-cluster rule: if the
// smallest weight is below 1e-8 × the largest, both get the mean of the two weights and the
// smallest centre is replaced by a copy of the largest, the two nudged apart by
// ±1e-14 × max(|c_j|, 1) in each coordinate; `seed` picks which copy gets + per coordinate.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ml/model_state.h"

namespace tributary::ml {

struct KMeansSpec {
  std::vector<std::string> features;  // numeric expressions
  std::int64_t k = 2;
  std::optional<double> decay;      // in [0, 1]; 1 (the default) forgets nothing
  std::optional<double> half_life;  // records, > 0; give decay or half_life, not both
  std::uint64_t seed = 0;
};

// Output: the input fields, then `cluster` (int64, 0..k-1) and `distance` (double, from the
// record to its centre before the update).
Result<std::unique_ptr<ModelOperator>> make_kmeans(const KMeansSpec& spec, const Schema& input);

}  // namespace tributary::ml
