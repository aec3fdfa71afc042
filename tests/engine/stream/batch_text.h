// A batch as text, one "v1 v2 ..." line per row: how window tests compare results.
#pragma once

#include <QStringList>

#include "core/batch.h"

namespace tributary::testing {

inline QStringList rows_of(const Batch& b) {
  QStringList out;
  for (std::size_t r = 0; r < b.num_rows(); ++r) {
    QStringList cells;
    for (std::size_t c = 0; c < b.num_columns(); ++c)
      cells << QString::fromStdString(b.column(c).to_string(r));
    out << cells.join(' ');
  }
  return out;
}

}  // namespace tributary::testing
