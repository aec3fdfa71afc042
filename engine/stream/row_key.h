// The join key of a row, as bytes: equal keys give equal bytes, whatever column they come
// from, so that the two inputs of a join (or a stream and its lookup table) can meet in one
// hash map. Encoded straight from the columns into a reused buffer: no Value, no allocation
// once the buffer has grown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"
#include "core/status.h"

namespace tributary::stream {

class RowKey {
 public:
  // Binds key `fields` of `schema`. `what` names the parameter in errors ("left_key").
  static Result<RowKey> bind(const std::vector<std::string>& fields, const Schema& schema,
                             std::string_view what);
  // Checks that two bound keys can be compared: same number of fields, same types (int64 and
  // timestamp count as one type).
  static Status check_comparable(const RowKey& a, const Schema& a_schema, const RowKey& b,
                                 const Schema& b_schema);

  // Encodes row `row` of `batch`; false (and nothing useful in `out`) when a key field is
  // null: a null key matches nothing, as in SQL.
  bool encode(const Batch& batch, std::size_t row, std::string& out) const;
  const std::vector<std::size_t>& columns() const { return columns_; }

 private:
  std::vector<std::size_t> columns_;
};

// The fields a join adds to the left input's: the right input's fields minus its key fields;
// one whose name the left input already has is renamed `right_<name>`.
Schema joined_schema(const Schema& left, const Schema& right, const RowKey& right_key,
                     std::vector<std::size_t>& right_columns);

}  // namespace tributary::stream
