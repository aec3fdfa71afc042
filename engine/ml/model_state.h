// What the online models (ml.*) share: they are stream operators whose model can be shown to
// the UI and metrics while the job runs.
#pragma once

#include <string>

#include "stream/operator.h"

namespace tributary::ml {

// A snapshot of a model's state as one JSON object (centroids, weights, prequential metrics,
// counts). Not synchronised: call it between batches on the thread that drives the operator;
// the job hands the text to the UI.
class ModelState {
 public:
  virtual ~ModelState() = default;
  virtual std::string snapshot_json() const = 0;
};

class ModelOperator : public stream::Operator, public ModelState {
 public:
  std::string state_json() const override { return snapshot_json(); }
};

}  // namespace tributary::ml
