// A columnar batch: a schema and one Column per field, all of the same length.
#pragma once

#include <vector>

#include "core/column.h"
#include "core/types.h"

namespace tributary {

class Batch {
 public:
  Batch() = default;
  explicit Batch(Schema schema);

  const Schema& schema() const { return schema_; }
  std::size_t num_rows() const { return columns_.empty() ? rows_ : columns_.front().size(); }
  std::size_t num_columns() const { return columns_.size(); }
  const Column& column(std::size_t i) const { return columns_[i]; }
  Column& column(std::size_t i) { return columns_[i]; }
  void add_column(Field field, Column column);
  // Keeps the rows whose flag is non-zero.
  Batch filter(const std::vector<std::uint8_t>& keep) const;

 private:
  Schema schema_;
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
};

}  // namespace tributary
