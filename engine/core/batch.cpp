#include "core/batch.h"

#include <cassert>

namespace tributary {

Batch::Batch(Schema schema) : schema_(std::move(schema)) {
  for (const auto& f : schema_.fields()) columns_.emplace_back(f.type);
}

void Batch::add_column(Field field, Column column) {
  assert(columns_.empty() || column.size() == num_rows());
  schema_.add(std::move(field));
  columns_.push_back(std::move(column));
}

Batch Batch::filter(const std::vector<std::uint8_t>& keep) const {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < num_rows(); ++i) kept += keep[i] != 0;
  Batch out;
  out.schema_ = schema_;
  out.rows_ = kept;
  for (const auto& c : columns_) out.columns_.push_back(c.filter(keep, kept));
  return out;
}

}  // namespace tributary
