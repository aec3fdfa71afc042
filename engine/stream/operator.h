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
  // A JSON object telling the operator's state for the metrics snapshot (a model's weights
  // and scores), or "" for nothing. Called between batches, on the task's thread.
  virtual std::string state_json() const { return {}; }
};

// filter: keeps the rows for which `expr` is true (null counts as false, as in SQL WHERE).
Result<std::unique_ptr<Operator>> make_filter(std::string_view expr, const Schema& input);

// map: computes fields `as = expr`; with `keep`, the input fields come first (a computed
// field with an input field's name replaces it).
struct MapField {
  std::string as;
  std::string expr;
};
Result<std::unique_ptr<Operator>> make_map(const std::vector<MapField>& fields, bool keep,
                                           const Schema& input);

}  // namespace tributary::stream

namespace tributary::stream {
struct WindowedAggregateSpec;
// window.*: a windowed aggregate; records late for one of their windows are rejected with
// reason "late" (and still counted in their other windows).
Result<std::unique_ptr<Operator>> make_window(const WindowedAggregateSpec& spec,
                                              const Schema& input);
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
Result<std::unique_ptr<Operator>> make_dedupe(const std::vector<std::string>& key_fields,
                                              std::string_view time_field, std::int64_t within_ms,
                                              const Schema& input);

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
Result<std::unique_ptr<Operator>> make_running_aggregate(
    const std::vector<std::string>& key_fields, const std::vector<AggregateSpec>& aggregates,
    EmitMode mode, const Schema& input);
}  // namespace tributary::stream

namespace tributary::stream {

// Where the inputs of a multi-input job meet: a union or a stream-stream join. One instance
// per task, i.e. per partition number: it sees partition p of every input.
class MergeOperator {
 public:
  virtual ~MergeOperator() = default;
  virtual const Schema& output_schema() const = 0;
  // The rows of one micro-batch of input `side`.
  virtual void process(std::size_t side, const Batch& in, Batch& out,
                       std::vector<Rejected>& rejected) = 0;
  virtual void end_batch(Batch& /*out*/) {}
  virtual void finish(Batch& /*out*/) {}
  virtual void save_changes(const std::string& /*op*/, StateChanges& /*out*/) {}
  virtual Status restore(std::string_view /*key*/, std::string_view /*value*/) { return {}; }
};

// union of a job's inputs (make_union_check's rules). Each micro-batch's rows come out input
// by input, in input order: the order between inputs follows how batches were cut.
Result<std::unique_ptr<MergeOperator>> make_union_merge(const std::vector<Schema>& inputs);

enum class JoinType { inner, left };

// transform.join: Kafka Streams' windowed KStream-KStream join. A left record L and a right
// record R with equal keys join when L.ts - before_ms <= R.ts <= L.ts + after_ms
// (JoinWindows). Each input has its own stream time (its largest event time so far in this
// partition); a record is late, and rejected with reason "late", when
//   left:  L.ts + after_ms + grace_ms  < left stream time,
//   right: R.ts + before_ms + grace_ms < right stream time.
// Results go out once the left record's join window is closed on both inputs, in order of
// (L.ts, L's arrival) and for one L in order of (R.ts, R's arrival): one row per match, and
// for a left join one row with null right fields when L found none. So the output is the same
// however the inputs' batches were cut (semantics.md, determinism); end of input flushes all.
// Output: the left fields, then the right fields but its key (right_<name> on a clash).
struct StreamJoinSpec {
  std::vector<std::string> left_key, right_key;
  std::string left_time_field, right_time_field;
  std::int64_t before_ms = 0, after_ms = 0, grace_ms = 0;
  JoinType type = JoinType::inner;
};
Result<std::unique_ptr<MergeOperator>> make_stream_join(const StreamJoinSpec& spec,
                                                        const std::vector<Schema>& inputs);

class LookupTable;
// transform.join with a table: each row of the stream is joined with the table row of equal
// key as the table is when the row's micro-batch starts (stream-table join, the table being
// the latest value per key of a topic). Inner: rows without a table row are dropped; left:
// they keep null table fields. Rows with a null key field match nothing. Output as for
// make_stream_join. Stateless: the job keeps the table.
Result<std::unique_ptr<Operator>> make_lookup_join(std::shared_ptr<const LookupTable> table,
                                                   const std::vector<std::string>& key,
                                                   JoinType type, const Schema& input);

}  // namespace tributary::stream
