// The output of an ML node: the input fields of every record it used, followed by the
// model's own fields (prediction, cluster, score...).
#pragma once

#include <cstdint>
#include <vector>

#include "core/batch.h"
#include "core/status.h"

namespace tributary::ml {

// The input fields, then `added`. A name the input already has is an error rather than a
// silent shadowing: rename the input field first (transform.map).
Result<Schema> model_output_schema(const Schema& input, const std::vector<Field>& added);

// Appends rows `rows[0..n)` of `in` (in order) to the first in.num_columns() columns of
// `out`; the model then appends its own columns.
void append_input_rows(const Batch& in, const std::vector<std::int64_t>& rows, Batch& out);

}  // namespace tributary::ml
