// A columnar operator of a job's chain. One instance serves one task (one input partition);
// it is called once per batch, never per row.
#pragma once

#include <cstdint>
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

namespace tributary::stream {
struct AggregateSpec;
enum class EmitMode;  // final or update, as for windows (windowed_aggregate.h)

// transform.sql: `query` (one read-only SQLite SELECT) runs over each micro-batch, exposed as
// the table `input`. The query is prepared once: a bad query is an error here, with SQLite's
// message. Output types, per result column:
//   1. a column of `input` (possibly through subqueries): the input field's type;
//   2. else the expression's affinity when it has one (CAST(... AS INTEGER|REAL|TEXT)):
//      int64, double, string;
//   3. else the storage class of its first non-null value when the query runs once over a
//      few probe rows of sample values (INTEGER: int64, REAL: double, TEXT: string), so
//      that count(*), sum(int), upper(s) or v * 2 get their natural types;
//   4. else string.
// Values that do not fit their column's type are converted: numbers between int64 and
// double (as SQLite's CAST), anything to string as SQLite renders it, text that is not a
// number to null. Booleans go in as 0/1; only bool input columns come out as bool.
// A batch on which the query fails at run time (e.g. integer overflow in sum) produces no
// rows; every row of the batch is rejected with the SQLite message. Stateless.
Result<std::unique_ptr<Operator>> make_sql(std::string_view query, const Schema& input);

// transform.dedupe: keeps a record unless a record with the same key was seen within
// `within_ms` of its event time (|t - seen| <= within_ms, seen = the latest event time of
// any record of that key, kept or dropped). An empty `key_fields` means every field but the
// time field. A key is forgotten once stream time (the largest event time of this task)
// passes its latest time by more than `within_ms`; so an out-of-order duplicate that
// arrives after that is kept. Records without an event time are rejected ("no event time").
// Results do not depend on where batches are cut, nor on restarts from a checkpoint.
Result<std::unique_ptr<Operator>> make_dedupe(const std::vector<std::string>& key_fields, std::string_view time_field,
                                              std::int64_t within_ms, const Schema& input);

// Union of several inputs: they must have the same field names (in any order; the output
// has the first input's order) and the same types, except that int64 and double widen to
// double and a null-typed field takes the other inputs' type. Returns the output schema, or
// an error naming the first mismatch.
Result<Schema> make_union_check(const std::vector<Schema>& inputs);
// The per-input side of a union: reorders and casts the columns of `input` to `unified`
// (which make_union_check returned for a set of inputs that includes `input`).
Result<std::unique_ptr<Operator>> make_union_cast(const Schema& input, const Schema& unified);

// transform.aggregate: running aggregates per key, no window (state grows with the number
// of keys). Output: the key fields, then the aggregates. `update`: after each batch, one row
// per key whose aggregates changed; `final`: one row per key at the end of
// bounded input only. Rows come in a stable order (of encoded keys); first/last follow
// arrival order within the task.
Result<std::unique_ptr<Operator>> make_running_aggregate(const std::vector<std::string>& key_fields,
                                                         const std::vector<AggregateSpec>& aggregates, EmitMode mode,
                                                         const Schema& input);
}  // namespace tributary::stream
