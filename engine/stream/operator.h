// A columnar operator of a job's chain. One instance serves one task (one input partition);
// it is called once per batch, never per row.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"
#include "core/status.h"
#include "stream/checkpoint_store.h"

namespace tributary::stream {

// An input row the operator could not use, with the reason (e.g. "late").
struct Rejected {
  std::size_t row;
  std::string reason;
};

class Operator {
 public:
  virtual ~Operator() = default;
  virtual const Schema& output_schema() const = 0;
  virtual void process(const Batch& in, Batch& out, std::vector<Rejected>& rejected) = 0;
  // End of a micro-batch (update-mode emission).
  virtual void end_batch(Batch& /*out*/) {}
  // End of bounded input: flush everything still held.
  virtual void finish(Batch& /*out*/) {}
  // Stateful operators checkpoint what changed since the last call, under id `op`.
  virtual void save_changes(const std::string& /*op*/, StateChanges& /*out*/) {}
  virtual Status restore(std::string_view /*key*/, std::string_view /*value*/) { return {}; }
};

// filter: keeps the rows for which `expr` is true (null counts as false, as in SQL WHERE).
Result<std::unique_ptr<Operator>> make_filter(std::string_view expr, const Schema& input);

// map: computes fields `as = expr`; with `keep`, the input fields come first (a computed
// field with an input field's name replaces it).
struct MapField {
  std::string as;
  std::string expr;
};
Result<std::unique_ptr<Operator>> make_map(const std::vector<MapField>& fields, bool keep, const Schema& input);

}  // namespace tributary::stream

namespace tributary::stream {
struct WindowedAggregateSpec;
// window.*: a windowed aggregate; records late for one of their windows are rejected with
// reason "late" (and still counted in their other windows).
Result<std::unique_ptr<Operator>> make_window(const WindowedAggregateSpec& spec, const Schema& input);
}  // namespace tributary::stream
